// 发文字号 (document number): 机关代字 + 〔年份〕 + 发文顺序号 + 号.
// 党政机关公文处理工作条例 第九条（五）: 由发文机关代字、年份、发文顺序号组成。
// GB/T 9704-2012 §7.2.5: 年份应标全称，用六角括号“〔〕”括入；发文顺序号不加“第”字，不编虚位（即1不编为01），
// 在阿拉伯数字后加“号”字。 Older local metadata used [] or () (disclosure-rules.md §7), so those are
// accepted on input and stored in the 〔〕 form.

export interface DocumentNumber {
  /** 机关代字, e.g. 渝府办发 */
  prefix: string;
  year: number;
  /** 发文顺序号 */
  serial: number;
  /** The GB/T 9704 form: 渝府办发〔2018〕76号 */
  normalized: string;
}

export type DocumentNumberResult = { ok: true; value: DocumentNumber } | { ok: false; reason: string };

/** Bracket pairs seen around the year on input; all are stored as 〔〕. */
const OPEN = '〔[(（【［〖';
const CLOSE = '〕])）】］〗';

export const MIN_DOCUMENT_YEAR = 1949;
export const MAX_DOCUMENT_YEAR = 2100;
const MAX_PREFIX_LENGTH = 20;

/** Full-width digits (０-９) to ASCII; full-width and ideographic spaces removed with the rest of the whitespace. */
export function toAsciiDigits(text: string): string {
  return text.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48));
}

function cleanInput(raw: string): string {
  return toAsciiDigits(raw.normalize('NFC')).replace(/[\s\u3000]+/g, '');
}

export function formatDocumentNumber(prefix: string, year: number, serial: number): string {
  return `${prefix}〔${year}〕${serial}号`;
}

const PREFIX = /^[\p{Script=Han}A-Za-z0-9]+$/u;
const HAS_HAN = /\p{Script=Han}/u;

/**
 * Parses a 发文字号 strictly (as typed into a form or found in a document's 版头): brackets may be any of
 * 〔〕 [] () （） 【】 and digits may be full-width, but the GB/T 9704 rules on the year and the serial hold.
 */
export function parseDocumentNumber(raw: string): DocumentNumberResult {
  const s = cleanInput(raw);
  if (s === '') return { ok: false, reason: '发文字号不能为空' };
  const openAt = [...s].findIndex((c) => OPEN.includes(c));
  if (openAt < 0) return { ok: false, reason: '发文字号缺少年份括号，应写作“机关代字〔年份〕顺序号”加“号”字，如 渝府办发〔2018〕76号' };
  const chars = [...s];
  const prefix = chars.slice(0, openAt).join('');
  const rest = chars.slice(openAt + 1);
  const closeAt = rest.findIndex((c) => CLOSE.includes(c));
  if (prefix === '') return { ok: false, reason: '发文字号缺少机关代字' };
  if (!PREFIX.test(prefix) || !HAS_HAN.test(prefix)) return { ok: false, reason: `机关代字“${prefix}”只能由汉字、字母和数字组成，且至少含一个汉字` };
  if ([...prefix].length > MAX_PREFIX_LENGTH) return { ok: false, reason: `机关代字不能超过 ${MAX_PREFIX_LENGTH} 个字` };
  if (closeAt < 0) return { ok: false, reason: '发文字号的年份括号没有闭合' };
  const openChar = chars[openAt] ?? '';
  const closeChar = rest[closeAt] ?? '';
  if (OPEN.indexOf(openChar) !== CLOSE.indexOf(closeChar)) return { ok: false, reason: `年份括号“${openChar}${closeChar}”不成对` };
  const yearText = rest.slice(0, closeAt).join('');
  const tail = rest.slice(closeAt + 1).join('');
  if (!/^\d+$/.test(yearText)) return { ok: false, reason: `年份“${yearText}”应为阿拉伯数字` };
  // GB/T 9704-2012 §7.2.5: 年份应标全称
  if (yearText.length !== 4) return { ok: false, reason: `年份应标全称（4 位），不能写作“${yearText}”` };
  const year = Number(yearText);
  if (year < MIN_DOCUMENT_YEAR || year > MAX_DOCUMENT_YEAR) return { ok: false, reason: `年份 ${year} 不在 ${MIN_DOCUMENT_YEAR}—${MAX_DOCUMENT_YEAR} 之间` };
  // GB/T 9704-2012 §7.2.5: 发文顺序号不加“第”字 … 在阿拉伯数字后加“号”字
  if (tail.startsWith('第')) return { ok: false, reason: '发文顺序号不加“第”字' };
  if (tail === '') return { ok: false, reason: '发文字号缺少发文顺序号' };
  if (!tail.endsWith('号')) return { ok: false, reason: '发文顺序号后应加“号”字' };
  const serialText = tail.slice(0, -1);
  if (!/^\d+$/.test(serialText)) return { ok: false, reason: `发文顺序号“${serialText}”应为阿拉伯数字` };
  // GB/T 9704-2012 §7.2.5: 不编虚位（即1不编为01）
  if (serialText.startsWith('0')) return { ok: false, reason: serialText === '0' || /^0+$/.test(serialText) ? '发文顺序号从 1 开始' : `发文顺序号不编虚位，应写作 ${Number(serialText)} 而非 ${serialText}` };
  if (serialText.length > 6) return { ok: false, reason: '发文顺序号过长' };
  const serial = Number(serialText);
  return { ok: true, value: { prefix, year, serial, normalized: formatDocumentNumber(prefix, year, serial) } };
}

export function isValidDocumentNumber(raw: string): boolean {
  return parseDocumentNumber(raw).ok;
}

// Lenient reading for lookup: whichever bracket or none, an optional 第/年, leading zeros, an optional 号, spaces.
const LOOKUP = new RegExp(
  `^([\\p{Script=Han}A-Za-z][\\p{Script=Han}A-Za-z0-9]{0,${MAX_PREFIX_LENGTH - 1}}?)` +
    `[\\s\\u3000]*(?:[${escape(OPEN)}][\\s\\u3000]*(\\d{4})[\\s\\u3000]*[${escape(CLOSE)}]|(\\d{4})年?(?=[\\s\\u3000第]|$)|(\\d{4})年)` +
    `[\\s\\u3000]*第?[\\s\\u3000]*(\\d{1,7})[\\s\\u3000]*号?$`,
  'u',
);

function escape(chars: string): string {
  return chars.replace(/[\]\\[()^-]/g, (c) => `\\${c}`);
}

/**
 * The search key of a 文号 as people type it: `渝府办发〔2018〕76号`, `渝府办发[2018]76号`, `渝府办发2018 76`
 * and `渝府办发（2018）第076号` all give `渝府办发〔2018〕76号`. Null when the text does not read as a 文号.
 */
export function documentNumberLookupKey(raw: string): string | null {
  const s = toAsciiDigits(raw.normalize('NFC')).trim().replace(/[\s\u3000]+/g, ' ');
  const m = LOOKUP.exec(s);
  if (!m) return null;
  const prefix = m[1] ?? '';
  const yearText = m[2] ?? m[3] ?? m[4] ?? '';
  const serial = Number(m[5]);
  if (prefix.includes(' ') || !HAS_HAN.test(prefix) || serial === 0) return null;
  const year = Number(yearText);
  if (year < MIN_DOCUMENT_YEAR || year > MAX_DOCUMENT_YEAR) return null;
  return formatDocumentNumber(prefix, year, serial);
}

// A 文种 at the end of a run-together title ("…的通知渝府办发〔2018〕76号") is not part of the 代字.
const TITLE_END = /^.*的(?:通知|通报|意见|决定|决议|命令|公报|公告|通告|报告|请示|批复|议案|函|纪要|办法|规定|方案|要点|规划|细则|计划)/u;
const IN_TEXT_PREFIX_LENGTH = 12;

/**
 * Finds a 发文字号 inside running text (a scraped page): the first `代字〔YYYY〕N号` with any accepted bracket.
 * A title run into the 代字 is cut off at its 文种. Returns the strict parse, or null when none is found.
 */
export function findDocumentNumber(text: string): { value: DocumentNumber; index: number; length: number } | null {
  const re = new RegExp(`([\\p{Script=Han}A-Za-z]{1,${MAX_PREFIX_LENGTH * 2}})[${escape(OPEN)}]\\s*([0-9０-９]{4})\\s*[${escape(CLOSE)}]\\s*([0-9０-９]{1,6})\\s*号`, 'gu');
  for (const m of text.matchAll(re)) {
    const prefix = (m[1] ?? '').replace(TITLE_END, '');
    if ([...prefix].length > IN_TEXT_PREFIX_LENGTH) continue;
    const parsed = parseDocumentNumber(prefix + m[0].slice((m[1] ?? '').length));
    if (!parsed.ok) continue;
    const start = m.index + (m[1] ?? '').length - prefix.length;
    return { value: parsed.value, index: start, length: m.index + m[0].length - start };
  }
  return null;
}
