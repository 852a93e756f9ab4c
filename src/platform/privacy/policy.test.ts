import { expect, it } from 'vitest';
import { isExempt, policyForGenre } from './policy.ts';

it.each([
  ['行政处罚决定', 'punitive'],
  ['行政处罚决定书', 'punitive'],
  ['行政处罚结果公示', 'punitive'],
  ['信用黑名单', 'punitive'],
  ['失信被执行人名单', 'punitive'],
  ['强制性信息披露', 'punitive'],
  ['credit.blacklist', 'punitive'],
  ['守信红名单', 'default'],
  ['信用修复公示', 'default'],
  ['政策解读', 'default'],
  ['市长信箱', 'default'],
  ['', 'default'],
] as const)('%s → %s', (genre, policy) => expect(policyForGenre(genre)).toBe(policy));

it('exempts only party names under the punitive policy', () => {
  const party = { type: 'name', start: 0, end: 2, text: '张三', role: '当事人' } as const;
  expect(isExempt(party, 'punitive')).toBe(true);
  expect(isExempt(party, 'default')).toBe(false);
  expect(isExempt({ ...party, role: '证人' }, 'punitive')).toBe(false);
  expect(isExempt({ type: 'name', start: 0, end: 2, text: '张三' }, 'punitive')).toBe(false);
  expect(isExempt({ type: 'id_card', start: 0, end: 18, text: '11010519491231002X' }, 'punitive')).toBe(false);
});
