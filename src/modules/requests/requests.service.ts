// The 依申请公开 use-cases (STYLE.md “Services own the use-case”): each checks the policy, loads the request and its
// clock, asks the pure workflow (attemptTransition) whether the verb is allowed, and writes the new state, the
// event and the audit row in one transaction. Rules: README.md; shared/law/disclosure-rules.md §1.3–1.5.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { DEFAULT_PUBLIC_UPLOAD_BYTES, type Config } from '../../config.ts';
import { actorLabel, type Actor, type AuditActor } from '../../platform/auth/actor.ts';
import { AttemptThrottle } from '../../platform/auth/throttle.ts';
import { forbidden } from '../../platform/auth/guard.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { isIsoDate, shanghaiDate, type IsoDate, type Overrides } from '../../platform/calendar/workdays.ts';
import type { Db, Tx } from '../../platform/db/database.ts';
import { AppError, validationError, type FieldError, STALE_MESSAGE } from '../../platform/http/errors.ts';
import { sizeText } from '../../platform/http/multipart.ts';
import { sniffUpload, type FileStorage } from '../../platform/storage/index.ts';
import type { Agency } from '../agencies/index.ts';
import { computeClock, deadlineStatusOn, receiptDateOf, timelinessOf, type Clock, type ClockEvent, type DeadlineStatus } from './deadlines.ts';
import { applicantKeyOf, assessExcessive, monthOf, type ExcessiveAssessment } from './excessive.ts';
import { quoteFee } from './fees.ts';
import { NATIONAL_REQUESTS_CONFIG, type RequestsConfig } from './requests.config.ts';
import { canOnRequest, canSeeOverview, requestScopes, type RequestAction } from './requests.policy.ts';
import * as repo from './requests.repository.ts';
import { checkSubmission, type Submission } from './requests.schema.ts';
import { checkNewReviewCase, checkReviewResult } from './review-cases.ts';
import { attemptTransition, canTransition, REQUEST_STATES, REQUEST_TRANSITIONS, REQUEST_VERBS, STAGE_OF, STAGES, verbsFrom, type RequestState, type RequestVerb, type VerbInputs } from './requests.workflow.ts';
import { CHANNEL_IDS, CHANNELS, OUTCOMES, isOutcomeCode, type Channel, type IdType, type ReplyContent } from './taxonomy.ts';
import type { ReplyLetterInput } from './letters/letter.types.ts';

export { STALE_MESSAGE };
const NOT_FOUND_MESSAGE = '未找到该申请。';
const STATUS_NOT_FOUND = '申请编号或查询码不正确。';

/** States in which the reply clock matters (queues, reminders, overdue counts). */
export const OPEN_STATES: readonly RequestState[] = ['submitted', 'registered', 'awaiting_correction', 'processing', 'consulting', 'awaiting_reasons', 'awaiting_fee'];

export interface Upload {
  filename: string;
  bytes: Uint8Array;
  /** the size posted, when the multipart reader dropped the bytes of a file over a limit (then > bytes.byteLength) */
  size?: number;
}

export interface RequestsServiceOptions {
  db: Db;
  /** publicUploadBytes (PUBLIC_UPLOAD_MB, default 20 MB): what an anonymous submission's files may carry in all */
  config: Pick<Config, 'sessionSecret' | 'maxUploadBytes'> & Partial<Pick<Config, 'publicUploadBytes'>>;
  calendar: { overrides(): Promise<Overrides> };
  storage: FileStorage;
  agencies: { getAgencyById(id: string): Promise<Agency>; getAgencyByCode(code: string): Promise<Agency>; listAgencies(): Promise<Agency[]> };
  /** 转主动公开: creates a disclosure item draft (deps.items) */
  items?: { createDraft(actor: AuditActor, input: unknown): Promise<{ item: { id: string } }> };
  requestsConfig?: RequestsConfig;
  /** the clock (tests, e2e, seeding) */
  now?: () => Date;
  /** public status lookups per client per 10 minutes */
  statusLookupLimit?: number;
}

export interface Receipt {
  number: string;
  queryCode: string;
  agencyName: string;
  submittedAt: Date;
  isDuplicate: boolean;
}

export interface PublicStatus {
  number: string;
  agencyName: string;
  stage: string;
  state: string;
  receivedOn: IsoDate | null;
  dueOn: IsoDate | null;
  outcome: string | null;
  repliedOn: IsoDate | null;
  servedOn: IsoDate | null;
  /** while 待补正: the day the corrected application must arrive by (条例 第三十条) */
  correctionDueOn: IsoDate | null;
}

export interface ConsoleRequest {
  request: repo.RequestRow;
  applicant: repo.ApplicantRow | null;
  agency: Agency;
  events: repo.EventRow[];
  clock: Clock;
  deadline: DeadlineStatus;
  today: IsoDate;
  verbs: RequestVerb[];
  canExtend: boolean;
  canHandle: boolean;
  fees: Awaited<ReturnType<typeof repo.listFees>>;
  service: Awaited<ReturnType<typeof repo.findService>> | null;
  reviewCases: repo.ReviewCaseRow[];
  excessive: ExcessiveAssessment | null;
  priorInMonth: number;
  /** 109号 第四条: this application's 按件 fee at its place in the applicant's month */
  perItemFeeYuan: number;
}

export interface QueueEntry {
  row: repo.QueueRow;
  deadline: DeadlineStatus;
}

export interface Queue {
  today: IsoDate;
  overdue: QueueEntry[];
  dueToday: QueueEntry[];
  dueSoon: QueueEntry[];
  other: QueueEntry[];
  awaitingConfirmation: QueueEntry[];
  closed: repo.QueueRow[];
  canRegister: boolean;
}

export interface ReminderRun {
  today: IsoDate;
  dueSoon: number;
  overdue: number;
  expiredCorrections: number;
  expiredFees: number;
}

export interface RequestsService {
  readonly requestsConfig: RequestsConfig;
  today(): IsoDate;
  /**
   * Portal/API submission, anonymous (state 待登记 until the 双方确认). One application per idempotency key.
   * VALIDATION_FAILED, DUPLICATE; PAYLOAD_TOO_LARGE (with every field's problem) for a proof over MAX_UPLOAD_MB or PUBLIC_UPLOAD_MB.
   */
  submitRequest(input: unknown, file: Upload | null, opts?: { requireIdentityProof?: boolean }): Promise<Receipt>;
  /** A clerk registers a paper (or confirmed online) application by channel; the receipt date follows 第三十一条. VALIDATION_FAILED, FORBIDDEN. */
  registerPaperRequest(actor: Actor, input: unknown, file: Upload | null): Promise<{ request: repo.RequestRow; queryCode: string }>;
  /** The public status: stage and due date, no personal data. NOT_FOUND (also for a wrong code), RATE_LIMITED. */
  getPublicStatus(number: unknown, code: unknown, clientKey: string): Promise<PublicStatus>;
  getRequestForConsole(actor: Actor, id: string): Promise<ConsoleRequest>;
  queue(actor: Actor): Promise<Queue>;
  /** 公开办: every agency's open and overdue counts. FORBIDDEN. */
  overview(actor: Actor): Promise<{ today: IsoDate; rows: Awaited<ReturnType<typeof repo.overdueByAgency>> }>;
  /** Any workflow verb (REQUEST_TRANSITIONS). ILLEGAL_TRANSITION, VALIDATION_FAILED, FORBIDDEN, STALE_RECORD, NOT_FOUND. */
  perform(actor: AuditActor, id: string, verb: RequestVerb, version: number, input: unknown): Promise<repo.RequestRow>;
  /** 行政复议/诉讼 against a reply. VALIDATION_FAILED, FORBIDDEN, ILLEGAL_TRANSITION (no reply yet). */
  registerReviewCase(actor: AuditActor, requestId: string, input: unknown): Promise<repo.ReviewCaseRow>;
  /** Records the result of a case. VALIDATION_FAILED, STALE_RECORD. */
  concludeReviewCase(actor: AuditActor, caseId: string, version: number, input: unknown): Promise<repo.ReviewCaseRow>;
  /** 转主动公开: a disclosure item draft from a reply that disclosed information. ILLEGAL_TRANSITION, FORBIDDEN. */
  createDisclosureDraft(actor: Actor, id: string): Promise<string>;
  openIdentityProof(actor: Actor, id: string): Promise<{ filename: string; bytes: Buffer; mime: string }>;
  /** What the 答复告知书 says (letters/). NOT_FOUND, FORBIDDEN, ILLEGAL_TRANSITION (no reply yet). */
  getReplyLetterInput(actor: Actor, id: string): Promise<ReplyLetterInput>;
  /** The daily reminders job: records due-soon/overdue once a day; expires 补正 and fees where the law says so. */
  runReminders(): Promise<ReminderRun>;
}

const QUERY_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

function str(v: unknown): string {
  return typeof v === 'string' ? v.trim() : '';
}

function intOf(v: unknown): number {
  if (typeof v === 'number') return v;
  const s = str(v);
  return /^-?\d+$/.test(s) ? Number(s) : Number.NaN;
}

function listOf(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.trim());
  const s = str(v);
  return s ? [s] : [];
}

function optional(v: unknown): string | undefined {
  const s = str(v);
  return s === '' ? undefined : s;
}

/** Converts a form or JSON body into the workflow's input for `verb` (types only: the guards check values). */
export function verbInputOf<V extends RequestVerb>(verb: V, raw: Record<string, unknown>, actor: AuditActor): VerbInputs[V] {
  const on = str(raw.on);
  const inputs: { [K in RequestVerb]: () => VerbInputs[K] } = {
    register: () => ({ receivedOn: str(raw.receivedOn) }),
    requestCorrection: () => ({ on, items: str(raw.items), dueOn: str(raw.dueOn) }),
    receiveCorrection: () => ({ on, lateReason: optional(raw.lateReason) }),
    expireCorrection: () => ({}),
    accept: () => ({}),
    startConsultation: () => ({ on, party: str(raw.party) as VerbInputs['startConsultation']['party'], consultee: str(raw.consultee) }),
    endConsultation: () => ({ on, opinion: str(raw.opinion) as VerbInputs['endConsultation']['opinion'] }),
    extend: () => ({ on, workingDays: intOf(raw.workingDays), reason: str(raw.reason), approvedBy: 'system' in actor ? actor.system : actor.name }),
    flagExcessive: () => ({ reason: str(raw.reason) }),
    askReasons: () => ({ on }),
    acceptReasons: () => ({}),
    setDelay: () => ({ on, workingDays: intOf(raw.workingDays), reason: str(raw.reason) }),
    decline: () => ({ on, reasonText: str(raw.reasonText) }),
    issueFeeNotice: () => ({ on, receivedOn: optional(raw.receivedOn), basis: str(raw.basis) as VerbInputs['issueFeeNotice']['basis'], amountYuan: intOf(raw.amountYuan) }),
    recordPayment: () => ({ on }),
    expireFee: () => ({}),
    reply: () => ({
      on,
      outcome: optional(raw.outcome),
      content: {
        providedInformation: optional(raw.providedInformation),
        accessMethod: optional(raw.accessMethod),
        accessTime: optional(raw.accessTime),
        withholdReasons: listOf(raw.withholdReasons),
        reasonText: optional(raw.reasonText),
        responsibleAgencyName: optional(raw.responsibleAgencyName),
        responsibleAgencyContact: optional(raw.responsibleAgencyContact),
        responsibleAgencyUnknown: raw.responsibleAgencyUnknown === true || raw.responsibleAgencyUnknown === '1' || raw.responsibleAgencyUnknown === 'true',
        relatedRequestNumber: optional(raw.relatedRequestNumber),
        specialProcedure: optional(raw.specialProcedure),
        referralChannel: optional(raw.referralChannel),
      } satisfies ReplyContent,
    }),
    serve: () => ({
      mode: str(raw.mode) as VerbInputs['serve']['mode'],
      dates: { signedOn: optional(raw.signedOn) ?? null, postedOn: optional(raw.postedOn) ?? null, deliveredOn: optional(raw.deliveredOn) ?? null },
    }),
    archive: () => ({}),
  };
  return inputs[verb]() as VerbInputs[V];
}

export function createRequestsService(options: RequestsServiceOptions): RequestsService {
  const { db, config, calendar, storage, agencies } = options;
  const rc = options.requestsConfig ?? NATIONAL_REQUESTS_CONFIG;
  const now = options.now ?? (() => new Date());
  const today = (): IsoDate => shanghaiDate(now());
  const throttle = new AttemptThrottle();
  const lookupLimit = options.statusLookupLimit ?? 30;

  function queryCodeFor(key: string): string {
    const mac = createHmac('sha256', config.sessionSecret).update(`request-query-code:${key}`).digest();
    let code = '';
    for (let i = 0; i < 8; i++) code += QUERY_ALPHABET[(mac[i] ?? 0) % 32];
    return code;
  }

  function ensure(actor: AuditActor, action: RequestAction, agency: Agency): void {
    if (!canOnRequest(actor, action, agency)) {
      if (action === 'request.extend') throw forbidden('延长答复期限须经政府信息公开工作机构负责人批准（条例 第三十三条），您没有该权限。');
      throw forbidden();
    }
  }

  async function run<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return db.transaction(fn);
  }

  function clockOf(request: Pick<repo.RequestRow, 'receivedOn'>, events: readonly ClockEvent[], overrides: Overrides): Clock {
    return computeClock({ receivedOn: request.receivedOn, events, overrides, config: rc });
  }

  const publicUploadBytes = config.publicUploadBytes ?? DEFAULT_PUBLIC_UPLOAD_BYTES;

  /** Checks the identity proof and stores it when every field is fine; `tooLarge` when a size limit refused it. */
  async function storeIdentityProof(file: Upload | null, opts: { required: boolean; anonymous: boolean }, fields: FieldError[]): Promise<{ proof: { key: string; filename: string } | null; tooLarge: boolean }> {
    const size = file ? Math.max(file.size ?? 0, file.bytes.byteLength) : 0;
    if (!file || (file.filename === '' && size === 0)) {
      if (opts.required) fields.push({ field: 'identityProof', message: '身份证明：必须上传（条例 第二十九条）' });
      return { proof: null, tooLarge: false };
    }
    // anonymous: the post's files (here the one proof) also keep under PUBLIC_UPLOAD_MB in all (config.ts)
    const limit = opts.anonymous ? Math.min(config.maxUploadBytes, publicUploadBytes) : config.maxUploadBytes;
    if (size > limit) {
      fields.push({ field: 'identityProof', message: `身份证明：文件大小为 ${sizeText(size)}，不能超过 ${sizeText(limit)}，请压缩或换用较小的扫描件` });
      return { proof: null, tooLarge: true };
    }
    if (file.bytes.byteLength < size) {
      fields.push({ field: 'identityProof', message: '身份证明：文件未能完整接收，请重新选择文件' });
      return { proof: null, tooLarge: false };
    }
    const sniff = await sniffUpload(file.filename, file.bytes);
    if (!sniff.ok || !['pdf', 'png', 'jpeg', 'gif', 'webp', 'ofd'].includes(sniff.kind.id)) {
      fields.push({ field: 'identityProof', message: '身份证明：请上传 PDF、OFD 或图片（PNG、JPEG）文件' });
      return { proof: null, tooLarge: false };
    }
    if (fields.length > 0) return { proof: null, tooLarge: false };
    const stored = await storage.put(file.bytes);
    return { proof: { key: stored.key, filename: file.filename.slice(0, 200) }, tooLarge: false };
  }

  async function agencyFor(value: Submission | null, fields: FieldError[]): Promise<Agency | null> {
    if (!value) return null;
    try {
      const a = await agencies.getAgencyById(value.agencyId);
      if (a.retiredAt) {
        fields.push({ field: 'agencyId', message: '受理机关：该机关已撤销' });
        return null;
      }
      return a;
    } catch {
      fields.push({ field: 'agencyId', message: '受理机关：不存在' });
      return null;
    }
  }

  async function insertWithApplicant(tx: Tx, v: Submission, row: Omit<repo.NewRequestRow, 'number' | 'agencyId' | 'applicantCategory' | 'description' | 'documentNumber' | 'provisionForm' | 'createdAt'>, proof: { key: string; filename: string } | null): Promise<repo.RequestRow> {
    const at = now();
    const number = await repo.nextNumber(tx, Number(shanghaiDate(at).slice(0, 4)));
    const request = await repo.insertRequest(tx, {
      ...row,
      number,
      agencyId: v.agencyId,
      applicantCategory: v.applicantCategory,
      description: v.description,
      documentNumber: v.documentNumber,
      provisionForm: v.provisionForm,
      createdAt: at,
    });
    await repo.insertApplicant(tx, request.id, {
      kind: v.kind,
      name: v.name,
      organizationName: v.organizationName,
      idType: v.idType,
      idNumber: v.idNumber,
      applicantKey: sha256(applicantKeyOf(v.idType as IdType, v.idNumber)),
      phone: v.phone,
      address: v.address,
      email: v.email,
      postalCode: v.postalCode,
      identityFileKey: proof?.key ?? null,
      identityFileName: proof?.filename ?? null,
    });
    // 条例 第三十五条: the platform counts the applicant's applications in the month and flags past the threshold;
    // the clerk then judges (ask for reasons, set a 延迟答复 period, or decline)
    const month = monthOf(row.receivedOn ?? shanghaiDate(at));
    const prior = await repo.countApplicantMonth(tx, sha256(applicantKeyOf(v.idType as IdType, v.idNumber)), month, request.id);
    const assessment = assessExcessive(prior, 1, month, rc);
    if (assessment.isExcessive) {
      const flagged = await repo.updateRequest(tx, request.id, request.version, { state: request.state, dueOn: request.dueOn, isFlaggedExcessive: true }, at);
      await repo.insertEvent(tx, { requestId: request.id, verb: 'flagExcessive', fromState: request.state, toState: request.state, onDate: shanghaiDate(at), clockEvent: null, payload: { reason: assessment.reason, automatic: true }, actorId: null, actorLabel: '系统：每月申请数量统计' });
      return flagged ?? request;
    }
    return request;
  }

  async function loadConsole(actor: Actor, id: string): Promise<ConsoleRequest> {
    const overrides = await calendar.overrides();
    const request = isUuid(id) ? await repo.findRequest(db, id) : undefined;
    if (!request) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE);
    const agency = await agencies.getAgencyById(request.agencyId);
    ensure(actor, 'request.read', agency);
    const [applicant, events, fees, service, reviewCases] = await Promise.all([
      repo.findApplicant(db, id),
      repo.listEvents(db, id),
      repo.listFees(db, id),
      repo.findService(db, id),
      repo.listReviewCases(db, id),
    ]);
    const clock = clockOf(request, clockEventsOf(events), overrides);
    const t = today();
    const canHandle = canOnRequest(actor, 'request.handle', agency);
    const canExtend = canOnRequest(actor, 'request.extend', agency);
    // 第三十五条: reasons are asked only of a flagged application; a flagged one is not flagged twice
    const verbs = verbsFrom(request.state)
      .filter((v) => (v === 'extend' ? canExtend : canHandle))
      .filter((v) => (request.isFlaggedExcessive ? v !== 'flagExcessive' : v !== 'askReasons'));
    const month = monthOf(request.receivedOn ?? shanghaiDate(request.createdAt));
    const priorInMonth = applicant ? await repo.countApplicantMonth(db, applicant.applicantKey, month, request.id) : 0;
    return {
      request,
      applicant: applicant ?? null,
      agency,
      events,
      clock,
      deadline: deadlineStatusOn(clock, t, overrides, rc),
      today: t,
      verbs,
      canExtend,
      canHandle,
      fees,
      service: service ?? null,
      reviewCases,
      excessive: applicant ? assessExcessive(priorInMonth, 1, month, rc) : null,
      priorInMonth,
      perItemFeeYuan: quoteFee({ basis: 'per_item', priorItems: priorInMonth, items: 1 }, rc).amountYuan,
    };
  }

  async function perform(actor: AuditActor, id: string, verb: RequestVerb, version: number, rawInput: unknown): Promise<repo.RequestRow> {
    if (!REQUEST_VERBS.includes(verb)) throw new AppError('NOT_FOUND', '没有这个办理操作。');
    const overrides = await calendar.overrides();
    const peek = isUuid(id) ? await repo.findRequest(db, id) : undefined;
    if (!peek) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE);
    const agency = await agencies.getAgencyById(peek.agencyId);
    ensure(actor, verb === 'extend' ? 'request.extend' : 'request.handle', agency);
    const raw = rawInput && typeof rawInput === 'object' ? (rawInput as Record<string, unknown>) : {};
    const t = today();
    const at = now();
    return run(async (tx) => {
      const request = await repo.findRequest(tx, id, { forUpdate: true });
      if (!request) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE);
      if (!Number.isInteger(version) || request.version !== version) throw new AppError('STALE_RECORD', STALE_MESSAGE);
      const events = await repo.listEvents(tx, id);
      const clockEvents = clockEventsOf(events);
      const clock = clockOf(request, clockEvents, overrides);
      const input = verbInputOf(verb, raw, actor);
      // 第三十一条: the receipt (双方确认) cannot precede the day the application was sent in
      const sentOn = request.submittedOn ?? shanghaiDate(request.createdAt);
      if (verb === 'register' && isIsoDate(String((input as VerbInputs['register']).receivedOn)) && (input as VerbInputs['register']).receivedOn < sentOn) {
        throw validationError([{ field: 'receivedOn', message: `收到申请之日：不能早于申请提交之日（${sentOn}）` }]);
      }
      const result = attemptTransition(verb, { state: request.state, today: t, clock, isFlaggedExcessive: request.isFlaggedExcessive, repliedOn: request.repliedOn, overrides, config: rc }, input);
      if (!result.ok) {
        if (result.code === 'VALIDATION_FAILED') throw validationError(result.fields, result.reason);
        throw new AppError('ILLEGAL_TRANSITION', result.reason);
      }
      const nextEvents = result.event ? [...clockEvents, result.event] : clockEvents;
      const receivedOn = verb === 'register' ? (input as VerbInputs['register']).receivedOn : request.receivedOn;
      const nextClock = clockOf({ receivedOn }, nextEvents, overrides);
      const changes: repo.RequestChanges = { state: result.to, dueOn: nextClock.dueDate };
      // the parsed input only (never the raw body): what the clerk recorded with the step
      const payload = JSON.parse(JSON.stringify(input)) as Record<string, unknown>;

      switch (verb) {
        case 'register':
          changes.receivedOn = receivedOn;
          if (CHANNELS[request.channel as Channel].receipt === 'confirmed' && !request.confirmedOn) changes.confirmedOn = receivedOn;
          break;
        case 'flagExcessive':
          changes.isFlaggedExcessive = true;
          break;
        case 'reply':
        case 'decline': {
          const outcome = result.outcome;
          if (!outcome) throw new AppError('INTERNAL', '答复缺少结果');
          const content = verb === 'reply' ? (input as VerbInputs['reply']).content : { reasonText: (input as VerbInputs['decline']).reasonText };
          changes.outcomeCode = outcome;
          changes.withholdReasons = [...(('withholdReasons' in content ? content.withholdReasons : undefined) ?? [])];
          changes.replyContent = JSON.parse(JSON.stringify(content)) as Record<string, unknown>;
          changes.repliedOn = result.on;
          changes.concludedOn = result.on;
          break;
        }
        case 'expireCorrection':
        case 'expireFee':
          changes.outcomeCode = result.outcome;
          changes.concludedOn = result.on;
          changes.repliedOn = result.on;
          if (verb === 'expireFee') await repo.settleOpenFee(tx, id, { expiredOn: result.on });
          break;
        case 'issueFeeNotice': {
          const i = input as VerbInputs['issueFeeNotice'];
          const payBy = nextClock.openFeeNotice?.payBy ?? result.on;
          await repo.insertFee(tx, { requestId: id, basis: i.basis, amountYuan: i.amountYuan, noticeOn: i.on, noticeReceivedOn: i.receivedOn ?? i.on, payBy });
          break;
        }
        case 'recordPayment': {
          const amount = await repo.settleOpenFee(tx, id, { paidOn: result.on });
          changes.feeCollectedYuan = request.feeCollectedYuan + amount;
          break;
        }
        case 'serve': {
          const due = nextClock.dueDate;
          const timely = due ? timelinessOf(result.on, due, overrides) : { isInTime: true, workingDaysLate: 0 };
          await repo.insertService(tx, { requestId: id, mode: (input as VerbInputs['serve']).mode, servedOn: result.on, dueOn: due, isInTime: timely.isInTime, workingDaysLate: timely.workingDaysLate });
          payload.isInTime = timely.isInTime;
          payload.workingDaysLate = timely.workingDaysLate;
          break;
        }
        default:
          break;
      }

      const updated = await repo.updateRequest(tx, id, version, changes, at);
      if (!updated) throw new AppError('STALE_RECORD', STALE_MESSAGE);
      await repo.insertEvent(tx, {
        requestId: id,
        verb,
        fromState: request.state,
        toState: result.to,
        onDate: result.on,
        clockEvent: result.event,
        payload,
        actorId: 'system' in actor ? null : actor.userId,
        actorLabel: actorLabel(actor),
      });
      await recordAudit(tx, {
        actor,
        action: `request.${snake(verb)}`,
        entityType: 'request',
        entityId: id,
        agencyId: request.agencyId,
        before: { state: request.state, dueOn: request.dueOn },
        after: { state: updated.state, dueOn: updated.dueOn, on: result.on, outcome: updated.outcomeCode },
      });
      return updated;
    });
  }

  return {
    requestsConfig: rc,
    today,

    async submitRequest(input, file, opts = {}) {
      const raw: Record<string, unknown> = input && typeof input === 'object' ? { ...(input as Record<string, unknown>) } : {};
      // the JSON API names the agency by its public code
      if (raw.agencyId === undefined && typeof raw.agencyCode === 'string') {
        const byCode = await agencies.getAgencyByCode(raw.agencyCode).catch(() => null);
        raw.agencyId = byCode?.id ?? 'unknown';
      }
      const keyRaw = str(raw.idempotencyKey);
      const key = /^[A-Za-z0-9_-]{16,64}$/.test(keyRaw) ? keyRaw : randomBytes(18).toString('base64url');
      const checked = checkSubmission(raw);
      const fields = checked.ok ? [] : [...checked.fields];
      const value = checked.ok ? checked.value : null;
      // a double click: the same key returns the first receipt (only for the same applicant)
      if (value) {
        const existing = await repo.findRequestByIdempotencyKey(db, key);
        if (existing) return duplicateReceipt(existing, value);
      }
      const agency = await agencyFor(value, fields);
      const { proof, tooLarge } = await storeIdentityProof(file, { required: opts.requireIdentityProof ?? true, anonymous: true }, fields);
      if (tooLarge) throw new AppError('PAYLOAD_TOO_LARGE', `身份证明文件不能超过 ${sizeText(Math.min(config.maxUploadBytes, publicUploadBytes))}。`, { fields });
      if (fields.length > 0 || !value || !agency) throw validationError(fields);
      const queryCode = queryCodeFor(key);
      try {
        const request = await run(async (tx) => {
          const r = await insertWithApplicant(tx, value, {
            queryCodeHash: sha256(queryCode),
            channel: 'online',
            state: 'submitted',
            submittedOn: today(),
            signedOn: null,
            confirmedOn: null,
            systemReceivedOn: null,
            receivedOn: null,
            dueOn: null,
            idempotencyKey: key,
          }, proof);
          await repo.insertEvent(tx, { requestId: r.id, verb: 'submit', fromState: 'submitted', toState: 'submitted', onDate: today(), clockEvent: null, payload: { channel: 'online' }, actorId: null, actorLabel: '申请人（网上提交）' });
          await recordAudit(tx, { actor: { system: 'portal' }, action: 'request.submit', entityType: 'request', entityId: r.id, agencyId: r.agencyId, after: { number: r.number, channel: 'online' } });
          return r;
        });
        return { number: request.number, queryCode, agencyName: agency.name, submittedAt: request.createdAt, isDuplicate: false };
      } catch (err) {
        // two submissions racing with one key: the loser returns the winner's receipt
        const existing = await repo.findRequestByIdempotencyKey(db, key);
        if (existing) return duplicateReceipt(existing, value);
        throw err;
      }

      async function duplicateReceipt(existing: repo.RequestRow, v: Submission): Promise<Receipt> {
        const applicant = await repo.findApplicant(db, existing.id);
        if (!applicant || applicant.idNumber !== v.idNumber) throw new AppError('DUPLICATE', '该表单已提交过，请重新打开申请页面填写。');
        const a = await agencies.getAgencyById(existing.agencyId);
        return { number: existing.number, queryCode: queryCodeFor(key), agencyName: a.name, submittedAt: existing.createdAt, isDuplicate: true };
      }
    },

    async registerPaperRequest(actor, input, file) {
      const raw = input && typeof input === 'object' ? (input as Record<string, unknown>) : {};
      const checked = checkSubmission(raw);
      const fields = checked.ok ? [] : [...checked.fields];
      const value = checked.ok ? checked.value : null;
      const agencyId = str(raw.agencyId);
      const agencyPeek = isUuid(agencyId) ? await agencies.getAgencyById(agencyId).catch(() => null) : null;
      if (agencyPeek) ensure(actor, 'request.handle', agencyPeek);
      else if (!actor.grants.some((g) => (['office', 'handler', 'head'] as string[]).includes(g.role))) throw forbidden();
      const channelRaw = str(raw.channel);
      const channel = (CHANNEL_IDS as string[]).includes(channelRaw) ? (channelRaw as Channel) : null;
      if (!channel) fields.push({ field: 'channel', message: channelRaw ? '申请渠道：不是允许的选项' : '申请渠道：必须选择' });
      const dates = { submittedOn: optional(raw.submittedOn) ?? null, signedOn: optional(raw.signedOn) ?? null, confirmedOn: optional(raw.confirmedOn) ?? null, systemReceivedOn: optional(raw.systemReceivedOn) ?? null };
      const t = today();
      for (const [k, v] of Object.entries(dates)) {
        if (v === null) continue;
        if (!isIsoDate(v)) fields.push({ field: k, message: '日期：必须是有效日期（YYYY-MM-DD）' });
        else if (v > t) fields.push({ field: k, message: `日期：不能晚于今天（${t}）` });
      }
      let receivedOn: IsoDate | null = null;
      if (channel && !fields.some((f) => f.field in dates)) {
        const receipt = receiptDateOf(channel, dates, rc);
        if (receipt.ok) receivedOn = receipt.date;
        // 207号: 平信 whose applicant cannot be reached is registered; the clock starts when contact is restored
        else if (!(CHANNELS[channel].receipt === 'confirmed' && raw.unreachable === '1')) fields.push({ field: receipt.field, message: receipt.message });
      }
      const agency = await agencyFor(value, fields);
      const { proof } = await storeIdentityProof(file, { required: false, anonymous: false }, fields);
      if (fields.length > 0 || !value || !agency || !channel) throw validationError(fields);
      ensure(actor, 'request.handle', agency);
      const overrides = await calendar.overrides();
      const key = randomBytes(18).toString('base64url');
      const queryCode = queryCodeFor(key);
      const state: RequestState = receivedOn ? 'registered' : 'submitted';
      const dueOn = receivedOn ? clockOf({ receivedOn }, [], overrides).dueDate : null;
      const request = await run(async (tx) => {
        const r = await insertWithApplicant(tx, value, { queryCodeHash: sha256(queryCode), channel, state, ...dates, receivedOn, dueOn, idempotencyKey: key }, proof);
        await repo.insertEvent(tx, { requestId: r.id, verb: receivedOn ? 'register' : 'submit', fromState: 'submitted', toState: state, onDate: receivedOn ?? t, clockEvent: null, payload: { channel, ...dates }, actorId: actor.userId, actorLabel: actorLabel(actor) });
        await recordAudit(tx, { actor, action: 'request.register_paper', entityType: 'request', entityId: r.id, agencyId: r.agencyId, after: { number: r.number, channel, receivedOn } });
        return r;
      });
      return { request, queryCode };
    },

    async getPublicStatus(number, code, clientKey) {
      if (throttle.hit(`status:${clientKey}`, lookupLimit, 600, now().getTime()) > 0) throw new AppError('RATE_LIMITED', '查询过于频繁，请 10 分钟后再试。');
      const n = str(number).toUpperCase();
      const c = str(code).toUpperCase().replace(/[\s-]/g, '');
      if (!/^YSQ\d{10}$/.test(n) || !/^[0-9A-Z]{8}$/.test(c)) throw new AppError('NOT_FOUND', STATUS_NOT_FOUND);
      const request = await repo.findRequestByNumber(db, n);
      const expected = Buffer.from(request?.queryCodeHash ?? '0'.repeat(64), 'hex');
      const given = Buffer.from(sha256(c), 'hex');
      if (!request || !timingSafeEqual(expected, given)) throw new AppError('NOT_FOUND', STATUS_NOT_FOUND);
      const agency = await agencies.getAgencyById(request.agencyId);
      const service = await repo.findService(db, request.id);
      const correctionDueOn = request.state === 'awaiting_correction' ? clockOf(request, clockEventsOf(await repo.listEvents(db, request.id)), await calendar.overrides()).correctionDueOn : null;
      return {
        number: request.number,
        agencyName: agency.name,
        stage: STAGES[STAGE_OF[request.state]],
        state: REQUEST_STATES[request.state],
        receivedOn: request.receivedOn,
        dueOn: request.dueOn,
        outcome: isOutcomeCode(request.outcomeCode) ? OUTCOMES[request.outcomeCode].label : null,
        repliedOn: request.repliedOn,
        servedOn: service?.servedOn ?? null,
        correctionDueOn,
      };
    },

    getRequestForConsole: loadConsole,

    async queue(actor) {
      const scopes = requestScopes(actor);
      if (scopes.length === 0) throw forbidden();
      const overrides = await calendar.overrides();
      const t = today();
      const open = await repo.listRequests(db, scopes, { states: OPEN_STATES });
      const events = await repo.listClockEvents(db, open.map((r) => r.id));
      const q: Queue = { today: t, overdue: [], dueToday: [], dueSoon: [], other: [], awaitingConfirmation: [], closed: [], canRegister: actor.grants.some((g) => (['office', 'handler', 'head'] as string[]).includes(g.role)) };
      for (const row of open) {
        const clock = clockOf(row, events.get(row.id) ?? [], overrides);
        const deadline = deadlineStatusOn(clock, t, overrides, rc);
        const entry = { row, deadline };
        if (deadline.kind === 'not_started') q.awaitingConfirmation.push(entry);
        else if (deadline.kind === 'overdue') q.overdue.push(entry);
        else if (deadline.kind === 'due_today') q.dueToday.push(entry);
        else if (deadline.isDueSoon) q.dueSoon.push(entry);
        else q.other.push(entry);
      }
      q.closed = await repo.listRequests(db, scopes, { states: ['replied', 'served', 'closed', 'archived'], limit: 50, order: 'concluded' });
      return q;
    },

    async overview(actor) {
      if (!canSeeOverview(actor)) throw forbidden();
      return { today: today(), rows: await repo.overdueByAgency(db, OPEN_STATES, today()) };
    },

    perform,

    async registerReviewCase(actor, requestId, input) {
      const raw = input && typeof input === 'object' ? (input as Record<string, unknown>) : {};
      const request = isUuid(requestId) ? await repo.findRequest(db, requestId) : undefined;
      if (!request) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE);
      const agency = await agencies.getAgencyById(request.agencyId);
      ensure(actor, 'request.review_case', agency);
      if (!request.outcomeCode) throw new AppError('ILLEGAL_TRANSITION', '尚未作出答复的申请不能登记行政复议或行政诉讼案件。');
      const checked = checkNewReviewCase(raw, { today: today(), repliedOn: request.repliedOn });
      if (!checked.ok) throw validationError(checked.fields);
      const v = checked.value;
      return run(async (tx) => {
        // 国办公开办函〔2016〕201号: a case counts for the 原行为主体, the agency that replied
        const c = await repo.insertReviewCase(tx, { agencyId: request.agencyId, requestId, ...v });
        await recordAudit(tx, { actor, action: 'request.review_case.create', entityType: 'request_review_case', entityId: c.id, agencyId: request.agencyId, after: c });
        return c;
      });
    },

    async concludeReviewCase(actor, caseId, version, input) {
      const raw = input && typeof input === 'object' ? (input as Record<string, unknown>) : {};
      const c = isUuid(caseId) ? await repo.findReviewCase(db, caseId) : undefined;
      if (!c) throw new AppError('NOT_FOUND', '未找到该案件。');
      const agency = await agencies.getAgencyById(c.agencyId);
      ensure(actor, 'request.review_case', agency);
      const checked = checkReviewResult(raw, { today: today(), filedOn: c.filedOn });
      if (!checked.ok) throw validationError(checked.fields);
      const { result, concludedOn } = checked.value;
      return run(async (tx) => {
        const updated = await repo.updateReviewCaseResult(tx, caseId, version, result, concludedOn);
        if (!updated) throw new AppError('STALE_RECORD', STALE_MESSAGE);
        await recordAudit(tx, { actor, action: 'request.review_case.conclude', entityType: 'request_review_case', entityId: caseId, agencyId: c.agencyId, before: { result: c.result }, after: { result, concludedOn } });
        return updated;
      });
    },

    async createDisclosureDraft(actor, id) {
      const view = await loadConsole(actor, id);
      const { request } = view;
      if (!options.items) throw new AppError('UNAVAILABLE', '政府信息模块不可用。');
      if (!['R-DISCLOSE', 'R-PARTIAL'].includes(request.outcomeCode ?? '')) throw new AppError('ILLEGAL_TRANSITION', '只有“予以公开”或“部分公开”的答复才能转为主动公开。');
      if (request.disclosureItemId) throw new AppError('ILLEGAL_TRANSITION', '该申请已转为主动公开草稿。');
      const content = (request.replyContent ?? {}) as ReplyContent;
      const body = [request.description, content.providedInformation ?? ''].filter(Boolean).map((p) => `<p>${escapeHtml(p)}</p>`).join('');
      // The draft goes through the items workflow: its privacy gate runs when it is published (issue 4). A 承办人
      // need not hold drafting rights, so the module drafts it and our own audit row names the clerk.
      const draft = await options.items.createDraft({ system: 'requests' }, {
        agencyId: request.agencyId,
        title: `依申请公开转主动公开：${request.description.slice(0, 60)}`,
        writtenDate: request.repliedOn ?? today(),
        subject: 'general_affairs.openness',
        genre: 'other_document',
        bodyHtml: body,
        documentNumber: request.documentNumber ?? undefined,
      });
      const t = now();
      await run(async (tx) => {
        const current = await repo.findRequest(tx, id, { forUpdate: true });
        if (!current) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE);
        await repo.updateRequest(tx, id, current.version, { state: current.state, dueOn: current.dueOn, disclosureItemId: draft.item.id }, t);
        await recordAudit(tx, { actor, action: 'request.to_disclosure', entityType: 'request', entityId: id, agencyId: current.agencyId, after: { itemId: draft.item.id } });
      });
      return draft.item.id;
    },

    async openIdentityProof(actor, id) {
      const view = await loadConsole(actor, id);
      const a = view.applicant;
      if (!a?.identityFileKey) throw new AppError('NOT_FOUND', '该申请没有上传身份证明。');
      const bytes = await storage.get(a.identityFileKey);
      const sniff = await sniffUpload(a.identityFileName ?? 'file', bytes);
      return { filename: a.identityFileName ?? 'identity', bytes, mime: sniff.ok ? sniff.kind.mime : 'application/octet-stream' };
    },

    async getReplyLetterInput(actor, id) {
      const view = await loadConsole(actor, id);
      const r = view.request;
      if (!isOutcomeCode(r.outcomeCode) || !r.repliedOn) throw new AppError('ILLEGAL_TRANSITION', '尚未作出答复，没有告知书。');
      // 行政复议法 第二十四条: a department's or a lower government's act is reviewed by the government above it;
      // we take the agency's parent in the tree [INF: a 垂直管理 department's reviewer differs and is not modelled].
      const parent = view.agency.parentId ? await agencies.getAgencyById(view.agency.parentId).catch(() => null) : null;
      const a = view.applicant;
      return {
        agencyName: view.agency.name,
        applicantName: a ? (a.organizationName ?? a.name) : '申请人',
        requestNumber: r.number,
        receivedOn: r.receivedOn ?? r.repliedOn,
        requestDescription: r.description,
        outcome: r.outcomeCode,
        content: (r.replyContent ?? {}) as ReplyContent,
        repliedOn: r.repliedOn,
        remedy: { reviewBody: parent?.name ?? view.agency.name },
        contact: `${view.agency.officeName} ${view.agency.officePhone}`,
      };
    },

    async runReminders() {
      const overrides = await calendar.overrides();
      const t = today();
      const out: ReminderRun = { today: t, dueSoon: 0, overdue: 0, expiredCorrections: 0, expiredFees: 0 };
      const open = await repo.listOpenRequestIds(db, OPEN_STATES);
      const system = { system: 'requests.reminders' };
      for (const { id } of open) {
        const request = await repo.findRequest(db, id);
        if (!request) continue;
        const events = clockEventsOf(await repo.listEvents(db, id));
        const clock = clockOf(request, events, overrides);
        // 条例 第三十条: 无正当理由逾期不补正的，视为放弃申请; 109号: 逾期未缴纳的视为放弃申请
        if (request.state === 'awaiting_correction' && clock.correctionDueOn && t > clock.correctionDueOn) {
          await perform(system, id, 'expireCorrection', request.version, {});
          out.expiredCorrections++;
          continue;
        }
        if (request.state === 'awaiting_fee' && clock.openFeeNotice && t > clock.openFeeNotice.payBy) {
          await perform(system, id, 'expireFee', request.version, {});
          out.expiredFees++;
          continue;
        }
        const d = deadlineStatusOn(clock, t, overrides, rc);
        if (d.kind === 'overdue' && (await repo.insertReminder(db, id, 'overdue', t))) out.overdue++;
        else if ((d.kind === 'due_today' || d.isDueSoon) && (await repo.insertReminder(db, id, 'due_soon', t))) out.dueSoon++;
      }
      return out;
    },
  };
}

function snake(s: string): string {
  return s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function clockEventsOf(events: readonly repo.EventRow[]): ClockEvent[] {
  return events.map((e) => e.clockEvent).filter((e): e is ClockEvent => e !== null);
}

function isUuid(v: unknown): v is string {
  return typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

export { canTransition, REQUEST_TRANSITIONS };
