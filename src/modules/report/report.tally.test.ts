import { describe, expect, it } from 'vitest';
import { REQUEST_ROW_KEYS, type RequestRowKey } from './report.format.ts';
import { bucketsOf, documentBuckets, tallyDocuments, tallyRequestRecords, tallyReviewRecords, type DocumentRecord, type RequestRecord } from './report.tally.ts';

const Y = 2025;
const req = (o: Partial<RequestRecord>): RequestRecord => ({ applicantCategory: 'natural_person', receivedOn: '2025-03-01', outcomeCode: null, withholdReasons: [], concludedOn: null, ...o });
const concluded = (outcomeCode: string, o: Partial<RequestRecord> = {}) => req({ outcomeCode, concludedOn: '2025-04-01', ...o });

/** The one non-zero result row and column of a single concluded application. */
function onlyResultCell(r: RequestRecord): [RequestRowKey, number] {
  const { rows } = tallyRequestRecords([r], Y);
  const leaves = REQUEST_ROW_KEYS.filter((k) => /^r\d_\d$|^r[12]$/.test(k));
  const hits = leaves.flatMap((k) => rows[k].slice(0, 6).flatMap((n, c) => (n ? [[k, c] as [RequestRowKey, number]] : [])));
  expect(hits).toHaveLength(1);
  return hits[0]!;
}

describe('section 三: one row per outcome (records in → cell)', () => {
  const cases: [string, string[], RequestRowKey][] = [
    ['R-DISCLOSE', [], 'r1'],
    ['R-ALREADY', [], 'r1'],
    ['R-PARTIAL', ['EX15-THIRD'], 'r2'],
    ['R-WITHHOLD', ['EX14-SECRET'], 'r3_1'],
    ['R-WITHHOLD', ['EX14-LAW'], 'r3_2'],
    ['R-WITHHOLD', ['EX14-SAFETY'], 'r3_3'],
    ['R-WITHHOLD', ['EX15-THIRD', 'EX14-SECRET'], 'r3_4'],
    ['R-WITHHOLD', ['EX16-INTERNAL'], 'r3_5'],
    ['R-WITHHOLD', ['EX16-PROCESS'], 'r3_6'],
    ['R-WITHHOLD', ['EX16-CASEFILE'], 'r3_7'],
    ['R-SPECIAL', [], 'r3_8'],
    ['R-NOTEXIST', [], 'r4_1'],
    ['R-NOTOURS', [], 'r4_1'],
    ['R-NOCREATE', [], 'r4_2'],
    ['R-UNCLEAR', [], 'r4_3'],
    ['R-PETITION', [], 'r5_1'],
    ['R-REPEAT', [], 'r5_2'],
    ['R-PUBLICATION', [], 'r5_3'],
    ['R-EXCESSIVE', [], 'r5_4'],
    ['R-CONFIRM', [], 'r5_5'],
    ['R-NOCORRECTION', [], 'r6_1'],
    ['R-FEEUNPAID', [], 'r6_2'],
  ];
  it.each(cases)('%s %j → %s', (code, reasons, row) => {
    expect(onlyResultCell(concluded(code, { withholdReasons: reasons, applicantCategory: 'research' }))).toEqual([row, 2]);
  });

  it('counts each category in its column and sums into 总计 and the parents', () => {
    const { rows } = tallyRequestRecords(
      [concluded('R-WITHHOLD', { withholdReasons: ['EX14-SECRET'], applicantCategory: 'commercial' }), concluded('R-WITHHOLD', { withholdReasons: ['EX16-PROCESS'], applicantCategory: 'legal_services' }), concluded('R-DISCLOSE', { applicantCategory: 'other' })],
      Y,
    );
    expect(rows.r3).toEqual([0, 1, 0, 0, 1, 0, 2]);
    expect(rows.r7).toEqual([0, 1, 0, 0, 1, 1, 3]);
  });

  it('new, carried in and carried out by the year boundaries', () => {
    const records = [
      req({ receivedOn: '2025-01-01' }), // new, open at year end → carried out
      req({ receivedOn: '2024-12-20', concludedOn: '2025-01-10', outcomeCode: 'R-DISCLOSE' }), // carried in, concluded in year
      req({ receivedOn: '2024-12-20', concludedOn: '2024-12-31', outcomeCode: 'R-DISCLOSE' }), // last year's only
      req({ receivedOn: '2025-12-31', concludedOn: '2026-01-05', outcomeCode: 'R-DISCLOSE' }), // new, carried out
      req({ receivedOn: null }), // 待双方确认: not received yet
      req({ receivedOn: '2023-05-01' }), // carried in and out
    ];
    const { rows } = tallyRequestRecords(records, Y);
    expect(rows.new[0]).toBe(2);
    expect(rows.carried_in[0]).toBe(2);
    expect(rows.r7[0]).toBe(1);
    expect(rows.carried_out[0]).toBe(3);
    expect(bucketsOf(records[2]!, Y)).toEqual([]);
  });

  it('an outcome that cannot be placed is a DATA violation, not a guess', () => {
    const { rows, issues } = tallyRequestRecords([concluded('R-WITHHOLD', { withholdReasons: [] })], Y);
    expect(rows.r7[6]).toBe(0);
    expect(issues).toEqual([expect.objectContaining({ rule: 'DATA' })]);
  });
});

describe('section 四', () => {
  it('counts filed in the year and pending carried in; open at year end is 尚未审结', () => {
    const row = tallyReviewRecords(
      [
        { kind: 'reconsideration', result: 'upheld', filedOn: '2025-02-01', concludedOn: '2025-05-01' },
        { kind: 'reconsideration', result: 'corrected', filedOn: '2025-11-01', concludedOn: '2026-02-01' },
        { kind: 'litigation_direct', result: 'other', filedOn: '2024-10-01', concludedOn: '2025-03-01' },
        { kind: 'litigation_after_reconsideration', result: 'upheld', filedOn: '2024-10-01', concludedOn: '2024-12-01' },
        { kind: 'litigation_after_reconsideration', result: 'pending', filedOn: '2025-10-01', concludedOn: null },
      ],
      Y,
    );
    expect(row).toEqual([1, 0, 0, 1, 2, 0, 0, 1, 0, 1, 0, 0, 0, 1, 1]);
  });
});

describe('section 二 (规章, 行政规范性文件)', () => {
  const doc = (o: Partial<DocumentRecord>): DocumentRecord => ({ genre: 'normative', status: 'published', writtenDate: '2025-06-01', validity: 'valid', validityDate: null, withdrawnOn: null, ...o });
  it('issued in the year, repealed in the year, in force on 12月31日', () => {
    expect(documentBuckets(doc({}), Y)).toEqual(['issued', 'inForce']);
    expect(documentBuckets(doc({ writtenDate: '2020-01-01', validity: 'repealed', validityDate: '2025-07-01' }), Y)).toEqual(['repealed']);
    expect(documentBuckets(doc({ writtenDate: '2020-01-01', validity: 'expired', validityDate: '2026-01-01' }), Y)).toEqual(['inForce']);
    expect(documentBuckets(doc({ writtenDate: '2026-01-02' }), Y)).toEqual([]);
    expect(documentBuckets(doc({ withdrawnOn: '2025-08-01' }), Y)).toEqual(['issued']);
    expect(documentBuckets(doc({ status: 'unpublished' }), Y)).toEqual([]);
    expect(documentBuckets(doc({ status: 'never_published' }), Y)).toEqual([]);
  });
  it('tallies by genre and ignores other genres', () => {
    const t = tallyDocuments([doc({ genre: 'rule' }), doc({}), doc({ genre: 'notice' })], Y);
    expect(t.rules).toEqual({ issued: 1, repealed: 0, inForce: 1 });
    expect(t.normative).toEqual({ issued: 1, repealed: 0, inForce: 1 });
  });
});
