import { describe, expect, it } from 'vitest';
import {
  CATEGORIES,
  CHANNELS,
  DECLINE_REASONS,
  DEPARTMENT_KINDS,
  EMERGENCY_LINE_IDS,
  EMERGENCY_SIGNALS,
  RESOLUTIONS,
  SATISFACTIONS,
  TICKET_TYPES,
  URGENCIES,
  categoryLabel,
  categoryPath,
  childCategories,
  detectEmergency,
  findCategory,
  isLeafCategory,
  leafCategories,
  parentCode,
} from './taxonomy.ts';

describe('ticket taxonomies', () => {
  it('has the six types, two urgencies and the callback grades', () => {
    expect(Object.values(TICKET_TYPES)).toEqual(['咨询', '求助', '投诉', '举报', '建议', '表扬']);
    expect(Object.values(URGENCIES)).toEqual(['紧急', '一般']);
    expect(Object.values(SATISFACTIONS)).toEqual(['满意', '基本满意', '不满意']);
    expect(Object.values(RESOLUTIONS)).toEqual(['已解决', '未解决']);
  });
  it('has the channels, marking those that come through Open311', () => {
    expect(Object.values(CHANNELS).map((c) => c.name)).toEqual(['电话', '网站', '市长信箱', 'APP', '小程序', 'Open311 接口']);
    expect(Object.entries(CHANNELS).filter(([, c]) => c.open311).map(([k]) => k)).toEqual(['app', 'miniprogram', 'open311']);
  });
  it('transfers to 110, 119 and 120', () => {
    expect(EMERGENCY_LINE_IDS).toEqual(expect.arrayContaining(['110', '119', '120']));
  });
  it('prompts a transfer when the text signals an emergency', () => {
    expect(detectEmergency('小区电梯困人了，里面有老人晕倒了，快来人')).toEqual([
      { line: '119', words: ['电梯困人'] },
      { line: '120', words: ['晕倒'] },
    ]);
    expect(detectEmergency('楼下有人打架斗殴')).toEqual([{ line: '110', words: ['打架', '斗殴'] }]);
    expect(detectEmergency('小区路灯坏了')).toEqual([]);
    for (const line of EMERGENCY_LINE_IDS) expect(EMERGENCY_SIGNALS[line].length).toBeGreaterThan(0);
  });
  it('lists the out-of-scope reasons, with a note required for the open-ended ones', () => {
    const names = Object.values(DECLINE_REASONS).map((r) => r.name);
    for (const word of ['诉讼', '仲裁', '信访', '行政复议', '纪检监察']) expect(names.some((n) => n.includes(word))).toBe(true);
    expect(DECLINE_REASONS.other.needsNote).toBe(true);
    expect(DECLINE_REASONS.litigation.needsNote).toBe(false);
  });
});

describe('the category tree', () => {
  it('has unique codes whose parents exist', () => {
    const codes = CATEGORIES.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of CATEGORIES) {
      expect(c.code).toMatch(/^(\d{2}){1,3}$/);
      const p = parentCode(c.code);
      if (p) expect(findCategory(p), c.code).toBeDefined();
    }
  });
  it('gives every leaf a default handler, and keeps handlers on leaves', () => {
    for (const c of CATEGORIES) {
      if (c.code.length === 6) expect(c.handler?.kind && c.handler.kind in DEPARTMENT_KINDS, c.code).toBe(true);
      else expect(c.handler, c.code).toBeUndefined();
    }
  });
  it('has no branch without leaves', () => {
    for (const c of CATEGORIES.filter((x) => x.code.length < 6)) expect(childCategories(c.code).length, c.code).toBeGreaterThan(0);
  });
  it('covers the areas a city hotline hears about', () => {
    const labels = leafCategories().map((c) => categoryLabel(c.code));
    for (const want of ['城乡建设 / 市政设施 / 道路破损', '环境保护 / 噪声污染', '交通运输 / 公交', '市场监管 / 食品安全', '劳动保障 / 欠薪', '教育', '医疗卫生', '社会保障', '住房', '公安 / 治安']) {
      expect(labels.some((l) => l.startsWith(want)), want).toBe(true);
    }
    expect(leafCategories().length).toBeGreaterThanOrEqual(50);
  });
  it('walks paths and labels', () => {
    expect(categoryPath('010101').map((c) => c.name)).toEqual(['城乡建设', '市政设施', '道路破损']);
    expect(categoryPath('019999')).toEqual([]);
    expect(categoryLabel('019999')).toBe('019999');
    expect(isLeafCategory('010101')).toBe(true);
    expect(isLeafCategory('0101')).toBe(false);
    expect(childCategories(null).map((c) => c.name)).toContain('公安');
    expect(parentCode('01')).toBeNull();
  });
  it('defines attributes properly', () => {
    for (const c of CATEGORIES) {
      const attrs = c.attributes ?? [];
      expect(new Set(attrs.map((a) => a.code)).size).toBe(attrs.length);
      for (const a of attrs) {
        if (a.datatype === 'singlevaluelist' || a.datatype === 'multivaluelist') expect(a.values?.length, `${c.code}.${a.code}`).toBeGreaterThan(1);
        else expect(a.values).toBeUndefined();
      }
    }
  });
});
