import { expect, it } from 'vitest';
import { searchTokens, segment } from './segment.ts';

it('keeps our 政务 terms whole', () => {
  const words = segment('深化放管服改革，推进全渝通办和双随机、一公开监管，落实一号通与预决算公开。');
  for (const term of ['放管服', '全渝通办', '双随机', '一公开', '一号通', '预决算']) expect(words).toContain(term);
  expect(words).not.toContain('，');
});

it('indexes long terms together with their parts', () => {
  const tokens = searchTokens('政府信息公开工作年度报告');
  expect(tokens).toContain('政府信息公开');
  expect(tokens).toContain('公开');
});
