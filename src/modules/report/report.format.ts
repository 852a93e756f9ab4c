// The annual report's shape, its exact labels and the V1–V6 checks (pure). Source: 国办公开办函〔2021〕30号
// 《中华人民共和国政府信息公开工作年度报告格式》, ../../../../shared/law/disclosure-rules.md §2. Row keys are ours [INF].
import { APPLICANT_CATEGORIES, APPLICANT_CATEGORY_IDS, REPORT_ROW_IDS, REVIEW_CASE_KIND_IDS, REVIEW_RESULT_IDS, type ApplicantCategory, type ReportRow } from '../requests/index.ts';

/** The six fixed sections (30号; 条例 第五十条). */
export const SECTION_TITLES = {
  overview: '一、总体情况',
  active: '二、主动公开政府信息情况',
  requests: '三、收到和处理政府信息公开申请情况',
  review: '四、政府信息公开行政复议、行政诉讼情况',
  problems: '五、存在的主要问题及改进情况',
  other: '六、其他需要报告的事项',
} as const;

/** 条例 第五十条第（四）项: 各级人民政府 reports add this to 五. */
export const GOVERNMENT_EXTRA_TITLE = '工作考核、社会评议和责任追究结果情况';

// ─── Section 二 (30号 tables 2-1 … 2-4) ─────────────────────────────────────────

export const ACTIVE_TABLES = {
  t1: { caption: '第二十条第（一）项', head: ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'] },
  t5: { caption: '第二十条第（五）项', head: ['信息内容', '本年处理决定数量'] },
  t6: { caption: '第二十条第（六）项', head: ['信息内容', '本年处理决定数量'] },
  t8: { caption: '第二十条第（八）项', head: ['信息内容', '本年收费金额（单位：万元）'] },
} as const;
export const ACTIVE_ROW_LABELS = {
  rules: '规章',
  normative: '行政规范性文件',
  licensing: '行政许可',
  penalty: '行政处罚',
  enforcement: '行政强制',
  fees: '行政事业性收费',
} as const;

export interface DocumentCounts {
  issued: number;
  repealed: number;
  inForce: number;
}
export interface ActiveSection {
  rules: DocumentCounts;
  normative: DocumentCounts;
  /** from outside systems (form or import); null until entered */
  licensing: number | null;
  penalty: number | null;
  enforcement: number | null;
  /** 万元, decimal */
  feesWanYuan: number | null;
}

// ─── Section 三 (30号; rows §2.4) ───────────────────────────────────────────────

export const REQUEST_COLUMNS = [...APPLICANT_CATEGORY_IDS.map((c) => APPLICANT_CATEGORIES[c]), '总计'] as const;
/** The two-level header of section 三: 自然人 | 法人或其他组织 (5) | 总计. */
export const REQUEST_HEADER = { corner: '申请人情况', naturalPerson: '自然人', organizations: '法人或其他组织', total: '总计' } as const;

export const REQUEST_ROW_LABELS = {
  new: '一、本年新收政府信息公开申请数量',
  carried_in: '二、上年结转政府信息公开申请数量',
  results: '三、本年度办理结果',
  r1: '（一）予以公开',
  r2: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
  r3: '（三）不予公开',
  r3_1: '1.属于国家秘密',
  r3_2: '2.其他法律行政法规禁止公开',
  r3_3: '3.危及“三安全一稳定”',
  r3_4: '4.保护第三方合法权益',
  r3_5: '5.属于三类内部事务信息',
  r3_6: '6.属于四类过程性信息',
  r3_7: '7.属于行政执法案卷',
  r3_8: '8.属于行政查询事项',
  r4: '（四）无法提供',
  r4_1: '1.本机关不掌握相关政府信息',
  r4_2: '2.没有现成信息需要另行制作',
  r4_3: '3.补正后申请内容仍不明确',
  r5: '（五）不予处理',
  r5_1: '1.信访举报投诉类申请',
  r5_2: '2.重复申请',
  r5_3: '3.要求提供公开出版物',
  r5_4: '4.无正当理由大量反复申请',
  r5_5: '5.要求行政机关确认或重新出具已获取信息',
  r6: '（六）其他处理',
  r6_1: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
  r6_2: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
  r6_3: '3.其他',
  r7: '（七）总计',
  carried_out: '四、结转下年度继续办理',
} as const;
export type RequestRowKey = Exclude<keyof typeof REQUEST_ROW_LABELS, 'results'>;
/** Display order; 'results' is the header row 三、本年度办理结果 with no numbers. */
export const REQUEST_ROW_ORDER = Object.keys(REQUEST_ROW_LABELS) as (keyof typeof REQUEST_ROW_LABELS)[];
export const REQUEST_ROW_KEYS = REQUEST_ROW_ORDER.filter((k): k is RequestRowKey => k !== 'results');

/** The parent rows and their leaves (V2), and （七）总计's parts (V3). */
export const PARENT_ROWS = {
  r3: ['r3_1', 'r3_2', 'r3_3', 'r3_4', 'r3_5', 'r3_6', 'r3_7', 'r3_8'],
  r4: ['r4_1', 'r4_2', 'r4_3'],
  r5: ['r5_1', 'r5_2', 'r5_3', 'r5_4', 'r5_5'],
  r6: ['r6_1', 'r6_2', 'r6_3'],
} as const satisfies Record<string, readonly ReportRow[]>;
export const TOTAL_PARTS = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6'] as const;

/** 7 numbers per row: the six categories in APPLICANT_CATEGORY_IDS order, then 总计. */
export type RequestRows = Record<RequestRowKey, number[]>;
export interface RequestsSection {
  columns: string[];
  rows: RequestRows;
}

// ─── Section 四 (§2.5) ──────────────────────────────────────────────────────────

export const REVIEW_GROUPS = ['行政复议', '行政诉讼'] as const;
export const REVIEW_SUBGROUPS = ['未经复议直接起诉', '复议后起诉'] as const;
export const REVIEW_RESULT_LABELS = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'] as const;
/** The 15 column labels, flat, with their group for exports that have one header row. */
export const REVIEW_COLUMN_LABELS: string[] = REVIEW_CASE_KIND_IDS.flatMap((_, g) => REVIEW_RESULT_LABELS.map((l) => `${['行政复议', '行政诉讼·未经复议直接起诉', '行政诉讼·复议后起诉'][g]}·${l}`));

// ─── The report ─────────────────────────────────────────────────────────────────

export interface KeyAreaCount {
  node: string;
  published: number;
}

export interface ReportTables {
  active: ActiveSection;
  requests: RequestsSection;
  /** 15 numbers */
  review: number[];
}

/** Where a violation sits: `requests.<row>.<col>`, `review.<col>`, `active.<key>`. */
export type CellRef = string;

export type RuleId = 'V1' | 'V2' | 'V3' | 'V4' | 'V5' | 'V6' | 'DATA';
export interface Violation {
  rule: RuleId;
  cell: CellRef;
  message: string;
}
/** The stable key an explanation is stored under. */
export const violationKey = (v: Pick<Violation, 'rule' | 'cell'>): string => `${v.rule}@${v.cell}`;

export const requestCell = (row: RequestRowKey, col: number): CellRef => `requests.${row}.${col}`;
export const reviewCell = (col: number): CellRef => `review.${col}`;

// ─── Building tables ────────────────────────────────────────────────────────────

export function emptyRequestRows(): RequestRows {
  return Object.fromEntries(REQUEST_ROW_KEYS.map((k) => [k, [0, 0, 0, 0, 0, 0, 0]])) as RequestRows;
}

/** Fills the parent rows, （七）总计 and the 总计 column from the leaves and the six category columns. */
export function completeRequestRows(rows: RequestRows): RequestRows {
  const out = Object.fromEntries(REQUEST_ROW_KEYS.map((k) => [k, [...rows[k]]])) as RequestRows;
  for (const [parent, leaves] of Object.entries(PARENT_ROWS) as [keyof typeof PARENT_ROWS, readonly ReportRow[]][]) {
    out[parent] = [0, 1, 2, 3, 4, 5, 6].map((c) => leaves.reduce((s, l) => s + (out[l as RequestRowKey][c] ?? 0), 0));
  }
  out.r7 = [0, 1, 2, 3, 4, 5, 6].map((c) => TOTAL_PARTS.reduce((s, p) => s + (out[p][c] ?? 0), 0));
  for (const k of REQUEST_ROW_KEYS) {
    const row = out[k];
    row[6] = row.slice(0, 6).reduce((s, n) => s + n, 0);
  }
  return out;
}

/** Fills each group's 总计 (the 5th cell) from its four results [INF: §2.5]. */
export function completeReviewRow(row: readonly number[]): number[] {
  const out = [...row];
  for (let g = 0; g < 3; g++) out[g * 5 + 4] = [0, 1, 2, 3].reduce((s, i) => s + (out[g * 5 + i] ?? 0), 0);
  return out;
}

export function columnOfCategory(category: string): number {
  const i = APPLICANT_CATEGORY_IDS.indexOf(category as ApplicantCategory);
  return i < 0 ? APPLICANT_CATEGORY_IDS.indexOf('other') : i;
}

export { REPORT_ROW_IDS, REVIEW_RESULT_IDS };

// ─── V1–V6 ──────────────────────────────────────────────────────────────────────

const COLUMN_NAMES = REQUEST_COLUMNS;
const rowName = (k: RequestRowKey) => REQUEST_ROW_LABELS[k];

/** V1 (勾稽关系): 一 + 二 = 三（七）总计 + 四, per column. The offending cell is （七）总计. */
export function checkV1(rows: RequestRows): Violation[] {
  const out: Violation[] = [];
  for (let c = 0; c < 7; c++) {
    const left = (rows.new[c] ?? 0) + (rows.carried_in[c] ?? 0);
    const right = (rows.r7[c] ?? 0) + (rows.carried_out[c] ?? 0);
    if (left !== right) out.push({ rule: 'V1', cell: requestCell('r7', c), message: `“${COLUMN_NAMES[c]}”列：本年新收 + 上年结转 = ${left}，办理结果总计 + 结转下年度 = ${right}，两者应相等` });
  }
  return out;
}

/** V2: each parent row (三 四 五 六) = the sum of its numbered items. */
export function checkV2(rows: RequestRows): Violation[] {
  const out: Violation[] = [];
  for (const [parent, leaves] of Object.entries(PARENT_ROWS) as [RequestRowKey, readonly RequestRowKey[]][]) {
    for (let c = 0; c < 7; c++) {
      const sum = leaves.reduce((s, l) => s + (rows[l][c] ?? 0), 0);
      if ((rows[parent][c] ?? 0) !== sum) out.push({ rule: 'V2', cell: requestCell(parent, c), message: `“${rowName(parent)}”“${COLUMN_NAMES[c]}”为 ${rows[parent][c]}，其下各项之和为 ${sum}` });
    }
  }
  return out;
}

/** V3: （七）总计 = （一）+（二）+（三）+（四）+（五）+（六）. */
export function checkV3(rows: RequestRows): Violation[] {
  const out: Violation[] = [];
  for (let c = 0; c < 7; c++) {
    const sum = TOTAL_PARTS.reduce((s, p) => s + (rows[p][c] ?? 0), 0);
    if ((rows.r7[c] ?? 0) !== sum) out.push({ rule: 'V3', cell: requestCell('r7', c), message: `“（七）总计”“${COLUMN_NAMES[c]}”为 ${rows.r7[c]}，（一）至（六）之和为 ${sum}` });
  }
  return out;
}

/** V4: the 总计 column = the six categories, per row; and in 四 each 总计 = its four results. */
export function checkV4(rows: RequestRows, review: readonly number[]): Violation[] {
  const out: Violation[] = [];
  for (const k of REQUEST_ROW_KEYS) {
    const sum = rows[k].slice(0, 6).reduce((s, n) => s + n, 0);
    if ((rows[k][6] ?? 0) !== sum) out.push({ rule: 'V4', cell: requestCell(k, 6), message: `“${rowName(k)}”的总计为 ${rows[k][6]}，六类申请人之和为 ${sum}` });
  }
  for (let g = 0; g < 3; g++) {
    const sum = [0, 1, 2, 3].reduce((s, i) => s + (review[g * 5 + i] ?? 0), 0);
    if ((review[g * 5 + 4] ?? 0) !== sum) out.push({ rule: 'V4', cell: reviewCell(g * 5 + 4), message: `${REVIEW_COLUMN_LABELS[g * 5 + 4]}为 ${review[g * 5 + 4]}，前四项之和为 ${sum}` });
  }
  return out;
}

const isCount = (n: unknown): boolean => typeof n === 'number' && Number.isInteger(n) && n >= 0;

/** V5: every cell a non-negative integer; 行政事业性收费 (万元) a non-negative decimal. */
export function checkV5(t: ReportTables): Violation[] {
  const out: Violation[] = [];
  for (const k of REQUEST_ROW_KEYS) {
    for (let c = 0; c < 7; c++) if (!isCount(t.requests.rows[k][c])) out.push({ rule: 'V5', cell: requestCell(k, c), message: `“${rowName(k)}”“${COLUMN_NAMES[c]}”应为非负整数` });
  }
  for (let c = 0; c < 15; c++) if (!isCount(t.review[c])) out.push({ rule: 'V5', cell: reviewCell(c), message: `${REVIEW_COLUMN_LABELS[c]}应为非负整数` });
  for (const g of ['rules', 'normative'] as const) {
    for (const f of ['issued', 'repealed', 'inForce'] as const) {
      if (!isCount(t.active[g][f])) out.push({ rule: 'V5', cell: `active.${g}.${f}`, message: `${ACTIVE_ROW_LABELS[g]}的件数应为非负整数` });
    }
  }
  for (const f of ['licensing', 'penalty', 'enforcement'] as const) {
    const v = t.active[f];
    if (v !== null && !isCount(v)) out.push({ rule: 'V5', cell: `active.${f}`, message: `${ACTIVE_ROW_LABELS[f]}的处理决定数量应为非负整数` });
  }
  const fees = t.active.feesWanYuan;
  if (fees !== null && !(Number.isFinite(fees) && fees >= 0)) out.push({ rule: 'V5', cell: 'active.feesWanYuan', message: '行政事业性收费金额应为非负数' });
  return out;
}

/** V6 (cross-year): this year's 上年结转 = last year's 结转下年度, per column. `previous` null = nothing to compare. */
export function checkV6(rows: RequestRows, previousCarriedOut: readonly number[] | null): Violation[] {
  if (!previousCarriedOut) return [];
  const out: Violation[] = [];
  for (let c = 0; c < 7; c++) {
    if ((rows.carried_in[c] ?? 0) !== (previousCarriedOut[c] ?? 0)) out.push({ rule: 'V6', cell: requestCell('carried_in', c), message: `“${COLUMN_NAMES[c]}”列：上年结转 ${rows.carried_in[c]} 与上一年度报告的结转下年度 ${previousCarriedOut[c]} 不一致` });
  }
  return out;
}

/** Every check, in rule order. */
export function validateReport(t: ReportTables, previousCarriedOut: readonly number[] | null): Violation[] {
  return [...checkV1(t.requests.rows), ...checkV2(t.requests.rows), ...checkV3(t.requests.rows), ...checkV4(t.requests.rows, t.review), ...checkV5(t), ...checkV6(t.requests.rows, previousCarriedOut)];
}

/** The violations with no non-empty explanation: these block publication (issue 6). */
export function unexplained(violations: readonly Violation[], explanations: Readonly<Record<string, string>>): Violation[] {
  return violations.filter((v) => !(explanations[violationKey(v)] ?? '').trim());
}

/** 万元 from 元, to 4 decimals (one 元 is 0.0001 万元). */
export function yuanToWan(yuan: number): number {
  return Math.round(yuan) / 10000;
}
