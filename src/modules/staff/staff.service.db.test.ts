import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.ts';
import { AttemptThrottle } from '../../platform/auth/throttle.ts';
import type { Database } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/errors.ts';
import { createTestDatabase } from '../../platform/db/testing.ts';
import { createTestAgency } from '../agencies/agencies.testing.ts';
import { DEFAULT_STAFF_SETTINGS, type StaffSettings } from './staff.config.ts';
import { createStaffService, type StaffService } from './staff.service.ts';
import { sessions, users } from './staff.tables.ts';
import { createTestUser } from './staff.testing.ts';

let database: Database;
let now = new Date('2025-03-03T02:00:00Z');
const clock = () => now;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

function service(overrides: Partial<StaffSettings['signIn']> = {}): StaffService {
  const settings: StaffSettings = { ...DEFAULT_STAFF_SETTINGS, signIn: { ...DEFAULT_STAFF_SETTINGS.signIn, perIp: 1000, perUsername: 1000, ...overrides } };
  return createStaffService({ db: database.db, settings, clock, throttle: new AttemptThrottle() });
}

async function catchError(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}

async function auditActions(entityId: string): Promise<string[]> {
  const r = await database.db.execute<{ action: string }>(sql`SELECT action FROM audit_log WHERE entity_id = ${entityId} ORDER BY id`);
  return r.rows.map((x) => x.action);
}

async function counts(): Promise<{ users: number; grants: number; audit: number }> {
  const r = await database.db.execute<{ users: number; grants: number; audit: number }>(
    sql`SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM role_grants)::int AS grants, (SELECT count(*) FROM audit_log)::int AS audit`,
  );
  const row = r.rows[0];
  if (!row) throw new Error('no counts');
  return row;
}

async function tree() {
  const city = await createTestAgency(database.db, { kind: 'government' });
  const district = await createTestAgency(database.db, { parentId: city.id, kind: 'government' });
  const dept = await createTestAgency(database.db, { parentId: district.id });
  const other = await createTestAgency(database.db, { parentId: city.id });
  return { city, district, dept, other };
}

function actorOf(u: { id: string; username: string; name: string }, grants: Actor['grants']): Actor {
  return { userId: u.id, username: u.username, name: u.name, grants };
}

describe('signIn', () => {
  it('signs in, resets the failure count, records the sign-in and ends the previous session', async () => {
    const { city } = await tree();
    const user = await createTestUser(database.db, { grants: [{ role: 'office', agencyId: city.id, includeSubtree: true }] });
    const staff = service();
    await expect(staff.signIn({ username: user.username, password: 'wrong-password', ip: '10.0.0.1' })).rejects.toThrow('用户名或密码错误');
    const first = await staff.signIn({ username: ` ${user.username.toUpperCase()} `, password: user.password, ip: '10.0.0.1' });
    expect(first.actor.grants).toEqual([{ role: 'office', agencyId: city.id, includeSubtree: true }]);
    const second = await staff.signIn({ username: user.username, password: user.password, ip: '10.0.0.1', previousSessionId: first.sessionId });
    expect(second.sessionId).not.toBe(first.sessionId);
    expect(await staff.sessions.load(first.sessionId)).toBeNull();
    expect((await staff.sessions.load(second.sessionId))?.userId).toBe(user.id);
    const row = (await database.db.select().from(users).where(eq(users.id, user.id)))[0];
    expect(row?.failedAttempts).toBe(0);
    expect(row?.lastSignInAt?.getTime()).toBe(now.getTime());
    expect(await auditActions(user.id)).toEqual(['session.sign_in_failed', 'session.sign_in', 'session.sign_in']);
  });

  it('gives the same answer for an unknown user and a wrong password (no enumeration), and audits both', async () => {
    const { city } = await tree();
    const user = await createTestUser(database.db, { grants: [{ role: 'editor', agencyId: city.id, includeSubtree: false }] });
    const staff = service();
    const unknown = await catchError(staff.signIn({ username: 'no-such-user', password: 'x', ip: '10.0.0.2' }));
    const wrong = await catchError(staff.signIn({ username: user.username, password: 'x', ip: '10.0.0.2' }));
    expect(unknown.code).toBe('UNAUTHENTICATED');
    expect(wrong.code).toBe('UNAUTHENTICATED');
    expect(unknown.message).toBe(wrong.message);
    expect(unknown.message).toBe('用户名或密码错误。');
    const r = await database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'session.sign_in_failed' AND after->>'username' = 'no-such-user'`);
    expect(r.rows[0]?.n).toBe(1);
  });

  it('refuses empty fields as bad input', async () => {
    const err = await catchError(service().signIn({ username: '', password: '', ip: '10.0.0.3' }));
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.fields.map((f) => f.field).sort()).toEqual(['password', 'username']);
  });

  it('locks the account after 5 consecutive failures for 15 minutes, then lets the right password in', async () => {
    const { city } = await tree();
    const user = await createTestUser(database.db, { grants: [{ role: 'editor', agencyId: city.id, includeSubtree: false }] });
    const staff = service();
    now = new Date('2025-03-03T02:00:00Z');
    for (let i = 1; i <= 4; i++) expect((await catchError(staff.signIn({ username: user.username, password: `bad-${i}`, ip: '10.0.0.4' }))).code).toBe('UNAUTHENTICATED');
    const locked = await catchError(staff.signIn({ username: user.username, password: 'bad-5', ip: '10.0.0.4' }));
    expect(locked.code).toBe('LOCKED');
    expect(locked.message).toContain('已被锁定');
    expect(locked.message).toContain('2025-03-03 10:15'); // Asia/Shanghai
    // the right password does not open a locked account
    expect((await catchError(staff.signIn({ username: user.username, password: user.password, ip: '10.0.0.4' }))).code).toBe('LOCKED');
    now = new Date('2025-03-03T02:15:01Z');
    const ok = await staff.signIn({ username: user.username, password: user.password, ip: '10.0.0.4' });
    expect(ok.actor.userId).toBe(user.id);
    const actions = await auditActions(user.id);
    expect(actions.filter((a) => a === 'user.lock')).toHaveLength(1);
    expect(actions.at(-1)).toBe('session.sign_in');
  });

  it('rate-limits per username and per address with a Chinese message', async () => {
    const { city } = await tree();
    const user = await createTestUser(database.db, { grants: [{ role: 'editor', agencyId: city.id, includeSubtree: false }] });
    const staff = service({ perUsername: 3, perIp: 5, maxFailures: 100 });
    for (let i = 0; i < 3; i++) await catchError(staff.signIn({ username: user.username, password: 'bad', ip: `10.1.0.${i}` }));
    const byUser = await catchError(staff.signIn({ username: user.username, password: user.password, ip: '10.1.0.9' }));
    expect(byUser.code).toBe('RATE_LIMITED');
    expect(byUser.message).toContain('登录尝试过于频繁');
    for (let i = 0; i < 5; i++) await catchError(staff.signIn({ username: `someone${i}`, password: 'bad', ip: '10.2.0.1' }));
    expect((await catchError(staff.signIn({ username: 'someone-else', password: 'bad', ip: '10.2.0.1' }))).code).toBe('RATE_LIMITED');
  });

  it('refuses a disabled account once the password is right', async () => {
    const { city } = await tree();
    const user = await createTestUser(database.db, { grants: [{ role: 'editor', agencyId: city.id, includeSubtree: false }] });
    await database.db.update(users).set({ disabledAt: now }).where(eq(users.id, user.id));
    const staff = service();
    expect((await catchError(staff.signIn({ username: user.username, password: 'nope', ip: '10.0.0.5' }))).code).toBe('UNAUTHENTICATED');
    const err = await catchError(staff.signIn({ username: user.username, password: user.password, ip: '10.0.0.5' }));
    expect(err.code).toBe('FORBIDDEN');
    expect(err.message).toContain('已停用');
  });

  it('signOut deletes the session and records it', async () => {
    const { city } = await tree();
    const user = await createTestUser(database.db, { grants: [{ role: 'editor', agencyId: city.id, includeSubtree: false }] });
    const staff = service();
    const s = await staff.signIn({ username: user.username, password: user.password, ip: '10.0.0.6' });
    await staff.signOut(s.sessionId, s.actor);
    expect(await staff.sessions.load(s.sessionId)).toBeNull();
    expect(await database.db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
    expect((await auditActions(user.id)).at(-1)).toBe('session.sign_out');
  });
});

describe('user management', () => {
  async function adminAt(agencyId: string, includeSubtree: boolean): Promise<Actor> {
    const u = await createTestUser(database.db, { grants: [{ role: 'admin', agencyId, includeSubtree }] });
    return actorOf(u, [{ role: 'admin', agencyId, includeSubtree }]);
  }

  it('creates a user with a role, hashed password and an audit row', async () => {
    const t = await tree();
    const admin = await adminAt(t.city.id, true);
    const staff = service();
    const created = await staff.createUser(admin, { username: 'Zhang.Wei', name: ' 张伟 ', password: 'Chongqing-2025', role: 'editor', agencyId: t.dept.id, includeSubtree: false });
    expect(created.username).toBe('zhang.wei');
    expect(created.name).toBe('张伟');
    expect(created.grants.map((g) => [g.role, g.agencyName])).toEqual([['editor', t.dept.name]]);
    const row = (await database.db.select().from(users).where(eq(users.id, created.id)))[0];
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await auditActions(created.id)).toEqual(['user.create']);
    const audit = await database.db.execute<{ after: unknown }>(sql`SELECT after FROM audit_log WHERE entity_id = ${created.id}`);
    expect(JSON.stringify(audit.rows[0]?.after)).not.toContain('argon2');
  });

  it.each([
    ['duplicate username', { username: 'dup-user' }, 'username', '已被使用'],
    ['weak password', { password: 'short' }, 'password', '至少 10 个字符'],
    ['unknown agency', { agencyId: '00000000-0000-4000-8000-000000000000' }, 'agencyId', '不存在'],
    ['over-long name', { name: '张'.repeat(51) }, 'name', '不能超过 50 个字符'],
    ['malformed username', { username: '张三' }, 'username', '小写字母'],
    ['unknown role', { role: 'boss' }, 'role', '不是允许的选项'],
  ])('refuses a %s and writes nothing', async (_label, override, field, message) => {
    const t = await tree();
    const admin = await adminAt(t.city.id, true);
    const staff = service();
    const existing = await createTestUser(database.db, { grants: [{ role: 'editor', agencyId: t.dept.id, includeSubtree: false }] });
    const input = { username: `new-${Math.random().toString(36).slice(2, 8)}`, name: '李四', password: 'Chongqing-2025', role: 'editor', agencyId: t.dept.id, includeSubtree: false, ...override };
    if (input.username === 'dup-user') input.username = existing.username;
    const before = await counts();
    const err = await catchError(staff.createUser(admin, input));
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.status).toBe(400);
    const f = err.fields.find((x) => x.field === field);
    expect(f?.message).toContain(message);
    expect(await counts()).toEqual(before);
  });

  it('keeps admins within their scope: no grants outside it, no subtree beyond their own', async () => {
    const t = await tree();
    const districtAdmin = await adminAt(t.district.id, false);
    const staff = service();
    const base = { name: '王五', password: 'Chongqing-2025', role: 'editor' };
    const before = await counts();
    expect((await catchError(staff.createUser(districtAdmin, { ...base, username: 'w5-a', agencyId: t.dept.id, includeSubtree: false }))).code).toBe('FORBIDDEN');
    expect((await catchError(staff.createUser(districtAdmin, { ...base, username: 'w5-b', agencyId: t.other.id, includeSubtree: false }))).code).toBe('FORBIDDEN');
    expect((await catchError(staff.createUser(districtAdmin, { ...base, username: 'w5-c', agencyId: t.district.id, includeSubtree: true }))).code).toBe('FORBIDDEN');
    expect(await counts()).toEqual(before);
    const ok = await staff.createUser(districtAdmin, { ...base, username: 'w5-d', agencyId: t.district.id, includeSubtree: false });
    expect(ok.manageable).toBe(true);
  });

  it('lists only users in scope, and refuses non-admins', async () => {
    const t = await tree();
    const districtAdmin = await adminAt(t.district.id, true);
    const inDept = await createTestUser(database.db, { grants: [{ role: 'editor', agencyId: t.dept.id, includeSubtree: false }] });
    const elsewhere = await createTestUser(database.db, { grants: [{ role: 'editor', agencyId: t.other.id, includeSubtree: false }] });
    const staff = service();
    const ids = (await staff.listUsers(districtAdmin)).map((u) => u.id);
    expect(ids).toContain(inDept.id);
    expect(ids).toContain(districtAdmin.userId);
    expect(ids).not.toContain(elsewhere.id);
    expect((await catchError(staff.getUser(districtAdmin, elsewhere.id))).code).toBe('FORBIDDEN');
    const editor = actorOf(inDept, [{ role: 'editor', agencyId: t.dept.id, includeSubtree: false }]);
    expect((await catchError(staff.listUsers(editor))).code).toBe('FORBIDDEN');
    expect((await catchError(staff.disableUser(editor, elsewhere.id, { version: 1 }))).code).toBe('FORBIDDEN');
  });

  it('disables (ending sessions), enables, unlocks, and refuses stale versions and oneself', async () => {
    const t = await tree();
    const admin = await adminAt(t.city.id, true);
    const staff = service();
    const target = await createTestUser(database.db, { grants: [{ role: 'editor', agencyId: t.dept.id, includeSubtree: false }] });
    const s = await staff.signIn({ username: target.username, password: target.password, ip: '10.0.0.7' });
    await staff.disableUser(admin, target.id, { version: 1 });
    expect(await staff.sessions.load(s.sessionId)).toBeNull();
    expect((await staff.getUser(admin, target.id)).status).toBe('disabled');
    expect((await catchError(staff.disableUser(admin, target.id, { version: 2 }))).code).toBe('ILLEGAL_TRANSITION');
    expect((await catchError(staff.enableUser(admin, target.id, { version: 1 }))).code).toBe('STALE_RECORD');
    await staff.enableUser(admin, target.id, { version: 2 });
    await database.db.update(users).set({ lockedUntil: new Date(now.getTime() + 600_000) }).where(eq(users.id, target.id));
    expect((await staff.getUser(admin, target.id)).status).toBe('locked');
    await staff.unlockUser(admin, target.id, { version: 3 });
    expect((await staff.getUser(admin, target.id)).status).toBe('active');
    expect((await catchError(staff.disableUser(admin, admin.userId, { version: 1 }))).code).toBe('FORBIDDEN');
    expect(await auditActions(target.id)).toEqual(expect.arrayContaining(['user.disable', 'user.enable', 'user.unlock']));
  });

  it('adds and removes grants but never the last one', async () => {
    const t = await tree();
    const admin = await adminAt(t.city.id, true);
    const staff = service();
    const target = await createTestUser(database.db, { grants: [{ role: 'editor', agencyId: t.dept.id, includeSubtree: false }] });
    await staff.addGrant(admin, target.id, { role: 'reviewer', agencyId: t.dept.id, includeSubtree: false, version: 1 });
    const dupe = await catchError(staff.addGrant(admin, target.id, { role: 'reviewer', agencyId: t.dept.id, includeSubtree: false, version: 2 }));
    expect(dupe.code).toBe('VALIDATION_FAILED');
    const user = await staff.getUser(admin, target.id);
    expect(user.grants.map((g) => g.role).sort()).toEqual(['editor', 'reviewer']);
    const [first, second] = user.grants;
    if (!first || !second) throw new Error('two grants expected');
    await staff.removeGrant(admin, target.id, first.id, { version: user.version });
    expect((await catchError(staff.removeGrant(admin, target.id, second.id, { version: user.version + 1 }))).code).toBe('CONFLICT');
  });

  it('resets a password, refusing a weak one, and ends the sessions', async () => {
    const t = await tree();
    const admin = await adminAt(t.city.id, true);
    const staff = service();
    const target = await createTestUser(database.db, { grants: [{ role: 'editor', agencyId: t.dept.id, includeSubtree: false }] });
    const s = await staff.signIn({ username: target.username, password: target.password, ip: '10.0.0.8' });
    expect((await catchError(staff.resetPassword(admin, target.id, { password: 'aaaaaaaaaaaa', version: 1 }))).fields[0]?.field).toBe('password');
    await staff.resetPassword(admin, target.id, { password: 'New-password-2025', version: 1 });
    expect(await staff.sessions.load(s.sessionId)).toBeNull();
    expect((await staff.signIn({ username: target.username, password: 'New-password-2025', ip: '10.0.0.8' })).actor.userId).toBe(target.id);
  });
});
