import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../platform/db/testing.ts';
import type { Database } from '../../platform/db/database.ts';
import { isAppError } from '../../platform/http/errors.ts';
import { createTestAgency } from '../agencies/agencies.testing.ts';
import { createApiKeyService, hashApiKey, type ApiKeyService } from './api-keys.service.ts';
import { createTestStaff } from './tickets.testing.ts';

let database: Database;
let keys: ApiKeyService;

beforeAll(async () => {
  database = await createTestDatabase();
  keys = createApiKeyService({ db: database.db });
});
afterAll(async () => database?.close());

const codeOf = (p: Promise<unknown>) => p.then(() => 'OK', (e: unknown) => (isAppError(e) ? e.code : 'ERR'));

describe('API keys', () => {
  it('an admin issues a key shown once and stored hashed; revoking stops it at once; both audited', async () => {
    const admin = await createTestStaff(database.db, 'admin', await createTestAgency(database.db));
    const { client, key } = await keys.issue(admin, { name: '某区小程序', channel: 'miniprogram' });
    expect(key).toMatch(/^gk_[A-Za-z0-9_-]{32}$/);
    const stored = await database.db.execute<{ key_hash: string }>(sql`SELECT key_hash FROM hotline_api_clients WHERE id = ${client.id}`);
    expect(stored.rows[0]?.key_hash).toBe(hashApiKey(key));
    expect(JSON.stringify(client)).not.toContain(key);
    expect(await keys.authenticate(key)).toMatchObject({ id: client.id, channel: 'miniprogram' });
    await keys.revoke(admin, client.id, '客户端停止服务');
    expect(await keys.authenticate(key)).toBeNull();
    expect((await keys.list(admin)).find((c) => c.id === client.id)?.revokeReason).toBe('客户端停止服务');
    const audit = await database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = ${client.id}`);
    expect(audit.rows[0]?.n).toBe(2);
  });

  it('refuses non-admins, bad input and unknown clients; nothing is written', async () => {
    const agency = await createTestAgency(database.db);
    const agent = await createTestStaff(database.db, 'agent', agency);
    const admin = await createTestStaff(database.db, 'admin', agency);
    const before = await database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM hotline_api_clients`);
    expect(await codeOf(keys.issue(agent, { name: '某应用' }))).toBe('FORBIDDEN');
    expect(await codeOf(keys.list(agent))).toBe('FORBIDDEN');
    const e = await keys.issue(admin, { name: 'x', channel: 'fax' }).catch((x: unknown) => x);
    expect(isAppError(e) && e.fields.map((f) => f.field)).toEqual(['name', 'channel']);
    expect(await codeOf(keys.revoke(admin, '00000000-0000-4000-8000-000000000000', '停用'))).toBe('NOT_FOUND');
    expect(await codeOf(keys.revoke(admin, '00000000-0000-4000-8000-000000000000', ''))).toBe('VALIDATION_FAILED');
    const after = await database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM hotline_api_clients`);
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
  });
});
