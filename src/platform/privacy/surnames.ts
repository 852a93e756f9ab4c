// Surnames for recognising citizens' names. Single-character surnames by frequency (公安部 户籍统计 order, the top
// ~400), minus characters that are far more often function words right after a role word (来, 由, 但, 都 …).
// Compound surnames (复姓) are tried first: 欧阳修 is 欧阳 + 修, not 欧 + 阳修.
import { PairSet } from './chars.ts';

const SINGLE =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰卿狄平计索宣晋初云容敬扈晁芮普阙浦戈伏鹿薄邸雍辜羊乌母裘亓修邰赫杭况那宿鲜逯隆茹诸战慕危玉银亢嵇哈湛宾戎勾茅揭尉冶斯束檀昝智幸奉植衡富尧闭';

const COMPOUND = [
  '欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '尉迟', '公孙', '慕容', '令狐', '长孙', '宇文', '司徒', '夏侯', '轩辕',
  '端木', '独孤', '南宫', '西门', '澹台', '公冶', '宗政', '濮阳', '淳于', '单于', '太叔', '申屠', '钟离', '闾丘', '呼延',
  '百里', '东郭', '万俟', '司空', '拓跋', '第五', '左丘', '谷梁', '微生', '羊舌', '梁丘', '乐正', '公羊', '亓官', '赫连',
];

export const SINGLE_SURNAMES: ReadonlySet<string> = new Set([...SINGLE]);
export const COMPOUND_SURNAMES: ReadonlySet<string> = new Set(COMPOUND);

const SINGLE_TABLE = new Uint8Array(65536);
for (const ch of SINGLE) SINGLE_TABLE[ch.charCodeAt(0)] = 1;
const COMPOUND_PAIRS = new PairSet(COMPOUND);

/** The length of the surname at text[i]: 2 for a compound surname, 1 for a single one, 0 for none. No allocation. */
export function surnameLengthAt(text: string, i: number): number {
  if (COMPOUND_PAIRS.hasAt(text, i)) return 2;
  return SINGLE_TABLE[text.charCodeAt(i)] === 1 ? 1 : 0;
}

/** The surname part of a name already found (for masking 张三 → 张某, 欧阳修 → 欧阳某). */
export function surnameOf(name: string): string {
  return name.slice(0, name.length >= 3 && surnameLengthAt(name, 0) === 2 ? 2 : 1);
}
