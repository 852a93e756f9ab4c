import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../platform/db/testing.ts';
import type { Database } from '../../platform/db/database.ts';
import { isAppError } from '../../platform/http/errors.ts';
import { testPng } from '../../platform/storage/testing.ts';
import { TICKET_VERBS } from './hotline.workflow.ts';
import { validatePostRequest } from './open311.ts';
import { DEFAULT_HOTLINE_CONFIG } from './hotline.config.ts';
import { buildIntakeInput, createHotlineCast, createTestApiClient, createTestHotlineService, createTestTicket, SYSTEM } from './tickets.testing.ts';
import { createPublicNumbers } from './tickets.public.ts';
import { createTestAgency } from '../agencies/agencies.testing.ts';
import type { HotlineService } from './tickets.service.ts';

let database: Database;
let service: HotlineService;

beforeAll(async () => {
  database = await createTestDatabase();
  service = createTestHotlineService(database.db);
});
afterAll(async () => database?.close());

async function count(table: string, where = sql`true`): Promise<number> {
  const r = await database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)} WHERE ${where}`);
  return r.rows[0]?.n ?? 0;
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'OK';
  } catch (e) {
    if (isAppError(e)) return e.code;
    throw e;
  }
}

describe('intake', () => {
  it('stores the ticket, its intake event and audit row; number and query code come back', async () => {
    const { agent } = await createHotlineCast(database.db);
    const r = await service.intake(buildIntakeInput(), { kind: 'staff', actor: agent, accept: true });
    expect(r.number).toMatch(/^\d{14}$/);
    expect(r.queryCode).toMatch(/^[2-9A-Z]{6}$/);
    const d = await service.getTicket(agent, r.id);
    expect(d.ticket.state).toBe('accepted');
    expect(d.ticket.contactPhone).toBe('13800138000');
    expect(d.events.map((e) => e.verb)).toEqual(['intake', 'accept']);
    expect(d.ticket.queryCodeHash).not.toContain(r.queryCode as string);
    expect(await count('audit_log', sql`entity_id = ${r.id} AND action = 'ticket.intake'`)).toBe(1);
    expect(d.clock?.clock).toBe('dispatch');
  });

  it('lists every bad field in Chinese and writes nothing', async () => {
    const { agent } = await createHotlineCast(database.db);
    const before = await count('tickets');
    const e = await service
      .intake(buildIntakeInput({ type: 'rumour', content: '', categoryCode: '999999', contactPhone: 'abc', lat: '95', long: '200' }), { kind: 'staff', actor: agent })
      .catch((x: unknown) => x);
    expect(isAppError(e) && e.code).toBe('VALIDATION_FAILED');
    const fields = isAppError(e) ? e.fields.map((f) => f.field).sort() : [];
    expect(fields).toEqual(['categoryCode', 'contactPhone', 'content', 'lat', 'long', 'type']);
    expect(isAppError(e) && e.fields.every((f) => /[\u4e00-\u9fa5]/.test(f.message))).toBe(true);
    expect(await count('tickets')).toBe(before);
  });

  it('takes the next number when the cycling sequence meets a number already used today', async () => {
    const { agent } = await createHotlineCast(database.db);
    const first = await service.intake(buildIntakeInput(), { kind: 'staff', actor: agent });
    const seq = Number(first.number.slice(8));
    // make the next value collide with a number already stored for today
    await database.db.execute(sql`SELECT setval('ticket_number_seq', ${seq}, false)`);
    const next = await service.intake(buildIntakeInput(), { kind: 'citizen', channel: 'web' });
    expect(next.number).not.toBe(first.number);
    expect(next.number.slice(0, 8)).toBe(first.number.slice(0, 8));
  });

  it('refuses a handler taking calls', async () => {
    const { handler } = await createHotlineCast(database.db);
    expect(await codeOf(service.intake(buildIntakeInput(), { kind: 'staff', actor: handler }))).toBe('FORBIDDEN');
  });

  it('a mailbox letter needs a title; the web form cannot choose another channel', async () => {
    const e = await service.intake(buildIntakeInput({ title: '' }), { kind: 'citizen', channel: 'mailbox' }).catch((x: unknown) => x);
    expect(isAppError(e) && e.fields.map((f) => f.field)).toEqual(['title']);
    const r = await service.intake(buildIntakeInput({ channel: 'phone' }), { kind: 'citizen', channel: 'web' });
    expect((await service.getTicket(SYSTEM, r.id)).ticket.channel).toBe('web');
  });

  it('Open311: the same client token twice gives the same ticket and writes nothing more', async () => {
    const { client, key } = await createTestApiClient(database.db);
    const form = { api_key: key, service_code: '010103', lat: '29.56', long: '106.55', description: '路灯不亮已经一周了', client_token: `tok-${Date.now()}`, phone: '13900000000' };
    const v = validatePostRequest(form, { config: DEFAULT_HOTLINE_CONFIG });
    if (!v.ok) throw new Error('valid form refused');
    const a = await service.intakeOpen311(v.value, client);
    const n = await count('tickets');
    const ev = await count('ticket_events');
    const b = await service.intakeOpen311(v.value, client);
    expect(a.created).toBe(true);
    expect(b).toMatchObject({ created: false, id: a.id, number: a.number });
    expect(await count('tickets')).toBe(n);
    expect(await count('ticket_events')).toBe(ev);
    expect(await service.apiKeys.authenticate(key)).toMatchObject({ id: client.id });
    expect(await service.apiKeys.authenticate('wrong-key-123')).toBeNull();
  });
});

describe('transitions', () => {
  it('walks the main path with an event and an audit row per verb, and 重办 on 不满意', async () => {
    const { agency, agent, handler } = await createHotlineCast(database.db);
    const { ticket } = await createTestTicket(service, { agencyId: agency.id, state: 'accepted' });
    let t = await service.transition(agent, ticket.id, 'dispatch', { leadAgencyId: agency.id });
    expect(t.state).toBe('dispatched');
    expect(t.handleDueAt).not.toBeNull();
    t = await service.transition(handler, t.id, 'sign', {});
    t = await service.transition(handler, t.id, 'contact', { outcome: 'reached', note: '已电话联系诉求人' });
    t = await service.transition(handler, t.id, 'reply', { text: '已安排维修，联系电话13800138000的张三先生已知悉。' });
    t = await service.transition(agent, t.id, 'approve', {});
    expect(t.state).toBe('closed');
    expect(t.publicReply).not.toContain('13800138000');
    t = await service.transition(agent, t.id, 'visit', { satisfaction: 'dissatisfied', resolution: 'unresolved' });
    t = await service.transition(agent, t.id, 'reopen', { reason: '诉求人反映坑洼仍未修复，核实属实' });
    expect(t.state).toBe('dispatched');
    expect(t.reopenCount).toBe(1);
    const d = await service.getTicket(agent, t.id);
    expect(d.events.map((e) => e.verb)).toEqual(['intake', 'accept', 'dispatch', 'sign', 'contact', 'reply', 'approve', 'visit', 'reopen']);
    expect(await count('audit_log', sql`entity_id = ${t.id} AND action LIKE 'ticket.%'`)).toBe(9);
  });

  it('refuses every verb on a finished ticket (ILLEGAL_TRANSITION) and writes nothing', async () => {
    const { agency, agent } = await createHotlineCast(database.db);
    const { ticket } = await createTestTicket(service, { agencyId: agency.id });
    await service.transition(agent, ticket.id, 'withdraw', { reason: '诉求人来电撤回' });
    const events = await count('ticket_events', sql`ticket_id = ${ticket.id}`);
    for (const verb of TICKET_VERBS) {
      expect([verb, await codeOf(service.transition(SYSTEM, ticket.id, verb, {}))]).toEqual([verb, 'ILLEGAL_TRANSITION']);
    }
    expect(await count('ticket_events', sql`ticket_id = ${ticket.id}`)).toBe(events);
  });

  it('退单 without a reason is VALIDATION_FAILED; another agency cannot sign (FORBIDDEN); a stale version is refused', async () => {
    const { agency, handler, otherHandler } = await createHotlineCast(database.db);
    const { ticket } = await createTestTicket(service, { agencyId: agency.id, state: 'dispatched' });
    const e = await service.transition(handler, ticket.id, 'requestReturn', { reason: '' }).catch((x: unknown) => x);
    expect(isAppError(e) && e.code).toBe('VALIDATION_FAILED');
    expect(isAppError(e) && e.fields[0]?.message).toContain('退单理由');
    expect(await codeOf(service.transition(otherHandler, ticket.id, 'sign', {}))).toBe('FORBIDDEN');
    expect(await codeOf(service.transition(handler, ticket.id, 'sign', {}, { version: ticket.version - 1 }))).toBe('STALE_RECORD');
    expect((await service.getTicket(SYSTEM, ticket.id)).ticket.state).toBe('dispatched');
  });

  it('退单 → 改派 to another agency, and 延期 extends the 办理 deadline by working days', async () => {
    const { agency, other, agent, handler, otherHandler } = await createHotlineCast(database.db);
    const { ticket } = await createTestTicket(service, { agencyId: agency.id, state: 'dispatched' });
    let t = await service.transition(handler, ticket.id, 'requestReturn', { reason: '不属于本单位职责，应由其他区处理' });
    expect(t.state).toBe('return_requested');
    t = await service.transition(agent, t.id, 'reassign', { leadAgencyId: other.id });
    expect(t).toMatchObject({ state: 'dispatched', leadAgencyId: other.id });
    t = await service.transition(otherHandler, t.id, 'sign', {});
    t = await service.transition(otherHandler, t.id, 'contact', { outcome: 'reached', note: '已联系诉求人' });
    const before = t.handleDueAt as Date;
    t = await service.transition(otherHandler, t.id, 'requestExtension', { workdays: '5', reason: '需协调多个部门现场勘查' });
    t = await service.transition(agent, t.id, 'approveExtension', { workdays: '5' });
    expect(t.state).toBe('handling');
    expect(t.extensionCount).toBe(1);
    expect((t.handleDueAt as Date).getTime()).toBeGreaterThan(before.getTime() + 5 * 86_400_000);
    expect(await count('audit_log', sql`entity_id = ${t.id} AND action IN ('ticket.request_return', 'ticket.approve_extension')`)).toBe(2);
  });

  it('a directly answered 咨询 cannot be reopened (no agency handled it)', async () => {
    const { agency, agent } = await createHotlineCast(database.db);
    const { ticket } = await createTestTicket(service, { agencyId: agency.id, state: 'accepted', input: { type: 'consultation' } });
    await service.transition(agent, ticket.id, 'answerDirectly', { answer: '可通过渝快办在线申请，所需材料为身份证原件。' });
    await service.transition(agent, ticket.id, 'visit', { satisfaction: 'dissatisfied', resolution: 'unresolved' });
    expect(await codeOf(service.transition(agent, ticket.id, 'reopen', { reason: '诉求人认为答复不清楚' }))).toBe('CONFLICT');
    expect((await service.getTicket(agent, ticket.id)).ticket.state).toBe('visited');
  });

  it('dispatch to an unknown agency and merge into an unknown ticket are refused', async () => {
    const { agency, agent } = await createHotlineCast(database.db);
    const { ticket } = await createTestTicket(service, { agencyId: agency.id, state: 'accepted' });
    expect(await codeOf(service.transition(agent, ticket.id, 'dispatch', { leadAgencyId: '00000000-0000-4000-8000-000000000000' }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(service.transition(agent, ticket.id, 'merge', { targetId: '20200101000001' }))).toBe('VALIDATION_FAILED');
  });

  it('并单: the merged ticket shows the target reply when tracked', async () => {
    const { agency, agent } = await createHotlineCast(database.db);
    const target = await createTestTicket(service, { agencyId: agency.id, state: 'accepted' });
    const dup = await createTestTicket(service, { agencyId: agency.id, state: 'accepted' });
    const m = await service.transition(agent, dup.ticket.id, 'merge', { targetId: target.ticket.number });
    expect(m).toMatchObject({ state: 'merged', mergedInto: target.ticket.id });
    const candidates = await service.findDuplicateCandidates(agent, target.ticket.id);
    expect(candidates.map((c) => c.ticket.id)).toContain(dup.ticket.id);
    for (const [verb, input] of [
      ['dispatch', { leadAgencyId: agency.id }],
      ['sign', {}],
      ['contact', { outcome: 'reached', note: '已联系诉求人' }],
      ['reply', { text: '路面坑洼已于今日修复完毕，感谢监督。' }],
      ['approve', {}],
    ] as const) await service.transition(SYSTEM, target.ticket.id, verb, input);
    const tracked = await service.trackTicket(dup.ticket.number, dup.queryCode);
    expect(tracked.status).toBe('closed');
    expect(tracked.request.status_notes).toContain('修复完毕');
  });
});

describe('attachments', () => {
  it('stores a checked file with an event and audit row; readable by the center and the lead agency only', async () => {
    const { agency, agent, handler, otherHandler } = await createHotlineCast(database.db);
    const { ticket } = await createTestTicket(service, { agencyId: agency.id, state: 'dispatched' });
    const a = await service.addAttachment(handler, ticket.id, { filename: '现场照片.png', bytes: testPng() });
    expect(a).toMatchObject({ ticketId: ticket.id, mime: 'image/png', filename: '现场照片.png', mediaUrl: null });
    const file = await service.openAttachment(agent, a.id);
    expect(file.bytes.equals(testPng())).toBe(true);
    expect(await codeOf(service.openAttachment(otherHandler, a.id))).toBe('FORBIDDEN');
    expect(await codeOf(service.addAttachment(otherHandler, ticket.id, { filename: 'x.png', bytes: testPng() }))).toBe('FORBIDDEN');
    expect((await service.getTicket(agent, ticket.id)).events.map((e) => e.verb)).toContain('attach');
    expect(await count('audit_log', sql`entity_id = ${ticket.id} AND action = 'ticket.attach'`)).toBe(1);
  });

  it('refuses a renamed file, an empty one and one over the limit; nothing is written', async () => {
    const { agency, agent } = await createHotlineCast(database.db);
    const small = createTestHotlineService(database.db, { maxUploadBytes: 10 });
    const { ticket } = await createTestTicket(service, { agencyId: agency.id });
    const before = await count('ticket_attachments');
    expect(await codeOf(service.addAttachment(agent, ticket.id, { filename: 'photo.png', bytes: new TextEncoder().encode('MZ not a picture') }))).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(await codeOf(service.addAttachment(agent, ticket.id, { filename: 'photo.png', bytes: new Uint8Array() }))).toBe('VALIDATION_FAILED');
    expect(await codeOf(small.addAttachment(agent, ticket.id, { filename: 'photo.png', bytes: testPng() }))).toBe('PAYLOAD_TOO_LARGE');
    expect(await count('ticket_attachments')).toBe(before);
  });
});

describe('reads', () => {
  it('agency staff see only their tickets; queues show overdue tickets', async () => {
    const { agency, other, handler, otherHandler } = await createHotlineCast(database.db);
    const { ticket } = await createTestTicket(service, { agencyId: agency.id, state: 'dispatched' });
    const mine = await service.listTickets(handler, { pageSize: 200 });
    expect(mine.rows.map((r) => r.id)).toContain(ticket.id);
    const theirs = await service.listTickets(otherHandler, { pageSize: 200 });
    expect(theirs.rows.map((r) => r.id)).not.toContain(ticket.id);
    expect(await codeOf(service.getTicket(otherHandler, ticket.id))).toBe('FORBIDDEN');
    expect(await codeOf(service.queues(otherHandler, { agencyId: agency.id }))).toBe('FORBIDDEN');
    void other;
    const later = createTestHotlineService(database.db, { now: () => new Date(Date.now() + 3 * 86_400_000) });
    const q = await later.queues(handler);
    expect(q.overdue.map((r) => r.ticket.id)).toContain(ticket.id);
    expect(q.overdue.find((r) => r.ticket.id === ticket.id)?.clock.clock).toBe('sign');
  });

  it('a fully confidential caller’s contact is hidden from the handling agency, not from the center', async () => {
    const { agency, agent, handler } = await createHotlineCast(database.db);
    const { ticket } = await createTestTicket(service, { agencyId: agency.id, state: 'dispatched', input: { confidentiality: 'full' } });
    expect((await service.getTicket(agent, ticket.id)).ticket.contactPhone).toBe('13800138000');
    expect((await service.getTicket(handler, ticket.id)).ticket.contactPhone).toBeNull();
    const listed = (await service.listTickets(handler, { pageSize: 200 })).rows.find((r) => r.id === ticket.id);
    expect(listed?.contactName).toBeNull();
  });

  it('tracking needs the right query code; the public view has no contact', async () => {
    const { agency } = await createHotlineCast(database.db);
    const { ticket, queryCode } = await createTestTicket(service, { agencyId: agency.id, state: 'closed', source: 'web' });
    const t = await service.trackTicket(ticket.number, queryCode.toLowerCase());
    expect(t.stage).toBe('已办结');
    expect(JSON.stringify(t)).not.toContain('13800138000');
    expect(JSON.stringify(t)).not.toContain('张三');
    const wrong = queryCode === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA';
    expect(await codeOf(service.trackTicket(ticket.number, wrong))).toBe('NOT_FOUND');
    const v = await service.getPublicTicket(ticket.number);
    expect(v && Object.keys(v).some((k) => k.startsWith('contact'))).toBe(false);
  });

  it('市长信箱: published only when approved, consented and not confidential; figures count letters', async () => {
    const { agency } = await createHotlineCast(database.db);
    const letter = (extra: Record<string, unknown>) => ({ title: '关于小区门口路灯的建议', publishConsent: 'on', ...extra });
    const pub = await createTestTicket(service, { agencyId: agency.id, state: 'closed', source: 'mailbox', input: letter({}) });
    const secret = await createTestTicket(service, { agencyId: agency.id, state: 'closed', source: 'mailbox', input: letter({ confidentiality: 'full' }) });
    const noConsent = await createTestTicket(service, { agencyId: agency.id, state: 'closed', source: 'mailbox', input: letter({ publishConsent: '' }) });
    const open = await createTestTicket(service, { agencyId: agency.id, state: 'handling', source: 'mailbox', input: letter({}) });
    const list = await service.listPublishedLetters(1, 100);
    const numbers = list.rows.map((r) => r.number);
    expect(numbers).toContain(pub.ticket.number);
    for (const t of [secret, noConsent, open]) expect(numbers).not.toContain(t.ticket.number);
    const one = await service.getPublishedLetter(pub.ticket.number);
    expect(one?.content).not.toContain('张三');
    expect(one?.repliedAt).toBeInstanceOf(Date);
    const figures = await service.mailboxFigures();
    expect(figures.answeredWithin.denominator).toBeGreaterThanOrEqual(3);
    expect(figures.oldestUnanswered).not.toBeNull();
  });
});

describe('agencies’ public numbers in public text', () => {
  it('a reply and a letter keep an agency’s registered 办公电话 and 传真; the citizen’s mobile is still masked', async () => {
    const agency = await createTestAgency(database.db, { divisionCode: '500103', officePhone: '023-67412345', officeFax: '(023) 6741 2346' });
    // a service of its own: the shared one may have cached the numbers before this agency existed
    const fresh = createTestHotlineService(database.db);
    const { ticket, queryCode } = await createTestTicket(fresh, {
      agencyId: agency.id,
      state: 'handling',
      source: 'mailbox',
      // the citizen quotes the agency's fax, spaced and without a label, and gives a mobile of their own
      input: { title: '关于路灯的建议', publishConsent: 'on', content: '我多次拨打 023 6741 2346 无人接听，路灯仍不亮，我的手机13912345678。' },
    });
    // no 办公电话/咨询电话 label before the office number: only the registration keeps it
    await fresh.transition(SYSTEM, ticket.id, 'reply', { text: '路灯已修复。如有问题请与我局联系023-67412345，已回访诉求人（手机13812345678）。' });
    const closed = await fresh.transition(SYSTEM, ticket.id, 'approve', {});
    expect(closed.publicReply).toContain('023-67412345');
    expect(closed.publicReply).toContain('138****5678');
    expect(closed.publicReply).not.toContain('13812345678');

    const letter = await fresh.getPublishedLetter(ticket.number);
    expect(letter?.reply).toContain('023-67412345');
    expect(letter?.reply).not.toContain('13812345678');
    expect(letter?.content).toContain('023 6741 2346');
    expect(letter?.content).toContain('139****5678');
    const listed = (await fresh.listPublishedLetters(1, 100)).rows.find((r) => r.number === ticket.number);
    expect(listed?.reply).toContain('023-67412345');

    const [request] = await fresh.listOpen311Requests({ ids: [ticket.number], serviceCodes: null, start: new Date(0), end: new Date(Date.now() + 86_400_000), statuses: null, page: 1, pageSize: 10 });
    expect(request?.status_notes).toContain('023-67412345');
    expect(request?.description).toContain('023 6741 2346');
    expect(JSON.stringify(request)).not.toMatch(/13812345678|13912345678/);

    const tracked = await fresh.trackTicket(ticket.number, queryCode);
    expect(tracked.request.status_notes).toContain('023-67412345');
    expect(JSON.stringify(tracked)).not.toMatch(/13812345678|13912345678/);
  });

  it('without the registration the same number is masked as anyone’s', async () => {
    const { agency } = await createHotlineCast(database.db);
    const { ticket } = await createTestTicket(service, { agencyId: agency.id, state: 'handling' });
    await service.transition(SYSTEM, ticket.id, 'reply', { text: '如有问题请与我局联系023-67419999。' });
    const closed = await service.transition(SYSTEM, ticket.id, 'approve', {});
    expect(closed.publicReply).toContain('023-****9999');
  });

  it('reads the agencies’ numbers once per minute, shared by concurrent callers', async () => {
    let clock = 0;
    const numbers = createPublicNumbers(database.db, 60_000, () => clock);
    const [a, b] = await Promise.all([numbers(), numbers()]);
    expect(a).toBe(b);
    await createTestAgency(database.db, { officePhone: '023-67415555' });
    clock = 59_000;
    expect(await numbers()).not.toContain('023-67415555'); // a stale minute is fine
    clock = 60_000;
    expect(await numbers()).toContain('023-67415555');
  });
});
