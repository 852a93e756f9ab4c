import { describe, expect, it } from 'vitest';
import {
  checkV1,
  checkV2,
  checkV3,
  checkV4,
  checkV5,
  checkV6,
  completeRequestRows,
  completeReviewRow,
  emptyRequestRows,
  REQUEST_COLUMNS,
  REQUEST_ROW_LABELS,
  unexplained,
  validateReport,
  violationKey,
  type ReportTables,
} from './report.format.ts';

function consistent(): ReportTables {
  const rows = emptyRequestRows();
  rows.new = [5, 1, 0, 0, 0, 0, 0];
  rows.carried_in = [1, 0, 0, 0, 0, 0, 0];
  rows.r1 = [3, 1, 0, 0, 0, 0, 0];
  rows.r3_4 = [1, 0, 0, 0, 0, 0, 0];
  rows.carried_out = [2, 0, 0, 0, 0, 0, 0];
  return {
    active: { rules: { issued: 1, repealed: 0, inForce: 3 }, normative: { issued: 2, repealed: 1, inForce: 9 }, licensing: 10, penalty: 2, enforcement: 0, feesWanYuan: 1.25 },
    requests: { columns: [...REQUEST_COLUMNS], rows: completeRequestRows(rows) },
    review: completeReviewRow([1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
  };
}

describe('labels (国办公开办函〔2021〕30号)', () => {
  it('has the seven columns and the exact row labels', () => {
    expect(REQUEST_COLUMNS).toEqual(['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']);
    expect(REQUEST_ROW_LABELS.r2).toBe('（二）部分公开（区分处理的，只计这一情形，不计其他情形）');
    expect(REQUEST_ROW_LABELS.r6_2).toBe('2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请');
    expect(REQUEST_ROW_LABELS.carried_out).toBe('四、结转下年度继续办理');
  });
});

describe('totals', () => {
  it('fills parents, （七）总计 and the 总计 column', () => {
    const t = consistent();
    expect(t.requests.rows.r3).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(t.requests.rows.r7).toEqual([4, 1, 0, 0, 0, 0, 5]);
    expect(t.requests.rows.new[6]).toBe(6);
    expect(t.review[4]).toBe(2);
  });
  it('a consistent report has no violations', () => {
    expect(validateReport(consistent(), [1, 0, 0, 0, 0, 0, 1])).toEqual([]);
  });
});

describe('V1–V6 each fail on a broken table', () => {
  it('V1: new + carried_in ≠ r7 + carried_out names the column', () => {
    const t = consistent();
    t.requests.rows.new[1] = 2;
    const v = checkV1(t.requests.rows);
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ rule: 'V1', cell: 'requests.r7.1' });
    expect(v[0]!.message).toContain('商业企业');
  });
  it('V2: a parent row that is not the sum of its items', () => {
    const t = consistent();
    t.requests.rows.r4[0] = 7;
    expect(checkV2(t.requests.rows)).toEqual([expect.objectContaining({ rule: 'V2', cell: 'requests.r4.0' })]);
  });
  it('V3: （七）总计 that is not （一）…（六）', () => {
    const t = consistent();
    t.requests.rows.r7[2] = 1;
    expect(checkV3(t.requests.rows)).toEqual([expect.objectContaining({ rule: 'V3', cell: 'requests.r7.2' })]);
  });
  it('V4: a 总计 cell that is not the sum of the six categories, and a section 四 总计', () => {
    const t = consistent();
    t.requests.rows.r1[6] = 99;
    t.review[9] = 3;
    const v = checkV4(t.requests.rows, t.review);
    expect(v.map((x) => x.cell)).toEqual(['requests.r1.6', 'review.9']);
  });
  it('V5: negative, fractional counts and negative fees', () => {
    const t = consistent();
    t.requests.rows.r5_1[3] = -1;
    t.review[0] = 0.5;
    t.active.licensing = -2;
    t.active.feesWanYuan = -0.1;
    const cells = checkV5(t).map((x) => x.cell);
    expect(cells).toEqual(expect.arrayContaining(['requests.r5_1.3', 'review.0', 'active.licensing', 'active.feesWanYuan']));
    expect(cells).toHaveLength(4);
  });
  it('V6: 上年结转 that differs from last year’s 结转下年度', () => {
    const t = consistent();
    expect(checkV6(t.requests.rows, [1, 0, 0, 0, 0, 0, 1])).toEqual([]);
    expect(checkV6(t.requests.rows, [3, 0, 0, 0, 0, 0, 3]).map((x) => x.cell)).toEqual(['requests.carried_in.0', 'requests.carried_in.6']);
    expect(checkV6(t.requests.rows, null)).toEqual([]);
  });
});

describe('explanations', () => {
  it('a violation with a non-blank explanation no longer blocks', () => {
    const t = consistent();
    t.requests.rows.new[0] = 9;
    const v = validateReport(t, null);
    expect(unexplained(v, {})).toHaveLength(v.length);
    const all = Object.fromEntries(v.map((x) => [violationKey(x), '系统迁移前的申请未登记']));
    expect(unexplained(v, all)).toEqual([]);
    expect(unexplained(v, Object.fromEntries(v.map((x) => [violationKey(x), '  '])))).toHaveLength(v.length);
  });
});
