import { describe, expect, it } from 'vitest';
import { headingMarkerOf, isTaskBracket, splitSentences } from './segment.ts';

describe('headingMarkerOf', () => {
  it.each([
    ['一、深入推进公开解读回应工作', 1, 1],
    ['十三、附则', 1, 13],
    ['（一）聚焦法治政府建设。', 2, 1],
    ['(十一)加强电子公报建设管理', 2, 11],
    ['1．深入推进预决算公开。', 3, 1],
    ['2.推进招商引资信息公开。', 3, 2],
    ['3、推进招商引资信息公开。', 3, 3],
    ['（1）预算公开。', 4, 1],
  ])('%s is level %i number %i', (text, level, number) => {
    expect(headingMarkerOf(text)).toMatchObject({ level, number });
  });

  it.each(['2018年全市政务公开工作', '1.5倍以上', '12345一号通', '（牵头单位：市财政局）', '第一、二项', '（〇）'])('%s is not numbered', (text) => {
    expect(headingMarkerOf(text)).toBeNull();
  });
});

describe('splitSentences', () => {
  it('cuts at full stops outside brackets and quotes, keeping closing quotes', () => {
    expect(splitSentences('让群众“听得懂、信得过”。加强新闻发言人队伍建设。对照《条例》（以下简称《条例》。）梳理。')).toEqual(['让群众“听得懂、信得过”。', '加强新闻发言人队伍建设。', '对照《条例》（以下简称《条例》。）梳理。']);
    expect(splitSentences('他说：“要公开。”然后执行。')).toEqual(['他说：“要公开。”', '然后执行。']);
  });

  it('makes a task bracket its own unit, nested brackets included', () => {
    expect(splitSentences('原则上都要公开答复全文。（牵头单位：市政府办公厅；责任单位：各区县〔自治县，以下简称区县〕政府（含两江新区））（二）聚焦重点领域。')).toEqual([
      '原则上都要公开答复全文。',
      '（牵头单位：市政府办公厅；责任单位：各区县〔自治县，以下简称区县〕政府（含两江新区））',
      '（二）聚焦重点领域。',
    ]);
    expect(isTaskBracket('（牵头单位：市财政局；责任单位：各区县政府）')).toBe(true);
    expect(isTaskBracket('（以下简称《条例》）')).toBe(false);
  });

  it('splits a heading that runs straight into the next level', () => {
    expect(splitSentences('二、努力提升政务服务工作实效（五）以规范办事指南为抓手，推进网上办事服务公开。在网上办事大厅集中公开。')).toEqual(['二、努力提升政务服务工作实效', '（五）以规范办事指南为抓手，推进网上办事服务公开。', '在网上办事大厅集中公开。']);
    expect(splitSentences('（二）重点任务1．深入推进预决算公开。')).toEqual(['（二）重点任务', '1．深入推进预决算公开。']);
  });

  it('does not split a numbered sentence that merely mentions a number', () => {
    expect(splitSentences('一、按照第（一）项的规定执行。')).toEqual(['一、按照第（一）项的规定执行。']);
  });
});
