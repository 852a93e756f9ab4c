// Builds the labeled set for `npm run bench -- privacy`: realistic 政务 texts whose personal information is inserted
// by construction, so every label is known without running the scanner. Deterministic (seeded PRNG).
//   npx tsx bench/data/privacy/generate.ts        → writes bench/data/privacy/labeled.jsonl
import { writeFileSync } from 'node:fs';
import { completeCreditCode, idCardCheckChar, orgCodeCheckChar, USCC_ALPHABET } from '../../../src/platform/text/identifiers.ts';
import type { FindingType } from '../../../src/platform/privacy/finding.ts';
import { luhnCheckDigit } from '../../../src/platform/privacy/luhn.ts';

export interface Label {
  type: FindingType;
  start: number;
  end: number;
}
export interface LabeledText {
  id: string;
  genre: 'hotline' | 'mailbox' | 'penalty' | 'request' | 'policy' | 'trap' | 'handwritten';
  text: string;
  findings: Label[];
}

/** mulberry32 */
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

class Gen {
  constructor(private readonly r: () => number) {}
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.r() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.r() * xs.length)] as T;
  }
  chance(p: number): boolean {
    return this.r() < p;
  }
  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }
}

/** Appends text; `pii` records a label at the exact offsets where the value lands. */
class Builder {
  text = '';
  readonly findings: Label[] = [];
  t(...parts: string[]): this {
    this.text += parts.join('');
    return this;
  }
  pii(type: FindingType, value: string): this {
    const start = this.text.length;
    this.text += value;
    this.findings.push({ type, start, end: this.text.length });
    return this;
  }
}

// ---- vocabularies -------------------------------------------------------------------------------------------
const COMMON_SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
const RARER_SURNAMES = [...'冉骆蓝游辛靳管柴蒙鲍喻祁蒲房滕屈饶解牟艾尤穆农卓古吉缪简项连褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂佟臧闵苟邬边卞'];
const COMPOUND_SURNAMES = ['欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '尉迟', '公孙', '慕容', '令狐', '夏侯', '端木', '南宫', '西门', '呼延'];
const GIVEN_ONE = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚华红文辉斌宇浩凯健波亮飞翔帆博雪倩莉璐瑶蕾萍燕玲慧琴梅兰凤英珍鑫鹏琳颖丹婷峰彬俊毅坤晨阳旭昊睿怡欣悦'];
const GIVEN_TWO = [
  '秀英', '秀兰', '桂英', '建国', '建华', '玉兰', '志强', '海燕', '国庆', '晓东', '小红', '春梅', '子涵', '浩然', '梓萱', '一诺',
  '欣怡', '宇轩', '雨泽', '思远', '俊杰', '婷婷', '建军', '德华', '丽娟', '文华', '红梅', '明辉', '志刚', '永红', '家明', '小燕',
  '卫东', '晓峰', '天佑', '思雨', '佳怡', '子轩', '梦瑶', '诗涵', '泽宇', '振华', '淑珍', '凤英', '光明', '学军', '新民', '朝阳',
  '晓丽', '金凤', '玉梅', '春华', '秋菊', '冬梅', '大伟', '小军', '建平', '国华', '德明', '世杰', '宏伟', '海波', '立新', '长江',
];
const CQ_DISTRICTS = [
  '渝中区', '江北区', '南岸区', '沙坪坝区', '九龙坡区', '大渡口区', '渝北区', '巴南区', '北碚区', '万州区', '涪陵区', '长寿区',
  '江津区', '合川区', '永川区', '璧山区', '荣昌区', '开州区', '梁平区', '綦江区', '大足区', '铜梁区', '潼南区', '南川区', '黔江区',
];
const CQ_COUNTIES = ['城口县', '丰都县', '垫江县', '忠县', '云阳县', '奉节县', '巫山县', '巫溪县', '石柱土家族自治县', '秀山土家族苗族自治县', '酉阳土家族苗族自治县'];
const STREETS = ['解放碑街道', '观音桥街道', '南坪街道', '小龙坎街道', '杨家坪街道', '龙溪街道', '鱼洞街道', '天生街道', '两路街道', '石桥铺街道'];
const ROADS = [
  '民族路', '中山一路', '中山三路', '人民路', '和平路', '建新北路', '建新南路', '建新北路二支路', '南坪东路', '南坪西路', '江南大道',
  '天星桥正街', '小龙坎新街', '杨家坪正街', '谢家湾正街', '渝州路', '科园一路', '学府大道', '双龙大道', '汉渝路', '天生路', '碚峡路',
  '鱼洞新街', '金开大道', '红锦大道', '北城天街', '长江一路', '嘉陵三村', '大坪正街', '石油路', '龙湖路', '兴隆巷', '白象街',
];
const ESTATES = ['龙湖花园', '金科天籁城', '融创香樟林', '阳光花园', '幸福家园', '滨江小区', '和平小区', '桂花苑', '金岸公寓', '翠湖新村', '锦绣嘉园小区', '恒大名都'];
const TOWNS = ['龙兴镇', '白市驿镇', '青木关镇', '走马镇', '西彭镇', '界石镇', '木洞镇', '统景镇'];
const VILLAGES = ['石板村', '新华村', '红岩村', '双河村', '高峰村', '团结村', '长岭村', '柏林村'];
const ID_REGIONS = ['500103', '500105', '500106', '500107', '500108', '500112', '500113', '500101', '500222', '500226', '510104', '510107', '110105', '440305', '430102', '520102', '420106', '320106'];
const MOBILE_PREFIXES = ['130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '145', '147', '150', '151', '152', '153', '155', '156', '157', '158', '159', '166', '170', '171', '173', '175', '176', '177', '178', '180', '181', '182', '183', '184', '185', '186', '187', '188', '189', '191', '193', '195', '196', '197', '198', '199'];
const CARD_BINS = ['622202', '621700', '622848', '623668', '621226', '622700', '622588', '621485', '436742', '518710', '625965', '622908'];
const MAIL_DOMAINS = ['163.com', 'qq.com', '126.com', 'sina.com', 'gmail.com', 'foxmail.com', '139.com', 'outlook.com', 'yeah.net', 'hotmail.com', 'sohu.com'];
const PINYIN = ['zhang', 'wang', 'li', 'liu', 'chen', 'yang', 'huang', 'zhao', 'wu', 'zhou', 'xu', 'sun', 'ma', 'zhu', 'hu', 'guo', 'he', 'gao', 'lin', 'luo'];
const PINYIN_GIVEN = ['wei', 'fang', 'na', 'min', 'jing', 'li', 'qiang', 'lei', 'jun', 'yang', 'yong', 'yan', 'jie', 'juan', 'tao', 'ming', 'chao', 'xiaodong', 'jianguo', 'haiyan'];
const PLATE_PROVINCES = ['渝', '渝', '渝', '渝', '渝', '川', '贵', '湘', '鄂', '陕', '京', '粤'];
const PLATE_LETTERS = [...'ABCDEFGHJKLMNPQRSTUVWXYZ'];
const AGENCIES = ['区住房城乡建委', '区城市管理局', '区市场监管局', '区生态环境局', '区交通局', '区人力社保局', '区教委', '区卫生健康委', '区民政局', '区规划自然资源局', '区公安分局', '区应急局'];
const TITLES = ['局长', '副局长', '主任', '副主任', '副区长', '区长', '党组书记', '新闻发言人', '副书记', '处长'];

// ---- value generators (valid by construction) --------------------------------------------------------------
function surname(g: Gen): string {
  const r = g.int(1, 100);
  if (r <= 80) return g.pick(COMMON_SURNAMES);
  if (r <= 94) return g.pick(RARER_SURNAMES);
  return g.pick(COMPOUND_SURNAMES);
}
function personName(g: Gen): string {
  return surname(g) + (g.chance(0.55) ? g.pick(GIVEN_TWO) : g.pick(GIVEN_ONE));
}
function realDate(g: Gen, y0: number, y1: number): { y: number; m: number; d: number } {
  const y = g.int(y0, y1);
  const m = g.int(1, 12);
  const d = g.int(1, [31, y % 4 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 28);
  return { y, m, d };
}
const two = (n: number): string => String(n).padStart(2, '0');
function idCard(g: Gen): string {
  const { y, m, d } = realDate(g, 1940, 2012);
  const body = g.pick(ID_REGIONS) + String(y) + two(m) + two(d) + g.digits(3);
  return body + idCardCheckChar(body);
}
function legacyIdCard(g: Gen): string {
  const { y, m, d } = realDate(g, 1940, 1984);
  return g.pick(ID_REGIONS) + two(y % 100) + two(m) + two(d) + g.digits(3);
}
/** 18 digits that look like an ID but fail the check digit (a ticket number trap). */
function badIdCard(g: Gen): string {
  const good = idCard(g);
  const wrong = '0123456789'.replace(good[17] ?? '', '');
  return good.slice(0, 17) + g.pick([...wrong]);
}
function mobileDigits(g: Gen): string {
  return g.pick(MOBILE_PREFIXES) + g.digits(8);
}
function mobile(g: Gen): string {
  const d = mobileDigits(g);
  const r = g.int(1, 100);
  if (r <= 84) return d;
  if (r <= 89) return `${d.slice(0, 3)} ${d.slice(3, 7)} ${d.slice(7)}`;
  if (r <= 94) return `${d.slice(0, 3)}-${d.slice(3, 7)}-${d.slice(7)}`;
  return `+86 ${d}`;
}
function landline(g: Gen): string {
  const area = g.pick(['023', '023', '023', '023', '028', '010', '020', '0851', '0731', '027']);
  const local = String(g.int(2, 8)) + g.digits(area.length === 3 ? 7 : 6);
  const r = g.int(1, 10);
  if (r <= 7) return `${area}-${local}`;
  if (r <= 9) return `（${area}）${local}`;
  return area + local;
}
function agencyPhone(g: Gen): string {
  return `023-${g.pick(['6389', '6758', '6386', '8679', '6703', '6862'])}${g.digits(4)}`;
}
function bankCard(g: Gen): string {
  const len = g.pick([16, 19, 19]);
  const body = g.pick(CARD_BINS) + g.digits(len - 7);
  const card = body + luhnCheckDigit(body);
  if (g.chance(0.25)) return card.replace(/(\d{4})(?=\d)/g, '$1 ');
  return card;
}
function email(g: Gen): string {
  const r = g.int(1, 10);
  let local: string;
  if (r <= 3) local = g.digits(1).replace('0', '1') + g.digits(g.int(6, 9));
  else if (r <= 7) local = g.pick(PINYIN) + g.pick(PINYIN_GIVEN) + (g.chance(0.5) ? g.digits(g.int(2, 4)) : '');
  else local = `${g.pick(PINYIN)}.${g.pick(PINYIN_GIVEN)}${g.chance(0.3) ? '_' + g.digits(2) : ''}`;
  const domain = local.match(/^\d+$/) ? 'qq.com' : g.pick(MAIL_DOMAINS);
  return `${local}@${domain}`;
}
function plate(g: Gen): string {
  const p = g.pick(PLATE_PROVINCES) + g.pick(PLATE_LETTERS.filter((l) => l !== 'I' && l !== 'O'));
  const letters = PLATE_LETTERS.filter((l) => l !== 'I' && l !== 'O');
  const r = g.int(1, 10);
  let serial: string;
  if (r <= 6) serial = g.digits(5);
  else if (r <= 8) {
    const s = [...g.digits(5)];
    s[g.int(0, 4)] = g.pick(letters);
    serial = s.join('');
  } else if (r === 9) serial = g.pick(['D', 'F']) + (g.chance(0.5) ? g.pick(letters) : g.digits(1)) + g.digits(4);
  else serial = g.digits(5) + g.pick(['D', 'F']);
  return g.chance(0.15) ? `${p}·${serial}` : p + serial;
}
function passport(g: Gen): { kind: string; value: string } {
  const r = g.int(1, 5);
  if (r === 1) return { kind: '护照', value: 'E' + g.digits(8) };
  if (r === 2) return { kind: '护照', value: 'E' + g.pick([...'ABCDEFGHJKLMN']) + g.digits(7) };
  if (r === 3) return { kind: '往来港澳通行证', value: 'C' + g.digits(8) };
  if (r === 4) return { kind: '港澳居民来往内地通行证', value: g.pick(['H', 'M']) + g.digits(8) };
  return { kind: '护照', value: 'G' + g.digits(8) };
}
function address(g: Gen): string {
  const prefix = g.chance(0.3) ? '重庆市' : '';
  const r = g.int(1, 10);
  if (r <= 5) {
    const street = g.chance(0.3) ? g.pick(STREETS) : '';
    const n = g.int(1, 399);
    const tail = g.pick([
      `${n}号`,
      `${n}号${g.int(1, 30)}栋${g.int(1, 6)}单元${g.int(1, 33)}${two(g.int(1, 8))}室`,
      `${n}号附${g.int(1, 12)}号`,
      `${n}号${g.int(1, 30)}-${g.int(1, 33)}-${g.int(1, 8)}`,
      `${n}号${g.int(1, 12)}幢${g.int(101, 2808)}室`,
      `${n}号${g.int(1, 9)}单元${g.int(101, 1808)}`,
    ]);
    return prefix + g.pick(CQ_DISTRICTS) + street + g.pick(ROADS) + tail;
  }
  if (r <= 8) {
    return prefix + g.pick(CQ_DISTRICTS) + g.pick(ESTATES) + `${g.int(1, 40)}栋${g.int(1, 6)}单元${g.int(1, 33)}-${g.int(1, 8)}`;
  }
  return prefix + g.pick(CQ_COUNTIES) + g.pick(TOWNS) + g.pick(VILLAGES) + `${g.int(1, 12)}组${g.int(1, 120)}号`;
}
function creditCode(g: Gen): string {
  const kind = g.pick(['91', '91', '91', '92', '11', '12', '52']);
  let body = kind + g.pick(['500103', '500105', '500112', '500000', '500108']);
  for (let i = 0; i < 9; i++) body += USCC_ALPHABET[g.int(0, 30)];
  return completeCreditCode(body.slice(0, 17));
}
function orgCode(g: Gen): string {
  const body = g.digits(8);
  return `${body}-${orgCodeCheckChar(body)}`;
}
function docNumber(g: Gen): string {
  return `${g.pick(['渝府办发', '渝府发', '渝中府发', '江北府办', '渝建', '渝市监发'])}〔${g.int(2016, 2025)}〕${g.int(1, 199)}号`;
}
function indexNumber(g: Gen): string {
  return g.chance(0.5) ? `${creditCode(g)}/${g.int(2018, 2025)}-${String(g.int(1, 99999)).padStart(5, '0')}` : `${g.digits(9)}/${g.int(2018, 2025)}-${String(g.int(1, 99999)).padStart(5, '0')}`;
}
function ticketNumber(g: Gen): string {
  const { y, m, d } = realDate(g, 2022, 2025);
  const r = g.int(1, 3);
  if (r === 1) return `GD${y}${two(m)}${two(d)}${g.digits(5)}`;
  if (r === 2) return `${y}${two(m)}${two(d)}${g.digits(6)}`;
  return badIdCard(g);
}
function dateText(g: Gen): string {
  const { y, m, d } = realDate(g, 2022, 2025);
  return g.chance(0.8) ? `${y}年${m}月${d}日` : `${y}-${two(m)}-${two(d)}`;
}
function amount(g: Gen): string {
  const r = g.int(1, 3);
  if (r === 1) return `${g.int(200, 200000)}元`;
  if (r === 2) return `${g.int(1, 999)},${String(g.int(0, 999)).padStart(3, '0')},${String(g.int(0, 999)).padStart(3, '0')}.${two(g.int(0, 99))}元`;
  return `${g.int(1, 9999)}.${g.int(1, 99)}万元`;
}

// ---- genres --------------------------------------------------------------------------------------------------
const ISSUES = [
  '小区楼下餐馆油烟扰民，夜间噪音大，长期影响休息',
  '所在片区连续三天停水，物业未作任何说明',
  '小区门口道路井盖破损，存在安全隐患',
  '楼下商铺占道经营，堵塞消防通道',
  '孩子入学学位分配不合理，希望教委核实',
  '用人单位拖欠工资三个月未支付',
  '购买的商品房逾期交房，开发商拒不答复',
  '附近工地夜间施工，噪音严重超标',
  '医保报销材料提交后一直没有结果',
  '公交站台遮雨棚损坏多日无人维修',
];

function hotline(g: Gen, b: Builder): void {
  const name = personName(g);
  const n = g.int(1, 6);
  b.t('工单编号：', ticketNumber(g), '\n受理时间：', dateText(g), '\n');
  if (n === 1) {
    b.t('来电人').pii('name', name).t('（联系电话：').pii('mobile', mobile(g)).t('）反映：其家住').pii('address', address(g)).t('，', g.pick(ISSUES), '。');
  } else if (n === 2) {
    b.t('市民').pii('name', name).t('来电反映，', g.pick(ISSUES), '。').pii('name', name).t('表示已多次向物业反映未果，请求相关部门尽快处理。联系方式：').pii('mobile', mobile(g)).t('。');
  } else if (n === 3) {
    b.t('来电人：').pii('name', name).t('\n联系电话：').pii('mobile', mobile(g)).t('\n诉求内容：', g.pick(ISSUES), '，地点位于').pii('address', address(g)).t('。');
  } else if (n === 4) {
    b.t('投诉人').pii('name', name).t('称，车牌号为').pii('plate', plate(g)).t('的车辆长期占用小区消防通道，', '希望交巡警部门处理。回访电话').pii('mobile', mobile(g)).t('。');
  } else if (n === 5) {
    b.t(g.pick(['王', '李', '张', '刘']), g.pick(['先生', '女士']), '来电反映，', g.pick(ISSUES), '，要求相关部门核实处理。来电号码：').pii('mobile', mobile(g)).t('。');
  } else {
    b.t('市民').pii('name', name).t('通过12345热线反映，', g.pick(ISSUES), '。该市民住址：').pii('address', address(g)).t('，家庭电话').pii('phone', landline(g)).t('。');
  }
  b.t('\n派单单位：', g.pick(AGENCIES), '。办理时限：', String(g.int(3, 15)), '个工作日。');
  if (g.chance(0.5)) b.t('\n办理结果：经现场核实，已责成相关单位于', dateText(g), '前整改完毕，并电话回访来电人，来电人表示满意。咨询电话：', agencyPhone(g), '。');
  if (g.chance(0.2)) {
    const helper = personName(g);
    b.t('\n其邻居').pii('name', helper).t('也证实了上述情况。');
  }
}

function mailbox(g: Gen, b: Builder): void {
  const name = personName(g);
  b.t('【市长信箱】来信标题：关于', g.pick(['小区停车难', '老旧小区改造', '学区划分', '噪音扰民', '拖欠工资', '道路破损']), '的问题\n');
  b.t('尊敬的市长：您好！我是').pii('address', address(g).replace(/^重庆市/, '')).t('的住户，', g.pick(ISSUES), '。');
  b.t('我叫').pii('name', name).t('，身份证号').pii('id_card', idCard(g)).t('，手机').pii('mobile', mobile(g));
  if (g.chance(0.5)) b.t('，邮箱').pii('email', email(g));
  b.t('。恳请领导关注！\n来信人：').pii('name', name).t('\n来信时间：', dateText(g), '\n');
  b.t('【答复】', g.pick(AGENCIES), '：经调查核实，', g.pick(['该问题已纳入年度整治计划', '已督促物业公司整改', '已约谈用人单位并责令限期支付']), '。感谢您对我们工作的关心和支持。如有疑问，请拨打咨询电话', agencyPhone(g), '。');
  if (g.chance(0.3)) b.t('（答复单位：', g.pick(AGENCIES), '，答复时间：', dateText(g), '）');
}

function penalty(g: Gen, b: Builder): void {
  b.t(g.pick(['重庆市渝中区市场监督管理局', '重庆市江北区城市管理局', '重庆市生态环境局', '重庆市南岸区交通运输委员会']), '\n行政处罚决定书\n', docNumber(g).replace('号', '号'), '\n');
  if (g.chance(0.5)) {
    const name = personName(g);
    b.t('当事人：').pii('name', name).t('，', g.pick(['男', '女']), '，', String(g.int(1950, 2000)), '年', String(g.int(1, 12)), '月出生，身份证号码：').pii('id_card', idCard(g));
    b.t('，住址：').pii('address', address(g)).t('。\n');
    b.t('经查，当事人').pii('name', name).t('于', dateText(g), '驾驶').pii('plate', plate(g)).t('号小型汽车', g.pick(['违规运输建筑垃圾', '超限运输', '沿途抛洒泥浆']), '。');
  } else {
    const rep = personName(g);
    b.t('当事人：重庆', g.pick(['渝新', '嘉陵', '山城', '巴渝', '两江']), g.pick(['餐饮管理', '建筑工程', '商贸', '物流']), '有限公司\n统一社会信用代码：', creditCode(g), '\n法定代表人：').pii('name', rep);
    b.t('\n住所：重庆市', g.pick(CQ_DISTRICTS), g.pick(ROADS), String(g.int(1, 300)), '号（经营场所）\n');
    b.t('经查，当事人于', dateText(g), '至', dateText(g), '期间', g.pick(['销售过期食品', '未取得许可擅自经营', '违规排放污水']), '，违法所得', amount(g), '。');
    if (g.chance(0.5)) {
      const w = personName(g);
      b.t('证人').pii('name', w).t('（联系电话').pii('mobile', mobile(g)).t('）的证言证实了上述事实。');
    }
  }
  b.t('\n以上事实有现场检查笔录、询问笔录等证据证实。依据《中华人民共和国', g.pick(['食品安全法', '固体废物污染环境防治法', '道路交通安全法']), '》第', String(g.int(10, 150)), '条，决定给予罚款人民币', amount(g), '的行政处罚。');
  b.t('\n当事人如不服本处罚决定，可在收到本决定书之日起六十日内申请行政复议，或者六个月内依法提起行政诉讼。');
  b.t('\n执法人员：', personName(g), '、', personName(g), '（执法证号：', g.digits(8), '）');
  b.t('\n', dateText(g));
}

function request(g: Gen, b: Builder): void {
  const name = personName(g);
  b.t('政府信息公开申请表\n申请编号：YSQ', g.digits(10), '\n');
  b.t('申请人姓名：').pii('name', name).t('\n');
  if (g.chance(0.8)) b.t('证件类型：居民身份证\n证件号码：').pii('id_card', g.chance(0.1) ? legacyIdCard(g) : idCard(g)).t('\n');
  else {
    const p = passport(g);
    b.t('证件类型：', p.kind, '\n证件号码：').pii('passport', p.value).t('\n');
  }
  b.t('联系电话：').pii('mobile', mobile(g)).t('\n');
  if (g.chance(0.6)) b.t('电子邮箱：').pii('email', email(g)).t('\n');
  b.t('通信地址：').pii('address', address(g)).t('\n');
  b.t('所需信息内容描述：', g.pick(['', '本人房屋所在地块的', '']), g.pick(['征地补偿安置方案', '2023年度部门预算', '某项目环境影响评价文件', '城市更新规划批复', '棚户区改造补偿标准']), '（文号：', docNumber(g), '）。\n');
  b.t('获取方式：', g.pick(['电子邮件', '邮寄', '当面领取']), '\n申请日期：', dateText(g));
  if (g.chance(0.3)) b.t('\n补偿款收款账户：').pii('bank_card', bankCard(g)).t('（开户人：').pii('name', name).t('）');
}

function policy(g: Gen, b: Builder): void {
  const official = personName(g);
  const agency = g.pick(AGENCIES);
  b.t('索引号：', indexNumber(g), '\n发文字号：', docNumber(g), '\n成文日期：', dateText(g), '\n');
  b.t('各街道办事处，区政府各部门，有关单位：\n为深入贯彻落实《重庆市人民政府办公厅关于印发2018年重庆市政务公开工作要点的通知》（渝府办发〔2018〕76号）精神，');
  b.t('全面推进决策、执行、管理、服务、结果公开，现就有关事项通知如下。');
  b.t('\n一、', g.pick(['全年共受理政府信息公开申请', '全年12345热线共受理群众诉求', '本年度共发放补贴资金']), String(g.int(100, 99999)), g.pick(['件', '件次', '笔']), '，办结率', String(g.int(90, 99)), '.', String(g.int(0, 9)), '%，涉及金额', amount(g), '。');
  b.t('\n二、', agency, g.pick(TITLES), official, '在', dateText(g), '召开的新闻发布会上介绍了有关情况。');
  if (g.chance(0.5)) b.t('新闻发言人', personName(g), '回答了记者提问。');
  b.t('\n三、', g.pick(['重庆', '渝中', '两江']), g.pick(['城投', '建工', '水务']), '集团有限公司（统一社会信用代码', creditCode(g), '）', g.pick(['承担项目建设', '负责运营维护', '中标该项目']), '，中标金额', amount(g), '。');
  if (g.chance(0.5)) b.t('组织机构代码：', orgCode(g), '。');
  b.t('\n四、办理地点：', g.pick(CQ_DISTRICTS), '政务服务中心（', g.pick(ROADS), String(g.int(1, 300)), '号）', g.int(1, 3) === 1 ? '2号窗口' : '综合受理窗口', '。');
  b.t('办公地址：重庆市', g.pick(CQ_DISTRICTS), g.pick(ROADS), String(g.int(1, 300)), '号。');
  b.t('\n咨询电话：', agencyPhone(g), '；监督电话：', agencyPhone(g), '；也可拨打12345政务服务便民热线。紧急情况请拨打110、119、120。');
  if (g.chance(0.5)) b.t('\n附件下载：https://www.cq.gov.cn/zwgk/zfxxgkml/', String(g.int(2018, 2025)), two(g.int(1, 12)), '/t', g.digits(8), '_', g.digits(8), '.html');
  if (g.chance(0.4)) b.t('\n政府信息公开工作机构邮箱：zwgk@', g.pick(['cq', 'cqyz', 'cqjb']), '.gov.cn；轨道交通', String(g.int(1, 10)), '号线', g.pick(['较场口站', '观音桥站', '南坪站']), '下车。');
  if (g.chance(0.3)) b.t('\n（', String(g.int(2020, 2024)), '）渝', g.pick(['0103', '0105', '0112']), '行初', String(g.int(1, 999)), '号判决已生效。');
  b.t('\n', agency, '\n', dateText(g));
}

/** Hand-written traps: each line is [text pieces], with PII marked as [type, value]. */
type Piece = string | [FindingType, string];
const TRAPS: Piece[][] = [
  ['工单编号：500103199001010011，来电人反映路灯不亮。'],
  ['受理编号 110105194912310021 已办结。'],
  ['经查，重庆渝新餐饮管理有限公司（统一社会信用代码91500103MA5U7G3H20）未按规定公示信息。'],
  ['该企业统一社会信用代码为911101066976941872，组织机构代码D2143569-X。'],
  ['咨询电话：023-63899999。'],
  ['如有疑问，请拨打咨询电话023-63899999或监督电话（023）63891234。'],
  ['办公电话：023-67583456，传真：023-67583457。'],
  ['请拨打12345，火警119，急救120，报警110。'],
  ['新闻发言人李明介绍，全区共受理申请1234件。'],
  ['区城市管理局局长张伟、副局长王芳出席会议。'],
  ['联系人：王女士。'],
  ['来电人张某某反映，小区门禁损坏。'],
  ['来电人手机号138****5678已核实。'],
  ['申请人', ['name', '欧阳娜娜'], '申请公开该项目的环评批复。'],
  ['当事人', ['name', '司马光明'], '对处罚决定无异议。'],
  ['受理号：6222021234567890128，请妥善保管。'],
  ['身份证号：', ['id_card', '11010519491231002X'], '。'],
  ['身份证号码（旧）：', ['id_card', '500103900101001'], '。'],
  ['（2024）渝0103行初123号行政判决书已送达。'],
  ['乘坐轨道交通3号线在观音桥站下车。'],
  ['会议在区政府2号楼3楼会议室召开。'],
  ['罚款人民币12345678元，没收违法所得9876543210元。'],
  ['公示期为2024年3月15日至2024年4月15日（20240315—20240415）。'],
  ['政府信息公开邮箱zwgk@cq.gov.cn，个人邮箱', ['email', 'zhang.wei88@163.com'], '。'],
  ['原文链接：https://www.cq.gov.cn/zwgk/zfxxgkml/202403/t20240315_13012345678.html'],
  ['来电人', ['name', '刘洋'], '，手机', ['mobile', '138 1234 5678'], '，备用', ['mobile', '+86 139-1234-5678'], '。'],
  ['办公地址：重庆市渝中区人民路232号。'],
  ['当事人：', ['name', '张三丰'], '、', ['name', '李四海'], '。'],
  ['索引号：11500000009275780L/2024-00123。'],
  ['新能源车', ['plate', '渝AD12345'], '与', ['plate', '渝A·B1234'], '发生剐蹭。'],
  ['联系电话：', ['mobile', '１３８１２３４５６７８'], '。'],
  ['来电人王先生反映，邻居', ['name', '李建国'], '先生家中漏水。'],
  ['感谢', ['name', '黄晓东'], '先生提供线索。'],
  ['护照号码：', ['passport', 'E12345678'], '，往来港澳通行证：', ['passport', 'C87654321'], '。'],
  ['补贴已发放至', ['bank_card', '6217003810012345677'], '。'],
  ['驾驶员严重违反交通法规，申请人应当于十五日内补正材料。'],
  ['市民反映江北区观音桥商圈停车难，希望增加车位。'],
  ['当事人陈述、申辩的意见不成立。'],
  ['来电人', ['name', '向阳'], '反映，向社区反映多次未果。'],
  ['家住', ['address', '渝北区龙湖花园5栋2单元301'], '的市民', ['name', '何丽'], '来电。'],
  ['统计：2024年GDP同比增长6.1%，常住人口3191.43万人。'],
  ['执法人员：黄海、刘军（执法证号：50010023）。'],
  ['户名：', ['name', '赵敏'], '，卡号：', ['bank_card', '6228 4800 1234 5678 911'], '。'],
  ['姓名：李明\n职务：区长\n分管工作：负责区政府全面工作。'],
  ['负责人：周强（局长）。'],
];

/** A valid ID from its first 17 digits; a Luhn-valid card from its body, grouped by four. */
const id = (first17: string): string => first17 + idCardCheckChar(first17);
const card = (body: string): string => (body + luhnCheckDigit(body)).replace(/(\d{4})(?=\d)/g, '$1 ');

/**
 * Hand-written texts in the voices of callers, letter writers and clerks, written after the scanner and not tuned
 * to it: they include constructions it is known to miss (a name after 我叫 or in a family list, an agency's own
 * 联系人) so that the measured numbers say something about text the rules were not written for.
 */
const HANDWRITTEN: Piece[][] = [
  ['市民刘女士来电称，其母亲', ['name', '李桂芳'], '（身份证号码：', ['id_card', id('51021219480315002')], '）在', ['address', '沙坪坝区小龙坎新街45号附1号'], '居住，近期养老金未按时发放。'],
  ['我是住在', ['address', '南岸区南坪西路38号2单元7-1'], '的', ['name', '邓志强'], '，想反映楼上漏水的问题。'],
  ['幸福小区业主', ['name', '张建华'], '、', ['name', '王丽'], '两户反映电梯长期故障。'],
  ['联系人：罗先生，电话：', ['phone', '023-68881234'], '。'],
  ['经核实，投诉人反映的问题属实，已责令商家退还投诉人黄某某货款1280元。'],
  ['请将材料寄至：', ['address', '重庆市渝北区龙溪街道红锦大道88号6幢1103室'], ' 收件人：', ['name', '谭小燕'], ' ', ['mobile', '13637891234']],
  ['来电人称其电动车（车牌号：', ['plate', '渝A·F3D92'], '）被盗，希望公安机关尽快侦破。'],
  ['当事人周某驾驶', ['plate', '川A88K76'], '小型轿车闯红灯。'],
  ['QQ邮箱 ', ['email', '2589134567@qq.com'], ' 和微信号 zhangsan_1988 都可以联系我。'],
  ['我的银行卡号是 ', ['bank_card', card('621226370201234567')], '，开户行为工商银行渝中支行。'],
  ['户籍地址：', ['address', '重庆市开州区汉丰街道滨湖路126号'], '；现住址：', ['address', '江北区五里店街道金科·天湖美镇12栋3-4'], '。'],
  ['据市民反映，位于巴南区鱼洞街道的某小区存在违法建设。'],
  ['孙先生反映，他的手机', ['mobile', '13594021234'], '收到大量诈骗短信。'],
  ['举报人：匿名。被举报单位：某餐饮店。'],
  ['被执行人：', ['name', '陈德明'], '，男，1967年2月生，住', ['address', '重庆市綦江区古南街道文龙路17号'], '。'],
  ['委托代理人', ['name', '胡晓梅'], '，重庆某律师事务所律师。'],
  ['12345热线接到市民何先生求助，其子', ['name', '何小龙'], '于昨日下午走失。'],
  ['来电人：匿名用户，来电号码：', ['mobile', '17783456789'], '，来电时间：2024-05-06 14:32。'],
  ['申请人于2024年5月6日通过电子邮件（', ['email', 'chenjing1990@126.com'], '）提交申请。'],
  ['区人力社保局副局长、新闻发言人吴晓东答记者问。'],
  ['受理号：RS2024050600123；咨询电话：（023）67081234。'],
  ['发文机关：重庆市江北区人民政府办公室　发文字号：江北府办发〔2024〕15号　成文日期：2024年5月6日'],
  ['患者王某，女，45岁，因车祸住院。'],
  ['患者', ['name', '李春燕'], '（住院号：2024050612）于5月6日出院。'],
  ['驾驶员', ['name', '冉光明'], '（驾驶证号：', ['id_card', id('50023119850612441')], '）酒后驾驶机动车。'],
  ['联系人：街道办王主任，联系电话：023-65251234。'],
  ['张女士家住渝中区解放碑，手机号码：', ['mobile', '159 2311 8765'], '。'],
  ['我叫', ['name', '欧阳明月'], '，今年68岁，住在', ['address', '万州区高笋塘街道白岩路9号附3号'], '。'],
  ['车主', ['name', '吴昊'], '（', ['plate', '渝B5U837'], '）已缴纳罚款。'],
  ['工作人员李科长已电话告知当事人处理结果。'],
  ['经查，涉事车辆', ['plate', '渝D12345D'], '为新能源大型客车。'],
  ['投诉人', ['name', '杨雪梅'], '反映：2024年3月在沙坪坝区三峡广场附近购买的手机质量有问题，商家拒绝退货。'],
  ['另，其丈夫', ['name', '黎国强'], '联系方式：', ['mobile', '18996301234'], '。'],
  ['Email: ', ['email', 'wang.lei@cqu.edu.cn']],
  ['网民“山城小王”在人民网留言板反映公交线路调整问题。'],
  ['重庆某物业管理有限公司法定代表人：', ['name', '唐建军'], '，联系电话：', ['mobile', '13883001234'], '。'],
  ['经办人：李娜　审核人：张伟'],
  ['此复。\n重庆市渝中区人民政府\n2024年5月6日\n（联系人：刘洋；联系电话：63891234）'],
  ['其身份证号为', ['id_card', '11010519491231002X'], '，护照号为', ['passport', 'EA1234567'], '。'],
  ['户主：', ['name', '冉建国'], '\n家庭成员：', ['name', '冉小芳'], '（女儿）、', ['name', '冉东'], '（儿子）'],
  ['低保对象', ['name', '谢春花'], '，家住', ['address', '黔江区城东街道西山路22号'], '，月保障金560元。'],
  ['她说她叫', ['name', '田秀兰'], '，电话是', ['mobile', '13399871234'], '，住', ['address', '涪陵区太极大道18号'], '。'],
  ['回访时，', ['name', '卢俊'], '先生表示对处理结果满意。'],
  ['经与该市民（', ['name', '覃丽华'], '，', ['mobile', '15823456789'], '）联系，其表示问题已解决。'],
  ['快递单号：SF1234567890123，运单号：YT9876543210。'],
  ['该公司统一社会信用代码：91500000MA5U7G3H2W之外，另有分公司。'],
];

/**
 * A second hand-written batch, written after the rules above were last changed and kept out of any further tuning:
 * the honest "unseen text" sample. Its misses are reported as they are.
 */
const BLIND: Piece[][] = [
  ['2024年6月3日，市民陈先生反映其父亲', ['name', '陈光荣'], '的退休金被冒领。', ['name', '陈光荣'], '身份证号', ['id_card', id('50010219450708123')], '。'],
  ['反映人：', ['name', '邱明'], '；地址：', ['address', '大渡口区翠园路3号8栋'], '；电话：', ['mobile', '13752341234']],
  ['市民向12345反映，九龙坡区杨家坪步行街附近夜市噪音扰民。'],
  ['您好，我是一名退伍军人，名字叫', ['name', '向东海'], '，想咨询安置政策。'],
  ['业主群里有人公布了', ['name', '吴敏'], '的电话', ['mobile', '13812348888'], '，侵犯隐私。'],
  ['执法人员现场检查时，店主', ['name', '曹文斌'], '拒不配合。'],
  ['经调解，双方达成一致：由', ['name', '骆永刚'], '一次性赔偿', ['name', '徐莉'], '医疗费3000元。'],
  ['联系人：蒋女士 ', ['mobile', '13983451234']],
  ['身份证：', ['id_card', id('36042119800101105')], '（已核验）'],
  ['涉事车辆号牌为', ['plate', '渝AF12345'], '。'],
  ['租户', ['name', '孟凡'], '拖欠房租三个月，房东', ['name', '叶春生'], '多次催要未果。'],
  ['（二）受理地点：区行政服务中心一楼5号窗口；受理时间：工作日9:00-17:00。'],
  ['我家住在', ['address', '合川区南津街街道希尔安大道188号5栋2-3'], '，楼下烧烤店油烟很大。'],
  ['本人', ['name', '秦海涛'], '，身份证号码', ['id_card', id('50023519900214303')], '，现申请公开相关信息。'],
  ['学生家长', ['name', '熊丽'], '来电咨询入学政策。'],
  ['申请人', ['name', '白雪'], '（残疾人）申请临时救助。'],
  ['市民', ['name', '柏杨'], '来电，称其小区门口的路灯不亮。'],
  ['乘客', ['name', '游天宇'], '在', ['plate', '渝A5V2M7'], '出租车上遗失手机。'],
  ['联系电话：', ['phone', '023—63899999']],
  ['Tel：', ['phone', '+86-23-6389-9999']],
  ['手机：', ['mobile', '138-2345-6789'], '；座机：6789-1234'],
  ['身份证号 ', ['id_card', '5001 0319 9001 0100 10']],
  ['护照：', ['passport', 'G12345678'], '；台胞证：', ['passport', '12345678']],
];

/** A third batch, written after the last rule change (name-character fallback, more role words); not tuned on. */
const BLIND_2: Piece[][] = [
  ['市民', ['name', '管国平'], '反映：其位于', ['address', '铜梁区巴川街道龙城大道66号3幢2-1'], '的房屋因邻居装修出现裂缝。'],
  ['经查，', ['name', '苟军'], '于2023年8月起在', ['address', '垫江县桂溪街道南阳路25号'], '无证经营。'],
  ['来信人', ['name', '蒲秀珍'], '（电话', ['mobile', '15025561234'], '）称其丈夫常年在外务工。'],
  ['联系方式：', ['email', 'lixia_2008@sina.com'], '、', ['mobile', '19923451234']],
  ['受害人', ['name', '谭丽'], '报警称被骗23000元，嫌疑人账户', ['bank_card', card('622908393012345678')], '。'],
  ['附：申请人身份证复印件、授权委托书（受托人', ['name', '伍思远'], '，身份证号', ['id_card', id('50010119920315212')], '）。'],
  ['驾驶人', ['name', '段鹏'], '驾驶', ['plate', '贵A·7K569'], '号车辆。'],
  ['12345工单：GD20240607000321；来电号码：', ['phone', '023-49876543'], '；诉求人：', ['name', '卓雅'], '。'],
  ['区交通局局长黄河、副局长石磊带队检查。'],
  ['全区共发放低保金1,286.5万元，惠及困难群众3.2万人。'],
  ['原告', ['name', '钟丽娟'], '诉被告', ['name', '罗强'], '民间借贷纠纷一案。'],
  ['我住', ['address', '永川区中山路街道红河大道299号12-3-2'], '，门口垃圾长期无人清运。'],
  ['已电话联系诉求人（', ['mobile', '138 0836 1234'], '），告知其处理进展。'],
  ['补贴对象', ['name', '杜桂英'], '，开户行：农商银行，账号：', ['bank_card', '0300 0123 4567 8901 2'], '。'],
  ['咨询电话：023-12345678（工作日）；投诉电话：12315。'],
  ['他叫', ['name', '毛小军'], '，在', ['address', '璧山区璧泉街道东林大道1号附12号'], '开了家面馆。'],
];

function handwritten(): LabeledText[] {
  const build = (batch: Piece[][], prefix: string): LabeledText[] =>
    batch.map((pieces, i) => {
      const b = new Builder();
      for (const p of pieces) {
        if (typeof p === 'string') b.t(p);
        else b.pii(p[0], p[1]);
      }
      return { id: `${prefix}-${i + 1}`, genre: 'handwritten', text: b.text, findings: b.findings };
    });
  return [...build(HANDWRITTEN, 'handwritten'), ...build(BLIND, 'blind'), ...build(BLIND_2, 'blind2')];
}

function traps(): LabeledText[] {
  return TRAPS.map((pieces, i) => {
    const b = new Builder();
    for (const p of pieces) {
      if (typeof p === 'string') b.t(p);
      else b.pii(p[0], p[1]);
    }
    return { id: `trap-${i + 1}`, genre: 'trap', text: b.text, findings: b.findings };
  });
}

export function generateLabeledSet(seed = 20180076): LabeledText[] {
  const g = new Gen(prng(seed));
  const out: LabeledText[] = [];
  const genres = [
    ['hotline', hotline, 110],
    ['mailbox', mailbox, 70],
    ['penalty', penalty, 60],
    ['request', request, 60],
    ['policy', policy, 60],
  ] as const;
  for (const [genre, fn, count] of genres) {
    for (let i = 1; i <= count; i++) {
      const b = new Builder();
      fn(g, b);
      out.push({ id: `${genre}-${i}`, genre, text: b.text, findings: b.findings });
    }
  }
  return [...out, ...traps(), ...handwritten()];
}

const isMain = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain) {
  const set = generateLabeledSet();
  const file = new URL('./labeled.jsonl', import.meta.url);
  writeFileSync(file, set.map((r) => JSON.stringify(r)).join('\n') + '\n');
  process.stdout.write(`已写入 ${set.length} 条标注文本：${file.pathname}\n`);
}
