// Citizens' names (姓名). A name is recognised only in context, because most surnames are also everyday characters
// (高度, 周边, 陈述): after a role word (市民, 申请人, 来电人 …), before 先生/女士 with a full name, and again wherever a
// name already found recurs in the same text. Names presented in office (局长张三, 新闻发言人李四, leadership
// records) are public and never reported (issue 4 "What it must NOT report").
import { codeTable, isHanCode, PairSet, WordIndex } from './chars.ts';
import type { Finding } from './finding.ts';
import { surnameLengthAt } from './surnames.ts';

/**
 * Role words before a citizen's name, with the role the pseudonym uses (申请人A). null: no role of its own, the
 * pseudonym falls back to 当事人 and, under the punitive policy, the name is still masked (not a party).
 */
const ROLE_WORDS: Record<string, string | null> = {
  市民: '市民', 居民: '居民', 村民: '村民', 网民: '网民', 群众: '群众',
  申请人: '申请人', 被申请人: '被申请人', 当事人: '当事人', 来电人: '来电人', 来信人: '来信人', 来访人: '来访人',
  投诉人: '投诉人', 被投诉人: '被投诉人', 举报人: '举报人', 被举报人: '被举报人', 信访人: '信访人', 求助人: '求助人',
  咨询人: '咨询人', 反映人: '反映人', 留言人: '留言人', 联系人: '联系人', 开户人: '开户人', 持卡人: '持卡人',
  收款人: '收款人', 户名: '开户人', 户主: '户主', 业主: '业主', 房主: '房主', 车主: '车主', 租户: '租户',
  患者: '患者', 病人: '患者', 驾驶员: '驾驶员', 驾驶人: '驾驶员', 被处罚人: '被处罚人', 被执行人: '被执行人',
  失信被执行人: '被执行人', 违法行为人: '违法行为人', 法定代表人: '法定代表人', 负责人: '负责人', 经营者: '经营者',
  代理人: '代理人', 委托代理人: '代理人', 法定代理人: '代理人', 监护人: '监护人', 受害人: '受害人', 证人: '证人',
  报案人: '报案人', 申诉人: '申诉人', 收件人: '收件人', 寄件人: '寄件人', 签收人: '签收人', 死者: null,
  姓名: null, 本人: null, 其子: null, 其女: null, 其妻: null, 其夫: null, 其父: null, 其母: null, 儿子: null,
  女儿: null, 丈夫: null, 妻子: null, 父亲: null, 母亲: null, 其父亲: null, 其母亲: null, 其丈夫: null, 其妻子: null,
  其儿子: null, 其女儿: null, 邻居: null, 学生: null, 老人: null, 家庭成员: null, 我叫: null, 名叫: null, 她叫: null,
  他叫: null, 名字叫: null, 叫做: null, 低保对象: null, 救助对象: null, 帮扶对象: null, 优抚对象: null, 特困人员: null,
  困难群众: null, 店主: null, 摊主: null, 房东: null, 家长: null, 乘客: null, 司机: null, 员工: null, 职工: null,
  农民工: null, 家属: null, 亲属: null, 雇主: null, 承包人: null, 承租人: null, 出租人: null, 借款人: null,
  原告: '原告', 被告: '被告', 第三人: '第三人', 上诉人: '上诉人', 被上诉人: '被上诉人', 诉求人: '诉求人', 受托人: '受托人',
  补贴对象: null, 申领人: '申领人', 领取人: '领取人', 上访人: '信访人',
};

/** Titles that present a person in office; the name after them is public (leadership records, 新闻发言人). */
const TITLES = [
  '新闻发言人', '发言人', '党组书记', '书记', '副书记', '局长', '副局长', '主任', '副主任', '区长', '副区长', '市长', '副市长',
  '县长', '副县长', '镇长', '副镇长', '乡长', '副乡长', '处长', '副处长', '科长', '副科长', '厅长', '副厅长', '部长', '副部长',
  '主席', '副主席', '秘书长', '副秘书长', '院长', '副院长', '检察长', '庭长', '所长', '站长', '队长', '组长', '副组长',
  '巡视员', '调研员', '督察长', '政委', '总工程师', '总经济师', '审判长', '审判员', '书记员', '执法人员',
];

/** Characters that do not occur in given names here but often follow a role word. */
const NOT_GIVEN = codeTable([
  ...'的了在是与或等被把对向从于以其这那些个们我你他她它上下里外前后区县市镇乡村街路号楼室栋部门局委办厅院所站队科处',
  ...'府公司单位企校医社物反映投诉举报咨询来电称说要求表示认请问未已将曾都也还又并且而但因及就即该此各每',
  ...'某本无不没需应须能会让使给用按照据根依时日件次名人员号码话手机住址地情况问题事项',
]);

/**
 * Characters common in given names (the most frequent ~300 in 户籍 name statistics, recalled; not exhaustive). Used
 * only after a role word, to decide where a name ends when no known word follows it.
 */
const GIVEN_NAME_CHARS = codeTable([
  ...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂华红文辉斌宇浩凯健波亮飞翔帆博雪倩莉璐瑶蕾萍燕玲慧琴梅兰凤珍鑫鹏',
  ...'琳颖丹婷峰彬俊毅坤晨阳旭昊睿怡欣悦建国志海东晓小春子涵然梓萱一诺宇轩雨泽思远佳梦诗振淑光学新朝金玉秋冬大立长',
  ...'德永世宏家天云成龙福荣生祥贵顺庆兴凡林森山水清正中和安乐宁静雅婉嘉琪琦瑞祥瑜璇晶莹露霖霞虹彤彩妍妮婕媛娇姗',
  ...'宏伟鸿浩瀚涛波澜江河湖洪润泉源智慧聪颖贤德仁义礼信忠孝勤俭良善美丽秀英芬芳馨香蓉莲荷菊梅竹松柏杨柳桃李',
  ...'兵军武威力刚强猛勇壮雄豪杰俊英才贤良士文章书画琴棋诗词歌赋玲珑珊瑚珠宝玉琼瑶琪琳琅环佩钰铭锦绣绮罗纱',
  ...'鹏鹤凤鸾燕莺鹃鸣飞翔腾跃超越卓群冠军胜利成功达通顺利畅旺盛昌隆兴发财富贵禄寿喜庆吉祥如意康宁',
]);

/** Single characters that may directly follow a name. */
const AFTER_ONE = codeTable([...'的在于因向对与和及等系是为将已未曾所被经从自到至称说讲其也还又就都均并现今、']);

/** Words that may directly follow a name (the name ends before them). */
const FOLLOW_WORDS = new WordIndex([
  '反映', '来电', '来信', '来访', '投诉', '举报', '咨询', '表示', '要求', '认为', '希望', '请求', '提出', '申请', '诉称',
  '驾驶', '家住', '家中', '家门', '家人', '家属', '居住', '住在', '现住', '同志', '先生', '女士', '夫妇', '一家', '本人',
  '父亲', '母亲', '妻子', '丈夫', '儿子', '女儿', '之子', '之女', '多次', '现年', '今年', '年满', '联系', '电话', '手机',
  '身份', '提供', '签收', '签字', '确认', '持有', '名下', '不服', '拒不', '违反', '涉嫌', '擅自', '经营', '通过', '前往',
  '来到', '到达', '发现', '无法', '未能', '没有', '办理', '缴纳', '领取', '收到', '签订', '租住', '承租', '购买', '工作',
  '就读', '患有', '住院', '去世', '出生', '生于', '同意', '户籍', '名义', '个人', '驾车', '骑', '一行', '等人', '再次',
  '致电', '留言', '诉求', '称其', '拨打', '通报', '陈述', '申辩', '已经', '曾经', '于', '因', '男', '女', '两户', '两人',
  '二人', '三人', '一户', '全家', '今年', '目前', '现在', '当时', '本月', '近日', '昨日', '今日', '达成', '撤回', '签署',
  '支付', '赔偿', '承担', '提交', '提起', '放弃', '退还', '返还', '认可', '承认', '履行', '出具', '获得', '取得', '享受',
  '离开', '死亡', '受伤', '参加', '参与', '负责', '从事', '出售', '出租', '租赁', '转让', '继承', '一次性', '拖欠', '私自',
]);

/** Words that look like surname + given name but are not names. */
const COMMON_WORDS = new Set([
  '应当', '应该', '应予', '应于', '应在', '全部', '全体', '全面', '高度', '任何', '成为', '成功', '明确', '明显', '方面', '方可',
  '方式', '方案', '于是', '万元', '常住', '常年', '车辆', '房屋', '房产', '商户', '商家', '包括', '周边', '周围', '周末', '黄色',
  '白天', '林地', '田地', '金额', '程序', '安全', '安排', '安置', '平台', '平时', '官方', '海关', '宣传', '严重', '陈述',
  '申辩', '申请', '申报', '游客', '关注', '关于', '齐全', '宁可', '江北', '南岸', '南川', '万州', '万盛', '云阳', '石柱',
  '黎明', '孔洞', '何时', '何处', '何种', '曾经', '余额', '余下', '施工', '文件', '龙头', '史上', '管理', '管道', '乔迁',
  '武装', '易于', '温度', '温馨', '康复', '毛坯', '简单', '简易', '华为', '季度', '伍拾', '党员', '党委', '党支部', '司法',
  '卫生', '宗教', '计划', '连续', '路面', '路灯', '解决', '解释', '苗木', '谷物', '盛情', '曲线', '童年', '尤其', '宫颈',
  '费用', '冷气', '席位', '米粮', '仲裁', '敖包', '明细', '佘山', '查询', '查看', '查处', '查明', '麻将', '苑囿', '迟到',
  '封闭', '谈话', '鞠躬', '惠民', '乐意', '冀望', '南方', '班车', '储蓄', '原因', '原来', '燕窝', '楚楚', '劳动', '皮肤',
  '满意', '闻讯', '位置', '海拔', '花园', '花费', '权利', '权益', '强烈', '帅气', '豆腐', '盖章', '练习', '廉租', '井盖',
  '丰富', '平安', '计算', '宣布', '初步', '云端', '容易', '敬请', '普通', '危险', '银行', '富裕', '衡量', '幸福', '植物',
  '项目', '车位', '车库', '房租', '房东', '田间', '金融', '钱款', '石材', '段落', '沙发', '桑拿', '荣誉', '池塘', '甘愿',
  '贾某', '包装', '鲍鱼', '蒙受', '柴油', '管网', '谭某', '霍乱', '成人', '成年', '明天', '明年', '时间', '时候', '向前',
]);
/** COMMON_WORDS are all two characters: looked up by their two code units as one integer. */
const COMMON_PAIRS = new PairSet(COMMON_WORDS);

/**
 * Everyday words that cannot be a two-character given name, for a surname character used as an ordinary word
 * before them: 群众强相关 (强 + 相关), 市民高相关, 居民多有关.
 */
const NOT_GIVEN_PAIRS = new PairSet(new Set(['相关', '有关', '无关', '一致', '自己', '大家', '共同', '一起', '之间', '以上', '以下', '方面', '需求', '需要', '密切', '直接', '间接', '普遍', '广泛']));


const TITLE_WORDS = new WordIndex(TITLES);
const ROLE_INDEX = new WordIndex(Object.keys(ROLE_WORDS));
const CONTEXT_KIND = new Map<string, 'role' | 'title' | 'honorific'>([
  ...TITLES.map((t) => [t, 'title'] as const),
  ...Object.keys(ROLE_WORDS).map((r) => [r, 'role'] as const),
  ['先生', 'honorific'],
  ['女士', 'honorific'],
]);
/** All context words; the longest wins where two start together (新闻发言人, not 新闻). */
const CONTEXT = new WordIndex(CONTEXT_KIND.keys());
const SEPARATORS = codeTable(['：', ':', ' ', '　', '\t', '（', '(']);
const OFFICE_CONTEXT = ['职务', '职位', '分管', '工作分工', '简历', '任职'];
const PREV_WORDS = new WordIndex(['感谢', '致电', '联系', '告知', '通知', '回复', '答复', '采访', '拜访', '询问', '经查', '核实', '其中', '以及', '转告', '委托']);
const PREV_ONE = codeTable([...'的了是给向对与和及请由经被让叫称据为在、']);
const OPENERS = codeTable([...'（( 　，']);

/** The closing bracket of a short note (at most 8 characters), or -1. */
function closingBracket(text: string, open: number): number {
  for (let i = open + 1; i < text.length && i <= open + 9; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xff09 /* ） */ || c === 0x29) return i;
  }
  return -1;
}

function isGivenChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return isHanCode(c) && NOT_GIVEN[c] !== 1;
}

/** Can a name end at `e`? The next character is not part of a longer word. */
function endsCleanly(text: string, e: number): boolean {
  if (e >= text.length) return true;
  const c = text.charCodeAt(e);
  if (!isHanCode(c)) return true;
  return AFTER_ONE[c] === 1 || FOLLOW_WORDS.matchAt(text, e) !== null;
}

function startsCleanly(text: string, s: number): boolean {
  if (s === 0) return true;
  const c = text.charCodeAt(s - 1);
  if (!isHanCode(c)) return true;
  return PREV_ONE[c] === 1 || PREV_WORDS.matchEndingAt(text, s) !== null;
}

/**
 * A full name (surname + one or two given characters) starting at i; returns its end, or -1. The name must end
 * cleanly (punctuation, 反映, 来电 …). Right after a role word (`afterRole`), where a name is expected, a name that
 * runs into an unknown verb (租户孟凡拖欠…) is still taken when its given characters are common in names.
 */
export function nameEndAt(text: string, i: number, afterRole = false): number {
  const sur = surnameLengthAt(text, i);
  if (sur === 0) return -1;
  const g = i + sur;
  if (!isGivenChar(text, g) || FOLLOW_WORDS.matchAt(text, g)) return -1;
  if (NOT_GIVEN_PAIRS.hasAt(text, g)) return -1;
  const two = isGivenChar(text, g + 1) && !FOLLOW_WORDS.matchAt(text, g + 1);
  if (two && isNameEnd(text, i, g + 2)) return g + 2;
  if (isNameEnd(text, i, g + 1)) return g + 1;
  if (!afterRole || COMMON_PAIRS.hasAt(text, i)) return -1;
  if (GIVEN_NAME_CHARS[text.charCodeAt(g)] !== 1) return -1;
  return two && GIVEN_NAME_CHARS[text.charCodeAt(g + 1)] === 1 ? g + 2 : g + 1;
}

function isNameEnd(text: string, start: number, end: number): boolean {
  if (COMMON_PAIRS.hasAt(text, start)) return false;
  return endsCleanly(text, end);
}

/** Is the name at `start` introduced by a role word (来电人王建国, 邻居李娜, 姓名：张三)? Then a pseudonym needs no role. */
export function followsRoleWord(text: string, start: number): boolean {
  let e = start;
  for (let k = 0; k < 2 && e > 0 && SEPARATORS[text.charCodeAt(e - 1)] === 1; k++) e--;
  return ROLE_INDEX.matchEndingAt(text, e) !== null;
}

export interface NameScanOptions {
  publicNames: ReadonlySet<string>;
}

/** Every citizen's name in the text, with its role. */
export function scanNames(text: string, opts: NameScanOptions): Finding[] {
  const found: Finding[] = [];
  // names presented in office anywhere in the text; they are dropped from `found` at the end
  const official = new Set<string>(opts.publicNames);
  let resume = 0; // end of the last name taken: role words inside it are not context
  const n = text.length;
  for (let i = 0; i < n; i++) {
    if (CONTEXT.firsts[text.charCodeAt(i)] !== 1) continue;
    const w = CONTEXT.matchAt(text, i);
    if (!w) continue;
    const kind = CONTEXT_KIND.get(w);
    if (kind === 'title') officialAfter(text, i + w.length, official);
    else if (kind === 'role') {
      if (i >= resume) resume = namesAfterRole(text, i, w, found, official);
    } else nameBeforeHonorific(text, i, found);
    i += w.length - 1;
  }
  const personal = found.filter((f) => !official.has(f.text));
  return addRepeats(text, personal, official).sort((a, b) => a.start - b.start);
}

/** 局长张三, 新闻发言人：李四 — a name presented in office is public. */
function officialAfter(text: string, end: number, official: Set<string>): void {
  const p = SEPARATORS[text.charCodeAt(end)] === 1 ? end + 1 : end;
  const e = nameEndAt(text, p, true);
  if (e > 0) official.add(text.slice(p, e));
}

/** 申请人张三, 当事人：李四、王五 — returns the end of the last name taken (or the role word's start if none). */
function namesAfterRole(text: string, at: number, word: string, found: Finding[], official: Set<string>): number {
  const role = ROLE_WORDS[word] ?? undefined;
  let p = at + word.length;
  let last = at;
  for (let k = 0; k < 2 && SEPARATORS[text.charCodeAt(p)] === 1; k++) p++;
  for (let count = 0; count < 8; count++) {
    const e = nameEndAt(text, p, true);
    if (e < 0) break;
    const name = text.slice(p, e);
    if (isPresentedInOffice(text, e, word)) official.add(name);
    else found.push(role ? { type: 'name', start: p, end: e, text: name, role } : { type: 'name', start: p, end: e, text: name });
    last = e;
    // a list: 张三、李四 — or 冉小芳（女儿）、冉东（儿子）, a short note in brackets between
    let q = e;
    if (text.charCodeAt(q) === 0xff08 /* （ */ || text.charCodeAt(q) === 0x28) {
      const close = closingBracket(text, q);
      if (close < 0) break;
      q = close + 1;
    }
    if (text.charCodeAt(q) !== 0x3001 /* 、 */) break;
    p = q + 1;
  }
  return last;
}

/** 王建国先生 / 李娜女士 (a surname alone, 王先生, is already the de-identified form). */
function nameBeforeHonorific(text: string, end: number, found: Finding[]): void {
  for (let len = 4; len >= 2; len--) {
    const s = end - len;
    if (s < 0) continue;
    if (nameEndAt(text, s) !== end || !startsCleanly(text, s)) continue;
    found.push({ type: 'name', start: s, end, text: text.slice(s, end) });
    return;
  }
}

/** 姓名：李明 职务：局长 — a leadership record; 张三（局长） — a title right after the name. */
function isPresentedInOffice(text: string, end: number, trigger: string): boolean {
  if (trigger === '姓名') {
    const after = text.slice(end, end + 40);
    if (OFFICE_CONTEXT.some((w) => after.includes(w))) return true;
  }
  const p = OPENERS[text.charCodeAt(end)] === 1 ? end + 1 : end;
  return TITLE_WORDS.matchAt(text, p) !== null;
}

const REPEAT_FIRSTS = new Uint8Array(65536);

/** Later mentions of a name already found ("来电人王建国反映…王建国表示…") get the same role. */
function addRepeats(text: string, found: Finding[], official: ReadonlySet<string>): Finding[] {
  if (found.length === 0) return found;
  const roles = new Map<string, string | undefined>();
  for (const f of found) if (!roles.has(f.text) || (!roles.get(f.text) && f.role)) roles.set(f.text, f.role);
  for (const name of official) roles.delete(name);
  if (roles.size === 0) return found;
  // names are 2–4 characters: a table of first characters and a map of second ones pick the positions worth a look.
  // The table is shared and cleared afterwards; allocating 64 KB per call would dominate short texts.
  const firsts: number[] = [];
  const seconds = new Map<number, Set<number>>();
  for (const name of roles.keys()) {
    const c0 = name.charCodeAt(0);
    if (REPEAT_FIRSTS[c0] !== 1) firsts.push(c0);
    REPEAT_FIRSTS[c0] = 1;
    const set = seconds.get(c0) ?? new Set<number>();
    set.add(name.charCodeAt(1));
    seconds.set(c0, set);
  }
  try {
    const out = [...found];
    const sorted = [...found].sort((a, b) => a.start - b.start);
    let k = 0;
    let blockedUntil = 0;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (REPEAT_FIRSTS[c] !== 1 || !(seconds.get(c) as Set<number>).has(text.charCodeAt(i + 1))) continue;
      while (k < sorted.length && (sorted[k] as Finding).start <= i) {
        blockedUntil = Math.max(blockedUntil, (sorted[k] as Finding).end);
        k++;
      }
      if (i < blockedUntil) continue;
      for (let len = 4; len >= 2; len--) {
        const name = text.slice(i, i + len);
        if (!roles.has(name)) continue;
        // a two-character name recurring: 张伟撤回 yes, 张伟丰 (a longer name) no
        if (len === 2 && !endsCleanly(text, i + len) && GIVEN_NAME_CHARS[text.charCodeAt(i + len)] === 1) continue;
        const role = roles.get(name);
        out.push(role ? { type: 'name', start: i, end: i + len, text: name, role } : { type: 'name', start: i, end: i + len, text: name });
        blockedUntil = i + len;
        break;
      }
    }
    return out;
  } finally {
    for (const c0 of firsts) REPEAT_FIRSTS[c0] = 0;
  }
}
