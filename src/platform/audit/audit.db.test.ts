import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { createTestDatabase } from '../db/testing.ts';
import { canonicalJson, recordAudit, verifyAuditChain } from './audit.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const system = { system: 'test' };

describe('the audit log', () => {
  it('chains rows written in transactions and verifies them', async () => {
    for (let i = 0; i < 5; i++) {
      await database.db.transaction(async (tx) => {
        await recordAudit(tx, { actor: system, action: 'probe.write', entityType: 'probe', entityId: String(i), before: i ? { n: i - 1, z: { b: 1, a: [1, 'x'] } } : null, after: { n: i, 名称: '测试' } });
      });
    }
    // concurrent writers never fork the chain
    await Promise.all(
      Array.from({ length: 8 }, (_, i) => database.db.transaction((tx) => recordAudit(tx, { actor: system, action: 'probe.parallel', entityType: 'probe', entityId: `p${i}` }))),
    );
    expect(await verifyAuditChain(database.db)).toEqual({ ok: true, rows: 13 });
  });

  it('drops the row when its transaction rolls back', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await recordAudit(tx, { actor: system, action: 'probe.rolled_back', entityType: 'probe' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const r = await database.db.execute(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'probe.rolled_back'`);
    expect(r.rows[0]?.n).toBe(0);
  });

  it('is refused UPDATE and DELETE by the database itself', async () => {
    await expect(database.pool.query("UPDATE audit_log SET action = 'probe.tampered' WHERE id = 1")).rejects.toThrow(/只能追加/);
    await expect(database.pool.query('DELETE FROM audit_log WHERE id = 1')).rejects.toThrow(/只能追加/);
    await expect(database.pool.query('TRUNCATE audit_log')).rejects.toThrow(/只能追加/);
  });

  it('rejects a malformed action name', async () => {
    await expect(database.db.transaction((tx) => recordAudit(tx, { actor: system, action: 'Bad Action', entityType: 'probe' }))).rejects.toThrow();
  });

  it('reports the first broken link when a row is edited behind the app', async () => {
    // someone with owner rights disables the guard and edits history
    await database.pool.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
    await database.pool.query(`UPDATE audit_log SET after = '{"n": 99}'::jsonb WHERE id = 3`);
    await database.pool.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
    const result = await verifyAuditChain(database.db);
    expect(result).toMatchObject({ ok: false, brokenAt: 3 });
  });
});

describe('canonical JSON', () => {
  it('sorts keys at every level and ignores undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 2 }], c: undefined } })).toBe('{"a":{"d":[2,{"x":2,"y":1}]},"b":1}');
  });
});
