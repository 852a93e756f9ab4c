// The disclosure module's fixed vocabularies. Ids are stable (stored in the database, used in URLs and the API);
// names are what the interface shows. Never renumber or reuse an id: retire it instead.

interface Term<Id extends string = string> {
  readonly id: Id;
  readonly name: string;
}

type IdOf<T extends readonly Term[]> = T[number]['id'];

function byId<T extends readonly Term[]>(terms: T): ReadonlyMap<string, T[number]> {
  return new Map(terms.map((t) => [t.id, t]));
}

// ---------------------------------------------------------------------------------------------------------------
// 主题分类 — the State Council's subject classification, as used by 中国政府网 国务院政策文件库 (gov.cn/zhengce).
// Source [C2]: the library's search facet (“zhutitag”) as returned by its API around 2021, seen in a public code copy;
// the top-level names match the list in the issue. The library's own “国务院组织机构” facet is specific to central
// bodies and is left out. Sub-classes marked `uncertain` were not in that facet.
// ---------------------------------------------------------------------------------------------------------------

interface TopicDef extends Term {
  readonly children: readonly Term[];
  /** Why this entry is not confirmed by the source above. */
  readonly uncertain?: string;
}

function subs(parent: string, pairs: readonly (readonly [string, string])[]): Term[] {
  return pairs.map(([id, name]) => ({ id: `${parent}.${id}`, name }));
}

export const TOPICS: readonly TopicDef[] = [
  { id: 'economy', name: '国民经济管理、国有资产监管', children: subs('economy', [['macro', '宏观经济'], ['reform', '经济体制改革'], ['statistics', '统计'], ['prices', '物价'], ['state_assets', '国有资产监管'], ['major_projects', '重大建设项目'], ['other', '其他']]) },
  { id: 'finance', name: '财政、金融、审计', children: subs('finance', [['fiscal', '财政'], ['tax', '税务'], ['banking', '银行'], ['currency', '货币（含外汇）'], ['securities', '证券'], ['insurance', '保险'], ['social_credit', '社会信用体系建设'], ['audit', '审计'], ['other', '其他']]) },
  { id: 'land_energy', name: '国土资源、能源', children: subs('land_energy', [['land', '土地'], ['minerals', '矿产'], ['water_resources', '水资源'], ['ocean', '海洋'], ['coal', '煤炭'], ['oil_gas', '石油与天然气'], ['power', '电力'], ['other', '其他']]) },
  { id: 'agriculture', name: '农业、林业、水利', children: subs('agriculture', [['farming', '农业、畜牧业、渔业'], ['forestry', '林业'], ['water_conservancy', '水利'], ['other', '其他']]) },
  { id: 'industry_transport', name: '工业、交通', children: subs('industry_transport', [['machinery', '机械制造与重工业'], ['light_industry', '轻工纺织'], ['chemicals', '化工'], ['defence_industry', '国防工业'], ['aerospace', '航天、航空'], ['information', '信息产业（含电信）'], ['roads', '公路'], ['waterways', '水运'], ['railways', '铁路'], ['aviation', '民航'], ['post', '邮政'], ['other', '其他']]) },
  { id: 'trade', name: '商贸、海关、旅游', children: subs('trade', [['foreign_trade', '对外经贸合作'], ['domestic_trade', '国内贸易（含供销）'], ['customs', '海关'], ['inspection', '检验、检疫'], ['tourism', '旅游'], ['other', '其他']]) },
  { id: 'market_regulation', name: '市场监管、安全生产监管', children: subs('market_regulation', [['registration', '工商'], ['quality', '质量监督'], ['standards', '标准'], ['food_drug', '食品药品监管'], ['work_safety', '安全生产监管'], ['other', '其他']]) },
  { id: 'construction_environment', name: '城乡建设、环境保护', children: subs('construction_environment', [['urban_planning', '城市规划'], ['construction', '城乡建设（含住房）'], ['environment', '环境监测、保护与治理'], ['energy_saving', '节能与资源综合利用'], ['meteorology', '气象、水文、测绘、地震'], ['other', '其他']]) },
  { id: 'science_education', name: '科技、教育', children: subs('science_education', [['science', '科技'], ['education', '教育'], ['intellectual_property', '知识产权'], ['other', '其他']]) },
  { id: 'culture', name: '文化、广电、新闻出版', children: subs('culture', [['culture', '文化'], ['heritage', '文物'], ['press', '新闻出版'], ['broadcasting', '广播、电影、电视'], ['other', '其他']]) },
  { id: 'health_sports', name: '卫生、体育', children: subs('health_sports', [['health', '卫生'], ['medicine', '医药管理'], ['sports', '体育'], ['other', '其他']]) },
  { id: 'population', name: '人口与计划生育、妇女儿童工作', children: subs('population', [['family_planning', '人口与计划生育'], ['women_children', '妇女儿童'], ['other', '其他']]) },
  { id: 'labour', name: '劳动、人事、监察', children: subs('labour', [['employment', '劳动就业'], ['social_security', '社会保障'], ['personnel', '人事工作'], ['veterans_placement', '军转安置'], ['supervision', '监察'], ['conduct', '纠正行业不正之风'], ['other', '其他']]) },
  { id: 'public_security', name: '公安、安全、司法', children: subs('public_security', [['police', '公安'], ['national_security', '国家安全'], ['justice', '司法'], ['other', '其他']]) },
  { id: 'civil_affairs', name: '民政、扶贫、救灾', children: subs('civil_affairs', [['disaster_relief', '减灾救灾'], ['veterans', '优抚安置'], ['welfare', '社会福利'], ['divisions', '行政区划与地名'], ['associations', '社团管理'], ['poverty', '扶贫'], ['other', '其他']]) },
  { id: 'ethnic_religious', name: '民族、宗教', children: subs('ethnic_religious', [['ethnic', '民族事务'], ['religious', '宗教事务']]) },
  { id: 'foreign_affairs', name: '对外事务', children: subs('foreign_affairs', [['diplomacy', '外交、外事'], ['treaties', '国际条约、国际组织'], ['other', '其他']]) },
  { id: 'hk_macao_taiwan', name: '港澳台侨工作', children: subs('hk_macao_taiwan', [['hk_macao', '港澳工作'], ['taiwan', '对台工作'], ['overseas_chinese', '侨务工作']]) },
  { id: 'defence', name: '国防', children: subs('defence', [['construction', '国防建设'], ['mobilisation', '国防动员']]) },
  { id: 'administration', name: '行政事务', children: [], uncertain: '不在国务院政策文件库的主题分类中（2021 年所见），保留以兼容地方目录；子类未知' },
  { id: 'general_affairs', name: '综合政务', children: subs('general_affairs', [['openness', '政务公开'], ['inspection', '政务督查'], ['emergency', '应急管理'], ['e_government', '电子政务'], ['secretariat', '文秘工作'], ['secrecy', '保密工作'], ['petitions', '信访'], ['counsellors', '参事、文史'], ['other', '其他']]) },
  { id: 'other', name: '其他', children: [] },
];

/** Every assignable 主题分类 id: a top-level class, or one of its sub-classes (`parent.child`). */
export const TOPIC_IDS: readonly string[] = TOPICS.flatMap((t) => [t.id, ...t.children.map((c) => c.id)]);
const TOPIC_BY_ID = new Map<string, { name: string; parent: TopicDef | null }>(
  TOPICS.flatMap((t) => [[t.id, { name: t.name, parent: null }] as const, ...t.children.map((c) => [c.id, { name: c.name, parent: t }] as const)]),
);

export function isTopicId(id: string): boolean {
  return TOPIC_BY_ID.has(id);
}

/** `财政、金融、审计 / 审计` for a sub-class, the class name for a top-level id; null for an unknown id. */
export function topicLabel(id: string): string | null {
  const t = TOPIC_BY_ID.get(id);
  if (!t) return null;
  return t.parent ? `${t.parent.name} / ${t.name}` : t.name;
}

/** The top-level class of a topic id (itself for a top-level id), for facet counts. */
export function topTopicId(id: string): string | null {
  const t = TOPIC_BY_ID.get(id);
  if (!t) return null;
  return t.parent ? t.parent.id : id;
}

// ---------------------------------------------------------------------------------------------------------------
// 体裁 (genre). The first twelve are listed in issue 3; the last four are [INF] additions for 条例 第二十条 items that
// local catalogs usually give their own column. `isDocument`: a 公文 carrying 发文字号 and 成文日期
// (党政机关公文处理工作条例 第九条). 规章 are promulgated by 政府令 (“市政府令第N号”, 规章制定程序条例 第三十条),
// not by a 〔年份〕 number, so their number is not checked as a 发文字号.
// ---------------------------------------------------------------------------------------------------------------

export const GENRES = [
  { id: 'rule', name: '规章', isDocument: true }, // 条例 第二十条（一）
  { id: 'normative', name: '行政规范性文件', isDocument: true }, // 条例 第二十条（一）; 国办发〔2018〕37号
  { id: 'other_document', name: '其他文件', isDocument: true },
  { id: 'notice', name: '通知公告', isDocument: false },
  { id: 'news', name: '工作动态', isDocument: false },
  { id: 'interpretation', name: '政策解读', isDocument: false }, // 渝府办发〔2018〕76号（三）“谁起草、谁解读”
  { id: 'plan', name: '规划计划', isDocument: false }, // 条例 第二十条（三）
  { id: 'statistics', name: '统计数据', isDocument: false }, // 条例 第二十条（四）
  { id: 'personnel', name: '人事信息', isDocument: false }, // 条例 第二十条（十四）
  { id: 'fiscal', name: '财政信息', isDocument: false }, // 条例 第二十条（七）
  { id: 'annual_report', name: '政府信息公开年报', isDocument: false }, // 条例 第四十九条
  { id: 'proposal_reply', name: '建议提案办理', isDocument: false }, // 渝府办发〔2018〕76号（一）
  { id: 'guide', name: '政府信息公开指南', isDocument: false }, // 条例 第十二条
  { id: 'enforcement', name: '行政执法信息', isDocument: false }, // 条例 第二十条（五）（六）
  { id: 'procurement', name: '政府采购', isDocument: false }, // 条例 第二十条（九）
  { id: 'emergency', name: '应急管理', isDocument: false }, // 条例 第二十条（十二）
] as const satisfies readonly (Term & { isDocument: boolean })[];

export type GenreId = IdOf<typeof GENRES>;
export const GENRE_IDS: readonly GenreId[] = GENRES.map((g) => g.id);
const GENRE_BY_ID = byId(GENRES);
export const isGenreId = (id: string): id is GenreId => GENRE_BY_ID.has(id);
export const genreName = (id: GenreId): string => GENRE_BY_ID.get(id)?.name ?? id;

// ---------------------------------------------------------------------------------------------------------------
// 五类政策信息 — 渝府办发〔2018〕76号（九）: “持续深化行政执法、企业减负、惠民利民、财政奖补、招标投标等与市场主体和
// 办事群众强相关的‘五类政策信息’公开”. (disclosure-rules.md R76-11 writes 财政补贴; the seed text says 财政奖补.)
// Tags on items, filters in search.
// ---------------------------------------------------------------------------------------------------------------

export const POLICY_CATEGORIES = [
  { id: 'law_enforcement', name: '行政执法' },
  { id: 'burden_relief', name: '企业减负' },
  { id: 'public_benefit', name: '惠民利民' },
  { id: 'fiscal_reward', name: '财政奖补' },
  { id: 'tendering', name: '招标投标' },
] as const satisfies readonly Term[];

export type PolicyCategoryId = IdOf<typeof POLICY_CATEGORIES>;
export const POLICY_CATEGORY_IDS: readonly PolicyCategoryId[] = POLICY_CATEGORIES.map((c) => c.id);
const POLICY_CATEGORY_BY_ID = byId(POLICY_CATEGORIES);
export const isPolicyCategoryId = (id: string): id is PolicyCategoryId => POLICY_CATEGORY_BY_ID.has(id);
export const policyCategoryName = (id: PolicyCategoryId): string => POLICY_CATEGORY_BY_ID.get(id)?.name ?? id;

// ---------------------------------------------------------------------------------------------------------------
// 公开属性 — 国办发〔2016〕80号 §一（一）: 拟制公文时明确主动公开、依申请公开、不予公开等属性，随公文一并报批；
// 拟不公开的，要依法依规说明理由. 渝府办发〔2018〕76号（一）: 以公开为常态、不公开为例外 → the default is 主动公开.
// ---------------------------------------------------------------------------------------------------------------

export const DISCLOSURE_MODES = [
  { id: 'proactive', name: '主动公开' }, // 条例 第十九条、第二十条
  { id: 'on_request', name: '依申请公开' }, // 条例 第二十七条
  { id: 'withheld', name: '不予公开' }, // 条例 第十四、十五、十六条
] as const satisfies readonly Term[];

export type DisclosureMode = IdOf<typeof DISCLOSURE_MODES>;
export const DISCLOSURE_MODE_IDS: readonly DisclosureMode[] = DISCLOSURE_MODES.map((m) => m.id);
export const DEFAULT_DISCLOSURE_MODE: DisclosureMode = 'proactive';
const DISCLOSURE_MODE_BY_ID = byId(DISCLOSURE_MODES);
export const isDisclosureMode = (id: string): id is DisclosureMode => DISCLOSURE_MODE_BY_ID.has(id);
export const disclosureModeName = (id: DisclosureMode): string => DISCLOSURE_MODE_BY_ID.get(id)?.name ?? id;

/** Legal reasons for 不予公开 (disclosure-rules.md §1.1). `mandatory`: the 条例 says 不予公开 / 不得公开, not 可以不予公开. */
export const WITHHOLDING_REASONS = [
  { id: 'EX14-SECRET', name: '国家秘密', article: '第十四条', mandatory: true, rule: '依法确定为国家秘密的政府信息' },
  { id: 'EX14-LAW', name: '法律、行政法规禁止公开', article: '第十四条', mandatory: true, rule: '法律、行政法规禁止公开的政府信息' },
  { id: 'EX14-SAFETY', name: '危及“三安全一稳定”', article: '第十四条', mandatory: true, rule: '公开后可能危及国家安全、公共安全、经济安全、社会稳定的政府信息' },
  // 条例 第十五条: 第三方同意公开或者行政机关认为不公开会对公共利益造成重大影响的，予以公开
  { id: 'EX15-THIRD', name: '商业秘密、个人隐私', article: '第十五条', mandatory: true, rule: '涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息' },
  { id: 'EX16-INTERNAL', name: '内部事务信息', article: '第十六条第一款', mandatory: false, rule: '人事管理、后勤管理、内部工作流程等方面的内部事务信息' },
  // 条例 第十六条第二款: 法律、法规、规章规定上述信息应当公开的，从其规定
  { id: 'EX16-PROCESS', name: '过程性信息', article: '第十六条第二款', mandatory: false, rule: '讨论记录、过程稿、磋商信函、请示报告等过程性信息' },
  { id: 'EX16-CASEFILE', name: '行政执法案卷信息', article: '第十六条第二款', mandatory: false, rule: '行政执法案卷信息' },
] as const satisfies readonly (Term & { article: string; mandatory: boolean; rule: string })[];

export type WithholdingReason = IdOf<typeof WITHHOLDING_REASONS>;
export const WITHHOLDING_REASON_IDS: readonly WithholdingReason[] = WITHHOLDING_REASONS.map((r) => r.id);
const WITHHOLDING_REASON_BY_ID = byId(WITHHOLDING_REASONS);
export const isWithholdingReason = (id: string): id is WithholdingReason => WITHHOLDING_REASON_BY_ID.has(id);
export const withholdingReasonLabel = (id: WithholdingReason): string => {
  const r = WITHHOLDING_REASON_BY_ID.get(id);
  return r ? `${r.name}（条例${r.article}）` : id;
};

// ---------------------------------------------------------------------------------------------------------------
// 有效性 — 渝府办发〔2018〕76号（十三）: 失效的要及时撤销. 失效: lapsed (its term ended or it was superseded);
// 废止: repealed by a decision. Both stay published with a banner; neither is ever deleted.
// ---------------------------------------------------------------------------------------------------------------

export const VALIDITIES = [
  { id: 'valid', name: '有效' },
  { id: 'expired', name: '失效' },
  { id: 'repealed', name: '废止' },
] as const satisfies readonly Term[];

export type Validity = IdOf<typeof VALIDITIES>;
export const VALIDITY_IDS: readonly Validity[] = VALIDITIES.map((v) => v.id);
const VALIDITY_BY_ID = byId(VALIDITIES);
export const isValidity = (id: string): id is Validity => VALIDITY_BY_ID.has(id);
export const validityName = (id: Validity): string => VALIDITY_BY_ID.get(id)?.name ?? id;

// ---------------------------------------------------------------------------------------------------------------
// 政策解读 forms — 渝府办发〔2018〕76号（三）: 运用客观数据、生动实例，进行形象化、通俗化解读，必要时通过新闻发布会、
// 在线访谈等方式. 图解 and 视频 are the usual 形象化 forms; 问答 is common practice [INF].
// ---------------------------------------------------------------------------------------------------------------

export const INTERPRETATION_FORMS = [
  { id: 'text', name: '文字' },
  { id: 'graphic', name: '图解' },
  { id: 'video', name: '视频' },
  { id: 'press_conference', name: '新闻发布会' },
  { id: 'interview', name: '在线访谈' },
  { id: 'qa', name: '问答' },
] as const satisfies readonly Term[];

export type InterpretationForm = IdOf<typeof INTERPRETATION_FORMS>;
export const INTERPRETATION_FORM_IDS: readonly InterpretationForm[] = INTERPRETATION_FORMS.map((f) => f.id);
const INTERPRETATION_FORM_BY_ID = byId(INTERPRETATION_FORMS);
export const isInterpretationForm = (id: string): id is InterpretationForm => INTERPRETATION_FORM_BY_ID.has(id);
export const interpretationFormName = (id: InterpretationForm): string => INTERPRETATION_FORM_BY_ID.get(id)?.name ?? id;

// ---------------------------------------------------------------------------------------------------------------
// 主动公开基本目录 — the standard template every new agency's catalog is created from (issue 3). `key` is stable
// and kept on the created nodes, so a later template change can be matched to them. `kind: 'entry'` is a link to
// another part of the site (the application form), not a column that holds items.
// ---------------------------------------------------------------------------------------------------------------

export interface CatalogTemplateNode {
  readonly key: string;
  readonly name: string;
  readonly kind: 'items' | 'entry';
  /** Genres offered first when an item is filed here. */
  readonly genres: readonly GenreId[];
  readonly children: readonly CatalogTemplateNode[];
}

const node = (key: string, name: string, genres: readonly GenreId[], children: readonly CatalogTemplateNode[] = [], kind: 'items' | 'entry' = 'items'): CatalogTemplateNode => ({ key, name, kind, genres, children });

export const CATALOG_TEMPLATE: readonly CatalogTemplateNode[] = [
  node('organization', '机构职能', ['other_document']), // 条例 第二十条（二）
  node('regulations', '法规文件', ['rule', 'normative', 'other_document']), // 条例 第二十条（一）
  node('plans', '规划计划', ['plan']), // 条例 第二十条（三）
  node('fiscal', '财政信息（预决算）', ['fiscal']), // 条例 第二十条（七）; 渝府办发〔2018〕76号（二）1
  // 渝府办发〔2018〕76号（二）: 把重点领域信息公开纳入主动公开基本目录，并动态调整
  node('key_areas', '重点领域', [], [
    node('major_projects', '重大建设项目', ['notice', 'news']), // 条例 第二十条（十）; 76号（二）2
    node('public_resources', '公共资源配置', ['notice', 'procurement']), // 76号（二）2
    node('social_welfare', '社会公益事业', ['notice', 'news']), // 条例 第二十条（十一）; 76号（二）2
    node('investment', '招商引资', ['notice', 'normative', 'news']), // 76号（二）3
    node('business_environment', '营商环境', ['notice', 'enforcement']), // 76号（二）4
  ]),
  node('interpretations', '政策解读', ['interpretation']), // 76号（三）
  node('personnel', '人事信息', ['personnel']), // 条例 第二十条（十四）
  node('proposals', '建议提案办理', ['proposal_reply']), // 76号（一）
  node('powers', '权责清单', ['other_document']), // 76号（一）: 做好政府部门权责清单调整和公开工作
  node('guide', '政府信息公开指南', ['guide']), // 条例 第十二条
  node('annual_reports', '政府信息公开年报', ['annual_report']), // 条例 第四十九条、第五十条
  node('requests', '依申请公开', [], [], 'entry'), // 条例 第二十七条
];

/** The template flattened depth-first with each node's parent key, in display order. */
export function flattenCatalogTemplate(nodes: readonly CatalogTemplateNode[] = CATALOG_TEMPLATE, parentKey: string | null = null): { key: string; parentKey: string | null; name: string; kind: 'items' | 'entry'; position: number; genres: readonly GenreId[] }[] {
  return nodes.flatMap((n, position) => [{ key: n.key, parentKey, name: n.name, kind: n.kind, position, genres: n.genres }, ...flattenCatalogTemplate(n.children, n.key)]);
}
