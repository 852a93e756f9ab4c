import { boolean, char, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** 机关 (migrations/0003__agencies__init.sql) */
export const agencies = pgTable('agencies', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull(),
  parentId: uuid('parent_id'),
  ancestors: uuid('ancestors').array().notNull().default([]),
  name: text('name').notNull(),
  shortName: text('short_name').notNull(),
  kind: text('kind').notNull().$type<AgencyKind>(),
  divisionCode: char('division_code', { length: 6 }).notNull(),
  creditCode: char('credit_code', { length: 18 }).notNull(),
  isDemo: boolean('is_demo').notNull().default(false),
  docPrefix: text('doc_prefix'),
  officeName: text('office_name').notNull(),
  officeAddress: text('office_address').notNull(),
  officePhone: text('office_phone').notNull(),
  officeHours: text('office_hours').notNull(),
  officeFax: text('office_fax'),
  officeEmail: text('office_email'),
  sortOrder: integer('sort_order').notNull().default(0),
  fourEyes: boolean('four_eyes').notNull().default(true),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** 机关类型 */
export const AGENCY_KINDS = {
  government: '人民政府',
  department: '政府部门',
  dispatched: '派出机构',
  authorized: '法律法规授权组织',
} as const;

export type AgencyKind = keyof typeof AGENCY_KINDS;
