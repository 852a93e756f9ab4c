import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Role } from '../../platform/auth/actor.ts';
import type { Database } from '../../platform/db/database.ts';
import { createTestDatabase } from '../../platform/db/testing.ts';
import { createLocalFileStorage } from '../../platform/storage/index.ts';
import { createAgencyService, type Agency } from '../agencies/index.ts';
import { createTestAgency } from '../agencies/agencies.testing.ts';
import { createRequestsService, type RequestsService } from './requests.service.ts';
import { buildSubmission, GUOQING_2025, testClock, testIdCard, testIdentityProof } from './requests.testing.ts';
import { REQUEST_TRANSITIONS, REQUEST_VERBS, type RequestState, type RequestVerb } from './requests.workflow.ts';

let database: Database;
let service: RequestsService;
let agency: Agency;
let other: Agency;
const clock = testClock('2025-09-19');

function actor(role: Role, at: Agency = agency): Actor {
  return { userId: '00000000-0000-4000-8000-000000000001', username: `u-${role}`, name: `测试${role}`, grants: [{ role, agencyId: at.id, includeSubtree: false }] };
}

beforeAll(async () => {
  database = await createTestDatabase();
  const storage = createLocalFileStorage(mkdtempSync(path.join(tmpdir(), 'gk-requests-')));
  service = createRequestsService({
    db: database.db,
    config: { sessionSecret: 'x'.repeat(32), maxUploadBytes: 1024 * 1024 },
    calendar: { overrides: async () => GUOQING_2025 },
    storage,
    agencies: createAgencyService(database.db),
    now: clock.now,
    statusLookupLimit: 5,
  });
  agency = await createTestAgency(database.db);
  other = await createTestAgency(database.db);
  // test actors need real user ids for the audit rows' actor_id (none is stored as FK), so one fixed id suffices
});
afterAll(async () => {
  await database?.close();
});

async function counts(): Promise<string> {
  const r = await database.db.execute(sql`SELECT (SELECT count(*) FROM requests) AS r, (SELECT count(*) FROM request_events) AS e,
    (SELECT count(*) FROM request_applicants) AS a, (SELECT count(*) FROM audit_log) AS l`);
  return JSON.stringify(r.rows[0]);
}

let applicants = 0;

async function submitted(overrides: Record<string, unknown> = {}) {
  clock.set('2025-09-19');
  // a different applicant each time, so the monthly count (第三十五条) flags only where a test wants it
  applicants++;
  const idNumber = testIdCard('19850505', String(applicants).padStart(3, '0'));
  const receipt = await service.submitRequest(buildSubmission(agency.id, { idNumber, ...overrides }), testIdentityProof());
  const row = await database.db.execute(sql`SELECT id, version FROM requests WHERE number = ${receipt.number}`);
  return { receipt, id: row.rows[0]?.id as string };
}

async function versionOf(id: string): Promise<number> {
  const r = await database.db.execute(sql`SELECT version FROM requests WHERE id = ${id}`);
  return Number(r.rows[0]?.version);
}

const handler = () => actor('handler');
const head = () => actor('head');

async function act(id: string, verb: RequestVerb, input: Record<string, unknown> = {}, who: Actor = verb === 'extend' ? head() : handler()) {
  return service.perform(who, id, verb, await versionOf(id), input);
}

describe('submission', () => {
  it('creates one application with a receipt; the same idempotency key returns the same receipt', async () => {
    clock.set('2025-09-19');
    const key = 'k'.repeat(24);
    const a = await service.submitRequest(buildSubmission(agency.id, { idempotencyKey: key }), testIdentityProof());
    const b = await service.submitRequest(buildSubmission(agency.id, { idempotencyKey: key }), testIdentityProof());
    expect(a.number).toMatch(/^YSQ2025\d{6}$/);
    expect(b).toMatchObject({ number: a.number, queryCode: a.queryCode, isDuplicate: true });
    const n = await database.db.execute(sql`SELECT count(*)::int AS n FROM requests WHERE idempotency_key = ${key}`);
    expect(n.rows[0]?.n).toBe(1);
    const status = await service.getPublicStatus(a.number, a.queryCode, 'client-a');
    expect(status).toMatchObject({ stage: '登记', state: '待登记', dueOn: null });
    expect(JSON.stringify(status)).not.toContain('张三');
  });

  it('refuses bad input with every field named and writes nothing', async () => {
    const before = await counts();
    const bad = buildSubmission(agency.id, { idNumber: testIdCard().slice(0, 17) + (testIdCard().endsWith('0') ? '1' : '0'), name: '', phone: '', description: '' });
    const err = await service.submitRequest(bad, testIdentityProof()).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'VALIDATION_FAILED' });
    const fields = (err as { fields: { field: string; message: string }[] }).fields.map((f) => f.field).sort();
    expect(fields).toEqual(['description', 'idNumber', 'name', 'phone']);
    expect((err as { fields: { field: string; message: string }[] }).fields.find((f) => f.field === 'idNumber')?.message).toContain('校验位');
    const org = await service.submitRequest(buildSubmission(agency.id, { applicantCategory: 'commercial', organizationName: '某公司', idNumber: '91500000MA5U000000' }), testIdentityProof()).catch((e: unknown) => e);
    expect((org as { fields: { field: string; message: string }[] }).fields.map((f) => f.message).join()).toContain('统一社会信用代码');
    const noProof = await service.submitRequest(buildSubmission(agency.id), null).catch((e: unknown) => e);
    expect((noProof as { fields: { field: string }[] }).fields.map((f) => f.field)).toEqual(['identityProof']);
    expect(await counts()).toBe(before);
  });

  it('the status lookup hides whether a number exists and is rate-limited', async () => {
    const { receipt } = await submitted();
    await expect(service.getPublicStatus(receipt.number, 'AAAAAAAA', 'client-b')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(service.getPublicStatus('YSQ2025999999', receipt.queryCode, 'client-b')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    for (let i = 0; i < 3; i++) await service.getPublicStatus(receipt.number, receipt.queryCode, 'client-b');
    await expect(service.getPublicStatus(receipt.number, receipt.queryCode, 'client-b')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });
});

describe('the issue-5 flow across 国庆 2025 (hand-computed dates)', () => {
  it('补正 restarts the count, a 10-WD consultation and a 15-WD extension move the due date, service in time', async () => {
    const { id, receipt } = await submitted();
    await act(id, 'register', { receivedOn: '2025-09-19' });
    let view = await service.getRequestForConsole(handler(), id);
    // 09-19 + 20 WD, with 09-28 and 10-11 worked and 10-01..08 off
    expect(view.request.dueOn).toBe('2025-10-23');
    expect(view.clock.correctionNoticeDeadline).toBe('2025-09-29');
    clock.set('2025-09-22');
    await act(id, 'requestCorrection', { on: '2025-09-22', items: '请写明所需招标文件的项目名称', dueOn: '2025-10-13' });
    expect((await service.getRequestForConsole(handler(), id)).request.dueOn).toBeNull();
    expect(await service.getPublicStatus(receipt.number, receipt.queryCode, 'client-flow')).toMatchObject({ state: '待补正', correctionDueOn: '2025-10-13', dueOn: null });
    clock.set('2025-09-26');
    await act(id, 'receiveCorrection', { on: '2025-09-26' });
    await act(id, 'accept');
    view = await service.getRequestForConsole(handler(), id);
    expect(view.request.dueOn).toBe('2025-10-30');
    clock.set('2025-10-09');
    await act(id, 'startConsultation', { on: '2025-10-09', party: 'third_party', consultee: '某建设公司' });
    clock.set('2025-10-22');
    await act(id, 'endConsultation', { on: '2025-10-22', opinion: 'object' });
    view = await service.getRequestForConsole(handler(), id);
    expect(view.clock.pausedWorkingDays).toBe(10);
    expect(view.request.dueOn).toBe('2025-11-13');
    clock.set('2025-11-10');
    await expect(act(id, 'extend', { on: '2025-11-10', workingDays: '15', reason: '需要会商' }, handler())).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await act(id, 'extend', { on: '2025-11-10', workingDays: '15', reason: '需要会商' });
    view = await service.getRequestForConsole(handler(), id);
    expect(view.request.dueOn).toBe('2025-12-04');
    expect(view.clock.segments.map((s) => s.kind)).toEqual(['correction', 'period', 'pause', 'period', 'extension']);
    clock.set('2025-11-20');
    await act(id, 'reply', { on: '2025-11-20', outcome: 'R-PARTIAL', providedInformation: '招标文件（删除投标人报价）', withholdReasons: ['EX15-THIRD'], reasonText: '报价属于商业秘密' });
    clock.set('2025-11-21');
    await act(id, 'serve', { mode: 'direct', signedOn: '2025-11-21' });
    view = await service.getRequestForConsole(handler(), id);
    expect(view.request).toMatchObject({ state: 'served', outcomeCode: 'R-PARTIAL', withholdReasons: ['EX15-THIRD'], concludedOn: '2025-11-20' });
    expect(view.service).toMatchObject({ isInTime: true, servedOn: '2025-11-21' });
    const status = await service.getPublicStatus(receipt.number, receipt.queryCode, 'client-flow');
    expect(status).toMatchObject({ stage: '答复', outcome: '部分公开', repliedOn: '2025-11-20', servedOn: '2025-11-21' });
    const audit = await database.db.execute(sql`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = ${id} AND action LIKE 'request.%'`);
    expect(audit.rows[0]?.n).toBe(10);
  });

  it('refuses a 补正 after 7 working days, with the date, and writes nothing', async () => {
    const { id } = await submitted();
    await act(id, 'register', { receivedOn: '2025-09-19' });
    clock.set('2025-09-30');
    const before = await counts();
    const err = await act(id, 'requestCorrection', { on: '2025-09-30', items: '补充', dueOn: '2025-10-20' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((err as Error).message).toContain('2025-09-29');
    expect(await counts()).toBe(before);
  });

  it('refuses an extension beyond 20 working days and a reply without outcome or reason', async () => {
    const { id } = await submitted();
    await act(id, 'register', { receivedOn: '2025-09-19' });
    await act(id, 'accept');
    clock.set('2025-09-25');
    const before = await counts();
    await expect(act(id, 'extend', { on: '2025-09-25', workingDays: '21', reason: '复杂' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(act(id, 'reply', { on: '2025-09-25' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const noReason = await act(id, 'reply', { on: '2025-09-25', outcome: 'R-WITHHOLD' }).catch((e: unknown) => e);
    expect((noReason as { fields: { field: string }[] }).fields.map((f) => f.field).sort()).toEqual(['reasonText', 'withholdReasons']);
    const notOurs = await act(id, 'reply', { on: '2025-09-25', outcome: 'R-NOTOURS', reasonText: '属于市规划局职责' }).catch((e: unknown) => e);
    expect((notOurs as { fields: { field: string }[] }).fields.map((f) => f.field).sort()).toEqual(['responsibleAgencyContact', 'responsibleAgencyName']);
    expect(await counts()).toBe(before);
  });

  it('a fee notice, payment and the fee collected; an unpaid fee expires through the reminders job', async () => {
    const { id } = await submitted();
    await act(id, 'register', { receivedOn: '2025-09-19' });
    await act(id, 'accept');
    clock.set('2025-09-22');
    await act(id, 'issueFeeNotice', { on: '2025-09-22', basis: 'per_page', amountYuan: '700' });
    clock.set('2025-09-24');
    await act(id, 'recordPayment', { on: '2025-09-24' });
    expect((await service.getRequestForConsole(handler(), id)).request.feeCollectedYuan).toBe(700);

    const second = await submitted();
    await act(second.id, 'register', { receivedOn: '2025-09-19' });
    await act(second.id, 'accept');
    clock.set('2025-09-22');
    await act(second.id, 'issueFeeNotice', { on: '2025-09-22', basis: 'per_item', amountYuan: '100' });
    // pay by 09-22 + 20 WD = 10-24; the job on 10-27 expires it (109号: 视为放弃申请)
    clock.set('2025-10-24');
    await service.runReminders();
    expect((await service.getRequestForConsole(handler(), second.id)).request.state).toBe('awaiting_fee');
    clock.set('2025-10-27');
    const run = await service.runReminders();
    expect(run.expiredFees).toBeGreaterThanOrEqual(1);
    const view = await service.getRequestForConsole(handler(), second.id);
    expect(view.request).toMatchObject({ state: 'closed', outcomeCode: 'R-FEEUNPAID', concludedOn: '2025-10-27' });
    const again = await service.runReminders();
    expect(again.expiredFees).toBe(0);
  });

  it('an expired 补正 closes as 视为放弃 (R-NOCORRECTION) through the job', async () => {
    const { id } = await submitted();
    await act(id, 'register', { receivedOn: '2025-09-19' });
    clock.set('2025-09-22');
    await act(id, 'requestCorrection', { on: '2025-09-22', items: '写明名称', dueOn: '2025-10-13' });
    clock.set('2025-10-14');
    await service.runReminders();
    expect((await service.getRequestForConsole(handler(), id)).request).toMatchObject({ state: 'closed', outcomeCode: 'R-NOCORRECTION' });
  });
});

describe('第三十五条: the monthly count per applicant', () => {
  it('flags the application past the threshold (10 a month) and lets the clerk ask for reasons', async () => {
    clock.set('2025-09-19');
    const idNumber = testIdCard('19900101', '777');
    const numbers: string[] = [];
    for (let i = 0; i < 11; i++) numbers.push((await service.submitRequest(buildSubmission(agency.id, { idNumber }), testIdentityProof())).number);
    const r = await database.db.execute(sql`SELECT number, is_flagged_excessive AS f, version FROM requests WHERE number IN (${sql.join(numbers.map((n) => sql`${n}`), sql`, `)}) ORDER BY number`);
    expect(r.rows.map((x) => x.f)).toEqual([...Array(10).fill(false), true]);
    const id = (await database.db.execute(sql`SELECT id FROM requests WHERE number = ${numbers[10]!}`)).rows[0]?.id as string;
    await act(id, 'register', { receivedOn: '2025-09-19' });
    await act(id, 'accept');
    await expect(act(id, 'flagExcessive', { reason: '再次标记' })).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    await act(id, 'askReasons', { on: '2025-09-19' });
    expect((await service.getRequestForConsole(handler(), id)).request.state).toBe('awaiting_reasons');
  });
});

describe('every verb refuses an illegal state', () => {
  // a request in 待登记 (submitted) allows only register; in 已归档 nothing
  for (const verb of REQUEST_VERBS) {
    const from = REQUEST_TRANSITIONS[verb].from as readonly RequestState[];
    const illegal: RequestState = from.includes('submitted') ? 'registered' : 'submitted';
    it(`${verb} from ${illegal}`, async () => {
      const { id } = await submitted();
      if (illegal === 'registered') await act(id, 'register', { receivedOn: '2025-09-19' });
      const before = await counts();
      await expect(act(id, verb, { on: '2025-09-19' })).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
      expect(await counts()).toBe(before);
    });
  }
});

describe('policy, locking and review cases', () => {
  it('a clerk of another agency is refused; a stale version is refused', async () => {
    const { id } = await submitted();
    await expect(service.perform(actor('handler', other), id, 'register', 1, { receivedOn: '2025-09-19' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(service.getRequestForConsole(actor('handler', other), id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(service.perform(handler(), id, 'register', 99, { receivedOn: '2025-09-19' })).rejects.toMatchObject({ code: 'STALE_RECORD' });
    await expect(service.perform(handler(), id, 'register', await versionOf(id), { receivedOn: '2025-09-18' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('2025-09-19') });
  });

  it('registers a 行政复议 against a reply and records its result', async () => {
    const { id } = await submitted();
    await act(id, 'register', { receivedOn: '2025-09-19' });
    await expect(service.registerReviewCase(handler(), id, { kind: 'reconsideration', filedOn: '2025-09-19' })).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    await act(id, 'reply', { on: '2025-09-19', outcome: 'R-NOTEXIST' });
    clock.set('2025-10-20');
    await expect(service.registerReviewCase(handler(), id, { kind: 'bogus', filedOn: '2025-13-01' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const c = await service.registerReviewCase(handler(), id, { kind: 'reconsideration', filedOn: '2025-10-10' });
    expect(c).toMatchObject({ agencyId: agency.id, result: 'pending', concludedOn: null });
    const done = await service.concludeReviewCase(handler(), c.id, c.version, { result: 'upheld', concludedOn: '2025-10-20' });
    expect(done).toMatchObject({ result: 'upheld', concludedOn: '2025-10-20' });
  });

  it('registers a paper application by channel with the receipt date of 第三十一条', async () => {
    clock.set('2025-09-30');
    const base = buildSubmission(agency.id);
    const post = await service.registerPaperRequest(handler(), { ...base, channel: 'post', signedOn: '2025-09-26' }, null);
    expect(post.request).toMatchObject({ state: 'registered', receivedOn: '2025-09-26', dueOn: '2025-10-30' });
    const missing = await service.registerPaperRequest(handler(), { ...base, channel: 'ordinary_letter' }, null).catch((e: unknown) => e);
    expect((missing as { fields: { field: string; message: string }[] }).fields[0]).toMatchObject({ field: 'confirmedOn' });
    const unreachable = await service.registerPaperRequest(handler(), { ...base, channel: 'ordinary_letter', unreachable: '1' }, null);
    expect(unreachable.request).toMatchObject({ state: 'submitted', receivedOn: null });
    await expect(service.registerPaperRequest(actor('agent'), { ...base, channel: 'in_person', submittedOn: '2025-09-30' }, null)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('queues by due date and counts overdue for the 公开办', async () => {
    const { id } = await submitted();
    await act(id, 'register', { receivedOn: '2025-09-19' });
    clock.set('2025-10-27');
    const q = await service.queue(handler());
    expect(q.overdue.map((e) => e.row.id)).toContain(id);
    await expect(service.overview(handler())).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const office: Actor = { ...actor('office'), grants: [{ role: 'office', agencyId: agency.id, includeSubtree: true, agencyIsRoot: true }] };
    const board = await service.overview(office);
    expect(board.rows.find((r) => r.agencyId === agency.id)?.overdue).toBeGreaterThanOrEqual(1);
  });
});
