import type { PgBoss } from 'pg-boss';
import type { Deps } from '../../deps.ts';
import type { JobDefinition } from './types.ts';

/** Crons are read in the government's time zone: “每个工作日 8:30” means 8:30 in Beijing. */
export const JOBS_TIME_ZONE = 'Asia/Shanghai';

/** pg-boss keeps its tables in a schema of its own, apart from the application's. */
export const JOBS_SCHEMA = 'pgboss';

/** A job definition of any payload type (the list in src/jobs.ts mixes them; `run` is a method, so it is bivariant). */
export type AnyJobDefinition = JobDefinition<object>;

export interface JobsLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface JobsRunnerOptions {
  /** how often an idle worker looks for new jobs; pg-boss's default is 2 s */
  pollingIntervalSeconds?: number;
  /** create and reconcile cron schedules (default true) */
  schedule?: boolean;
  log?: JobsLogger;
}

export interface JobsRunner {
  /** the pg-boss instance, for tests and the console */
  boss: PgBoss;
  /** queue one run of a job; returns the pg-boss job id */
  send(name: string, data?: object): Promise<string | null>;
  /** stops workers (waiting for running handlers up to 10 s) and closes pg-boss's pool; safe to call twice */
  stop(): Promise<void>;
}

const SILENT: JobsLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Starts pg-boss on the application's database (PostgreSQL or the embedded PGlite socket), creates a queue per
 * job, (re)schedules crons in Asia/Shanghai and removes schedules no job declares any more, then works every
 * queue by calling `def.run(deps, data)`. A failing run is retried by pg-boss (at-least-once delivery).
 */
export async function startJobsRunner(deps: Deps, jobs: readonly AnyJobDefinition[], options: JobsRunnerOptions = {}): Promise<JobsRunner> {
  assertUniqueNames(jobs);
  const log = options.log ?? SILENT;
  // loaded only when jobs are enabled: `gongkai serve` with JOBS_ENABLED=false never pays for it
  const { PgBoss } = await import('pg-boss');
  const boss = new PgBoss({
    connectionString: deps.database.url,
    schema: JOBS_SCHEMA,
    application_name: 'gongkai-jobs',
    // a small pool: in embedded mode every connection shares PGlite's one session anyway
    max: 3,
    // the embedded database has no autovacuum statistics worth watching
    monitorVacuum: deps.database.mode === 'postgres',
  });
  boss.on('error', (err: unknown) => log.error({ err }, '后台任务运行器出错'));
  boss.on('warning', (warning: unknown) => log.warn({ warning }, '后台任务运行器警告'));

  let stopped: Promise<void> | null = null;
  const stop = () =>
    (stopped ??= boss.stop({ graceful: true, timeout: 10_000, close: true }).catch((err: unknown) => {
      log.error({ err }, '后台任务运行器关闭失败');
    }));

  try {
    await boss.start();
    for (const def of jobs) await boss.createQueue(def.name);
    if (options.schedule !== false) await reconcileSchedules(boss, jobs);
    for (const def of jobs) {
      await boss.work<object>(def.name, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async ([job]) => {
        if (!job) return;
        const started = Date.now();
        try {
          await def.run(deps, job.data ?? {});
          log.info({ job: def.name, id: job.id, ms: Date.now() - started }, '后台任务完成');
        } catch (err) {
          log.error({ job: def.name, id: job.id, err }, '后台任务失败');
          throw err;
        }
      });
    }
  } catch (err) {
    await stop();
    throw err;
  }

  return {
    boss,
    send: (name, data) => {
      if (!jobs.some((j) => j.name === name)) throw new UnknownJobError(name, jobs);
      return boss.send(name, data ?? {});
    },
    stop,
  };
}

/** Makes pg-boss's schedules match the definitions: every cron (re)scheduled, every orphan removed. */
async function reconcileSchedules(boss: PgBoss, jobs: readonly AnyJobDefinition[]): Promise<void> {
  const wanted = new Map(jobs.filter((j) => j.cron).map((j) => [j.name, j.cron as string]));
  for (const s of await boss.getSchedules()) {
    if (!wanted.has(s.name)) await boss.unschedule(s.name, s.key);
  }
  for (const [name, cron] of wanted) await boss.schedule(name, cron, {}, { tz: JOBS_TIME_ZONE });
}

export class UnknownJobError extends Error {
  constructor(name: string, jobs: readonly AnyJobDefinition[]) {
    super(`没有名为 “${name}” 的后台任务。${jobs.length ? `可用的任务：${jobs.map((j) => j.name).join('、')}` : '当前没有登记任何后台任务。'}`);
    this.name = 'UnknownJobError';
  }
}

/** Runs one job once, here and now, without pg-boss (for `gongkai jobs run` and tests). Throws UnknownJobError. */
export async function runJobOnce(deps: Deps, jobs: readonly AnyJobDefinition[], name: string, data: object = {}): Promise<void> {
  const def = jobs.find((j) => j.name === name);
  if (!def) throw new UnknownJobError(name, jobs);
  await def.run(deps, data);
}

function assertUniqueNames(jobs: readonly AnyJobDefinition[]): void {
  const seen = new Set<string>();
  for (const j of jobs) {
    if (!/^[a-z][a-z0-9-]*\.[a-z0-9.-]+$/.test(j.name)) throw new Error(`后台任务名称应为 “<模块>.<事项>” 形式：${j.name}`);
    if (seen.has(j.name)) throw new Error(`后台任务名称重复：${j.name}`);
    seen.add(j.name);
  }
}
