// 详细住址: a place (district, road, estate, village) followed by a house, building, unit or room number. The scan
// starts at each digit run whose preceding word is a place word (…路 / …小区 / …村), reads the numbering to the
// right, then walks left over the place names. Every loop is bounded, so the scan is linear in the text length.
// A district or road without numbers (渝中区民族路) is not a detailed address and is not reported.
import { codeTable, containsAny, isDigitCode, isHanCode, labelBefore, WordIndex } from './chars.ts';
import type { Finding } from './finding.ts';

/** Words that end a place name and may be followed directly by a house number. */
const PLACE_LIST = [
  '路', '街', '巷', '大道', '道', '弄', '胡同', '村', '社区', '小区', '花园', '家园', '新村', '公寓', '大厦', '广场', '里', '坊',
  '湾', '城', '庄', '寨', '屯', '苑', '居', '邸', '阁', '郡', '墅', '天地', '华府', '名都', '雅居', '佳园', '新城', '组团',
];
const PLACE_WORDS = new WordIndex(PLACE_LIST);

/** Units of a house number. The first component must be one of FIRST_UNITS (号, 栋 …), not a floor or room. */
const UNITS = new WordIndex(['号楼', '号院', '号', '栋', '幢', '座', '楼', '层', '单元', '室', '户', '组', '弄', '门', '排', '社', '号附']);
const FIRST_UNITS = new Set(['号楼', '号院', '号', '栋', '幢', '座', '组', '弄', '排', '社', '单元', '号附']);
const BUILDING_UNITS = new Set(['栋', '幢', '号楼']);

/** After the number: 3号线 (metro), 76号文, 3号会议室, 2号窗口 — not a home. */
const NOT_A_HOME_AFTER = new WordIndex([
  '线', '文', '令', '会议室', '窗口', '公告', '通知', '航站楼', '展位', '展厅', '地块', '标段', '车道', '站台', '出口', '入口',
  '门诊', '议案', '提案', '文件', '通道', '公交', '班车', '大厅', '机位', '泊位', '码头', '闸口', '候车',
]);

/** Labels of public places: an agency's office or service hall, a business's registered place (not personal). */
const PUBLIC_PLACE_LABELS = [
  '办公地址', '办公地点', '单位地址', '机关地址', '受理地点', '受理地址', '办理地点', '办理地址', '服务地点', '窗口地址',
  '报名地点', '咨询地点', '会议地点', '活动地点', '举办地点', '经营场所', '经营地址', '注册地址', '营业场所', '营业地址',
  '服务大厅', '办事大厅', '政务服务中心', '来访地址',
];

/**
 * A legal person's address is not personal information: "住所：…（经营场所）", or 住所 in a record that names a
 * company (统一社会信用代码, 法定代表人) shortly before. Bounded look-around, so still linear.
 */
function isBusinessPlace(text: string, start: number, end: number): boolean {
  if (text.startsWith('（经营场所）', end) || text.startsWith('(经营场所)', end)) return true;
  const label = labelBefore(text, start, 20);
  if (!label.includes('住所')) return false;
  const before = text.slice(Math.max(0, start - 120), start);
  return before.includes('统一社会信用代码') || before.includes('法定代表人') || before.includes('有限公司') || before.includes('组织机构代码');
}

/** Left walk stops: characters and words that begin the sentence around the address, not the address. */
const STOP_CHARS = codeTable([...'的在住址至到是把被往称说、号栋幢室与及或并']);
const LEAD_WORDS = new WordIndex([
  '位于', '反映', '投诉', '举报', '来电', '来信', '门口', '附近', '表示', '要求', '希望', '家住', '居住', '请求', '咨询',
  '前往', '前来', '搬到', '搬至', '地址', '住址', '位置', '处于', '租住', '购买', '购得', '居民', '业主', '市民', '发现',
  '寄至', '送至', '迁入', '户籍', '落户', '现居', '暂住', '称其', '其家', '自家', '我家', '他家', '她家', '位於',
]);

const MAX_LEFT = 24;
/** A digit right after a Chinese character: the only place a house number starts (checks follow in code). */
const ANCHOR = /[\u3400-\u9fff][0-9\uff10-\uff19]/g;
/** Building units that make any preceding name a place (融创香樟林30栋: estate names need no suffix). */
const BUILDING_AFTER = new WordIndex(['栋', '幢', '号楼']);
/** Buildings that are not homes: 区政府2号楼, 行政中心3栋. */
const NOT_A_HOME_BEFORE = new WordIndex(['政府', '机关', '大楼', '中心', '医院', '学校', '大院', '法院', '检察院', '公安局', '园区', '工业园', '产业园', '办公楼', '综合楼']);
const MAX_GROUP_DIGITS = 6;

function isHyphen(c: number): boolean {
  return c === 0x2d || c === 0xff0d;
}

function isDigitAt(text: string, i: number): boolean {
  return i < text.length && isDigitCode(text.charCodeAt(i));
}

/** Reads "188号3栋2单元502室", "16号附2号", "3组12号", "8号7-3-2" from i; returns the end, or -1. */
function numberingEnd(text: string, i: number, buildingOnly: boolean): number {
  let p = i;
  let parts = 0;
  while (parts < 8) {
    let q = p;
    if (parts > 0 && (text.charCodeAt(q) === 0x9644 /* 附 */ || text.charCodeAt(q) === 0x4e4b /* 之 */)) q++;
    let r = q;
    while (isDigitAt(text, r) && r - q < MAX_GROUP_DIGITS) r++;
    if (r === q || isDigitAt(text, r)) break;
    for (let groups = 0; groups < 4 && isHyphen(text.charCodeAt(r)) && isDigitAt(text, r + 1); groups++) {
      const g = ++r;
      while (isDigitAt(text, r) && r - g < MAX_GROUP_DIGITS) r++;
    }
    const unit = UNITS.matchAt(text, r);
    if (unit) {
      if (parts === 0 && !(buildingOnly ? BUILDING_UNITS : FIRST_UNITS).has(unit)) return -1;
      p = r + unit.length;
      parts++;
      continue;
    }
    if (parts > 0) {
      // a bare room number at the end: 2单元301, 188号7-3-2
      p = r;
      parts++;
    }
    break;
  }
  if (parts === 0) return -1;
  if (NOT_A_HOME_AFTER.matchAt(text, p)) return -1;
  return p;
}

/** Walks left from the place word over place names: 重庆市渝中区解放碑街道民族路. */
function placeStart(text: string, end: number): number {
  let s = end;
  const min = Math.max(0, end - MAX_LEFT);
  while (s > min) {
    const c = text.charCodeAt(s - 1);
    if (!isHanCode(c) && c !== 0xb7 /* · */) break;
    if (STOP_CHARS[c] === 1) break;
    if (LEAD_WORDS.matchEndingAt(text, s)) break;
    s--;
  }
  return s;
}

export function scanAddresses(text: string): Finding[] {
  const out: Finding[] = [];
  let lastEnd = 0;
  ANCHOR.lastIndex = 0;
  for (let m = ANCHOR.exec(text); m; m = ANCHOR.exec(text)) {
    const i = m.index + 1;
    if (i < lastEnd) continue;
    const place = PLACE_WORDS.matchEndingAt(text, i);
    if (!place) {
      // no place word: only a building number makes it an address (融创香樟林30栋)
      let r = i;
      while (r < i + 5 && isDigitCode(text.charCodeAt(r))) r++;
      if (r === i + 5 || !BUILDING_AFTER.matchAt(text, r)) continue;
    }
    const start = placeStart(text, i);
    if (i - start <= (place ? place.length : 1)) continue; // a place word with no name: "村3组" alone, "第3号"
    const end = numberingEnd(text, i, place === null);
    if (end < 0) continue;
    if (!place && NOT_A_HOME_BEFORE.matchEndingAt(text, i)) continue;
    if (containsAny(labelBefore(text, start, 20), PUBLIC_PLACE_LABELS) || isBusinessPlace(text, start, end)) {
      lastEnd = end;
      continue;
    }
    const prev = out[out.length - 1];
    if (prev && prev.end >= start) {
      // 民族路188号龙湖花园5栋 — one address
      prev.end = end;
      prev.text = text.slice(prev.start, end);
    } else out.push({ type: 'address', start, end, text: text.slice(start, end) });
    lastEnd = end;
  }
  return out;
}

/** Where the numbers of an address begin (the masker keeps the place names before it). */
export function addressNumberStart(address: string): number {
  for (let i = 1; i < address.length; i++) {
    if (isDigitCode(address.charCodeAt(i)) && PLACE_WORDS.matchEndingAt(address, i)) return i;
  }
  for (let i = 0; i < address.length; i++) if (isDigitCode(address.charCodeAt(i))) return i;
  return address.length;
}
