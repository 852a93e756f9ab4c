import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createDeps } from '../../deps.ts';
import type { Database } from '../../platform/db/database.ts';
import { createTestDatabase } from '../../platform/db/testing.ts';
import { checkOpen311Document, PERSONAL_FIELDS, type Open311DocumentKind } from './open311.ts';
import { buildIntakeInput, createTestApiClient, SYSTEM } from './tickets.testing.ts';

let database: Database;
let app: App;
let key = '';
let otherKey = '';

beforeAll(async () => {
  database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'gk-open311-')), BASE_URL: 'https://www.example.gov.cn' });
  app = await buildApp(createDeps(config, database), { logger: false });
  key = (await createTestApiClient(database.db)).key;
  otherKey = (await createTestApiClient(database.db)).key;
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function counts(): Promise<{ tickets: number; events: number; attachments: number }> {
  const r = await database.db.execute<{ t: number; e: number; a: number }>(
    sql`SELECT (SELECT count(*)::int FROM tickets) AS t, (SELECT count(*)::int FROM ticket_events) AS e, (SELECT count(*)::int FROM ticket_attachments) AS a`,
  );
  const row = r.rows[0] as { t: number; e: number; a: number };
  return { tickets: row.t, events: row.e, attachments: row.a };
}

function form(fields: Record<string, string>): { payload: string; headers: Record<string, string> } {
  return { payload: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
}

function valid(kind: Open311DocumentKind, body: unknown): void {
  expect(checkOpen311Document(kind, body)).toEqual([]);
}

const GOOD = () => ({
  service_code: '010101',
  lat: '29.5630',
  long: '106.5516',
  description: '解放碑附近路面塌陷一个大坑，电话13912345678的王先生说很危险',
  email: 'wang@example.com',
  first_name: '先生',
  last_name: '王',
  phone: '13912345678',
  media_url: 'https://img.example.com/p/1.jpg',
  'attribute[severity]': 'pothole',
});

describe('GET discovery, services, service definitions', () => {
  it('serves valid JSON and XML with the spec element names', async () => {
    const d = await app.inject({ method: 'GET', url: '/open311/v2/discovery.json' });
    expect(d.statusCode).toBe(200);
    valid('discovery', d.json());
    const s = await app.inject({ method: 'GET', url: '/open311/v2/services.json' });
    expect(s.headers['content-type']).toBe('application/json; charset=utf-8');
    valid('services', s.json());
    expect((s.json() as { service_code: string }[]).some((x) => x.service_code === '010101')).toBe(true);
    const x = await app.inject({ method: 'GET', url: '/open311/v2/services.xml' });
    expect(x.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(x.body).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?><services><service><service_code>/);
    const def = await app.inject({ method: 'GET', url: '/open311/v2/services/020101.json' });
    valid('serviceDefinition', def.json());
    expect(def.json()).toMatchObject({ service_code: '020101', attributes: [{ code: 'period', required: true }] });
    const defXml = await app.inject({ method: 'GET', url: '/open311/v2/services/020101.xml' });
    expect(defXml.body).toContain('<service_definition><service_code>020101</service_code><attributes><attribute>');
  });

  it('answers an unknown service code and an unknown path with the spec errors', async () => {
    const r = await app.inject({ method: 'GET', url: '/open311/v2/services/999999.json' });
    expect(r.statusCode).toBe(404);
    valid('errors', r.json());
    const n = await app.inject({ method: 'GET', url: '/open311/v2/nothing.xml' });
    expect(n.statusCode).toBe(404);
    expect(n.body).toMatch(/<errors><error><code>404<\/code><description>/);
  });
});

describe('the client flow: create, token, id, list', () => {
  it('creates a ticket, finds it by token and by id, and lists it, never with personal fields', async () => {
    const token = `flow-${Date.now()}`;
    const post = await app.inject({ method: 'POST', url: '/open311/v2/requests.json', ...form({ api_key: key, client_token: token, ...GOOD() }) });
    expect(post.statusCode).toBe(200);
    valid('postResponse', post.json());
    const id = (post.json() as { service_request_id: string }[])[0]?.service_request_id as string;
    expect(id).toMatch(/^\d{14}$/);

    const tok = await app.inject({ method: 'GET', url: `/open311/v2/tokens/${token}.json` });
    valid('tokens', tok.json());
    expect(tok.json()).toEqual([{ token, service_request_id: id }]);

    const one = await app.inject({ method: 'GET', url: `/open311/v2/requests/${id}.json` });
    expect(one.statusCode).toBe(200);
    valid('requests', one.json());
    const req = (one.json() as Record<string, unknown>[])[0] as Record<string, unknown>;
    expect(req).toMatchObject({ service_request_id: id, status: 'open', service_code: '010101', lat: 29.563, long: 106.5516, media_url: 'https://img.example.com/p/1.jpg' });
    for (const f of PERSONAL_FIELDS) expect(req).not.toHaveProperty(f);
    expect(one.body).not.toContain('13912345678');
    expect(one.body).not.toContain('wang@example.com');

    const list = await app.inject({ method: 'GET', url: '/open311/v2/requests.json?status=open&service_code=010101' });
    valid('requests', list.json());
    expect((list.json() as { service_request_id: string }[]).map((r) => r.service_request_id)).toContain(id);
    expect(list.body).not.toContain('13912345678');
    const xml = await app.inject({ method: 'GET', url: `/open311/v2/requests/${id}.xml` });
    expect(xml.body).toContain(`<service_requests><request><service_request_id>${id}</service_request_id>`);
    const closed = await app.inject({ method: 'GET', url: `/open311/v2/requests.json?status=closed&service_request_id=${id}` });
    // the spec: service_request_id given ⇒ the other filters are ignored
    expect((closed.json() as unknown[]).length).toBe(1);
  });

  it('answers a POST in XML at requests.xml, and takes a JSON body too', async () => {
    const xml = await app.inject({ method: 'POST', url: '/open311/v2/requests.xml', ...form({ api_key: key, ...GOOD() }) });
    expect(xml.statusCode).toBe(200);
    expect(xml.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(xml.body).toMatch(/<service_requests><request><service_request_id>\d{14}<\/service_request_id><service_notice>[^<]+<\/service_notice><account_id><\/account_id><\/request><\/service_requests>$/);
    const json = await app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload: { api_key: key, service_code: '010103', lat: 29.56, long: 106.55, description: '路灯不亮' } });
    expect(json.statusCode).toBe(200);
    valid('postResponse', json.json());
  });

  it('a second POST with the same client token gives the same ticket and writes nothing', async () => {
    const token = `dup-${Date.now()}`;
    const a = await app.inject({ method: 'POST', url: '/open311/v2/requests.json', ...form({ api_key: key, client_token: token, ...GOOD() }) });
    const before = await counts();
    const b = await app.inject({ method: 'POST', url: '/open311/v2/requests.json', ...form({ api_key: key, client_token: token, ...GOOD() }) });
    expect(b.statusCode).toBe(200);
    expect(b.json()).toEqual(a.json());
    expect(await counts()).toEqual(before);
    // another client's token space is its own
    const c = await app.inject({ method: 'POST', url: '/open311/v2/requests.json', ...form({ api_key: otherKey, client_token: token, ...GOOD() }) });
    expect((c.json() as { service_request_id: string }[])[0]?.service_request_id).not.toBe((a.json() as { service_request_id: string }[])[0]?.service_request_id);
  });

  it('hides the content and place of a call without consent to publish, and of a fully confidential letter', async () => {
    const deps = createDeps(loadConfig({ NODE_ENV: 'test', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'gk-open311-')) }), database);
    const hidden = { description: '（诉求人要求保密，内容不予公开）', address: null, lat: null, long: null };
    const call = await deps.hotline.intake(buildIntakeInput({ lat: '29.56', long: '106.55' }), { kind: 'staff', actor: SYSTEM });
    const secret = await deps.hotline.intake(buildIntakeInput({ channel: 'mailbox', title: '来信', publishConsent: '1', confidentiality: 'full' }), { kind: 'staff', actor: SYSTEM });
    const shared = await deps.hotline.intake(buildIntakeInput({ channel: 'mailbox', title: '来信', publishConsent: '1', address: '渝中区民族路' }), { kind: 'staff', actor: SYSTEM });
    const list = await app.inject({ method: 'GET', url: `/open311/v2/requests.json?service_request_id=${call.number},${secret.number},${shared.number}` });
    valid('requests', list.json());
    const byId = new Map((list.json() as Record<string, unknown>[]).map((r) => [r.service_request_id, r]));
    expect(byId.get(call.number)).toMatchObject({ ...hidden, description: '（经电话、网站或信箱受理，诉求人未同意公开，内容不予公开）', service_code: '010101', status: 'open' });
    expect(byId.get(secret.number)).toMatchObject(hidden);
    expect(byId.get(shared.number)).toMatchObject({ address: '渝中区民族路' });
    expect(byId.get(shared.number)?.description).toContain('解放碑');
  });
});

describe('bad input: the spec errors, the right status, nothing written', () => {
  const cases: [string, Record<string, string>, number, RegExp][] = [
    ['an unknown service_code', { ...GOOD(), service_code: '999999' }, 400, /service_code/],
    ['a missing location', { ...GOOD(), lat: '', long: '' }, 400, /location/],
    ['coordinates out of range', { ...GOOD(), lat: '95', long: '106.5' }, 400, /lat/],
    ['coordinates outside the city', { ...GOOD(), lat: '39.9', long: '116.4' }, 400, /辖区/],
    ['a description over the limit', { ...GOOD(), description: '长'.repeat(4001) }, 400, /description/],
    ['a bad attribute value', { ...GOOD(), 'attribute[severity]': 'meteor' }, 400, /attribute\[severity\]/],
  ];
  for (const [name, fields, status, pattern] of cases) {
    it(name, async () => {
      const before = await counts();
      const r = await app.inject({ method: 'POST', url: '/open311/v2/requests.json', ...form({ api_key: key, ...fields }) });
      expect(r.statusCode).toBe(status);
      valid('errors', r.json());
      expect((r.json() as { description: string }[]).some((e) => pattern.test(e.description))).toBe(true);
      expect(await counts()).toEqual(before);
    });
  }

  it('a wrong or missing API key is 403 and says nothing else', async () => {
    const before = await counts();
    for (const k of ['wrong-key-000000', '']) {
      const r = await app.inject({ method: 'POST', url: '/open311/v2/requests.json', ...form({ api_key: k, ...GOOD(), service_code: '999999' }) });
      expect(r.statusCode).toBe(403);
      valid('errors', r.json());
      expect(r.json()).toHaveLength(1);
    }
    const x = await app.inject({ method: 'POST', url: '/open311/v2/requests.xml', ...form({ api_key: 'nope-nope-nope', ...GOOD() }) });
    expect(x.statusCode).toBe(403);
    expect(x.body).toMatch(/<errors><error><code>403<\/code>/);
    expect(await counts()).toEqual(before);
  });

  it('a session cookie grants nothing (ADR 0003) and needs no CSRF token', async () => {
    const r = await app.inject({ method: 'POST', url: '/open311/v2/requests.json', cookies: { gk_session: 'anything' }, ...form({ api_key: 'nope-nope-nope', ...GOOD() }) });
    expect(r.statusCode).toBe(403);
    expect(r.headers['set-cookie']).toBeUndefined();
  });

  it('bad GET filters and unknown ids', async () => {
    const r = await app.inject({ method: 'GET', url: '/open311/v2/requests.json?start_date=yesterday&status=lost' });
    expect(r.statusCode).toBe(400);
    valid('errors', r.json());
    expect(r.json()).toHaveLength(2);
    const n = await app.inject({ method: 'GET', url: '/open311/v2/requests/20200101000001.json' });
    expect(n.statusCode).toBe(404);
    valid('errors', n.json());
    const t = await app.inject({ method: 'GET', url: '/open311/v2/tokens/no-such-token.json' });
    expect(t.statusCode).toBe(404);
    valid('errors', t.json());
  });

  it('a malformed body is a spec error, not the platform JSON', async () => {
    const r = await app.inject({ method: 'POST', url: '/open311/v2/requests.json', payload: '{"api_key":', headers: { 'content-type': 'application/json' } });
    expect(r.statusCode).toBe(400);
    valid('errors', r.json());
  });
});
