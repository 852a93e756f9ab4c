import { describe, expect, it } from 'vitest';
import { scanText, type ScanOptions } from './scanner.ts';

function names(text: string, options?: ScanOptions): string[] {
  return scanText(text, { ...options, types: ['name'] }).map((f) => f.text);
}

describe('姓名 after a role word', () => {
  it.each([
    ['市民王建国来电反映路灯不亮。', '王建国'],
    ['申请人：李娜，联系电话……', '李娜'],
    ['当事人张三，男，汉族。', '张三'],
    ['来电人刘洋（联系电话：13800000000）', '刘洋'],
    ['投诉人杨雪梅反映：商家拒绝退货。', '杨雪梅'],
    ['联系人 周强', '周强'],
    ['开户人：赵敏', '赵敏'],
    ['患者李春燕（住院号：2024050612）出院', '李春燕'],
    ['驾驶员冉光明酒后驾驶', '冉光明'],
    ['其母亲李桂芳在家', '李桂芳'],
    ['我叫田秀兰，今年68岁', '田秀兰'],
    ['租户孟凡拖欠房租', '孟凡'],
  ])('%s → %s', (text, name) => expect(names(text)).toEqual([name]));

  it('reads compound surnames (复姓) as one surname', () => {
    expect(names('申请人欧阳娜娜申请公开')).toEqual(['欧阳娜娜']);
    expect(names('当事人司马光明对处罚无异议')).toEqual(['司马光明']);
    expect(names('来电人诸葛亮来电')).toEqual(['诸葛亮']);
    expect(names('市民上官婉儿反映')).toEqual(['上官婉儿']);
  });

  it('reads lists after one role word', () => {
    expect(names('当事人：张三丰、李四海。')).toEqual(['张三丰', '李四海']);
    expect(names('家庭成员：冉小芳（女儿）、冉东（儿子）')).toEqual(['冉小芳', '冉东']);
  });

  it('finds later mentions of a name already found, with the same role', () => {
    const found = scanText('来电人王建国反映噪音扰民。王建国表示已多次投诉。', { types: ['name'] });
    expect(found.map((f) => [f.text, f.start, f.role])).toEqual([
      ['王建国', 3, '来电人'],
      ['王建国', 13, '来电人'],
    ]);
  });

  it('finds full names before 先生/女士 but not a surname alone (already de-identified)', () => {
    expect(names('感谢黄晓东先生提供线索。')).toEqual(['黄晓东']);
    expect(names('来电人王先生反映，邻居李建国先生家中漏水。')).toEqual(['李建国']);
    expect(names('联系人：王女士。张先生来电。')).toEqual([]);
  });
});

describe('姓名 — what is not reported', () => {
  it('ignores names already masked', () => {
    expect(names('来电人张某某反映，当事人李某、王**到场。')).toEqual([]);
  });
  it('ignores role words followed by ordinary words', () => {
    expect(names('驾驶员严重违反交通法规，申请人应当于十五日内补正材料。')).toEqual([]);
    expect(names('当事人陈述、申辩的意见不成立。市民游客反映停车难。')).toEqual([]);
    expect(names('市民反映江北区观音桥商圈停车难，向社区反映多次未果。')).toEqual([]);
    expect(names('申请人申请公开，联系人及联系方式，投诉人所称属实。')).toEqual([]);
    // the seed document (渝府办发〔2018〕76号): 强 is a surname, 相关 is not a given name
    expect(names('与市场主体和办事群众强相关的“五类政策信息”公开，居民高度关注。')).toEqual([]);
    expect(names('群众强伟反映，居民高明来电。')).toEqual(['强伟', '高明']);
  });
  it('ignores officials presented in office, everywhere in the text', () => {
    expect(names('新闻发言人李明介绍，全区共受理申请1234件。')).toEqual([]);
    expect(names('区城市管理局局长张伟、副局长王芳出席会议。')).toEqual([]);
    expect(names('局长张伟出席。联系人：张伟。')).toEqual([]);
    expect(names('负责人：周强（局长）。')).toEqual([]);
    expect(names('姓名：李明\n职务：区长\n分管工作：负责区政府全面工作。')).toEqual([]);
  });
  it('ignores names the caller registers as public', () => {
    expect(names('联系人：刘洋；联系电话：63891234', { publicNames: ['刘洋'] })).toEqual([]);
    expect(names('联系人：刘洋；联系电话：63891234')).toEqual(['刘洋']);
  });
  it('does not read a district as a name', () => {
    expect(names('市民江北区居民反映')).toEqual([]);
  });
});
