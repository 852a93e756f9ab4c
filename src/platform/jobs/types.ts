import type { Deps } from '../../deps.ts';

/**
 * A background job a module contributes (reminders, retraining, digests). Jobs run on pg-boss in both
 * database modes; `src/jobs.ts` lists every module's definitions, one line per module.
 */
export interface JobDefinition<T extends object = Record<string, never>> {
  /** stable queue name, `<module>.<what>`, e.g. `requests.reminders` */
  name: string;
  /** a cron expression in Asia/Shanghai, for jobs that run on a schedule */
  cron?: string;
  /** what the job does; it must be safe to run twice (pg-boss delivers at least once) */
  run(deps: Deps, data: T): Promise<void>;
}
