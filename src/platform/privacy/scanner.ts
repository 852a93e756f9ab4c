// scanText: every piece of personal information in a text, in order, without overlaps.
import { scanAddresses } from './addresses.ts';
import { scanEmails, scanUrls, type Range } from './emails.ts';
import type { Finding, FindingType } from './finding.ts';
import { scanNames } from './names.ts';
import { normalizePublicNumber, scanNumbers } from './numbers.ts';

export interface ScanOptions {
  /** Numbers registered as agency contacts (办公电话 etc.); any spelling, compared by digits. */
  knownPublicNumbers?: readonly string[];
  /** Names that are public in this text (officials in office, from the agency's leadership records). */
  publicNames?: readonly string[];
  /** Only these types (default: all). */
  types?: readonly FindingType[];
  /** For the "birth date not in the future" check on ID numbers; defaults to the current year. */
  currentYear?: number;
}

const NONE: ReadonlySet<string> = new Set();

/** When two findings overlap, the higher rank wins: a checksum-validated number beats a heuristic name. */
const RANK: Record<FindingType, number> = {
  id_card: 9, bank_card: 8, passport: 7, mobile: 6, phone: 5, email: 5, plate: 4, address: 2, name: 1,
};

/** Every finding, sorted by start; offsets are JavaScript string indices. Linear in the text length. */
export function scanText(text: string, options: ScanOptions = {}): Finding[] {
  if (text.length === 0) return [];
  const wanted = options.types ? new Set(options.types) : null;
  const excluded: Range[] = [];
  const emails = scanEmails(text, excluded);
  scanUrls(text, excluded);
  const known = options.knownPublicNumbers?.length ? new Set(options.knownPublicNumbers.map(normalizePublicNumber).filter((d) => d.length >= 5)) : NONE;
  const currentYear = options.currentYear ?? new Date().getFullYear();
  const lists: Finding[][] = [emails, scanNumbers(text, { knownPublicNumbers: known, excluded, currentYear })];
  if (!wanted || wanted.has('address')) lists.push(scanAddresses(text));
  if (!wanted || wanted.has('name')) lists.push(scanNames(text, { publicNames: options.publicNames?.length ? new Set(options.publicNames) : NONE }));
  const kept = resolveOverlaps(mergeSorted(lists));
  return wanted ? kept.filter((f) => wanted.has(f.type)) : kept;
}

function byPosition(a: Finding, b: Finding): number {
  return a.start - b.start || RANK[b.type] - RANK[a.type] || b.end - a.end;
}

/** The scanners return (nearly) sorted lists; merging them is linear where one big sort would not be. */
function mergeSorted(lists: Finding[][]): Finding[] {
  let merged: Finding[] = [];
  for (const list of lists) {
    let sorted = true;
    for (let i = 1; i < list.length && sorted; i++) if (byPosition(list[i - 1] as Finding, list[i] as Finding) > 0) sorted = false;
    const l = sorted ? list : [...list].sort(byPosition);
    const out: Finding[] = new Array<Finding>(merged.length + l.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < merged.length && j < l.length) out[k++] = byPosition(merged[i] as Finding, l[j] as Finding) <= 0 ? (merged[i++] as Finding) : (l[j++] as Finding);
    while (i < merged.length) out[k++] = merged[i++] as Finding;
    while (j < l.length) out[k++] = l[j++] as Finding;
    merged = out;
  }
  return merged;
}

function resolveOverlaps(findings: Finding[]): Finding[] {
  const out: Finding[] = [];
  for (const f of findings) {
    const last = out[out.length - 1];
    if (!last || f.start >= last.end) {
      out.push(f);
      continue;
    }
    // overlap: a number inside an address stays part of the address; otherwise the higher rank wins
    if (last.type === 'address' && f.type !== 'name' && f.end <= last.end) continue;
    if (RANK[f.type] > RANK[last.type]) out[out.length - 1] = f;
  }
  return out;
}
