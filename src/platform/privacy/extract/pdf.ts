// Text of simple PDFs (ISO 32000-1): pages in tree order, content streams (FlateDecode or plain), fonts with a
// ToUnicode CMap or a simple single-byte encoding. Returns null whenever it cannot be sure of the text — encrypted
// files, unsupported filters, composite fonts without ToUnicode, scanned pages without text — so the caller asks
// the clerk to confirm they checked the attachment (issue 4 "The gate").
import { inflateRawSync, inflateSync } from 'node:zlib';

const MAX_STREAM_BYTES = 64 * 1024 * 1024;
const MAX_TREE_DEPTH = 32;

type PdfValue = number | boolean | null | PdfName | PdfString | PdfRef | PdfValue[] | PdfDict | PdfOp;
class PdfName {
  constructor(readonly name: string) {}
}
class PdfString {
  constructor(readonly bytes: string) {} // one char per byte (latin1)
}
class PdfRef {
  constructor(readonly num: number) {}
}
class PdfOp {
  constructor(readonly op: string) {}
}
type PdfDict = Map<string, PdfValue>;

class Unsupported extends Error {}

const WS = new Set(['\0', '\t', '\n', '\f', '\r', ' ']);
const DELIM = new Set(['(', ')', '<', '>', '[', ']', '{', '}', '/', '%']);

/** A lexer/parser over a latin1 string; used for object bodies and for content streams. */
class Parser {
  pos = 0;
  constructor(readonly s: string) {}

  private skipSpace(): void {
    const s = this.s;
    while (this.pos < s.length) {
      const c = s[this.pos] ?? '';
      if (WS.has(c)) this.pos++;
      else if (c === '%') {
        while (this.pos < s.length && s[this.pos] !== '\n' && s[this.pos] !== '\r') this.pos++;
      } else break;
    }
  }

  atEnd(): boolean {
    this.skipSpace();
    return this.pos >= this.s.length;
  }

  /** The next value; "n g R" becomes a reference. Returns undefined at the end. */
  next(): PdfValue | undefined {
    this.skipSpace();
    const s = this.s;
    if (this.pos >= s.length) return undefined;
    const c = s[this.pos] ?? '';
    if (c === '/') return this.name();
    if (c === '(') return this.literal();
    if (c === '<') {
      if (s[this.pos + 1] === '<') {
        this.pos += 2;
        return this.dict();
      }
      return this.hex();
    }
    if (c === '[') {
      this.pos++;
      const arr: PdfValue[] = [];
      for (;;) {
        this.skipSpace();
        if (this.pos >= s.length) throw new Unsupported('unterminated array');
        if (s[this.pos] === ']') {
          this.pos++;
          return arr;
        }
        const v = this.next();
        if (v === undefined) throw new Unsupported('unterminated array');
        arr.push(v);
      }
    }
    if (c === ']' || c === '>' || c === ')' || c === '{' || c === '}') {
      this.pos++;
      return new PdfOp(c);
    }
    const start = this.pos;
    while (this.pos < s.length && !WS.has(s[this.pos] ?? '') && !DELIM.has(s[this.pos] ?? '')) this.pos++;
    const word = s.slice(start, this.pos);
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) {
      const num = Number(word);
      // n g R
      if (/^\d+$/.test(word)) {
        const save = this.pos;
        const m = /^\s+(\d+)\s+R(?![^\s/<>[\]()%])/.exec(s.slice(this.pos, this.pos + 24));
        if (m) {
          this.pos = save + m[0].length;
          return new PdfRef(num);
        }
      }
      return num;
    }
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    return new PdfOp(word);
  }

  private name(): PdfName {
    const s = this.s;
    this.pos++;
    const start = this.pos;
    while (this.pos < s.length && !WS.has(s[this.pos] ?? '') && !DELIM.has(s[this.pos] ?? '')) this.pos++;
    return new PdfName(s.slice(start, this.pos).replace(/#([0-9a-fA-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))));
  }

  private literal(): PdfString {
    const s = this.s;
    this.pos++;
    let depth = 1;
    let out = '';
    while (this.pos < s.length) {
      const c = s[this.pos++] ?? '';
      if (c === '\\') {
        const e = s[this.pos++] ?? '';
        const map: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\' };
        if (map[e] !== undefined) out += map[e];
        else if (e >= '0' && e <= '7') {
          let oct = e;
          while (oct.length < 3 && (s[this.pos] ?? '') >= '0' && (s[this.pos] ?? '') <= '7') oct += s[this.pos++];
          out += String.fromCharCode(parseInt(oct, 8) & 0xff);
        } else if (e === '\r') {
          if (s[this.pos] === '\n') this.pos++;
        } else if (e !== '\n') out += e;
      } else if (c === '(') {
        depth++;
        out += c;
      } else if (c === ')') {
        if (--depth === 0) return new PdfString(out);
        out += c;
      } else out += c;
    }
    throw new Unsupported('unterminated string');
  }

  private hex(): PdfString {
    const s = this.s;
    const end = s.indexOf('>', this.pos);
    if (end < 0) throw new Unsupported('unterminated hex string');
    let h = s.slice(this.pos + 1, end).replace(/[^0-9a-fA-F]/g, '');
    this.pos = end + 1;
    if (h.length % 2) h += '0';
    let out = '';
    for (let i = 0; i < h.length; i += 2) out += String.fromCharCode(parseInt(h.slice(i, i + 2), 16));
    return new PdfString(out);
  }

  private dict(): PdfDict {
    const d: PdfDict = new Map();
    for (;;) {
      this.skipSpace();
      if (this.s.startsWith('>>', this.pos)) {
        this.pos += 2;
        return d;
      }
      const k = this.next();
      if (!(k instanceof PdfName)) throw new Unsupported('bad dictionary');
      const v = this.next();
      if (v === undefined) throw new Unsupported('unterminated dictionary');
      d.set(k.name, v);
    }
  }
}

interface PdfObject {
  value: PdfValue;
  stream?: Buffer;
}

function inflate(data: Buffer): Buffer {
  try {
    return inflateSync(data, { maxOutputLength: MAX_STREAM_BYTES });
  } catch {
    try {
      return inflateRawSync(data, { maxOutputLength: MAX_STREAM_BYTES });
    } catch {
      throw new Unsupported('bad flate stream');
    }
  }
}

function decodeStream(obj: PdfObject): Buffer {
  const raw = obj.stream ?? Buffer.alloc(0);
  const dict = obj.value instanceof Map ? obj.value : new Map<string, PdfValue>();
  const f = dict.get('Filter');
  const filters = f instanceof PdfName ? [f.name] : Array.isArray(f) ? f.map((x) => (x instanceof PdfName ? x.name : '?')) : [];
  let data = raw;
  for (const name of filters) {
    if (name === 'FlateDecode' || name === 'Fl') data = inflate(data);
    else throw new Unsupported(`filter ${name}`);
  }
  return data;
}

class PdfFile {
  readonly objects = new Map<number, PdfObject>();
  readonly s: string;

  constructor(buf: Buffer) {
    this.s = buf.toString('latin1');
    const re = /(?<!\d)(\d{1,10})\s{1,8}\d{1,5}\s{1,8}obj\b/g;
    for (let m = re.exec(this.s); m; m = re.exec(this.s)) {
      const num = Number(m[1]);
      const p = new Parser(this.s);
      p.pos = re.lastIndex;
      let value: PdfValue | undefined;
      try {
        value = p.next();
      } catch {
        continue;
      }
      if (value === undefined) continue;
      const obj: PdfObject = { value };
      const after = /^\s*stream\r?\n/.exec(this.s.slice(p.pos, p.pos + 32));
      if (after && value instanceof Map) {
        const start = p.pos + after[0].length;
        const len = value.get('Length');
        let end = typeof len === 'number' && this.s.startsWith('endstream', skipEol(this.s, start + len)) ? start + len : -1;
        if (end < 0) {
          end = this.s.indexOf('endstream', start);
          if (end < 0) continue;
          if (this.s[end - 1] === '\n') end--;
          if (this.s[end - 1] === '\r') end--;
        }
        obj.stream = buf.subarray(start, end);
        re.lastIndex = end;
      } else re.lastIndex = p.pos;
      this.objects.set(num, obj);
    }
    this.expandObjectStreams();
  }

  private expandObjectStreams(): void {
    for (const obj of [...this.objects.values()]) {
      const d = obj.value;
      if (!(d instanceof Map) || !(d.get('Type') instanceof PdfName) || (d.get('Type') as PdfName).name !== 'ObjStm') continue;
      const data = decodeStream(obj).toString('latin1');
      const n = Number(d.get('N'));
      const first = Number(d.get('First'));
      const head = new Parser(data.slice(0, first));
      const pairs: number[] = [];
      for (let i = 0; i < n * 2; i++) pairs.push(Number(head.next()));
      for (let i = 0; i < n; i++) {
        const num = pairs[i * 2] ?? -1;
        if (this.objects.has(num)) continue;
        const p = new Parser(data);
        p.pos = first + (pairs[i * 2 + 1] ?? 0);
        const v = p.next();
        if (v !== undefined) this.objects.set(num, { value: v });
      }
    }
  }

  resolve(v: PdfValue | undefined): PdfValue | undefined {
    let cur = v;
    for (let i = 0; i < 8 && cur instanceof PdfRef; i++) cur = this.objects.get(cur.num)?.value;
    return cur;
  }

  dict(v: PdfValue | undefined): PdfDict | undefined {
    const r = this.resolve(v);
    return r instanceof Map ? r : undefined;
  }

  isEncrypted(): boolean {
    return /\/Encrypt\s/.test(this.s.slice(Math.max(0, this.s.length - 4096))) || /trailer[\s\S]{0,512}\/Encrypt\b/.test(this.s);
  }

  /** Page dictionaries in document order, each with its inherited resources. */
  pages(): { page: PdfDict; resources: PdfDict | undefined }[] {
    let root: PdfDict | undefined;
    for (const o of this.objects.values()) {
      if (o.value instanceof Map && o.value.get('Type') instanceof PdfName && (o.value.get('Type') as PdfName).name === 'Catalog') root = o.value;
    }
    const out: { page: PdfDict; resources: PdfDict | undefined }[] = [];
    const walk = (node: PdfDict | undefined, inherited: PdfDict | undefined, depth: number): void => {
      if (!node || depth > MAX_TREE_DEPTH) return;
      const resources = this.dict(node.get('Resources')) ?? inherited;
      const kids = this.resolve(node.get('Kids'));
      if (Array.isArray(kids)) for (const k of kids) walk(this.dict(k), resources, depth + 1);
      else out.push({ page: node, resources });
    };
    walk(this.dict(root?.get('Pages')), undefined, 0);
    return out;
  }

  stream(v: PdfValue | undefined): Buffer | undefined {
    if (!(v instanceof PdfRef)) return undefined;
    const o = this.objects.get(v.num);
    return o?.stream ? decodeStream(o) : undefined;
  }
}

function skipEol(s: string, i: number): number {
  let p = i;
  while (s[p] === '\r' || s[p] === '\n' || s[p] === ' ') p++;
  return p;
}

interface FontDecoder {
  width: 1 | 2;
  map: Map<number, string> | null; // null: single-byte fallback (latin1)
}

function utf16be(bytes: string): string {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) out += String.fromCharCode((bytes.charCodeAt(i) << 8) | bytes.charCodeAt(i + 1));
  return out;
}

function codeOf(bytes: string): number {
  let c = 0;
  for (let i = 0; i < bytes.length; i++) c = c * 256 + bytes.charCodeAt(i);
  return c;
}

/** A ToUnicode CMap: codespace width, bfchar and bfrange entries. */
function parseToUnicode(cmap: string): FontDecoder {
  const map = new Map<number, string>();
  const p = new Parser(cmap);
  let width: 1 | 2 = 2;
  const stack: PdfValue[] = [];
  let mode = '';
  while (!p.atEnd()) {
    const v = p.next();
    if (v instanceof PdfOp) {
      if (v.op === 'begincodespacerange' || v.op === 'beginbfchar' || v.op === 'beginbfrange') {
        mode = v.op;
        stack.length = 0;
      } else if (v.op === 'endcodespacerange') {
        const lo = stack[0];
        if (lo instanceof PdfString) width = lo.bytes.length === 1 ? 1 : 2;
        mode = '';
      } else if (v.op === 'endbfchar') {
        for (let i = 0; i + 1 < stack.length; i += 2) {
          const src = stack[i];
          const dst = stack[i + 1];
          if (src instanceof PdfString && dst instanceof PdfString) map.set(codeOf(src.bytes), utf16be(dst.bytes));
        }
        mode = '';
      } else if (v.op === 'endbfrange') {
        for (let i = 0; i + 2 < stack.length; i += 3) {
          const lo = stack[i];
          const hi = stack[i + 1];
          const dst = stack[i + 2];
          if (!(lo instanceof PdfString) || !(hi instanceof PdfString)) continue;
          const a = codeOf(lo.bytes);
          const b = Math.min(codeOf(hi.bytes), a + 0xffff);
          if (dst instanceof PdfString) {
            const base = utf16be(dst.bytes);
            const last = base.charCodeAt(base.length - 1);
            for (let c = a; c <= b; c++) map.set(c, base.slice(0, -1) + String.fromCharCode(last + (c - a)));
          } else if (Array.isArray(dst)) {
            dst.forEach((d, k) => {
              if (d instanceof PdfString) map.set(a + k, utf16be(d.bytes));
            });
          }
        }
        mode = '';
      }
    } else if (mode && v !== undefined) stack.push(v);
  }
  return { width, map };
}

function fontDecoder(file: PdfFile, font: PdfDict): FontDecoder {
  const tu = file.stream(font.get('ToUnicode'));
  if (tu) return parseToUnicode(tu.toString('latin1'));
  const subtype = file.resolve(font.get('Subtype'));
  if (subtype instanceof PdfName && subtype.name === 'Type0') throw new Unsupported('composite font without ToUnicode');
  return { width: 1, map: null };
}

function decodeText(bytes: string, font: FontDecoder): string {
  if (!font.map) return bytes; // WinAnsi ≈ latin1 for the characters that matter here (digits, letters, @)
  let out = '';
  for (let i = 0; i + font.width <= bytes.length; i += font.width) {
    const code = codeOf(bytes.slice(i, i + font.width));
    out += font.map.get(code) ?? '';
  }
  return out;
}

function pageText(file: PdfFile, page: PdfDict, resources: PdfDict | undefined): string {
  const contents = page.get('Contents');
  const refs = Array.isArray(contents) ? contents : contents === undefined ? [] : [contents];
  const data = refs.map((r) => file.stream(r)?.toString('latin1') ?? '').join('\n');
  const fonts = file.dict(resources?.get('Font'));
  const decoders = new Map<string, FontDecoder>();
  const p = new Parser(data);
  const operands: PdfValue[] = [];
  let font: FontDecoder = { width: 1, map: null };
  let out = '';
  let lastY: number | null = null;
  const newline = (): void => {
    if (out && !out.endsWith('\n')) out += '\n';
  };
  while (!p.atEnd()) {
    const v = p.next();
    if (!(v instanceof PdfOp)) {
      if (v !== undefined) operands.push(v);
      continue;
    }
    switch (v.op) {
      case 'Tf': {
        const name = operands[operands.length - 2];
        if (name instanceof PdfName) {
          let dec = decoders.get(name.name);
          if (!dec) {
            const fd = file.dict(fonts?.get(name.name));
            dec = fd ? fontDecoder(file, fd) : { width: 1, map: null };
            decoders.set(name.name, dec);
          }
          font = dec;
        }
        break;
      }
      case 'Tj':
      case "'":
      case '"': {
        if (v.op !== 'Tj') newline();
        const str = operands[operands.length - 1];
        if (str instanceof PdfString) out += decodeText(str.bytes, font);
        break;
      }
      case 'TJ': {
        const arr = operands[operands.length - 1];
        if (Array.isArray(arr)) {
          for (const item of arr) {
            if (item instanceof PdfString) out += decodeText(item.bytes, font);
            else if (typeof item === 'number' && item < -250 && font.map === null) out += ' ';
          }
        }
        break;
      }
      case 'Td':
      case 'TD': {
        const ty = operands[operands.length - 1];
        if (typeof ty === 'number' && ty !== 0) newline();
        break;
      }
      case 'Tm': {
        const y = operands[operands.length - 1];
        if (typeof y === 'number') {
          if (lastY !== null && Math.abs(y - lastY) > 0.5) newline();
          lastY = y;
        }
        break;
      }
      case 'T*':
        newline();
        break;
      case 'ET':
        break;
      case 'ID': {
        // inline image data: skip to EI
        const ei = data.indexOf('EI', p.pos);
        p.pos = ei < 0 ? data.length : ei + 2;
        break;
      }
      default:
        break;
    }
    operands.length = 0;
  }
  return out;
}

/** The text of a PDF, or null when it cannot be extracted with confidence. */
export function pdfText(buf: Buffer): string | null {
  if (buf.subarray(0, 1024).toString('latin1').indexOf('%PDF-') < 0) return null;
  try {
    const file = new PdfFile(buf);
    if (file.isEncrypted()) return null;
    const pages = file.pages();
    if (pages.length === 0) return null;
    const text = pages.map((pg) => pageText(file, pg.page, pg.resources)).join('\n');
    return text.trim().length > 0 ? text : null;
  } catch (err) {
    if (err instanceof Unsupported || err instanceof RangeError) return null;
    throw err;
  }
}
