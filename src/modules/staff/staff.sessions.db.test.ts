import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../platform/db/database.ts';
import { createTestDatabase } from '../../platform/db/testing.ts';
import { createTestAgency } from '../agencies/agencies.testing.ts';
import { DEFAULT_STAFF_SETTINGS } from './staff.config.ts';
import { createSessionStore, endSession, hashSessionId, sessionExpiry, startSession } from './staff.sessions.ts';
import { sessions, users } from './staff.tables.ts';
import { createTestUser } from './staff.testing.ts';

let database: Database;
const S = DEFAULT_STAFF_SETTINGS.session; // 8 h idle, 7 d max
const HOUR = 3_600_000;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

async function userWithGrant() {
  const agency = await createTestAgency(database.db);
  const user = await createTestUser(database.db, { grants: [{ role: 'editor', agencyId: agency.id, includeSubtree: false }] });
  return { agency, user };
}

describe('sessionExpiry', () => {
  it('slides with use but never passes the absolute limit', () => {
    const created = new Date('2025-03-03T01:00:00Z');
    expect(sessionExpiry(created, created, S).getTime() - created.getTime()).toBe(8 * HOUR);
    const late = new Date(created.getTime() + 7 * 24 * HOUR - HOUR);
    expect(sessionExpiry(created, late, S).getTime()).toBe(created.getTime() + 7 * 24 * HOUR);
  });
});

describe('database session store', () => {
  it('stores only the SHA-256 of the session id and loads the actor with grants', async () => {
    const { agency, user } = await userWithGrant();
    const now = new Date();
    const sid = await startSession(database.db, user.id, S, now);
    const rows = await database.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.idHash).toBe(createHash('sha256').update(sid).digest('hex'));
    const raw = await database.db.execute(sql`SELECT count(*)::int AS n FROM sessions WHERE id_hash = ${sid} OR ip = ${sid} OR user_agent = ${sid}`);
    expect(raw.rows[0]?.n).toBe(0);
    const actor = await createSessionStore(database.db, S, () => now).load(sid);
    // createTestAgency makes a top-level agency, so the grant is held at a root
    expect(actor).toEqual({ userId: user.id, username: user.username, name: user.name, grants: [{ role: 'editor', agencyId: agency.id, includeSubtree: false, agencyIsRoot: true }] });
  });

  it('expires after the idle time without requests', async () => {
    const { user } = await userWithGrant();
    const t0 = new Date('2025-03-03T01:00:00Z');
    const sid = await startSession(database.db, user.id, S, t0);
    expect(await createSessionStore(database.db, S, () => new Date(t0.getTime() + 8 * HOUR - 60_000)).load(sid)).not.toBeNull();
    // that load slid the expiry; a fresh session left alone dies at 8 h
    const sid2 = await startSession(database.db, user.id, S, t0);
    expect(await createSessionStore(database.db, S, () => new Date(t0.getTime() + 8 * HOUR + 1)).load(sid2)).toBeNull();
  });

  it('slides while used, and ends at the absolute limit even when used', async () => {
    const { user } = await userWithGrant();
    const t0 = new Date('2025-03-03T01:00:00Z');
    const sid = await startSession(database.db, user.id, S, t0);
    let t = t0.getTime();
    // a request every 7 hours keeps it alive up to 7 days
    while (t + 7 * HOUR < t0.getTime() + 7 * 24 * HOUR) {
      t += 7 * HOUR;
      expect(await createSessionStore(database.db, S, () => new Date(t)).load(sid)).not.toBeNull();
    }
    expect(await createSessionStore(database.db, S, () => new Date(t0.getTime() + 7 * 24 * HOUR + 1)).load(sid)).toBeNull();
  });

  it('does not write on every request (last_seen_at is touched at most once a minute)', async () => {
    const { user } = await userWithGrant();
    const t0 = new Date('2025-03-03T01:00:00Z');
    const sid = await startSession(database.db, user.id, S, t0);
    await createSessionStore(database.db, S, () => new Date(t0.getTime() + 30_000)).load(sid);
    let row = (await database.db.select().from(sessions).where(eq(sessions.idHash, hashSessionId(sid))))[0];
    expect(row?.lastSeenAt.getTime()).toBe(t0.getTime());
    await createSessionStore(database.db, S, () => new Date(t0.getTime() + 90_000)).load(sid);
    row = (await database.db.select().from(sessions).where(eq(sessions.idHash, hashSessionId(sid))))[0];
    expect(row?.lastSeenAt.getTime()).toBe(t0.getTime() + 90_000);
  });

  it('refuses a disabled user, an ended session and malformed ids', async () => {
    const { user } = await userWithGrant();
    const now = new Date();
    const store = createSessionStore(database.db, S, () => now);
    const sid = await startSession(database.db, user.id, S, now);
    const other = await startSession(database.db, user.id, S, now);
    expect(await endSession(database.db, other)).toEqual({ userId: user.id });
    expect(await store.load(other)).toBeNull();
    await database.db.update(users).set({ disabledAt: now }).where(eq(users.id, user.id));
    expect(await store.load(sid)).toBeNull();
    expect(await store.load('')).toBeNull();
    expect(await store.load("' OR 1=1 --")).toBeNull();
    expect(await store.load(hashSessionId(sid))).toBeNull();
  });
});
