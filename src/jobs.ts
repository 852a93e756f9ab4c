import type { AnyJobDefinition } from './platform/jobs/runner.ts';
import { HOTLINE_JOBS } from './modules/hotline/hotline.jobs.ts';
import { REPORT_JOBS } from './modules/report/report.jobs.ts';
import { REQUESTS_JOBS } from './modules/requests/requests.jobs.ts';

/**
 * Every background job, one line per module (sorted): `...REQUESTS_JOBS,` from src/modules/requests/requests.jobs.ts.
 * `gongkai serve` works them on pg-boss (JOBS_ENABLED); `gongkai jobs run <name>` runs one once.
 */
export const JOBS: readonly AnyJobDefinition[] = [
  ...HOTLINE_JOBS,
  ...REPORT_JOBS,
  ...REQUESTS_JOBS,
];
