// The requests module's public surface: other modules (reports, disclosure) import only this file.
export * from './deadlines.ts';
export * from './excessive.ts';
export * from './fees.ts';
export * from './requests.config.ts';
export * from './requests.workflow.ts';
export * from './taxonomy.ts';
// the routes (requests.module.tsx), jobs (requests.jobs.ts) and seed (requests.seed.ts) are wired from their own files
export { createRequestsService, OPEN_STATES, STALE_MESSAGE, type RequestsService, type RequestsServiceOptions, type Receipt, type PublicStatus, type ConsoleRequest, type Queue, type ReminderRun } from './requests.service.ts';
export { canOnRequest, canSeeOverview, REQUEST_ACTIONS, type RequestAction } from './requests.policy.ts';
