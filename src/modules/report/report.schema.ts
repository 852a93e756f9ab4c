// TypeBox inputs of the report service (Chinese titles for the error summary).
import { Type, type Static } from 'typebox';

const text = (title: string) => Type.String({ title, maxLength: 20000 });

export const ReportTextInput = Type.Object(
  {
    overview: text('一、总体情况'),
    problems: text('五、存在的主要问题及改进情况'),
    assessment: Type.Optional(text('工作考核、社会评议和责任追究结果情况')),
    otherMatters: text('六、其他需要报告的事项'),
    explanations: Type.Optional(Type.Record(Type.String({ maxLength: 80 }), Type.String({ maxLength: 2000 }), { title: '说明' })),
    subtree: Type.Optional(Type.Boolean({ title: '汇总下级机关' })),
  },
  { additionalProperties: false },
);
export type ReportTextInput = Static<typeof ReportTextInput>;

const count = (title: string) => Type.Union([Type.Integer({ minimum: 0, maximum: 999_999_999 }), Type.Null()], { title, errorMessage: '应为非负整数' });

export const OutsideFiguresInput = Type.Object(
  {
    licensing: count('行政许可'),
    penalty: count('行政处罚'),
    enforcement: count('行政强制'),
    feesWanYuan: Type.Union([Type.Number({ minimum: 0, maximum: 9_999_999_999 }), Type.Null()], { title: '行政事业性收费（万元）', errorMessage: '应为非负数' }),
  },
  { additionalProperties: false },
);
export type OutsideFiguresInput = Static<typeof OutsideFiguresInput>;
