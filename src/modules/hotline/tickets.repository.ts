// Every query on the hotline tables. Values are always bound parameters. Public reads select PUBLIC_COLUMNS, which
// leave out the citizen's contact, the query code hash, the client token and the unmasked reply.
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import { agencies } from '../agencies/index.ts';
import type { TicketState } from './hotline.workflow.ts';
import { hotlineApiClients, ticketAttachments, ticketEvents, tickets, type ApiClientRow, type TicketAttachmentRow, type TicketEventRow, type TicketRow } from './tickets.tables.ts';

export type TicketValues = typeof tickets.$inferInsert;
export type TicketChanges = Partial<Omit<TicketValues, 'id' | 'number' | 'queryCodeHash' | 'version' | 'createdAt'>>;
export type EventValues = typeof ticketEvents.$inferInsert;

function first<T>(rows: T[], what: string): T {
  const row = rows[0];
  if (!row) throw new Error(`${what} returned no row`);
  return row;
}

// ---------------------------------------------------------------------------------------------------------------
// Intake

export interface IntakeRow {
  values: Omit<TicketValues, 'number'>;
  event: Omit<EventValues, 'ticketId'>;
  mediaUrls: readonly string[];
}

/**
 * Inserts a ticket with its intake event and media links in ONE statement (one round trip, atomic without an
 * explicit transaction). The number comes from ticket_number_seq. With a client token already used by the same
 * client (or, for the portal's forms, by another form post), nothing is written and `created` is false with the earlier
 * ticket.
 */
export async function insertTicketWithIntake(ex: Executor, row: IntakeRow): Promise<{ created: boolean; id: string; number: string }> {
  const v = row.values;
  const e = row.event;
  const media = row.mediaUrls.length ? sql`ARRAY[${sql.join(row.mediaUrls.map((u) => sql`${u}`), sql`, `)}]::text[]` : sql`'{}'::text[]`;
  const assisting = v.assistingAgencyIds?.length ? sql`ARRAY[${sql.join(v.assistingAgencyIds.map((u) => sql`${u}`), sql`, `)}]::uuid[]` : sql`'{}'::uuid[]`;
  const ts = (d: Date | null | undefined) => (d ? d.toISOString() : null);
  const r = await ex.execute<{ id: string; number: string }>(sql`
    WITH t AS (
      INSERT INTO tickets (number, query_code_hash, channel, type, urgency, category_code, district_code, title, content,
        address, address_id, zipcode, lat, long, attributes, confidentiality, publish_consent,
        contact_name, contact_phone, contact_email, contact_device_id, contact_account_id,
        state, lead_agency_id, assisting_agency_ids, received_at, dispatch_due_at, accepted_at,
        api_client_id, client_token, received_by, created_at, updated_at)
      VALUES (
        to_char(${ts(v.receivedAt)}::timestamptz AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || lpad(nextval('ticket_number_seq')::text, 6, '0'),
        ${v.queryCodeHash}, ${v.channel}, ${v.type}, ${v.urgency ?? 'normal'}, ${v.categoryCode ?? null}, ${v.districtCode ?? null},
        ${v.title ?? null}, ${v.content}, ${v.address ?? null}, ${v.addressId ?? null}, ${v.zipcode ?? null}, ${v.lat ?? null}, ${v.long ?? null},
        ${JSON.stringify(v.attributes ?? {})}::jsonb, ${v.confidentiality ?? 'standard'}, ${v.publishConsent ?? false},
        ${v.contactName ?? null}, ${v.contactPhone ?? null}, ${v.contactEmail ?? null}, ${v.contactDeviceId ?? null}, ${v.contactAccountId ?? null},
        ${v.state ?? 'submitted'}, ${v.leadAgencyId ?? null}, ${assisting}, ${ts(v.receivedAt)}::timestamptz, ${ts(v.dispatchDueAt)}::timestamptz,
        ${ts(v.acceptedAt)}::timestamptz, ${v.apiClientId ?? null}, ${v.clientToken ?? null}, ${v.receivedBy ?? null},
        ${ts(v.receivedAt)}::timestamptz, ${ts(v.receivedAt)}::timestamptz)
      ON CONFLICT (api_client_id, client_token) WHERE client_token IS NOT NULL DO NOTHING
      RETURNING id, number
    ),
    ev AS (
      INSERT INTO ticket_events (ticket_id, verb, from_state, to_state, actor_id, actor_label, agency_id, payload, at)
      SELECT t.id, ${e.verb}, NULL, ${e.toState}, ${e.actorId ?? null}, ${e.actorLabel}, ${e.agencyId ?? null}, ${JSON.stringify(e.payload ?? {})}::jsonb, ${ts(v.receivedAt)}::timestamptz FROM t
    ),
    att AS (
      INSERT INTO ticket_attachments (ticket_id, media_url) SELECT t.id, u FROM t, unnest(${media}) AS u
    )
    SELECT id, number FROM t`);
  const created = r.rows[0];
  if (created) return { created: true, id: created.id, number: created.number };
  if (!v.clientToken) throw new Error('insertTicketWithIntake: no row and no client token');
  const client = v.apiClientId ? eq(tickets.apiClientId, v.apiClientId) : isNull(tickets.apiClientId);
  const prior = first(await ex.select({ id: tickets.id, number: tickets.number }).from(tickets).where(and(client, eq(tickets.clientToken, v.clientToken))).limit(1), 'ticket by client token');
  return { created: false, ...prior };
}

// ---------------------------------------------------------------------------------------------------------------
// Tickets (staff side: every column)

export async function findTicket(ex: Executor, id: string, opts: { forUpdate?: boolean } = {}): Promise<TicketRow | undefined> {
  const q = ex.select().from(tickets).where(eq(tickets.id, id)).limit(1);
  return (opts.forUpdate ? await q.for('update') : await q)[0];
}

export async function findTicketByNumber(ex: Executor, number: string): Promise<TicketRow | undefined> {
  return (await ex.select().from(tickets).where(eq(tickets.number, number)).limit(1))[0];
}

/** Optimistic update: only when the row still has `version`. undefined = changed meanwhile. */
export async function updateTicket(ex: Executor, id: string, version: number, changes: TicketChanges, now: Date): Promise<TicketRow | undefined> {
  const rows = await ex
    .update(tickets)
    .set({ ...changes, version: sql`${tickets.version} + 1`, updatedAt: now })
    .where(and(eq(tickets.id, id), eq(tickets.version, version)))
    .returning();
  return rows[0];
}

export async function insertEvent(ex: Executor, values: EventValues): Promise<TicketEventRow> {
  return first(await ex.insert(ticketEvents).values(values).returning(), 'insert ticket event');
}

export async function selectEvents(ex: Executor, ticketId: string): Promise<TicketEventRow[]> {
  return ex.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticketId)).orderBy(asc(ticketEvents.id));
}

export async function selectAttachments(ex: Executor, ticketId: string): Promise<TicketAttachmentRow[]> {
  return ex.select().from(ticketAttachments).where(eq(ticketAttachments.ticketId, ticketId)).orderBy(asc(ticketAttachments.createdAt));
}

export async function findAttachment(ex: Executor, id: string): Promise<TicketAttachmentRow | undefined> {
  return (await ex.select().from(ticketAttachments).where(eq(ticketAttachments.id, id)).limit(1))[0];
}

export async function insertAttachment(ex: Executor, values: typeof ticketAttachments.$inferInsert): Promise<TicketAttachmentRow> {
  return first(await ex.insert(ticketAttachments).values(values).returning(), 'insert ticket attachment');
}

/** Tickets merged into this one (并单: every caller is informed of the one answer). */
export async function selectMergedChildren(ex: Executor, id: string): Promise<TicketRow[]> {
  return ex.select().from(tickets).where(eq(tickets.mergedInto, id)).orderBy(asc(tickets.createdAt));
}

export interface TicketFilters {
  states?: readonly TicketState[];
  channels?: readonly string[];
  types?: readonly string[];
  categoryPrefix?: string;
  districtCode?: string;
  leadAgencyIds?: readonly string[];
  /** a ticket where one of these agencies is lead or assisting */
  involvingAgencyIds?: readonly string[];
  from?: Date;
  to?: Date;
  /** number or content contains */
  q?: string;
  page: number;
  pageSize: number;
}

function filterWhere(f: Omit<TicketFilters, 'page' | 'pageSize'>): SQL | undefined {
  const c: (SQL | undefined)[] = [];
  if (f.states?.length) c.push(inArray(tickets.state, [...f.states]));
  if (f.channels?.length) c.push(inArray(tickets.channel, [...f.channels] as TicketRow['channel'][]));
  if (f.types?.length) c.push(inArray(tickets.type, [...f.types] as TicketRow['type'][]));
  if (f.categoryPrefix) c.push(sql`${tickets.categoryCode} LIKE ${`${f.categoryPrefix.replace(/[^0-9]/g, '')}%`}`);
  if (f.districtCode) c.push(eq(tickets.districtCode, f.districtCode));
  if (f.leadAgencyIds?.length) c.push(inArray(tickets.leadAgencyId, [...f.leadAgencyIds]));
  if (f.involvingAgencyIds?.length) {
    const ids = sql`ARRAY[${sql.join(f.involvingAgencyIds.map((i) => sql`${i}`), sql`, `)}]::uuid[]`;
    c.push(or(inArray(tickets.leadAgencyId, [...f.involvingAgencyIds]), sql`${tickets.assistingAgencyIds} && ${ids}`));
  }
  if (f.from) c.push(gte(tickets.createdAt, f.from));
  if (f.to) c.push(lt(tickets.createdAt, f.to));
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    c.push(or(eq(tickets.number, f.q), sql`${tickets.content} LIKE ${like}`, sql`${tickets.title} LIKE ${like}`));
  }
  const parts = c.filter((x): x is SQL => !!x);
  return parts.length ? and(...parts) : undefined;
}

export async function selectTickets(ex: Executor, f: TicketFilters): Promise<{ total: number; rows: TicketRow[] }> {
  const where = filterWhere(f);
  const [count] = await ex.select({ n: sql<number>`count(*)::int` }).from(tickets).where(where);
  const rows = await ex
    .select()
    .from(tickets)
    .where(where)
    .orderBy(desc(tickets.createdAt), desc(tickets.id))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  return { total: count?.n ?? 0, rows };
}

/** Open tickets whose running clock ends before `before`, soonest first (queues). */
export async function selectDueTickets(
  ex: Executor,
  opts: { leadAgencyIds: readonly string[] | null; states: readonly TicketState[]; before: Date; limit: number },
): Promise<TicketRow[]> {
  // the running clock per state: 派单 before dispatch; 签收, 先行联系, 办理 after; the center's 审核 and 回访
  const dueAt = sql<Date>`CASE
    WHEN ${tickets.state} IN ('submitted', 'accepted') THEN ${tickets.dispatchDueAt}
    WHEN ${tickets.state} = 'dispatched' THEN ${tickets.signDueAt}
    WHEN ${tickets.state} = 'signed' THEN LEAST(${tickets.contactDueAt}, ${tickets.handleDueAt})
    WHEN ${tickets.state} = 'replied' THEN ${tickets.reviewDueAt}
    WHEN ${tickets.state} = 'closed' THEN ${tickets.callbackDueAt}
    ELSE ${tickets.handleDueAt} END`;
  const c: SQL[] = [inArray(tickets.state, [...opts.states]), sql`${dueAt} < ${opts.before.toISOString()}::timestamptz`];
  if (opts.leadAgencyIds) c.push(opts.leadAgencyIds.length ? inArray(tickets.leadAgencyId, [...opts.leadAgencyIds]) : sql`false`);
  return ex.select().from(tickets).where(and(...c)).orderBy(asc(dueAt)).limit(opts.limit);
}

export async function selectAgencyNames(ex: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await ex.select({ id: agencies.id, name: agencies.name }).from(agencies).where(inArray(agencies.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Every agency's registered 办公电话 and 传真: published by law, so public text keeps them (as the disclosure gate does,
 * disclosure/items.repository.ts selectAgencyContactNumbers).
 */
export async function selectAgencyContactNumbers(ex: Executor): Promise<string[]> {
  const rows = await ex.select({ phone: agencies.officePhone, fax: agencies.officeFax }).from(agencies);
  return [...new Set(rows.flatMap((r) => [r.phone, r.fax]).filter((n): n is string => !!n && /\d{3,}/.test(n)))];
}

/** The agencies a set of grants covers (the agency itself, and its subtree when the grant includes it). */
export async function selectCoveredAgencyIds(ex: Executor, scopes: readonly { agencyId: string; includeSubtree: boolean }[]): Promise<string[]> {
  if (!scopes.length) return [];
  const conds = scopes.map((s) => (s.includeSubtree ? or(eq(agencies.id, s.agencyId), sql`${s.agencyId}::uuid = ANY(${agencies.ancestors})`) : eq(agencies.id, s.agencyId)));
  const rows = await ex.select({ id: agencies.id }).from(agencies).where(or(...conds));
  return rows.map((r) => r.id);
}

export async function findAgencyBrief(ex: Executor, id: string): Promise<{ id: string; name: string; ancestors: string[]; retiredAt: Date | null } | undefined> {
  return (await ex.select({ id: agencies.id, name: agencies.name, ancestors: agencies.ancestors, retiredAt: agencies.retiredAt }).from(agencies).where(eq(agencies.id, id)).limit(1))[0];
}

// ---------------------------------------------------------------------------------------------------------------
// Public reads: never the contact columns

export const PUBLIC_COLUMNS = {
  id: tickets.id,
  number: tickets.number,
  channel: tickets.channel,
  type: tickets.type,
  state: tickets.state,
  categoryCode: tickets.categoryCode,
  districtCode: tickets.districtCode,
  title: tickets.title,
  content: tickets.content,
  confidentiality: tickets.confidentiality,
  publishConsent: tickets.publishConsent,
  address: tickets.address,
  addressId: tickets.addressId,
  zipcode: tickets.zipcode,
  lat: tickets.lat,
  long: tickets.long,
  leadAgencyId: tickets.leadAgencyId,
  agencyName: agencies.name,
  urgency: tickets.urgency,
  handleDueAt: tickets.handleDueAt,
  receivedAt: tickets.receivedAt,
  closedAt: tickets.closedAt,
  publicReply: tickets.publicReply,
  declineReason: tickets.declineReason,
  transferLine: tickets.transferLine,
  mergedInto: tickets.mergedInto,
  createdAt: tickets.createdAt,
  updatedAt: tickets.updatedAt,
  mediaUrl: sql<string | null>`(SELECT a.media_url FROM ticket_attachments a WHERE a.ticket_id = ${tickets.id} AND a.media_url IS NOT NULL ORDER BY a.created_at, a.id LIMIT 1)`,
} as const;

/** A ticket as public pages and the Open311 API may read it: no contact, no query code, no unmasked reply. */
export interface PublicTicketRow {
  id: string;
  number: string;
  channel: TicketRow['channel'];
  type: TicketRow['type'];
  state: TicketState;
  categoryCode: string | null;
  districtCode: string | null;
  title: string | null;
  content: string;
  confidentiality: TicketRow['confidentiality'];
  publishConsent: boolean;
  address: string | null;
  addressId: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  leadAgencyId: string | null;
  agencyName: string | null;
  urgency: TicketRow['urgency'];
  handleDueAt: Date | null;
  receivedAt: Date;
  closedAt: Date | null;
  publicReply: string | null;
  declineReason: string | null;
  transferLine: string | null;
  mergedInto: string | null;
  createdAt: Date;
  updatedAt: Date;
  mediaUrl: string | null;
}

function publicSelect(ex: Executor) {
  return ex.select(PUBLIC_COLUMNS).from(tickets).leftJoin(agencies, eq(agencies.id, tickets.leadAgencyId));
}

export async function findPublicTicketByNumber(ex: Executor, number: string): Promise<PublicTicketRow | undefined> {
  return (await publicSelect(ex).where(eq(tickets.number, number)).limit(1))[0] as PublicTicketRow | undefined;
}

export async function findPublicTicketById(ex: Executor, id: string): Promise<PublicTicketRow | undefined> {
  return (await publicSelect(ex).where(eq(tickets.id, id)).limit(1))[0] as PublicTicketRow | undefined;
}

/** The query code hash of a number, for /hotline/track. */
export async function findQueryCodeHash(ex: Executor, number: string): Promise<string | undefined> {
  return (await ex.select({ h: tickets.queryCodeHash }).from(tickets).where(eq(tickets.number, number)).limit(1))[0]?.h;
}

export async function selectNumbersByIds(ex: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await ex.select({ id: tickets.id, number: tickets.number }).from(tickets).where(inArray(tickets.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.number]));
}

export interface Open311ListFilters {
  numbers: readonly string[] | null;
  serviceCodes: readonly string[] | null;
  start: Date;
  end: Date;
  states: readonly TicketState[] | null;
  page: number;
  pageSize: number;
}

/** GET requests.json: by numbers (the other filters ignored), else by date span, codes, states; newest first. */
export async function selectOpen311Tickets(ex: Executor, f: Open311ListFilters): Promise<PublicTicketRow[]> {
  let where: SQL | undefined;
  if (f.numbers) where = inArray(tickets.number, [...f.numbers]);
  else {
    const c: SQL[] = [gte(tickets.createdAt, f.start), lte(tickets.createdAt, f.end)];
    if (f.serviceCodes) c.push(inArray(tickets.categoryCode, [...f.serviceCodes]));
    if (f.states) c.push(inArray(tickets.state, [...f.states]));
    where = and(...c);
  }
  return (await publicSelect(ex)
    .where(where)
    .orderBy(desc(tickets.createdAt), desc(tickets.id))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)) as PublicTicketRow[];
}

/** The ticket a client token names (tokens/{token}.json): by the client's own token, or the ticket id. */
export async function findNumberByToken(ex: Executor, token: string, isUuid: boolean): Promise<string | undefined> {
  const where = isUuid ? or(eq(tickets.clientToken, token), eq(tickets.id, token)) : eq(tickets.clientToken, token);
  return (await ex.select({ number: tickets.number }).from(tickets).where(where).orderBy(asc(tickets.createdAt)).limit(1))[0]?.number;
}

// ---------------------------------------------------------------------------------------------------------------
// 市长信箱

/** Published letters: 市长信箱, reply approved (已办结 or later), the citizen consented and did not ask for confidentiality. */
export function publishedLetterWhere(): SQL {
  return and(
    eq(tickets.channel, 'mailbox'),
    inArray(tickets.state, ['closed', 'visited']),
    eq(tickets.publishConsent, true),
    eq(tickets.confidentiality, 'standard'),
    isNotNull(tickets.publicReply),
  ) as SQL;
}

export async function selectPublishedLetters(ex: Executor, page: number, pageSize: number): Promise<{ total: number; rows: PublicTicketRow[] }> {
  const [count] = await ex.select({ n: sql<number>`count(*)::int` }).from(tickets).where(publishedLetterWhere());
  const rows = (await publicSelect(ex)
    .where(publishedLetterWhere())
    .orderBy(desc(tickets.closedAt), desc(tickets.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize)) as PublicTicketRow[];
  return { total: count?.n ?? 0, rows };
}

export async function findPublishedLetter(ex: Executor, number: string): Promise<PublicTicketRow | undefined> {
  return (await publicSelect(ex).where(and(publishedLetterWhere(), eq(tickets.number, number))).limit(1))[0] as PublicTicketRow | undefined;
}

/** Every 市长信箱 letter received since `since` (answered = the reply approved), for the interaction figures. */
export async function selectLetterFacts(ex: Executor, since: Date): Promise<{ id: string; receivedAt: Date; answeredAt: Date | null }[]> {
  return ex
    .select({ id: tickets.id, receivedAt: tickets.receivedAt, answeredAt: tickets.closedAt })
    .from(tickets)
    .where(
      and(
        eq(tickets.channel, 'mailbox'),
        or(gte(tickets.receivedAt, since), isNull(tickets.closedAt), gte(tickets.closedAt, since)),
        sql`${tickets.state} NOT IN ('merged', 'declined', 'transferred', 'withdrawn')`,
      ),
    );
}

// ---------------------------------------------------------------------------------------------------------------
// API clients

export async function findApiClientByKeyHash(ex: Executor, keyHash: string): Promise<ApiClientRow | undefined> {
  return (await ex.select().from(hotlineApiClients).where(eq(hotlineApiClients.keyHash, keyHash)).limit(1))[0];
}

export async function insertApiClient(ex: Executor, values: typeof hotlineApiClients.$inferInsert): Promise<ApiClientRow> {
  return first(await ex.insert(hotlineApiClients).values(values).returning(), 'insert api client');
}

export async function selectApiClients(ex: Executor): Promise<ApiClientRow[]> {
  return ex.select().from(hotlineApiClients).orderBy(asc(hotlineApiClients.createdAt));
}

export async function revokeApiClient(ex: Executor, id: string, reason: string, at: Date): Promise<ApiClientRow | undefined> {
  return (await ex.update(hotlineApiClients).set({ revokedAt: at, revokeReason: reason }).where(and(eq(hotlineApiClients.id, id), isNull(hotlineApiClients.revokedAt))).returning())[0];
}

