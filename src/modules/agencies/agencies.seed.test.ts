import { describe, expect, it } from 'vitest';
import { isValidCreditCode } from '../../platform/text/identifiers.ts';
import { DEMO_AGENCIES, demoCreditCode } from './agencies.seed.ts';

/**
 * The city units named as 牵头单位 or 责任单位 in 《2018年重庆市政务公开工作要点》 (渝府办发〔2018〕76号,
 * shared/seed/2018-chongqing-zhengwu-gongkai-gongzuo-yaodian.txt), besides 各区县政府 / 市政府各部门 / 有关单位.
 * The document lives outside the repository, so the list is copied here.
 */
const NAMED_IN_SEED = [
  '市政府办公厅', '市发展改革委', '市经济信息委', '市商务委', '市农委', '市政府信息公开办', '市编办', '市政府法制办',
  '市政府电子政务办', '市规划局', '市城乡建委', '市国土房管局', '市财政局', '市国资委', '市扶贫办', '市民政局',
  '市政府应急办', '市政府督查室', '市委网信办',
];

describe('demo agencies', () => {
  it('have unique codes, names and valid, unique credit codes; parents come first', () => {
    const codes = DEMO_AGENCIES.map((a) => a.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(DEMO_AGENCIES.map((a) => a.name)).size).toBe(codes.length);
    const credit = DEMO_AGENCIES.map((a) => demoCreditCode(a.division, a.serial));
    expect(new Set(credit).size).toBe(codes.length);
    for (const c of credit) expect(isValidCreditCode(c), c).toBe(true);
    DEMO_AGENCIES.forEach((a, i) => {
      if (a.parent) expect(codes.slice(0, i), a.code).toContain(a.parent);
      expect(a.code).toMatch(/^[a-z0-9][a-z0-9-]{1,39}$/);
    });
  });

  it('hold 重庆市人民政府 and the three districts with their 行政区划代码', () => {
    const by = new Map(DEMO_AGENCIES.map((a) => [a.code, a]));
    expect(by.get('cq')).toMatchObject({ name: '重庆市人民政府', division: '500000', prefix: '渝府发', parent: null });
    expect(by.get('cq-bgt')).toMatchObject({ shortName: '市政府办公厅', prefix: '渝府办发' });
    expect([by.get('yz')?.division, by.get('jb')?.division, by.get('yb')?.division]).toEqual(['500103', '500105', '500112']);
    for (const d of ['yz', 'jb', 'yb']) expect(DEMO_AGENCIES.filter((a) => a.parent === d).length).toBeGreaterThanOrEqual(3);
  });

  it('include every city unit the seed document names as 牵头单位 or 责任单位', () => {
    const shortNames = new Set(DEMO_AGENCIES.map((a) => a.shortName));
    expect(NAMED_IN_SEED.filter((n) => !shortNames.has(n))).toEqual([]);
  });
});
