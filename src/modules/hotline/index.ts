// The hotline module's public surface (12345一号通, issue 7). Other modules import only from here.
// Pure so far: taxonomy, config, workflow, deadlines, duplicates, dispatch suggestions, Open311 wire format.
export * from './taxonomy.ts';
export * from './hotline.config.ts';
export * from './hotline.workflow.ts';
export * from './deadlines.ts';
export * from './duplicates.ts';
export * from './classifier.ts';
export * from './open311.ts';
export * from './ticket-number.ts';
export { HOTLINE_STOPWORDS, ticketSearchTokens, ticketWords } from './ticket-text.ts';
