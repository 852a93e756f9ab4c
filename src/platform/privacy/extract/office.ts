// Text of Office Open XML documents: DOCX (word/document.xml, headers, footers, notes, comments) and XLSX (shared
// strings and cell values). Regular expressions here have one bounded, delimiter-terminated quantifier each.
import { readZipEntries, readZipEntry, type ZipEntry } from './zip.ts';

const MAX_PART_BYTES = 64 * 1024 * 1024;

export function decodeXmlEntities(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g, (_m, e: string) => {
    switch (e) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'amp':
        return '&';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default: {
        const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
      }
    }
  });
}

/** Paragraph text of one WordprocessingML part. */
export function wordXmlText(xml: string): string {
  let out = '';
  const re = /<w:t(?:\s[^>]{0,2000})?>([^<]*)<\/w:t>|<w:(?:tab|br|cr)\b[^>]{0,2000}>|<\/w:p>/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const tag = m[0];
    if (m[1] !== undefined) out += decodeXmlEntities(m[1]);
    else if (tag === '</w:p>') out += '\n';
    else out += tag.startsWith('<w:tab') ? '\t' : '\n';
  }
  return out;
}

function partText(buf: Buffer, entries: ZipEntry[], name: string): string | null {
  const e = entries.find((x) => x.name === name);
  if (!e) return null;
  const data = readZipEntry(buf, e, MAX_PART_BYTES);
  return data ? data.toString('utf8') : null;
}

const WORD_PARTS = /^word\/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$/;

/** The text of a .docx, body first; null when the archive or its main part cannot be read. */
export function docxText(buf: Buffer): string | null {
  const entries = readZipEntries(buf);
  if (!entries) return null;
  const body = partText(buf, entries, 'word/document.xml');
  if (body === null) return null;
  const parts = [wordXmlText(body)];
  for (const e of entries) {
    if (e.name === 'word/document.xml' || !WORD_PARTS.test(e.name)) continue;
    const xml = partText(buf, entries, e.name);
    if (xml === null) return null;
    parts.push(wordXmlText(xml));
  }
  return parts.join('\n');
}

interface XmlElement {
  attrs: string;
  inner: string;
}

/** Elements <tag …>…</tag> or <tag …/> in order, found with indexOf only (linear even on malformed input). */
function elements(xml: string, tag: string): XmlElement[] {
  const out: XmlElement[] = [];
  const open = `<${tag}`;
  const close = `</${tag}>`;
  let pos = 0;
  for (;;) {
    const i = xml.indexOf(open, pos);
    if (i < 0) break;
    const next = xml[i + open.length];
    if (next !== ' ' && next !== '>' && next !== '/') {
      pos = i + open.length;
      continue;
    }
    const gt = xml.indexOf('>', i);
    if (gt < 0) break;
    const attrs = xml.slice(i + open.length, gt);
    if (attrs.endsWith('/')) {
      out.push({ attrs, inner: '' });
      pos = gt + 1;
      continue;
    }
    const end = xml.indexOf(close, gt);
    if (end < 0) break;
    out.push({ attrs, inner: xml.slice(gt + 1, end) });
    pos = end + close.length;
  }
  return out;
}

/** The text of an .xlsx: every cell, tab-separated, one row per line, sheet after sheet. */
export function xlsxText(buf: Buffer): string | null {
  const entries = readZipEntries(buf);
  if (!entries) return null;
  const sst = partText(buf, entries, 'xl/sharedStrings.xml');
  const shared = sst === null ? [] : elements(sst, 'si').map((e) => runsText(e.inner));
  const sheets = entries
    .filter((e) => /^xl\/worksheets\/sheet\d+\.xml$/.test(e.name))
    .sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
  if (sheets.length === 0) return null;
  const lines: string[] = [];
  for (const s of sheets) {
    const xml = partText(buf, entries, s.name);
    if (xml === null) return null;
    for (const row of elements(xml, 'row')) {
      const cells: string[] = [];
      for (const c of elements(row.inner, 'c')) {
        const v = elements(c.inner, 'v')[0]?.inner;
        if (/\bt="s"/.test(c.attrs) && v !== undefined) cells.push(shared[Number(v)] ?? '');
        else if (/\bt="inlineStr"/.test(c.attrs)) cells.push(runsText(c.inner));
        else if (v !== undefined) cells.push(decodeXmlEntities(v));
      }
      lines.push(cells.join('\t'));
    }
  }
  return lines.join('\n');
}

function runsText(xml: string): string {
  return elements(xml, 't').map((t) => decodeXmlEntities(t.inner)).join('');
}
