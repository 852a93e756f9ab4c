// The fixed vocabularies of 依申请公开, each with its legal source. Stable ids are stored in the database;
// the Chinese labels are what people see. Source: ../../../../shared/law/disclosure-rules.md §1.1, §1.3, §2.4, §2.5.
import type { FieldError } from '../../platform/http/errors.ts';
import { idCardCheckChar, isValidCreditCode, isValidIdCard } from '../../platform/text/identifiers.ts';

// ─── Applicants ──────────────────────────────────────────────────────────────

/** 条例 第二十七条: 公民、法人或者其他组织 may apply. */
export const APPLICANT_KINDS = {
  natural_person: '自然人',
  organization: '法人或其他组织',
} as const;
export type ApplicantKind = keyof typeof APPLICANT_KINDS;
export const APPLICANT_KIND_IDS = Object.keys(APPLICANT_KINDS) as ApplicantKind[];

/**
 * The six 申请人情况 columns of the annual report's section 三 (国办公开办函〔2021〕30号), in column order;
 * the seventh column, 总计, is their sum. An organization picks one of the last five.
 */
export const APPLICANT_CATEGORIES = {
  natural_person: '自然人',
  commercial: '商业企业',
  research: '科研机构',
  public_interest: '社会公益组织',
  legal_services: '法律服务机构',
  other: '其他',
} as const;
export type ApplicantCategory = keyof typeof APPLICANT_CATEGORIES;
export const APPLICANT_CATEGORY_IDS = Object.keys(APPLICANT_CATEGORIES) as ApplicantCategory[];
export type OrganizationCategory = Exclude<ApplicantCategory, 'natural_person'>;
export const ORGANIZATION_CATEGORY_IDS = APPLICANT_CATEGORY_IDS.filter((c): c is OrganizationCategory => c !== 'natural_person');

/** The kind a category belongs to: a single stored category carries both. */
export function kindOfCategory(category: ApplicantCategory): ApplicantKind {
  return category === 'natural_person' ? 'natural_person' : 'organization';
}

// ─── Identity documents (条例 第二十九条: 身份证明) ────────────────────────────

interface IdTypeSpec {
  label: string;
  kind: ApplicantKind;
  /** what a valid number looks like, for the message beside the field */
  format: string;
  isValid: (normalized: string) => boolean;
}

/** GB 11643 numbers issued to 港澳台居民 on their 居住证 (国办发〔2018〕81号): 810000 / 820000 / 830000 + check. */
function isValidResidencePermit(s: string): boolean {
  return /^8[123]0000/.test(s) && isValidIdCard(s);
}

/** 外国人永久居留身份证: the 2023 card is 18 digits starting with 9 (GB 11643 check); the 2017 card 3 letters + 12 digits. */
function isValidForeignPermanentResidence(s: string): boolean {
  if (/^[A-Z]{3}\d{12}$/.test(s)) return true;
  return /^9\d{16}[\dX]$/.test(s) && idCardCheckChar(s) === s[17];
}

export const ID_TYPES = {
  resident_id: { label: '居民身份证', kind: 'natural_person', format: '18 位公民身份号码，出生日期和校验位须正确', isValid: isValidIdCard },
  residence_permit: { label: '港澳台居民居住证', kind: 'natural_person', format: '810000、820000 或 830000 开头的 18 位号码，校验位须正确', isValid: isValidResidencePermit },
  hk_macao_permit: { label: '港澳居民来往内地通行证', kind: 'natural_person', format: 'H 或 M 加 8 位或 10 位数字', isValid: (s) => /^[HM]\d{8}(\d{2})?$/.test(s) },
  taiwan_permit: { label: '台湾居民来往大陆通行证', kind: 'natural_person', format: '8 位或 10 位数字', isValid: (s) => /^(\d{8}|\d{10})$/.test(s) },
  foreign_permanent_residence: { label: '外国人永久居留身份证', kind: 'natural_person', format: '18 位数字（以 9 开头）或 3 位字母加 12 位数字', isValid: isValidForeignPermanentResidence },
  passport: { label: '护照', kind: 'natural_person', format: '5–17 位字母或数字', isValid: (s) => /^[A-Z0-9]{5,17}$/.test(s) },
  // Every 法人和其他组织 holds a 统一社会信用代码 since the 2017 switch-over (国发〔2015〕33号); issue 5 requires it.
  credit_code: { label: '统一社会信用代码', kind: 'organization', format: '18 位，由数字和大写字母组成，校验码须正确', isValid: isValidCreditCode },
} as const satisfies Record<string, IdTypeSpec>;
export type IdType = keyof typeof ID_TYPES;
export const ID_TYPE_IDS = Object.keys(ID_TYPES) as IdType[];

/** The canonical form stored and compared: no spaces or hyphens, capitals. */
export function normalizeIdNumber(value: string): string {
  return value.replace(/[\s-]/g, '').toUpperCase();
}

/** The problem with an identity document number, in Chinese, or null when it is valid for its type and the applicant's kind. */
export function checkIdNumber(kind: ApplicantKind, idType: IdType, value: string): string | null {
  const spec: IdTypeSpec = ID_TYPES[idType];
  if (spec.kind !== kind) return `${spec.label}不适用于${APPLICANT_KINDS[kind]}`;
  const s = normalizeIdNumber(value);
  if (s === '') return '必须填写';
  if (spec.isValid(s)) return null;
  const noun = spec.label.endsWith('代码') ? spec.label : `${spec.label}号码`;
  return `不是有效的${noun}（应为 ${spec.format}）`;
}

// ─── Channels and the receipt date (条例 第三十一条, 国办公开办函〔2015〕207号) ───

/** Which recorded date is the 收到申请之日. */
export type ReceiptBasis = 'submitted' | 'signed' | 'confirmed' | 'system_received';

export const RECEIPT_BASES = {
  submitted: '提交之日',
  signed: '签收之日',
  confirmed: '双方确认之日',
  system_received: '系统接收之日',
} as const satisfies Record<ReceiptBasis, string>;

export const CHANNELS = {
  in_person: { label: '当面提交', receipt: 'submitted', basis: '条例 第三十一条第（一）项' },
  post: { label: '邮寄', receipt: 'signed', basis: '条例 第三十一条第（二）项' },
  // 平信: the 工作机构 phones the applicant on the day it receives the letter; unreachable → the clock starts on contact (207号).
  ordinary_letter: { label: '平信', receipt: 'confirmed', basis: '条例 第三十一条第（二）项；国办公开办函〔2015〕207号' },
  online: { label: '网络', receipt: 'confirmed', basis: '条例 第三十一条第（三）项' },
  fax: { label: '传真', receipt: 'confirmed', basis: '条例 第三十一条第（三）项；国办公开办函〔2015〕207号' },
  // 207号 (under the 2007 text): 公布的申请邮箱 → 电子邮件系统接收之日. The 2019 第三十一条第（三）项 could be read to put
  // e-mail among 互联网渠道 (双方确认之日); requests.config.ts `emailReceipt` lets a province choose.
  email: { label: '电子邮件', receipt: 'system_received', basis: '国办公开办函〔2015〕207号' },
} as const satisfies Record<string, { label: string; receipt: ReceiptBasis; basis: string }>;
export type Channel = keyof typeof CHANNELS;
export const CHANNEL_IDS = Object.keys(CHANNELS) as Channel[];

// ─── Form of provision (条例 第二十九条第（三）项, 第四十条) ────────────────────────

export const PROVISION_FORMS = {
  paper: '纸质',
  email: '电子邮件',
  electronic_data: '电子数据',
  post: '邮寄',
  pickup: '自行领取',
} as const;
export type ProvisionForm = keyof typeof PROVISION_FORMS;
export const PROVISION_FORM_IDS = Object.keys(PROVISION_FORMS) as ProvisionForm[];

// ─── Service of the decision (国办公开办函〔2016〕235号) ──────────────────────────

/** Which date is the 送达 date. */
export type ServiceDateBasis = 'signed' | 'posted' | 'delivered';

export const SERVICE_MODES = {
  direct: { label: '直接送达', date: 'signed', basis: '国办公开办函〔2016〕235号：申请人签收之日' },
  entrusted: { label: '委托送达', date: 'signed', basis: '国办公开办函〔2016〕235号：申请人签收之日' },
  // 邮寄 only through a 邮政企业, not a courier; the agency pays the postage (235号).
  post: { label: '邮寄送达', date: 'posted', basis: '国办公开办函〔2016〕235号：交邮之日' },
  // [INF] 235号 names only the three above. For an applicant who agreed to electronic service we follow
  // 民事诉讼法 第九十条: the day it reaches the applicant's system.
  electronic: { label: '电子送达', date: 'delivered', basis: '参照 民事诉讼法 第九十条：到达受送达人特定系统之日' },
} as const satisfies Record<string, { label: string; date: ServiceDateBasis; basis: string }>;
export type ServiceMode = keyof typeof SERVICE_MODES;
export const SERVICE_MODE_IDS = Object.keys(SERVICE_MODES) as ServiceMode[];

// ─── Annual report section 三 rows (国办公开办函〔2021〕30号) ───────────────────

/** The leaf rows of 三、本年度办理结果 that a final outcome counts in. The parents and （七）总计 are sums. */
export const REPORT_ROWS = {
  r1: '（一）予以公开',
  r2: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
  r3_1: '（三）不予公开 1.属于国家秘密',
  r3_2: '（三）不予公开 2.其他法律行政法规禁止公开',
  r3_3: '（三）不予公开 3.危及“三安全一稳定”',
  r3_4: '（三）不予公开 4.保护第三方合法权益',
  r3_5: '（三）不予公开 5.属于三类内部事务信息',
  r3_6: '（三）不予公开 6.属于四类过程性信息',
  r3_7: '（三）不予公开 7.属于行政执法案卷',
  r3_8: '（三）不予公开 8.属于行政查询事项',
  r4_1: '（四）无法提供 1.本机关不掌握相关政府信息',
  r4_2: '（四）无法提供 2.没有现成信息需要另行制作',
  r4_3: '（四）无法提供 3.补正后申请内容仍不明确',
  r5_1: '（五）不予处理 1.信访举报投诉类申请',
  r5_2: '（五）不予处理 2.重复申请',
  r5_3: '（五）不予处理 3.要求提供公开出版物',
  r5_4: '（五）不予处理 4.无正当理由大量反复申请',
  r5_5: '（五）不予处理 5.要求行政机关确认或重新出具已获取信息',
  r6_1: '（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
  r6_2: '（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
  r6_3: '（六）其他处理 3.其他',
} as const;
export type ReportRow = keyof typeof REPORT_ROWS;
export const REPORT_ROW_IDS = Object.keys(REPORT_ROWS) as ReportRow[];

// ─── Reasons for withholding (条例 第十四—十六条) ──────────────────────────────

export const WITHHOLD_REASONS = {
  'EX14-SECRET': { label: '属于国家秘密', basis: '条例 第十四条', mandatory: true, reportRow: 'r3_1' },
  'EX14-LAW': { label: '法律、行政法规禁止公开', basis: '条例 第十四条', mandatory: true, reportRow: 'r3_2' },
  'EX14-SAFETY': { label: '公开后可能危及国家安全、公共安全、经济安全、社会稳定', basis: '条例 第十四条', mandatory: true, reportRow: 'r3_3' },
  // 第三方同意公开，或不公开会对公共利益造成重大影响的，予以公开 (第十五条)
  'EX15-THIRD': { label: '涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害', basis: '条例 第十五条', mandatory: true, reportRow: 'r3_4' },
  'EX16-INTERNAL': { label: '属于人事管理、后勤管理、内部工作流程等内部事务信息', basis: '条例 第十六条第一款', mandatory: false, reportRow: 'r3_5' },
  'EX16-PROCESS': { label: '属于讨论记录、过程稿、磋商信函、请示报告等过程性信息', basis: '条例 第十六条第二款', mandatory: false, reportRow: 'r3_6' },
  'EX16-CASEFILE': { label: '属于行政执法案卷信息', basis: '条例 第十六条第二款', mandatory: false, reportRow: 'r3_7' },
} as const satisfies Record<string, { label: string; basis: string; mandatory: boolean; reportRow: ReportRow }>;
export type WithholdReason = keyof typeof WITHHOLD_REASONS;
export const WITHHOLD_REASON_IDS = Object.keys(WITHHOLD_REASONS) as WithholdReason[];

export function isWithholdReason(value: unknown): value is WithholdReason {
  return typeof value === 'string' && Object.hasOwn(WITHHOLD_REASONS, value);
}

// ─── Final outcomes (条例 第三十条, 第三十五—三十九条; 109号) ─────────────────────

/**
 * The workflow verb that records each outcome. `reply` is the clerk's decision; the others close a
 * request on a procedural ground and are refused by `reply` (requests.workflow.ts).
 */
export type OutcomeVerb = 'reply' | 'decline' | 'expireCorrection' | 'expireFee';

interface OutcomeSpec {
  label: string;
  basis: string;
  /** what the 告知书 must contain, in the law's words */
  content: string;
  /** the annual-report row; 'by_reason' = the row of the first withholding reason */
  reportRow: ReportRow | 'by_reason';
  via: OutcomeVerb;
}

export const OUTCOMES = {
  'R-ALREADY': { label: '已主动公开', basis: '条例 第三十六条第（一）项', content: '告知获取该政府信息的方式、途径', reportRow: 'r1', via: 'reply' },
  'R-DISCLOSE': { label: '予以公开', basis: '条例 第三十六条第（二）项', content: '向申请人提供该政府信息，或者告知获取该政府信息的方式、途径和时间', reportRow: 'r1', via: 'reply' },
  // 区分处理的，只计“部分公开”这一情形 (年报格式 三(二)).
  'R-PARTIAL': { label: '部分公开', basis: '条例 第三十七条', content: '提供可以公开的政府信息内容，并对不予公开的内容说明理由', reportRow: 'r2', via: 'reply' },
  'R-WITHHOLD': { label: '不予公开', basis: '条例 第三十六条第（三）项', content: '告知申请人不予公开并说明理由', reportRow: 'by_reason', via: 'reply' },
  'R-NOTEXIST': { label: '政府信息不存在', basis: '条例 第三十六条第（四）项', content: '告知申请人该政府信息不存在', reportRow: 'r4_1', via: 'reply' },
  'R-NOTOURS': { label: '非本机关负责公开', basis: '条例 第三十六条第（五）项', content: '告知申请人并说明理由；能够确定负责公开该政府信息的行政机关的，告知申请人该行政机关的名称、联系方式', reportRow: 'r4_1', via: 'reply' },
  'R-REPEAT': { label: '重复申请', basis: '条例 第三十六条第（六）项', content: '告知申请人不予重复处理', reportRow: 'r5_2', via: 'reply' },
  'R-SPECIAL': { label: '依照有关法律、行政法规办理', basis: '条例 第三十六条第（七）项', content: '告知申请人依照有关法律、行政法规的规定办理', reportRow: 'r3_8', via: 'reply' },
  'R-NOCREATE': { label: '需另行制作，不予提供', basis: '条例 第三十八条', content: '需要对现有政府信息进行加工、分析的，可以不予提供', reportRow: 'r4_2', via: 'reply' },
  'R-PETITION': { label: '不作为政府信息公开申请处理（信访、投诉、举报）', basis: '条例 第三十九条第一款', content: '告知申请人不作为政府信息公开申请处理，并可以告知通过相应渠道提出', reportRow: 'r5_1', via: 'reply' },
  'R-PUBLICATION': { label: '要求提供公开出版物', basis: '条例 第三十九条第二款', content: '可以告知获取的途径', reportRow: 'r5_3', via: 'reply' },
  'R-EXCESSIVE': { label: '不予处理（申请数量、频次明显超过合理范围）', basis: '条例 第三十五条', content: '申请人说明理由不合理的，告知申请人不予处理', reportRow: 'r5_4', via: 'decline' },
  'R-UNCLEAR': { label: '补正后申请内容仍不明确', basis: '条例 第三十条', content: '告知申请人补正后申请内容仍不明确', reportRow: 'r4_3', via: 'reply' },
  'R-NOCORRECTION': { label: '逾期未补正，视为放弃申请', basis: '条例 第三十条', content: '申请人无正当理由逾期不补正的，视为放弃申请，不再处理', reportRow: 'r6_1', via: 'expireCorrection' },
  'R-FEEUNPAID': { label: '逾期未缴纳信息处理费，视为放弃申请', basis: '国办函〔2020〕109号', content: '申请人逾期未缴纳信息处理费的，视为放弃申请，不再处理', reportRow: 'r6_2', via: 'expireFee' },
  // No article: a report category only; the content is our reading [INF].
  'R-CONFIRM': { label: '要求确认或重新出具已获取信息', basis: '年度报告格式 三(五)5（国办公开办函〔2021〕30号）', content: '告知申请人不予处理', reportRow: 'r5_5', via: 'reply' },
} as const satisfies Record<string, OutcomeSpec>;
export type OutcomeCode = keyof typeof OUTCOMES;
export const OUTCOME_CODES = Object.keys(OUTCOMES) as OutcomeCode[];
/** The outcomes a clerk may choose on the reply form. */
export const REPLY_OUTCOME_CODES = OUTCOME_CODES.filter((c) => OUTCOMES[c].via === 'reply');

export function isOutcomeCode(value: unknown): value is OutcomeCode {
  return typeof value === 'string' && Object.hasOwn(OUTCOMES, value);
}

/** The structured content of a reply, as the form sends it. Which fields are required depends on the outcome. */
export interface ReplyContent {
  /** the information provided, by name or list of attachments */
  providedInformation?: string | undefined;
  /** 获取的方式、途径 */
  accessMethod?: string | undefined;
  /** 获取的时间 */
  accessTime?: string | undefined;
  /** the first is the main reason and decides the report row */
  withholdReasons?: readonly string[] | undefined;
  /** 理由说明 */
  reasonText?: string | undefined;
  responsibleAgencyName?: string | undefined;
  responsibleAgencyContact?: string | undefined;
  /** 第三十六条第（五）项: the responsible agency cannot be determined */
  responsibleAgencyUnknown?: boolean | undefined;
  /** the earlier application already answered (重复申请) */
  relatedRequestNumber?: string | undefined;
  /** the law or administrative regulation to follow, and where (第三十六条第（七）项) */
  specialProcedure?: string | undefined;
  /** the channel for a petition, complaint or report (第三十九条第一款) */
  referralChannel?: string | undefined;
}
export type ReplyField = keyof ReplyContent | 'outcome';

export const REPLY_FIELD_TITLES = {
  outcome: '答复类型',
  providedInformation: '提供的政府信息',
  accessMethod: '获取方式、途径',
  accessTime: '获取时间',
  withholdReasons: '不予公开的理由类别',
  reasonText: '理由说明',
  responsibleAgencyName: '负责公开的机关名称',
  responsibleAgencyContact: '负责公开的机关联系方式',
  responsibleAgencyUnknown: '无法确定负责公开的机关',
  relatedRequestNumber: '已答复的申请编号',
  specialProcedure: '应依照办理的法律、行政法规及途径',
  referralChannel: '相应渠道',
} as const satisfies Record<ReplyField, string>;

const TEXT_LIMITS: Partial<Record<keyof ReplyContent, number>> = {
  providedInformation: 2000,
  accessMethod: 500,
  accessTime: 200,
  reasonText: 2000,
  responsibleAgencyName: 100,
  responsibleAgencyContact: 200,
  relatedRequestNumber: 50,
  specialProcedure: 500,
  referralChannel: 500,
};

function filled(v: string | undefined): boolean {
  return typeof v === 'string' && v.trim() !== '';
}

/**
 * The problems with a reply's content for its outcome, one Chinese message per field (empty when valid).
 * Checks the content only; which verb may record the outcome is the workflow's business.
 */
export function validateReply(outcome: unknown, content: ReplyContent): FieldError[] {
  const errors: FieldError[] = [];
  const need = (field: ReplyField, why: string) => errors.push({ field, message: `${REPLY_FIELD_TITLES[field]}：${why}` });

  if (outcome === undefined || outcome === null || outcome === '') {
    need('outcome', '必须选择');
    return errors;
  }
  if (!isOutcomeCode(outcome)) {
    need('outcome', '不是有效的答复类型');
    return errors;
  }

  for (const [field, max] of Object.entries(TEXT_LIMITS) as [keyof ReplyContent, number][]) {
    const v = content[field];
    if (typeof v === 'string' && v.trim().length > max) need(field, `不能超过 ${max} 个字`);
  }

  const requireText = (field: keyof ReplyContent, why: string) => {
    if (!filled(content[field] as string | undefined)) need(field, why);
  };
  const requireReasons = (why: string) => {
    const reasons = content.withholdReasons ?? [];
    if (reasons.length === 0) need('withholdReasons', why);
    else if (!reasons.every(isWithholdReason)) need('withholdReasons', '含有无效的理由类别');
    else if (new Set(reasons).size !== reasons.length) need('withholdReasons', '理由类别不能重复');
  };

  switch (outcome) {
    case 'R-ALREADY':
      requireText('accessMethod', '已主动公开的，必须告知获取该政府信息的方式、途径（条例 第三十六条第（一）项）');
      break;
    case 'R-DISCLOSE':
      // 提供该政府信息，或者告知获取的方式、途径和时间
      if (!filled(content.providedInformation)) {
        if (!filled(content.accessMethod) && !filled(content.accessTime)) {
          need('providedInformation', '必须列明提供的政府信息，或者告知获取的方式、途径和时间（条例 第三十六条第（二）项）');
        } else {
          requireText('accessMethod', '未直接提供政府信息的，必须告知获取的方式、途径');
          requireText('accessTime', '未直接提供政府信息的，必须告知获取的时间');
        }
      }
      break;
    case 'R-PARTIAL':
      if (!filled(content.providedInformation) && !filled(content.accessMethod)) {
        need('providedInformation', '部分公开必须列明提供的可以公开的内容（条例 第三十七条）');
      }
      requireReasons('部分公开必须选择不予公开部分的理由类别（条例 第三十七条）');
      requireText('reasonText', '部分公开必须对不予公开的内容说明理由（条例 第三十七条）');
      break;
    case 'R-WITHHOLD':
      requireReasons('不予公开必须选择理由类别（条例 第十四至十六条）');
      requireText('reasonText', '不予公开必须说明理由（条例 第三十六条第（三）项）');
      break;
    case 'R-NOTEXIST':
      break;
    case 'R-NOTOURS':
      requireText('reasonText', '必须说明不属于本机关负责公开的理由（条例 第三十六条第（五）项）');
      if (content.responsibleAgencyUnknown !== true) {
        requireText('responsibleAgencyName', '能够确定负责公开的机关的，必须告知其名称（条例 第三十六条第（五）项）');
        requireText('responsibleAgencyContact', '能够确定负责公开的机关的，必须告知其联系方式（条例 第三十六条第（五）项）');
      }
      break;
    case 'R-REPEAT':
      requireText('relatedRequestNumber', '必须注明已作出答复的申请（条例 第三十六条第（六）项）');
      break;
    case 'R-SPECIAL':
      requireText('specialProcedure', '必须告知应依照办理的法律、行政法规（条例 第三十六条第（七）项）');
      break;
    case 'R-NOCREATE':
      requireText('reasonText', '必须说明需要对现有政府信息加工、分析的理由（条例 第三十八条）');
      break;
    case 'R-EXCESSIVE':
      requireText('reasonText', '必须说明申请人所述理由不合理之处（条例 第三十五条）');
      break;
    case 'R-PETITION':
    case 'R-PUBLICATION':
    case 'R-UNCLEAR':
    case 'R-NOCORRECTION':
    case 'R-FEEUNPAID':
    case 'R-CONFIRM':
      break;
    default: {
      const never: never = outcome;
      throw new Error(`未知的答复类型：${String(never)}`);
    }
  }

  // A reason category belongs only to withholding outcomes: it would otherwise leak into the report.
  if (outcome !== 'R-WITHHOLD' && outcome !== 'R-PARTIAL' && (content.withholdReasons?.length ?? 0) > 0) {
    need('withholdReasons', `“${OUTCOMES[outcome].label}”不应选择不予公开的理由类别`);
  }
  return errors;
}

/** The annual-report row a final outcome counts in. R-WITHHOLD needs its main reason (throws RangeError without it). */
export function reportRowOf(outcome: OutcomeCode, withholdReasons: readonly string[] = []): ReportRow {
  const row = OUTCOMES[outcome].reportRow;
  if (row !== 'by_reason') return row;
  const main = withholdReasons[0];
  if (!isWithholdReason(main)) throw new RangeError(`不予公开的答复缺少有效的理由类别：${String(main)}`);
  return WITHHOLD_REASONS[main].reportRow;
}

// ─── 行政复议 and 行政诉讼 against replies (annual report section 四) ─────────────

export const REVIEW_CASE_KINDS = {
  reconsideration: '行政复议',
  litigation_direct: '行政诉讼（未经复议直接起诉）',
  litigation_after_reconsideration: '行政诉讼（复议后起诉）',
} as const;
export type ReviewCaseKind = keyof typeof REVIEW_CASE_KINDS;
export const REVIEW_CASE_KIND_IDS = Object.keys(REVIEW_CASE_KINDS) as ReviewCaseKind[];

/** Column order of section 四 within each group: 结果维持, 结果纠正, 其他结果, 尚未审结, then 总计. */
export const REVIEW_RESULTS = {
  upheld: '维持',
  corrected: '纠正',
  other: '其他',
  pending: '尚未审结',
} as const;
export type ReviewResult = keyof typeof REVIEW_RESULTS;
export const REVIEW_RESULT_IDS = Object.keys(REVIEW_RESULTS) as ReviewResult[];

/**
 * The 0-based column of section 四's single 15-cell row for a case: three groups of five (four results
 * and 总计). A 行政诉讼 with the 复议机关 as co-defendant counts only for the 原行为主体 (国办公开办函〔2016〕201号);
 * that choice is the caller's, when it decides which agency's report a case belongs to.
 */
export function reviewColumnOf(kind: ReviewCaseKind, result: ReviewResult): number {
  return REVIEW_CASE_KIND_IDS.indexOf(kind) * 5 + REVIEW_RESULT_IDS.indexOf(result);
}
