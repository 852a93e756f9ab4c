// Keeps item_search in step with the items: one row per public item, built from its published revision.
// The items service calls reindexItem(tx, itemId) inside the transaction of every public change, so the
// index never shows what the database does not (docs/adr/0004-search-ranking-for-top-k.md).

import type { Executor } from '../../platform/db/database.ts';
import { documentNumberLookupKey } from './document-number.ts';
import type { Validity } from './disclosure.tables.ts';
import {
  deleteSearchRow,
  selectAttachmentNames,
  selectIndexAgencies,
  selectIndexSource,
  selectIndexedItemIdsUnderAgency,
  selectItemNodeIds,
  upsertSearchRow,
  type SearchRowValues,
} from './search.repository.ts';
import { htmlToText } from './search.snippet.ts';
import { filterMarksFor, sampleLexemesFor, VectorBuilder } from './search.text.ts';

/** The text of one item as the index sees it. */
export interface SearchDocument {
  itemId: string;
  title: string;
  summary?: string | null;
  /** plain text (HTML already stripped) */
  bodyText: string;
  keywords?: readonly string[];
  documentNumber?: string | null;
  /** full and short names of the issuing agencies */
  agencyNames?: readonly string[];
  attachmentNames?: readonly string[];
  /** filter marks (search.text.ts filterMarksFor) */
  marks?: readonly string[];
}

/**
 * The two vectors of an item, as tsvector text: the title alone (weight A) and everything (title A; keywords,
 * 文号, agencies, attachment names, summary and body B), plus the item's sampling and filter marks. Pure: the
 * benchmark uses it for bulk loading.
 */
export function buildSearchVectors(doc: SearchDocument): { titleTsv: string; tsv: string } {
  const title = new VectorBuilder().addText(doc.title, 'A');
  const all = new VectorBuilder().addText(doc.title, 'A');
  for (const k of doc.keywords ?? []) all.addText(k, 'B', 1);
  if (doc.documentNumber) all.addText(doc.documentNumber, 'B');
  for (const name of doc.agencyNames ?? []) all.addText(name, 'B', 1);
  // an attachment's name without its extension: 附件1：2018年预算表.xlsx → 附件1：2018年预算表
  for (const name of doc.attachmentNames ?? []) all.addText(name.replace(/\.[A-Za-z0-9]{1,5}$/, ''), 'B', 1);
  if (doc.summary) all.addText(doc.summary, 'B');
  all.addText(doc.bodyText, 'B', 0);
  for (const mark of sampleLexemesFor(doc.itemId)) all.addBare(mark);
  for (const mark of doc.marks ?? []) all.addBare(mark);
  return { titleTsv: title.toString(), tsv: all.toString() };
}

/** The agency scope: the issuers and every agency above them (filtering by an agency includes its subtree). */
export function agencyScopeOf(agencies: readonly { id: string; ancestors: readonly string[] }[]): string[] {
  const scope = new Set<string>();
  for (const a of agencies) {
    scope.add(a.id);
    for (const id of a.ancestors) scope.add(id);
  }
  return [...scope];
}

/** Whether an item belongs in the public index: published or withdrawn (withdrawn stays visible with its notice), 主动公开. */
export function isSearchable(item: { status: string; revisionId: string | null; disclosureMode: string | null }): boolean {
  // 条例 第十九条、第二十条: only 主动公开 information is published; 依申请公开 and 不予公开 never appear on the portal
  return (item.status === 'published' || item.status === 'withdrawn') && item.revisionId !== null && item.disclosureMode === 'proactive';
}

export type ReindexOutcome = 'indexed' | 'removed' | 'absent';

/**
 * Rebuilds the search row of one item from its published revision, or deletes it when the item is not public
 * (never published, or unpublished as an error). Withdrawn and revoked (失效/废止) items stay searchable with
 * their validity. Call inside the transaction of the change.
 */
export async function reindexItem(tx: Executor, itemId: string): Promise<ReindexOutcome> {
  const src = await selectIndexSource(tx, itemId);
  if (!src || !isSearchable(src) || !src.revisionId || !src.title || !src.writtenDate || !src.publishedDate || !src.subject || !src.genre) {
    return (await deleteSearchRow(tx, itemId)) ? 'removed' : 'absent';
  }
  const agencies = await selectIndexAgencies(tx, itemId, src.ownerAgencyId);
  const nodeIds = await selectItemNodeIds(tx, itemId);
  const attachmentNames = await selectAttachmentNames(tx, src.revisionId);
  const docKey = (src.documentNumber ? documentNumberLookupKey(src.documentNumber) : null) ?? src.docKey;
  const agencyIds = agencies.map((a) => a.id);
  if (!agencyIds.includes(src.ownerAgencyId)) agencyIds.unshift(src.ownerAgencyId);
  const fields = {
    agencyIds,
    agencyScope: agencyScopeOf(agencies.length ? agencies : [{ id: src.ownerAgencyId, ancestors: [] }]),
    nodeIds,
    subject: src.subject,
    genre: src.genre,
    policyTags: src.policyTags ?? [],
    validity: src.validity as Validity,
    writtenDate: src.writtenDate,
    publishedDate: src.publishedDate,
  };
  const vectors = buildSearchVectors({
    itemId,
    title: src.title,
    summary: src.summary,
    bodyText: htmlToText(src.bodyHtml ?? ''),
    keywords: src.keywords ?? [],
    documentNumber: src.documentNumber,
    agencyNames: agencies.flatMap((a) => (a.shortName && a.shortName !== a.name ? [a.name, a.shortName] : [a.name])),
    attachmentNames,
    marks: filterMarksFor(fields),
  });
  const row: SearchRowValues = { itemId, agencyId: src.ownerAgencyId, ...fields, docKey, title: src.title, titleTsv: vectors.titleTsv, tsv: vectors.tsv };
  await upsertSearchRow(tx, row);
  return 'indexed';
}

/**
 * Re-indexes every indexed item issued by the agency or below it: call after the agency tree changed
 * (a move changes the agency scope) or an agency was renamed (its name is indexed).
 */
export async function reindexAgencyItems(tx: Executor, agencyId: string): Promise<number> {
  const ids = await selectIndexedItemIdsUnderAgency(tx, agencyId);
  for (const id of ids) await reindexItem(tx, id);
  return ids.length;
}

export interface SearchIndexer {
  reindexItem(tx: Executor, itemId: string): Promise<ReindexOutcome>;
  reindexAgencyItems(tx: Executor, agencyId: string): Promise<number>;
}

/** The indexer as a dependency (deps.ts hands it to the items service). */
export function createSearchIndexer(): SearchIndexer {
  return { reindexItem, reindexAgencyItems };
}
