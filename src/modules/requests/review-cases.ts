// 行政复议 and 行政诉讼 against replies (annual report section 四): the checks of a new case and of its result.
// Pure. Kinds and results: taxonomy.ts (REVIEW_CASE_KINDS, REVIEW_RESULTS).
import { isIsoDate, type IsoDate } from '../../platform/calendar/workdays.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { REVIEW_CASE_KIND_IDS, REVIEW_RESULT_IDS, type ReviewCaseKind, type ReviewResult } from './taxonomy.ts';

export interface NewReviewCase {
  kind: ReviewCaseKind;
  result: ReviewResult;
  caseNumber: string | null;
  filedOn: IsoDate;
  concludedOn: IsoDate | null;
  note: string | null;
}

function text(v: unknown): string {
  return typeof v === 'string' ? v.trim() : '';
}

function concludedProblem(concludedOn: string, filedOn: string, today: IsoDate): string | null {
  if (!isIsoDate(concludedOn)) return '审结日期：必须是有效日期（YYYY-MM-DD）';
  if (isIsoDate(filedOn) && concludedOn < filedOn) return `审结日期：不能早于立案日期（${filedOn}）`;
  if (concludedOn > today) return `审结日期：不能晚于今天（${today}）`;
  return null;
}

/** A case against a reply given on `repliedOn`: every problem at once. A case without a result is 尚未审结. */
export function checkNewReviewCase(raw: Record<string, unknown>, facts: { today: IsoDate; repliedOn: IsoDate | null }): { ok: true; value: NewReviewCase } | { ok: false; fields: FieldError[] } {
  const fields: FieldError[] = [];
  const kind = text(raw.kind);
  const result = text(raw.result) || 'pending';
  const filedOn = text(raw.filedOn);
  const concludedOn = text(raw.concludedOn);
  const caseNumber = text(raw.caseNumber);
  const note = text(raw.note);
  if (!(REVIEW_CASE_KIND_IDS as string[]).includes(kind)) fields.push({ field: 'kind', message: '案件类型：必须选择行政复议或行政诉讼' });
  if (!(REVIEW_RESULT_IDS as string[]).includes(result)) fields.push({ field: 'result', message: '结果：不是允许的选项' });
  if (!isIsoDate(filedOn)) fields.push({ field: 'filedOn', message: '立案（申请）日期：必须是有效日期（YYYY-MM-DD）' });
  else if (filedOn > facts.today) fields.push({ field: 'filedOn', message: `立案（申请）日期：不能晚于今天（${facts.today}）` });
  else if (facts.repliedOn && filedOn < facts.repliedOn) fields.push({ field: 'filedOn', message: `立案（申请）日期：不能早于答复日期（${facts.repliedOn}）` });
  if (result === 'pending') {
    if (concludedOn !== '') fields.push({ field: 'concludedOn', message: '审结日期：尚未审结的案件不填审结日期' });
  } else if ((REVIEW_RESULT_IDS as string[]).includes(result)) {
    const problem = concludedOn === '' ? '审结日期：已审结的案件必须填写审结日期' : concludedProblem(concludedOn, filedOn, facts.today);
    if (problem) fields.push({ field: 'concludedOn', message: problem });
  }
  if (caseNumber.length > 100) fields.push({ field: 'caseNumber', message: '案号：不能超过 100 个字' });
  if (note.length > 1000) fields.push({ field: 'note', message: '备注：不能超过 1000 个字' });
  if (fields.length > 0) return { ok: false, fields };
  return { ok: true, value: { kind: kind as ReviewCaseKind, result: result as ReviewResult, caseNumber: caseNumber || null, filedOn, concludedOn: concludedOn || null, note: note || null } };
}

/** The result of a case filed on `filedOn`: 维持, 纠正 or 其他, with the date it was concluded. */
export function checkReviewResult(raw: Record<string, unknown>, facts: { today: IsoDate; filedOn: IsoDate }): { ok: true; value: { result: Exclude<ReviewResult, 'pending'>; concludedOn: IsoDate } } | { ok: false; fields: FieldError[] } {
  const fields: FieldError[] = [];
  const result = text(raw.result);
  const concludedOn = text(raw.concludedOn);
  if (!['upheld', 'corrected', 'other'].includes(result)) fields.push({ field: 'result', message: '结果：必须选择维持、纠正或其他' });
  const problem = concludedProblem(concludedOn, facts.filedOn, facts.today);
  if (problem) fields.push({ field: 'concludedOn', message: problem });
  if (fields.length > 0) return { ok: false, fields };
  return { ok: true, value: { result: result as Exclude<ReviewResult, 'pending'>, concludedOn } };
}
