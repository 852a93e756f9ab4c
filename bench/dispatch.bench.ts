// `npm run bench -- dispatch [--n 5000] [--seed 12345] [--test 0.2] [--alpha 0.05] [--lambda 0.6] [--weights 0.4,0.45,0.15] [--confusions]`
// Generates a labelled set of hotline tickets (seeded, templates per category with varied wording, noise, mis-dispatched
// history), splits it, trains the dispatch classifier and prints top-1/top-3 accuracy on the held-out split, for the
// classifier alone and for the combined suggestions (派单目录 + classifier + keyword rules), with training and
// inference speed.
import {
  buildDirectory,
  DEFAULT_TRAIN_OPTIONS,
  classifyTokens,
  compileClassifier,
  districtFeature,
  keywordRulesFromDirectory,
  labelGroupsFromDirectory,
  serializeClassifier,
  suggestAgencies,
  trainClassifier,
  type DirectoryEntry,
  type TrainOptions,
} from '../src/modules/hotline/classifier.ts';
import { DEPARTMENT_CODE_SUFFIX } from '../src/modules/hotline/directory.seed.ts';
import { leafCategories, parentCode } from '../src/modules/hotline/taxonomy.ts';
import { ticketSearchTokens, ticketWords } from '../src/modules/hotline/ticket-text.ts';

// ---------------------------------------------------------------------------------------------------------------
// Seeded PRNG (mulberry32) and helpers

function prng(seed: number): () => number {
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
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
const chance = (r: Rand, p: number) => r() < p;

// ---------------------------------------------------------------------------------------------------------------
// The city: six 重庆 districts, their places, and agency codes

const DISTRICTS = [
  { code: '500103', name: '渝中区', prefix: 'yz', places: ['解放碑', '八一路', '较场口', '大坪', '上清寺', '两路口', '朝天门', '七星岗', '化龙桥'] },
  { code: '500105', name: '江北区', prefix: 'jb', places: ['观音桥', '北城天街', '五里店', '大石坝', '鸿恩寺', '石马河', '郭家沱', '寸滩'] },
  { code: '500106', name: '沙坪坝区', prefix: 'spb', places: ['三峡广场', '磁器口', '大学城', '小龙坎', '天星桥', '井口', '陈家桥', '土湾'] },
  { code: '500107', name: '九龙坡区', prefix: 'jlp', places: ['杨家坪', '石桥铺', '谢家湾', '黄桷坪', '西彭', '华岩', '二郎', '白市驿'] },
  { code: '500108', name: '南岸区', prefix: 'na', places: ['南坪', '弹子石', '四公里', '茶园', '南山', '海棠溪', '铜元局', '涂山'] },
  { code: '500112', name: '渝北区', prefix: 'yb', places: ['两路', '回兴', '龙溪', '冉家坝', '空港', '仙桃', '礼嘉', '鸳鸯'] },
] as const;
type District = (typeof DISTRICTS)[number];

function agencyFor(categoryCode: string, d: District): string {
  const leaf = leafCategories().find((c) => c.code === categoryCode);
  if (!leaf?.handler) throw new Error(`no handler for ${categoryCode}`);
  const kind = DEPARTMENT_CODE_SUFFIX[leaf.handler.kind];
  return leaf.handler.level === 'city' ? `cq-${kind}` : `${d.prefix}-${kind}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Wording: per category, several ways callers put it. Slots: {地} place, {小区} estate, {店} shop, {公司} company,
// {时} a duration, {数} a number, {学校}, {医院}, {线路}.

const T: Record<string, { weight: number; say: string[] }> = {
  '010101': { weight: 5, say: ['{地}路面有个大坑，电动车差点摔倒', '{地}那段路坑坑洼洼的，下雨全是积水，车子过去溅一身水', '{地}道路破损{时}了，路面开裂还往下陷', '{地}的马路被大车压烂了，到处是坑', '{地}路面塌陷了一块，晚上看不清很危险'] },
  '010102': { weight: 3, say: ['{地}有个井盖不见了，黑洞洞的，小孩子掉下去怎么办', '{地}人行道上的井盖松动，踩上去哐当响', '{小区}门口窨井盖破了一半', '{地}下水井盖被偷了，只放了个锥桶'] },
  '010103': { weight: 3, say: ['{地}的路灯坏了{时}，晚上一片漆黑', '{小区}外面那排路灯都不亮了', '{地}路灯白天亮晚上不亮，浪费电', '{地}有根灯杆歪了，随时可能倒下来'] },
  '010104': { weight: 3, say: ['{地}一下雨就积水，水深到膝盖', '{小区}旁边下水道堵了，污水漫到路上', '{地}排水沟堵塞，臭气熏天', '{地}暴雨后内涝，车都开不过去'] },
  '010105': { weight: 2, say: ['{地}人行道地砖松了好多块，踩上去溅泥水', '{地}盲道被电瓶车和摊位占完了，盲人没法走', '{地}人行道被挖开{时}没恢复'] },
  '010201': { weight: 4, say: ['{小区}门口的垃圾{时}没人清运，臭死了', '{地}垃圾桶满了溢出来，苍蝇到处飞', '{地}有人乱倒建筑垃圾', '{地}环卫工人清运不及时，垃圾堆成山'] },
  '010202': { weight: 3, say: ['{地}每天晚上都有流动摊贩占道摆摊，路都走不通', '{店}把桌子摆到人行道上占道经营', '{地}菜市场外面乱摆摊，堵得水泄不通', '{地}烧烤摊占了半条街'] },
  '010203': { weight: 3, say: ['{小区}顶楼有住户私搭乱建，加盖了一层', '{地}有人在绿化带上搭违建房子', '{小区}一楼住户把院子围起来搞违章搭建', '{地}有个老板在河边违法建设厂房'] },
  '010204': { weight: 1, say: ['{地}有块广告牌摇摇欲坠，怕砸到人', '{店}的招牌挂得太低，碰到头了', '{地}到处挂横幅，很影响市容'] },
  '010301': { weight: 2, say: ['{小区}门口的树枝太长挡住了路灯，需要修剪', '{地}有棵大树被风吹倒了压在路上', '{地}的行道树长得挡住红绿灯了', '{小区}的树木太高，挡住住户采光'] },
  '010302': { weight: 1, say: ['{地}的绿地被人毁了种菜', '{小区}旁边的草坪被车子压坏了', '{地}有人挖公共绿地'] },
  '010401': { weight: 2, say: ['{地}工地的脚手架没有防护网，东西往下掉', '{地}工地围挡倒了一片，行人很危险', '{地}有个塔吊吊东西直接从马路上过', '{公司}的工地没有安全措施，工人都没戴安全帽'] },
  '010402': { weight: 2, say: ['{地}工地扬尘太大，灰尘飘进家里', '{地}渣土车没有覆盖，一路撒渣土', '{地}工地拆房子不洒水，灰尘满天', '{小区}旁边工地天天扬尘，窗户都不敢开'] },
  '020101': { weight: 5, say: ['{地}工地夜间施工，噪音大得睡不着觉', '{小区}旁边工地晚上十一点还在打桩', '{地}半夜施工机器轰鸣，已经持续{时}', '{公司}的工地凌晨还在浇筑混凝土，吵得孩子没法睡'] },
  '020102': { weight: 4, say: ['{小区}楼下广场舞音响太大声，每天晚上吵到十点', '{店}门口放音响招揽顾客，吵死了', '{小区}楼上装修天天电钻响', '{地}有个酒吧每天半夜音乐声很大'] },
  '020103': { weight: 1, say: ['{地}有个工厂机器二十四小时响，噪音很大', '{公司}的厂房风机噪音扰民', '{地}的加工厂晚上也开机器，轰隆隆的'] },
  '020201': { weight: 3, say: ['{店}的油烟直接排到居民楼里', '{小区}楼下餐馆油烟太大，熏得没法开窗', '{地}烧烤摊烟熏火燎，呛得人难受', '{店}没有装油烟净化器'] },
  '020202': { weight: 2, say: ['{地}有个工厂排放废气，一股刺鼻的臭味', '{公司}烟囱冒黑烟，附近空气很差', '{地}晚上经常闻到化工异味'] },
  '020203': { weight: 1, say: ['{地}有人露天焚烧垃圾，浓烟滚滚', '{地}田边有人烧秸秆，烟太大了', '{小区}后面有人焚烧废旧电线'] },
  '020301': { weight: 2, say: ['{地}的河道发黑发臭，还有死鱼', '{公司}往河里偷排污水', '{地}小河沟有工厂排污，水都变色了', '{地}黑臭水体{时}没治理'] },
  '030101': { weight: 3, say: ['建议{线路}公交线路延伸到{地}，现在出行很不方便', '{地}的公交站点撤了，老人要走很远坐车', '{线路}公交车班次太少，早高峰等半个小时', '希望在{地}增设一个公交站'] },
  '030102': { weight: 3, say: ['{线路}公交车在{地}站甩站不停靠', '{线路}公交司机态度恶劣，骂乘客', '{线路}公交车开得太猛，老人差点摔倒', '{线路}司机开车打电话'] },
  '030201': { weight: 2, say: ['在{地}打出租车，司机拒载', '出租车司机绕路多收钱，从{地}到机场多绕了好几公里', '{地}的出租车不打表，一口价', '出租车司机拼客还乱收费'] },
  '030202': { weight: 2, say: ['网约车司机在{地}中途赶人下车', '网约车平台乱扣费，司机还绕路', '网约车司机态度差，投诉平台没人管', '网约车在{地}乱停乱放揽客'] },
  '030301': { weight: 2, say: ['轻轨{线路}号线{地}站电梯坏了{时}', '地铁早高峰太挤，希望增加班次', '{地}轻轨站出口没有雨棚', '轨道交通{地}站安检排队太久'] },
  '040101': { weight: 3, say: ['在{店}吃饭后全家拉肚子', '{店}后厨卫生太差，有老鼠', '{店}的菜里吃出苍蝇', '{地}有个餐馆用变质的肉'] },
  '040102': { weight: 2, say: ['在{店}买的牛奶过期了还在卖', '{地}超市的面包过了保质期', '{店}卖过期食品，篡改生产日期'] },
  '040201': { weight: 2, say: ['{店}乱收费，明码标价和实际收费不一样', '{地}停车场乱收费，一小时收二十', '{店}价格欺诈，结账时多收钱', '{地}的景区商店商品不明码标价'] },
  '040301': { weight: 3, say: ['在{店}办了预付卡，现在老板跑路了', '{店}健身房关门了，办的卡退不了费', '{地}的美容店办卡后不给退钱', '孩子在{店}报的课，机构倒闭了要求退费'] },
  '040302': { weight: 2, say: ['在{店}买的电器质量问题，商家不给退换', '{地}市场卖假冒名牌', '{店}卖伪劣产品', '网上买的东西有质量问题，商家在{地}'] },
  '040401': { weight: 2, say: ['{小区}电梯经常坏，{时}停运好几次', '{小区}电梯困人了，物业半天才来', '{小区}的电梯没有年检', '{地}商场的扶梯突然停运'] },
  '050101': { weight: 4, say: ['我们在{地}工地干活，包工头拖欠工资{时}了', '{公司}拖欠农民工工钱，{数}个人都没拿到', '{地}的项目完工了，工钱一直不结', '包工头跑了，{数}个农民工工资没发'] },
  '050102': { weight: 4, say: ['{公司}拖欠员工工资{时}', '{公司}老板欠薪不发，还说要裁员', '在{公司}上班，公司拖欠两个月工资', '{公司}倒闭了，工资一直拖着'] },
  '050201': { weight: 2, say: ['{公司}不签劳动合同，还随意辞退', '{公司}加班不给加班费', '{公司}违法解除劳动合同不给赔偿', '被{公司}辞退了，想咨询怎么维权'] },
  '050202': { weight: 2, say: ['{公司}不给员工交社保', '{公司}社保断缴了{时}', '单位说社保已经缴纳，查了根本没交', '{公司}只按最低基数缴纳社保'] },
  '060101': { weight: 3, say: ['孩子在{地}上小学，划片学校没有学位了', '咨询{学校}今年的招生政策', '{小区}的孩子被划到很远的学校入学', '外地户籍孩子在{地}入学需要什么材料'] },
  '060102': { weight: 2, say: ['{学校}乱收资料费', '{学校}强制学生补课收费', '{学校}收取校服费不透明', '{学校}要求家长交班费'] },
  '060103': { weight: 2, say: ['{学校}校门口放学时车辆太多，学生很危险', '{学校}附近有人卖三无食品给学生', '{学校}门口没有斑马线，学生过马路危险'] },
  '060201': { weight: 2, say: ['{地}有培训机构违规开展学科类培训', '{店}培训班周末偷偷补课', '{地}无证培训机构收费后跑路', '{店}假期违规组织学科类培训'] },
  '070101': { weight: 3, say: ['{医院}医生态度很差，看病三分钟就打发了', '{医院}挂号难，排了半天队', '{医院}急诊等了{时}没人管', '{医院}护士打针打错了'] },
  '070102': { weight: 2, say: ['{医院}重复收费，检查费收了两次', '{医院}药费比外面贵很多', '{医院}乱收费，住院费用清单不清楚'] },
  '070201': { weight: 2, say: ['{地}社区医院疫苗接种预约不上', '孩子的疫苗在{地}接种点缺货', '咨询{地}哪里可以打疫苗'] },
  '070202': { weight: 1, say: ['{小区}老鼠太多，晚上到处跑', '{地}菜市场蟑螂成群', '{小区}蚊虫很多，希望消杀'] },
  '080101': { weight: 2, say: ['退休了养老金一直没到账', '咨询养老保险补缴政策', '养老金待遇认定有问题，少算了工龄', '退休手续办了{时}还没领到养老金'] },
  '080102': { weight: 3, say: ['医保异地就医报销比例太低', '在{医院}看病医保刷不了', '咨询医保报销需要什么材料', '医保卡个人账户的钱被扣了'] },
  '080201': { weight: 2, say: ['家里困难，申请低保{时}没结果', '{地}社区低保评定不公平', '咨询低保救助申请条件', '残疾人家庭申请困难救助被拒'] },
  '080202': { weight: 2, say: ['{地}的养老院服务太差，老人吃不饱', '高龄补贴一直没发', '咨询{地}社区养老服务怎么申请', '老年人助餐点关了，希望恢复'] },
  '090101': { weight: 5, say: ['{小区}物业不作为，电梯坏了不修', '{小区}物业乱收物业费', '{小区}物业服务太差，卫生没人打扫', '{小区}物业把公共区域租出去收钱', '{小区}物业不公开公共收益'] },
  '090102': { weight: 2, say: ['{小区}申请使用维修资金太难了', '{小区}外墙脱落需要动用维修基金', '咨询维修资金怎么查询余额'] },
  '090201': { weight: 3, say: ['{小区}开发商延期交房{时}了', '在{地}买的房开发商一直不交房', '{小区}楼盘烂尾了，业主还在还贷', '开发商交房时房屋质量问题太多'] },
  '090202': { weight: 2, say: ['{小区}交房{时}了还办不了房产证', '咨询不动产登记需要什么材料', '{小区}开发商不给办产权证', '不动产登记中心办事排队太久'] },
  '090301': { weight: 2, say: ['申请公租房{时}还没轮到', '咨询公租房申请条件', '{地}公租房小区管理混乱', '公租房租金调整不合理'] },
  '090302': { weight: 3, say: ['咨询公积金提取需要什么材料', '公积金贷款审批太慢', '离职后公积金怎么转移', '{公司}不给员工缴纳住房公积金'] },
  '100101': { weight: 2, say: ['{地}有个棋牌室聚众赌博', '{小区}有人寻衅滋事，经常喝醉闹事', '{地}晚上有人打架斗殴', '{地}治安很差，经常丢电瓶车'] },
  '100102': { weight: 2, say: ['咨询孩子落户需要什么材料', '身份证丢了在{地}怎么补办', '户口迁移到{地}需要什么手续', '咨询居住证办理'] },
  '100201': { weight: 4, say: ['{小区}门口车辆乱停，占用消防通道', '{地}人行道上违停严重', '{地}每天有车辆乱停堵路', '{小区}外面的车乱停乱放，救护车都进不来'] },
  '100202': { weight: 2, say: ['{地}路口红绿灯坏了', '{地}红绿灯时间太短，老人过不完马路', '建议在{地}增设信号灯', '{地}斑马线褪色了'] },
  '110101': { weight: 1, say: ['{地}有个事情不知道找哪个部门', '{小区}有个问题一直没人解决', '想反映一个情况，{地}这边的问题'] },
};

const ESTATES = ['金科阳光', '龙湖花园', '融创', '万科城', '保利林语', '华润二十四城', '中海寰宇', '鲁能星城', '协信', '东原'];
const ESTATE_SUFFIX = ['小区', '花园', '家园', '', '苑'];
const SHOPS = ['老王火锅', '好又多超市', '永辉超市', '小李烧烤', '顺风酒楼', '阳光健身', '美丽人生美容院', '学而思培训', '喜洋洋餐厅', '便民超市'];
const COMPANIES = ['重庆某某建筑公司', '某某劳务公司', '重庆宏达科技', '某某物流公司', '某某装饰公司', '一家服装厂', '某某电子厂'];
const DURATIONS = ['三天', '一个星期', '半个月', '一个多月', '两个月', '半年', '好几天', '很久'];
const SCHOOLS = ['某某小学', '实验中学', '第一中学', '某某幼儿园'];
const HOSPITALS = ['附属医院', '中医院', '人民医院', '社区卫生服务中心'];
const ROUTES = ['108路', '0421', '261路', '318路', '3', '6', '10'];
const STREET_SUFFIX = ['', '附近', '路口', '街道', '那边', '一带', '社区'];
const OPENERS = ['', '', '你好，', '您好，', '我要反映，', '市民来电反映：', '我是附近的居民，', '喂，12345吗？', '投诉一下，', '请问一下，'];
const CLOSERS = ['', '', '希望尽快处理。', '请相关部门管一管。', '已经反映过多次了，一直没人管！', '谢谢。', '麻烦尽快解决。', '希望给个答复。'];
const TYPO: Record<string, string> = { 噪: '燥', 坏: '怀', 拖: '托', 修: '休', 费: '废', 扰: '忧', 车: '军', 灯: '登' };

function fill(r: Rand, s: string, d: District): string {
  return s
    .replaceAll('{地}', () => `${chance(r, 0.3) ? d.name : ''}${pick(r, d.places)}${pick(r, STREET_SUFFIX)}`)
    .replaceAll('{小区}', () => `${chance(r, 0.3) ? pick(r, d.places) : ''}${pick(r, ESTATES)}${pick(r, ESTATE_SUFFIX)}`)
    .replaceAll('{店}', () => `${chance(r, 0.4) ? pick(r, d.places) : ''}${pick(r, SHOPS)}`)
    .replaceAll('{公司}', () => pick(r, COMPANIES))
    .replaceAll('{时}', () => pick(r, DURATIONS))
    .replaceAll('{数}', () => String(2 + Math.floor(r() * 40)))
    .replaceAll('{学校}', () => `${pick(r, d.places)}${pick(r, SCHOOLS)}`)
    .replaceAll('{医院}', () => `${pick(r, d.places)}${pick(r, HOSPITALS)}`)
    .replaceAll('{线路}', () => pick(r, ROUTES));
}

function typos(r: Rand, s: string): string {
  return [...s].map((c) => (TYPO[c] && chance(r, 0.5) ? TYPO[c] : c)).filter(() => !chance(r, 0.01)).join('');
}

export interface Ticket {
  text: string;
  categoryCode: string;
  district: District;
  label: string;
}

export function generate(n: number, seed: number): Ticket[] {
  const r = prng(seed);
  const codes = Object.keys(T);
  const leaves = new Set(leafCategories().map((c) => c.code));
  for (const c of codes) if (!leaves.has(c)) throw new Error(`template for unknown category ${c}`);
  const cumulative: [string, number][] = [];
  let total = 0;
  for (const c of codes) cumulative.push([c, (total += (T[c] as { weight: number }).weight)]);
  const drawCategory = () => {
    const x = r() * total;
    return (cumulative.find(([, w]) => x < w) ?? cumulative[cumulative.length - 1])?.[0] as string;
  };
  const out: Ticket[] = [];
  for (let i = 0; i < n; i++) {
    const categoryCode = drawCategory();
    const district = pick(r, DISTRICTS);
    let text = pick(r, OPENERS) + fill(r, pick(r, (T[categoryCode] as { say: string[] }).say), district);
    // callers often add a second sentence in the same vein
    if (chance(r, 0.35)) text += `，${fill(r, pick(r, (T[categoryCode] as { say: string[] }).say), district)}`;
    // cross-talk: one sentence about something else
    if (chance(r, 0.1)) text += `。另外${fill(r, pick(r, (T[pick(r, codes)] as { say: string[] }).say), district)}`;
    text += `。${pick(r, CLOSERS)}`;
    if (chance(r, 0.08)) text = typos(r, text);
    let label = agencyFor(categoryCode, district);
    // history holds some mis-dispatched tickets (later 退单/改派)
    if (chance(r, 0.03)) label = agencyFor(pick(r, codes), district);
    out.push({ text, categoryCode, district, label });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------

function arg(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : NaN;
  return Number.isFinite(v) ? v : fallback;
}

/** The 派单目录 the taxonomy's default handlers give for our six districts. */
function directoryEntries(): DirectoryEntry[] {
  const entries: DirectoryEntry[] = [];
  for (const leaf of leafCategories()) {
    if (!leaf.handler) continue;
    if (leaf.handler.level === 'city') entries.push({ categoryCode: leaf.code, district: null, agencyCode: agencyFor(leaf.code, DISTRICTS[0]) });
    else for (const d of DISTRICTS) entries.push({ categoryCode: leaf.code, district: d.code, agencyCode: agencyFor(leaf.code, d) });
  }
  return entries;
}

const ms = (t: bigint) => Number(t) / 1e6;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export default async function dispatchBench(args: string[]): Promise<void> {
  const n = arg(args, 'n', 5000);
  const seed = arg(args, 'seed', 12345);
  const testShare = arg(args, 'test', 0.2);
  const alpha = arg(args, 'alpha', DEFAULT_TRAIN_OPTIONS.alpha);
  // load jieba and its dictionaries before any timing
  ticketSearchTokens('预热分词词典');
  const t0 = process.hrtime.bigint();
  const all = generate(n, seed);
  const tGen = process.hrtime.bigint() - t0;
  const shuffle = prng(seed ^ 0x5eed);
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(shuffle() * (i + 1));
    [all[i], all[j]] = [all[j] as Ticket, all[i] as Ticket];
  }
  const cut = Math.round(all.length * (1 - testShare));
  const train = all.slice(0, cut);
  const test = all.slice(cut);
  const labels = new Set(all.map((t) => t.label));

  const lines: string[] = [];
  const say = (s = '') => lines.push(s);
  say(`派单分类基准：生成 ${n} 张工单（种子 ${seed}，${labels.size} 个承办单位，${Object.keys(T).length} 个诉求类别，6 个区县），训练 ${train.length} / 留出 ${test.length}，生成耗时 ${ms(tGen).toFixed(0)} ms`);
  say('噪声：35% 追加同类句、10% 夹杂其他事项、8% 错别字、3% 历史错派标签');
  say();

  // 1. the classifier alone, a few settings
  const entries = directoryEntries();
  const groups = labelGroupsFromDirectory(entries);
  const groupOf = (label: string) => groups.get(label) ?? '*';
  const lambda = arg(args, 'lambda', DEFAULT_TRAIN_OPTIONS.shrinkage);
  const variants: { name: string; options: TrainOptions; district: boolean }[] = [
    { name: '朴素贝叶斯，仅文本', options: { shrinkage: 0 }, district: false },
    { name: '朴素贝叶斯，文本+区县', options: { shrinkage: 0 }, district: true },
    { name: '朴素贝叶斯，文本+区县，精确分词', options: { shrinkage: 0, tokenizer: 'words' }, district: true },
    { name: `收缩（λ=${lambda}，全体为一组），文本+区县`, options: { shrinkage: lambda }, district: true },
    { name: `收缩（λ=${lambda}，按派单目录分组），文本+区县 ＊默认`, options: { shrinkage: lambda, groupOf }, district: true },
  ];
  say('| 方法 | top-1 | top-3 | 训练耗时 | 推理（每单） | 模型 JSON |');
  say('|---|---|---|---|---|---|');
  let defaultModel = null as ReturnType<typeof trainClassifier> | null;
  let confusions: string[] = [];
  let splitLine = '';
  for (const v of variants) {
    const samples = train.map((t) => ({ text: t.text, label: t.label, features: v.district ? districtFeature(t.district.code) : [] }));
    const s0 = process.hrtime.bigint();
    const model = trainClassifier(samples, { ...DEFAULT_TRAIN_OPTIONS, alpha, ...v.options });
    const compiled = compileClassifier(model);
    const trainTime = process.hrtime.bigint() - s0;
    // tokenizing is part of inference: time the whole path per ticket
    const tokenize = v.options.tokenizer === 'words' ? ticketWords : ticketSearchTokens;
    let top1 = 0;
    let top3 = 0;
    const i0 = process.hrtime.bigint();
    for (const t of test) {
      const tokens = [...tokenize(t.text), ...(v.district ? districtFeature(t.district.code) : [])];
      const ranked = classifyTokens(compiled, tokens, 3);
      if (ranked[0]?.label === t.label) top1++;
      if (ranked.some((x) => x.label === t.label)) top3++;
    }
    const inferTime = process.hrtime.bigint() - i0;
    const size = Buffer.byteLength(serializeClassifier(model));
    say(`| ${v.name} | ${pct(top1 / test.length)} | ${pct(top3 / test.length)} | ${ms(trainTime).toFixed(0)} ms | ${((ms(inferTime) * 1000) / test.length).toFixed(0)} µs | ${(size / 1024).toFixed(0)} KB |`);
    if (v.name.endsWith('默认')) {
      defaultModel = model;
      // split the per-ticket cost: jieba tokenizing vs scoring, several rounds
      const rounds = 5;
      const k0 = process.hrtime.bigint();
      let pre: string[][] = [];
      for (let r = 0; r < rounds; r++) pre = test.map((t) => [...ticketSearchTokens(t.text), ...districtFeature(t.district.code)]);
      const k1 = process.hrtime.bigint();
      for (let r = 0; r < rounds; r++) for (const tokens of pre) classifyTokens(compiled, tokens, 3);
      const k2 = process.hrtime.bigint();
      const per = (d: bigint) => ((ms(d) * 1000) / (rounds * test.length)).toFixed(0);
      splitLine = `默认分类器每单耗时拆分（${rounds} 轮）：分词 ${per(k1 - k0)} µs，打分与解释 ${per(k2 - k1)} µs；词表 ${model.vocabulary.length} 个词`;
      if (args.includes('--confusions')) {
        const pairs = new Map<string, number>();
        for (const t of test) {
          const got = classifyTokens(compiled, [...ticketSearchTokens(t.text), ...districtFeature(t.district.code)], 1)[0]?.label;
          if (got !== t.label) pairs.set(`${t.categoryCode} ${t.label} → ${got}`, (pairs.get(`${t.categoryCode} ${t.label} → ${got}`) ?? 0) + 1);
        }
        confusions = [...pairs.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([k, c]) => `  ${c} × ${k}`);
      }
    }
  }
  if (splitLine) say(splitLine);
  if (confusions.length) {
    say();
    say('最常见的错分（类别 真实 → 预测）：');
    for (const c of confusions) say(c);
  }

  // 2. combined suggestions, with the agent's category right 85% of the time, a sibling or other category 10%, none 5%
  const directory = buildDirectory(entries);
  const keywordRules = keywordRulesFromDirectory(entries);
  const agentRand = prng(seed ^ 0xa9e7);
  const codes = Object.keys(T);
  const agentCategory = (t: Ticket): string | null => {
    const x = agentRand();
    if (x < 0.85) return t.categoryCode;
    if (x < 0.95) {
      const siblings = codes.filter((c) => parentCode(c) === parentCode(t.categoryCode) && c !== t.categoryCode);
      return siblings.length && chance(agentRand, 0.6) ? pick(agentRand, siblings) : pick(agentRand, codes);
    }
    return null;
  };
  const picked = test.map(agentCategory);
  const wArg = args[args.indexOf('--weights') + 1]?.split(',').map(Number);
  const weights = args.includes('--weights') && wArg?.length === 3 ? { directory: wArg[0] as number, classifier: wArg[1] as number, keywords: wArg[2] as number } : undefined;
  const model = compileClassifier(defaultModel as NonNullable<typeof defaultModel>);
  const combos: { name: string; run: (t: Ticket, c: string | null) => string[] }[] = [
    { name: '仅派单目录（坐席所选类别）', run: (t, c) => suggestAgencies({ text: t.text, categoryCode: c, district: t.district.code }, { directory, model: null, keywordRules: [] }).map((s) => s.agencyCode) },
    { name: '派单目录 + 关键词规则', run: (t, c) => suggestAgencies({ text: t.text, categoryCode: c, district: t.district.code }, { directory, model: null, keywordRules }).map((s) => s.agencyCode) },
    { name: '综合推荐（目录 + 分类器 + 关键词）＊suggestAgencies', run: (t, c) => suggestAgencies({ text: t.text, categoryCode: c, district: t.district.code }, { directory, model, keywordRules, weights }).map((s) => s.agencyCode) },
  ];
  say();
  say('综合推荐（坐席所选类别 85% 正确、10% 选错、5% 未选）：');
  say('| 方法 | top-1 | top-3 | 推理（每单） |');
  say('|---|---|---|---|');
  for (const c of combos) {
    let top1 = 0;
    let top3 = 0;
    const i0 = process.hrtime.bigint();
    test.forEach((t, i) => {
      const ranked = c.run(t, picked[i] ?? null);
      if (ranked[0] === t.label) top1++;
      if (ranked.slice(0, 3).includes(t.label)) top3++;
    });
    const inferTime = process.hrtime.bigint() - i0;
    say(`| ${c.name} | ${pct(top1 / test.length)} | ${pct(top3 / test.length)} | ${((ms(inferTime) * 1000) / test.length).toFixed(0)} µs |`);
  }
  say();
  say('说明：标签含 3% 历史错派，故 top-1 上限约 97%；“仅文本”无法区分各区县的同类部门，除非诉求中写明地点。');
  process.stdout.write(`${lines.join('\n')}\n`);
}
