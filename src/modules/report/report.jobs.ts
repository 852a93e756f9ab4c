import type { JobDefinition } from '../../platform/jobs/types.ts';

/** Daily: records a reminder for each agency whose previous-year report is due soon and unpublished (条例 第四十九条). */
export const reportReminders: JobDefinition = {
  name: 'report.reminders',
  cron: '0 9 * * *',
  async run(deps) {
    await deps.report.sendReminders();
  },
};

export const REPORT_JOBS: JobDefinition[] = [reportReminders];
