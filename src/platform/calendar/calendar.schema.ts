import { Type, type Static } from 'typebox';

export const DAY_KINDS = { holiday: '放假（法定节假日）', workday: '上班（调休工作日）' } as const;

const DATE_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';
const DATE_MESSAGE = '应为有效的日期，格式如 2025-10-01';

/** Input to CalendarService.setDay; `version` is the row version the form was drawn from (optimistic locking). */
export const SetCalendarDay = Type.Object(
  {
    date: Type.String({ title: '日期', pattern: DATE_PATTERN, errorMessage: DATE_MESSAGE }),
    kind: Type.Union([Type.Literal('holiday'), Type.Literal('workday')], { title: '类型', errorMessage: '应为“放假”或“上班”' }),
    name: Type.String({ title: '名称', minLength: 1, maxLength: 30 }),
    version: Type.Optional(Type.Integer({ title: '版本', minimum: 1 })),
  },
  { additionalProperties: false },
);
export type SetCalendarDay = Static<typeof SetCalendarDay>;

export const ClearCalendarDay = Type.Object(
  {
    date: Type.String({ title: '日期', pattern: DATE_PATTERN, errorMessage: DATE_MESSAGE }),
    version: Type.Optional(Type.Integer({ title: '版本', minimum: 1 })),
  },
  { additionalProperties: false },
);
export type ClearCalendarDay = Static<typeof ClearCalendarDay>;

/** Input to markYearPublished: the year and the State Council notice it was entered from. */
export const MarkCalendarYear = Type.Object(
  {
    year: Type.Integer({ title: '年份', minimum: 2000, maximum: 2100, errorMessage: '应为 2000 至 2100 之间的年份' }),
    note: Type.String({ title: '依据文件', minLength: 2, maxLength: 200, errorMessage: '请填写国务院办公厅通知的名称或文号（2–200 字）' }),
  },
  { additionalProperties: false },
);
export type MarkCalendarYear = Static<typeof MarkCalendarYear>;
