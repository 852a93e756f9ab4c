// The public side of the tickets (no actor): a ticket by number, /hotline/track, the Open311 GET documents and the
// 市长信箱's published letters and figures. Reads select PUBLIC_COLUMNS only (no contact); free text goes through the
// privacy gate's masker, which keeps the agencies' registered 办公电话/传真 (public by law, like the disclosure gate).
// Part of HotlineService (tickets.service.ts).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { shanghaiDate, type Overrides } from '../../platform/calendar/workdays.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/errors.ts';
import { maskText } from '../../platform/privacy/index.ts';
import { addMonths, mailboxFigures as computeMailboxFigures, serviceNotice, type MailboxFigures } from './deadlines.ts';
import type { HotlineConfig } from './hotline.config.ts';
import { TICKET_STATES, TICKET_TRANSITIONS, type TicketState, type TicketVerb } from './hotline.workflow.ts';
import { statesForStatus, toServiceRequest, type Open311ServiceRequest, type Open311TokenResponse, type PublicTicketView, type RequestsQuery } from './open311.ts';
import { CHANNELS, type DeclineReason, type EmergencyLine } from './taxonomy.ts';
import { isQueryCode, isTicketNumber, normalizeQueryCode } from './ticket-number.ts';
import * as repo from './tickets.repository.ts';

/** what GET requests shows for a call, web form or letter whose author did not agree to publication */
const NOT_PUBLISHED = '（经电话、网站或信箱受理，诉求人未同意公开，内容不予公开）';
const TRACK_NOT_FOUND = '工单编号或查询码不正确，请核对后重试。';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (s: unknown): s is string => typeof s === 'string' && UUID.test(s);

export interface PublicLetter {
  number: string;
  title: string;
  /** masked by the privacy gate */
  content: string;
  /** 留言时间 */
  receivedAt: Date;
  /** 答复时间 */
  repliedAt: Date;
  agencyName: string | null;
  /** masked by the privacy gate */
  reply: string;
}

export interface TrackedTicket {
  number: string;
  stage: string;
  status: 'open' | 'closed';
  request: Open311ServiceRequest;
  /** public steps: when each stage was reached (no names, no payloads) */
  timeline: { at: Date; name: string }[];
}

/** 查询码 stored as 'salt:sha256(salt:code)'. */
export function hashQueryCode(code: string, salt = randomBytes(8).toString('hex')): string {
  return `${salt}:${createHash('sha256').update(`${salt}:${code}`).digest('hex')}`;
}

export function verifyQueryCode(code: string, stored: string): boolean {
  const [salt, hash] = stored.split(':');
  if (!salt || !hash) return false;
  const expect = Buffer.from(hashQueryCode(code, salt).split(':')[1] as string, 'hex');
  const got = Buffer.from(hash, 'hex');
  return expect.length === got.length && timingSafeEqual(expect, got);
}

/**
 * The privacy gate's masker for a citizen's text (names, phone and ID numbers, addresses of people …). Numbers in
 * `publicNumbers` — the agencies' registered 办公电话/传真 — stay as they are: an agency publishes its own 联系方式
 * (政府信息公开条例 第二十条第（二）项).
 */
export function maskPublic(text: string, publicNumbers: readonly string[] = []): string {
  return maskText(text, { policy: 'default', mode: 'mask', knownPublicNumbers: publicNumbers });
}

/** How long public reads reuse the agencies' numbers: agencies change rarely, and a stale minute is harmless. */
const PUBLIC_NUMBERS_TTL_MS = 60_000;

/**
 * The agencies' registered contact numbers, read at most once per `ttlMs` of real time (not the service's clock,
 * which tests may stop); concurrent callers share one query, and a failed query is not kept.
 */
export function createPublicNumbers(db: Db, ttlMs = PUBLIC_NUMBERS_TTL_MS, clock: () => number = () => performance.now()): () => Promise<readonly string[]> {
  let cached: { at: number; numbers: Promise<readonly string[]> } | null = null;
  return () => {
    const at = clock();
    if (cached && at - cached.at < ttlMs) return cached.numbers;
    const numbers = repo.selectAgencyContactNumbers(db);
    const entry = { at, numbers };
    cached = entry;
    numbers.catch(() => {
      if (cached === entry) cached = null;
    });
    return numbers;
  };
}

export interface PublicTicketReads {
  /** The public view (no contact) of a ticket by number, or null. */
  getPublicTicket(number: string): Promise<PublicTicketView | null>;
  /** /hotline/track: number + query code. Throws NOT_FOUND (the same for a wrong code). */
  trackTicket(number: string, queryCode: string): Promise<TrackedTicket>;
  /** GET requests.json / requests/{id}.json, in the spec's shape, masked. */
  listOpen311Requests(query: RequestsQuery): Promise<Open311ServiceRequest[]>;
  /** GET tokens/{token}.json: [] when unknown. */
  open311Token(token: string): Promise<Open311TokenResponse>;
  /** 市长信箱 letters with approved replies, consented and not confidential; masked. */
  listPublishedLetters(page?: number, pageSize?: number): Promise<{ total: number; page: number; pageSize: number; rows: PublicLetter[] }>;
  getPublishedLetter(number: string): Promise<PublicLetter | null>;
  /** share answered within N working days, the oldest unanswered letter, the 3-month veto list. */
  mailboxFigures(): Promise<MailboxFigures>;
}

export function createPublicTicketReads(opts: { db: Db; calendar: { overrides(): Promise<Overrides> }; config: HotlineConfig; now: () => Date }): PublicTicketReads {
  const { db, calendar, config, now } = opts;
  const publicNumbers = createPublicNumbers(db);

  /** The masker for one request: the agencies' numbers are read once (or come from the cache). */
  async function publicMasker(): Promise<(text: string) => string> {
    const known = await publicNumbers();
    return (text) => maskPublic(text, known);
  }

  function toPublicView(r: repo.PublicTicketRow, mergedIntoNumber: string | null, reply: string | null): PublicTicketView {
    return {
      number: r.number,
      state: r.state,
      categoryCode: r.categoryCode,
      description: r.content,
      confidentiality: r.confidentiality,
      agencyName: r.agencyName,
      serviceNotice: serviceNotice(r.type, r.urgency, config),
      createdAt: r.receivedAt,
      updatedAt: r.updatedAt,
      handleDueAt: r.handleDueAt,
      address: r.address,
      addressId: r.addressId,
      zipcode: r.zipcode,
      lat: r.lat,
      long: r.long,
      mediaUrl: r.mediaUrl,
      mergedIntoNumber,
      declineReason: r.declineReason as DeclineReason | null,
      transferLine: r.transferLine as EmergencyLine | null,
      publicReply: reply,
    };
  }

  async function publicViews(rows: repo.PublicTicketRow[]): Promise<PublicTicketView[]> {
    const targets = rows.map((r) => r.mergedInto).filter((x): x is string => !!x);
    const numbers = await repo.selectNumbersByIds(db, targets);
    return rows.map((r) => toPublicView(r, r.mergedInto ? (numbers.get(r.mergedInto) ?? null) : null, r.publicReply));
  }

  const toRequest = (v: PublicTicketView, mask: (text: string) => string) => toServiceRequest(v, { maskText: mask, coordinateDecimals: config.open311.coordinateDecimals });

  function toLetter(r: repo.PublicTicketRow, mask: (text: string) => string): PublicLetter {
    return {
      number: r.number,
      title: mask(r.title ?? r.content.slice(0, 30)),
      content: mask(r.content),
      receivedAt: r.receivedAt,
      repliedAt: r.closedAt as Date,
      agencyName: r.agencyName,
      reply: mask(r.publicReply ?? ''),
    };
  }

  return {
    async getPublicTicket(number) {
      if (!isTicketNumber(number)) return null;
      const r = await repo.findPublicTicketByNumber(db, number);
      if (!r) return null;
      return (await publicViews([r]))[0] ?? null;
    },

    async trackTicket(number, queryCode) {
      const n = typeof number === 'string' ? number.trim() : '';
      const code = normalizeQueryCode(typeof queryCode === 'string' ? queryCode : '');
      if (!isTicketNumber(n) || !isQueryCode(code)) throw new AppError('NOT_FOUND', TRACK_NOT_FOUND);
      const stored = await repo.findQueryCodeHash(db, n);
      if (!stored || !verifyQueryCode(code, stored)) throw new AppError('NOT_FOUND', TRACK_NOT_FOUND);
      const r = await repo.findPublicTicketByNumber(db, n);
      if (!r) throw new AppError('NOT_FOUND', TRACK_NOT_FOUND);
      let reply = r.publicReply;
      // 并单: answered once, every caller informed — show the reply of the ticket it was merged into
      if (r.state === 'merged' && r.mergedInto) {
        const target = await repo.findPublicTicketById(db, r.mergedInto);
        if (target && (target.state === 'closed' || target.state === 'visited')) reply = target.publicReply;
      }
      const [view] = await publicViews([{ ...r, publicReply: reply }]);
      const mask = await publicMasker();
      const request = toRequest(view as PublicTicketView, mask);
      if (r.state === 'merged' && reply && r.confidentiality === 'standard') request.status_notes = `${request.status_notes}。答复：${mask(reply)}`;
      const events = await repo.selectEvents(db, r.id);
      const timeline = events.map((e) => ({ at: e.at, name: e.verb === 'intake' ? '提交诉求' : (TICKET_TRANSITIONS[e.verb as TicketVerb]?.name ?? e.verb) }));
      return { number: r.number, stage: TICKET_STATES[r.state], status: request.status, request, timeline };
    },

    async listOpen311Requests(q) {
      let states: TicketState[] | null = null;
      if (q.statuses) states = q.statuses.flatMap((s) => statesForStatus(s));
      const rows = await repo.selectOpen311Tickets(db, { numbers: q.ids, serviceCodes: q.serviceCodes, start: q.start, end: q.end, states, page: q.page, pageSize: q.pageSize });
      // A report made through an app is public by nature (GeoReport); a call, a web form or a letter is published only
      // with the citizen's consent: without it the API shows the stage, category and agency, not the content or place.
      const unconsented = (r: repo.PublicTicketRow) => !CHANNELS[r.channel].open311 && !r.publishConsent && r.confidentiality !== 'full';
      const open = rows.map((r) => (unconsented(r) ? { ...r, confidentiality: 'full' as const } : r));
      const mask = await publicMasker();
      const out = (await publicViews(open)).map((v) => toRequest(v, mask));
      rows.forEach((r, i) => {
        const req = out[i];
        if (req && unconsented(r)) req.description = NOT_PUBLISHED;
      });
      return out;
    },

    async open311Token(token) {
      const t = typeof token === 'string' ? token.trim() : '';
      if (!/^[A-Za-z0-9_.:-]{8,64}$/.test(t)) return [];
      const number = await repo.findNumberByToken(db, t, isUuid(t));
      return number ? [{ token: t, service_request_id: number }] : [];
    },

    async listPublishedLetters(page = 1, pageSize = 20) {
      const p = Math.max(1, Math.floor(page));
      const size = Math.min(100, Math.max(1, Math.floor(pageSize)));
      const { total, rows } = await repo.selectPublishedLetters(db, p, size);
      const mask = await publicMasker();
      return { total, page: p, pageSize: size, rows: rows.map((r) => toLetter(r, mask)) };
    },

    async getPublishedLetter(number) {
      if (!isTicketNumber(number)) return null;
      const r = await repo.findPublishedLetter(db, number);
      return r ? toLetter(r, await publicMasker()) : null;
    },

    async mailboxFigures() {
      const at = now();
      const overrides = await calendar.overrides();
      const since = new Date(Date.parse(`${addMonths(shanghaiDate(at), -15)}T00:00:00+08:00`));
      const letters = await repo.selectLetterFacts(db, since);
      return computeMailboxFigures(letters, at, config, overrides);
    },
  };
}
