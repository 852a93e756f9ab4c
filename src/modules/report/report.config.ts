// Numbers a province may change, with the national defaults (COMMON.md: every such number lives in config).

export interface ReportConfig {
  /** 条例 第四十九条: 县级以上人民政府部门 publish the previous year's report by 1月31日 (MM-DD) */
  departmentDeadline: string;
  /** 条例 第四十九条: the 本级政府's report is published by 3月31日 (MM-DD) */
  governmentDeadline: string;
  /** reminders are recorded this many days before the deadline [INF] */
  reminderDaysBefore: readonly number[];
}

export const DEFAULT_REPORT_CONFIG: ReportConfig = {
  departmentDeadline: '01-31',
  governmentDeadline: '03-31',
  reminderDaysBefore: [10, 3],
};

/** The publication deadline of the report for `year`, for an agency of `kind` (条例 第四十九条). */
export function deadlineFor(kind: string, year: number, config: ReportConfig = DEFAULT_REPORT_CONFIG): string {
  return `${year + 1}-${kind === 'government' ? config.governmentDeadline : config.departmentDeadline}`;
}
