// ── Interface note for the console helper (issue 7) ──────────────────────────────────────────────────────────────
// `deps.hotline` is a HotlineService (below). Build the console on these; do not query the tables yourself.
//   intake(input, { kind: 'staff', actor, accept? })   agent's phone form → { id, number, queryCode } (tell the caller
//                                                      the number and query code); accept: true also records 受理.
//                                                      Input keys (form strings fine): channel, type, urgency,
//                                                      categoryCode, districtCode, title, content, address, lat, long,
//                                                      contactName, contactPhone, contactEmail, confidentiality,
//                                                      publishConsent, mediaUrls[]. VALIDATION_FAILED lists every field.
//   transition(actor, id, verb, input, { version? })    every TICKET_TRANSITIONS verb; `input` may be the raw form
//                                                      (readTransitionInput coerces) — merge takes { targetId }.
//                                                      Throws FORBIDDEN, NOT_FOUND, STALE_RECORD, ILLEGAL_TRANSITION
//                                                      (409), VALIDATION_FAILED (400, fields), CONFLICT (409, fields).
//   getTicket(actor, id) → TicketDetail                row, events, attachments, agency names, clocks, verbs the
//                                                      actor may take now (`actions`). Contact is blanked for agency
//                                                      staff on a fully confidential ticket.
//   listTickets(actor, filters) → { total, rows }       filters: states, channels, types, categoryPrefix, districtCode,
//                                                      leadAgencyIds, from, to, q, page, pageSize (agency staff see
//                                                      only tickets their agencies lead or assist).
//   queues(actor, { agencyId? }) → { overdue, nearDue } rows with the running clock and its chip (classifyDue).
//   findDuplicateCandidates(actor, id)                 并单 candidates (duplicates.ts) for the merge dialog.
//   addAttachment(actor, id, {filename, bytes}) / openAttachment(actor, attachmentId)   stored files (sniffed, ≤ limit).
//   intake(input, { kind: 'citizen', …, files })        the portal form's files (≤ 3, JPEG/PNG/PDF) are checked with the
//                                                      fields and stored with the ticket, or nothing is written.
//   snapshotOf(row, overrides, now)                    the workflow snapshot (for availableVerbs / checkTransition).
//   apiKeys: ApiKeyService                             issue/revoke/list Open311 keys (admin).
// Public side (no actor; tickets.public.ts): getPublicTicket, trackTicket, listOpen311Requests, open311Token, listPublishedLetters,
// getPublishedLetter, mailboxFigures. Ticket rows carry contact_* columns: never render them on public pages.
// ────────────────────────────────────────────────────────────────────────────────────────────────────────────────
import { createHmac, randomBytes } from 'node:crypto';
import { recordAudit } from '../../platform/audit/audit.ts';
import { actorLabel, type AuditActor } from '../../platform/auth/actor.ts';
import { forbidden } from '../../platform/auth/guard.ts';
import { scopesFor } from '../../platform/auth/policy.ts';
import { shanghaiDate, type Overrides } from '../../platform/calendar/workdays.ts';
import { DEFAULT_PUBLIC_UPLOAD_BYTES } from '../../config.ts';
import { constraintOf, type Db, type Tx } from '../../platform/db/database.ts';
import { AppError, isAppError, validationError, type FieldError, STALE_MESSAGE } from '../../platform/http/errors.ts';
import { sizeText } from '../../platform/http/multipart.ts';
import { extensionOf, sniffUpload, type FileStorage } from '../../platform/storage/index.ts';
import { createApiKeyService, type ApiClient, type ApiKeyService } from './api-keys.service.ts';
import { agencyDues, centerDue, classifyDue, dispatchDue, extendDue, type Due, type DueState, type DueStatus } from './deadlines.ts';
import { findDuplicates, prepareSubject, type DuplicateMatch } from './duplicates.ts';
import { DEFAULT_HOTLINE_CONFIG, type HotlineConfig, type Limit } from './hotline.config.ts';
import {
  STATE_OWNER,
  TICKET_VERBS,
  assertTransition,
  availableVerbs,
  type TicketSnapshot,
  type TicketState,
  type TicketVerb,
  type VerbInput,
} from './hotline.workflow.ts';
import type { Open311PostInput } from './open311.ts';
import { type DeclineReason, type EmergencyLine } from './taxonomy.ts';
import { isTicketNumber, makeQueryCode } from './ticket-number.ts';
import { canReadTicket, canTakeIntake, canTakeVerb, isCenterStaff, isSystem, SUPERVISOR_ROLES, AGENCY_ROLES, type AgencyRef } from './tickets.policy.ts';
import { createPublicTicketReads, hashQueryCode, maskPublic, type PublicTicketReads } from './tickets.public.ts';
import * as repo from './tickets.repository.ts';
import { checkIntake, readTransitionInput, type IntakeContext, type TransitionInput } from './tickets.schema.ts';
import type { TicketAttachmentRow, TicketEventRow, TicketRow } from './tickets.tables.ts';

export { hashQueryCode, maskPublic, verifyQueryCode, type PublicLetter, type PublicTicketReads, type TrackedTicket } from './tickets.public.ts';

export { STALE_MESSAGE };
const NOT_FOUND = '未找到该工单。';

export interface HotlineServiceOptions {
  db: Db;
  calendar: { overrides(): Promise<Overrides> };
  /** where attached files go (default: none, and addAttachment refuses) */
  storage?: FileStorage;
  /** largest attached file, bytes (default 10 MB) */
  maxUploadBytes?: number;
  /** what one citizen's (anonymous) form may carry in all, files summed, bytes (PUBLIC_UPLOAD_MB; default 20 MB) */
  publicUploadBytes?: number;
  config?: HotlineConfig;
  now?: () => Date;
  /** derives a form post's query code from its form token (so a repeated post shows the same code); default: random per process */
  secret?: string;
}

/**
 * Who brings the ticket in. A citizen form may carry `formToken` (a random hidden field): the same token twice makes
 * one ticket (a double click), and the receipt shows the same number and query code.
 */
export type IntakeSource =
  | { kind: 'staff'; actor: AuditActor; accept?: boolean }
  | { kind: 'citizen'; channel: 'web' | 'mailbox'; formToken?: string | null; files?: readonly IntakeUpload[] };

/** A file from a citizen's form, as posted. */
export interface IntakeUpload {
  filename: string;
  bytes: Uint8Array;
  /** the size posted, when the multipart reader dropped the bytes of a file over a limit (then > bytes.byteLength) */
  size?: number;
}

/** The portal form's files: at most 3, each a picture (JPEG, PNG) or a PDF, each ≤ maxUploadBytes, all ≤ publicUploadBytes. */
export const CITIZEN_UPLOADS = { field: 'attachments', maxFiles: 3, kinds: ['jpeg', 'png', 'pdf'] as readonly string[], extensions: ['jpg', 'jpeg', 'png', 'pdf'] as readonly string[] } as const;

const FORM_TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

export interface IntakeResult {
  /** false when an Open311 client repeated a client_token: the earlier ticket, nothing written */
  created: boolean;
  id: string;
  number: string;
  /** 查询码, shown once; null when not created */
  queryCode: string | null;
}

export type ClockName = 'dispatch' | 'sign' | 'contact' | 'handle' | 'review' | 'callback';
export const CLOCK_NAMES: Record<ClockName, string> = { dispatch: '派单', sign: '签收', contact: '先行联系', handle: '办理', review: '审核', callback: '回访' };

export interface RunningClock {
  clock: ClockName;
  due: Due;
  state: DueState;
}

export interface TicketDetail {
  ticket: TicketRow;
  events: TicketEventRow[];
  attachments: TicketAttachmentRow[];
  /** lead and assisting agencies' names by id */
  agencyNames: Record<string, string>;
  mergedIntoNumber: string | null;
  mergedChildren: { id: string; number: string }[];
  clock: RunningClock | null;
  /** the verbs this actor may take now (state and role; inputs are checked on submit) */
  actions: TicketVerb[];
}

export interface QueueRow {
  ticket: TicketRow;
  clock: RunningClock;
}

export interface TicketQueues {
  now: Date;
  overdue: QueueRow[];
  nearDue: QueueRow[];
}

export interface HotlineService extends PublicTicketReads {
  config: HotlineConfig;
  apiKeys: ApiKeyService;
  /** Takes a ticket from a staff form, the portal's web form or the 市长信箱. Throws VALIDATION_FAILED, FORBIDDEN. */
  intake(input: unknown, source: IntakeSource): Promise<IntakeResult>;
  /** Takes a checked Open311 POST for a client; idempotent per (client, client_token). */
  intakeOpen311(input: Open311PostInput, client: ApiClient): Promise<IntakeResult>;
  /** Applies a workflow verb with its event and audit row in one transaction. Throws FORBIDDEN, NOT_FOUND, STALE_RECORD, ILLEGAL_TRANSITION, VALIDATION_FAILED, CONFLICT. */
  transition<V extends TicketVerb>(actor: AuditActor, id: string, verb: V, input: TransitionInput[V] | Record<string, unknown>, opts?: { version?: number }): Promise<TicketRow>;
  /** Throws NOT_FOUND, FORBIDDEN. */
  getTicket(actor: AuditActor, id: string): Promise<TicketDetail>;
  /** Tickets the actor may read, newest first. */
  listTickets(actor: AuditActor, filters?: Partial<repo.TicketFilters>): Promise<{ total: number; rows: TicketRow[] }>;
  /** Overdue and near-due open tickets, soonest first: the whole city for the center, else the actor's agencies. Throws FORBIDDEN. */
  queues(actor: AuditActor, opts?: { agencyId?: string; limit?: number }): Promise<TicketQueues>;
  /** Stores a file (picture, PDF …) on a ticket the actor may read, with an event and an audit row. Throws FORBIDDEN, NOT_FOUND, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE. */
  addAttachment(actor: AuditActor, ticketId: string, upload: { filename: string; bytes: Uint8Array }): Promise<TicketAttachmentRow>;
  /** A stored attachment's bytes, for staff who may read its ticket. Throws FORBIDDEN, NOT_FOUND. */
  openAttachment(actor: AuditActor, attachmentId: string): Promise<{ attachment: TicketAttachmentRow; bytes: Buffer }>;
  /** Tickets the given one may be a duplicate of (并单 candidates). Throws NOT_FOUND, FORBIDDEN. */
  findDuplicateCandidates(actor: AuditActor, id: string): Promise<{ ticket: TicketRow; match: DuplicateMatch }[]>;
  /** The workflow's view of a row at `now`. */
  snapshotOf(row: TicketRow, overrides: Overrides, now: Date): TicketSnapshot;
  /** The running clock of a row (null when finished). */
  clockOf(row: TicketRow, overrides: Overrides, now: Date): RunningClock | null;

  /** the privacy gate's masker as public pages use it */
  maskPublic(text: string): string;
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (s: unknown): s is string => typeof s === 'string' && UUID.test(s);

/** audit actions are lower snake case: requestReturn → request_return */
const snake = (verb: string): string => verb.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function labelOf(actor: AuditActor): { actorId: string | null; actorLabel: string } {
  return { actorId: isSystem(actor) ? null : actor.userId, actorLabel: actorLabel(actor) };
}

/** A Due rebuilt from stored columns. */
function dueFrom(limit: Limit, startedAt: Date, dueAt: Date, lastDay: string | null, extendedWorkdays = 0): Due {
  const day = lastDay ?? (limit.unit === 'workdays' || extendedWorkdays > 0 ? shanghaiDate(dueAt) : null);
  return { limit, startedAt, dueAt, lastDay: day, extendedWorkdays };
}

/** GB/T 33358: a fully confidential caller is known to the 12345 center only, not to the handling agency. */
function redact(row: TicketRow, actor: AuditActor): TicketRow {
  if (row.confidentiality !== 'full' || isCenterStaff(actor)) return row;
  return { ...row, contactName: null, contactPhone: null, contactEmail: null, contactDeviceId: null, contactAccountId: null };
}

function translate(err: unknown): never {
  switch (constraintOf(err)) {
    case 'tickets_lead_agency_fk':
      throw validationError([{ field: 'leadAgencyId', message: '主办单位：不存在' }]);
    case 'tickets_merged_into_fk':
      throw validationError([{ field: 'targetId', message: '并入工单：不存在' }]);
    case 'tickets_content_check':
      throw validationError([{ field: 'content', message: '诉求内容：长度不符合要求' }]);
    default:
      throw err;
  }
}

// ---------------------------------------------------------------------------------------------------------------

export function createHotlineService(options: HotlineServiceOptions): HotlineService {
  const { db, calendar } = options;
  const config = options.config ?? DEFAULT_HOTLINE_CONFIG;
  const now = options.now ?? (() => new Date());
  const apiKeys = createApiKeyService({ db, now });
  const secret = options.secret ?? randomBytes(32).toString('hex');
  const storage = options.storage ?? null;
  const maxUploadBytes = options.maxUploadBytes ?? 10 * 1024 * 1024;
  const publicUploadBytes = options.publicUploadBytes ?? DEFAULT_PUBLIC_UPLOAD_BYTES;
  const megabytes = (n: number) => `${Math.max(1, Math.round(n / 1024 / 1024))} MB`;

  /**
   * Checks a citizen's files without writing anything: how many, how large (each, and all together), and what each
   * really is (by content). Every problem goes into one field error; `tooLarge` when a size limit is passed (413).
   */
  async function checkCitizenFiles(files: readonly IntakeUpload[]): Promise<{ error: FieldError | null; tooLarge: { each: boolean; total: boolean }; accepted: { upload: IntakeUpload; name: string; mime: string }[] }> {
    const problems: string[] = [];
    const tooLarge = { each: false, total: false };
    const accepted: { upload: IntakeUpload; name: string; mime: string }[] = [];
    const sizeOf = (f: IntakeUpload) => Math.max(f.size ?? 0, f.bytes.byteLength);
    if (files.length > CITIZEN_UPLOADS.maxFiles) problems.push(`最多上传 ${CITIZEN_UPLOADS.maxFiles} 个文件`);
    else if (files.length && !storage) problems.push('暂不能上传附件，请不选文件提交，或拨打 12345');
    else {
      let incomplete = '';
      for (const f of files) {
        const name = (f.filename.split(/[\\/]/).pop() ?? '').trim().slice(0, 200) || '未命名文件';
        const size = sizeOf(f);
        if (size === 0) {
          problems.push(`“${name}”是空文件`);
          continue;
        }
        if (size > maxUploadBytes) {
          tooLarge.each = true;
          problems.push(`“${name}”超过 ${megabytes(maxUploadBytes)}`);
          continue;
        }
        if (f.bytes.byteLength < size) {
          // its bytes were dropped past the total: the total's message below says why
          incomplete ||= name;
          continue;
        }
        if (!CITIZEN_UPLOADS.extensions.includes(extensionOf(name))) {
          problems.push(`“${name}”不是可接受的类型（只能上传 JPG、PNG 图片或 PDF 文件）`);
          continue;
        }
        const sniffed = await sniffUpload(name, f.bytes);
        if (!sniffed.ok || !CITIZEN_UPLOADS.kinds.includes(sniffed.kind.id)) {
          problems.push(sniffed.ok ? `“${name}”不是可接受的类型（只能上传 JPG、PNG 图片或 PDF 文件）` : sniffed.message.replace(/^附件/, ''));
          continue;
        }
        accepted.push({ upload: f, name, mime: sniffed.kind.mime });
      }
      // one anonymous post carries at most PUBLIC_UPLOAD_MB in all, whatever each file's own limit (config.ts)
      const total = files.reduce((sum, f) => sum + sizeOf(f), 0);
      if (total > publicUploadBytes) {
        tooLarge.total = true;
        problems.push(`所有文件合计 ${sizeText(total)}，超过了每次提交 ${sizeText(publicUploadBytes)} 的上限，请减少或压缩文件`);
      } else if (incomplete) problems.push(`“${incomplete}”未能完整接收，请重新选择文件`);
    }
    const error = problems.length ? { field: CITIZEN_UPLOADS.field, message: `附件：${problems.join('；')}` } : null;
    return { error, tooLarge, accepted };
  }

  /** The query code of a form post: from its token when it has one (the same post → the same code), else random. */
  function queryCodeFor(formToken: string | null): string {
    if (!formToken) return makeQueryCode(randomBytes(32));
    const a = createHmac('sha256', secret).update(`query-code:${formToken}`).digest();
    const b = createHmac('sha256', secret).update(`query-code-2:${formToken}`).digest();
    return makeQueryCode(new Uint8Array(Buffer.concat([a, b])));
  }

  /**
   * The 6 digits of a 工单编号 come from a cycling sequence: after 999 999 numbers in one day a number could repeat, and
   * the unique constraint refuses it; the next value is taken (a whole new attempt, the failed one wrote nothing).
   */
  async function withFreshNumber<T>(fn: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (err) {
        if (attempt >= 5 || constraintOf(err) !== 'tickets_number_key') throw err;
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

  function clockOf(row: TicketRow, overrides: Overrides, at: Date): RunningClock | null {
    const d = config.deadlines;
    let clock: ClockName;
    let due: Due;
    switch (row.state) {
      case 'submitted':
      case 'accepted':
        clock = 'dispatch';
        due = dueFrom(d.dispatch[row.urgency], row.receivedAt, row.dispatchDueAt, null);
        break;
      case 'dispatched':
        if (!row.dispatchedAt || !row.signDueAt) return null;
        clock = 'sign';
        due = dueFrom(d.sign[row.urgency], row.dispatchedAt, row.signDueAt, null);
        break;
      case 'signed':
        if (!row.dispatchedAt || !row.contactDueAt) return null;
        clock = 'contact';
        due = dueFrom(d.contact[row.urgency], row.dispatchedAt, row.contactDueAt, null);
        break;
      case 'handling':
      case 'extension_requested':
      case 'return_requested':
        if (!row.dispatchedAt || !row.handleDueAt) return null;
        clock = 'handle';
        due = dueFrom(d.handle[row.type][row.urgency], row.dispatchedAt, row.handleDueAt, row.handleLastDay, row.extendedWorkdays);
        break;
      case 'replied':
        if (!row.repliedAt || !row.reviewDueAt) return null;
        clock = 'review';
        due = dueFrom(d.review, row.repliedAt, row.reviewDueAt, null);
        break;
      case 'closed':
        if (!row.closedAt || !row.callbackDueAt) return null;
        clock = 'callback';
        due = dueFrom(d.callback, row.closedAt, row.callbackDueAt, null);
        break;
      case 'visited':
      case 'merged':
      case 'declined':
      case 'transferred':
      case 'withdrawn':
        return null;
      default: {
        const never: never = row.state;
        throw new Error(`unknown state ${String(never)}`);
      }
    }
    return { clock, due, state: classifyDue(due, at, config, overrides) };
  }

  function snapshotOf(row: TicketRow, overrides: Overrides, at: Date): TicketSnapshot {
    // the agency's 办理 clock decides 催办/督办/延期 while the ticket is at the agency; before 签收, the 签收 clock
    let dueStatus: DueStatus = clockOf(row, overrides, at)?.state.status ?? 'normal';
    if (row.dispatchedAt && row.handleDueAt && ['signed', 'handling', 'extension_requested', 'return_requested'].includes(row.state)) {
      const handle = dueFrom(config.deadlines.handle[row.type][row.urgency], row.dispatchedAt, row.handleDueAt, row.handleLastDay, row.extendedWorkdays);
      const h = classifyDue(handle, at, config, overrides).status;
      if (h === 'overdue' || (h === 'near_due' && dueStatus === 'normal')) dueStatus = h;
    }
    return {
      id: row.id,
      state: row.state,
      type: row.type,
      urgency: row.urgency,
      categoryCode: row.categoryCode,
      hasContact: !!(row.contactPhone || row.contactEmail),
      leadAgencyId: row.leadAgencyId,
      dispatchedAt: row.dispatchedAt,
      extensionCount: row.extensionCount,
      reopenCount: row.reopenCount,
      dueStatus,
      lastCallback: row.satisfaction && row.resolution ? { satisfaction: row.satisfaction, resolution: row.resolution } : null,
    };
  }

  async function agencyRef(ex: Db | Tx, id: string | null): Promise<AgencyRef | null> {
    if (!id) return null;
    const a = await repo.findAgencyBrief(ex, id);
    return a ? { agencyId: a.id, agencyAncestors: a.ancestors } : null;
  }

  async function getRow(ex: Db | Tx, id: string, forUpdate = false): Promise<TicketRow> {
    const row = isUuid(id) ? await repo.findTicket(ex, id, { forUpdate }) : isTicketNumber(id) ? await repo.findTicketByNumber(ex, id) : undefined;
    if (!row) throw new AppError('NOT_FOUND', NOT_FOUND);
    if (forUpdate && !isUuid(id)) return (await repo.findTicket(ex, row.id, { forUpdate: true })) as TicketRow;
    return row;
  }

  async function ensureReadable(actor: AuditActor, row: TicketRow): Promise<void> {
    const lead = await agencyRef(db, row.leadAgencyId);
    const assisting = (await Promise.all(row.assistingAgencyIds.map((a) => agencyRef(db, a)))).filter((x): x is AgencyRef => !!x);
    if (!canReadTicket(actor, lead, assisting)) throw forbidden();
  }

  /** The agencies an agency-side actor covers; null = every agency (center, supervisors, system). */
  async function coveredAgencies(actor: AuditActor): Promise<string[] | null> {
    if (isSystem(actor) || actor.grants.some((g) => SUPERVISOR_ROLES.includes(g.role))) return null;
    return repo.selectCoveredAgencyIds(db, scopesFor(actor, AGENCY_ROLES));
  }

  /** The column changes a verb makes beside the state; `publicNumbers` (agencies' 办公电话/传真) stay in the public reply. */
  function effects(row: TicketRow, verb: TicketVerb, input: Record<string, unknown>, at: Date, overrides: Overrides, publicNumbers: readonly string[]): repo.TicketChanges {
    const redispatch = (lead: string, assisting: readonly string[]): repo.TicketChanges => {
      const dues = agencyDues(at, row.type, row.urgency, config, overrides);
      return {
        leadAgencyId: lead,
        assistingAgencyIds: [...assisting],
        dispatchedAt: at,
        signDueAt: dues.sign.dueAt,
        contactDueAt: dues.contact.dueAt,
        handleDueAt: dues.handle.dueAt,
        handleLastDay: dues.handle.lastDay,
        extendedWorkdays: 0,
        extensionCount: 0,
        pendingExtensionWorkdays: null,
        signedAt: null,
        contactedAt: null,
        repliedAt: null,
        reviewDueAt: null,
        closedAt: null,
        callbackDueAt: null,
        visitedAt: null,
      };
    };
    switch (verb) {
      case 'accept':
        return { acceptedAt: at };
      case 'decline':
        return { declineReason: input.reason as DeclineReason };
      case 'answerDirectly': {
        const answer = String(input.answer).trim();
        return { replyText: answer, publicReply: maskPublic(answer, publicNumbers), repliedAt: at, closedAt: at, callbackDueAt: centerDue('callback', at, config, overrides).dueAt };
      }
      case 'transferEmergency':
        return { transferLine: input.line as EmergencyLine };
      case 'merge':
        return { mergedInto: String(input.targetId) };
      case 'unmerge':
        return { mergedInto: null };
      case 'dispatch':
      case 'reassign':
        return redispatch(String(input.leadAgencyId), (input.assistingAgencyIds as string[] | undefined) ?? []);
      case 'reopen':
        return { ...redispatch(row.leadAgencyId as string, row.assistingAgencyIds), reopenCount: row.reopenCount + 1 };
      case 'sign':
        return { signedAt: at };
      case 'requestReturn':
        return {};
      case 'rejectReturn':
        return { signedAt: row.signedAt ?? at }; // 退单不予支持 视同签收 [U]
      case 'contact':
        return { contactedAt: at };
      case 'requestExtension':
        return { pendingExtensionWorkdays: Number(input.workdays) };
      case 'approveExtension': {
        if (!row.dispatchedAt || !row.handleDueAt) return { pendingExtensionWorkdays: null };
        const current = dueFrom(config.deadlines.handle[row.type][row.urgency], row.dispatchedAt, row.handleDueAt, row.handleLastDay, row.extendedWorkdays);
        const n = Number(input.workdays);
        const next = extendDue(current, n, overrides);
        return { handleDueAt: next.dueAt, handleLastDay: next.lastDay, extendedWorkdays: row.extendedWorkdays + n, extensionCount: row.extensionCount + 1, pendingExtensionWorkdays: null };
      }
      case 'rejectExtension':
        return { pendingExtensionWorkdays: null };
      case 'reply':
        return { replyText: String(input.text).trim(), repliedAt: at, reviewDueAt: centerDue('review', at, config, overrides).dueAt, pendingExtensionWorkdays: null };
      case 'approve':
        // the reply is released through the privacy gate when the center approves it (办结)
        return { closedAt: at, publicReply: row.replyText ? maskPublic(row.replyText, publicNumbers) : null, callbackDueAt: centerDue('callback', at, config, overrides).dueAt };
      case 'rejectReply':
        return { repliedAt: null, reviewDueAt: null };
      case 'visit':
        return { satisfaction: input.satisfaction as TicketRow['satisfaction'], resolution: input.resolution as TicketRow['resolution'], visitedAt: at };
      case 'waiveVisit':
        return { visitedAt: at };
      case 'urge':
        return { urgeCount: row.urgeCount + 1 };
      case 'supervise':
        return { supervisedAt: at };
      case 'withdraw':
        return {};
      default: {
        const never: never = verb;
        throw new Error(`unknown verb ${String(never)}`);
      }
    }
  }

  const publicReads = createPublicTicketReads({ db, calendar, config, now });

  return {
    ...publicReads,
    config,
    apiKeys,
    snapshotOf,
    clockOf,
    maskPublic,

    async intake(raw, source) {
      if (source.kind === 'staff' && !canTakeIntake(source.actor)) throw forbidden();
      const ctx: IntakeContext =
        source.kind === 'staff'
          ? { config, channels: ['phone', 'web', 'mailbox'], defaultChannel: 'phone' }
          : { config, channels: [source.channel], defaultChannel: source.channel, requireTitle: source.channel === 'mailbox' };
      const checked = checkIntake(source.kind === 'citizen' && raw && typeof raw === 'object' ? { ...raw, channel: source.channel } : raw, ctx);
      // the files are checked with the fields, before anything is written: one answer lists every problem
      const files = source.kind === 'citizen' && source.files?.length ? await checkCitizenFiles(source.files) : null;
      if (!checked.ok || files?.error) {
        const fields = [...(checked.ok ? [] : checked.fields), ...(files?.error ? [files.error] : [])];
        if (files?.tooLarge.total) throw new AppError('PAYLOAD_TOO_LARGE', `附件合计不能超过 ${sizeText(publicUploadBytes)}${files.tooLarge.each ? `，每个不能超过 ${megabytes(maxUploadBytes)}` : ''}。`, { fields });
        if (files?.tooLarge.each) throw new AppError('PAYLOAD_TOO_LARGE', `附件不能超过 ${megabytes(maxUploadBytes)}。`, { fields });
        throw validationError(fields);
      }
      const v = checked.value;
      const overrides = await calendar.overrides();
      const at = now();
      const accept = source.kind === 'staff' && source.accept === true;
      const formToken = source.kind === 'citizen' && typeof source.formToken === 'string' && FORM_TOKEN.test(source.formToken) ? source.formToken : null;
      const queryCode = queryCodeFor(formToken);
      const who = source.kind === 'staff' ? labelOf(source.actor) : { actorId: null, actorLabel: v.channel === 'mailbox' ? '来信人（市长信箱）' : '诉求人（网站）' };
      const row: repo.IntakeRow = {
        values: {
          queryCodeHash: hashQueryCode(queryCode),
          channel: v.channel,
          type: v.type,
          urgency: v.urgency,
          categoryCode: v.categoryCode,
          districtCode: v.districtCode,
          title: v.title,
          content: v.content,
          address: v.address,
          lat: v.lat,
          long: v.long,
          attributes: v.attributes,
          confidentiality: v.confidentiality,
          publishConsent: v.publishConsent,
          contactName: v.contactName,
          contactPhone: v.contactPhone,
          contactEmail: v.contactEmail,
          state: accept ? 'accepted' : 'submitted',
          receivedAt: at,
          dispatchDueAt: dispatchDue(at, v.urgency, config, overrides).dueAt,
          acceptedAt: accept ? at : null,
          receivedBy: who.actorId,
          clientToken: formToken,
        },
        event: { verb: 'intake', toState: 'submitted', ...who, payload: files?.accepted.length ? { channel: v.channel, attachments: files.accepted.map((f) => f.name) } : { channel: v.channel } },
        mediaUrls: v.mediaUrls,
      };
      if (source.kind === 'citizen' && files?.accepted.length && storage) {
        // the ticket, its event and its files in one transaction; a repeated form token (a double click) adds nothing
        const accepted = files.accepted;
        const r = await withFreshNumber(() =>
          run(async (tx) => {
            const t = await repo.insertTicketWithIntake(tx, row);
            if (!t.created) return t;
            for (const f of accepted) {
              const stored = await storage.put(f.upload.bytes);
              await repo.insertAttachment(tx, { ticketId: t.id, storageKey: stored.key, filename: f.name, mime: f.mime, sizeBytes: stored.sizeBytes, sha256: stored.sha256 });
            }
            return t;
          }),
        );
        return { created: r.created, id: r.id, number: r.number, queryCode };
      }
      if (source.kind === 'citizen') {
        const r = await withFreshNumber(() => repo.insertTicketWithIntake(db, row));
        return { created: r.created, id: r.id, number: r.number, queryCode };
      }
      const actor = source.actor;
      return withFreshNumber(() =>
        run(async (tx) => {
          const r = await repo.insertTicketWithIntake(tx, row);
          if (accept) await repo.insertEvent(tx, { ticketId: r.id, verb: 'accept', fromState: 'submitted', toState: 'accepted', ...who, at });
          await recordAudit(tx, { actor, action: 'ticket.intake', entityType: 'ticket', entityId: r.id, after: { number: r.number, channel: v.channel, type: v.type, state: row.values.state } });
          return { created: true, id: r.id, number: r.number, queryCode };
        }),
      );
    },

    async intakeOpen311(input, client) {
      const overrides = await calendar.overrides();
      const at = now();
      const name = [input.lastName, input.firstName].filter(Boolean).join('') || null; // 姓在前
      const r = await withFreshNumber(() => repo.insertTicketWithIntake(db, {
        values: {
          queryCodeHash: hashQueryCode(makeQueryCode(randomBytes(32))),
          channel: client.channel,
          // GeoReport requests report a problem to be fixed: 求助 by default; the agent may reclassify at 受理
          type: 'help',
          urgency: 'normal',
          categoryCode: input.serviceCode,
          content: input.description ?? '（诉求人仅提交了图片，见附件）',
          address: input.addressString,
          addressId: input.addressId,
          lat: input.lat,
          long: input.long,
          attributes: input.attributes,
          contactName: name,
          contactPhone: input.phone,
          contactEmail: input.email,
          contactDeviceId: input.deviceId,
          contactAccountId: input.accountId,
          state: 'submitted',
          receivedAt: at,
          dispatchDueAt: dispatchDue(at, 'normal', config, overrides).dueAt,
          apiClientId: client.id,
          clientToken: input.clientToken,
        },
        event: { verb: 'intake', toState: 'submitted', actorId: null, actorLabel: `Open311 客户端：${client.name}`, payload: { channel: client.channel, apiClientId: client.id } },
        mediaUrls: input.mediaUrl ? [input.mediaUrl] : [],
      }));
      return { created: r.created, id: r.id, number: r.number, queryCode: null };
    },

    async transition(actor, id, verb, rawInput, opts = {}) {
      if (!TICKET_VERBS.includes(verb)) throw new AppError('BAD_REQUEST', '不认识的工单操作。');
      const input = readTransitionInput(verb, rawInput) as Record<string, unknown>;
      const overrides = await calendar.overrides();
      const at = now();
      return run(async (tx) => {
        const row = await getRow(tx, id, true);
        if (opts.version !== undefined && row.version !== opts.version) throw new AppError('STALE_RECORD', STALE_MESSAGE);
        const lead = await agencyRef(tx, row.leadAgencyId);
        if (!canTakeVerb(actor, verb, lead)) throw forbidden();

        let wfInput = input as unknown as VerbInput[typeof verb];
        const payload: Record<string, unknown> = { ...input };
        if (verb === 'merge') {
          const targetId = String(input.targetId ?? '');
          const target = targetId ? (isUuid(targetId) ? await repo.findTicket(tx, targetId) : isTicketNumber(targetId) ? await repo.findTicketByNumber(tx, targetId) : undefined) : undefined;
          if (targetId && !target) throw validationError([{ field: 'targetId', message: '并入工单：不存在，请核对工单编号' }]);
          wfInput = { target: target ? { id: target.id, state: target.state, categoryCode: target.categoryCode } : { id: '', state: 'submitted', categoryCode: null } } as VerbInput[typeof verb];
          if (target) {
            input.targetId = target.id;
            payload.targetId = target.id;
            payload.targetNumber = target.number;
          }
        }
        if (verb === 'dispatch' || verb === 'reassign') {
          const ids = [String(input.leadAgencyId ?? ''), ...((input.assistingAgencyIds as string[]) ?? [])].filter(Boolean);
          const bad = ids.filter((x) => !isUuid(x));
          const names = await repo.selectAgencyNames(tx, ids.filter(isUuid));
          if (bad.length || names.size !== new Set(ids).size) throw validationError([{ field: 'leadAgencyId', message: '承办单位：不存在，请从列表中选择' }]);
        }
        const to = assertTransition(snapshotOf(row, overrides, at), verb, wfInput, { now: at, config, overrides });
        // 重办 goes back to the agency that handled it; a ticket answered directly by the center has none
        if (verb === 'reopen' && !row.leadAgencyId) throw new AppError('CONFLICT', '该工单由12345直接答复，未派单办理，不能重办；请作为新诉求受理。', { fields: [{ field: 'reason', message: '未派单的工单不能重办' }] });
        // the reply is masked once, when it is released; read fresh, since what is stored stays masked
        const publicNumbers = verb === 'approve' || verb === 'answerDirectly' ? await repo.selectAgencyContactNumbers(tx) : [];
        const updated = await repo.updateTicket(tx, row.id, row.version, { ...effects(row, verb, input, at, overrides, publicNumbers), state: to }, at);
        if (!updated) throw new AppError('STALE_RECORD', STALE_MESSAGE);
        const who = labelOf(actor);
        const agencyId = verb === 'dispatch' || verb === 'reassign' ? String(input.leadAgencyId) : row.leadAgencyId;
        await repo.insertEvent(tx, { ticketId: row.id, verb, fromState: row.state, toState: to, ...who, agencyId, payload, at });
        const reason = typeof input.reason === 'string' ? input.reason : typeof input.note === 'string' ? input.note : null;
        await recordAudit(tx, { actor, action: `ticket.${snake(verb)}`, entityType: 'ticket', entityId: row.id, agencyId, reason, before: { state: row.state }, after: { state: to, number: row.number } });
        return updated;
      });
    },

    async getTicket(actor, id) {
      const row = await getRow(db, id);
      const lead = await agencyRef(db, row.leadAgencyId);
      const assisting = (await Promise.all(row.assistingAgencyIds.map((a) => agencyRef(db, a)))).filter((x): x is AgencyRef => !!x);
      if (!canReadTicket(actor, lead, assisting)) throw forbidden();
      const overrides = await calendar.overrides();
      const at = now();
      const [events, attachments, names, children] = await Promise.all([
        repo.selectEvents(db, row.id),
        repo.selectAttachments(db, row.id),
        repo.selectAgencyNames(db, [row.leadAgencyId, ...row.assistingAgencyIds].filter((x): x is string => !!x)),
        repo.selectMergedChildren(db, row.id),
      ]);
      const mergedInto = row.mergedInto ? (await repo.selectNumbersByIds(db, [row.mergedInto])).get(row.mergedInto) ?? null : null;
      const ticket = redact(row, actor);
      const actions = availableVerbs(row.state).filter((v) => canTakeVerb(actor, v, lead));
      return {
        ticket,
        events,
        attachments,
        agencyNames: Object.fromEntries(names),
        mergedIntoNumber: mergedInto,
        mergedChildren: children.map((c) => ({ id: c.id, number: c.number })),
        clock: clockOf(row, overrides, at),
        actions,
      };
    },

    async listTickets(actor, filters = {}) {
      const covered = await coveredAgencies(actor);
      const page = Math.max(1, Math.floor(filters.page ?? 1));
      const pageSize = Math.min(200, Math.max(1, Math.floor(filters.pageSize ?? 50)));
      if (covered && !covered.length) throw forbidden();
      const involving = covered ? (filters.involvingAgencyIds?.length ? filters.involvingAgencyIds.filter((x) => covered.includes(x)) : covered) : filters.involvingAgencyIds;
      if (covered && !involving?.length) return { total: 0, rows: [] };
      const r = await repo.selectTickets(db, { ...filters, involvingAgencyIds: involving, page, pageSize });
      return { total: r.total, rows: r.rows.map((t) => redact(t, actor)) };
    },

    async queues(actor, opts = {}) {
      const covered = await coveredAgencies(actor);
      if (covered && !covered.length) throw forbidden();
      if (opts.agencyId && covered && !covered.includes(opts.agencyId)) throw forbidden();
      const leadIds = opts.agencyId ? [opts.agencyId] : covered;
      const overrides = await calendar.overrides();
      const at = now();
      // candidates: clocks ending within the next 15 calendar days (covers 临期 of 1 working day across any holiday)
      const states = (Object.keys(STATE_OWNER) as TicketState[]).filter((s) => STATE_OWNER[s] !== 'none' && (leadIds === null || s !== 'submitted'));
      const rows = await repo.selectDueTickets(db, { leadAgencyIds: leadIds, states, before: new Date(at.getTime() + 15 * 86_400_000), limit: opts.limit ?? 500 });
      const overdue: QueueRow[] = [];
      const nearDue: QueueRow[] = [];
      for (const ticket of rows) {
        const clock = clockOf(ticket, overrides, at);
        if (!clock) continue;
        if (clock.state.status === 'overdue') overdue.push({ ticket: redact(ticket, actor), clock });
        else if (clock.state.status === 'near_due') nearDue.push({ ticket: redact(ticket, actor), clock });
      }
      return { now: at, overdue, nearDue };
    },

    async addAttachment(actor, ticketId, upload) {
      const row = await getRow(db, ticketId);
      await ensureReadable(actor, row);
      if (!storage) throw new AppError('UNAVAILABLE', '附件存储未配置。');
      const name = typeof upload.filename === 'string' ? upload.filename.trim().slice(0, 200) : '';
      if (!name) throw validationError([{ field: 'file', message: '附件：请选择文件' }]);
      if (upload.bytes.byteLength === 0) throw validationError([{ field: 'file', message: '附件：文件是空的' }]);
      if (upload.bytes.byteLength > maxUploadBytes) throw new AppError('PAYLOAD_TOO_LARGE', `附件不能超过 ${Math.floor(maxUploadBytes / 1024 / 1024)} MB。`);
      const sniffed = await sniffUpload(name, upload.bytes);
      if (!sniffed.ok) throw new AppError('UNSUPPORTED_MEDIA_TYPE', sniffed.message);
      const stored = await storage.put(upload.bytes);
      const at = now();
      return run(async (tx) => {
        const a = await repo.insertAttachment(tx, { ticketId: row.id, storageKey: stored.key, filename: name, mime: sniffed.kind.mime, sizeBytes: stored.sizeBytes, sha256: stored.sha256 });
        await repo.insertEvent(tx, { ticketId: row.id, verb: 'attach', fromState: row.state, toState: row.state, ...labelOf(actor), agencyId: row.leadAgencyId, payload: { attachmentId: a.id, filename: name }, at });
        await recordAudit(tx, { actor, action: 'ticket.attach', entityType: 'ticket', entityId: row.id, agencyId: row.leadAgencyId, after: { attachmentId: a.id, filename: name, sha256: stored.sha256 } });
        return a;
      });
    },

    async openAttachment(actor, attachmentId) {
      const a = isUuid(attachmentId) ? await repo.findAttachment(db, attachmentId) : undefined;
      if (!a || !a.storageKey) throw new AppError('NOT_FOUND', '未找到该附件。');
      await ensureReadable(actor, await getRow(db, a.ticketId));
      if (!storage) throw new AppError('NOT_FOUND', '未找到该附件。');
      return { attachment: a, bytes: await storage.get(a.storageKey) };
    },

    async findDuplicateCandidates(actor, id) {
      const row = await getRow(db, id);
      if (!isCenterStaff(actor)) throw forbidden();
      const category = row.categoryCode;
      if (!category) return [];
      const windowMs = config.duplicates.windowHours * 3_600_000;
      const { rows } = await repo.selectTickets(db, {
        categoryPrefix: category,
        from: new Date(row.receivedAt.getTime() - windowMs),
        to: new Date(row.receivedAt.getTime() + windowMs),
        page: 1,
        pageSize: 200,
      });
      const subject = (t: TicketRow) =>
        prepareSubject({ id: t.id, categoryCode: t.categoryCode ?? '', district: t.districtCode, createdAt: t.receivedAt, address: t.address, lat: t.lat, long: t.long, text: t.content, mergedIntoId: t.mergedInto });
      const others = rows.filter((t) => t.id !== row.id && !['declined', 'transferred', 'withdrawn'].includes(t.state));
      const matches = findDuplicates(subject(row), others.map(subject), config.duplicates);
      const byId = new Map(others.map((t) => [t.id, t]));
      return matches.map((match) => ({ ticket: byId.get(match.id) as TicketRow, match })).filter((m) => !!m.ticket);
    },

  };
}

