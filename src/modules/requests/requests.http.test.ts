import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createDeps, type Deps } from '../../deps.ts';
import type { Actor, Role } from '../../platform/auth/actor.ts';
import type { Database } from '../../platform/db/database.ts';
import { createTestDatabase } from '../../platform/db/testing.ts';
import { createFileStorage, sha256Hex } from '../../platform/storage/index.ts';
import { testPng } from '../../platform/storage/testing.ts';
import type { Agency } from '../agencies/index.ts';
import { createTestAgency } from '../agencies/agencies.testing.ts';
import { signInAs } from '../staff/staff.testing.ts';
import { requestsReminders } from './requests.jobs.ts';
import { createRequestsService } from './requests.service.ts';
import { buildSubmission, GUOQING_2025, testClock, testIdCard, testIdentityProof } from './requests.testing.ts';

interface Session {
  cookie: string;
  csrfToken: string;
  actor: Actor;
}

let database: Database;
let deps: Deps;
let app: App;
let agency: Agency;
let otherAgency: Agency;
let handler: Session;
let head: Session;
let agent: Session;
let otherHandler: Session;
let office: Session;
let anon: { cookie: string; csrfToken: string };
const clock = testClock('2025-09-19');

async function sessionFor(role: Role, at: Agency, includeSubtree = false): Promise<Session> {
  return signInAs(app, database.db, [{ role, agencyId: at.id, includeSubtree }]);
}

beforeAll(async () => {
  database = await createTestDatabase();
  // 1 MB per file; 64 KB for all the files of an anonymous post, so the total is tested without megabytes of data
  const config = { ...loadConfig({ NODE_ENV: 'test', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'gk-requests-http-')), MAX_UPLOAD_MB: '1' }), publicUploadBytes: 64 * 1024 };
  deps = createDeps(config, database);
  deps.requests = createRequestsService({
    db: database.db,
    config,
    calendar: { overrides: async () => GUOQING_2025 },
    storage: createFileStorage(config),
    agencies: deps.agencies,
    items: deps.items,
    now: clock.now,
    statusLookupLimit: 50,
  });
  app = await buildApp(deps, { logger: false });
  const root = await createTestAgency(database.db);
  agency = await createTestAgency(database.db, { parentId: root.id });
  otherAgency = await createTestAgency(database.db, { parentId: root.id });
  handler = await sessionFor('handler', agency);
  head = await sessionFor('head', agency);
  agent = await sessionFor('agent', agency);
  otherHandler = await sessionFor('handler', otherAgency);
  office = await sessionFor('office', root, true);
  // an anonymous visitor: the CSRF token is bound to the gk_anon cookie the form page sets
  const page = await app.inject({ method: 'GET', url: '/requests/new' });
  const cookie = page.cookies.find((c) => c.name === 'gk_anon');
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (!cookie || !token) throw new Error('no anonymous CSRF token');
  anon = { cookie: `gk_anon=${cookie.value}`, csrfToken: token };
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

function multipart(fields: Record<string, string | string[]>, file: { name: string; bytes: Uint8Array } | null): { payload: Buffer; type: string } {
  const boundary = '----gongkaiRequestsBoundary';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${one}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="identityProof"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
    parts.push(Buffer.from(file.bytes));
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

function postMultipart(url: string, s: { cookie: string; csrfToken: string }, fields: Record<string, string | string[]>, file: { name: string; bytes: Uint8Array } | null = null) {
  const m = multipart({ _csrf: s.csrfToken, ...fields }, file);
  return app.inject({ method: 'POST', url, headers: { cookie: s.cookie, 'content-type': m.type }, payload: m.payload });
}

function storedFiles(): string[] {
  try {
    return readdirSync(path.join(deps.config.dataDir, 'files'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name.replace(/\.bin$/, ''));
  } catch {
    return [];
  }
}

/** A real PNG made `kb` KB larger (the sniffer reads its head). */
const paddedPng = (kb: number, fill = 0) => new Uint8Array(Buffer.concat([testPng(), Buffer.alloc(kb * 1024, fill)]));

function get(url: string, s?: Session) {
  return app.inject({ method: 'GET', url, headers: s ? { cookie: s.cookie } : {} });
}

function post(url: string, s: { cookie: string; csrfToken: string }, fields: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  body.append('_csrf', s.csrfToken);
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  return app.inject({ method: 'POST', url, headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() });
}

async function counts(): Promise<string> {
  const r = await database.db.execute(sql`SELECT (SELECT count(*) FROM requests) AS r, (SELECT count(*) FROM request_events) AS e, (SELECT count(*) FROM request_review_cases) AS c, (SELECT count(*) FROM audit_log) AS l`);
  return JSON.stringify(r.rows[0]);
}

function asStrings(o: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v ?? '')]));
}

async function newRequest(): Promise<{ id: string; number: string; code: string; version: () => Promise<number> }> {
  clock.set('2025-09-19');
  const receipt = await deps.requests.submitRequest(buildSubmission(agency.id), testIdentityProof());
  const r = await database.db.execute(sql`SELECT id FROM requests WHERE number = ${receipt.number}`);
  const id = r.rows[0]?.id as string;
  return {
    id,
    number: receipt.number,
    code: receipt.queryCode,
    version: async () => Number((await database.db.execute(sql`SELECT version FROM requests WHERE id = ${id}`)).rows[0]?.version),
  };
}

async function verb(s: Session, id: string, name: string, version: number, fields: Record<string, string | string[]> = {}) {
  const prefixed: Record<string, string | string[]> = { version: String(version) };
  for (const [k, v] of Object.entries(fields)) prefixed[`${name}-${k}`] = v;
  return post(`/console/requests/${id}/${name}`, s, prefixed);
}

describe('portal: the application form', () => {
  it('renders every field with a hidden idempotency token, and no script is needed', async () => {
    const res = await get('/requests/new');
    expect(res.statusCode).toBe(200);
    for (const name of ['agencyId', 'applicantCategory', 'name', 'organizationName', 'idType', 'idNumber', 'phone', 'address', 'email', 'description', 'documentNumber', 'provisionForm', 'identityProof', 'idempotencyKey']) {
      expect(res.body).toContain(`name="${name}"`);
    }
    expect(res.body).toContain('enctype="multipart/form-data"');
  });

  it('each agency page links to the form with the agency chosen', async () => {
    const page = await get(`/agencies/${agency.code}`);
    expect(page.body).toContain(`/requests/new?agency=${agency.id}`);
    const form = await get(`/requests/new?agency=${agency.id}`);
    expect(form.body).toMatch(new RegExp(`<option value="${agency.id}" selected`));
  });

  it('a double submission (same token) gives one application and the same receipt', async () => {
    clock.set('2025-09-19');
    const fields = { ...asStrings(buildSubmission(agency.id)), idempotencyKey: 'dblclick-token-0000000001' };
    const proof = testIdentityProof();
    const a = await postMultipart('/requests/new', anon, fields, { name: proof.filename, bytes: proof.bytes });
    const b = await postMultipart('/requests/new', anon, fields, { name: proof.filename, bytes: proof.bytes });
    expect(a.statusCode).toBe(200);
    expect(b.statusCode).toBe(200);
    const numberA = /id="receipt-number">([^<]+)</.exec(a.body)?.[1];
    const codeA = /id="receipt-code">([^<]+)</.exec(a.body)?.[1];
    expect(numberA).toMatch(/^YSQ2025\d{6}$/);
    expect(/id="receipt-number">([^<]+)</.exec(b.body)?.[1]).toBe(numberA);
    expect(/id="receipt-code">([^<]+)</.exec(b.body)?.[1]).toBe(codeA);
    const n = await database.db.execute(sql`SELECT count(*)::int AS n FROM requests WHERE idempotency_key = 'dblclick-token-0000000001'`);
    expect(n.rows[0]?.n).toBe(1);
  });

  it('bad input: every problem at once, the input kept, nothing written', async () => {
    const before = await counts();
    const id = testIdCard();
    const wrongCheck = id.slice(0, 17) + (id.endsWith('1') ? '2' : '1');
    const res = await postMultipart('/requests/new', anon, { ...asStrings(buildSubmission(agency.id, { idNumber: wrongCheck, phone: '', address: '', applicantCategory: '' })), idempotencyKey: 'bad-input-token-00000001' }, null);
    expect(res.statusCode).toBe(400);
    for (const msg of ['申请人类别：必须选择', '联系电话：必须填写', '通信地址：必须填写', '身份证明：必须上传']) expect(res.body).toContain(msg);
    expect(res.body).toContain('2025 年本机关道路维修项目的招标文件');
    const org = await postMultipart('/requests/new', anon, { ...asStrings(buildSubmission(agency.id, { applicantCategory: 'research', organizationName: '某研究院', idNumber: '12500000MB1234567X' })) }, { name: 'id.png', bytes: testIdentityProof().bytes });
    expect(org.statusCode).toBe(400);
    expect(org.body).toContain('统一社会信用代码：不是有效的统一社会信用代码');
    expect(await counts()).toBe(before);
  });

  it('refuses a proof under the per-file limit but over PUBLIC_UPLOAD_MB: 413, the limit named, the input kept, nothing written', async () => {
    clock.set('2025-09-19');
    const proof = paddedPng(100);
    expect(proof.byteLength).toBeLessThan(deps.config.maxUploadBytes);
    const [before, files] = [await counts(), storedFiles()];
    const res = await postMultipart('/requests/new', anon, { ...asStrings(buildSubmission(agency.id)), idempotencyKey: 'too-large-token-00000001' }, { name: 'id.png', bytes: proof });
    expect(res.statusCode).toBe(413);
    expect(res.body).toContain('身份证明：文件大小为 100 KB，不能超过 64 KB，请压缩或换用较小的扫描件');
    expect(res.body).toContain('2025 年本机关道路维修项目的招标文件');
    expect(res.body).toContain('name="idempotencyKey" value="too-large-token-00000001"');
    expect(await counts()).toBe(before);
    expect(storedFiles()).toEqual(files);
    expect(storedFiles()).not.toContain(sha256Hex(proof));
    // the JSON API is anonymous too
    const api = await app.inject({ method: 'POST', url: '/api/v1/requests', payload: { ...buildSubmission(agency.id), agencyId: undefined, agencyCode: agency.code, documentNumber: undefined, identityProof: { filename: 'id.png', contentBase64: Buffer.from(proof).toString('base64') } } });
    expect(api.statusCode).toBe(413);
    expect(api.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(JSON.stringify(api.json().error.fields)).toContain('不能超过 64 KB');
    expect(await counts()).toBe(before);
    expect(storedFiles()).toEqual(files);
  });

  it('takes a proof under PUBLIC_UPLOAD_MB; a signed-in clerk registering on paper is held to the per-file limit only', async () => {
    clock.set('2025-09-19');
    const proof = paddedPng(40, 1);
    const res = await postMultipart('/requests/new', anon, { ...asStrings(buildSubmission(agency.id)), idempotencyKey: 'under-total-token-000001' }, { name: 'id.png', bytes: proof });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/id="receipt-number">YSQ2025\d{6}</);
    expect(storedFiles()).toContain(sha256Hex(proof));
    const scan = paddedPng(100, 2);
    const paper = await postMultipart('/console/requests/new', handler, { ...asStrings(buildSubmission(agency.id)), channel: 'in_person', submittedOn: '2025-09-19' }, { name: 'scan.png', bytes: scan });
    expect(paper.statusCode).toBe(303);
    expect(storedFiles()).toContain(sha256Hex(scan));
  });

  it('the status page shows stage and due date and no personal data', async () => {
    const r = await newRequest();
    await deps.requests.perform(handler.actor, r.id, 'register', await r.version(), { receivedOn: '2025-09-19' });
    const res = await post('/requests/status', anon, { number: r.number, code: r.code });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('审核');
    expect(/id="status-due">([^<]+)</.exec(res.body)?.[1]).toBe('2025-10-23');
    for (const secret of ['张三', '13800138000', testIdCard(), '测试路']) expect(res.body).not.toContain(secret);
    const wrong = await post('/requests/status', anon, { number: r.number, code: 'ZZZZZZZZ' });
    expect(wrong.statusCode).toBe(404);
    const empty = await post('/requests/status', anon, {});
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('申请编号：必须填写');
    expect(empty.body).toContain('查询码：必须填写');
  });
});

describe('API', () => {
  it('POST /api/v1/requests creates (201) and repeats (200) by idempotency key; GET returns the status', async () => {
    clock.set('2025-09-19');
    const body = { ...buildSubmission(agency.id), agencyId: undefined, agencyCode: agency.code, documentNumber: undefined, idempotencyKey: 'api-key-000000000000001', identityProof: { filename: 'id.png', contentBase64: Buffer.from(testIdentityProof().bytes).toString('base64') } };
    const a = await app.inject({ method: 'POST', url: '/api/v1/requests', payload: body });
    expect(a.statusCode).toBe(201);
    const b = await app.inject({ method: 'POST', url: '/api/v1/requests', payload: body });
    expect(b.statusCode).toBe(200);
    expect(b.json().number).toBe(a.json().number);
    const s = await app.inject({ method: 'GET', url: `/api/v1/requests/${a.json().number}?code=${a.json().queryCode}` });
    expect(s.statusCode).toBe(200);
    expect(s.json()).toMatchObject({ stage: '登记', dueOn: null });
    expect(s.body).not.toContain('张三');
    const wrong = await app.inject({ method: 'GET', url: `/api/v1/requests/${a.json().number}?code=ABCDEFGH` });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json().error.code).toBe('NOT_FOUND');
  });

  it('bad JSON input gets VALIDATION_FAILED with Chinese field messages and writes nothing', async () => {
    const before = await counts();
    const proof = { filename: 'id.png', contentBase64: Buffer.from(testIdentityProof().bytes).toString('base64') };
    const res = await app.inject({ method: 'POST', url: '/api/v1/requests', payload: { ...buildSubmission(agency.id), agencyId: undefined, agencyCode: agency.code, documentNumber: undefined, idNumber: '91500000MA5U000000', email: undefined, identityProof: proof } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(res.json().error.fields)).toContain('证件号码');
    const missing = await app.inject({ method: 'POST', url: '/api/v1/requests', payload: { agencyCode: agency.code } });
    expect(missing.statusCode).toBe(400);
    const named = (missing.json().error.fields as { field: string }[]).map((f) => f.field);
    expect(named).toEqual(expect.arrayContaining(['applicantCategory', 'name', 'idNumber', 'phone', 'address', 'description', 'provisionForm', 'identityProof']));
    expect(await counts()).toBe(before);
  });

  it('is documented in OpenAPI', async () => {
    const doc = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(Object.keys(doc.json().paths)).toEqual(expect.arrayContaining(['/api/v1/requests', '/api/v1/requests/{number}']));
  });
});

describe('console: forbidden roles', () => {
  it('refuses a 热线坐席 every requests route, and another agency’s clerk the request', async () => {
    const r = await newRequest();
    const v = await r.version();
    for (const url of ['/console/requests', '/console/requests/overview', '/console/requests/new', `/console/requests/${r.id}`, `/console/requests/${r.id}/identity-proof`]) {
      expect((await get(url, agent)).statusCode, url).toBe(403);
    }
    const before = await counts();
    expect((await postMultipart('/console/requests/new', agent, { ...asStrings(buildSubmission(agency.id)), channel: 'in_person', submittedOn: '2025-09-19' })).statusCode).toBe(403);
    expect((await verb(agent, r.id, 'register', v, { receivedOn: '2025-09-19' })).statusCode).toBe(403);
    expect((await post(`/console/requests/${r.id}/review-cases`, agent, { 'case-kind': 'reconsideration', 'case-filedOn': '2025-09-19' })).statusCode).toBe(403);
    expect((await post(`/console/requests/${r.id}/to-disclosure`, agent, {})).statusCode).toBe(403);
    expect((await get(`/console/requests/${r.id}`, otherHandler)).statusCode).toBe(403);
    expect((await verb(otherHandler, r.id, 'register', v, { receivedOn: '2025-09-19' })).statusCode).toBe(403);
    expect((await get('/console/requests/overview', handler)).statusCode).toBe(403);
    expect(await counts()).toBe(before);
  });

  it('the 公开办 at the root sees every agency’s overdue count', async () => {
    const res = await get('/console/requests/overview', office);
    // createTestAgency roots are top-level agencies, so the office grant there is at the root
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('各机关依申请公开逾期情况');
  });

  it('a review-case result needs a clerk of the agency', async () => {
    const r = await newRequest();
    await deps.requests.perform(handler.actor, r.id, 'register', await r.version(), { receivedOn: '2025-09-19' });
    await deps.requests.perform(handler.actor, r.id, 'reply', await r.version(), { on: '2025-09-19', outcome: 'R-NOTEXIST' });
    clock.set('2025-10-10');
    const c = await deps.requests.registerReviewCase(handler.actor, r.id, { kind: 'litigation_direct', filedOn: '2025-10-09' });
    expect((await post(`/console/requests/review-cases/${c.id}/conclude`, agent, { version: '1', result: 'upheld', concludedOn: '2025-10-10' })).statusCode).toBe(403);
    const bad = await post(`/console/requests/review-cases/${c.id}/conclude`, handler, { version: '1', requestId: r.id, result: 'pending', concludedOn: '2025-10-01' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('结果：必须选择维持、纠正或其他');
    expect(bad.body).toContain('审结日期：不能早于立案日期（2025-10-09）');
    const ok = await post(`/console/requests/review-cases/${c.id}/conclude`, handler, { version: '1', result: 'corrected', concludedOn: '2025-10-10' });
    expect(ok.statusCode).toBe(303);
  });
});

describe('console: the clerk’s work', () => {
  it('queue, register, 补正 refused after 7 working days with the date, nothing written', async () => {
    const r = await newRequest();
    expect((await get('/console/requests', handler)).body).toContain(r.number);
    expect((await verb(handler, r.id, 'register', await r.version(), { receivedOn: '2025-09-19' })).statusCode).toBe(303);
    const page = await get(`/console/requests/${r.id}`, handler);
    expect(/id="due-date">([^<]+)</.exec(page.body)?.[1]).toBe('2025-10-23');
    clock.set('2025-09-30');
    const before = await counts();
    const late = await verb(handler, r.id, 'requestCorrection', await r.version(), { on: '2025-09-30', items: '写明项目名称', dueOn: '2025-10-20' });
    expect(late.statusCode).toBe(400);
    expect(late.body).toContain('本件最迟为 2025-09-29');
    expect(await counts()).toBe(before);
  });

  it('extension: over 20 days refused; a handler is refused; the 负责人 extends', async () => {
    const r = await newRequest();
    await deps.requests.perform(handler.actor, r.id, 'register', await r.version(), { receivedOn: '2025-09-19' });
    await deps.requests.perform(handler.actor, r.id, 'accept', await r.version(), {});
    clock.set('2025-10-20');
    const before = await counts();
    const byHandler = await verb(handler, r.id, 'extend', await r.version(), { on: '2025-10-20', workingDays: '10', reason: '需要协调' });
    expect(byHandler.statusCode).toBe(403);
    expect(byHandler.body).toContain('工作机构负责人');
    const tooLong = await verb(head, r.id, 'extend', await r.version(), { on: '2025-10-20', workingDays: '21', reason: '需要协调' });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('累计不得超过 20 个工作日');
    expect(await counts()).toBe(before);
    const ok = await verb(head, r.id, 'extend', await r.version(), { on: '2025-10-20', workingDays: '20', reason: '需要协调' });
    expect(ok.statusCode).toBe(303);
    // 10-23 + 20 WD
    expect(/id="due-date">([^<]+)</.exec((await get(`/console/requests/${r.id}`, handler)).body)?.[1]).toBe('2025-11-20');
  });

  it('reply: no outcome and no reason are refused with messages at the fields; a full reply passes', async () => {
    const r = await newRequest();
    await deps.requests.perform(handler.actor, r.id, 'register', await r.version(), { receivedOn: '2025-09-19' });
    await deps.requests.perform(handler.actor, r.id, 'accept', await r.version(), {});
    clock.set('2025-10-09');
    const before = await counts();
    const none = await verb(handler, r.id, 'reply', await r.version(), { on: '2025-10-09' });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('答复类型：必须选择');
    const noReason = await verb(handler, r.id, 'reply', await r.version(), { on: '2025-10-09', outcome: 'R-WITHHOLD' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('不予公开必须说明理由');
    expect(noReason.body).toContain('id="field-reply-reasonText"');
    expect(await counts()).toBe(before);
    const ok = await verb(handler, r.id, 'reply', await r.version(), { on: '2025-10-09', outcome: 'R-PARTIAL', providedInformation: '招标公告', withholdReasons: ['EX15-THIRD'], reasonText: '报价属于商业秘密' });
    expect(ok.statusCode).toBe(303);
    const served = await verb(handler, r.id, 'serve', await r.version(), { mode: 'post', postedOn: '2025-10-09' });
    expect(served.statusCode).toBe(303);
    const page = await get(`/console/requests/${r.id}`, handler);
    expect(page.body).toContain('按时');
    const status = await post('/requests/status', anon, { number: r.number, code: r.code });
    expect(status.body).toContain('部分公开');
    const docx = await get(`/console/requests/${r.id}/letter.docx`, handler);
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const pdf = await get(`/console/requests/${r.id}/letter.pdf`, handler);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await get(`/console/requests/${r.id}/letter.docx`, agent)).statusCode).toBe(403);
    // 转主动公开: a disclosure item draft, once
    const draft = await post(`/console/requests/${r.id}/to-disclosure`, handler, {});
    expect(draft.statusCode).toBe(303);
    expect(draft.headers.location).toMatch(/^\/console\/items\/[0-9a-f-]{36}$/);
    const item = await database.db.execute(sql`SELECT r.title FROM item_revisions r JOIN requests q ON q.disclosure_item_id = r.item_id WHERE q.id = ${r.id}`);
    expect(String(item.rows[0]?.title)).toContain('依申请公开转主动公开');
    expect((await post(`/console/requests/${r.id}/to-disclosure`, handler, {})).statusCode).toBe(409);
  });

  it('the requests.reminders job records an overdue request once a day', async () => {
    const r = await newRequest();
    await deps.requests.perform(handler.actor, r.id, 'register', await r.version(), { receivedOn: '2025-09-19' });
    clock.set('2025-10-24');
    await requestsReminders.run(deps, {});
    await requestsReminders.run(deps, {});
    const rows = await database.db.execute(sql`SELECT kind, on_date FROM request_reminders WHERE request_id = ${r.id}`);
    expect(rows.rows).toEqual([{ kind: 'overdue', on_date: '2025-10-24' }]);
  });

  it('an illegal verb in the console answers 409 with the state rule', async () => {
    const r = await newRequest();
    const res = await verb(handler, r.id, 'accept', await r.version());
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('不能“审核通过，转办理”');
  });

  it('registers a paper application by channel; missing dates are named', async () => {
    clock.set('2025-09-30');
    const bad = await postMultipart('/console/requests/new', handler, { ...asStrings(buildSubmission(agency.id)), channel: 'fax' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('双方确认之日');
    const ok = await postMultipart('/console/requests/new', handler, { ...asStrings(buildSubmission(agency.id)), channel: 'fax', confirmedOn: '2025-09-29' });
    expect(ok.statusCode).toBe(303);
  });
});
