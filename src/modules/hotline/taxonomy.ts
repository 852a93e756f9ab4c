// 12345 hotline taxonomies: typed constants with stable ids (stored in the database and sent over Open311)
// and the source of each list beside it. Ids never change meaning; a retired entry is kept and marked.

/** 诉求类型. 国办发〔2020〕53号 (咨询、求助、投诉、举报、意见建议); 表扬 is local practice [U]. */
export const TICKET_TYPES = {
  consultation: '咨询',
  help: '求助',
  complaint: '投诉',
  report: '举报',
  suggestion: '建议',
  praise: '表扬',
} as const;
export type TicketType = keyof typeof TICKET_TYPES;
export const TICKET_TYPE_IDS = Object.keys(TICKET_TYPES) as TicketType[];

/**
 * 紧急程度. 北京市接诉即办工作条例: 突发事件、可能造成生命财产损失的诉求 1 小时内派单, 一般诉求 24 小时内.
 * The two tiers here carry those dispatch limits (hotline.config.ts).
 */
export const URGENCIES = {
  urgent: '紧急',
  normal: '一般',
} as const;
export type Urgency = keyof typeof URGENCIES;
export const URGENCY_IDS = Object.keys(URGENCIES) as Urgency[];

/**
 * 受理渠道. 渝府办发〔2018〕76号: "以12345市长公开电话和市长信箱为基础"; 国办发〔2020〕53号: 网站、APP、小程序等
 * 网络渠道统一受理. `open311` is any third-party client of our GeoReport v2 API.
 */
export const CHANNELS = {
  phone: { name: '电话', open311: false },
  web: { name: '网站', open311: false },
  mailbox: { name: '市长信箱', open311: false },
  app: { name: 'APP', open311: true },
  miniprogram: { name: '小程序', open311: true },
  open311: { name: 'Open311 接口', open311: true },
} as const satisfies Record<string, { name: string; open311: boolean }>;
export type Channel = keyof typeof CHANNELS;
export const CHANNEL_IDS = Object.keys(CHANNELS) as Channel[];

/**
 * 保密. GB/T 33358-2016: the caller may ask that their personal information be kept confidential.
 * `standard`: contact known to the 12345 center and the handling agency, never published or returned by public APIs.
 * `full`: contact withheld from the handling agency too (the center relays), and the content is not published.
 */
export const CONFIDENTIALITY = {
  standard: '一般（联系方式不公开）',
  full: '完全保密（承办单位不掌握身份，内容不公开）',
} as const;
export type Confidentiality = keyof typeof CONFIDENTIALITY;

/** 回访满意度. 北京接诉即办 "三率" 考评 (满意率); three grades as the issue asks (好差评 has five, 国办发〔2019〕51号). */
export const SATISFACTIONS = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
} as const;
export type Satisfaction = keyof typeof SATISFACTIONS;
export const SATISFACTION_IDS = Object.keys(SATISFACTIONS) as Satisfaction[];

/** 回访解决情况. 北京接诉即办 "三率" (解决率). */
export const RESOLUTIONS = {
  resolved: '已解决',
  unresolved: '未解决',
} as const;
export type Resolution = keyof typeof RESOLUTIONS;
export const RESOLUTION_IDS = Object.keys(RESOLUTIONS) as Resolution[];

/** 免回访的理由 [U] local practice (e.g. fsou 部门规则: 办结次日回访; 匿名件无法回访). */
export const VISIT_WAIVERS = {
  anonymous: '匿名或未留联系方式',
  declined: '诉求人明确表示无需回访',
  unreachable: '三次联系未果',
  praise: '表扬类工单',
} as const;
export type VisitWaiver = keyof typeof VISIT_WAIVERS;
export const VISIT_WAIVER_IDS = Object.keys(VISIT_WAIVERS) as VisitWaiver[];

/**
 * 不予受理的理由. Typical local list (芜湖 12345 管理办法 [C]): 须通过诉讼、仲裁、纪检监察、行政复议、
 * 政府信息公开等程序解决的事项; 已进入信访渠道的事项; 涉及国家秘密、商业秘密、个人隐私; 违反公序良俗.
 * `out_of_area` and `harassment` are local practice [U] (北京接诉即办条例: 不得恶意反复拨打).
 */
export const DECLINE_REASONS = {
  litigation: { name: '应当通过诉讼程序解决', needsNote: false },
  arbitration: { name: '应当通过仲裁程序解决', needsNote: false },
  discipline: { name: '属纪检监察受理范围', needsNote: false },
  reconsideration: { name: '应当通过行政复议程序解决', needsNote: false },
  disclosure_request: { name: '属政府信息公开申请，应按依申请公开程序办理', needsNote: false },
  petition_filed: { name: '已进入信访程序', needsNote: false },
  secrets: { name: '涉及国家秘密、商业秘密或个人隐私', needsNote: false },
  public_order: { name: '违反公序良俗', needsNote: false },
  out_of_area: { name: '不属于本行政区域', needsNote: true },
  harassment: { name: '恶意骚扰或无实质诉求', needsNote: true },
  other: { name: '其他', needsNote: true },
} as const satisfies Record<string, { name: string; needsNote: boolean }>;
export type DeclineReason = keyof typeof DECLINE_REASONS;
export const DECLINE_REASON_IDS = Object.keys(DECLINE_REASONS) as DeclineReason[];

/**
 * 紧急转接. 国办发〔2020〕53号 keeps 110、119、120、122 outside 12345; 国办发〔2022〕12号 requires 12345 and 110 to hand
 * over to each other (刑事/治安/交通警情, 危及人身财产安全, 紧急危难求助 go to 110).
 */
export const EMERGENCY_LINES = {
  '110': '公安报警（110）',
  '119': '消防救援（119）',
  '120': '医疗急救（120）',
  '122': '交通事故报警（122）',
} as const;
export type EmergencyLine = keyof typeof EMERGENCY_LINES;
export const EMERGENCY_LINE_IDS = Object.keys(EMERGENCY_LINES) as EmergencyLine[];

/**
 * Words that suggest an emergency, so the agent is prompted to transfer (国办发〔2022〕12号: 危及人身财产安全、紧急危难
 * 求助 go to 110; fire and gas to 119; medical to 120; road accidents to 122). A prompt, never an automatic transfer.
 */
export const EMERGENCY_SIGNALS: Readonly<Record<EmergencyLine, readonly string[]>> = {
  '110': ['打架', '斗殴', '持刀', '抢劫', '家暴', '绑架', '跳楼', '有人闹事', '正在偷'],
  '119': ['着火', '起火', '火灾', '燃气泄漏', '煤气泄漏', '天然气泄漏', '电梯困人', '困在电梯', '被困'],
  '120': ['晕倒', '昏迷', '不省人事', '大出血', '呼吸困难', '心脏病发', '中毒', '抽搐'],
  '122': ['车祸', '交通事故', '撞车', '撞人', '追尾'],
};

/** Emergency lines the text points to, most signals first, with the words found. [] = none. */
export function detectEmergency(text: string): { line: EmergencyLine; words: string[] }[] {
  const out: { line: EmergencyLine; words: string[] }[] = [];
  for (const line of EMERGENCY_LINE_IDS) {
    const words = EMERGENCY_SIGNALS[line].filter((w) => text.includes(w));
    if (words.length) out.push({ line, words });
  }
  return out.sort((a, b) => b.words.length - a.words.length);
}

/**
 * Kinds of department that typically handle a category. Used only to seed the 派单目录 (the real mapping is data kept by
 * the 12345 center from each agency's 权责清单) and by the dispatch benchmark. `government` is the 兜底 (北京接诉即办:
 * 无法确定 ⇒ 派区政府).
 */
export const DEPARTMENT_KINDS = {
  urban: '城市管理局',
  housing: '住房城乡建设委员会',
  environment: '生态环境局',
  transport: '交通运输委员会',
  market: '市场监督管理局',
  hrss: '人力资源和社会保障局',
  education: '教育委员会',
  health: '卫生健康委员会',
  medical_insurance: '医疗保障局',
  civil: '民政局',
  police: '公安局',
  housing_fund: '住房公积金管理中心',
  planning: '规划和自然资源局',
  government: '人民政府',
} as const;
export type DepartmentKind = keyof typeof DEPARTMENT_KINDS;

/** 'district': handled by the 区县 department of that kind; 'city': by the city's own department. */
export type HandlerLevel = 'district' | 'city';

/** Open311 service definition attribute types (GeoReport v2, GET Service Definition). */
export type AttributeDatatype = 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';

/** An extra question a category asks (shown on our forms and as an Open311 attribute). */
export interface CategoryAttribute {
  code: string;
  description: string;
  datatype: AttributeDatatype;
  required: boolean;
  order: number;
  datatypeDescription?: string;
  values?: readonly { key: string; name: string }[];
}

export interface Category {
  /** Stable 2/4/6-digit code; a child's code starts with its parent's. Leaves (6 digits) are Open311 service codes. */
  code: string;
  name: string;
  /** Words the public uses for it: Open311 keywords and the default keyword rules. */
  keywords?: readonly string[];
  description?: string;
  attributes?: readonly CategoryAttribute[];
  /** Default handler for seeding the 派单目录 (leaves only). */
  handler?: { kind: DepartmentKind; level: HandlerLevel };
  /** When the text suggests danger, the agent is prompted to transfer. */
  emergency?: { line: EmergencyLine; hint: string };
}

const NOISE_PERIOD: CategoryAttribute = {
  code: 'period',
  description: '噪声发生时段',
  datatype: 'singlevaluelist',
  required: true,
  order: 1,
  // 噪声污染防治法 (2021) 第四十三条 禁止夜间施工 (with exceptions); 第八十八条 夜间 = 22:00–次日6:00 [R]
  values: [
    { key: 'day', name: '昼间（6时至22时）' },
    { key: 'night', name: '夜间（22时至次日6时）' },
  ],
};

/**
 * 诉求分类: three levels, realistic for a Chinese city's 12345 knowledge base. The tree is ours; the codes are stable
 * and become Open311 service_code values. [U] local practice (each city keeps its own 分类标准).
 */
export const CATEGORIES: readonly Category[] = [
  { code: '01', name: '城乡建设' },
  { code: '0101', name: '市政设施' },
  {
    code: '010101', name: '道路破损', keywords: ['道路', '路面', '坑洼', '塌陷', '破损'], handler: { kind: 'urban', level: 'district' },
    description: '城市道路路面坑洼、破损、塌陷',
    attributes: [{
      code: 'severity', description: '破损程度', datatype: 'singlevaluelist', required: false, order: 1,
      values: [{ key: 'crack', name: '裂缝' }, { key: 'pothole', name: '坑洼' }, { key: 'collapse', name: '塌陷' }],
    }],
    emergency: { line: '110', hint: '路面大面积塌陷危及通行安全的，先转110并通知管养单位' },
  },
  { code: '010102', name: '井盖缺失破损', keywords: ['井盖', '窨井', '下水井'], handler: { kind: 'urban', level: 'district' } },
  { code: '010103', name: '路灯故障', keywords: ['路灯', '不亮', '灯杆'], handler: { kind: 'urban', level: 'district' } },
  { code: '010104', name: '排水不畅', keywords: ['积水', '排水', '下水道', '堵塞', '内涝'], handler: { kind: 'urban', level: 'district' } },
  { code: '010105', name: '人行道及盲道', keywords: ['人行道', '盲道', '地砖'], handler: { kind: 'urban', level: 'district' } },
  { code: '0102', name: '市容环卫' },
  { code: '010201', name: '垃圾清运', keywords: ['垃圾', '清运', '垃圾桶', '环卫'], handler: { kind: 'urban', level: 'district' } },
  { code: '010202', name: '占道经营', keywords: ['占道', '摆摊', '摊贩'], handler: { kind: 'urban', level: 'district' } },
  { code: '010203', name: '违法建设', keywords: ['违建', '违章搭建', '私搭乱建', '加建'], handler: { kind: 'planning', level: 'district' } },
  { code: '010204', name: '户外广告招牌', keywords: ['广告牌', '招牌', '横幅'], handler: { kind: 'urban', level: 'district' } },
  { code: '0103', name: '园林绿化' },
  { code: '010301', name: '树木修剪倒伏', keywords: ['树木', '树枝', '修剪', '倒伏'], handler: { kind: 'urban', level: 'district' } },
  { code: '010302', name: '绿地损毁', keywords: ['绿地', '草坪', '毁绿'], handler: { kind: 'urban', level: 'district' } },
  { code: '0104', name: '建筑施工' },
  { code: '010401', name: '施工安全', keywords: ['工地', '脚手架', '塔吊', '围挡'], handler: { kind: 'housing', level: 'district' } },
  { code: '010402', name: '工地扬尘', keywords: ['扬尘', '渣土', '灰尘'], handler: { kind: 'housing', level: 'district' } },

  { code: '02', name: '环境保护' },
  { code: '0201', name: '噪声污染' },
  { code: '020101', name: '施工噪声', keywords: ['施工噪声', '夜间施工', '噪音'], handler: { kind: 'environment', level: 'district' }, attributes: [NOISE_PERIOD] },
  { code: '020102', name: '社会生活噪声', keywords: ['广场舞', '音响', '噪音', '扰民'], handler: { kind: 'police', level: 'district' }, attributes: [NOISE_PERIOD] },
  { code: '020103', name: '工业噪声', keywords: ['工厂', '机器', '噪音'], handler: { kind: 'environment', level: 'district' } },
  { code: '0202', name: '大气污染' },
  { code: '020201', name: '餐饮油烟', keywords: ['油烟', '餐馆', '烧烤'], handler: { kind: 'urban', level: 'district' } },
  { code: '020202', name: '工业废气', keywords: ['废气', '异味', '烟囱', '臭味'], handler: { kind: 'environment', level: 'district' } },
  { code: '020203', name: '露天焚烧', keywords: ['焚烧', '烧垃圾', '秸秆'], handler: { kind: 'environment', level: 'district' } },
  { code: '0203', name: '水污染' },
  { code: '020301', name: '河道污染', keywords: ['河道', '排污', '黑臭', '污水'], handler: { kind: 'environment', level: 'district' } },

  { code: '03', name: '交通运输' },
  { code: '0301', name: '公交' },
  { code: '030101', name: '公交线路站点', keywords: ['公交线路', '站点', '公交站', '班次'], handler: { kind: 'transport', level: 'city' } },
  { code: '030102', name: '公交服务', keywords: ['公交司机', '甩站', '不停靠', '态度'], handler: { kind: 'transport', level: 'city' } },
  { code: '0302', name: '出租汽车' },
  { code: '030201', name: '出租车违规', keywords: ['出租车', '拒载', '绕路', '不打表'], handler: { kind: 'transport', level: 'city' } },
  { code: '030202', name: '网约车', keywords: ['网约车', '平台', '司机'], handler: { kind: 'transport', level: 'city' } },
  { code: '0303', name: '轨道交通' },
  { code: '030301', name: '轨道交通服务', keywords: ['轻轨', '地铁', '轨道交通'], handler: { kind: 'transport', level: 'city' } },

  { code: '04', name: '市场监管' },
  { code: '0401', name: '食品安全' },
  { code: '040101', name: '餐饮食品安全', keywords: ['饭店', '餐馆', '变质', '卫生', '拉肚子'], handler: { kind: 'market', level: 'district' } },
  { code: '040102', name: '过期变质食品', keywords: ['过期', '保质期', '超市'], handler: { kind: 'market', level: 'district' } },
  { code: '0402', name: '价格监管' },
  { code: '040201', name: '价格违法', keywords: ['乱收费', '标价', '价格欺诈', '明码标价'], handler: { kind: 'market', level: 'district' } },
  { code: '0403', name: '消费维权' },
  { code: '040301', name: '预付卡退费', keywords: ['预付卡', '办卡', '退费', '跑路'], handler: { kind: 'market', level: 'district' } },
  { code: '040302', name: '商品质量', keywords: ['质量问题', '假冒', '伪劣'], handler: { kind: 'market', level: 'district' } },
  { code: '0404', name: '特种设备' },
  {
    code: '040401', name: '电梯故障', keywords: ['电梯', '困人', '停运'], handler: { kind: 'market', level: 'district' },
    emergency: { line: '119', hint: '电梯困人的，立即转119' },
  },

  { code: '05', name: '劳动保障' },
  { code: '0501', name: '欠薪' },
  {
    code: '050101', name: '拖欠农民工工资', keywords: ['农民工', '包工头', '工钱'], handler: { kind: 'hrss', level: 'district' },
    attributes: [{ code: 'workers', description: '涉及人数', datatype: 'number', required: false, order: 1 }],
  },
  { code: '050102', name: '企业欠薪', keywords: ['欠薪', '拖欠工资', '工资'], handler: { kind: 'hrss', level: 'district' } },
  { code: '0502', name: '劳动关系' },
  { code: '050201', name: '劳动合同', keywords: ['劳动合同', '辞退', '加班费', '赔偿'], handler: { kind: 'hrss', level: 'district' } },
  { code: '050202', name: '社保缴纳', keywords: ['社保', '缴纳', '断缴'], handler: { kind: 'hrss', level: 'district' } },

  { code: '06', name: '教育' },
  { code: '0601', name: '基础教育' },
  { code: '060101', name: '招生入学', keywords: ['入学', '学位', '划片', '招生'], handler: { kind: 'education', level: 'district' } },
  { code: '060102', name: '学校收费', keywords: ['学校收费', '资料费', '补课'], handler: { kind: 'education', level: 'district' } },
  { code: '060103', name: '校园安全', keywords: ['校园', '学生', '校门口'], handler: { kind: 'education', level: 'district' } },
  { code: '0602', name: '校外培训' },
  { code: '060201', name: '校外培训机构', keywords: ['培训机构', '培训班', '学科类'], handler: { kind: 'education', level: 'district' } },

  { code: '07', name: '医疗卫生' },
  { code: '0701', name: '医疗服务' },
  { code: '070101', name: '医疗服务质量', keywords: ['医院', '医生', '看病', '挂号'], handler: { kind: 'health', level: 'city' } },
  { code: '070102', name: '医疗收费', keywords: ['医院收费', '检查费', '药费'], handler: { kind: 'medical_insurance', level: 'city' } },
  { code: '0702', name: '公共卫生' },
  { code: '070201', name: '疫苗接种', keywords: ['疫苗', '接种', '预约'], handler: { kind: 'health', level: 'district' } },
  { code: '070202', name: '病媒生物', keywords: ['老鼠', '蟑螂', '蚊虫'], handler: { kind: 'health', level: 'district' } },

  { code: '08', name: '社会保障' },
  { code: '0801', name: '社会保险' },
  { code: '080101', name: '养老保险', keywords: ['养老金', '退休', '养老保险'], handler: { kind: 'hrss', level: 'city' } },
  { code: '080102', name: '医疗保险', keywords: ['医保', '报销', '异地就医'], handler: { kind: 'medical_insurance', level: 'city' } },
  { code: '0802', name: '社会救助' },
  { code: '080201', name: '低保救助', keywords: ['低保', '救助', '困难'], handler: { kind: 'civil', level: 'district' } },
  { code: '080202', name: '养老服务', keywords: ['养老院', '高龄补贴', '老年人'], handler: { kind: 'civil', level: 'district' } },

  { code: '09', name: '住房' },
  { code: '0901', name: '物业管理' },
  { code: '090101', name: '物业服务', keywords: ['物业', '物业费', '小区'], handler: { kind: 'housing', level: 'district' } },
  { code: '090102', name: '维修资金', keywords: ['维修资金', '维修基金'], handler: { kind: 'housing', level: 'district' } },
  { code: '0902', name: '房地产' },
  { code: '090201', name: '延期交房', keywords: ['交房', '开发商', '烂尾'], handler: { kind: 'housing', level: 'district' } },
  { code: '090202', name: '不动产登记', keywords: ['房产证', '不动产', '产权证'], handler: { kind: 'planning', level: 'district' } },
  { code: '0903', name: '住房保障' },
  { code: '090301', name: '公租房', keywords: ['公租房', '廉租房'], handler: { kind: 'housing', level: 'city' } },
  { code: '090302', name: '住房公积金', keywords: ['公积金', '提取', '公积金贷款'], handler: { kind: 'housing_fund', level: 'city' } },

  { code: '10', name: '公安' },
  { code: '1001', name: '治安' },
  {
    code: '100101', name: '治安管理', keywords: ['治安', '赌博', '寻衅'], handler: { kind: 'police', level: 'district' },
    emergency: { line: '110', hint: '正在发生的违法犯罪或危及人身安全的，立即转110' },
  },
  { code: '100102', name: '户籍证件', keywords: ['户口', '身份证', '落户', '迁移'], handler: { kind: 'police', level: 'district' } },
  { code: '1002', name: '交通管理' },
  { code: '100201', name: '违法停车', keywords: ['乱停', '违停', '停车', '占用消防通道'], handler: { kind: 'police', level: 'district' } },
  { code: '100202', name: '交通信号设施', keywords: ['红绿灯', '信号灯', '斑马线'], handler: { kind: 'police', level: 'district' } },

  { code: '11', name: '其他' },
  { code: '1101', name: '综合' },
  { code: '110101', name: '其他事项', keywords: [], handler: { kind: 'government', level: 'district' }, description: '无法归入其他类别的诉求，由区县人民政府兜底办理' },
];

const BY_CODE = new Map(CATEGORIES.map((c) => [c.code, c]));

/** The category with this code, or undefined. */
export function findCategory(code: string): Category | undefined {
  return BY_CODE.get(code);
}

/** The parent's code ('010101' → '0101'), or null for a top level. */
export function parentCode(code: string): string | null {
  return code.length > 2 ? code.slice(0, code.length - 2) : null;
}

/** Leaves are the categories a ticket may carry (and Open311 services). */
export function isLeafCategory(code: string): boolean {
  return code.length === 6 && BY_CODE.has(code);
}

export function leafCategories(): Category[] {
  return CATEGORIES.filter((c) => c.code.length === 6);
}

export function childCategories(code: string | null): Category[] {
  return CATEGORIES.filter((c) => parentCode(c.code) === code);
}

/** From the top level down to the category itself. Unknown codes give []. */
export function categoryPath(code: string): Category[] {
  const out: Category[] = [];
  for (let c: string | null = code; c; c = parentCode(c)) {
    const found = BY_CODE.get(c);
    if (!found) return [];
    out.unshift(found);
  }
  return out;
}

/** '城乡建设 / 市政设施 / 道路破损' */
export function categoryLabel(code: string): string {
  const path = categoryPath(code);
  return path.length ? path.map((c) => c.name).join(' / ') : code;
}
