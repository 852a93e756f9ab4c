// De-identification (GB/T 37964-2019 抑制/假名化) with the conventional publication masks of
// ../shared/law/service-rules.md §5.3: 张某, 110105********1234, 138****1234, last four of a card, 渝A***45.
import { addressNumberStart } from './addresses.ts';
import { digitsOf } from './chars.ts';
import type { Finding, FindingType } from './finding.ts';
import { followsRoleWord } from './names.ts';
import { isExempt, type PrivacyPolicy } from './policy.ts';
import { scanText, type ScanOptions } from './scanner.ts';
import { surnameOf } from './surnames.ts';

export const MASK_MODES = ['mask', 'suppress', 'pseudonymize'] as const;
export type MaskMode = (typeof MASK_MODES)[number];

export function isMaskMode(value: unknown): value is MaskMode {
  return value === 'mask' || value === 'suppress' || value === 'pseudonymize';
}

/** 张某 (裁判文书 convention, 法释〔2016〕19号 第九条: 保留姓氏，名字以"某"替代) or 张** (one star per character). */
export type NameStyle = 'mou' | 'stars';

export interface MaskOptions extends ScanOptions {
  mode?: MaskMode;
  policy?: PrivacyPolicy;
  /** Findings to act on (e.g. after overrides); scanned afresh when absent. */
  findings?: readonly Finding[];
  nameStyle?: NameStyle;
  /** What a suppressed value becomes; default: nothing. */
  suppressWith?: string;
}

export interface Replacement {
  type: FindingType;
  start: number;
  end: number;
  original: string;
  replacement: string;
}

function stars(n: number): string {
  return '*'.repeat(Math.max(1, n));
}

/** The conventional mask of one value (issue 4 "Masker"). */
export function maskValue(type: FindingType, value: string, nameStyle: NameStyle = 'mou'): string {
  switch (type) {
    case 'name': {
      const surname = surnameOf(value);
      return nameStyle === 'mou' ? `${surname}某` : surname + stars(value.length - surname.length);
    }
    case 'id_card': {
      const v = digitsOf(value) + (/[xX]$/.test(value) ? 'X' : '');
      return v.slice(0, 6) + stars(v.length - 10) + v.slice(-4);
    }
    case 'mobile': {
      const d = digitsOf(value);
      const body = d.slice(-11);
      const prefix = value.startsWith('+') ? '+86 ' : d.length > 11 ? '0086 ' : '';
      return `${prefix}${body.slice(0, 3)}****${body.slice(7)}`;
    }
    case 'phone': {
      let d = digitsOf(value);
      if (value.trimStart().startsWith('+') && d.startsWith('86')) d = '0' + d.slice(2); // +86-23-…
      else if (d.startsWith('0086')) d = '0' + d.slice(4);
      const areaLen = d[1] === '1' || d[1] === '2' ? 3 : 4;
      const rest = d.slice(areaLen);
      const local = rest.length > 8 ? rest.slice(0, 8) : rest;
      return `${d.slice(0, areaLen)}-${stars(local.length - 4)}${local.slice(-4)}`;
    }
    case 'bank_card': {
      const d = digitsOf(value);
      return stars(d.length - 4) + d.slice(-4);
    }
    case 'email': {
      const at = value.indexOf('@');
      return `${value.slice(0, 1)}***${value.slice(at)}`;
    }
    case 'plate': {
      const v = value.replace(/[·•.．\s-]/g, '');
      return v.slice(0, 2) + stars(v.length - 4) + v.slice(-2);
    }
    case 'passport':
      return value.slice(0, 1) + stars(value.length - 3) + value.slice(-2);
    case 'address': {
      const cut = addressNumberStart(value);
      return value.slice(0, cut) + '****';
    }
    default: {
      const never: never = type;
      throw new Error(`unknown finding type ${String(never)}`);
    }
  }
}

/** A, B, … Z, AA, AB … */
function letter(n: number): string {
  let s = '';
  let k = n;
  do {
    s = String.fromCharCode(65 + (k % 26)) + s;
    k = Math.floor(k / 26) - 1;
  } while (k >= 0);
  return s;
}

/** What each finding becomes, in order; findings exempt under the policy are left out. */
export function planMasking(text: string, options: MaskOptions = {}): Replacement[] {
  const mode = options.mode ?? 'mask';
  const policy = options.policy ?? 'default';
  const findings = [...(options.findings ?? scanText(text, options))].sort((a, b) => a.start - b.start);
  const pseudonyms = new Map<string, string>();
  const roles = new Map<string, string>();
  for (const f of findings) if (f.type === 'name' && f.role && !roles.has(f.text)) roles.set(f.text, f.role);
  const out: Replacement[] = [];
  let lastEnd = 0;
  for (const f of findings) {
    if (f.start < lastEnd || f.end > text.length || text.slice(f.start, f.end) !== f.text) continue;
    if (isExempt(f, policy)) continue;
    let replacement: string;
    if (mode === 'suppress') replacement = options.suppressWith ?? '';
    else if (mode === 'pseudonymize' && f.type === 'name') {
      let letterFor = pseudonyms.get(f.text);
      if (!letterFor) {
        letterFor = letter(pseudonyms.size);
        pseudonyms.set(f.text, letterFor);
      }
      // 来电人王建国 → 来电人A (not 来电人来电人A), 邻居李娜 → 邻居B; a later bare mention → 来电人A, 当事人B
      replacement = followsRoleWord(text, f.start) ? letterFor : (f.role ?? roles.get(f.text) ?? '当事人') + letterFor;
    } else replacement = maskValue(f.type, f.text, options.nameStyle);
    out.push({ type: f.type, start: f.start, end: f.end, original: f.text, replacement });
    lastEnd = f.end;
  }
  return out;
}

/** The text with every finding masked, suppressed or pseudonymized, except those the policy exempts. */
export function maskText(text: string, options: MaskOptions = {}): string {
  const plan = planMasking(text, options);
  if (plan.length === 0) return text;
  let out = '';
  let pos = 0;
  for (const r of plan) {
    out += text.slice(pos, r.start) + r.replacement;
    pos = r.end;
  }
  return out + text.slice(pos);
}
