// Identifiers written with digits and Latin letters: 身份证, 手机, 固定电话, 银行卡, 护照/通行证, 车牌.
// A hand-written tokenizer walks the text once and cuts maximal runs of digits and letters; each run (or a short
// chain of runs joined by one space or hyphen, "138 1234 5678") is checked against the rules. No regular
// expression ever sees more than a 25-character token, so long digit runs cannot cause backtracking.
// Rules: ../shared/law/service-rules.md §4 (GB 11643, GB 32100, GB 11714, GA 36-2018, Luhn).
import { isValidCreditCode, isValidIdCard, isValidLegacyIdCard, isValidMobile } from '../text/identifiers.ts';
import { codeTable, isAsciiLetterCode, isDigitCode, isHanCode, labelStart, WordIndex } from './chars.ts';
import type { Range } from './emails.ts';
import type { Finding, FindingType } from './finding.ts';
import { isLuhnValid } from './luhn.ts';

interface Token {
  start: number;
  end: number;
  /** upper-case, ASCII digits; empty when the run is longer than MAX_TOKEN (it can be nothing we look for) */
  norm: string;
  allDigits: boolean;
}

const MAX_TOKEN = 25;

/** 省级行政区划代码 (GB/T 2260), the first two digits of a 公民身份号码; 81–83 are 港澳台居民居住证. */
const PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82', '83',
]);

/** 省、自治区、直辖市简称 on 号牌 (GA 36-2018). */
const PLATE_PROVINCES = new Set([...'京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼']);
const PLATE_PROVINCE_CODES = codeTable(PLATE_PROVINCES);
const PLATE_SUFFIXES = new Set([...'挂学警港澳']);
const PLATE_LETTER = /^[A-HJ-NP-Z]$/;
const PLATE_ORDINARY = /^[A-HJ-NP-Z][A-HJ-NP-Z0-9]{5}$/;
const PLATE_SHORT = /^[A-HJ-NP-Z][A-HJ-NP-Z0-9]{4}$/; // followed by 挂/学/警/港/澳
const PLATE_NEW_ENERGY = /^[A-HJ-NP-Z](?:[DF][A-HJ-NP-Z0-9][0-9]{4}|[0-9]{5}[DF])$/;

/** Count of ASCII digits from i to the end of s, or -1 if anything else appears. */
function digitsFrom(s: string, i: number): number {
  for (let k = i; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c < 48 || c > 57) return -1;
  }
  return s.length - i;
}

/** I and O are not used after the first letter (like plates), so "EA1234567" but not "EO1234567". */
function isSerialLetter(c: number): boolean {
  return c >= 65 && c <= 90 && c !== 73 && c !== 79;
}

/**
 * 护照 E+8 digits / E+letter+7 / G+8 (older); 往来港澳通行证 C+8 / C+letter+7, W+8 (older); 往来台湾通行证 L+8;
 * 港澳居民来往内地通行证 H/M + 8 or 10 digits. Checked on char codes, no regular expression.
 */
function isPassportNumber(d: string): boolean {
  const first = d[0];
  const len = d.length;
  if (len === 9 && (first === 'E' || first === 'C') && isSerialLetter(d.charCodeAt(1)) && digitsFrom(d, 2) === 7) return true;
  const digits = digitsFrom(d, 1);
  if (digits === 8) return first === 'E' || first === 'G' || first === 'C' || first === 'W' || first === 'L' || first === 'H' || first === 'M';
  return digits === 10 && (first === 'H' || first === 'M');
}

/** One or two capitals and 6–10 digits: a passport-like number, reported only under a passport label. */
function isLoosePassport(d: string): boolean {
  const c1 = d.charCodeAt(1);
  const letters = c1 >= 65 && c1 <= 90 ? 2 : 1;
  const digits = digitsFrom(d, letters);
  return d.charCodeAt(0) >= 65 && d.charCodeAt(0) <= 90 && digits >= 6 && digits <= 10;
}
const PASSPORT_LABELS = new WordIndex(['护照', '通行证', '回乡证', '台胞证', '旅行证', '居民来往', '往来港澳', '往来台湾']);
const TAIWAN_LABELS = new WordIndex(['台胞证', '台湾居民来往', '来往大陆']);

/** Labels that say the number is a document, ticket or case number — 文号、索引号、工单号、案号 are public (issue 4). */
const NUMBER_LABELS = new WordIndex([
  '工单', '单号', '编号', '编码', '流水号', '受理号', '案号', '案件号', '文号', '索引号', '批次', '订单', '运单', '快递',
  '发票', '票号', '合同号', '登记号', '备案号', '许可证号', '证书号', '信用代码', '机构代码', '税号', '识别号', '注册号',
  '序号', '批准号', '标准号', '工号', '代码', '条码', '邮编', '邮政编码', '统计',
]);
/** Labels that say the number is personal; they win over NUMBER_LABELS ("证件编号"). */
const PERSONAL_LABELS = new WordIndex(['身份证', '证件', '公民身份', '卡号', '账号', '账户', '帐号', '银行', '手机', '电话', '联系方式', '护照', '通行证', '回乡证', '台胞证']);
/** An agency's published numbers: 咨询电话、监督电话、办公电话 … (issue 4 "What it must NOT report"). */
const AGENCY_PHONE_LABELS = new WordIndex([
  '咨询电话', '监督电话', '办公电话', '投诉电话', '举报电话', '服务电话', '值班电话', '受理电话', '报名电话', '咨询热线',
  '服务热线', '举报热线', '投诉热线', '监督热线', '传真', '办公室电话', '热线电话',
]);
const BANK_LABELS = new WordIndex(['卡号', '银行账号', '银行帐号', '账号', '帐号', '银行卡', '账户', '开户行', '存折']);

const SEPARATORS = codeTable([' ', '-', '－', '\u00a0', '—', '–']);
const PLATE_JOINERS = codeTable(['·', '•', ' ', '.', '．', '-']);

/**
 * Runs of two or more digits and letters (ASCII, full-width digits), or a province and a lone letter before a joiner
 * (渝A·12345; the run then starts after the province).
 * Simple classes, so V8 skips Chinese text natively; single characters (1-1-1…) never reach the code below.
 */
const RUN = /[0-9A-Za-z\uff10-\uff19]{2,}|[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Za-z](?=[\u00b7\u2022 .\uff0e-])/g;

/**
 * Can a value start with this run? A run of 8+ (IDs, mobiles, cards, landlines, tickets), a run of 5+ starting with a
 * letter (passports, plates, codes), the first group of a grouped number (138 1234…, 023-…, 6222 0212…, +86 …), or
 * a lone letter after a province (渝A·12345). Years, days and counts cannot.
 */
function mayStartValue(text: string, start: number, end: number): boolean {
  const len = end - start;
  if (len > MAX_TOKEN) return false;
  const c0 = text.charCodeAt(start);
  if (c0 >= 65) {
    if (len >= 5) return true;
    return len === 1 && PLATE_PROVINCE_CODES[text.charCodeAt(start - 1)] === 1;
  }
  if (len >= 8) return true;
  if (SEPARATORS[text.charCodeAt(end)] !== 1 && text.charCodeAt(end) !== 0x29 && text.charCodeAt(end) !== 0xff09) return false;
  if (c0 === 49 /* 1 */ || c0 === 48 /* 0 */) return len >= 3;
  if (len === 6) return true;
  if (len === 4) return c0 === 51 || c0 === 52 || c0 === 53 || c0 === 54 || c0 === 57;
  return len === 2 && c0 === 56 && text.charCodeAt(start + 1) === 54 && text.charCodeAt(start - 1) === 43; // +86
}

export interface NumberScanOptions {
  /** normalized digits of numbers registered as agency contacts */
  knownPublicNumbers: ReadonlySet<string>;
  /** ranges already claimed (e-mail addresses, URLs) */
  excluded: readonly Range[];
  currentYear: number;
}

function isRunCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xff10 && c <= 0xff19);
}

/** The run of digits and letters starting at `start` (bounded: a run longer than MAX_TOKEN is read to its end but not normalised). */
function readRun(text: string, start: number): Token | null {
  if (!isRunCode(text.charCodeAt(start))) return null;
  let i = start;
  let allDigits = true;
  let plain = true;
  const n = text.length;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    if (c >= 65 && c <= 90) allDigits = false;
    else if (c >= 97 && c <= 122) {
      allDigits = false;
      plain = false;
    } else if (c >= 0xff10 && c <= 0xff19) plain = false;
    else break;
  }
  const len = i - start;
  const norm = len > MAX_TOKEN ? '' : plain ? text.slice(start, i) : normalize(text.slice(start, i));
  return { start, end: i, allDigits, norm };
}

interface NumberScan {
  text: string;
  opts: NumberScanOptions;
  out: Finding[];
}

export function scanNumbers(text: string, opts: NumberScanOptions): Finding[] {
  const scan: NumberScan = { text, opts, out: [] };
  const ex = opts.excluded.length > 1 ? [...opts.excluded].sort((x, y) => x.start - y.start) : opts.excluded;
  let k = 0;
  RUN.lastIndex = 0;
  for (let m = RUN.exec(text); m; m = RUN.exec(text)) {
    const start = isHanCode(text.charCodeAt(m.index)) ? m.index + 1 : m.index; // 渝A·…: skip the province
    if (!mayStartValue(text, start, RUN.lastIndex)) continue;
    while (k < ex.length && (ex[k] as Range).end <= start) k++;
    if (k < ex.length && (ex[k] as Range).start <= start) {
      RUN.lastIndex = Math.max(RUN.lastIndex, (ex[k] as Range).end);
      continue;
    }
    const t = readRun(text, start) as Token;
    const end = classifyChain(scan, t) || classifySingle(scan, t);
    RUN.lastIndex = Math.max(end, t.end);
  }
  return scan.out;
}

function hasLabel(text: string, start: number, words: WordIndex): boolean {
  return words.occursIn(text, labelStart(text, start), start);
}

/** Reports a value unless its label makes it public: a ticket/document number, an agency's phone, a registered number. */
function emit(scan: NumberScan, type: FindingType, start: number, end: number, digits: string): void {
  const from = labelStart(scan.text, start);
  if (!PERSONAL_LABELS.occursIn(scan.text, from, start) && NUMBER_LABELS.occursIn(scan.text, from, start)) return;
  if (type === 'mobile' || type === 'phone') {
    if (AGENCY_PHONE_LABELS.occursIn(scan.text, from, start)) return;
    if (isKnownPublic(digits, scan.opts.knownPublicNumbers)) return;
  }
  scan.out.push({ type, start, end, text: scan.text.slice(start, end) });
}

/** The run after `t` when exactly one joiner separates them, with the joiner. */
/** "…1459989 2024 年": a last group that is a year followed by 年 ends a number, it does not finish a mobile. */
function isYearBefore年(text: string, last: Token): boolean {
  if (!/^(19|20)\d\d$/.test(last.norm)) return false;
  let i = last.end;
  while (i < text.length && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x3000)) i++;
  return text.charCodeAt(i) === 0x5e74; // 年
}

function joined(text: string, t: Token, joiners: Uint8Array): { sep: number; next: Token } | null {
  const sep = text.charCodeAt(t.end);
  if (joiners[sep] !== 1) return null;
  const next = readRun(text, t.end + 1);
  return next ? { sep, next } : null;
}

/** Runs joined by single separators: "138 1234 5678", "6222 0212 3456 7890 128", "023-63899999-8001", "+86 138…". Returns the end, or 0. */
function classifyChain(scan: NumberScan, first: Token): number {
  const { text, opts } = scan;
  if (!first.allDigits || !first.norm) return 0;
  const open = text.charCodeAt(first.start - 1);
  // (023)63899999 / （023）6389 9999: the area code in brackets
  if ((open === 0x28 || open === 0xff08) && (text.charCodeAt(first.end) === 0x29 || text.charCodeAt(first.end) === 0xff09)) {
    const gap = text.charCodeAt(first.end + 1) === 0x20 ? 2 : 1;
    const local = readRun(text, first.end + gap);
    if (local && local.allDigits && local.norm) {
      let localDigits = local.norm;
      let end = local.end;
      let isSplitOk = true;
      // the local number in two groups: (023)6389 1234, （023）6389-1234, (0851) 581 2345
      const more = joined(text, local, SEPARATORS);
      if (more && more.next.allDigits && isSplitLocal(local.norm, more.next.norm)) {
        localDigits += more.next.norm;
        end = more.next.end;
        isSplitOk = isSplitLandline(scan, local, more.next, first.start - 1);
      }
      if (isSplitOk && isLandline(first.norm, localDigits)) {
        emit(scan, 'phone', first.start - 1, end, first.norm + localDigits);
        return end;
      }
    }
  }
  const chain: Token[] = [first];
  const seps: number[] = [];
  while (chain.length < 6) {
    const j = joined(text, chain[chain.length - 1] as Token, SEPARATORS);
    if (!j || !j.next.allDigits || !j.next.norm) break;
    chain.push(j.next);
    seps.push(j.sep);
  }
  if (chain.length < 2) return 0;
  const hasPlusPrefix = first.norm === '86' && text.charCodeAt(first.start - 1) === 43;
  const prefixed = hasPlusPrefix || first.norm === '0086';
  // the concatenated digits of the first n runs, computed once
  const prefixes: string[] = [first.norm];
  for (let j = 1; j < chain.length; j++) prefixes.push((prefixes[j - 1] as string) + (chain[j] as Token).norm);
  const lens = chain.map((g) => g.norm.length);
  for (let n = chain.length; n >= 2; n--) {
    const all = prefixes[n - 1] as string;
    const last = chain[n - 1] as Token;
    if (prefixed) {
      const body = all.slice(first.norm.length);
      if (body.length === 11 && isValidMobile(body)) {
        emit(scan, 'mobile', hasPlusPrefix ? first.start - 1 : first.start, last.end, body);
        return last.end;
      }
      // +86-23-6389-9999: an international landline (the area code without its 0)
      if (n >= 3 && isLandlineDigits('0' + body)) {
        emit(scan, 'phone', hasPlusPrefix ? first.start - 1 : first.start, last.end, '0' + body);
        return last.end;
      }
      continue;
    }
    if (all.length === 11 && isValidMobile(all) && (n === 2 || (lens[0] === 3 && lens[1] === 4)) && !(n === 2 && isYearBefore年(text, last))) {
      emit(scan, 'mobile', first.start, last.end, all);
      return last.end;
    }
    const second = chain[1] as Token;
    const hyphen = seps[0] !== 0x20 && seps[0] !== 0xa0;
    if (n <= 3 && hyphen && isLandline(first.norm, second.norm)) {
      // an extension: 023-63899999-8001
      const withExt = n === 3 && seps[1] !== 0x20 && seps[1] !== 0xa0 && last.norm.length <= 5;
      if (n === 2 || withExt) {
        emit(scan, 'phone', first.start, last.end, first.norm + second.norm);
        return last.end;
      }
    }
    if (n === 2 && !hyphen && isLandline(first.norm, second.norm) && !isAmidFigures(scan, first.start, last.end)) {
      emit(scan, 'phone', first.start, last.end, all);
      return last.end;
    }
    if (all.length === 18 && n <= 5 && isPlausibleIdCard(all, opts.currentYear)) {
      emit(scan, 'id_card', first.start, last.end, all);
      return last.end;
    }
    let fours = (lens[n - 1] ?? 0) <= 4;
    for (let j = 0; j < n - 1 && fours; j++) fours = lens[j] === 4;
    const sixRest = n === 2 && lens[0] === 6;
    if ((fours || sixRest) && isBankCardDigits(all)) {
      emit(scan, 'bank_card', first.start, last.end, all);
      return last.end;
    }
    if ((fours || sixRest) && all.length >= 12 && all.length <= 25 && hasLabel(text, first.start, BANK_LABELS)) {
      emit(scan, 'bank_card', first.start, last.end, all);
      return last.end;
    }
    // 023 6123 4567, 023-6123 4567, 0851 581 2345: the area code, then the local number in two groups (after the cards: 账号 0851 5812 3456 is an account)
    if (n === 3 && isSplitLocal(second.norm, last.norm) && isLandline(first.norm, second.norm + last.norm) && isSplitLandline(scan, second, last, first.start)) {
      emit(scan, 'phone', first.start, last.end, all);
      return last.end;
    }
  }
  return 0;
}

/** A local number written in two groups, read in fours from the end: 6123 4567 (8 digits), 581 2345 (7 digits). */
function isSplitLocal(a: string, b: string): boolean {
  return (a.length === 4 || a.length === 3) && b.length === 4;
}

/**
 * Guards for a landline whose local number is split in two groups (`a`, `b`), starting at `start` (its area code or
 * bracket): not a date written as 2024 0315, not a group that is a year before 年, not amid other figures.
 */
function isSplitLandline(scan: NumberScan, a: Token, b: Token, start: number): boolean {
  if (isDateGroups(a.norm, b.norm) || isYearBefore年(scan.text, b)) return false;
  return !isAmidFigures(scan, start, b.end);
}

/** "2024 0315": a year, then a month and a day — a date, not the halves of a local number. */
function isDateGroups(a: string, b: string): boolean {
  if (!/^(19|20)[0-9]{2}$/.test(a) || b.length !== 4) return false;
  const month = Number(b.slice(0, 2));
  const day = Number(b.slice(2));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

const FIGURE_POINTS = codeTable(['.', ',', '．']);

/**
 * Is the space-separated number from `start` to `end` part of longer figures rather than a phone number? Its first
 * group is the tail of a decimal or a thousands group (1.023 6123 4567); it runs on into a decimal or into a short
 * group (023 6123 4567 89 — the same run continues); or two or more short figures come before it, as in a
 * statistics table (2023 1234 5678 0851 2345 6789). A number already reported just before (a mobile, then the
 * landline) is a list of contacts, not of figures. Looks at most a dozen characters either side.
 */
function isAmidFigures(scan: NumberScan, start: number, end: number): boolean {
  const { text } = scan;
  if (FIGURE_POINTS[text.charCodeAt(start - 1)] === 1 && isDigitCode(text.charCodeAt(start - 2))) return true;
  const after = text.charCodeAt(end);
  if (FIGURE_POINTS[after] === 1 && isDigitCode(text.charCodeAt(end + 1))) return true;
  if (SEPARATORS[after] === 1) {
    const next = readRun(text, end + 1);
    if (next && next.allDigits && next.end - next.start <= 4) return true;
  }
  const previous = shortFigureBefore(text, start);
  if (previous < 0) return false;
  const last = scan.out[scan.out.length - 1];
  if (last && last.end === start - 1) return false;
  return shortFigureBefore(text, previous) >= 0;
}

/** Where a group of 1–4 digits ends just before `start`, joined to it by one separator, begins; -1 if there is none. */
function shortFigureBefore(text: string, start: number): number {
  if (SEPARATORS[text.charCodeAt(start - 1)] !== 1) return -1;
  let i = start - 1;
  while (i > 0 && isDigitCode(text.charCodeAt(i - 1)) && start - 1 - i < 5) i--;
  const len = start - 1 - i;
  return len >= 1 && len <= 4 && !isRunCode(text.charCodeAt(i - 1)) ? i : -1;
}

/** One run on its own. Returns the end of what it consumed. */
function classifySingle(scan: NumberScan, t: Token): number {
  const { text, opts } = scan;
  const d = t.norm;
  if (!d) return t.end;
  const len = d.length;
  if (t.allDigits) {
    if (len < 8) return t.end;
    if ((len === 18 || len === 15) && isPlausibleIdCard(d, opts.currentYear)) {
      // a number valid both as an ID and as an all-digit credit code (1 in 31) is an ID unless its label says
      // 信用代码 — emit() drops it then. Missing an ID would leak it; over-reporting costs one override.
      emit(scan, 'id_card', t.start, t.end, d);
      return t.end;
    }
    if (len === 11 && isValidMobile(d)) emit(scan, 'mobile', t.start, t.end, d);
    else if (len === 13 && d.startsWith('86') && text.charCodeAt(t.start - 1) === 43 && isValidMobile(d.slice(2))) emit(scan, 'mobile', t.start - 1, t.end, d.slice(2));
    else if (len === 15 && d.startsWith('0086') && isValidMobile(d.slice(4))) emit(scan, 'mobile', t.start, t.end, d.slice(4));
    else if (len >= 10 && len <= 12 && isLandlineDigits(d)) emit(scan, 'phone', t.start, t.end, d);
    else if (isBankCardDigits(d) && !(len === 18 && isValidCreditCode(d))) emit(scan, 'bank_card', t.start, t.end, d);
    else if (len >= 12 && len <= 25 && hasLabel(text, t.start, BANK_LABELS)) emit(scan, 'bank_card', t.start, t.end, d);
    else if ((len === 8 || len === 10) && hasLabel(text, t.start, TAIWAN_LABELS)) emit(scan, 'passport', t.start, t.end, d);
    return t.end;
  }
  // letters and digits
  if (len === 18 && /^[0-9]{17}X$/.test(d) && isPlausibleIdCard(d, opts.currentYear)) {
    emit(scan, 'id_card', t.start, t.end, d);
    return t.end;
  }
  const plateEnd = matchPlate(scan, t);
  if (plateEnd) return plateEnd;
  // a passport pattern wins over an unhyphenated 组织机构代码 that happens to check (1 in 11); a 代码 label drops it in emit()
  if (isPassportNumber(d) || (isLoosePassport(d) && hasLabel(text, t.start, PASSPORT_LABELS))) {
    emit(scan, 'passport', t.start, t.end, d);
  }
  return t.end;
}

/** 渝A12345, 渝AD12345 (新能源), 渝A·12345, 渝A1234学 (GA 36-2018). Returns the end, 0 if not a plate. */
function matchPlate(scan: NumberScan, t: Token): number {
  const { text } = scan;
  if (PLATE_PROVINCE_CODES[text.charCodeAt(t.start - 1)] !== 1 || !isAsciiLetterCode(text.charCodeAt(t.start))) return 0;
  let body = t.norm;
  let end = t.end;
  if (body.length === 1) {
    const j = joined(text, t, PLATE_JOINERS);
    if (!j || !j.next.norm) return 0;
    body += j.next.norm;
    end = j.next.end;
  }
  if (!PLATE_LETTER.test(body[0] ?? '')) return 0;
  let ok = false;
  if (body.length === 6) ok = PLATE_ORDINARY.test(body) && countDigits(body) >= 3;
  else if (body.length === 7) ok = PLATE_NEW_ENERGY.test(body);
  else if (body.length === 5 && PLATE_SUFFIXES.has(text[end] ?? '')) {
    ok = PLATE_SHORT.test(body) && countDigits(body) >= 3;
    end += 1;
  }
  if (!ok) return 0;
  emit(scan, 'plate', t.start - 1, end, body);
  return end;
}

function normalize(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 0xff10 && c <= 0xff19) out += String.fromCharCode(c - 0xff10 + 48);
    else if (c >= 97 && c <= 122) out += String.fromCharCode(c - 32);
    else out += raw[i];
  }
  return out;
}

function isPlausibleIdCard(d: string, currentYear: number): boolean {
  if (!PROVINCE_CODES.has(d.slice(0, 2))) return false;
  if (d.length === 18) return isValidIdCard(d) && Number(d.slice(6, 10)) <= currentYear;
  return d.length === 15 && isValidLegacyIdCard(d);
}

/** Area code + local number: 010/02X take three digits, the rest four; local numbers start with 2–9. */
function isLandline(area: string, local: string): boolean {
  if (area[0] !== '0' || !/^[0-9]+$/.test(area) || !/^[2-9][0-9]{6,7}$/.test(local)) return false;
  if (area[1] === '1' || area[1] === '2') return area.length === 3 && (area[1] === '2' || area === '010');
  return area.length === 4 && area[1] !== '0';
}

function isLandlineDigits(d: string): boolean {
  if (d[0] !== '0') return false;
  const areaLen = d[1] === '1' || d[1] === '2' ? 3 : 4;
  return isLandline(d.slice(0, areaLen), d.slice(areaLen));
}

/** 16–19 digits, Luhn-valid, with a card-scheme first digit (3 JCB/Amex, 4 Visa, 5 MasterCard, 6 银联, 9 old domestic). */
function isBankCardDigits(d: string): boolean {
  return d.length >= 16 && d.length <= 19 && '34569'.includes(d[0] ?? '') && isLuhnValid(d);
}

function countDigits(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (isDigitCode(s.charCodeAt(i))) n++;
  return n;
}

/** Digits of a registered public number; a mobile's +86/0086 prefix is dropped so both spellings match. */
export function normalizePublicNumber(value: string): string {
  let d = '';
  for (const ch of value) if (ch >= '0' && ch <= '9') d += ch;
  if (d.length === 15 && d.startsWith('0086')) d = d.slice(4);
  else if (d.length === 13 && d.startsWith('86')) d = d.slice(2);
  return d;
}

/** A registered number matches the whole candidate or its local part (023-63899999 registered as 63899999). */
function isKnownPublic(digits: string, known: ReadonlySet<string>): boolean {
  if (known.size === 0) return false;
  for (let len = 7; len <= digits.length; len++) if (known.has(digits.slice(digits.length - len))) return true;
  return false;
}
