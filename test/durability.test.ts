// A record the server acknowledged survives SIGKILL: on the embedded database and on PostgreSQL.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { startChildServer, type ChildServer } from './support/child-server.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

class Browser {
  cookies = new Map<string, string>();
  constructor(readonly base: string) {}
  private header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  private keep(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, ...v] = (pair ?? '').split('=');
      if (k) this.cookies.set(k.trim(), v.join('='));
    }
  }
  async get(p: string): Promise<Response> {
    const res = await fetch(this.base + p, { headers: { cookie: this.header() }, redirect: 'manual' });
    this.keep(res);
    return res;
  }
  async post(p: string, form: Record<string, string>): Promise<Response> {
    const res = await fetch(this.base + p, { method: 'POST', body: new URLSearchParams(form), headers: { cookie: this.header(), 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
    this.keep(res);
    return res;
  }
  async csrfFrom(p: string): Promise<string> {
    const html = await (await this.get(p)).text();
    const m = /name="_csrf" value="([^"]+)"/.exec(html);
    if (!m?.[1]) throw new Error(`no CSRF token on ${p}`);
    return m[1];
  }
}

async function createAgencies(server: ChildServer, count: number, prefix: string): Promise<string[]> {
  const b = new Browser(server.url);
  const login = await b.post('/console/login', { username: 'admin', password: 'gongkai-demo', next: '/console', _csrf: await b.csrfFrom('/console/login') });
  expect(login.status).toBe(303);
  const parent = (await (await fetch(`${server.url}/api/v1/agencies/cq`)).json()) as { code: string };
  expect(parent.code).toBe('cq');
  const list = await (await b.get('/console/agencies/new?parent=cq')).text();
  const parentId = /<option value="([0-9a-f-]{36})"[^>]*>[^<]*重庆市人民政府</.exec(list)?.[1];
  expect(parentId).toBeTruthy();
  const csrf = await b.csrfFrom('/console/agencies/new');
  const codes: string[] = [];
  for (let i = 0; i < count; i++) {
    const code = `${prefix}-${i}`;
    const res = await b.post('/console/agencies', {
      _csrf: csrf,
      code,
      parentId: parentId ?? '',
      name: `耐久性测试机关${prefix}${i}`,
      shortName: `测试${i}`,
      kind: 'department',
      divisionCode: '500000',
      creditCode: creditCode(i, prefix),
      isDemo: 'on',
      docPrefix: '',
      sortOrder: '900',
      fourEyes: 'on',
      officeName: '办公室',
      officeAddress: '重庆市渝北区人和街道',
      officeHours: '工作日 9:00—17:00',
      officePhone: '023-63899999',
      officeFax: '',
      officeEmail: '',
    });
    expect(res.status, await res.clone().text().then((t) => (t.match(/<a href="#field-[^"]+">[^<]*/g) ?? []).join(' | ') || t.slice(0, 300))).toBe(303);
    codes.push(code);
  }
  return codes;
}

// checksum-valid demo credit codes, distinct per test run
const ALPHA = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
function creditCode(i: number, prefix: string): string {
  // 2 + 6 + 2 + 7 = the 17 characters before the check character
  const tail = (parseInt(prefix.replace(/[^0-9a-f]/g, '').slice(0, 6) || '0', 16) % 1000).toString().padStart(3, '0') + i.toString().padStart(4, '0');
  const body = `11500000MB${tail}`;
  const sum = [...body].reduce((t, c, k) => t + ALPHA.indexOf(c) * (W[k] ?? 0), 0);
  return body + ALPHA[(31 - (sum % 31)) % 31];
}

async function proveDurable(env: Record<string, string | undefined>): Promise<void> {
  const prefix = `d${randomBytes(3).toString('hex')}`;
  const first = await startChildServer(env);
  const codes = await createAgencies(first, 12, prefix);
  first.proc.kill('SIGKILL');
  await first.exited;
  const second = await startChildServer(env);
  try {
    const body = (await (await fetch(`${second.url}/api/v1/agencies`)).json()) as { items: { code: string }[] };
    const present = new Set(body.items.map((a) => a.code));
    expect(codes.filter((c) => !present.has(c))).toEqual([]);
  } finally {
    second.proc.kill('SIGTERM');
    await second.exited;
  }
}

// Like every database test, this runs on the embedded database, or on PostgreSQL when DATABASE_URL is set (CI runs both).
const adminUrl = process.env.DATABASE_URL;

it(`keeps every acknowledged write across SIGKILL (${adminUrl ? 'PostgreSQL' : 'embedded PGlite'})`, async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gk-dur-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  if (!adminUrl) {
    await proveDurable({ DATA_DIR: dir, DATABASE_URL: undefined });
    return;
  }
  const name = `gk_dur_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  cleanups.push(async () => {
    const d = new pg.Client({ connectionString: adminUrl });
    await d.connect();
    await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await d.end();
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await proveDurable({ DATA_DIR: dir, DATABASE_URL: url.toString() });
}, 240_000);
