// The hotline's background jobs (src/jobs.ts lists them).
import type { JobDefinition } from '../../platform/jobs/types.ts';
import { runHotlineReminders } from './console.reminders.ts';

/**
 * Nightly: retrains the dispatch classifier from past tickets (those answered, closed or visited, with the agency
 * that handled them) and stores it in hotline_classifier_models; suggestions pick up the newest model on their next
 * call. Idempotent: a second run stores an equivalent model.
 */
export const hotlineRetrain: JobDefinition = {
  name: 'hotline.retrain',
  cron: '30 2 * * *',
  async run(deps) {
    await deps.hotlineConsole.directory.retrain({ system: 'hotline.retrain' });
  },
};

/** Hourly: 催办 near-due and overdue tickets at the handling agencies, each at most once a day. */
export const hotlineReminders: JobDefinition = {
  name: 'hotline.reminders',
  cron: '5 * * * *',
  async run(deps) {
    await runHotlineReminders({ db: deps.db, hotline: deps.hotline });
  },
};

/** Nightly: rebuilds the daily rollup of city-wide supervision figures for days older than the live window. */
export const hotlineRollup: JobDefinition = {
  name: 'hotline.rollup',
  cron: '10 3 * * *',
  async run(deps) {
    await deps.hotlineConsole.supervision.refreshRollup();
  },
};

export const HOTLINE_JOBS: JobDefinition[] = [hotlineRetrain, hotlineReminders, hotlineRollup];
