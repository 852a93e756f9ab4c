import type { JobDefinition } from '../../platform/jobs/types.ts';

/**
 * Daily: records due-soon and overdue applications once a day (request_reminders), and closes what the law
 * closes: 补正 not made in time → 视为放弃 (条例 第三十条, 三(六)1); a fee unpaid after 20 working days → 视为放弃
 * (国办函〔2020〕109号, 三(六)2). Idempotent: a second run on the same day records and closes nothing more.
 */
export const requestsReminders: JobDefinition = {
  name: 'requests.reminders',
  cron: '30 7 * * *',
  async run(deps) {
    await deps.requests.runReminders();
  },
};

export const REQUESTS_JOBS: JobDefinition[] = [requestsReminders];
