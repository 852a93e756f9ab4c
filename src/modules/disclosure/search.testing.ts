// Test factories for search: published items inserted straight into items / item_revisions / item_agencies
// (no workflow, no audit), then indexed with the real reindexItem. Each builds what it needs, so tests
// share no state. For the workflow itself use items.testing.ts.

import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db, Executor } from '../../platform/db/database.ts';
import type { Agency } from '../agencies/index.ts';
import { documentNumberLookupKey, parseDocumentNumber } from './document-number.ts';
import type { ItemStatus, Validity } from './disclosure.tables.ts';
import { reindexItem } from './search.indexer.ts';

let counter = 0;

export interface SearchTestItemInput {
  agency: Agency;
  /** other issuing agencies (联合发文) */
  coAgencies?: Agency[];
  title?: string;
  bodyHtml?: string;
  summary?: string | null;
  keywords?: string[];
  documentNumber?: string | null;
  genre?: string;
  subject?: string;
  policyTags?: string[];
  writtenDate?: string;
  publishedDate?: string;
  validity?: Validity;
  status?: ItemStatus;
  disclosureMode?: 'proactive' | 'on_request' | 'withheld';
  nodeIds?: string[];
}

export interface SearchTestItem {
  itemId: string;
  revisionId: string;
  indexNumber: string;
  title: string;
}

/** Inserts a public (by default) item with one published revision and indexes it; inside one transaction. */
export async function createSearchTestItem(db: Db, input: SearchTestItemInput): Promise<SearchTestItem> {
  counter++;
  const itemId = randomUUID();
  const revisionId = randomUUID();
  const title = input.title ?? `关于做好检索测试工作的通知（第${counter}号）`;
  const publishedDate = input.publishedDate ?? '2024-05-20';
  const writtenDate = input.writtenDate ?? publishedDate;
  const year = publishedDate.slice(0, 4);
  const indexNumber = `${input.agency.creditCode}/${year}-${String(counter).padStart(5, '0')}`;
  const status = input.status ?? 'published';
  const validity = input.validity ?? 'valid';
  const parsed = input.documentNumber ? parseDocumentNumber(input.documentNumber) : null;
  const doc = parsed?.ok ? parsed.value : null;
  const at = `${publishedDate}T09:30:00+08:00`;
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      INSERT INTO items (id, agency_id, index_number, status, first_published_at, validity, validity_date, validity_reason,
                         withdrawn_at, withdrawal_notice, unpublished_at, unpublish_reason)
      VALUES (${itemId}, ${input.agency.id}, ${status === 'never_published' ? null : indexNumber}, ${status}, ${status === 'never_published' ? null : at}::timestamptz,
              ${validity}, ${validity === 'valid' ? null : publishedDate}::date, ${validity === 'valid' ? null : '已被新文件替代'},
              ${status === 'withdrawn' ? at : null}::timestamptz, ${status === 'withdrawn' ? '因机构调整撤回' : null},
              ${status === 'unpublished' ? at : null}::timestamptz, ${status === 'unpublished' ? '发布有误' : null})`);
    const published = status !== 'never_published';
    await tx.execute(sql`
      INSERT INTO item_revisions (id, item_id, revision_no, state, title, document_number, doc_prefix, doc_year, doc_serial, doc_key,
                                  written_date, published_date, subject, genre, policy_tags, keywords, summary, body_html, disclosure_mode,
                                  withhold_reason, secrecy_checked_at, published_at)
      VALUES (${revisionId}, ${itemId}, 1, ${published ? 'published' : 'draft'}, ${title}, ${doc?.normalized ?? input.documentNumber ?? null},
              ${doc?.prefix ?? null}, ${doc?.year ?? null}, ${doc?.serial ?? null}, ${input.documentNumber ? documentNumberLookupKey(input.documentNumber) : null},
              ${writtenDate}::date, ${published ? publishedDate : null}::date, ${input.subject ?? 'general_affairs.openness'}, ${input.genre ?? 'notice'},
              ${sql.param(input.policyTags ?? [])}::text[], ${sql.param(input.keywords ?? [])}::text[], ${input.summary ?? null},
              ${input.bodyHtml ?? `<p>检索测试正文（${counter}）。</p>`}, ${input.disclosureMode ?? 'proactive'},
              ${input.disclosureMode === 'withheld' ? 'EX16-INTERNAL' : null}, ${published ? at : null}::timestamptz, ${published ? at : null}::timestamptz)`);
    if (published) await tx.execute(sql`UPDATE items SET published_revision_id = ${revisionId} WHERE id = ${itemId}`);
    await tx.execute(sql`INSERT INTO item_agencies (item_id, agency_id, is_lead) VALUES (${itemId}, ${input.agency.id}, true)`);
    for (const co of input.coAgencies ?? []) await tx.execute(sql`INSERT INTO item_agencies (item_id, agency_id, is_lead) VALUES (${itemId}, ${co.id}, false)`);
    for (const nodeId of input.nodeIds ?? []) await tx.execute(sql`INSERT INTO item_catalog_nodes (item_id, node_id) VALUES (${itemId}, ${nodeId})`);
    await reindexItem(tx, itemId);
  });
  return { itemId, revisionId, indexNumber, title };
}

/** Changes an item's status or validity in place and reindexes it, as the items service would. */
export async function changeSearchTestItem(db: Db, itemId: string, change: { status?: ItemStatus; validity?: Validity }): Promise<void> {
  await db.transaction(async (tx) => {
    if (change.status === 'unpublished') await tx.execute(sql`UPDATE items SET status = 'unpublished', unpublished_at = now(), unpublish_reason = '发布有误' WHERE id = ${itemId}`);
    if (change.status === 'withdrawn') await tx.execute(sql`UPDATE items SET status = 'withdrawn', withdrawn_at = now(), withdrawal_notice = '因机构调整撤回' WHERE id = ${itemId}`);
    if (change.validity) await tx.execute(sql`UPDATE items SET validity = ${change.validity}, validity_date = current_date, validity_reason = '已被新文件替代' WHERE id = ${itemId}`);
    await reindexItem(tx, itemId);
  });
}

/**
 * Many items at once, indexed: for tests that need a table the planner treats as large (index use, sampled
 * counts). `make(i)` gives each item's title and body; all are 通知公告 of `agency`, one a day back from 2024-12-31.
 */
export async function bulkCreateSearchTestItems(db: Db, agency: Agency, n: number, make: (i: number) => { title: string; bodyHtml?: string }): Promise<string[]> {
  const ids: string[] = [];
  const batch = 200;
  for (let start = 0; start < n; start += batch) {
    await db.transaction(async (tx: Executor) => {
      for (let i = start; i < Math.min(n, start + batch); i++) {
        counter++;
        const itemId = randomUUID();
        const revisionId = randomUUID();
        const { title, bodyHtml } = make(i);
        const day = new Date(Date.UTC(2024, 11, 31) - (i % 3650) * 86_400_000).toISOString().slice(0, 10);
        await tx.execute(sql`
          INSERT INTO items (id, agency_id, index_number, status, first_published_at)
          VALUES (${itemId}, ${agency.id}, ${`${agency.creditCode}/${day.slice(0, 4)}-${String(counter % 100000).padStart(5, '0')}`}, 'published', ${`${day}T09:00:00+08:00`}::timestamptz)`);
        await tx.execute(sql`
          INSERT INTO item_revisions (id, item_id, revision_no, state, title, written_date, published_date, subject, genre, body_html, secrecy_checked_at, published_at)
          VALUES (${revisionId}, ${itemId}, 1, 'published', ${title}, ${day}::date, ${day}::date, 'general_affairs.openness', 'notice', ${bodyHtml ?? ''}, now(), now())`);
        await tx.execute(sql`UPDATE items SET published_revision_id = ${revisionId} WHERE id = ${itemId}`);
        await reindexItem(tx, itemId);
        ids.push(itemId);
      }
    });
  }
  return ids;
}
