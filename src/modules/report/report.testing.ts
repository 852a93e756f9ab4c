// Test factories: applications and review cases inserted straight into the requests helper's tables (the
// contract columns only), and published 规章/规范性文件 with chosen dates.
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db, Executor } from '../../platform/db/database.ts';
import type { Agency } from '../agencies/index.ts';
import { createTestItem } from '../disclosure/items.testing.ts';
import type { ItemsService } from '../disclosure/index.ts';
import type { DocumentRecord, RequestRecord, ReviewCaseRecord } from './report.tally.ts';

let counter = 0;

export async function insertTestRequest(ex: Executor, agencyId: string, r: RequestRecord & { feeYuan?: number }): Promise<void> {
  counter++;
  await ex.execute(sql`
    INSERT INTO requests (agency_id, number, query_code_hash, applicant_category, channel, state, received_on, description, provision_form, outcome_code, withhold_reasons, concluded_on, fee_collected_yuan)
    VALUES (${agencyId}::uuid, ${`T${counter}-${randomBytes(4).toString('hex')}`}, ${'0'.repeat(64)}, ${r.applicantCategory}, 'online', ${r.concludedOn ? 'closed' : 'processing'},
            ${r.receivedOn}::date, '测试申请', 'email', ${r.outcomeCode}, ${`{${r.withholdReasons.join(',')}}`}::text[], ${r.concludedOn}::date, ${String(r.feeYuan ?? 0)}::numeric)`);
}

export async function insertTestReviewCase(ex: Executor, agencyId: string, c: ReviewCaseRecord): Promise<void> {
  await ex.execute(sql`INSERT INTO request_review_cases (agency_id, kind, result, filed_on, concluded_on) VALUES (${agencyId}::uuid, ${c.kind}, ${c.result}, ${c.filedOn}::date, ${c.concludedOn}::date)`);
}

/** A published item of `agency` turned into a 规章/规范性文件 with the given dates and validity. */
export async function createTestDocument(db: Db, service: ItemsService, agency: Agency, d: Omit<DocumentRecord, 'status'> & { withdraw?: boolean }): Promise<string> {
  const { item } = await createTestItem(db, { service, agency, state: 'published' });
  await db.execute(sql`UPDATE item_revisions SET genre = ${d.genre}, written_date = ${d.writtenDate}::date WHERE id = ${item.publishedRevisionId}::uuid`);
  await db.execute(sql`UPDATE items SET validity = ${d.validity}, validity_date = ${d.validityDate}::date, validity_reason = ${d.validity === 'valid' ? null : '测试'},
    withdrawal_notice = ${d.withdrawnOn ? '测试撤回' : null},
    status = ${d.withdrawnOn ? 'withdrawn' : 'published'}, withdrawn_at = ${d.withdrawnOn ? `${d.withdrawnOn}T04:00:00Z` : null}::timestamptz WHERE id = ${item.id}::uuid`);
  return item.id;
}
