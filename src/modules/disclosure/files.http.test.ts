// GET /files/<id>: the attachment download the public item page links to.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp, type App } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createDeps, type Deps } from '../../deps.ts';
import type { Database } from '../../platform/db/database.ts';
import { createTestDatabase } from '../../platform/db/testing.ts';
import { createTestItem, testPng } from './items.testing.ts';

let database: Database;
let deps: Deps;
let app: App;

beforeAll(async () => {
  database = await createTestDatabase();
  deps = createDeps(loadConfig({ NODE_ENV: 'test', DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'gk-files-')) }), database);
  app = await buildApp(deps, { logger: false });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

it('serves a published item’s attachment to anyone, and nothing for a draft, an unknown id or a malformed one', async () => {
  const t = await createTestItem(database.db, { service: deps.items });
  const png = await deps.items.addAttachment(t.editor, t.revision.id, { filename: '示意图.png', bytes: testPng() });
  expect((await app.inject(`/files/${png.id}`)).statusCode).toBe(404);

  await deps.items.confirmAttachmentPrivacy(t.reviewer, png.id);
  const s = await deps.items.submit(t.editor, t.revision.id, t.revision.version);
  const r = await deps.items.confirmSecrecyReview(t.reviewer, s.id, s.version);
  const published = await deps.items.publish(t.reviewer, r.id, r.version);
  expect(published.ok).toBe(true);

  const res = await app.inject(`/files/${png.id}`);
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe('image/png');
  expect(res.headers['content-disposition']).toContain(encodeURIComponent('示意图.png'));
  expect(res.rawPayload.equals(testPng())).toBe(true);
  expect((await app.inject('/files/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  expect((await app.inject('/files/..%2F..%2Fetc%2Fpasswd')).statusCode).toBe(404);
});
