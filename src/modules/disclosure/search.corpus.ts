// A synthetic but realistic corpus of 政府信息 for the search benchmark (bench/search.bench.ts): titles and
// bodies from templates mixing 政务 vocabulary, a municipal agency tree, genres with their usual shares,
// dates skewed to recent years, 发文字号 for 公文, and a vocabulary whose frequencies span rare to
// everywhere. Deterministic: document n is the same on every run and in every worker. Erasable TypeScript
// only (worker threads load it directly).

import { formatDocumentNumber } from './document-number.ts';

/** mulberry32: small, fast, good enough for corpus generation. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;
/** Zipf-like pick: earlier entries far more often. */
const pickSkewed = <T>(r: Rand, list: readonly T[]): T => list[Math.floor(list.length * r() ** 2.2)] as T;
const int = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

// --- agencies ------------------------------------------------------------------------------------------------------

export interface CorpusAgency {
  key: string;
  name: string;
  shortName: string;
  parentKey: string | null;
  /** 机关代字 for 发文字号 */
  prefix: string;
  isGovernment: boolean;
}

const CITY_DEPARTMENTS: readonly [string, string, string][] = [
  ['bgt', '重庆市人民政府办公厅', '渝府办发'],
  ['fgw', '重庆市发展和改革委员会', '渝发改'],
  ['jw', '重庆市教育委员会', '渝教'],
  ['kjj', '重庆市科学技术局', '渝科局发'],
  ['jxw', '重庆市经济和信息化委员会', '渝经信发'],
  ['mzj', '重庆市民政局', '渝民发'],
  ['sfj', '重庆市司法局', '渝司发'],
  ['czj', '重庆市财政局', '渝财'],
  ['rsj', '重庆市人力资源和社会保障局', '渝人社发'],
  ['ghzrzyj', '重庆市规划和自然资源局', '渝规资'],
  ['sthjj', '重庆市生态环境局', '渝环'],
  ['zfcxjw', '重庆市住房和城乡建设委员会', '渝建'],
  ['jtj', '重庆市交通运输委员会', '渝交'],
  ['slj', '重庆市水利局', '渝水'],
  ['nyncw', '重庆市农业农村委员会', '渝农发'],
  ['swj', '重庆市商务委员会', '渝商务'],
  ['whlyw', '重庆市文化和旅游发展委员会', '渝文旅发'],
  ['wsjkw', '重庆市卫生健康委员会', '渝卫发'],
  ['yjj', '重庆市应急管理局', '渝应急发'],
  ['scjgj', '重庆市市场监督管理局', '渝市监发'],
  ['tjj', '重庆市统计局', '渝统发'],
  ['ybj', '重庆市医疗保障局', '渝医保发'],
  ['dsjj', '重庆市大数据应用发展管理局', '渝大数据发'],
];

const DISTRICTS: readonly [string, string, string][] = [
  ['yz', '渝中区', '渝中'],
  ['jlp', '九龙坡区', '九龙坡'],
  ['nan', '南岸区', '南岸'],
  ['yb', '渝北区', '渝北'],
  ['bb', '北碚区', '北碚'],
  ['wz', '万州区', '万州'],
  ['fl', '涪陵区', '涪陵'],
  ['yc', '永川区', '永川'],
  ['hc', '合川区', '合川'],
  ['jj', '江津区', '江津'],
  ['ws', '巫山县', '巫山'],
  ['xs', '秀山土家族苗族自治县', '秀山'],
];

const DISTRICT_DEPARTMENTS: readonly [string, string, string, string][] = [
  ['fgw', '发展和改革委员会', '发改委', '发改'],
  ['jw', '教育委员会', '教委', '教'],
  ['czj', '财政局', '财政局', '财'],
  ['nyw', '农业农村委员会', '农业农村委', '农'],
];

/** 1 city government, its departments, 12 districts and counties with 4 departments each: 72 agencies. */
export function corpusAgencies(): CorpusAgency[] {
  const out: CorpusAgency[] = [{ key: 'cq', name: '重庆市人民政府', shortName: '市政府', parentKey: null, prefix: '渝府发', isGovernment: true }];
  for (const [key, name, prefix] of CITY_DEPARTMENTS) out.push({ key: `cq-${key}`, name, shortName: name.replace('重庆市', '市'), parentKey: 'cq', prefix, isGovernment: false });
  for (const [key, name, short] of DISTRICTS) {
    out.push({ key: `d-${key}`, name: `重庆市${name}人民政府`, shortName: `${name}政府`, parentKey: 'cq', prefix: `${short}府发`, isGovernment: true });
    for (const [dk, dn, ds, dp] of DISTRICT_DEPARTMENTS) out.push({ key: `d-${key}-${dk}`, name: `重庆市${name}${dn}`, shortName: `${name}${ds}`, parentKey: `d-${key}`, prefix: `${short}${dp}发`, isGovernment: false });
  }
  return out;
}

// --- vocabulary ----------------------------------------------------------------------------------------------------

/** Topics, most frequent first (picked Zipf-like), each with its 主题分类 id. */
const TOPICS: readonly [string, string][] = [
  ['政务公开', 'general_affairs.openness'],
  ['安全生产', 'market_regulation.work_safety'],
  ['乡村振兴', 'agriculture.farming'],
  ['优化营商环境', 'economy.reform'],
  ['生态环境保护', 'construction_environment.environment'],
  ['疫情防控', 'health_sports.health'],
  ['就业创业', 'labour.employment'],
  ['义务教育', 'science_education.education'],
  ['城市更新', 'construction_environment.urban_planning'],
  ['政务服务', 'general_affairs.e_government'],
  ['医疗保障', 'labour.social_security'],
  ['养老服务', 'civil_affairs.welfare'],
  ['防汛抗旱', 'agriculture.water_conservancy'],
  ['招商引资', 'trade.foreign_trade'],
  ['数字政府建设', 'general_affairs.e_government'],
  ['社会信用体系建设', 'finance.social_credit'],
  ['食品安全', 'market_regulation.food_drug'],
  ['老旧小区改造', 'construction_environment.construction'],
  ['河长制', 'agriculture.water_conservancy'],
  ['垃圾分类', 'construction_environment.environment'],
  ['文化旅游', 'trade.tourism'],
  ['科技创新', 'science_education.science'],
  ['减税降费', 'finance.tax'],
  ['住房保障', 'construction_environment.construction'],
  ['公共资源交易', 'economy.other'],
  ['森林防火', 'agriculture.forestry'],
  ['农村人居环境整治', 'agriculture.farming'],
  ['高标准农田建设', 'agriculture.farming'],
  ['民营经济发展', 'economy.macro'],
  ['交通基础设施建设', 'industry_transport.roads'],
  ['职业技能培训', 'labour.employment'],
  ['双随机一公开监管', 'market_regulation.registration'],
  ['预决算公开', 'finance.fiscal'],
  ['政府债务管理', 'finance.fiscal'],
  ['扫黑除恶', 'public_security.police'],
  ['退役军人服务保障', 'civil_affairs.veterans'],
  ['残疾人帮扶', 'civil_affairs.welfare'],
  ['未成年人保护', 'population.women_children'],
  ['长江大保护', 'construction_environment.environment'],
  ['成渝地区双城经济圈建设', 'economy.macro'],
  ['西部陆海新通道', 'industry_transport.other'],
  ['智能制造', 'industry_transport.machinery'],
  ['新能源汽车', 'industry_transport.machinery'],
  ['电子证照', 'general_affairs.e_government'],
  ['信访工作', 'general_affairs.petitions'],
  ['统计调查', 'economy.statistics'],
  ['审计整改', 'finance.audit'],
  ['知识产权保护', 'science_education.intellectual_property'],
  ['地质灾害防治', 'land_energy.minerals'],
  ['消防安全', 'public_security.other'],
];

/** Words that occur in a few hundredths of a percent of documents: the "rare term" queries. */
export const RARE_TERMS: readonly string[] = [
  '磁悬浮', '古树名木', '大熊猫', '川剧', '长江索道', '榨菜', '脐橙', '钓鱼城', '候鸟', '梯田',
  '无人机', '氢能源', '冷链物流', '碳普惠', '夜间经济', '竹编', '蚕桑', '温泉', '滑坡', '白鹤梁',
  '中华鲟', '方言', '轮渡', '缆车', '石刻', '茶叶', '中药材', '蜂蜜', '腊肉', '花椒',
  '生猪', '柑橘', '李子', '猕猴桃', '荷花', '桂花', '樱花', '索道', '码头', '古镇',
];

const MEETINGS = ['推进会', '工作会议', '专题会议', '座谈会', '培训会', '现场会', '调度会', '部署会'];
const VERBS = ['推进', '深化', '加强', '落实', '做好', '加快', '抓好', '统筹推进', '全面推进', '扎实开展'];
const NEWS_ACTIONS = ['召开', '举办', '组织开展', '部署', '调研', '督导检查'];
const DOC_KINDS = ['实施方案', '管理办法', '实施意见', '工作方案', '行动计划', '若干措施', '暂行办法', '考核办法'];
const UNITS = ['市', '区', '县', '镇', '街道'];
const STATS = ['规模以上工业增加值', '社会消费品零售总额', '固定资产投资', '城镇新增就业人数', '居民消费价格指数', '地区生产总值'];
const PERSON_SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴'];
const PERSON_GIVEN = ['建国', '志强', '晓燕', '海涛', '丽娟', '明', '军', '芳', '伟', '静'];

const SENTENCES: readonly string[] = [
  '为深入贯彻落实党中央、国务院决策部署，进一步{verb}{topic}工作，结合我{unit}实际，制定本{kind}。',
  '{year}年以来，{agency}坚持以人民为中心的发展思想，{verb}{topic}，各项工作取得明显成效。',
  '截至{month}月底，全{unit}累计完成{topic}项目{n}个，完成投资{x}亿元，同比增长{p}%。',
  '会议要求，各级各部门要提高政治站位，切实增强做好{topic}工作的责任感和紧迫感。',
  '要坚持问题导向，聚焦群众急难愁盼问题，{verb}{topic}，确保各项任务落地见效。',
  '各区县人民政府、市政府各部门要加强组织领导，明确责任分工，抓好工作落实。',
  '要按照“谁主管、谁负责”的原则，建立健全工作机制，形成工作合力。',
  '坚持以公开为常态、不公开为例外，{verb}政务公开，及时回应社会关切。',
  '进一步规范政府信息公开工作，做好政策解读和舆情回应，提升政务服务水平。',
  '{agency}将持续{verb}{topic}，为全{unit}经济社会高质量发展提供有力保障。',
  '本{kind}自印发之日起施行，由{agency}负责解释。',
  '对工作推进不力、措施落实不到位的单位，将予以通报批评并督促整改。',
  '下一步，我们将认真总结经验做法，{verb}{topic}，不断提升群众的获得感、幸福感、安全感。',
  '各单位要于{month}月{day}日前将工作开展情况报送{agency}。',
  '加强宣传引导，充分利用政府网站、政务新媒体等渠道，广泛宣传{topic}政策措施。',
  '{year}年，全{unit}共受理相关申请{n}件，办结率达到{p}%，群众满意度持续提升。',
  '强化督查考核，将{topic}工作纳入年度目标考核，定期通报工作进展。',
  '要严格落实安全生产责任制，全面排查整治各类风险隐患，坚决遏制重特大事故发生。',
  '{agency}主要负责同志出席会议并讲话，对下一阶段{topic}工作作出安排部署。',
  '联系电话：023-{phone}。',
  '深化“放管服”改革，持续推进“一网通办”“最多跑一次”，提升企业和群众办事便利度。',
  '推动{topic}与{topic2}深度融合，培育发展新动能。',
  '按照“双随机、一公开”要求，随机抽取检查对象，随机选派执法检查人员，检查结果及时向社会公开。',
  '强化资金保障，{year}年市级财政安排专项资金{x}亿元，支持{topic}重点项目建设。',
];

const RARE_SENTENCES: readonly string[] = [
  '此外，{unit}内{rare}相关工作也纳入统筹安排。',
  '调研组一行还实地察看了{rare}项目进展情况。',
  '会议还研究了{rare}保护和利用有关事项。',
];

// --- documents -----------------------------------------------------------------------------------------------------

export type CorpusGenre = 'news' | 'notice' | 'normative' | 'other_document' | 'interpretation' | 'plan' | 'statistics' | 'personnel' | 'fiscal' | 'procurement';

/** Genre shares, roughly those of a municipal 信息公开 site. */
const GENRE_SHARES: readonly [CorpusGenre, number][] = [
  ['news', 0.36],
  ['notice', 0.19],
  ['other_document', 0.11],
  ['normative', 0.07],
  ['interpretation', 0.05],
  ['personnel', 0.05],
  ['plan', 0.04],
  ['statistics', 0.05],
  ['fiscal', 0.04],
  ['procurement', 0.04],
];

const DOCUMENT_GENRES: ReadonlySet<CorpusGenre> = new Set(['normative', 'other_document']);

export interface CorpusDocument {
  n: number;
  agencyKey: string;
  /** a second issuer for 联合发文, or null */
  coAgencyKey: string | null;
  title: string;
  bodyHtml: string;
  keywords: string[];
  documentNumber: string | null;
  docPrefix: string | null;
  docYear: number | null;
  docSerial: number | null;
  genre: CorpusGenre;
  subject: string;
  policyTags: string[];
  writtenDate: string;
  publishedDate: string;
  validity: 'valid' | 'expired' | 'repealed';
}

const FIRST_YEAR = 2010;
const LAST_YEAR = 2025;

function isoDate(year: number, dayOfYear: number): string {
  const d = new Date(Date.UTC(year, 0, 1 + dayOfYear));
  return d.toISOString().slice(0, 10);
}

function genreFor(r: Rand): CorpusGenre {
  let x = r();
  for (const [g, share] of GENRE_SHARES) {
    if (x < share) return g;
    x -= share;
  }
  return 'news';
}

export class Corpus {
  readonly agencies = corpusAgencies();
  private readonly departments = this.agencies.filter((a) => !a.isGovernment);
  private readonly governments = this.agencies.filter((a) => a.isGovernment);
  private readonly byKey = new Map(this.agencies.map((a) => [a.key, a]));

  agency(key: string): CorpusAgency {
    const a = this.byKey.get(key);
    if (!a) throw new Error(`unknown corpus agency ${key}`);
    return a;
  }

  /** Document n (0-based). The 发文字号 serial is n-derived, so numbers are unique per agency and year. */
  document(n: number): CorpusDocument {
    const r = prng(0x9e3779b1 ^ Math.imul(n + 1, 0x85ebca6b));
    // more documents in recent years: the year index is skewed toward LAST_YEAR
    const year = LAST_YEAR - Math.floor((LAST_YEAR - FIRST_YEAR + 1) * r() ** 1.6);
    const published = isoDate(year, int(r, 0, 364));
    const writtenOffset = int(r, 0, 20);
    const written = new Date(Date.parse(published) - writtenOffset * 86_400_000).toISOString().slice(0, 10);
    const genre = genreFor(r);
    const agency = r() < 0.3 ? pick(r, this.governments) : pick(r, this.departments);
    const [topic, subject] = pickSkewed(r, TOPICS);
    const [topic2] = pickSkewed(r, TOPICS);
    const rare = r() < 0.05 ? pick(r, RARE_TERMS) : null;
    const slots: Record<string, string> = {
      topic,
      topic2,
      agency: agency.name,
      verb: pick(r, VERBS),
      kind: pick(r, DOC_KINDS),
      unit: pick(r, UNITS),
      year: String(year),
      month: String(int(r, 1, 12)),
      day: String(int(r, 1, 28)),
      n: String(int(r, 3, 980)),
      x: (r() * 90 + 1).toFixed(1),
      p: (r() * 30 + 1).toFixed(1),
      phone: String(int(r, 60000000, 69999999)),
      rare: rare ?? '',
    };
    const fill = (template: string) => template.replace(/\{(\w+)\}/g, (_, k: string) => slots[k] ?? '');
    const short = agency.shortName;
    let title: string;
    switch (genre) {
      case 'news':
        title = fill(`${short}${pick(r, NEWS_ACTIONS)}${year}年${topic}${pick(r, MEETINGS)}`);
        break;
      case 'notice':
        title = `${agency.name}关于${pick(r, ['做好', '开展', '进一步加强', '组织开展'])}${year}年${topic}工作的通知`;
        break;
      case 'normative':
        title = `${agency.name}关于印发《重庆市${topic}${pick(r, DOC_KINDS)}》的通知`;
        break;
      case 'other_document':
        title = `${agency.name}关于${pick(r, VERBS)}${topic}${pick(r, ['的实施意见', '工作的通知', '的批复', '有关事项的通知'])}`;
        break;
      case 'interpretation':
        title = `《重庆市${topic}${pick(r, DOC_KINDS)}》政策解读`;
        break;
      case 'plan':
        title = `${short}${year}年${topic}工作计划`;
        break;
      case 'statistics':
        title = `${year}年${slots.month}月${short}${pick(r, STATS)}统计数据`;
        break;
      case 'personnel':
        title = r() < 0.5 ? `${agency.name}关于${pick(r, PERSON_SURNAMES)}${pick(r, PERSON_GIVEN)}等同志职务任免的通知` : `${agency.name}${year}年公开招聘事业单位工作人员公告`;
        break;
      case 'fiscal':
        title = `${agency.name}${year}年${pick(r, ['部门预算', '部门决算', '“三公”经费预算'])}公开`;
        break;
      case 'procurement':
        title = `${agency.name}${topic}${pick(r, ['设备采购', '服务采购', '工程'])}项目中标（成交）结果公告`;
        break;
    }
    if (rare && r() < 0.3) title = `${title}（${rare}）`;
    // body length by genre: news and notices short, 公文 and plans long
    const sentences = genre === 'normative' || genre === 'plan' || genre === 'other_document' ? int(r, 18, 50) : genre === 'statistics' || genre === 'procurement' || genre === 'personnel' ? int(r, 4, 10) : int(r, 8, 22);
    const paragraphs: string[] = [];
    let para: string[] = [];
    for (let i = 0; i < sentences; i++) {
      para.push(fill(pick(r, SENTENCES)));
      if (rare && i === 2) para.push(fill(pick(r, RARE_SENTENCES)));
      if (para.length >= int(r, 2, 5)) {
        paragraphs.push(para.join(''));
        para = [];
      }
    }
    if (para.length) paragraphs.push(para.join(''));
    const bodyHtml = paragraphs.map((p) => `<p>${p}</p>`).join('\n');
    const isDocument = DOCUMENT_GENRES.has(genre) || (genre === 'notice' && r() < 0.5);
    const docSerial = isDocument ? (n % 9973) + 1 : null;
    const documentNumber = isDocument && docSerial ? formatDocumentNumber(agency.prefix, year, docSerial) : null;
    const validity: CorpusDocument['validity'] = isDocument && year < 2022 ? (r() < 0.12 ? 'expired' : r() < 0.05 ? 'repealed' : 'valid') : 'valid';
    const coAgency = isDocument && r() < 0.08 ? pick(r, this.departments) : null;
    return {
      n,
      agencyKey: agency.key,
      coAgencyKey: coAgency && coAgency.key !== agency.key ? coAgency.key : null,
      title,
      bodyHtml,
      keywords: [topic, topic2].filter((k, i, a) => a.indexOf(k) === i),
      documentNumber,
      docPrefix: documentNumber ? agency.prefix : null,
      docYear: documentNumber ? year : null,
      docSerial,
      genre,
      subject,
      policyTags: r() < 0.1 ? [pick(r, ['law_enforcement', 'burden_relief', 'public_benefit', 'fiscal_reward', 'tendering'])] : [],
      writtenDate: written,
      publishedDate: published,
      validity,
    };
  }
}
