// From records to cells (pure). The repository runs the same rules in SQL (GROUP BY) for speed; these functions
// state them once for the table tests, and turn the grouped counts into the report's rows.
import { isOutcomeCode, reportRowOf, reviewColumnOf, REVIEW_CASE_KIND_IDS, REVIEW_RESULT_IDS, type ReviewCaseKind, type ReviewResult } from '../requests/index.ts';
import { columnOfCategory, completeRequestRows, completeReviewRow, emptyRequestRows, requestCell, type DocumentCounts, type RequestRows, type Violation } from './report.format.ts';

export const yearStart = (year: number): string => `${year}-01-01`;
export const yearEnd = (year: number): string => `${year}-12-31`;

// ─── Section 三 ─────────────────────────────────────────────────────────────────

/** What the report needs of one application (the `requests` table contract, COMMON.md). */
export interface RequestRecord {
  applicantCategory: string;
  /** the legal receipt date; null while 待双方确认 */
  receivedOn: string | null;
  outcomeCode: string | null;
  withholdReasons: readonly string[];
  concludedOn: string | null;
}

export type RequestBucket = 'new' | 'carried_in' | 'concluded' | 'carried_out';

/**
 * The buckets one application counts in for `year` [INF, the 30号 rows read against the dates we keep]:
 * new = received in the year; carried_in = received before 1月1日 and not concluded before it; concluded = its
 * final outcome given in the year; carried_out = received by 12月31日 and not concluded by it.
 */
export function bucketsOf(r: RequestRecord, year: number): RequestBucket[] {
  const start = yearStart(year);
  const end = yearEnd(year);
  const out: RequestBucket[] = [];
  if (r.receivedOn !== null && r.receivedOn >= start && r.receivedOn <= end) out.push('new');
  if (r.receivedOn !== null && r.receivedOn < start && (r.concludedOn === null || r.concludedOn >= start)) out.push('carried_in');
  if (r.concludedOn !== null && r.concludedOn >= start && r.concludedOn <= end) out.push('concluded');
  if (r.receivedOn !== null && r.receivedOn <= end && (r.concludedOn === null || r.concludedOn > end)) out.push('carried_out');
  return out;
}

/** Counts grouped as the repository returns them. */
export interface CategoryCount {
  category: string;
  n: number;
}
export interface ConcludedCount {
  category: string;
  outcomeCode: string | null;
  /** the first (main) withholding reason, which decides the row of 不予公开 (taxonomy.ts reportRowOf) */
  mainReason: string | null;
  n: number;
}
export interface RequestCounts {
  new: CategoryCount[];
  carriedIn: CategoryCount[];
  concluded: ConcludedCount[];
  carriedOut: CategoryCount[];
}

/** The grouped counts as section 三's rows, with the sums filled in; an unplaceable outcome is a DATA violation. */
export function requestRowsOf(counts: RequestCounts): { rows: RequestRows; issues: Violation[] } {
  const rows = emptyRequestRows();
  const issues: Violation[] = [];
  const add = (row: keyof RequestRows, category: string, n: number) => {
    const cells = rows[row];
    const c = columnOfCategory(category);
    cells[c] = (cells[c] ?? 0) + n;
  };
  for (const x of counts.new) add('new', x.category, x.n);
  for (const x of counts.carriedIn) add('carried_in', x.category, x.n);
  for (const x of counts.carriedOut) add('carried_out', x.category, x.n);
  for (const x of counts.concluded) {
    let row: keyof RequestRows | null = null;
    if (isOutcomeCode(x.outcomeCode)) {
      try {
        row = reportRowOf(x.outcomeCode, x.mainReason ? [x.mainReason] : []);
      } catch {
        row = null;
      }
    }
    if (row) add(row, x.category, x.n);
    else {
      // counted nowhere rather than guessed: V1 then shows the gap, and this names its cause
      issues.push({ rule: 'DATA', cell: requestCell('r7', 6), message: `${x.n} 件已办结的申请缺少有效的答复类型或不予公开理由（${x.outcomeCode ?? '无答复类型'}），未计入办理结果` });
    }
  }
  return { rows: completeRequestRows(rows), issues };
}

/** The same, from individual records (tests, demo data). */
export function tallyRequestRecords(records: readonly RequestRecord[], year: number): { rows: RequestRows; issues: Violation[] } {
  const counts: RequestCounts = { new: [], carriedIn: [], concluded: [], carriedOut: [] };
  for (const r of records) {
    for (const b of bucketsOf(r, year)) {
      if (b === 'new') counts.new.push({ category: r.applicantCategory, n: 1 });
      else if (b === 'carried_in') counts.carriedIn.push({ category: r.applicantCategory, n: 1 });
      else if (b === 'carried_out') counts.carriedOut.push({ category: r.applicantCategory, n: 1 });
      else counts.concluded.push({ category: r.applicantCategory, outcomeCode: r.outcomeCode, mainReason: r.withholdReasons[0] ?? null, n: 1 });
    }
  }
  return requestRowsOf(counts);
}

// ─── Section 四 ─────────────────────────────────────────────────────────────────

export interface ReviewCaseRecord {
  kind: string;
  result: string;
  filedOn: string;
  concludedOn: string | null;
}

/**
 * The column a case counts in for `year`, or null [INF; 30号 is silent]: cases filed in the year, and cases
 * filed earlier still pending on 1月1日; one not concluded by 12月31日 counts as 尚未审结 whatever is stored.
 * Which agency a case counts for (201号: the 原行为主体) is decided when it is registered (agency_id).
 */
export function reviewColumnForYear(c: ReviewCaseRecord, year: number): number | null {
  const start = yearStart(year);
  const end = yearEnd(year);
  if (!(REVIEW_CASE_KIND_IDS as readonly string[]).includes(c.kind)) return null;
  const inYear = c.filedOn >= start && c.filedOn <= end;
  const carried = c.filedOn < start && (c.concludedOn === null || c.concludedOn >= start);
  if (!inYear && !carried) return null;
  const open = c.concludedOn === null || c.concludedOn > end;
  const result: ReviewResult = open ? 'pending' : (REVIEW_RESULT_IDS as readonly string[]).includes(c.result) ? (c.result as ReviewResult) : 'other';
  return reviewColumnOf(c.kind as ReviewCaseKind, result);
}

export function reviewRowOf(counts: readonly { column: number; n: number }[]): number[] {
  const row = Array.from({ length: 15 }, () => 0);
  for (const x of counts) row[x.column] = (row[x.column] ?? 0) + x.n;
  return completeReviewRow(row);
}

export function tallyReviewRecords(cases: readonly ReviewCaseRecord[], year: number): number[] {
  return reviewRowOf(cases.flatMap((c) => {
    const column = reviewColumnForYear(c, year);
    return column === null ? [] : [{ column, n: 1 }];
  }));
}

// ─── Section 二 (规章, 行政规范性文件) ───────────────────────────────────────────

export interface DocumentRecord {
  genre: string;
  status: string;
  /** 成文日期 of the published revision: the day it was 制发 */
  writtenDate: string;
  validity: string;
  /** the day it became 失效 or 废止 */
  validityDate: string | null;
  /** withdrawn (撤回) items are no longer in force from that day */
  withdrawnOn: string | null;
}

/**
 * [INF] 本年制发 = 成文日期 in the year; 本年废止 = became 失效 or 废止 in the year; 现行有效 = written by 12月31日
 * and on that day neither 失效/废止 nor withdrawn. Only items the public saw count: published or withdrawn, not
 * never published and not unpublished (an error removed).
 */
export function documentBuckets(d: DocumentRecord, year: number): (keyof DocumentCounts)[] {
  if (d.status !== 'published' && d.status !== 'withdrawn') return [];
  const start = yearStart(year);
  const end = yearEnd(year);
  const out: (keyof DocumentCounts)[] = [];
  if (d.writtenDate >= start && d.writtenDate <= end) out.push('issued');
  const ended = d.validity !== 'valid' && d.validityDate !== null;
  if (ended && d.validityDate! >= start && d.validityDate! <= end) out.push('repealed');
  const endedByYearEnd = ended && d.validityDate! <= end;
  const withdrawnByYearEnd = d.withdrawnOn !== null && d.withdrawnOn <= end;
  if (d.writtenDate <= end && !endedByYearEnd && !withdrawnByYearEnd) out.push('inForce');
  return out;
}

export function tallyDocuments(docs: readonly DocumentRecord[], year: number): { rules: DocumentCounts; normative: DocumentCounts } {
  const zero = (): DocumentCounts => ({ issued: 0, repealed: 0, inForce: 0 });
  const out = { rules: zero(), normative: zero() };
  for (const d of docs) {
    const target = d.genre === 'rule' ? out.rules : d.genre === 'normative' ? out.normative : null;
    if (!target) continue;
    for (const b of documentBuckets(d, year)) target[b]++;
  }
  return out;
}
