// The requests module's public surface: other modules (reports, disclosure) import only this file.
// Pure parts so far; the Module registration (routes) and services come with the tables.
export * from './deadlines.ts';
export * from './excessive.ts';
export * from './fees.ts';
export * from './requests.config.ts';
export * from './requests.workflow.ts';
export * from './taxonomy.ts';
