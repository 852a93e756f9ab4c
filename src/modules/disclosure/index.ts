// The disclosure module's public surface for items (政府信息). Other modules and the composition root import
// from here; the catalog and search parts are wired from their own files (catalog.service.ts, search.module.ts).
export { createItemsService, NO_OP_INDEXER, POLICY_GENRES, STALE_MESSAGE, cleanFilename } from './items.service.ts';
export type {
  ConsoleItem,
  ConsoleItemList,
  DraftResult,
  DueBoard,
  DueBoardRow,
  HistoryEntry,
  ItemActions,
  ItemIndexer,
  ItemsService,
  ItemsServiceOptions,
  PortalItem,
  PrivacyGateReport,
  PublishResult,
  AttachmentFile,
} from './items.service.ts';
// The items' input schemas and record types are public as a whole; exporting the file keeps their list in one place.
export * from './items.schema.ts';
export { canOnItem, ITEM_ACTIONS, itemResource, itemScopes, type ItemAction } from './items.policy.ts';
export type { ConsoleItemRow, IssuerRow, LinkedItemRow, PolicyWithoutInterpretationRow } from './items.repository.ts';
export { ITEM_STATUS_NAMES, REVISION_STATE_NAMES, VERB_NAMES, type ItemStatus, type RevisionState, type Verb } from './disclosure.workflow.ts';
