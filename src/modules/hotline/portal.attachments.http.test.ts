// The web form's attachments (issue 7): up to 3 pictures or PDFs, checked by content and size with the other fields;
// a refused file writes nothing (no ticket, no file); stored files are listed and downloadable for staff only.
// The post is anonymous: its files together stay under PUBLIC_UPLOAD_MB (here a small limit set on the config).
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createDeps, type Deps } from '../../deps.ts';
import type { Role } from '../../platform/auth/actor.ts';
import type { Database } from '../../platform/db/database.ts';
import { createTestDatabase } from '../../platform/db/testing.ts';
import { createLocalFileStorage, sha256Hex } from '../../platform/storage/index.ts';
import { testPdf, testPng } from '../../platform/storage/testing.ts';
import type { Agency } from '../agencies/index.ts';
import { createTestAgency } from '../agencies/agencies.testing.ts';
import { signInAs } from '../staff/staff.testing.ts';

let database: Database;
let app: App;
let deps: Deps;
let dataDir = '';
let root: Agency;
let dept: Agency;
let otherDept: Agency;

type Upload = { name: string; type: string; bytes: Uint8Array };

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = mkdtempSync(path.join(tmpdir(), 'gk-hotline-files-'));
  // 1 MB per file; 64 KB for all the files of one post, so the total is tested without megabytes of data
  const config = { ...loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, MAX_UPLOAD_MB: '1' }), publicUploadBytes: 64 * 1024 };
  deps = createDeps(config, database);
  app = await buildApp(deps, { logger: false });
  root = await createTestAgency(database.db, { kind: 'government', name: '测试市人民政府' });
  await createTestAgency(database.db, { parentId: root.id, kind: 'government', name: '测试区人民政府', divisionCode: '500103' });
  dept = await createTestAgency(database.db, { parentId: root.id, shortName: '测试区城管局' });
  otherDept = await createTestAgency(database.db, { parentId: root.id, shortName: '测试区水务局' });
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

/** A refused post shows the form again: the error linked to the file field, the typed fields kept, a form token. */
function expectFormShownAgain(body: string): void {
  expect(body).toContain('href="#field-attachments"');
  expect(body).toContain('小区门口路灯坏了一个星期');
  expect(body).toContain('value="13800000009"');
  expect(body).toMatch(/name="formToken" value="[A-Za-z0-9_-]{16,64}"/);
}

async function session(): Promise<{ cookie: string; csrf: string; html: string; formToken: string }> {
  const r = await app.inject({ method: 'GET', url: '/hotline' });
  expect(r.statusCode).toBe(200);
  const set = r.headers['set-cookie'];
  return {
    cookie: (Array.isArray(set) ? set : [set ?? '']).map((c) => c.split(';')[0]).join('; '),
    csrf: /name="_csrf" value="([^"]+)"/.exec(r.body)?.[1] ?? '',
    formToken: /name="formToken" value="([^"]+)"/.exec(r.body)?.[1] ?? '',
    html: r.body,
  };
}

const FIELDS = { type: 'complaint', categoryCode: '010103', districtCode: '500103', address: '民族路 100 号', content: '小区门口路灯坏了一个星期，晚上很黑，照片见附件', contactPhone: '13800000009', confidentiality: 'standard' };

/** A multipart post of the web form as a browser sends it (an empty file part when no file is chosen). */
async function postForm(files: Upload[], fields: Record<string, string> = FIELDS, s?: Awaited<ReturnType<typeof session>>) {
  const from = s ?? (await session());
  const form = new FormData();
  form.append('_csrf', from.csrf);
  form.append('formToken', from.formToken);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (!files.length) form.append('attachments', new File([], ''), '');
  for (const f of files) form.append('attachments', new File([new Uint8Array(f.bytes)], f.name, { type: f.type }), f.name);
  const req = new Request('http://localhost/hotline', { method: 'POST', body: form });
  const payload = Buffer.from(await req.arrayBuffer());
  return app.inject({ method: 'POST', url: '/hotline', payload, headers: { 'content-type': req.headers.get('content-type') ?? '', cookie: from.cookie } });
}

async function count(table: 'tickets' | 'ticket_attachments'): Promise<number> {
  const r = await database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`);
  return Number(r.rows[0]?.n);
}

function storedFiles(): number {
  const dir = path.join(dataDir, 'files');
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
  } catch {
    return 0;
  }
}

const storage = () => createLocalFileStorage(path.join(dataDir, 'files'));

async function ticketByNumber(number: string): Promise<{ id: string }> {
  const r = await database.db.execute<{ id: string }>(sql`SELECT id FROM tickets WHERE number = ${number}`);
  return { id: String(r.rows[0]?.id) };
}

const staff = (role: Role, at: Agency) => signInAs(app, database.db, [{ role, agencyId: at.id, includeSubtree: false }]);

describe('the /hotline form with attachments', () => {
  let ticketId = '';
  let attachment: { id: string; bytes: Uint8Array } = { id: '', bytes: new Uint8Array() };
  let receipt = { number: '', code: '' };

  it('offers a labelled, optional file field in a multipart form with the hidden form token', async () => {
    const s = await session();
    expect(s.html).toContain('<form method="post" action="/hotline" enctype="multipart/form-data"');
    expect(s.html).toMatch(/<label for="field-attachments">图片或文件/);
    expect(s.html).toMatch(/<input id="field-attachments" name="attachments" type="file"[^>]* multiple/);
    expect(s.formToken).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    // the hint names the total (64 KB here); the per-file limit (1 MB) is above it, so it is not mentioned
    expect(s.html).toContain('PDF 文件，合计不超过 64 KB；');
    expect(s.html).not.toContain('每个不超过');
  });

  it('still takes the form without a file (an empty file part)', async () => {
    const before = await count('tickets');
    const r = await postForm([]);
    expect(r.statusCode).toBe(200);
    expect(r.body).toMatch(/id="receipt-number">\d{14}</);
    expect(await count('tickets')).toBe(before + 1);
  });

  it('stores a PNG and a PDF with the ticket (SHA-256, sniffed type); a double click adds nothing', async () => {
    const png = testPng();
    const pdf = await testPdf('lamp');
    const s = await session();
    const files = [
      { name: '路灯.png', type: 'image/png', bytes: png },
      { name: 'letter.pdf', type: 'application/pdf', bytes: pdf },
    ];
    const r = await postForm(files, FIELDS, s);
    expect(r.statusCode).toBe(200);
    const number = /id="receipt-number">(\d{14})</.exec(r.body)?.[1] as string;
    expect(number).toBeDefined();
    ticketId = (await ticketByNumber(number)).id;
    receipt = { number, code: /id="receipt-code">([A-Z0-9]{6})</.exec(r.body)?.[1] as string };
    const rows = await database.db.execute<{ id: string; filename: string; mime: string; sha256: string; storage_key: string; size_bytes: number }>(
      sql`SELECT id, filename, mime, sha256, storage_key, size_bytes FROM ticket_attachments WHERE ticket_id = ${ticketId} ORDER BY filename`,
    );
    expect(rows.rows.map((a) => [a.filename, a.mime, a.sha256, Number(a.size_bytes)])).toEqual([
      ['letter.pdf', 'application/pdf', sha256Hex(pdf), pdf.byteLength],
      ['路灯.png', 'image/png', sha256Hex(png), png.byteLength],
    ]);
    for (const a of rows.rows) expect(await storage().has(a.storage_key)).toBe(true);
    attachment = { id: String(rows.rows.find((a) => a.mime === 'image/png')?.id), bytes: png };

    // the same post again (a double click): the same receipt, no second ticket, no more attachments
    const before = await count('ticket_attachments');
    const again = await postForm(files, FIELDS, s);
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain(`id="receipt-number">${number}<`);
    expect(await count('ticket_attachments')).toBe(before);
  });

  it('refuses a .jpg that is really text: a Chinese field error, the typed fields kept, nothing written', async () => {
    const fake = new TextEncoder().encode('this is not a picture at all, only text '.repeat(20));
    const [tickets, attachments, files] = [await count('tickets'), await count('ticket_attachments'), storedFiles()];
    const r = await postForm([{ name: 'photo.jpg', type: 'image/jpeg', bytes: fake }]);
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('附件：“photo.jpg”的内容不是有效的JPEG 图片');
    expectFormShownAgain(r.body);
    expect([await count('tickets'), await count('ticket_attachments'), storedFiles()]).toEqual([tickets, attachments, files]);
    expect(await storage().has(sha256Hex(fake))).toBe(false);
  });

  it('refuses a type the form does not take (a GIF, a DOCX) and more than 3 files', async () => {
    const before = await count('tickets');
    const r = await postForm([{ name: 'a.docx', type: 'application/octet-stream', bytes: testPng() }]);
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('只能上传 JPG、PNG 图片或 PDF 文件');
    const four = [1, 2, 3, 4].map((i) => ({ name: `p${i}.png`, type: 'image/png', bytes: testPng() }));
    const r4 = await postForm(four);
    expect(r4.statusCode).toBe(400);
    expect(r4.body).toContain('附件：最多上传 3 个文件');
    expect(await count('tickets')).toBe(before);
  });

  it('refuses a file over config.maxUploadBytes with 413 and the form, nothing written', async () => {
    const big = Buffer.concat([testPng(), Buffer.alloc(deps.config.maxUploadBytes)]);
    const [tickets, attachments, files] = [await count('tickets'), await count('ticket_attachments'), storedFiles()];
    const r = await postForm([{ name: 'big.png', type: 'image/png', bytes: big }]);
    expect(r.statusCode).toBe(413);
    expect(r.body).toContain('附件：“big.png”超过 1 MB');
    expect(r.body).toContain('小区门口路灯坏了一个星期');
    expect([await count('tickets'), await count('ticket_attachments'), storedFiles()]).toEqual([tickets, attachments, files]);
    expect(await storage().has(sha256Hex(big))).toBe(false);
  });

  it('refuses files each under the per-file limit whose sum passes PUBLIC_UPLOAD_MB: 413, the limit named, the input kept, nothing written', async () => {
    const png = (kb: number) => Buffer.concat([testPng(), Buffer.alloc(kb * 1024)]);
    const two = [
      { name: '一.png', type: 'image/png', bytes: png(40) },
      { name: '二.png', type: 'image/png', bytes: png(40) },
    ];
    expect(two[0]!.bytes.byteLength).toBeLessThan(deps.config.maxUploadBytes);
    const [tickets, attachments, files] = [await count('tickets'), await count('ticket_attachments'), storedFiles()];
    const r = await postForm(two);
    expect(r.statusCode).toBe(413);
    expect(r.body).toContain('附件：所有文件合计 80 KB，超过了每次提交 64 KB 的上限，请减少或压缩文件');
    expectFormShownAgain(r.body);
    // one file alone over the total (and under its own limit) is refused the same way
    const one = await postForm([{ name: '大.png', type: 'image/png', bytes: png(100) }]);
    expect(one.statusCode).toBe(413);
    expect(one.body).toContain('附件：所有文件合计 100 KB，超过了每次提交 64 KB 的上限');
    expect([await count('tickets'), await count('ticket_attachments'), storedFiles()]).toEqual([tickets, attachments, files]);
    for (const f of two) expect(await storage().has(sha256Hex(f.bytes))).toBe(false);
  });

  it('takes files whose sum is under PUBLIC_UPLOAD_MB', async () => {
    const files = [
      { name: '近景.png', type: 'image/png', bytes: Buffer.concat([testPng(), Buffer.alloc(30 * 1024, 1)]) },
      { name: '远景.png', type: 'image/png', bytes: Buffer.concat([testPng(), Buffer.alloc(30 * 1024, 2)]) },
    ];
    const [tickets, attachments] = [await count('tickets'), await count('ticket_attachments')];
    const r = await postForm(files);
    expect(r.statusCode).toBe(200);
    expect(r.body).toMatch(/id="receipt-number">\d{14}</);
    expect([await count('tickets'), await count('ticket_attachments')]).toEqual([tickets + 1, attachments + 2]);
    for (const f of files) expect(await storage().has(sha256Hex(f.bytes))).toBe(true);
  });

  it('refuses a body larger than 3 files of the per-file limit before reading it (413), nothing written', async () => {
    const s = await session();
    const before = await count('tickets');
    const r = await app.inject({
      method: 'POST',
      url: '/hotline',
      payload: '--x\r\nContent-Disposition: form-data; name="content"\r\n\r\n诉求\r\n--x--\r\n',
      headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(3 * deps.config.maxUploadBytes + 512 * 1024), cookie: s.cookie },
    });
    expect(r.statusCode).toBe(413);
    expect(r.body).toContain('附件每个不能超过 1 MB，合计不能超过 64 KB');
    expect(await count('tickets')).toBe(before);
  });

  it('reports a bad file together with the other fields’ errors', async () => {
    const r = await postForm([{ name: 'x.pdf', type: 'application/pdf', bytes: testPng() }], { ...FIELDS, content: '' });
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('提交的内容有 2 处需要修改');
    expect(r.body).toContain('诉求内容：必须填写');
    expect(r.body).toContain('与扩展名 .pdf 不符');
  });

  it('lists the files on the staff ticket page and lets the center download them', async () => {
    const agent = await staff('agent', root);
    const page = await app.inject({ method: 'GET', url: `/console/hotline/tickets/${ticketId}`, headers: { cookie: agent.cookie } });
    expect(page.statusCode).toBe(200);
    const href = `/console/hotline/tickets/${ticketId}/attachments/${attachment.id}`;
    expect(page.body).toContain(`href="${href}"`);
    expect(page.body).toContain('路灯.png');
    const r = await app.inject({ method: 'GET', url: href, headers: { cookie: agent.cookie } });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('image/png');
    expect(String(r.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent('路灯.png')}`);
    expect(r.headers['cache-control']).toContain('no-store');
    expect(Buffer.compare(r.rawPayload, Buffer.from(attachment.bytes))).toBe(0);
    // under another ticket's address: not found
    const other = await app.inject({ method: 'GET', url: `/console/hotline/tickets/00000000-0000-4000-8000-000000000000/attachments/${attachment.id}`, headers: { cookie: agent.cookie } });
    expect(other.statusCode).toBe(404);
  });

  it('refuses staff without access to the ticket (403): another agency’s handler, then the lead agency’s after dispatch is fine', async () => {
    const href = `/console/hotline/tickets/${ticketId}/attachments/${attachment.id}`;
    const otherHandler = await staff('handler', otherDept);
    expect((await app.inject({ method: 'GET', url: href, headers: { cookie: otherHandler.cookie } })).statusCode).toBe(403);
    const editor = await staff('editor', dept);
    expect((await app.inject({ method: 'GET', url: href, headers: { cookie: editor.cookie } })).statusCode).toBe(403);
    const handler = await staff('handler', dept);
    expect((await app.inject({ method: 'GET', url: href, headers: { cookie: handler.cookie } })).statusCode).toBe(403);
    const agent = await staff('agent', root);
    await deps.hotline.transition(agent.actor, ticketId, 'accept', {});
    await deps.hotline.transition(agent.actor, ticketId, 'dispatch', { leadAgencyId: dept.id });
    expect((await app.inject({ method: 'GET', url: href, headers: { cookie: handler.cookie } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: href, headers: { cookie: otherHandler.cookie } })).statusCode).toBe(403);
  });

  it('never shows the files publicly: no download without signing in, nothing on /hotline/track or in Open311', async () => {
    const href = `/console/hotline/tickets/${ticketId}/attachments/${attachment.id}`;
    const anon = await app.inject({ method: 'GET', url: href });
    expect([200, 204]).not.toContain(anon.statusCode);
    expect(anon.rawPayload.includes(Buffer.from(attachment.bytes))).toBe(false);
    const number = receipt.number;
    const t = await app.inject({ method: 'GET', url: '/hotline/track' });
    const set = t.headers['set-cookie'];
    const cookie = (Array.isArray(set) ? set : [set ?? '']).map((c) => c.split(';')[0]).join('; ');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(t.body)?.[1] ?? '';
    const tracked = await app.inject({ method: 'POST', url: '/hotline/track', payload: new URLSearchParams({ _csrf: csrf, ...receipt }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie } });
    expect(tracked.statusCode).toBe(200);
    expect(tracked.body).toContain('id="track-stage">');
    for (const leak of ['路灯.png', 'letter.pdf', '/attachments/', sha256Hex(attachment.bytes)]) expect(tracked.body).not.toContain(leak);
    const open311 = await app.inject({ method: 'GET', url: `/open311/v2/requests/${number}.json` });
    expect(open311.body).not.toContain('路灯.png');
    expect(open311.body).not.toContain(sha256Hex(attachment.bytes));
    expect(open311.body).not.toContain('/attachments/');
    if (open311.statusCode === 200) expect(JSON.parse(open311.body)[0]?.media_url ?? null).toBeNull();
  });
});
