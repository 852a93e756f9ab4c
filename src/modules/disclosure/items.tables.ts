// Columns and tables added by migrations/0011__disclosure__items_drafting.sql, beside disclosure.tables.ts (0010).
// The partial tables name the same SQL tables, so their columns can be selected and updated together with the
// 0010 definitions.

import { bigserial, char, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** item_revisions: what a revision proposes for the item-level tables, and who wrote it. */
export const itemRevisionProposals = pgTable('item_revisions', {
  id: uuid('id').primaryKey(),
  coIssuerIds: uuid('co_issuer_ids').array().notNull().default([]),
  catalogNodeIds: uuid('catalog_node_ids').array().notNull().default([]),
  interpretsItemIds: uuid('interprets_item_ids').array().notNull().default([]),
  editedBy: uuid('edited_by').array().notNull().default([]),
});

/** attachments: when the reviewer confirmed a file whose text could not be extracted. */
export const attachmentConfirmations = pgTable('attachments', {
  id: uuid('id').primaryKey(),
  privacyConfirmedBy: uuid('privacy_confirmed_by'),
  privacyConfirmedAt: ts('privacy_confirmed_at'),
});

/** A privacy finding kept with a reason; the value is stored only as its SHA-256 (issue 4). */
export const privacyOverrides = pgTable('privacy_overrides', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  entityType: text('entity_type').notNull(),
  entityId: text('entity_id').notNull(),
  findingType: text('finding_type').notNull(),
  textHash: char('text_hash', { length: 64 }).notNull(),
  masked: text('masked').notNull(),
  reason: text('reason').notNull(),
  actorId: uuid('actor_id'),
  actorLabel: text('actor_label').notNull(),
  at: ts('at').notNull().defaultNow(),
});
