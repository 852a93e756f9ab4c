import { describe, expect, it } from 'vitest';
import { splitSentences } from './segment.ts';
import { buildParagraphs, classifyPiece, type Unit } from './structure.ts';

/** Units of run-together text, as the page parser makes them. */
const unitsOf = (text: string): Unit[] => splitSentences(text).map((s) => classifyPiece(s, 0));
const soft = { hardLines: false, isCoverNotice: false };
const outline = (text: string) => buildParagraphs(unitsOf(text), soft).paragraphs.map((p) => (p.kind === 'heading' ? `H${p.level} ${p.text}` : p.text));

describe('classifyPiece', () => {
  it('tells headings, numbered paragraphs, brackets and sentences apart', () => {
    expect(classifyPiece('一、总则', 0).kind).toBe('heading');
    expect(classifyPiece('（一）聚焦法治政府建设，全面推进政务公开。', 0).kind).toBe('heading');
    expect(classifyPiece('（一）为规范工作，制定本办法。', 0, true).kind).toBe('sentence');
    expect(classifyPiece(`1．${'很长的一句话'.repeat(12)}。`, 0).kind).toBe('sentence');
    expect(classifyPiece('（牵头单位：市财政局；责任单位：各区县政府）', 0).kind).toBe('bracket');
    expect(classifyPiece('坚持以公开为常态。', 0).kind).toBe('sentence');
  });
});

describe('buildParagraphs', () => {
  it('puts shuffled numbered sections back in order, numbering running on across parts', () => {
    const text = '二、第二部分（三）丙标题。丙内容。（牵头单位：丙局；责任单位：各区县）一、第一部分（一）甲标题。甲内容一。甲内容二。（牵头单位：甲局；责任单位：各区县）（二）乙标题。乙内容。（牵头单位：乙局；责任单位：各区县）';
    expect(outline(text)).toEqual([
      'H1 一、第一部分',
      'H2 （一）甲标题。',
      '甲内容一。甲内容二。（牵头单位：甲局；责任单位：各区县）',
      'H2 （二）乙标题。',
      '乙内容。（牵头单位：乙局；责任单位：各区县）',
      'H1 二、第二部分',
      'H2 （三）丙标题。',
      '丙内容。（牵头单位：丙局；责任单位：各区县）',
    ]);
  });

  it('keeps numbering that restarts in each part under its own part', () => {
    const text = '二、乙部分（一）乙一标题。乙一内容。一、甲部分（一）甲一标题。甲一内容。（二）甲二标题。甲二内容。';
    expect(outline(text)).toEqual(['H1 一、甲部分', 'H2 （一）甲一标题。', '甲一内容。', 'H2 （二）甲二标题。', '甲二内容。', 'H1 二、乙部分', 'H2 （一）乙一标题。', '乙一内容。']);
  });

  it('joins a numbered item to the section holding its neighbours', () => {
    const text = '一、总体（一）甲标题。甲内容。1．第一项。第一项内容。（二）乙标题。乙内容。3．第三项。第三项内容。2．第二项。第二项内容。';
    expect(outline(text).filter((l) => l.startsWith('H'))).toEqual(['H1 一、总体', 'H2 （一）甲标题。', 'H3 1．第一项。', 'H3 2．第二项。', 'H3 3．第三项。', 'H2 （二）乙标题。']);
  });

  it('leaves a document already in order alone', () => {
    const { paragraphs, warnings } = buildParagraphs(unitsOf('一、甲（一）子甲。内容。（二）子乙。内容二。二、乙（三）子丙。内容三。'), soft);
    expect(paragraphs.map((p) => p.text)).toEqual(['一、甲', '（一）子甲。', '内容。', '（二）子乙。', '内容二。', '二、乙', '（三）子丙。', '内容三。']);
    expect(warnings).toEqual([]);
  });

  it('drops a repeated bracket whose place is taken, and moves a lone one to the end of the section it closes', () => {
    const text = '（一）甲标题。甲内容。（牵头单位：甲局；责任单位：各区县）（二）乙标题。（牵头单位：甲局；责任单位：各区县）（牵头单位：丁局；责任单位：各区县）（三）丙标题。丙内容。';
    const { paragraphs, warnings } = buildParagraphs(unitsOf(text), soft);
    expect(paragraphs.map((p) => p.text)).toEqual(['（一）甲标题。', '甲内容。（牵头单位：甲局；责任单位：各区县）', '（二）乙标题。', '（牵头单位：丁局；责任单位：各区县）', '（三）丙标题。', '丙内容。']);
    expect(warnings).toEqual(['已删除重复内容 1 处', '括注“（牵头单位：丁局；责任单位：各区…”原位置存疑，已移至“（三）丙标题。”之前一节的末尾']);
  });

  it('keeps a bracket it cannot place where it was, and says so', () => {
    const { paragraphs, warnings } = buildParagraphs(unitsOf('甲内容。甲内容。（牵头单位：甲局；责任单位：各区县）乙内容。'), soft);
    expect(paragraphs.map((p) => p.text)).toEqual(['甲内容。（牵头单位：甲局；责任单位：各区县）', '乙内容。']);
    expect(warnings).toContain('括注“（牵头单位：甲局；责任单位：各区…”位置存疑，保留在原处，请人工核对');
  });

  it('follows source lines in a page whose lines are paragraphs', () => {
    const units: Unit[] = [classifyPiece('第一段。', 0), classifyPiece('仍是第一段。', 0), classifyPiece('第二段。', 1)];
    expect(buildParagraphs(units, { hardLines: true, isCoverNotice: false }).paragraphs.map((p) => p.text)).toEqual(['第一段。仍是第一段。', '第二段。']);
  });
});
