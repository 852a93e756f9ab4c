// The write path of `gongkai import`: old pages (HTML or plain text) become items that were already published.
// An imported page is not drafted and reviewed again: it was public on the old site, so it is stored as a
// published revision with its original 发布日期, the 保密审查 recorded as done by the importing system, and a
// 索引号 from the publishing agency's counter — all in one transaction with its audit rows
// (importPublishedPage). Re-running an import changes nothing: a page whose 发文字号, or whose title and
// 成文日期, is already held by an item is skipped.

import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { and, eq, inArray } from 'drizzle-orm';
import type { Deps } from '../../../deps.ts';
import type { AuditActor } from '../../../platform/auth/actor.ts';
import { recordAudit } from '../../../platform/audit/audit.ts';
import { shanghaiDate, type IsoDate } from '../../../platform/calendar/workdays.ts';
import { constraintOf, type Executor } from '../../../platform/db/database.ts';
import { isAppError } from '../../../platform/http/errors.ts';
import type { Agency } from '../../agencies/index.ts';
import { findTemplateNode } from '../catalog.repository.ts';
import { itemRevisions } from '../disclosure.tables.ts';
import { workingDaysTaken } from '../disclosure.workflow.ts';
import { documentNumberLookupKey, parseDocumentNumber } from '../document-number.ts';
import { formatIndexNumber } from '../index-number.ts';
import * as repo from '../items.repository.ts';
import { checkPublishable, deidentifyAll, policyForGenre } from '../../../platform/privacy/index.ts';
import { htmlToPlainText, sanitizeBodyHtml } from '../sanitize.ts';
import { reindexItem } from '../search.indexer.ts';
import { genreName, type GenreId } from '../taxonomy.ts';
import { parsePage, type ParsedPage } from './parse-page.ts';
import { toDraftItemInput, type ImportedDraftInput } from './to-draft.ts';

/** Who imports: the audit log's actor for every row an import writes. */
export const IMPORT_ACTOR: AuditActor = { system: 'import' };
/** The recorded reason of an imported page's 保密审查. */
export const IMPORT_SECRECY_REASON = '迁移旧网页：原已公开发布';

const PAGE_FILE = /\.(txt|html?|shtml|xhtml)$/i;

/** Files to import under a directory, recursively, in a stable order (hidden files and other types left out). */
export async function listPageFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listPageFiles(full)));
    else if (entry.isFile() && PAGE_FILE.test(entry.name)) out.push(full);
  }
  return out;
}

export type ImportDeps = Pick<Deps, 'db' | 'agencies' | 'config' | 'calendar'>;

export interface ImportOptions {
  /** files, each read as one page; for a directory use listPageFiles first */
  files: readonly { path: string; label: string }[];
  /** agencies.code of the publishing agency; otherwise matched from the page's 发文机关 */
  agencyCode?: string | null;
  dryRun?: boolean;
  /** 主题分类 id (default: 其他) */
  subject?: string;
  genre?: GenreId;
  /** catalog template keys (catalog_nodes.template_key) of the agency to file the items under, when present */
  catalogTemplateKeys?: readonly string[];
  /** mask the personal information the privacy gate finds instead of refusing the page */
  deidentify?: boolean;
  /** one line per file as it is handled (the CLI prints it on stderr) */
  onProgress?: (line: string) => void;
  /** the clock (tests) */
  now?: () => Date;
}

export interface ImportedEntry {
  file: string;
  title: string;
  documentNumber: string | null;
  agencyCode: string;
  /** null on a dry run */
  itemId: string | null;
  indexNumber: string | null;
  publishedDate: IsoDate;
}

export interface ImportSummary {
  dryRun: boolean;
  files: number;
  imported: ImportedEntry[];
  skipped: { file: string; reason: string }[];
  failed: { file: string; reason: string }[];
}

type FileOutcome = { kind: 'imported'; entry: ImportedEntry } | { kind: 'skipped'; reason: string } | { kind: 'failed'; reason: string };

const messageOf = (err: unknown): string => {
  if (isAppError(err)) return err.fields.length > 0 ? err.fields.map((f) => f.message).join('；') : err.message;
  return err instanceof Error ? err.message : String(err);
};

/**
 * The privacy gate for an imported page, as for every publication (条例 第十五条; issue 4): a page whose title or
 * body holds personal information the genre's policy does not exempt is refused, with the findings counted,
 * unless `deidentify` asks to mask them (title and body; the body is masked in its HTML source, then sanitized).
 */
export function gateImportedPage(input: ImportedDraftInput, deidentify: boolean): { ok: true; input: ImportedDraftInput; masked: boolean } | { ok: false; reason: string } {
  const policy = policyForGenre(genreName(input.genre));
  const text = (i: ImportedDraftInput) => [i.title, htmlToPlainText(i.bodyHtml)].join('\n');
  const first = checkPublishable({ text: text(input), policy });
  if (first.ok) return { ok: true, input, masked: false };
  if (!deidentify) return { ok: false, reason: `${first.message.replace(/请去标识化处理，或逐条说明保留理由。$/, '')}未导入：请先处理原页面，或加 --deidentify 去标识化后导入。` };
  const masked = { ...input, title: deidentifyAll(input.title, policy), bodyHtml: sanitizeBodyHtml(deidentifyAll(input.bodyHtml, policy)) };
  const again = checkPublishable({ text: text(masked), policy });
  return again.ok ? { ok: true, input: masked, masked: true } : { ok: false, reason: `去标识化后仍有未处理的个人信息：${again.message}` };
}

/** The agency whose name or short name is the page's 发文机关 (the first, for 联合发文). */
export function matchAgencyByIssuer(agencies: readonly Agency[], issuer: string | null): Agency | undefined {
  if (!issuer) return undefined;
  const name = issuer.replace(/\s+/g, '');
  return agencies.find((a) => a.name === name) ?? agencies.find((a) => a.shortName === name);
}

/** Why a page is already present: the same 发文字号, or the same title and 成文日期, on an existing item. */
export async function findExistingImport(ex: Executor, input: Pick<ImportedDraftInput, 'documentNumber' | 'title' | 'writtenDate'>): Promise<string | null> {
  const docKey = input.documentNumber ? documentNumberLookupKey(input.documentNumber) : null;
  if (docKey) {
    const holder = await repo.findDocumentNumberHolder(ex, docKey, null);
    if (holder) return `已存在发文字号相同（${input.documentNumber ?? docKey}）的《${holder.title}》`;
  }
  const sameTitle = await ex
    .select({ itemId: itemRevisions.itemId })
    .from(itemRevisions)
    .where(and(eq(itemRevisions.title, input.title.trim()), eq(itemRevisions.writtenDate, input.writtenDate), inArray(itemRevisions.state, ['draft', 'submitted', 'published'])))
    .limit(1);
  if (sameTitle[0]) return `已存在标题和成文日期（${input.writtenDate}）相同的信息`;
  return null;
}

/**
 * Stores one page as an item already published by `agency` (import path: the items service has no verb for
 * a page that was public before this system). One transaction: the item, a published revision with the
 * 保密审查 recorded as done by the importing system, the 索引号, the issuer and catalog links, three audit
 * rows (item.import, item.secrecy_review with IMPORT_SECRECY_REASON, item.publish) and the search index.
 * Returns null (nothing written) when an item with the same 发文字号, or title and 成文日期, exists.
 */
export async function importPublishedPage(
  deps: ImportDeps,
  args: { agency: Agency; input: ImportedDraftInput; catalogNodeIds?: readonly string[]; source?: string; now?: Date },
): Promise<{ itemId: string; indexNumber: string; publishedDate: IsoDate } | { skipped: string }> {
  const { agency, input } = args;
  const at = args.now ?? new Date();
  const publishedDate = input.publishedDate ?? shanghaiDate(at);
  const doc = input.documentNumber ? parseDocumentNumber(input.documentNumber) : null;
  const docValue = doc?.ok ? doc.value : null;
  const overrides = await deps.calendar.overrides();
  try {
    return await deps.db.transaction(async (tx) => {
      const existing = await findExistingImport(tx, input);
      if (existing) return { skipped: existing };
      const item = await repo.insertItem(tx, { agencyId: agency.id });
      const revision = await repo.insertRevision(
        tx,
        {
          itemId: item.id,
          revisionNo: 1,
          state: 'published',
          title: input.title.trim(),
          documentNumber: docValue?.normalized ?? input.documentNumber,
          docPrefix: docValue?.prefix ?? null,
          docYear: docValue?.year ?? null,
          docSerial: docValue?.serial ?? null,
          docKey: input.documentNumber ? documentNumberLookupKey(input.documentNumber) : null,
          writtenDate: input.writtenDate,
          publishedDate,
          subject: input.subject,
          genre: input.genre,
          policyTags: [],
          keywords: [],
          bodyHtml: sanitizeBodyHtml(input.bodyHtml, { siteOrigin: deps.config.baseUrl }),
          disclosureMode: input.disclosureMode,
          withholdReason: input.withholdReason,
          recipients: input.recipients,
          createdBy: null,
          secrecyCheckedBy: null,
          secrecyCheckedAt: at,
          publishedBy: null,
          publishedAt: at,
        },
        { coIssuerIds: [], catalogNodeIds: [...(args.catalogNodeIds ?? [])], interpretsItemIds: [], editedBy: [] },
      );
      const year = Number(publishedDate.slice(0, 4));
      const indexNumber = formatIndexNumber(agency.creditCode, year, await repo.nextIndexSequence(tx, agency.id, year));
      const published = await repo.updateItemRow(tx, item.id, item.version, {
        status: 'published',
        publishedRevisionId: revision.id,
        indexNumber,
        firstPublishedAt: at,
        workingDaysTaken: workingDaysTaken(input.writtenDate, publishedDate, overrides),
      });
      if (!published) throw new Error('imported item changed during its import');
      await repo.replaceItemAgencies(tx, item.id, agency.id, []);
      await repo.replaceItemCatalogNodes(tx, item.id, args.catalogNodeIds ?? []);
      const audit = (action: string, extra: { reason?: string; after: unknown }) => recordAudit(tx, { actor: IMPORT_ACTOR, action, entityType: 'item', entityId: item.id, agencyId: agency.id, ...extra });
      await audit('item.import', { after: { revisionId: revision.id, title: revision.title, genre: revision.genre, documentNumber: revision.documentNumber, writtenDate: revision.writtenDate, source: args.source ?? null, attachmentNames: input.attachmentNames } });
      await audit('item.secrecy_review', { reason: IMPORT_SECRECY_REASON, after: { revisionId: revision.id, secrecyCheckedAt: at } });
      await audit('item.publish', { reason: IMPORT_SECRECY_REASON, after: { revisionId: revision.id, revisionNo: 1, indexNumber, publishedDate, workingDaysTaken: published.workingDaysTaken } });
      await reindexItem(tx, item.id);
      return { itemId: item.id, indexNumber, publishedDate };
    });
  } catch (err) {
    // a concurrent import of the same page, or a number race: report, never half-write
    switch (constraintOf(err)) {
      case 'items_index_number_key':
      case 'index_number_counters_seq_check':
        throw new Error('索引号分配失败（本年度顺序号已用完或发生冲突）', { cause: err });
      case 'item_revisions_title_check':
        throw new Error('标题应为 2—300 个字', { cause: err });
      default:
        throw err;
    }
  }
}

/** Imports (or, on a dry run, checks) each file; one progress line per file. */
export async function importPages(deps: ImportDeps, options: ImportOptions): Promise<ImportSummary> {
  const now = options.now ?? (() => new Date());
  const dryRun = options.dryRun ?? false;
  const summary: ImportSummary = { dryRun, files: options.files.length, imported: [], skipped: [], failed: [] };
  const agencies = await deps.agencies.listAgencies();
  let fixedAgency: Agency | undefined;
  if (options.agencyCode) {
    fixedAgency = agencies.find((a) => a.code === options.agencyCode);
    if (!fixedAgency) {
      const reason = `找不到代码为“${options.agencyCode}”的机关（或该机关已撤销）`;
      for (const f of options.files) summary.failed.push({ file: f.label, reason });
      return summary;
    }
  }
  const seen = new Map<string, string>();
  const total = options.files.length;
  for (const [i, file] of options.files.entries()) {
    const outcome = await importOne(deps, file, { ...options, dryRun, fixedAgency, agencies, seen, now: now() });
    const n = `[${i + 1}/${total}] ${file.label}`;
    switch (outcome.kind) {
      case 'imported':
        summary.imported.push(outcome.entry);
        options.onProgress?.(`${n}：${dryRun ? '可导入' : `已导入，索引号 ${outcome.entry.indexNumber ?? ''}`}`);
        break;
      case 'skipped':
        summary.skipped.push({ file: file.label, reason: outcome.reason });
        options.onProgress?.(`${n}：跳过（${outcome.reason}）`);
        break;
      case 'failed':
        summary.failed.push({ file: file.label, reason: outcome.reason });
        options.onProgress?.(`${n}：失败（${outcome.reason}）`);
        break;
      default: {
        const unreachable: never = outcome;
        return unreachable;
      }
    }
  }
  return summary;
}

async function importOne(
  deps: ImportDeps,
  file: { path: string; label: string },
  ctx: Omit<ImportOptions, 'now' | 'dryRun'> & { dryRun: boolean; fixedAgency: Agency | undefined; agencies: readonly Agency[]; seen: Map<string, string>; now: Date },
): Promise<FileOutcome> {
  let page: ParsedPage;
  try {
    page = parsePage(await readFile(file.path), file.path);
  } catch (err) {
    return { kind: 'failed', reason: `无法读取：${messageOf(err)}` };
  }
  // the page's own problems first, then who publishes it
  const draft = toDraftItemInput(page, { agencyCode: ctx.fixedAgency?.code ?? null, today: shanghaiDate(ctx.now), ...(ctx.subject ? { subject: ctx.subject } : {}), ...(ctx.genre ? { genre: ctx.genre } : {}) });
  if (!draft.ok) return { kind: 'failed', reason: draft.errors.map((e) => e.message).join('；') };
  const agency = ctx.fixedAgency ?? matchAgencyByIssuer(ctx.agencies, page.issuer);
  if (!agency) {
    return { kind: 'failed', reason: page.issuer ? `无法确定发布机构：发文机关“${page.issuer}”与任何机关的名称或简称都不相符，请用 --agency <机关代码> 指定` : '无法确定发布机构：页面未注明发文机关，请用 --agency <机关代码> 指定' };
  }
  const gated = gateImportedPage({ ...draft.input, agencyCode: agency.code }, ctx.deidentify ?? false);
  if (!gated.ok) return { kind: 'failed', reason: gated.reason };
  const input = gated.input;
  // the same page twice in one run (a dry run writes nothing, so the database cannot tell)
  const keys = [input.importKeys.documentNumber ? `n:${input.importKeys.documentNumber}` : null, input.importKeys.titleDate ? `t:${input.importKeys.titleDate}` : null].filter((k): k is string => k !== null);
  for (const k of keys) {
    const earlier = ctx.seen.get(k);
    if (earlier) return { kind: 'skipped', reason: k.startsWith('n:') ? `与 ${earlier} 发文字号相同（${input.documentNumber ?? ''}）` : `与 ${earlier} 标题和日期相同` };
  }
  try {
    const catalogNodeIds: string[] = [];
    for (const key of ctx.catalogTemplateKeys ?? []) {
      const node = await findTemplateNode(deps.db, agency.id, key);
      if (node && !node.retiredAt) catalogNodeIds.push(node.id);
    }
    const entry = (itemId: string | null, indexNumber: string | null, publishedDate: IsoDate): FileOutcome => ({
      kind: 'imported',
      entry: { file: file.label, title: input.title, documentNumber: input.documentNumber, agencyCode: agency.code, itemId, indexNumber, publishedDate },
    });
    let outcome: FileOutcome;
    if (ctx.dryRun) {
      const existing = await findExistingImport(deps.db, input);
      outcome = existing ? { kind: 'skipped', reason: existing } : entry(null, null, input.publishedDate ?? shanghaiDate(ctx.now));
    } else {
      const r = await importPublishedPage(deps, { agency, input, catalogNodeIds, source: file.label, now: ctx.now });
      outcome = 'skipped' in r ? { kind: 'skipped', reason: r.skipped } : entry(r.itemId, r.indexNumber, r.publishedDate);
    }
    if (outcome.kind === 'imported') for (const k of keys) ctx.seen.set(k, file.label);
    return outcome;
  } catch (err) {
    return { kind: 'failed', reason: messageOf(err) };
  }
}
