// Numbers a province or city may change. Each carries its source; [U] marks local practice not confirmed against an
// official text (see /work/shared/law/service-rules.md §2), so it must stay configurable.
import { SATISFACTION_IDS, TICKET_TYPE_IDS, URGENCY_IDS, type Satisfaction, type TicketType, type Urgency } from './taxonomy.ts';

/** A time limit: plain hours (the 12345 center works 7×24, GB/T 33358) or working days on the State Council's calendar. */
export type Limit = { unit: 'hours'; value: number } | { unit: 'workdays'; value: number };

export const hours = (value: number): Limit => ({ unit: 'hours', value });
export const workdays = (value: number): Limit => ({ unit: 'workdays', value });

type ByUrgency<T> = Record<Urgency, T>;

export interface HotlineConfig {
  deadlines: {
    /** 受理 → 派单, counted from intake. */
    dispatch: ByUrgency<Limit>;
    /** 派单 → 签收, counted from dispatch. */
    sign: ByUrgency<Limit>;
    /** 派单 → 先行联系诉求人, counted from dispatch (a late 签收 does not buy time). */
    contact: ByUrgency<Limit>;
    /** 派单 → 答复 (办理时限), per type × urgency, counted from dispatch (交办). */
    handle: Record<TicketType, ByUrgency<Limit>>;
    /** 答复 → 中心审核. */
    review: Limit;
    /** 办结 → 回访. */
    callback: Limit;
    /** 退单 must be asked for within this time after dispatch. */
    returnWindow: Limit;
    /** The center decides on a 退单 (改派 or 退回) within this time. */
    returnReview: Limit;
    /** The center decides on a 延期 request within this time. */
    extensionReview: Limit;
  };
  /** When a running clock counts as 临期 (near due). */
  nearDue: {
    /** working-day limits: this many working days or fewer left (0 = due today) */
    workdaysLeft: number;
    /** hour limits: this fraction of the limit or less left */
    hoursFraction: number;
  };
  extension: {
    /** 延期 requests allowed per dispatch */
    maxCount: number;
    /** longest single extension, in working days */
    maxWorkdays: number;
  };
  /** 重办 on a justified 不满意: how many times per ticket. */
  reopen: { maxCount: number };
  /** 并单. */
  duplicates: {
    /** how far apart in time two tickets may be */
    windowHours: number;
    /** same place when coordinates are this close */
    radiusMeters: number;
    /** same place when addresses share this share of tokens (Jaccard) */
    minAddressSimilarity: number;
    /** similar text: cosine similarity of token counts */
    minTextSimilarity: number;
  };
  text: {
    /** 诉求内容 length limit, characters */
    descriptionMaxLength: number;
    descriptionMinLength: number;
    /** shortest acceptable 答复 / 直接答复 */
    replyMinLength: number;
    /** shortest reason for 退单、延期、驳回、重办 … */
    reasonMinLength: number;
  };
  /** 三率. */
  rates: {
    /** weight of each grade in 满意率 (满意 1, 不满意 0; 基本满意 is a local choice) */
    satisfactionWeights: Record<Satisfaction, number>;
    /** weights of the composite score; they must add up to 1 */
    compositeWeights: { response: number; resolution: number; satisfaction: number };
  };
  dispatch: {
    /** how many agencies the agent is offered */
    suggestions: number;
    /** how the 派单目录, the text classifier and keyword rules are combined */
    weights: { directory: number; classifier: number; keywords: number };
  };
  /** Public interaction figures (市长信箱). */
  publicInteraction: {
    /** the share answered within this many working days is shown */
    answeredWithinWorkdays: number;
    /** a letter unanswered longer than this vetoes the site */
    unansweredVetoMonths: number;
  };
  open311: {
    /** the jurisdiction's bounding box (WGS84); POSTs outside it are refused. null = any valid coordinate */
    bounds: { minLat: number; maxLat: number; minLong: number; maxLong: number } | null;
    /** decimals of lat/long in public output */
    coordinateDecimals: number;
    /** GET requests: default span and result cap */
    defaultQueryDays: number;
    maxResults: number;
  };
}

export const DEFAULT_HOTLINE_CONFIG: HotlineConfig = {
  deadlines: {
    // 北京市接诉即办工作条例: 紧急 ≤ 1 h, 一般 ≤ 24 h [C]
    dispatch: { urgent: hours(1), normal: hours(24) },
    // 签收 ≤ 24 h (issue 7; "24小时签收率" 准格尔旗 [C]); urgent 1 h [U]
    sign: { urgent: hours(1), normal: hours(24) },
    // 先行联系: urgent ≤ 2 h (北京 反馈 突发/生命财产 ≤ 2 h [C 征求意见稿]); normal 48 h [U]
    contact: { urgent: hours(2), normal: hours(48) },
    handle: {
      // 四川省12345运行管理办法 (2026-01) [C]: 咨询 3, 求助/建议 7, 投诉/举报 15 working days
      consultation: { normal: workdays(3), urgent: workdays(1) }, // urgent [U]
      help: { normal: workdays(7), urgent: hours(24) }, // urgent: 北京 水电气热等及时性诉求 ≤ 24 h [C 征求意见稿]
      suggestion: { normal: workdays(7), urgent: workdays(7) }, // a suggestion is rarely urgent [U]
      complaint: { normal: workdays(15), urgent: workdays(3) }, // urgent [U]
      report: { normal: workdays(15), urgent: workdays(3) }, // urgent [U]
      // 表扬: forwarded to the praised unit and acknowledged [U]
      praise: { normal: workdays(5), urgent: workdays(5) },
    },
    review: workdays(1), // [U]
    callback: workdays(2), // fsou 部门规则: 办结次日回访 [C]; 2 working days [U]
    returnWindow: hours(24), // [U]
    returnReview: hours(4), // [U]
    extensionReview: workdays(1), // [U]
  },
  nearDue: { workdaysLeft: 1, hoursFraction: 0.25 }, // [U]
  extension: { maxCount: 1, maxWorkdays: 15 }, // 四川: 复杂事项按规定延期 [C]; numbers [U]
  reopen: { maxCount: 2 }, // [U]
  duplicates: { windowHours: 72, radiusMeters: 200, minAddressSimilarity: 0.6, minTextSimilarity: 0.3 }, // [U]; text only confirms what category, place and time already say
  // 诉求内容: GeoReport v2 "free form text limited to 4,000 characters", the same on every channel; the minimums [U]
  text: { descriptionMaxLength: 4000, descriptionMinLength: 5, replyMinLength: 15, reasonMinLength: 4 },
  rates: {
    // 满意率 = 回访 "满意"(+"基本满意" per policy) / 参评工单 (service-rules.md §2.4) [U]
    satisfactionWeights: { satisfied: 1, basically_satisfied: 1, dissatisfied: 0 },
    // 准格尔旗: 响应率 30%, 解决率 35%, 满意率 35% [C]
    compositeWeights: { response: 0.3, resolution: 0.35, satisfaction: 0.35 },
  },
  // tuned on `npm run bench -- dispatch` (generated tickets, agents picking the right category 85% of the time) [U]
  dispatch: { suggestions: 3, weights: { directory: 0.4, classifier: 0.45, keywords: 0.15 } },
  publicInteraction: {
    answeredWithinWorkdays: 5, // 湖南: 简单常见咨询 > 5 working days 扣分 [U]
    unansweredVetoMonths: 3, // 国办秘函〔2019〕19号 单项否决 V5 [C]
  },
  open311: {
    bounds: { minLat: 28.1, maxLat: 32.3, minLong: 105.2, maxLong: 110.2 }, // 重庆市行政区域外包框 [U]
    coordinateDecimals: 4, // ≈ 11 m; less exact than a doorway [U]
    defaultQueryDays: 90, // GeoReport v2: "a span of 90 days or first 1000 requests"
    maxResults: 1000,
  },
};

/** Every way a config is invalid, in Chinese, one per problem. [] = valid. */
export function checkHotlineConfig(c: HotlineConfig): string[] {
  const problems: string[] = [];
  const limit = (name: string, l: Limit) => {
    if (l.unit !== 'hours' && l.unit !== 'workdays') problems.push(`${name}：时限单位必须是小时或工作日`);
    else if (!Number.isFinite(l.value) || l.value <= 0) problems.push(`${name}：时限必须大于0`);
    else if (l.unit === 'workdays' && !Number.isInteger(l.value)) problems.push(`${name}：工作日数必须是整数`);
  };
  const d = c.deadlines;
  for (const u of URGENCY_IDS) {
    limit(`派单时限（${u}）`, d.dispatch[u]);
    limit(`签收时限（${u}）`, d.sign[u]);
    limit(`先行联系时限（${u}）`, d.contact[u]);
    for (const t of TICKET_TYPE_IDS) limit(`办理时限（${t}/${u}）`, d.handle[t][u]);
  }
  limit('审核时限', d.review);
  limit('回访时限', d.callback);
  limit('退单时限', d.returnWindow);
  limit('退单审核时限', d.returnReview);
  limit('延期审核时限', d.extensionReview);
  const count = (name: string, v: number, min = 0) => {
    if (!Number.isInteger(v) || v < min) problems.push(`${name}：必须是不小于${min}的整数`);
  };
  const fraction = (name: string, v: number) => {
    if (!Number.isFinite(v) || v < 0 || v > 1) problems.push(`${name}：必须在0到1之间`);
  };
  count('临期提醒工作日数', c.nearDue.workdaysLeft);
  fraction('临期提醒比例', c.nearDue.hoursFraction);
  count('延期次数上限', c.extension.maxCount);
  count('单次延期工作日上限', c.extension.maxWorkdays, 1);
  count('重办次数上限', c.reopen.maxCount);
  if (!(c.duplicates.windowHours > 0)) problems.push('并单时间窗：必须大于0');
  if (!(c.duplicates.radiusMeters > 0)) problems.push('并单距离：必须大于0');
  fraction('并单地址相似度', c.duplicates.minAddressSimilarity);
  fraction('并单文本相似度', c.duplicates.minTextSimilarity);
  count('诉求内容最短长度', c.text.descriptionMinLength);
  count('诉求内容最大长度', c.text.descriptionMaxLength, 1);
  if (c.text.descriptionMinLength > c.text.descriptionMaxLength) problems.push('诉求内容最短长度：不能大于最大长度');
  count('答复最短长度', c.text.replyMinLength);
  count('理由最短长度', c.text.reasonMinLength);
  for (const s of SATISFACTION_IDS) fraction(`满意率权重（${s}）`, c.rates.satisfactionWeights[s]);
  const cw = c.rates.compositeWeights;
  for (const [k, v] of Object.entries(cw)) fraction(`综合得分权重（${k}）`, v);
  if (Math.abs(cw.response + cw.resolution + cw.satisfaction - 1) > 1e-9) problems.push('综合得分权重：三项之和必须为1');
  count('推荐承办单位数', c.dispatch.suggestions, 1);
  for (const [k, v] of Object.entries(c.dispatch.weights)) if (!Number.isFinite(v) || v < 0) problems.push(`派单推荐权重（${k}）：不能为负`);
  if (c.dispatch.weights.directory + c.dispatch.weights.classifier + c.dispatch.weights.keywords <= 0) problems.push('派单推荐权重：至少一项大于0');
  count('信箱答复统计工作日数', c.publicInteraction.answeredWithinWorkdays, 1);
  count('信箱超期未答复月数', c.publicInteraction.unansweredVetoMonths, 1);
  const b = c.open311.bounds;
  if (b && !(b.minLat >= -90 && b.maxLat <= 90 && b.minLat < b.maxLat && b.minLong >= -180 && b.maxLong <= 180 && b.minLong < b.maxLong)) {
    problems.push('Open311 辖区范围：经纬度范围无效');
  }
  count('Open311 坐标小数位数', c.open311.coordinateDecimals);
  count('Open311 默认查询天数', c.open311.defaultQueryDays, 1);
  count('Open311 最多返回条数', c.open311.maxResults, 1);
  return problems;
}

/** Overrides: a subset of the settings; a Limit is replaced whole; bounds may be set to null. */
export type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends Limit ? Limit : T[K] extends object ? DeepPartial<T[K]> : null extends T[K] ? DeepPartial<NonNullable<T[K]>> | null : T[K];
};

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function merge(base: unknown, patch: unknown): unknown {
  if (patch === undefined) return base;
  // a Limit is replaced whole, so { unit: 'hours' } never keeps a stale workday value
  if (!isPlainObject(base) || !isPlainObject(patch) || 'unit' in patch) return patch;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) out[k] = merge(base[k], v);
  return out;
}

/**
 * The defaults overlaid with a province's or city's settings (e.g. a JSON profile).
 * Throws RangeError listing every problem when the result is invalid.
 */
export function resolveHotlineConfig(overrides: DeepPartial<HotlineConfig> = {}, base: HotlineConfig = DEFAULT_HOTLINE_CONFIG): HotlineConfig {
  const merged = merge(base, overrides) as HotlineConfig;
  const problems = checkHotlineConfig(merged);
  if (problems.length) throw new RangeError(`热线配置有误：${problems.join('；')}`);
  return merged;
}

/** The 办理时限 of a ticket. */
export function handleLimit(config: HotlineConfig, type: TicketType, urgency: Urgency): Limit {
  return config.deadlines.handle[type][urgency];
}

/** '15 个工作日' / '24 小时' */
export function describeLimit(l: Limit): string {
  return l.unit === 'hours' ? `${l.value} 小时` : `${l.value} 个工作日`;
}
