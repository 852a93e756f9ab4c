import { describe, expect, it } from 'vitest';
import { checkNewReviewCase, checkReviewResult } from './review-cases.ts';

const facts = { today: '2025-12-01', repliedOn: '2025-10-10' };

function fieldsOf(r: { ok: boolean; fields?: { field: string }[] }): string[] {
  return r.ok ? [] : (r.fields ?? []).map((f) => f.field).sort();
}

describe('checkNewReviewCase', () => {
  it('accepts a pending 行政复议 and a concluded 行政诉讼', () => {
    expect(checkNewReviewCase({ kind: 'reconsideration', filedOn: '2025-10-20' }, facts)).toEqual({
      ok: true,
      value: { kind: 'reconsideration', result: 'pending', caseNumber: null, filedOn: '2025-10-20', concludedOn: null, note: null },
    });
    const done = checkNewReviewCase({ kind: 'litigation_direct', filedOn: '2025-10-20', result: 'corrected', concludedOn: '2025-11-30', caseNumber: '（2025）渝0103行初12号' }, facts);
    expect(done).toMatchObject({ ok: true, value: { result: 'corrected', concludedOn: '2025-11-30' } });
  });

  it('names every problem at once', () => {
    expect(fieldsOf(checkNewReviewCase({ kind: 'appeal', result: 'won', filedOn: '2025-02-30' }, facts))).toEqual(['filedOn', 'kind', 'result']);
    expect(fieldsOf(checkNewReviewCase({ kind: 'reconsideration', filedOn: '2025-10-01' }, facts))).toEqual(['filedOn']);
    expect(fieldsOf(checkNewReviewCase({ kind: 'reconsideration', filedOn: '2025-12-02' }, facts))).toEqual(['filedOn']);
    expect(fieldsOf(checkNewReviewCase({ kind: 'reconsideration', filedOn: '2025-10-20', result: 'upheld' }, facts))).toEqual(['concludedOn']);
    expect(fieldsOf(checkNewReviewCase({ kind: 'reconsideration', filedOn: '2025-10-20', concludedOn: '2025-11-01' }, facts))).toEqual(['concludedOn']);
    expect(fieldsOf(checkNewReviewCase({ kind: 'reconsideration', filedOn: '2025-10-20', result: 'other', concludedOn: '2025-10-19' }, facts))).toEqual(['concludedOn']);
    expect(fieldsOf(checkNewReviewCase({ kind: 'reconsideration', filedOn: '2025-10-20', caseNumber: 'x'.repeat(101) }, facts))).toEqual(['caseNumber']);
  });
});

describe('checkReviewResult', () => {
  it('needs 维持, 纠正 or 其他 and a date between filing and today', () => {
    expect(checkReviewResult({ result: 'upheld', concludedOn: '2025-11-01' }, { today: '2025-12-01', filedOn: '2025-10-20' })).toEqual({ ok: true, value: { result: 'upheld', concludedOn: '2025-11-01' } });
    expect(fieldsOf(checkReviewResult({ result: 'pending', concludedOn: '2025-10-19' }, { today: '2025-12-01', filedOn: '2025-10-20' }))).toEqual(['concludedOn', 'result']);
    expect(fieldsOf(checkReviewResult({ result: 'other', concludedOn: '2025-12-02' }, { today: '2025-12-01', filedOn: '2025-10-20' }))).toEqual(['concludedOn']);
  });
});
