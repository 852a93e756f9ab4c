import { bigint, bigserial, boolean, customType, date, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid, char } from 'drizzle-orm/pg-core';

/** tsvector, written as text from jieba tokens (migrations/0010__disclosure__items.sql). */
export const tsvector = customType<{ data: string; driverData: string }>({
  dataType() {
    return 'tsvector';
  },
});

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const catalogNodes = pgTable('catalog_nodes', {
  id: uuid('id').primaryKey().defaultRandom(),
  agencyId: uuid('agency_id').notNull(),
  parentId: uuid('parent_id'),
  templateKey: text('template_key'),
  name: text('name').notNull(),
  sortOrder: integer('sort_order').notNull().default(0),
  isKeyArea: boolean('is_key_area').notNull().default(false),
  retiredAt: ts('retired_at'),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export type CatalogChangeKind = 'create' | 'rename' | 'move' | 'reorder' | 'retire' | 'restore';

export const catalogChanges = pgTable('catalog_changes', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  agencyId: uuid('agency_id').notNull(),
  nodeId: uuid('node_id').notNull(),
  change: text('change').notNull().$type<CatalogChangeKind>(),
  before: jsonb('before'),
  after: jsonb('after'),
  reason: text('reason').notNull(),
  actorId: uuid('actor_id'),
  actorLabel: text('actor_label').notNull(),
  at: ts('at').notNull().defaultNow(),
});

export const indexNumberCounters = pgTable(
  'index_number_counters',
  {
    agencyId: uuid('agency_id').notNull(),
    year: integer('year').notNull(),
    lastSeq: integer('last_seq').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.year] })],
);

export type ItemStatus = 'never_published' | 'published' | 'withdrawn' | 'unpublished';
export type Validity = 'valid' | 'expired' | 'repealed';
export type RevisionState = 'draft' | 'submitted' | 'published' | 'superseded';
export type DisclosureModeId = 'proactive' | 'on_request' | 'withheld';

export const items = pgTable('items', {
  id: uuid('id').primaryKey().defaultRandom(),
  agencyId: uuid('agency_id').notNull(),
  indexNumber: text('index_number'),
  status: text('status').notNull().default('never_published').$type<ItemStatus>(),
  publishedRevisionId: uuid('published_revision_id'),
  firstPublishedAt: ts('first_published_at'),
  workingDaysTaken: integer('working_days_taken'),
  validity: text('validity').notNull().default('valid').$type<Validity>(),
  validityDate: date('validity_date', { mode: 'string' }),
  validityReason: text('validity_reason'),
  replacedByItemId: uuid('replaced_by_item_id'),
  withdrawnAt: ts('withdrawn_at'),
  withdrawalNotice: text('withdrawal_notice'),
  unpublishedAt: ts('unpublished_at'),
  unpublishReason: text('unpublish_reason'),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const itemRevisions = pgTable('item_revisions', {
  id: uuid('id').primaryKey().defaultRandom(),
  itemId: uuid('item_id').notNull(),
  revisionNo: integer('revision_no').notNull(),
  state: text('state').notNull().default('draft').$type<RevisionState>(),
  title: text('title').notNull(),
  documentNumber: text('document_number'),
  docPrefix: text('doc_prefix'),
  docYear: integer('doc_year'),
  docSerial: integer('doc_serial'),
  docKey: text('doc_key'),
  writtenDate: date('written_date', { mode: 'string' }).notNull(),
  publishedDate: date('published_date', { mode: 'string' }),
  subject: text('subject').notNull(),
  genre: text('genre').notNull(),
  policyTags: text('policy_tags').array().notNull().default([]),
  keywords: text('keywords').array().notNull().default([]),
  summary: text('summary'),
  bodyHtml: text('body_html').notNull().default(''),
  disclosureMode: text('disclosure_mode').notNull().default('proactive').$type<DisclosureModeId>(),
  withholdReason: text('withhold_reason'),
  isMajorPolicy: boolean('is_major_policy').notNull().default(false),
  interpretationForm: text('interpretation_form'),
  recipients: text('recipients'),
  changeNote: text('change_note'),
  isMinorChange: boolean('is_minor_change').notNull().default(false),
  returnComment: text('return_comment'),
  createdBy: uuid('created_by'),
  submittedBy: uuid('submitted_by'),
  submittedAt: ts('submitted_at'),
  secrecyCheckedBy: uuid('secrecy_checked_by'),
  secrecyCheckedAt: ts('secrecy_checked_at'),
  publishedBy: uuid('published_by'),
  publishedAt: ts('published_at'),
  interpretationException: text('interpretation_exception'),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const itemAgencies = pgTable(
  'item_agencies',
  {
    itemId: uuid('item_id').notNull(),
    agencyId: uuid('agency_id').notNull(),
    isLead: boolean('is_lead').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.agencyId] })],
);

export const itemCatalogNodes = pgTable(
  'item_catalog_nodes',
  {
    itemId: uuid('item_id').notNull(),
    nodeId: uuid('node_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.nodeId] })],
);

export const attachments = pgTable('attachments', {
  id: uuid('id').primaryKey().defaultRandom(),
  itemId: uuid('item_id').notNull(),
  revisionId: uuid('revision_id').notNull(),
  filename: text('filename').notNull(),
  mime: text('mime').notNull(),
  sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
  sha256: char('sha256', { length: 64 }).notNull(),
  storageKey: text('storage_key').notNull(),
  textExtracted: boolean('text_extracted'),
  privacyConfirmedBy: uuid('privacy_confirmed_by'),
  sortOrder: integer('sort_order').notNull().default(0),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const interpretationLinks = pgTable(
  'interpretation_links',
  {
    interpretationItemId: uuid('interpretation_item_id').notNull(),
    policyItemId: uuid('policy_item_id').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.interpretationItemId, t.policyItemId] })],
);

export const itemSearch = pgTable('item_search', {
  itemId: uuid('item_id').primaryKey(),
  agencyId: uuid('agency_id').notNull(),
  agencyIds: uuid('agency_ids').array().notNull(),
  agencyScope: uuid('agency_scope').array().notNull(),
  nodeIds: uuid('node_ids').array().notNull().default([]),
  subject: text('subject').notNull(),
  genre: text('genre').notNull(),
  policyTags: text('policy_tags').array().notNull().default([]),
  validity: text('validity').notNull().$type<Validity>(),
  writtenDate: date('written_date', { mode: 'string' }).notNull(),
  publishedDate: date('published_date', { mode: 'string' }).notNull(),
  docKey: text('doc_key'),
  title: text('title').notNull(),
  titleTsv: tsvector('title_tsv').notNull(),
  tsv: tsvector('tsv').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
