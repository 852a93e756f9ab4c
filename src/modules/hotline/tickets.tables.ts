// Drizzle definitions of migrations/0030__hotline__tickets.sql.
import { bigserial, boolean, char, date, doublePrecision, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Channel, Confidentiality, Resolution, Satisfaction, TicketType, Urgency } from './taxonomy.ts';
import type { TicketState } from './hotline.workflow.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Open311 API clients; the key is stored only as its SHA-256. */
export const hotlineApiClients = pgTable('hotline_api_clients', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  keyHash: char('key_hash', { length: 64 }).notNull(),
  keyHint: text('key_hint').notNull(),
  channel: text('channel').notNull().$type<'app' | 'miniprogram' | 'open311'>().default('open311'),
  contact: text('contact'),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  revokedAt: ts('revoked_at'),
  revokeReason: text('revoke_reason'),
});

/** 工单. The contact_* columns are confidential: public queries select PUBLIC_TICKET_COLUMNS only. */
export const tickets = pgTable('tickets', {
  id: uuid('id').primaryKey().defaultRandom(),
  number: text('number').notNull(),
  queryCodeHash: text('query_code_hash').notNull(),
  channel: text('channel').notNull().$type<Channel>(),
  type: text('type').notNull().$type<TicketType>(),
  urgency: text('urgency').notNull().$type<Urgency>().default('normal'),
  categoryCode: text('category_code'),
  districtCode: char('district_code', { length: 6 }),
  title: text('title'),
  content: text('content').notNull(),
  address: text('address'),
  addressId: text('address_id'),
  zipcode: text('zipcode'),
  lat: doublePrecision('lat'),
  long: doublePrecision('long'),
  attributes: jsonb('attributes').notNull().$type<Record<string, string | string[]>>().default({}),
  confidentiality: text('confidentiality').notNull().$type<Confidentiality>().default('standard'),
  publishConsent: boolean('publish_consent').notNull().default(false),
  contactName: text('contact_name'),
  contactPhone: text('contact_phone'),
  contactEmail: text('contact_email'),
  contactDeviceId: text('contact_device_id'),
  contactAccountId: text('contact_account_id'),
  state: text('state').notNull().$type<TicketState>().default('submitted'),
  leadAgencyId: uuid('lead_agency_id'),
  assistingAgencyIds: uuid('assisting_agency_ids').array().notNull().default([]),
  receivedAt: ts('received_at').notNull().defaultNow(),
  dispatchDueAt: ts('dispatch_due_at').notNull(),
  acceptedAt: ts('accepted_at'),
  dispatchedAt: ts('dispatched_at'),
  signDueAt: ts('sign_due_at'),
  signedAt: ts('signed_at'),
  contactDueAt: ts('contact_due_at'),
  contactedAt: ts('contacted_at'),
  handleDueAt: ts('handle_due_at'),
  handleLastDay: date('handle_last_day'),
  extendedWorkdays: integer('extended_workdays').notNull().default(0),
  extensionCount: integer('extension_count').notNull().default(0),
  pendingExtensionWorkdays: integer('pending_extension_workdays'),
  repliedAt: ts('replied_at'),
  reviewDueAt: ts('review_due_at'),
  closedAt: ts('closed_at'),
  callbackDueAt: ts('callback_due_at'),
  visitedAt: ts('visited_at'),
  reopenCount: integer('reopen_count').notNull().default(0),
  urgeCount: integer('urge_count').notNull().default(0),
  supervisedAt: ts('supervised_at'),
  replyText: text('reply_text'),
  publicReply: text('public_reply'),
  declineReason: text('decline_reason'),
  transferLine: text('transfer_line'),
  satisfaction: text('satisfaction').$type<Satisfaction>(),
  resolution: text('resolution').$type<Resolution>(),
  mergedInto: uuid('merged_into'),
  apiClientId: uuid('api_client_id'),
  clientToken: text('client_token'),
  receivedBy: uuid('received_by'),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const ticketEvents = pgTable('ticket_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  ticketId: uuid('ticket_id').notNull(),
  verb: text('verb').notNull(),
  fromState: text('from_state').$type<TicketState>(),
  toState: text('to_state').notNull().$type<TicketState>(),
  actorId: uuid('actor_id'),
  actorLabel: text('actor_label').notNull(),
  agencyId: uuid('agency_id'),
  payload: jsonb('payload').notNull().$type<Record<string, unknown>>().default({}),
  at: ts('at').notNull().defaultNow(),
});

export const ticketAttachments = pgTable('ticket_attachments', {
  id: uuid('id').primaryKey().defaultRandom(),
  ticketId: uuid('ticket_id').notNull(),
  mediaUrl: text('media_url'),
  storageKey: text('storage_key'),
  filename: text('filename'),
  mime: text('mime'),
  sizeBytes: integer('size_bytes'),
  sha256: char('sha256', { length: 64 }),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export type TicketRow = typeof tickets.$inferSelect;
export type TicketEventRow = typeof ticketEvents.$inferSelect;
export type TicketAttachmentRow = typeof ticketAttachments.$inferSelect;
export type ApiClientRow = typeof hotlineApiClients.$inferSelect;
