// Every query on the requests tables (STYLE.md: only repositories touch SQL). Parameterized `sql` templates;
// callers pass `tx` inside a transaction (ADR 0001).
import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import type { IsoDate } from '../../platform/calendar/workdays.ts';
import type { ClockEvent } from './deadlines.ts';
import type { RequestState } from './requests.workflow.ts';

export interface RequestRow {
  id: string;
  agencyId: string;
  number: string;
  queryCodeHash: string;
  applicantCategory: string;
  channel: string;
  state: RequestState;
  submittedOn: IsoDate | null;
  signedOn: IsoDate | null;
  confirmedOn: IsoDate | null;
  systemReceivedOn: IsoDate | null;
  receivedOn: IsoDate | null;
  description: string;
  documentNumber: string | null;
  provisionForm: string;
  outcomeCode: string | null;
  withholdReasons: string[];
  replyContent: Record<string, unknown> | null;
  repliedOn: IsoDate | null;
  concludedOn: IsoDate | null;
  dueOn: IsoDate | null;
  isFlaggedExcessive: boolean;
  feeCollectedYuan: number;
  disclosureItemId: string | null;
  idempotencyKey: string | null;
  version: number;
  createdAt: Date;
}

export interface ApplicantRow {
  kind: string;
  name: string;
  organizationName: string | null;
  idType: string;
  idNumber: string;
  applicantKey: string;
  phone: string;
  address: string;
  email: string | null;
  postalCode: string | null;
  identityFileKey: string | null;
  identityFileName: string | null;
}

export interface EventRow {
  id: number;
  verb: string;
  fromState: string;
  toState: string;
  onDate: IsoDate;
  clockEvent: ClockEvent | null;
  payload: Record<string, unknown>;
  actorLabel: string;
  createdAt: Date;
}

const REQUEST_COLUMNS = sql`r.id, r.agency_id, r.number, r.query_code_hash, r.applicant_category, r.channel, r.state, r.submitted_on, r.signed_on,
  r.confirmed_on, r.system_received_on, r.received_on, r.description, r.document_number, r.provision_form, r.outcome_code, r.withhold_reasons,
  r.reply_content, r.replied_on, r.concluded_on, r.due_on, r.is_flagged_excessive, r.fee_collected_yuan, r.disclosure_item_id, r.idempotency_key,
  r.version, r.created_at`;

type Raw = Record<string, unknown>;

function toRequest(r: Raw): RequestRow {
  return {
    id: r.id as string,
    agencyId: r.agency_id as string,
    number: r.number as string,
    queryCodeHash: r.query_code_hash as string,
    applicantCategory: r.applicant_category as string,
    channel: r.channel as string,
    state: r.state as RequestState,
    submittedOn: (r.submitted_on as string | null) ?? null,
    signedOn: (r.signed_on as string | null) ?? null,
    confirmedOn: (r.confirmed_on as string | null) ?? null,
    systemReceivedOn: (r.system_received_on as string | null) ?? null,
    receivedOn: (r.received_on as string | null) ?? null,
    description: r.description as string,
    documentNumber: (r.document_number as string | null) ?? null,
    provisionForm: r.provision_form as string,
    outcomeCode: (r.outcome_code as string | null) ?? null,
    withholdReasons: (r.withhold_reasons as string[] | null) ?? [],
    replyContent: (r.reply_content as Record<string, unknown> | null) ?? null,
    repliedOn: (r.replied_on as string | null) ?? null,
    concludedOn: (r.concluded_on as string | null) ?? null,
    dueOn: (r.due_on as string | null) ?? null,
    isFlaggedExcessive: r.is_flagged_excessive === true,
    feeCollectedYuan: Number(r.fee_collected_yuan ?? 0),
    disclosureItemId: (r.disclosure_item_id as string | null) ?? null,
    idempotencyKey: (r.idempotency_key as string | null) ?? null,
    version: Number(r.version),
    createdAt: new Date(r.created_at as string),
  };
}

/** What insertRequest writes: the columns known at submission; the others (reply, fee, flag, version) take their defaults. */
export type NewRequestRow = Pick<
  RequestRow,
  | 'agencyId' | 'number' | 'queryCodeHash' | 'applicantCategory' | 'channel' | 'state' | 'submittedOn' | 'signedOn' | 'confirmedOn'
  | 'systemReceivedOn' | 'receivedOn' | 'description' | 'documentNumber' | 'provisionForm' | 'dueOn' | 'idempotencyKey' | 'createdAt'
>;

/** The next application number of a year: `YYYY` + 6 digits, from a per-year counter row. */
export async function nextNumber(tx: Executor, year: number): Promise<string> {
  const r = await tx.execute(sql`INSERT INTO request_counters (year, last_value) VALUES (${year}, 1)
    ON CONFLICT (year) DO UPDATE SET last_value = request_counters.last_value + 1 RETURNING last_value`);
  const n = Number(r.rows[0]?.last_value);
  return `YSQ${year}${String(n).padStart(6, '0')}`;
}

export async function insertRequest(tx: Executor, v: NewRequestRow): Promise<RequestRow> {
  const r = await tx.execute(sql`INSERT INTO requests AS r (agency_id, number, query_code_hash, applicant_category, channel, state, submitted_on, signed_on,
      confirmed_on, system_received_on, received_on, description, document_number, provision_form, due_on, idempotency_key, created_at, updated_at)
    VALUES (${v.agencyId}, ${v.number}, ${v.queryCodeHash}, ${v.applicantCategory}, ${v.channel}, ${v.state}, ${v.submittedOn}, ${v.signedOn},
      ${v.confirmedOn}, ${v.systemReceivedOn}, ${v.receivedOn}, ${v.description}, ${v.documentNumber}, ${v.provisionForm}, ${v.dueOn},
      ${v.idempotencyKey}, ${v.createdAt.toISOString()}, ${v.createdAt.toISOString()})
    RETURNING ${REQUEST_COLUMNS}`);
  return toRequest(r.rows[0] as Raw);
}

export async function insertApplicant(tx: Executor, requestId: string, a: ApplicantRow): Promise<void> {
  await tx.execute(sql`INSERT INTO request_applicants (request_id, kind, name, organization_name, id_type, id_number, applicant_key, phone, address,
      email, postal_code, identity_file_key, identity_file_name)
    VALUES (${requestId}, ${a.kind}, ${a.name}, ${a.organizationName}, ${a.idType}, ${a.idNumber}, ${a.applicantKey}, ${a.phone}, ${a.address},
      ${a.email}, ${a.postalCode}, ${a.identityFileKey}, ${a.identityFileName})`);
}

export async function findRequest(ex: Executor, id: string, opts: { forUpdate?: boolean } = {}): Promise<RequestRow | undefined> {
  const lock = opts.forUpdate ? sql` FOR UPDATE` : sql``;
  const r = await ex.execute(sql`SELECT ${REQUEST_COLUMNS} FROM requests r WHERE r.id = ${id}${lock}`);
  return r.rows[0] ? toRequest(r.rows[0] as Raw) : undefined;
}

export async function findRequestByNumber(ex: Executor, number: string): Promise<RequestRow | undefined> {
  const r = await ex.execute(sql`SELECT ${REQUEST_COLUMNS} FROM requests r WHERE r.number = ${number}`);
  return r.rows[0] ? toRequest(r.rows[0] as Raw) : undefined;
}

export async function findRequestByIdempotencyKey(ex: Executor, key: string): Promise<RequestRow | undefined> {
  const r = await ex.execute(sql`SELECT ${REQUEST_COLUMNS} FROM requests r WHERE r.idempotency_key = ${key}`);
  return r.rows[0] ? toRequest(r.rows[0] as Raw) : undefined;
}

export async function findApplicant(ex: Executor, requestId: string): Promise<ApplicantRow | undefined> {
  const r = await ex.execute(sql`SELECT * FROM request_applicants WHERE request_id = ${requestId}`);
  const a = r.rows[0] as Raw | undefined;
  if (!a) return undefined;
  return {
    kind: a.kind as string,
    name: a.name as string,
    organizationName: (a.organization_name as string | null) ?? null,
    idType: a.id_type as string,
    idNumber: a.id_number as string,
    applicantKey: String(a.applicant_key),
    phone: a.phone as string,
    address: a.address as string,
    email: (a.email as string | null) ?? null,
    postalCode: (a.postal_code as string | null) ?? null,
    identityFileKey: a.identity_file_key ? String(a.identity_file_key) : null,
    identityFileName: (a.identity_file_name as string | null) ?? null,
  };
}

export async function listEvents(ex: Executor, requestId: string): Promise<EventRow[]> {
  const r = await ex.execute(sql`SELECT id, verb, from_state, to_state, on_date, clock_event, payload, actor_label, created_at
    FROM request_events WHERE request_id = ${requestId} ORDER BY id`);
  return (r.rows as Raw[]).map((e) => ({
    id: Number(e.id),
    verb: e.verb as string,
    fromState: e.from_state as string,
    toState: e.to_state as string,
    onDate: e.on_date as string,
    clockEvent: (e.clock_event as ClockEvent | null) ?? null,
    payload: (e.payload as Record<string, unknown>) ?? {},
    actorLabel: e.actor_label as string,
    createdAt: new Date(e.created_at as string),
  }));
}

/** The clock events of many requests at once (queues), in order. */
export async function listClockEvents(ex: Executor, requestIds: readonly string[]): Promise<Map<string, ClockEvent[]>> {
  const out = new Map<string, ClockEvent[]>();
  if (requestIds.length === 0) return out;
  const rows = await ex.execute(sql`SELECT request_id, clock_event FROM request_events
    WHERE request_id IN (${sql.join(requestIds.map((id) => sql`${id}`), sql`, `)}) AND clock_event IS NOT NULL ORDER BY id`);
  for (const row of rows.rows as Raw[]) {
    const id = row.request_id as string;
    const list = out.get(id) ?? [];
    list.push(row.clock_event as ClockEvent);
    out.set(id, list);
  }
  return out;
}

export interface NewEventRow {
  requestId: string;
  verb: string;
  fromState: string;
  toState: string;
  onDate: IsoDate;
  clockEvent: ClockEvent | null;
  payload: Record<string, unknown>;
  actorId: string | null;
  actorLabel: string;
}

export async function insertEvent(tx: Executor, e: NewEventRow): Promise<void> {
  await tx.execute(sql`INSERT INTO request_events (request_id, verb, from_state, to_state, on_date, clock_event, payload, actor_id, actor_label)
    VALUES (${e.requestId}, ${e.verb}, ${e.fromState}, ${e.toState}, ${e.onDate}, ${e.clockEvent ? JSON.stringify(e.clockEvent) : null}::jsonb,
      ${JSON.stringify(e.payload)}::jsonb, ${e.actorId}, ${e.actorLabel})`);
}

export interface RequestChanges {
  state: RequestState;
  dueOn: IsoDate | null;
  receivedOn?: IsoDate | null | undefined;
  confirmedOn?: IsoDate | null | undefined;
  outcomeCode?: string | null | undefined;
  withholdReasons?: string[] | undefined;
  replyContent?: Record<string, unknown> | null | undefined;
  repliedOn?: IsoDate | null | undefined;
  concludedOn?: IsoDate | null | undefined;
  isFlaggedExcessive?: boolean | undefined;
  feeCollectedYuan?: number | undefined;
  disclosureItemId?: string | undefined;
}

/** Optimistic update: null when the version no longer matches. */
export async function updateRequest(tx: Executor, id: string, version: number, c: RequestChanges, at: Date): Promise<RequestRow | null> {
  const sets = [sql`state = ${c.state}`, sql`due_on = ${c.dueOn}`, sql`version = version + 1`, sql`updated_at = ${at.toISOString()}`];
  if (c.receivedOn !== undefined) sets.push(sql`received_on = ${c.receivedOn}`);
  if (c.confirmedOn !== undefined) sets.push(sql`confirmed_on = ${c.confirmedOn}`);
  if (c.outcomeCode !== undefined) sets.push(sql`outcome_code = ${c.outcomeCode}`);
  if (c.withholdReasons !== undefined) sets.push(sql`withhold_reasons = ${sql`ARRAY[${sql.join(c.withholdReasons.map((w) => sql`${w}`), sql`, `)}]::text[]`}`);
  if (c.replyContent !== undefined) sets.push(sql`reply_content = ${c.replyContent === null ? null : JSON.stringify(c.replyContent)}::jsonb`);
  if (c.repliedOn !== undefined) sets.push(sql`replied_on = ${c.repliedOn}`);
  if (c.concludedOn !== undefined) sets.push(sql`concluded_on = ${c.concludedOn}`);
  if (c.isFlaggedExcessive !== undefined) sets.push(sql`is_flagged_excessive = ${c.isFlaggedExcessive}`);
  if (c.feeCollectedYuan !== undefined) sets.push(sql`fee_collected_yuan = ${c.feeCollectedYuan}`);
  if (c.disclosureItemId !== undefined) sets.push(sql`disclosure_item_id = ${c.disclosureItemId}`);
  const r = await tx.execute(sql`UPDATE requests r SET ${sql.join(sets, sql`, `)} WHERE r.id = ${id} AND r.version = ${version} RETURNING ${REQUEST_COLUMNS}`);
  return r.rows[0] ? toRequest(r.rows[0] as Raw) : null;
}

/** Applications by the same applicant whose receipt (or creation) falls in `month` (YYYY-MM), for 第三十五条 and 109号. */
export async function countApplicantMonth(ex: Executor, applicantKey: string, month: string, excludeId: string | null): Promise<number> {
  const r = await ex.execute(sql`SELECT count(*)::int AS n FROM requests r JOIN request_applicants a ON a.request_id = r.id
    WHERE a.applicant_key = ${applicantKey} AND to_char(coalesce(r.received_on, (r.created_at AT TIME ZONE 'Asia/Shanghai')::date), 'YYYY-MM') = ${month}
      AND (${excludeId}::uuid IS NULL OR r.id <> ${excludeId}::uuid)`);
  return Number(r.rows[0]?.n ?? 0);
}

export interface QueueRow extends RequestRow {
  agencyName: string;
  applicantName: string;
}

export interface Scope {
  agencyId: string;
  includeSubtree: boolean;
}

function scopeCondition(scopes: readonly Scope[]) {
  if (scopes.length === 0) return sql`false`;
  return sql`(${sql.join(
    scopes.map((s) => (s.includeSubtree ? sql`(r.agency_id = ${s.agencyId} OR ${s.agencyId}::uuid = ANY(ag.ancestors))` : sql`r.agency_id = ${s.agencyId}`)),
    sql` OR `,
  )})`;
}

/** Requests in the actor's agencies, open ones first by due date; `states` narrows, `limit` caps. */
export async function listRequests(ex: Executor, scopes: readonly Scope[], opts: { states?: readonly string[]; agencyId?: string; limit?: number; order?: 'due' | 'concluded' } = {}): Promise<QueueRow[]> {
  const states = opts.states && opts.states.length ? sql`AND r.state IN (${sql.join(opts.states.map((s) => sql`${s}`), sql`, `)})` : sql``;
  const agency = opts.agencyId ? sql`AND r.agency_id = ${opts.agencyId}` : sql``;
  const r = await ex.execute(sql`SELECT ${REQUEST_COLUMNS}, ag.name AS agency_name, coalesce(a.organization_name, a.name) AS applicant_name
    FROM requests r JOIN agencies ag ON ag.id = r.agency_id LEFT JOIN request_applicants a ON a.request_id = r.id
    WHERE ${scopeCondition(scopes)} ${states} ${agency}
    ORDER BY ${opts.order === 'concluded' ? sql`r.concluded_on DESC NULLS LAST, r.number DESC` : sql`r.due_on ASC NULLS LAST, r.created_at DESC`} LIMIT ${opts.limit ?? 500}`);
  return (r.rows as Raw[]).map((row) => ({ ...toRequest(row), agencyName: row.agency_name as string, applicantName: (row.applicant_name as string | null) ?? '' }));
}

/** The 公开办's board: per agency, open applications and those past their due date on `today`. */
export async function overdueByAgency(ex: Executor, openStates: readonly string[], today: IsoDate): Promise<{ agencyId: string; agencyName: string; open: number; overdue: number }[]> {
  const r = await ex.execute(sql`SELECT ag.id, ag.name, count(*)::int AS open, count(*) FILTER (WHERE r.due_on < ${today})::int AS overdue
    FROM requests r JOIN agencies ag ON ag.id = r.agency_id
    WHERE r.state IN (${sql.join(openStates.map((s) => sql`${s}`), sql`, `)})
    GROUP BY ag.id, ag.name, ag.sort_order ORDER BY overdue DESC, ag.sort_order`);
  return (r.rows as Raw[]).map((x) => ({ agencyId: x.id as string, agencyName: x.name as string, open: Number(x.open), overdue: Number(x.overdue) }));
}

export async function insertFee(tx: Executor, f: { requestId: string; basis: string; amountYuan: number; noticeOn: IsoDate; noticeReceivedOn: IsoDate; payBy: IsoDate }): Promise<void> {
  await tx.execute(sql`INSERT INTO request_fees (request_id, basis, amount_yuan, notice_on, notice_received_on, pay_by)
    VALUES (${f.requestId}, ${f.basis}, ${f.amountYuan}, ${f.noticeOn}, ${f.noticeReceivedOn}, ${f.payBy})`);
}

/** Settles the open fee notice: paid on a date, or expired. Returns the amount. */
export async function settleOpenFee(tx: Executor, requestId: string, how: { paidOn: IsoDate } | { expiredOn: IsoDate }): Promise<number> {
  const set = 'paidOn' in how ? sql`paid_on = ${how.paidOn}` : sql`expired_on = ${how.expiredOn}`;
  const r = await tx.execute(sql`UPDATE request_fees SET ${set} WHERE request_id = ${requestId} AND paid_on IS NULL AND expired_on IS NULL RETURNING amount_yuan`);
  return Number(r.rows[0]?.amount_yuan ?? 0);
}

export async function listFees(ex: Executor, requestId: string): Promise<{ basis: string; amountYuan: number; noticeOn: IsoDate; payBy: IsoDate; paidOn: IsoDate | null; expiredOn: IsoDate | null }[]> {
  const r = await ex.execute(sql`SELECT basis, amount_yuan, notice_on, pay_by, paid_on, expired_on FROM request_fees WHERE request_id = ${requestId} ORDER BY created_at`);
  return (r.rows as Raw[]).map((f) => ({ basis: f.basis as string, amountYuan: Number(f.amount_yuan), noticeOn: f.notice_on as string, payBy: f.pay_by as string, paidOn: (f.paid_on as string | null) ?? null, expiredOn: (f.expired_on as string | null) ?? null }));
}

export async function insertService(tx: Executor, s: { requestId: string; mode: string; servedOn: IsoDate; dueOn: IsoDate | null; isInTime: boolean; workingDaysLate: number }): Promise<void> {
  await tx.execute(sql`INSERT INTO request_services (request_id, mode, served_on, due_on, is_in_time, working_days_late)
    VALUES (${s.requestId}, ${s.mode}, ${s.servedOn}, ${s.dueOn}, ${s.isInTime}, ${s.workingDaysLate})`);
}

export async function findService(ex: Executor, requestId: string): Promise<{ mode: string; servedOn: IsoDate; dueOn: IsoDate | null; isInTime: boolean; workingDaysLate: number } | undefined> {
  const r = await ex.execute(sql`SELECT mode, served_on, due_on, is_in_time, working_days_late FROM request_services WHERE request_id = ${requestId} ORDER BY created_at DESC LIMIT 1`);
  const s = r.rows[0] as Raw | undefined;
  return s ? { mode: s.mode as string, servedOn: s.served_on as string, dueOn: (s.due_on as string | null) ?? null, isInTime: s.is_in_time === true, workingDaysLate: Number(s.working_days_late) } : undefined;
}

export interface ReviewCaseRow {
  id: string;
  agencyId: string;
  requestId: string | null;
  kind: string;
  result: string;
  caseNumber: string | null;
  filedOn: IsoDate;
  concludedOn: IsoDate | null;
  note: string | null;
  version: number;
}

function toCase(c: Raw): ReviewCaseRow {
  return {
    id: c.id as string,
    agencyId: c.agency_id as string,
    requestId: (c.request_id as string | null) ?? null,
    kind: c.kind as string,
    result: c.result as string,
    caseNumber: (c.case_number as string | null) ?? null,
    filedOn: c.filed_on as string,
    concludedOn: (c.concluded_on as string | null) ?? null,
    note: (c.note as string | null) ?? null,
    version: Number(c.version),
  };
}

export async function insertReviewCase(tx: Executor, c: Omit<ReviewCaseRow, 'id' | 'version'>): Promise<ReviewCaseRow> {
  const r = await tx.execute(sql`INSERT INTO request_review_cases (agency_id, request_id, kind, result, case_number, filed_on, concluded_on, note)
    VALUES (${c.agencyId}, ${c.requestId}, ${c.kind}, ${c.result}, ${c.caseNumber}, ${c.filedOn}, ${c.concludedOn}, ${c.note}) RETURNING *`);
  return toCase(r.rows[0] as Raw);
}

export async function findReviewCase(ex: Executor, id: string): Promise<ReviewCaseRow | undefined> {
  const r = await ex.execute(sql`SELECT * FROM request_review_cases WHERE id = ${id}`);
  return r.rows[0] ? toCase(r.rows[0] as Raw) : undefined;
}

export async function updateReviewCaseResult(tx: Executor, id: string, version: number, result: string, concludedOn: IsoDate | null): Promise<ReviewCaseRow | null> {
  const r = await tx.execute(sql`UPDATE request_review_cases SET result = ${result}, concluded_on = ${concludedOn}, version = version + 1
    WHERE id = ${id} AND version = ${version} RETURNING *`);
  return r.rows[0] ? toCase(r.rows[0] as Raw) : null;
}

export async function listReviewCases(ex: Executor, requestId: string): Promise<ReviewCaseRow[]> {
  const r = await ex.execute(sql`SELECT * FROM request_review_cases WHERE request_id = ${requestId} ORDER BY filed_on, created_at`);
  return (r.rows as Raw[]).map(toCase);
}

/** Records a reminder once per request, kind and day; returns whether it was new. */
export async function insertReminder(ex: Executor, requestId: string, kind: string, on: IsoDate): Promise<boolean> {
  const r = await ex.execute(sql`INSERT INTO request_reminders (request_id, kind, on_date) VALUES (${requestId}, ${kind}, ${on}) ON CONFLICT DO NOTHING RETURNING request_id`);
  return r.rows.length > 0;
}

/** Open requests of every agency (jobs). */
export async function listOpenRequestIds(ex: Executor, openStates: readonly string[]): Promise<{ id: string; agencyId: string }[]> {
  const r = await ex.execute(sql`SELECT id, agency_id FROM requests WHERE state IN (${sql.join(openStates.map((s) => sql`${s}`), sql`, `)}) ORDER BY created_at`);
  return (r.rows as Raw[]).map((x) => ({ id: x.id as string, agencyId: x.agency_id as string }));
}
