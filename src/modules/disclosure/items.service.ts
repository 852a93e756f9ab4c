// The items use-cases (STYLE.md “Services own the use-case”): each checks the policy, opens the transaction,
// moves the state through the workflow table (disclosure.workflow.ts), writes the audit row, re-indexes the item
// for search inside the same transaction, and tells listeners after the commit.

import { createHash } from 'node:crypto';
import type { Static, TSchema } from 'typebox';
import type { Config } from '../../config.ts';
import { actorLabel, type Actor, type AuditActor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { forbidden } from '../../platform/auth/guard.ts';
import { shanghaiDate, type IsoDate, type Overrides } from '../../platform/calendar/workdays.ts';
import { constraintOf, type Db, type Executor, type Tx } from '../../platform/db/database.ts';
import { AppError, isAppError, validationError, type FieldError, STALE_MESSAGE } from '../../platform/http/errors.ts';
import { checkInput } from '../../platform/http/validate.ts';
import {
  checkPublishable,
  deidentifyAll,
  extractText,
  FINDING_LABELS,
  maskValue,
  policyForGenre,
  scanText,
  type GateResult,
  type PrivacyOverride,
  type PrivacyPolicy,
  type ScanOptions,
} from '../../platform/privacy/index.ts';
import { sniffUpload, type FileStorage } from '../../platform/storage/index.ts';
import type { Agency } from '../agencies/index.ts';
import {
  assertTransition,
  checkTransition,
  classifyPublicationDeadline,
  deadlineChipText,
  isVerbAllowedIn,
  workingDaysTaken,
  type DeadlineStatus,
  type Refusal,
  type TransitionInput,
  type Verb,
} from './disclosure.workflow.ts';
import { documentNumberLookupKey, type DocumentNumber } from './document-number.ts';
import { formatIndexNumber, parseIndexNumber } from './index-number.ts';
import { checkDisclosureDecision, checkItemMetadata } from './item-rules.ts';
import { canOnItem, isSystemActor, itemScopes, mayTakeAnywhere, type ItemAction } from './items.policy.ts';
import * as repo from './items.repository.ts';
import {
  ConsoleItemFilters,
  CreateRevisionInput,
  ItemDraftChanges,
  NewItemDraft,
  PrivacyOverrideInput,
  PublishInput,
  ReturnToDraftInput,
  RevokeInput,
  UnpublishInput,
  WithdrawInput,
  type AttachmentRecord,
  type AttachmentUpload,
  type ItemRecord,
  type RevisionRecord,
} from './items.schema.ts';
import { htmlToPlainText, sanitizeBodyHtml } from './sanitize.ts';
import { disclosureModeName, genreName, isGenreId, isTopicId, topicLabel, validityName, type DisclosureMode, type GenreId, type Validity } from './taxonomy.ts';

export { STALE_MESSAGE };
const ITEM_NOT_FOUND = '未找到该政府信息。';
const REVISION_NOT_FOUND = '未找到该稿件。';
const ATTACHMENT_NOT_FOUND = '未找到该附件。';

/** Genres a 政策解读 may explain and that may be flagged 重大政策; listed when they lack an interpretation. */
export const POLICY_GENRES: readonly GenreId[] = ['rule', 'normative', 'other_document', 'plan'];

/** The entity type of items in privacy_overrides. */
export const PRIVACY_ENTITY = 'item';

/** Keeps the search index in step (search.indexer.ts); called inside the transaction of every public change. */
export interface ItemIndexer {
  reindexItem(tx: Executor, itemId: string): Promise<unknown>;
}

/** For wiring without search (tests of other modules, tools): does nothing. */
export const NO_OP_INDEXER: ItemIndexer = { reindexItem: async () => undefined };

export interface ItemsServiceOptions {
  db: Db;
  config: Pick<Config, 'baseUrl' | 'maxUploadBytes'>;
  calendar: { overrides(): Promise<Overrides> };
  storage: FileStorage;
  /** defaults to NO_OP_INDEXER */
  indexer?: ItemIndexer;
  /** the clock (tests) */
  now?: () => Date;
}

// ---------------------------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------------------------

export interface DraftResult {
  item: ItemRecord;
  revision: RevisionRecord;
}

/** One revision's privacy check as the publish form shows it. */
export interface PrivacyGateReport {
  itemId: string;
  revisionId: string;
  title: string;
  policy: PrivacyPolicy;
  result: GateResult;
}

/**
 * The outcome of publish. Refusals the reviewer can act on in the form come back as values (STYLE.md
 * “One error type”): personal information not yet handled, a 重大政策 without its interpretation.
 */
export type PublishResult =
  | { ok: true; item: ItemRecord; revision: RevisionRecord; indexNumber: string; published: { itemId: string; revisionId: string; indexNumber: string; title: string }[] }
  | { ok: false; reason: 'privacy'; message: string; reports: PrivacyGateReport[] }
  | { ok: false; reason: 'interpretation_missing'; message: string; refusals: Refusal[] };

export interface PortalItem {
  item: {
    id: string;
    indexNumber: string;
    status: 'published' | 'withdrawn';
    validity: Validity;
    validityName: string;
    validityDate: string | null;
    validityReason: string | null;
    replacedBy: { itemId: string; indexNumber: string | null; title: string } | null;
    withdrawnAt: Date | null;
    withdrawalNotice: string | null;
    firstPublishedAt: Date;
    workingDaysTaken: number | null;
  };
  revision: {
    id: string;
    revisionNo: number;
    title: string;
    documentNumber: string | null;
    writtenDate: string;
    publishedDate: string;
    subject: string;
    subjectName: string;
    genre: GenreId;
    genreName: string;
    policyTags: string[];
    keywords: string[];
    summary: string | null;
    bodyHtml: string;
    disclosureMode: DisclosureMode;
    disclosureModeName: string;
    isMajorPolicy: boolean;
    interpretationForm: string | null;
    recipients: string | null;
  };
  /** 发布机构 first (the lead), then the other 联合发文 agencies */
  agencies: repo.IssuerRow[];
  catalogNodes: { id: string; agencyId: string; name: string }[];
  attachments: { id: string; filename: string; mime: string; sizeBytes: number; sha256: string }[];
  /** for a policy: its public interpretations */
  interpretations: repo.LinkedItemRow[];
  /** for an interpretation: the public policies it explains */
  policies: repo.LinkedItemRow[];
  history: HistoryEntry[];
  flags: { isWithdrawn: boolean; isRevoked: boolean; isMajorPolicy: boolean };
}

export interface HistoryEntry {
  revisionNo: number;
  publishedDate: string | null;
  publishedAt: Date | null;
  /** 首次发布 for the first revision; the change note, or 细微修改 */
  note: string;
  isMinorChange: boolean;
}

/** What the console may offer the actor on an item right now (state allows it and the policy permits it). */
export interface ItemActions {
  edit: boolean;
  submit: boolean;
  return: boolean;
  secrecyReview: boolean;
  publish: boolean;
  createRevision: boolean;
  withdraw: boolean;
  revoke: boolean;
  unpublish: boolean;
  overridePrivacy: boolean;
}

export interface ConsoleItem {
  item: ItemRecord;
  agency: Agency;
  issuers: repo.IssuerRow[];
  catalogNodes: { id: string; agencyId: string; name: string }[];
  revisions: RevisionRecord[];
  openRevision: RevisionRecord | null;
  publishedRevision: RevisionRecord | null;
  /** attachments of the open and the published revision, by revision id */
  attachments: Record<string, AttachmentRecord[]>;
  interpretations: repo.LinkedItemRow[];
  policies: repo.LinkedItemRow[];
  /** a policy's interpretations still in draft or 待审核 (a 重大政策 publishes with those submitted and 保密审查-checked) */
  openInterpretations: { itemId: string; title: string; state: string; secrecyChecked: boolean }[];
  /** titles of the items the open revision proposes to interpret */
  proposedPolicies: { itemId: string; title: string; status: ItemRecord['status']; indexNumber: string | null }[];
  privacyOverrides: { findingType: string; label: string; masked: string; reason: string; actorLabel: string; at: Date }[];
  deadline: DueBoardRow | null;
  actions: ItemActions;
}

export interface ConsoleItemList {
  total: number;
  page: number;
  pageSize: number;
  rows: repo.ConsoleItemRow[];
}

export interface DueBoardRow {
  itemId: string;
  revisionId: string;
  revisionNo: number;
  title: string;
  state: 'draft' | 'submitted';
  /** 成文日期, or the day a revision of a published item was opened (变更之日) */
  formedDate: IsoDate;
  dueDate: IsoDate;
  status: DeadlineStatus;
  workingDaysLeft: number;
  workingDaysOverdue: number;
  /** 剩余 3 个工作日 / 今日到期 / 已逾期 2 个工作日 */
  chip: string;
}

export interface DueBoard {
  agency: Agency;
  today: IsoDate;
  rows: DueBoardRow[];
  counts: Record<DeadlineStatus, number>;
}

export interface AttachmentFile {
  attachment: AttachmentRecord;
  bytes: Buffer;
}

export interface ItemsService {
  /** Creates an item with its first draft revision. Throws VALIDATION_FAILED (per field, nothing written), FORBIDDEN. */
  createDraft(actor: AuditActor, input: unknown): Promise<DraftResult>;
  /** Changes a draft (optimistic lock). Throws VALIDATION_FAILED, FORBIDDEN, NOT_FOUND, STALE_RECORD, ILLEGAL_TRANSITION. */
  updateDraft(actor: AuditActor, revisionId: string, version: number, changes: unknown): Promise<RevisionRecord>;
  /** draft → 待审核. Throws VALIDATION_FAILED (empty), FORBIDDEN, NOT_FOUND, STALE_RECORD, ILLEGAL_TRANSITION. */
  submit(actor: AuditActor, revisionId: string, version: number): Promise<RevisionRecord>;
  /** 待审核 → draft with the reviewer's comment; clears the 保密审查. Throws VALIDATION_FAILED, FORBIDDEN, NOT_FOUND, STALE_RECORD, ILLEGAL_TRANSITION. */
  returnToDraft(actor: AuditActor, revisionId: string, version: number, input: unknown): Promise<RevisionRecord>;
  /** Records the 保密审查 (who, when) on a submitted revision. Throws FORBIDDEN (also an author under four-eyes), NOT_FOUND, STALE_RECORD, ILLEGAL_TRANSITION. */
  confirmSecrecyReview(actor: AuditActor, revisionId: string, version: number): Promise<RevisionRecord>;
  /**
   * Publishes a submitted revision (with a 重大政策's ready interpretations, in one transaction): 索引号 on first
   * publication, 发布日期, working days taken. Refusals the form shows come back as values; throws VALIDATION_FAILED
   * (no 保密审查, change note…), FORBIDDEN (four-eyes), NOT_FOUND, STALE_RECORD, ILLEGAL_TRANSITION, CONFLICT.
   */
  publish(actor: AuditActor, revisionId: string, version: number, input?: unknown): Promise<PublishResult>;
  /** Opens a draft revision of a published (or unpublished) item from its public revision. Throws VALIDATION_FAILED, FORBIDDEN, NOT_FOUND, ILLEGAL_TRANSITION, CONFLICT. */
  createRevision(actor: AuditActor, itemId: string, input?: unknown): Promise<RevisionRecord>;
  /** 撤回: stays visible with a dated notice. Throws VALIDATION_FAILED, FORBIDDEN, NOT_FOUND, STALE_RECORD, ILLEGAL_TRANSITION. */
  withdraw(actor: AuditActor, itemId: string, version: number, input: unknown): Promise<ItemRecord>;
  /** 失效/废止 with date, reason and an optional replacing item. Throws VALIDATION_FAILED, FORBIDDEN, NOT_FOUND, STALE_RECORD, ILLEGAL_TRANSITION, CONFLICT. */
  revoke(actor: AuditActor, itemId: string, version: number, input: unknown): Promise<ItemRecord>;
  /** 撤销发布 (an error): the URL answers 410 with the reason. Throws VALIDATION_FAILED, FORBIDDEN, NOT_FOUND, STALE_RECORD, ILLEGAL_TRANSITION. */
  unpublish(actor: AuditActor, itemId: string, version: number, input: unknown): Promise<ItemRecord>;

  /** Adds a file to a draft. Throws PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, VALIDATION_FAILED, FORBIDDEN, NOT_FOUND, ILLEGAL_TRANSITION. */
  addAttachment(actor: AuditActor, revisionId: string, upload: AttachmentUpload): Promise<AttachmentRecord>;
  /** Removes a file from a draft (the stored bytes stay for older revisions). Throws FORBIDDEN, NOT_FOUND, ILLEGAL_TRANSITION. */
  removeAttachment(actor: AuditActor, attachmentId: string): Promise<void>;
  /** The reviewer confirms an attachment was checked by hand (its text could not be read). Throws FORBIDDEN, NOT_FOUND, ILLEGAL_TRANSITION. */
  confirmAttachmentPrivacy(actor: AuditActor, attachmentId: string): Promise<AttachmentRecord>;
  /** An attachment's bytes: anyone for a public item's current files, otherwise staff who may read the item. Throws NOT_FOUND, GONE. */
  openAttachment(attachmentId: string, actor?: Actor | null): Promise<AttachmentFile>;

  /** The privacy gate's verdict on a revision as it stands (no writes). Throws FORBIDDEN, NOT_FOUND. */
  checkPrivacy(actor: AuditActor, revisionId: string): Promise<PrivacyGateReport>;
  /** Keeps one finding with a reason (stored as a hash; audited). Throws VALIDATION_FAILED, FORBIDDEN, NOT_FOUND, ILLEGAL_TRANSITION. */
  overridePrivacyFinding(actor: AuditActor, revisionId: string, input: unknown): Promise<void>;
  /** 全部去标识化: masks every unresolved finding in the draft's title, summary and body. Throws FORBIDDEN, NOT_FOUND, STALE_RECORD, ILLEGAL_TRANSITION. */
  deidentifyDraft(actor: AuditActor, revisionId: string, version: number): Promise<RevisionRecord>;

  /** The public item page by id or 索引号. Throws NOT_FOUND, GONE (unpublished, with `details.reason`). */
  getItemForPortal(idOrIndexNumber: string): Promise<PortalItem>;
  /** The change notes of a public item's revisions, oldest first. Throws NOT_FOUND, GONE. */
  getItemHistory(idOrIndexNumber: string): Promise<HistoryEntry[]>;
  /** Everything the console's item page needs. Throws FORBIDDEN, NOT_FOUND. */
  getItemForConsole(actor: Actor, itemId: string): Promise<ConsoleItem>;
  /** The console's item list within the actor's scopes. Throws VALIDATION_FAILED, FORBIDDEN. */
  listItemsForConsole(actor: Actor, filters?: unknown): Promise<ConsoleItemList>;
  /** 条例 第二十六条: open revisions of an agency with their due dates, soonest first. Throws FORBIDDEN, NOT_FOUND. */
  dueBoard(actor: Actor, agencyId: string): Promise<DueBoard>;
  /** Public policies of an agency that no public interpretation explains (重大政策 first). Throws FORBIDDEN, NOT_FOUND. */
  listPoliciesWithoutInterpretation(actor: Actor, agencyId: string): Promise<repo.PolicyWithoutInterpretationRow[]>;

  /** Called after the commit of every change to what the public sees, with the item ids. Returns an unsubscribe. */
  onPublicChange(listener: (itemIds: string[]) => void): () => void;
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------------------

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (s: unknown): s is string => typeof s === 'string' && UUID.test(s);
const blank = (s: string | null | undefined): boolean => !s || s.trim() === '';

function userIdOf(actor: AuditActor): string | null {
  return isSystemActor(actor) ? null : actor.userId;
}

/** Who the four-eyes rule compares: a user id, or the system actor's name. */
function actorKey(actor: AuditActor): string {
  return isSystemActor(actor) ? `system:${actor.system}` : actor.userId;
}

function authorsOf(r: RevisionRecord): string[] {
  return [...new Set([r.createdBy, r.submittedBy, ...r.editedBy].filter((x): x is string => !!x))];
}

function withEditor(r: RevisionRecord | null, actor: AuditActor): string[] {
  const id = userIdOf(actor);
  const current = r?.editedBy ?? [];
  return id && !current.includes(id) ? [...current, id] : current;
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Validates without throwing: the typed value, or one message per bad field. */
function checkSchema<S extends TSchema>(schema: S, input: unknown): { value: Static<S> | undefined; fields: FieldError[] } {
  const r = checkInput(schema, input);
  return r.value !== undefined || r.fields.length ? r : { value: undefined, fields: [{ field: 'form', message: '提交的内容不符合要求' }] };
}

function parse<S extends TSchema>(schema: S, input: unknown): Static<S> {
  const { value, fields } = checkSchema(schema, input);
  if (value === undefined || fields.length > 0) throw validationError(fields);
  return value;
}

function pushField(fields: FieldError[], e: FieldError): void {
  if (!fields.some((f) => f.field === e.field)) fields.push(e);
}

/** Constraint violations a race can still produce, as the errors the form shows. */
function translate(err: unknown): never {
  switch (constraintOf(err)) {
    case 'item_revisions_one_open_key':
      throw new AppError('CONFLICT', '该信息已有一个未发布的修订，请先处理该修订。');
    case 'items_index_number_key':
    case 'index_number_counters_seq_check':
      throw new AppError('CONFLICT', '索引号分配失败（本年度顺序号已用完或发生冲突），请联系系统管理员。');
    case 'item_revisions_title_check':
      throw validationError([{ field: 'title', message: '标题应为 2—300 个字' }]);
    case 'item_revisions_dates_check':
      throw validationError([{ field: 'publishedDate', message: '发布日期不能早于成文日期' }]);
    case 'privacy_overrides_reason_check':
      throw validationError([{ field: 'reason', message: '请写明保留理由（2—500 字）' }]);
    default:
      throw err;
  }
}

/** The form of a draft as the checks see it: every field, empty strings for none. */
interface DraftData {
  title: string;
  documentNumber: string;
  writtenDate: string;
  publishedDate: string;
  subject: string;
  genre: GenreId;
  policyTags: string[];
  keywords: string[];
  summary: string;
  bodyHtml: string;
  disclosureMode: DisclosureMode;
  withholdReason: string;
  isMajorPolicy: boolean;
  interpretationForm: string;
  interpretsItemIds: string[];
  coIssuerAgencyIds: string[];
  catalogNodeIds: string[];
  recipients: string;
  changeNote: string;
  isMinorChange: boolean;
}

function draftDataOf(r: RevisionRecord): DraftData {
  return {
    title: r.title,
    documentNumber: r.documentNumber ?? '',
    writtenDate: r.writtenDate,
    publishedDate: r.publishedDate ?? '',
    subject: r.subject,
    genre: r.genre as GenreId,
    policyTags: r.policyTags,
    keywords: r.keywords,
    summary: r.summary ?? '',
    bodyHtml: r.bodyHtml,
    disclosureMode: r.disclosureMode,
    withholdReason: r.withholdReason ?? '',
    isMajorPolicy: r.isMajorPolicy,
    interpretationForm: r.interpretationForm ?? '',
    interpretsItemIds: r.interpretsItemIds,
    coIssuerAgencyIds: r.coIssuerIds,
    catalogNodeIds: r.catalogNodeIds,
    recipients: r.recipients ?? '',
    changeNote: r.changeNote ?? '',
    isMinorChange: r.isMinorChange,
  };
}

function draftDataFromNew(v: NewItemDraft): DraftData {
  return {
    title: v.title,
    documentNumber: v.documentNumber ?? '',
    writtenDate: v.writtenDate,
    publishedDate: v.publishedDate ?? '',
    subject: v.subject,
    genre: v.genre,
    policyTags: v.policyTags ?? [],
    keywords: v.keywords ?? [],
    summary: v.summary ?? '',
    bodyHtml: v.bodyHtml ?? '',
    disclosureMode: v.disclosureMode ?? 'proactive',
    withholdReason: v.withholdReason ?? '',
    isMajorPolicy: v.isMajorPolicy ?? false,
    interpretationForm: v.interpretationForm ?? '',
    interpretsItemIds: v.interpretsItemIds ?? [],
    coIssuerAgencyIds: v.coIssuerAgencyIds ?? [],
    catalogNodeIds: v.catalogNodeIds ?? [],
    recipients: v.recipients ?? '',
    changeNote: v.changeNote ?? '',
    isMinorChange: v.isMinorChange ?? false,
  };
}

function mergeChanges(d: DraftData, c: ItemDraftChanges): DraftData {
  const out: DraftData = { ...d };
  if (c.title !== undefined) out.title = c.title;
  if (c.documentNumber !== undefined) out.documentNumber = c.documentNumber;
  if (c.writtenDate !== undefined) out.writtenDate = c.writtenDate;
  if (c.publishedDate !== undefined) out.publishedDate = c.publishedDate;
  if (c.subject !== undefined) out.subject = c.subject;
  if (c.genre !== undefined) out.genre = c.genre;
  if (c.policyTags !== undefined) out.policyTags = c.policyTags;
  if (c.keywords !== undefined) out.keywords = c.keywords;
  if (c.summary !== undefined) out.summary = c.summary;
  if (c.bodyHtml !== undefined) out.bodyHtml = c.bodyHtml;
  if (c.disclosureMode !== undefined) out.disclosureMode = c.disclosureMode;
  if (c.withholdReason !== undefined) out.withholdReason = c.withholdReason;
  if (c.isMajorPolicy !== undefined) out.isMajorPolicy = c.isMajorPolicy;
  if (c.interpretationForm !== undefined) out.interpretationForm = c.interpretationForm;
  if (c.interpretsItemIds !== undefined) out.interpretsItemIds = c.interpretsItemIds;
  if (c.coIssuerAgencyIds !== undefined) out.coIssuerAgencyIds = c.coIssuerAgencyIds;
  if (c.catalogNodeIds !== undefined) out.catalogNodeIds = c.catalogNodeIds;
  if (c.recipients !== undefined) out.recipients = c.recipients;
  if (c.changeNote !== undefined) out.changeNote = c.changeNote;
  if (c.isMinorChange !== undefined) out.isMinorChange = c.isMinorChange;
  return out;
}

const uniq = (ids: readonly string[]): string[] => [...new Set(ids.map((s) => s.toLowerCase()))];

// ---------------------------------------------------------------------------------------------------------------
// The service
// ---------------------------------------------------------------------------------------------------------------

export function createItemsService(options: ItemsServiceOptions): ItemsService {
  const { db, config, calendar, storage } = options;
  const indexer = options.indexer ?? NO_OP_INDEXER;
  const now = options.now ?? (() => new Date());
  const today = (): IsoDate => shanghaiDate(now());
  const listeners = new Set<(itemIds: string[]) => void>();

  function notify(itemIds: readonly string[]): void {
    for (const l of listeners) {
      try {
        l([...itemIds]);
      } catch {
        // a listener's failure must not turn a committed change into an error
      }
    }
  }

  async function run<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    try {
      return await db.transaction(fn);
    } catch (err) {
      if (isAppError(err)) throw err;
      return translate(err);
    }
  }

  async function getItem(ex: Executor, id: string, forUpdate = false): Promise<ItemRecord> {
    const item = isUuid(id) ? await repo.findItem(ex, id, { forUpdate }) : undefined;
    if (!item) throw new AppError('NOT_FOUND', ITEM_NOT_FOUND);
    return item;
  }

  async function getRevision(ex: Executor, id: string): Promise<RevisionRecord> {
    const r = isUuid(id) ? await repo.findRevision(ex, id) : undefined;
    if (!r) throw new AppError('NOT_FOUND', REVISION_NOT_FOUND);
    return r;
  }

  async function getAgency(ex: Executor, id: string): Promise<Agency> {
    const a = await repo.findAgency(ex, id);
    if (!a) throw new AppError('NOT_FOUND', '未找到该机关。');
    return a;
  }

  function ensure(actor: AuditActor, action: ItemAction, agency: Agency): void {
    if (!canOnItem(actor, action, agency)) throw forbidden();
  }

  /** Item, revision and agency for a revision verb, with the policy checked and the item row locked. */
  async function loadForRevisionVerb(tx: Tx, actor: AuditActor, revisionId: string, action: ItemAction) {
    const peek = await getRevision(tx, revisionId);
    const item = await getItem(tx, peek.itemId, true);
    const revision = await getRevision(tx, revisionId);
    const agency = await getAgency(tx, item.agencyId);
    ensure(actor, action, agency);
    return { item, revision, agency };
  }

  function checkVersion(current: { version: number }, version: number): void {
    if (!Number.isInteger(version) || current.version !== version) throw new AppError('STALE_RECORD', STALE_MESSAGE);
  }

  async function audit(tx: Tx, actor: AuditActor, action: string, item: { id: string; agencyId: string }, extra: { reason?: string | null; before?: unknown; after?: unknown } = {}) {
    await recordAudit(tx, { actor, action, entityType: 'item', entityId: item.id, agencyId: item.agencyId, ...extra });
  }

  // -------------------------------------------------------------------------------------------------------------
  // Drafting checks
  // -------------------------------------------------------------------------------------------------------------

  interface CheckedDraft {
    fields: FieldError[];
    values: Omit<repo.RevisionValues, 'itemId' | 'revisionNo'>;
    proposals: Omit<repo.RevisionProposals, 'editedBy'>;
  }

  /** Every domain check of a draft's content; one message per bad field (GOV.UK error summary). */
  async function checkDraft(ex: Executor, d: DraftData, ctx: { leadAgencyId: string; itemId: string | null; revisionNo: number }): Promise<CheckedDraft> {
    const fields: FieldError[] = [];
    const meta = checkItemMetadata({ title: d.title, genre: d.genre, documentNumber: d.documentNumber, writtenDate: d.writtenDate, publishedDate: d.publishedDate }, today());
    for (const e of meta.errors) pushField(fields, e);
    for (const e of checkDisclosureDecision({ mode: d.disclosureMode, withholdReason: d.withholdReason })) pushField(fields, e);
    if (!isTopicId(d.subject)) pushField(fields, { field: 'subject', message: `不认识的主题分类：${d.subject}` });

    // 政策解读: its form and the policies it explains (渝府办发〔2018〕76号（三）)
    const interprets = uniq(d.interpretsItemIds);
    if (d.genre === 'interpretation') {
      if (blank(d.interpretationForm)) pushField(fields, { field: 'interpretationForm', message: '请选择解读形式（文字、图解、视频、新闻发布会、在线访谈或问答）' });
      if (interprets.length === 0) pushField(fields, { field: 'interpretsItemIds', message: '政策解读须关联所解读的政策' });
    } else if (interprets.length > 0) {
      pushField(fields, { field: 'interpretsItemIds', message: '只有体裁为“政策解读”的信息可以关联所解读的政策' });
    }
    if (interprets.length > 0) {
      if (ctx.itemId && interprets.includes(ctx.itemId)) pushField(fields, { field: 'interpretsItemIds', message: '政策解读不能解读其本身' });
      const found = await repo.selectItemTitles(ex, interprets);
      const missing = interprets.filter((id) => !found.some((f) => f.itemId === id));
      if (missing.length > 0) pushField(fields, { field: 'interpretsItemIds', message: '所解读的政策不存在' });
      else {
        for (const f of found) {
          const current = await currentRevisionOf(ex, f.itemId);
          if (current?.genre === 'interpretation') pushField(fields, { field: 'interpretsItemIds', message: `《${f.title}》本身是政策解读，不能作为被解读的政策` });
          else if (f.status === 'unpublished') pushField(fields, { field: 'interpretsItemIds', message: `《${f.title}》已撤销发布，不能关联` });
        }
      }
    }
    if (d.isMajorPolicy && !POLICY_GENRES.includes(d.genre)) {
      pushField(fields, { field: 'isMajorPolicy', message: `只有${POLICY_GENRES.map(genreName).join('、')}可以标为重大政策` });
    }

    // 联合发文: existing, current agencies other than the lead
    const coIssuers = uniq(d.coIssuerAgencyIds).filter((id) => id !== ctx.leadAgencyId);
    const coAgencies = await repo.selectAgencies(ex, coIssuers);
    if (coAgencies.length !== coIssuers.length || coAgencies.some((a) => a.retiredAt)) pushField(fields, { field: 'coIssuerAgencyIds', message: '联合发文机关不存在或已撤销' });

    // catalog nodes must be current nodes of an issuing agency
    const nodeIds = uniq(d.catalogNodeIds);
    const nodes = await repo.selectCatalogNodes(ex, nodeIds);
    const issuing = new Set([ctx.leadAgencyId, ...coIssuers]);
    if (nodes.length !== nodeIds.length || nodes.some((n) => n.retiredAt || !issuing.has(n.agencyId))) {
      pushField(fields, { field: 'catalogNodeIds', message: '目录节点不存在、已停用，或不属于发文机关的主动公开目录' });
    }

    // one 发文字号 identifies one document (代字, 年份, 顺序号 run per code per year: disclosure-rules.md §7)
    const doc: DocumentNumber | null = meta.documentNumber;
    const docKey = doc ? (documentNumberLookupKey(doc.normalized) ?? doc.normalized) : null;
    if (docKey) {
      const holder = await repo.findDocumentNumberHolder(ex, docKey, ctx.itemId);
      if (holder) pushField(fields, { field: 'documentNumber', message: `发文字号 ${doc?.normalized ?? docKey} 已被《${holder.title}》使用` });
    }

    // a revision of a published item says what changed, unless the change is minor
    if (ctx.revisionNo > 1 && !d.isMinorChange && blank(d.changeNote)) {
      pushField(fields, { field: 'changeNote', message: '修订已发布的信息须填写修改说明（细微修改可勾选“细微修改”）' });
    }

    const keywords = [...new Set(d.keywords.map((k) => k.trim()).filter((k) => k !== ''))];
    const values: CheckedDraft['values'] = {
      title: d.title.trim(),
      documentNumber: doc ? doc.normalized : blank(d.documentNumber) ? null : d.documentNumber.trim(),
      docPrefix: doc?.prefix ?? null,
      docYear: doc?.year ?? null,
      docSerial: doc?.serial ?? null,
      docKey,
      writtenDate: d.writtenDate.trim(),
      publishedDate: blank(d.publishedDate) ? null : d.publishedDate.trim(),
      subject: d.subject,
      genre: d.genre,
      policyTags: [...new Set(d.policyTags)],
      keywords,
      summary: blank(d.summary) ? null : d.summary.trim(),
      bodyHtml: sanitizeBodyHtml(d.bodyHtml, { siteOrigin: config.baseUrl }),
      disclosureMode: d.disclosureMode,
      withholdReason: blank(d.withholdReason) ? null : d.withholdReason.trim(),
      isMajorPolicy: d.isMajorPolicy,
      interpretationForm: d.genre === 'interpretation' && !blank(d.interpretationForm) ? d.interpretationForm : null,
      recipients: blank(d.recipients) ? null : d.recipients.trim(),
      changeNote: blank(d.changeNote) ? null : d.changeNote.trim(),
      isMinorChange: d.isMinorChange,
    };
    return { fields, values, proposals: { coIssuerIds: coIssuers, catalogNodeIds: nodeIds, interpretsItemIds: d.genre === 'interpretation' ? interprets : [] } };
  }

  async function currentRevisionOf(ex: Executor, itemId: string): Promise<RevisionRecord | undefined> {
    return (await repo.findOpenRevision(ex, itemId)) ?? (await publishedRevisionOf(ex, itemId));
  }

  async function publishedRevisionOf(ex: Executor, itemId: string): Promise<RevisionRecord | undefined> {
    const item = await repo.findItem(ex, itemId);
    return item?.publishedRevisionId ? repo.findRevision(ex, item.publishedRevisionId) : undefined;
  }

  /** Copies a revision's proposals to the item-level tables (the public state, or a never-published draft's). */
  async function syncItemLinks(tx: Tx, item: ItemRecord, r: RevisionRecord): Promise<void> {
    await repo.replaceItemAgencies(tx, item.id, item.agencyId, r.coIssuerIds);
    await repo.replaceItemCatalogNodes(tx, item.id, r.catalogNodeIds);
    await repo.replaceInterpretationLinks(tx, item.id, r.genre === 'interpretation' ? r.interpretsItemIds : []);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Privacy gate (issue 4)
  // -------------------------------------------------------------------------------------------------------------

  const textCache = new Map<string, string | null>();

  async function attachmentText(a: AttachmentRecord): Promise<string | null> {
    if (textCache.has(a.sha256)) return textCache.get(a.sha256) ?? null;
    let text: string | null;
    try {
      text = extractText(await storage.get(a.storageKey), a.mime);
    } catch {
      text = null;
    }
    if (textCache.size > 50) textCache.clear();
    textCache.set(a.sha256, text);
    return text;
  }

  function gateText(r: Pick<RevisionRecord, 'title' | 'summary' | 'bodyHtml'>): string {
    return [r.title, r.summary ?? '', htmlToPlainText(r.bodyHtml)].filter((s) => s !== '').join('\n');
  }

  function privacyPolicyOf(r: Pick<RevisionRecord, 'genre'>): PrivacyPolicy {
    return policyForGenre(isGenreId(r.genre) ? genreName(r.genre) : r.genre);
  }

  /** Stored overrides (kept as hashes) turned back into the gate's { type, text, reason } for the texts at hand. */
  function overridesFor(texts: readonly string[], stored: readonly repo.PrivacyOverrideRow[]): PrivacyOverride[] {
    if (stored.length === 0) return [];
    const byKey = new Map(stored.map((o) => [`${o.findingType}\u0000${o.textHash}`, o]));
    const out: PrivacyOverride[] = [];
    const seen = new Set<string>();
    for (const t of texts) {
      for (const f of scanText(t)) {
        const key = `${f.type}\u0000${sha256(f.text)}`;
        const o = byKey.get(key);
        if (o && !seen.has(key)) {
          seen.add(key);
          out.push({ type: f.type, text: f.text, reason: o.reason });
        }
      }
    }
    return out;
  }

  /** What the scanner must treat as public for every item: the numbers registered as agency contacts (issue 4). */
  async function publicScanOptions(ex: Executor): Promise<ScanOptions> {
    return { knownPublicNumbers: await repo.selectAgencyContactNumbers(ex) };
  }

  async function runGate(ex: Executor, item: ItemRecord, r: RevisionRecord, extra: readonly PrivacyOverride[] = []): Promise<PrivacyGateReport> {
    const policy = privacyPolicyOf(r);
    const text = gateText(r);
    const files = await repo.selectAttachments(ex, r.id);
    const attachments = await Promise.all(
      files.map(async (a) => ({ name: a.filename, text: await attachmentText(a), confirmedChecked: a.privacyConfirmedAt !== null })),
    );
    const stored = await repo.selectPrivacyOverrides(ex, PRIVACY_ENTITY, item.id);
    const texts = [text, ...attachments.map((a) => a.text).filter((t): t is string => t !== null)];
    const overrides = [...overridesFor(texts, stored), ...extra];
    return { itemId: item.id, revisionId: r.id, title: r.title, policy, result: checkPublishable({ text, policy, overrides, attachments, scan: await publicScanOptions(ex) }) };
  }

  async function storeOverride(tx: Tx, actor: AuditActor, item: ItemRecord, o: PrivacyOverrideInput): Promise<void> {
    const masked = maskValue(o.type, o.text);
    const textHash = sha256(o.text);
    await repo.upsertPrivacyOverride(tx, {
      entityType: PRIVACY_ENTITY,
      entityId: item.id,
      findingType: o.type,
      textHash,
      masked,
      reason: o.reason.trim(),
      actorId: userIdOf(actor),
      actorLabel: actorLabel(actor),
    });
    // the audit row names the finding by its mask and hash, never by the value itself
    await audit(tx, actor, 'item.privacy_override', item, { reason: o.reason.trim(), after: { findingType: o.type, label: FINDING_LABELS[o.type], masked, textHash } });
  }

  // -------------------------------------------------------------------------------------------------------------
  // Reads shared by console and portal
  // -------------------------------------------------------------------------------------------------------------

  async function findByIdOrIndexNumber(ex: Executor, idOrIndexNumber: string): Promise<ItemRecord> {
    const key = idOrIndexNumber.trim();
    let item: ItemRecord | undefined;
    if (isUuid(key)) item = await repo.findItem(ex, key);
    else {
      const parsed = parseIndexNumber(key);
      if (parsed.ok) item = await repo.findItemByIndexNumber(ex, parsed.value.value);
    }
    if (!item || item.status === 'never_published') throw new AppError('NOT_FOUND', ITEM_NOT_FOUND);
    if (item.status === 'unpublished') {
      throw new AppError('GONE', `该信息已撤销发布：${item.unpublishReason ?? ''}`, { reason: item.unpublishReason, unpublishedAt: item.unpublishedAt?.toISOString() ?? null, indexNumber: item.indexNumber });
    }
    return item;
  }

  function historyOf(rows: repo.HistoryRow[]): HistoryEntry[] {
    return rows.map((h, i) => ({
      revisionNo: h.revisionNo,
      publishedDate: h.publishedDate,
      publishedAt: h.publishedAt,
      note: i === 0 ? '首次发布' : h.isMinorChange && blank(h.changeNote) ? '细微修改' : (h.changeNote ?? ''),
      isMinorChange: h.isMinorChange,
    }));
  }

  function deadlineOf(r: { itemId: string; revisionId: string; revisionNo: number; title: string; state: string; writtenDate: string; openedDate: string }, overrides: Overrides, day: IsoDate): DueBoardRow {
    // 条例 第二十六条: 自该政府信息形成或者变更之日起20个工作日内 — 形成 is the 成文日期 of the first revision, 变更 the
    // day a revision of a published item was opened.
    const formedDate = r.revisionNo === 1 ? r.writtenDate : r.openedDate;
    const d = classifyPublicationDeadline(formedDate, day, overrides);
    return {
      itemId: r.itemId,
      revisionId: r.revisionId,
      revisionNo: r.revisionNo,
      title: r.title,
      state: r.state === 'submitted' ? 'submitted' : 'draft',
      formedDate,
      dueDate: d.dueDate,
      status: d.status,
      workingDaysLeft: d.workingDaysLeft,
      workingDaysOverdue: d.workingDaysOverdue,
      chip: deadlineChipText(d),
    };
  }

  function actionsFor(actor: Actor, agency: Agency, item: ItemRecord, open: RevisionRecord | null): ItemActions {
    const may = (a: ItemAction) => canOnItem(actor, a, agency);
    const revisionVerb = (v: Verb) => open !== null && isVerbAllowedIn(v, { revision: open.state, item: item.status });
    const itemVerb = (v: Verb) => isVerbAllowedIn(v, { item: item.status });
    return {
      edit: may('item.draft') && revisionVerb('edit'),
      submit: may('item.submit') && revisionVerb('submit'),
      return: may('item.return') && revisionVerb('return'),
      secrecyReview: may('item.secrecyReview') && open?.state === 'submitted',
      publish: may('item.publish') && revisionVerb('publish'),
      createRevision: may('item.createRevision') && open === null && itemVerb('createRevision'),
      withdraw: may('item.withdraw') && itemVerb('withdraw'),
      revoke: may('item.revoke') && itemVerb('revoke') && item.validity === 'valid',
      unpublish: may('item.unpublish') && itemVerb('unpublish'),
      overridePrivacy: may('item.overridePrivacy') && open !== null,
    };
  }

  // -------------------------------------------------------------------------------------------------------------
  // Publishing
  // -------------------------------------------------------------------------------------------------------------

  interface PublishTarget {
    item: ItemRecord;
    revision: RevisionRecord;
    agency: Agency;
  }

  function publishInputOf(actor: AuditActor, t: PublishTarget, fourEyes: boolean, note: { changeNote: string; minorChange: boolean }, majorPolicy?: { hasReadyInterpretation: boolean; exceptionReason: string }): Extract<TransitionInput, { verb: 'publish' }> {
    const r = t.revision;
    return {
      verb: 'publish',
      actorId: actorKey(actor),
      authorIds: authorsOf(r),
      fourEyes,
      secrecyReview: r.secrecyCheckedAt ? { reviewerId: r.secrecyCheckedBy ?? 'system', confirmedAt: r.secrecyCheckedAt.toISOString() } : null,
      minorChange: note.minorChange,
      changeNote: note.changeNote,
      ...(majorPolicy ? { majorPolicy } : {}),
    };
  }

  /** Checks that hold for any revision going public beyond the workflow's guards. */
  async function checkGoingPublic(ex: Executor, t: PublishTarget): Promise<void> {
    // 条例 第十九、二十条: only 主动公开 information is published on the portal
    if (t.revision.disclosureMode !== 'proactive') {
      throw validationError([{ field: 'disclosureMode', message: `公开属性为“${disclosureModeName(t.revision.disclosureMode)}”的信息不在网站主动公开，不能发布` }]);
    }
    if (t.revision.genre === 'interpretation') {
      const policies = await repo.selectItemTitles(ex, t.revision.interpretsItemIds);
      const hidden = policies.filter((p) => p.status !== 'published' && p.status !== 'withdrawn');
      if (hidden.length > 0) {
        throw new AppError('ILLEGAL_TRANSITION', `所解读的政策《${hidden.map((p) => p.title).join('》《')}》尚未发布：请先发布政策（重大政策会与其解读一并发布）`);
      }
    }
  }

  async function publish(actor: AuditActor, revisionId: string, version: number, rawInput: unknown = {}): Promise<PublishResult> {
    const input = parse(PublishInput, rawInput ?? {});
    const extraOverrides = (input.privacyOverrides ?? []).filter((o) => !blank(o.reason)).map((o) => ({ type: o.type, text: o.text, reason: o.reason.trim() }));
    const publishedIds: string[] = [];
    // read before the transaction: in embedded mode another connection waits for an open transaction to end
    const overrides = await calendar.overrides();
    const result = await run(async (tx): Promise<PublishResult> => {
      const peek = await getRevision(tx, revisionId);
      const peekItem = await getItem(tx, peek.itemId);
      ensure(actor, 'item.publish', await getAgency(tx, peekItem.agencyId));
      // a 重大政策 takes its ready interpretations with it (渝府办发〔2018〕76号（三）: 同步公开解读信息)
      const readyPeek = peek.isMajorPolicy ? await repo.selectReadyInterpretations(tx, peek.itemId) : [];
      const locked = await repo.lockItems(tx, [peek.itemId, ...readyPeek.map((r) => r.itemId)]);
      const item = locked.find((i) => i.id === peek.itemId);
      if (!item) throw new AppError('NOT_FOUND', ITEM_NOT_FOUND);
      const revision = await getRevision(tx, revisionId);
      checkVersion(revision, version);
      const agency = await getAgency(tx, item.agencyId);
      const main: PublishTarget = { item, revision, agency };

      const ready = revision.isMajorPolicy ? await repo.selectReadyInterpretations(tx, item.id) : [];
      const hasPublicInterpretation = revision.isMajorPolicy && (await repo.selectPublicInterpretationsOf(tx, item.id)).length > 0;
      const note = { changeNote: input.changeNote ?? revision.changeNote ?? '', minorChange: input.isMinorChange ?? revision.isMinorChange };
      const exception = input.interpretationException?.trim() ?? '';
      const transition = publishInputOf(actor, main, agency.fourEyes, note, revision.isMajorPolicy ? { hasReadyInterpretation: ready.length > 0 || hasPublicInterpretation, exceptionReason: exception } : undefined);
      const current = { revision: revision.state, item: item.status };
      const verdict = checkTransition(current, transition);
      if (!verdict.ok) {
        if (verdict.refusals.every((r) => r.code === 'INTERPRETATION_MISSING')) {
          return { ok: false, reason: 'interpretation_missing', message: verdict.refusals.map((r) => r.message).join('；'), refusals: verdict.refusals };
        }
        assertTransition(current, transition);
      }
      await checkGoingPublic(tx, main);

      const targets: PublishTarget[] = [main];
      for (const r of ready) {
        const rItem = locked.find((i) => i.id === r.itemId) ?? (await getItem(tx, r.itemId, true));
        const rAgency = await getAgency(tx, rItem.agencyId);
        if (!canOnItem(actor, 'item.publish', rAgency)) throw forbidden(`您没有发布解读《${r.title}》的权限，无法与重大政策一并发布。`);
        const t: PublishTarget = { item: rItem, revision: r, agency: rAgency };
        assertTransition({ revision: r.state, item: rItem.status }, publishInputOf(actor, t, rAgency.fourEyes, { changeNote: r.changeNote ?? '', minorChange: r.isMinorChange }));
        if (r.disclosureMode !== 'proactive') throw validationError([{ field: 'interpretation', message: `解读《${r.title}》的公开属性不是主动公开，不能发布` }]);
        targets.push(t);
      }

      // the privacy gate: every text going public, with stored and newly given overrides
      const reports: PrivacyGateReport[] = [];
      for (const t of targets) reports.push(await runGate(tx, t.item, t.revision, extraOverrides));
      if (reports.some((r) => !r.result.ok)) {
        return { ok: false, reason: 'privacy', message: reports.filter((r) => !r.result.ok).map((r) => (targets.length > 1 ? `《${r.title}》：${r.result.message}` : r.result.message)).join('\n'), reports };
      }

      // from here on, writes: 索引号 first, in agency order (counter rows are always locked in one order, and
      // before the audit log's lock), then the rows, then the overrides and audit rows
      const day = today();
      const at = now();
      const done: { target: PublishTarget; revision: RevisionRecord; item: ItemRecord }[] = [];
      const ordered = [...targets].sort((a, b) => (a.item.agencyId < b.item.agencyId ? -1 : a.item.agencyId > b.item.agencyId ? 1 : 0));
      const numbers = new Map<string, string>();
      for (const t of ordered) {
        if (t.item.indexNumber) continue;
        const publishedDate = t.revision.publishedDate ?? day;
        const year = Number(publishedDate.slice(0, 4));
        const seq = await repo.nextIndexSequence(tx, t.item.agencyId, year);
        try {
          numbers.set(t.item.id, formatIndexNumber(t.agency.creditCode, year, seq));
        } catch (err) {
          throw new AppError('CONFLICT', `无法生成索引号：${(err as Error).message}`);
        }
      }
      for (const t of targets) {
        const isMain = t === main;
        const publishedDate = t.revision.publishedDate ?? day;
        const indexNumber = t.item.indexNumber ?? numbers.get(t.item.id);
        if (!indexNumber) throw new Error('index number missing');
        const updated = await repo.updateRevisionRow(tx, t.revision.id, t.revision.version, {
          state: 'published',
          publishedBy: userIdOf(actor),
          publishedAt: at,
          publishedDate,
          ...(isMain ? { changeNote: blank(note.changeNote) ? t.revision.changeNote : note.changeNote.trim(), isMinorChange: note.minorChange } : {}),
          ...(isMain && t.revision.isMajorPolicy && ready.length === 0 && !hasPublicInterpretation ? { interpretationException: exception } : {}),
        });
        if (!updated) throw new AppError('STALE_RECORD', STALE_MESSAGE);
        // the previous public revision gives way (Whitehall's supersede)
        if (t.item.publishedRevisionId && t.item.publishedRevisionId !== t.revision.id) {
          const previous = await getRevision(tx, t.item.publishedRevisionId);
          if (previous.state === 'published') {
            assertTransition({ revision: previous.state, item: t.item.status }, { verb: 'supersede' });
            const superseded = await repo.updateRevisionRow(tx, previous.id, previous.version, { state: 'superseded' });
            if (!superseded) throw new AppError('STALE_RECORD', STALE_MESSAGE);
          }
        }
        const first = t.item.firstPublishedAt === null;
        const updatedItem = await repo.updateItemRow(tx, t.item.id, t.item.version, {
          status: 'published',
          publishedRevisionId: t.revision.id,
          indexNumber,
          ...(first ? { firstPublishedAt: at, workingDaysTaken: workingDaysTaken(t.revision.writtenDate, publishedDate, overrides) } : {}),
          unpublishedAt: null,
          unpublishReason: null,
        });
        if (!updatedItem) throw new AppError('STALE_RECORD', STALE_MESSAGE);
        await syncItemLinks(tx, updatedItem, updated);
        done.push({ target: t, revision: updated, item: updatedItem });
      }
      for (const [i, report] of reports.entries()) {
        const target = targets[i];
        if (!target) continue;
        const used = new Set([...report.result.findings, ...report.result.attachments.flatMap((a) => a.findings)].filter((f) => f.status === 'overridden').map((f) => `${f.type}\u0000${f.text}`));
        for (const o of extraOverrides) if (used.has(`${o.type}\u0000${o.text}`)) await storeOverride(tx, actor, target.item, o);
      }

      for (const d of done) {
        const bundled = done.filter((x) => x !== d).map((x) => x.item.id);
        await audit(tx, actor, 'item.publish', d.item, {
          reason: d.target === main && d.revision.interpretationException ? `重大政策先行发布：${d.revision.interpretationException}` : null,
          before: { status: d.target.item.status, revisionState: d.target.revision.state },
          after: {
            revisionId: d.revision.id,
            revisionNo: d.revision.revisionNo,
            indexNumber: d.item.indexNumber,
            publishedDate: d.revision.publishedDate,
            workingDaysTaken: d.item.workingDaysTaken,
            changeNote: d.revision.changeNote,
            isMinorChange: d.revision.isMinorChange,
            ...(bundled.length ? { publishedTogetherWith: bundled } : {}),
          },
        });
        await indexer.reindexItem(tx, d.item.id);
        publishedIds.push(d.item.id);
      }
      // the policies an interpretation links to show it from now on
      for (const d of done) if (d.revision.genre === 'interpretation') for (const p of d.revision.interpretsItemIds) if (!publishedIds.includes(p)) await indexer.reindexItem(tx, p);
      const mainDone = done[0];
      if (!mainDone) throw new Error('nothing published');
      return {
        ok: true,
        item: mainDone.item,
        revision: mainDone.revision,
        indexNumber: mainDone.item.indexNumber ?? '',
        published: done.map((d) => ({ itemId: d.item.id, revisionId: d.revision.id, indexNumber: d.item.indexNumber ?? '', title: d.revision.title })),
      };
    });
    if (result.ok) notify(publishedIds);
    return result;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Item verbs: withdraw, revoke, unpublish
  // -------------------------------------------------------------------------------------------------------------

  async function itemVerb(
    actor: AuditActor,
    itemId: string,
    version: number,
    action: ItemAction,
    fn: (tx: Tx, item: ItemRecord, agency: Agency) => Promise<{ changes: Partial<repo.ItemValues>; audit: string; reason: string | null; after: unknown }>,
  ): Promise<ItemRecord> {
    const updated = await run(async (tx) => {
      const item = await getItem(tx, itemId, true);
      const agency = await getAgency(tx, item.agencyId);
      ensure(actor, action, agency);
      const step = await fn(tx, item, agency);
      checkVersion(item, version);
      const row = await repo.updateItemRow(tx, item.id, item.version, step.changes);
      if (!row) throw new AppError('STALE_RECORD', STALE_MESSAGE);
      await audit(tx, actor, step.audit, row, { reason: step.reason, before: { status: item.status, validity: item.validity }, after: step.after });
      await indexer.reindexItem(tx, row.id);
      return row;
    });
    notify([updated.id]);
    return updated;
  }

  // -------------------------------------------------------------------------------------------------------------

  return {
    async createDraft(actor, input) {
      const created = await run(async (tx) => {
        const { value, fields } = checkSchema(NewItemDraft, input);
        // the owning agency: as chosen, or for an interpretation the agency that drafted its policy (谁起草、谁解读)
        const raw = input && typeof input === 'object' ? (input as Record<string, unknown>) : {};
        let agencyId: string | null = isUuid(raw.agencyId) ? raw.agencyId.toLowerCase() : null;
        const firstPolicyId: unknown = Array.isArray(raw.interpretsItemIds) ? raw.interpretsItemIds[0] : undefined;
        if (!agencyId && raw.agencyId === undefined && isUuid(firstPolicyId)) {
          const policy = await repo.findItem(tx, firstPolicyId);
          agencyId = policy?.agencyId ?? null;
        }
        const agency = agencyId ? await repo.findAgency(tx, agencyId) : undefined;
        // policy before the field errors, so a stranger learns nothing about the data
        if (agency) ensure(actor, 'item.draft', agency);
        else if (!mayTakeAnywhere(actor, 'item.draft')) throw forbidden();
        if (!agency) pushField(fields, { field: 'agencyId', message: agencyId ? '发布机构不存在' : '请选择发布机构' });
        else if (agency.retiredAt) pushField(fields, { field: 'agencyId', message: '发布机构已撤销，不能再发布信息' });
        if (!value || !agency) throw validationError(fields);
        const checked = await checkDraft(tx, draftDataFromNew(value), { leadAgencyId: agency.id, itemId: null, revisionNo: 1 });
        for (const f of checked.fields) pushField(fields, f);
        if (fields.length > 0) throw validationError(fields);

        const item = await repo.insertItem(tx, { agencyId: agency.id });
        const revision = await repo.insertRevision(
          tx,
          { ...checked.values, itemId: item.id, revisionNo: 1, state: 'draft', createdBy: userIdOf(actor) },
          { ...checked.proposals, editedBy: withEditor(null, actor) },
        );
        await syncItemLinks(tx, item, revision);
        await audit(tx, actor, 'item.create', item, { after: { revisionId: revision.id, title: revision.title, genre: revision.genre, documentNumber: revision.documentNumber, writtenDate: revision.writtenDate } });
        return { item, revision };
      });
      return created;
    },

    async updateDraft(actor, revisionId, version, changes) {
      return run(async (tx) => {
        const { item, revision } = await loadForRevisionVerb(tx, actor, revisionId, 'item.draft');
        assertTransition({ revision: revision.state, item: item.status }, { verb: 'edit' });
        const { value, fields } = checkSchema(ItemDraftChanges, changes);
        if (!value) throw validationError(fields);
        const checked = await checkDraft(tx, mergeChanges(draftDataOf(revision), value), { leadAgencyId: item.agencyId, itemId: item.id, revisionNo: revision.revisionNo });
        if (checked.fields.length > 0) throw validationError(checked.fields);
        checkVersion(revision, version);
        const updated = await repo.updateRevisionRow(tx, revision.id, version, { ...checked.values, secrecyCheckedBy: null, secrecyCheckedAt: null }, { ...checked.proposals, editedBy: withEditor(revision, actor) });
        if (!updated) throw new AppError('STALE_RECORD', STALE_MESSAGE);
        if (item.status === 'never_published') await syncItemLinks(tx, item, updated);
        await audit(tx, actor, 'item.update', item, { after: { revisionId: updated.id, version: updated.version, fields: Object.keys(value) } });
        return updated;
      });
    },

    async submit(actor, revisionId, version) {
      return run(async (tx) => {
        const { item, revision } = await loadForRevisionVerb(tx, actor, revisionId, 'item.submit');
        const to = assertTransition({ revision: revision.state, item: item.status }, { verb: 'submit' });
        checkVersion(revision, version);
        const files = await repo.selectAttachments(tx, revision.id);
        if (htmlToPlainText(revision.bodyHtml).trim() === '' && files.length === 0) throw validationError([{ field: 'bodyHtml', message: '正文和附件不能都为空' }]);
        const updated = await repo.updateRevisionRow(tx, revision.id, version, {
          state: to.revision ?? 'submitted',
          submittedBy: userIdOf(actor),
          submittedAt: now(),
          returnComment: null,
          secrecyCheckedBy: null,
          secrecyCheckedAt: null,
        });
        if (!updated) throw new AppError('STALE_RECORD', STALE_MESSAGE);
        await audit(tx, actor, 'item.submit', item, { after: { revisionId: updated.id, revisionNo: updated.revisionNo } });
        return updated;
      });
    },

    async returnToDraft(actor, revisionId, version, input) {
      return run(async (tx) => {
        const { item, revision } = await loadForRevisionVerb(tx, actor, revisionId, 'item.return');
        const raw = input && typeof input === 'object' ? (input as Record<string, unknown>) : {};
        const comment = typeof raw.comment === 'string' ? raw.comment : '';
        const to = assertTransition({ revision: revision.state, item: item.status }, { verb: 'return', comment });
        const value = parse(ReturnToDraftInput, input);
        checkVersion(revision, version);
        const updated = await repo.updateRevisionRow(tx, revision.id, version, { state: to.revision ?? 'draft', returnComment: value.comment.trim(), secrecyCheckedBy: null, secrecyCheckedAt: null });
        if (!updated) throw new AppError('STALE_RECORD', STALE_MESSAGE);
        await audit(tx, actor, 'item.return', item, { reason: value.comment.trim(), after: { revisionId: updated.id } });
        return updated;
      });
    },

    async confirmSecrecyReview(actor, revisionId, version) {
      return run(async (tx) => {
        const { item, revision, agency } = await loadForRevisionVerb(tx, actor, revisionId, 'item.secrecyReview');
        if (revision.state !== 'submitted') throw new AppError('ILLEGAL_TRANSITION', '只有待审核的稿件可以进行保密审查');
        // 条例 第十七条 审查机制; four-eyes: the reviewer is not one of the authors
        if (agency.fourEyes && authorsOf(revision).includes(actorKey(actor))) throw forbidden('保密审查须由编辑以外的审核人确认');
        checkVersion(revision, version);
        const updated = await repo.updateRevisionRow(tx, revision.id, version, { secrecyCheckedBy: userIdOf(actor), secrecyCheckedAt: now() });
        if (!updated) throw new AppError('STALE_RECORD', STALE_MESSAGE);
        await audit(tx, actor, 'item.secrecy_review', item, { after: { revisionId: updated.id, secrecyCheckedAt: updated.secrecyCheckedAt } });
        return updated;
      });
    },

    publish,

    async createRevision(actor, itemId, rawInput = {}) {
      return run(async (tx) => {
        const item = await getItem(tx, itemId, true);
        const agency = await getAgency(tx, item.agencyId);
        ensure(actor, 'item.createRevision', agency);
        const open = await repo.findOpenRevision(tx, item.id);
        assertTransition({ item: item.status }, { verb: 'createRevision', hasPendingRevision: open !== undefined });
        const input = parse(CreateRevisionInput, rawInput ?? {});
        if (!item.publishedRevisionId) throw new AppError('ILLEGAL_TRANSITION', '该信息没有已发布的版本');
        const source = await getRevision(tx, item.publishedRevisionId);
        const isMinorChange = input.isMinorChange ?? false;
        const changeNote = input.changeNote?.trim() ?? '';
        if (!isMinorChange && changeNote === '') throw validationError([{ field: 'changeNote', message: '修订已发布的信息须填写修改说明（细微修改可勾选“细微修改”）' }]);
        const revisionNo = await repo.nextRevisionNo(tx, item.id);
        const {
          id: _id,
          itemId: _itemId,
          revisionNo: _no,
          state: _state,
          coIssuerIds,
          catalogNodeIds,
          interpretsItemIds,
          editedBy: _editors,
          version: _version,
          createdAt: _createdAt,
          updatedAt: _updatedAt,
          ...content
        } = source;
        const created = await repo.insertRevision(
          tx,
          {
            ...content,
            itemId: item.id,
            revisionNo,
            state: 'draft',
            // 发布日期 is the day this revision goes out
            publishedDate: null,
            changeNote: changeNote === '' ? null : changeNote,
            isMinorChange,
            returnComment: null,
            createdBy: userIdOf(actor),
            submittedBy: null,
            submittedAt: null,
            secrecyCheckedBy: null,
            secrecyCheckedAt: null,
            publishedBy: null,
            publishedAt: null,
            interpretationException: null,
          },
          { coIssuerIds, catalogNodeIds, interpretsItemIds, editedBy: withEditor(null, actor) },
        );
        // attachments carry over: same stored files
        await repo.copyAttachments(tx, source.id, created.id);
        await audit(tx, actor, 'item.create_revision', item, { after: { revisionId: created.id, revisionNo, fromRevisionId: source.id, changeNote: created.changeNote, isMinorChange } });
        return created;
      });
    },

    async withdraw(actor, itemId, version, input) {
      return itemVerb(actor, itemId, version, 'item.withdraw', async (_tx, item) => {
        const raw = input && typeof input === 'object' ? (input as Record<string, unknown>) : {};
        const notice = typeof raw.notice === 'string' ? raw.notice : '';
        assertTransition({ item: item.status }, { verb: 'withdraw', notice });
        const value = parse(WithdrawInput, input);
        const at = now();
        return { changes: { status: 'withdrawn', withdrawnAt: at, withdrawalNotice: value.notice.trim() }, audit: 'item.withdraw', reason: value.notice.trim(), after: { status: 'withdrawn', withdrawnAt: at } };
      });
    },

    async revoke(actor, itemId, version, input) {
      return itemVerb(actor, itemId, version, 'item.revoke', async (tx, item) => {
        const raw = input && typeof input === 'object' ? (input as Record<string, unknown>) : {};
        const str = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string) : '');
        const validity = raw.validity === 'repealed' ? 'repealed' : 'expired';
        const replacedRaw = str('replacedByItemId').trim();
        try {
          assertTransition(
            { item: item.status },
            { verb: 'revoke', itemId: item.id, currentValidity: item.validity, validity, effectiveDate: str('effectiveDate'), reason: str('reason'), replacedByItemId: replacedRaw || null },
          );
        } catch (err) {
          // the form's field is replacedByItemId
          if (isAppError(err) && err.code === 'VALIDATION_FAILED') throw validationError(err.fields.map((f) => (f.field === 'replacedBy' ? { ...f, field: 'replacedByItemId' } : f)));
          throw err;
        }
        const value = parse(RevokeInput, input);
        const fields: FieldError[] = [];
        const effectiveDate = value.effectiveDate.trim();
        if (effectiveDate > today()) fields.push({ field: 'effectiveDate', message: '失效或废止日期不能晚于今天（到期后再标注）' });
        const published = item.publishedRevisionId ? await repo.findRevision(tx, item.publishedRevisionId) : undefined;
        if (published && effectiveDate < published.writtenDate) fields.push({ field: 'effectiveDate', message: `失效或废止日期不能早于成文日期 ${published.writtenDate}` });
        const replacedBy = value.replacedByItemId ? value.replacedByItemId.toLowerCase() : null;
        if (replacedBy) {
          const other = await repo.findItem(tx, replacedBy);
          if (!other || (other.status !== 'published' && other.status !== 'withdrawn')) fields.push({ field: 'replacedByItemId', message: '替代文件不存在或尚未发布' });
        }
        if (fields.length > 0) throw validationError(fields);
        return {
          changes: { validity: value.validity, validityDate: effectiveDate, validityReason: value.reason.trim(), replacedByItemId: replacedBy },
          audit: 'item.revoke',
          reason: value.reason.trim(),
          after: { validity: value.validity, validityDate: effectiveDate, replacedByItemId: replacedBy },
        };
      });
    },

    async unpublish(actor, itemId, version, input) {
      return itemVerb(actor, itemId, version, 'item.unpublish', async (_tx, item) => {
        const raw = input && typeof input === 'object' ? (input as Record<string, unknown>) : {};
        const reason = typeof raw.reason === 'string' ? raw.reason : '';
        assertTransition({ item: item.status }, { verb: 'unpublish', reason });
        const value = parse(UnpublishInput, input);
        const at = now();
        return { changes: { status: 'unpublished', unpublishedAt: at, unpublishReason: value.reason.trim() }, audit: 'item.unpublish', reason: value.reason.trim(), after: { status: 'unpublished', unpublishedAt: at } };
      });
    },

    async addAttachment(actor, revisionId, upload) {
      const pre = await getRevision(db, revisionId);
      const preItem = await getItem(db, pre.itemId);
      ensure(actor, 'item.draft', await getAgency(db, preItem.agencyId));
      assertTransition({ revision: pre.state, item: preItem.status }, { verb: 'edit' });
      const filename = cleanFilename(upload.filename);
      if (filename === '') throw validationError([{ field: 'file', message: '附件文件名不能为空' }]);
      if ([...filename].length > 200) throw validationError([{ field: 'file', message: '附件文件名不能超过 200 个字' }]);
      const size = upload.bytes.byteLength;
      if (size === 0) throw validationError([{ field: 'file', message: `附件“${filename}”是空文件` }]);
      if (size > config.maxUploadBytes) {
        throw new AppError('PAYLOAD_TOO_LARGE', `附件“${filename}”大小为 ${formatMb(size)}，超过了 ${formatMb(config.maxUploadBytes)} 的上限`, { fields: [{ field: 'file', message: `附件不能超过 ${formatMb(config.maxUploadBytes)}` }] });
      }
      const sniffed = await sniffUpload(filename, upload.bytes);
      if (!sniffed.ok) throw new AppError('UNSUPPORTED_MEDIA_TYPE', sniffed.message, { fields: [{ field: 'file', message: sniffed.message }] });
      const bytes = Buffer.from(upload.bytes.buffer, upload.bytes.byteOffset, upload.bytes.byteLength);
      const stored = await storage.put(bytes);
      const text = extractText(bytes, sniffed.kind.mime);
      textCache.set(stored.sha256, text);
      return run(async (tx) => {
        const { item, revision } = await loadForRevisionVerb(tx, actor, revisionId, 'item.draft');
        assertTransition({ revision: revision.state, item: item.status }, { verb: 'edit' });
        const created = await repo.insertAttachment(tx, {
          itemId: item.id,
          revisionId: revision.id,
          filename,
          mime: sniffed.kind.mime,
          sizeBytes: size,
          sha256: stored.sha256,
          storageKey: stored.key,
          textExtracted: text !== null,
          sortOrder: await repo.nextAttachmentSortOrder(tx, revision.id),
        });
        await audit(tx, actor, 'item.attachment.add', item, { after: { revisionId: revision.id, attachmentId: created.id, filename, mime: created.mime, sizeBytes: size, sha256: stored.sha256 } });
        return created;
      });
    },

    async removeAttachment(actor, attachmentId) {
      await run(async (tx) => {
        const a = isUuid(attachmentId) ? await repo.findAttachment(tx, attachmentId) : undefined;
        if (!a) throw new AppError('NOT_FOUND', ATTACHMENT_NOT_FOUND);
        const { item, revision } = await loadForRevisionVerb(tx, actor, a.revisionId, 'item.draft');
        // only a draft's own row goes; published revisions keep theirs
        assertTransition({ revision: revision.state, item: item.status }, { verb: 'edit' });
        await repo.deleteAttachmentRow(tx, a.id);
        await audit(tx, actor, 'item.attachment.remove', item, { before: { revisionId: revision.id, attachmentId: a.id, filename: a.filename, sha256: a.sha256 } });
      });
    },

    async confirmAttachmentPrivacy(actor, attachmentId) {
      return run(async (tx) => {
        const a = isUuid(attachmentId) ? await repo.findAttachment(tx, attachmentId) : undefined;
        if (!a) throw new AppError('NOT_FOUND', ATTACHMENT_NOT_FOUND);
        const { item, revision } = await loadForRevisionVerb(tx, actor, a.revisionId, 'item.secrecyReview');
        if (revision.state !== 'draft' && revision.state !== 'submitted') throw new AppError('ILLEGAL_TRANSITION', '已发布版本的附件不能再确认');
        const at = now();
        await repo.confirmAttachmentRow(tx, a.id, userIdOf(actor), at);
        await audit(tx, actor, 'item.attachment.privacy_confirm', item, { after: { revisionId: revision.id, attachmentId: a.id, filename: a.filename, sha256: a.sha256 } });
        const updated = await repo.findAttachment(tx, a.id);
        if (!updated) throw new AppError('NOT_FOUND', ATTACHMENT_NOT_FOUND);
        return updated;
      });
    },

    async openAttachment(attachmentId, actor) {
      const a = isUuid(attachmentId) ? await repo.findAttachment(db, attachmentId) : undefined;
      if (!a) throw new AppError('NOT_FOUND', ATTACHMENT_NOT_FOUND);
      const item = await getItem(db, a.itemId);
      const isPublic = (item.status === 'published' || item.status === 'withdrawn') && item.publishedRevisionId === a.revisionId;
      if (!isPublic) {
        const agency = await getAgency(db, item.agencyId);
        if (!actor || !canOnItem(actor, 'item.read', agency)) {
          if (item.status === 'unpublished' && item.publishedRevisionId === a.revisionId) throw new AppError('GONE', `该信息已撤销发布：${item.unpublishReason ?? ''}`, { reason: item.unpublishReason });
          throw new AppError('NOT_FOUND', ATTACHMENT_NOT_FOUND);
        }
      }
      return { attachment: a, bytes: await storage.get(a.storageKey) };
    },

    async checkPrivacy(actor, revisionId) {
      const revision = await getRevision(db, revisionId);
      const item = await getItem(db, revision.itemId);
      ensure(actor, 'item.read', await getAgency(db, item.agencyId));
      return runGate(db, item, revision);
    },

    async overridePrivacyFinding(actor, revisionId, input) {
      await run(async (tx) => {
        const { item, revision } = await loadForRevisionVerb(tx, actor, revisionId, 'item.overridePrivacy');
        if (revision.state !== 'draft' && revision.state !== 'submitted') throw new AppError('ILLEGAL_TRANSITION', '只能在发布前说明保留理由');
        const value = parse(PrivacyOverrideInput, input);
        // the finding must be in what is about to be published
        const files = await repo.selectAttachments(tx, revision.id);
        const texts = [gateText(revision), ...(await Promise.all(files.map(attachmentText))).filter((t): t is string => t !== null)];
        const present = texts.some((t) => scanText(t).some((f) => f.type === value.type && f.text === value.text));
        if (!present) throw validationError([{ field: 'text', message: `稿件中没有找到该${FINDING_LABELS[value.type]}` }]);
        await storeOverride(tx, actor, item, value);
      });
    },

    async deidentifyDraft(actor, revisionId, version) {
      return run(async (tx) => {
        const { item, revision } = await loadForRevisionVerb(tx, actor, revisionId, 'item.draft');
        assertTransition({ revision: revision.state, item: item.status }, { verb: 'edit' });
        checkVersion(revision, version);
        const policy = privacyPolicyOf(revision);
        const stored = await repo.selectPrivacyOverrides(tx, PRIVACY_ENTITY, item.id);
        const plain = gateText(revision);
        const kept = overridesFor([plain, revision.bodyHtml], stored);
        const scan = await publicScanOptions(tx);
        const mask = (text: string) => deidentifyAll(text, policy, { overrides: kept, scan });
        const title = mask(revision.title);
        const summary = revision.summary === null ? null : mask(revision.summary);
        // masking works on the HTML source; the result is sanitized again like every save
        const bodyHtml = sanitizeBodyHtml(mask(revision.bodyHtml), { siteOrigin: config.baseUrl });
        const changed = title !== revision.title || summary !== revision.summary || bodyHtml !== revision.bodyHtml;
        if (!changed) return revision;
        const updated = await repo.updateRevisionRow(tx, revision.id, version, { title, summary, bodyHtml, secrecyCheckedBy: null, secrecyCheckedAt: null }, { editedBy: withEditor(revision, actor) });
        if (!updated) throw new AppError('STALE_RECORD', STALE_MESSAGE);
        const before = scanText(plain, scan).length;
        const after = scanText(gateText(updated), scan).length;
        await audit(tx, actor, 'item.deidentify', item, { after: { revisionId: updated.id, findingsBefore: before, findingsAfter: after, policy } });
        return updated;
      });
    },

    async getItemForPortal(idOrIndexNumber) {
      const item = await findByIdOrIndexNumber(db, idOrIndexNumber);
      if (!item.publishedRevisionId || !item.indexNumber || !item.firstPublishedAt) throw new AppError('NOT_FOUND', ITEM_NOT_FOUND);
      const r = await getRevision(db, item.publishedRevisionId);
      const [issuers, nodes, files, interpretations, policies, history] = [
        await repo.selectIssuers(db, item.id),
        await repo.selectItemNodes(db, item.id),
        await repo.selectAttachments(db, r.id),
        await repo.selectPublicInterpretationsOf(db, item.id),
        await repo.selectPublicPoliciesOf(db, item.id),
        await repo.selectPublicHistory(db, item.id),
      ];
      let replacedBy: PortalItem['item']['replacedBy'] = null;
      if (item.replacedByItemId) {
        const [t] = await repo.selectItemTitles(db, [item.replacedByItemId]);
        if (t && (t.status === 'published' || t.status === 'withdrawn')) replacedBy = { itemId: t.itemId, indexNumber: t.indexNumber, title: t.title };
      }
      const genre = r.genre as GenreId;
      return {
        item: {
          id: item.id,
          indexNumber: item.indexNumber,
          status: item.status === 'withdrawn' ? 'withdrawn' : 'published',
          validity: item.validity,
          validityName: validityName(item.validity),
          validityDate: item.validityDate,
          validityReason: item.validityReason,
          replacedBy,
          withdrawnAt: item.withdrawnAt,
          withdrawalNotice: item.withdrawalNotice,
          firstPublishedAt: item.firstPublishedAt,
          workingDaysTaken: item.workingDaysTaken,
        },
        revision: {
          id: r.id,
          revisionNo: r.revisionNo,
          title: r.title,
          documentNumber: r.documentNumber,
          writtenDate: r.writtenDate,
          publishedDate: r.publishedDate ?? shanghaiDate(item.firstPublishedAt),
          subject: r.subject,
          subjectName: topicLabel(r.subject) ?? r.subject,
          genre,
          genreName: genreName(genre),
          policyTags: r.policyTags,
          keywords: r.keywords,
          summary: r.summary,
          bodyHtml: r.bodyHtml,
          disclosureMode: r.disclosureMode,
          disclosureModeName: disclosureModeName(r.disclosureMode),
          isMajorPolicy: r.isMajorPolicy,
          interpretationForm: r.interpretationForm,
          recipients: r.recipients,
        },
        agencies: issuers,
        catalogNodes: nodes,
        attachments: files.map((a) => ({ id: a.id, filename: a.filename, mime: a.mime, sizeBytes: a.sizeBytes, sha256: a.sha256 })),
        interpretations,
        policies,
        history: historyOf(history),
        flags: { isWithdrawn: item.status === 'withdrawn', isRevoked: item.validity !== 'valid', isMajorPolicy: r.isMajorPolicy },
      };
    },

    async getItemHistory(idOrIndexNumber) {
      const item = await findByIdOrIndexNumber(db, idOrIndexNumber);
      return historyOf(await repo.selectPublicHistory(db, item.id));
    },

    async getItemForConsole(actor, itemId) {
      const item = await getItem(db, itemId);
      const agency = await getAgency(db, item.agencyId);
      ensure(actor, 'item.read', agency);
      const revisions = await repo.selectRevisionsOfItem(db, item.id);
      const open = revisions.find((r) => r.state === 'draft' || r.state === 'submitted') ?? null;
      const published = revisions.find((r) => r.id === item.publishedRevisionId) ?? null;
      const shown = [open, published].filter((r): r is RevisionRecord => r !== null);
      const files = await repo.selectAttachmentsOfRevisions(
        db,
        shown.map((r) => r.id),
      );
      const attachmentsByRevision: Record<string, AttachmentRecord[]> = {};
      for (const r of shown) attachmentsByRevision[r.id] = files.filter((f) => f.revisionId === r.id);
      const stored = await repo.selectPrivacyOverrides(db, PRIVACY_ENTITY, item.id);
      let deadline: DueBoardRow | null = null;
      if (open && open.disclosureMode === 'proactive') {
        deadline = deadlineOf(
          { itemId: item.id, revisionId: open.id, revisionNo: open.revisionNo, title: open.title, state: open.state, writtenDate: open.writtenDate, openedDate: shanghaiDate(open.createdAt) },
          await calendar.overrides(),
          today(),
        );
      }
      return {
        item,
        agency,
        issuers: await repo.selectIssuers(db, item.id),
        catalogNodes: await repo.selectItemNodes(db, item.id),
        revisions,
        openRevision: open,
        publishedRevision: published,
        attachments: attachmentsByRevision,
        interpretations: await repo.selectPublicInterpretationsOf(db, item.id),
        policies: await repo.selectPublicPoliciesOf(db, item.id),
        openInterpretations: await repo.selectOpenInterpretationsOf(db, item.id),
        proposedPolicies: open ? await repo.selectItemTitles(db, open.interpretsItemIds) : [],
        privacyOverrides: stored.map((o) => ({ findingType: o.findingType, label: FINDING_LABELS[o.findingType as keyof typeof FINDING_LABELS] ?? o.findingType, masked: o.masked, reason: o.reason, actorLabel: o.actorLabel, at: o.at })),
        deadline,
        actions: actionsFor(actor, agency, item, open),
      };
    },

    async listItemsForConsole(actor, filters = {}) {
      const scopes = itemScopes(actor, 'item.read');
      if (scopes.length === 0) throw forbidden();
      const f = parse(ConsoleItemFilters, filters ?? {});
      const page = f.page ?? 1;
      const pageSize = f.pageSize ?? 50;
      const { total, rows } = await repo.selectConsoleItems(db, {
        scopes,
        agencyId: f.agencyId?.toLowerCase(),
        state: f.state,
        genre: f.genre,
        q: f.q?.trim() || undefined,
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      return { total, page, pageSize, rows };
    },

    async dueBoard(actor, agencyId) {
      if (!isUuid(agencyId)) throw new AppError('NOT_FOUND', '未找到该机关。');
      const agency = await getAgency(db, agencyId);
      ensure(actor, 'item.read', agency);
      const day = today();
      const overrides = await calendar.overrides();
      const rows = (await repo.selectBoardRevisions(db, agency.id)).map((r) => deadlineOf(r, overrides, day));
      rows.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.title.localeCompare(b.title, 'zh')));
      const counts: Record<DeadlineStatus, number> = { on_track: 0, due_soon: 0, overdue: 0 };
      for (const r of rows) counts[r.status]++;
      return { agency, today: day, rows, counts };
    },

    async listPoliciesWithoutInterpretation(actor, agencyId) {
      if (!isUuid(agencyId)) throw new AppError('NOT_FOUND', '未找到该机关。');
      const agency = await getAgency(db, agencyId);
      ensure(actor, 'item.read', agency);
      return repo.selectPoliciesWithoutInterpretation(db, agency.id, POLICY_GENRES);
    },

    onPublicChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The name as the public will see it: no path, no control characters, no surrounding spaces. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  return base
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim();
}

function formatMb(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10} MB`;
}

export type { DeadlineStatus } from './disclosure.workflow.ts';
