import type { Actor, AuditActor, RoleGrant } from '../../platform/auth/actor.ts';
import { AttemptThrottle } from '../../platform/auth/throttle.ts';
import { grantCovers, PLATFORM_ACTIONS, scopesForAction } from '../../platform/auth/policy.ts';
import { generatePassword, hashPassword, passwordProblem, verifyDecoy, verifyPassword } from '../../platform/auth/password.ts';
import { forbidden } from '../../platform/auth/guard.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { constraintOf, type Db, type Executor } from '../../platform/db/database.ts';
import { AppError, validationError, type FieldError, STALE_MESSAGE } from '../../platform/http/errors.ts';
import type { SessionStore } from '../../platform/http/session.ts';
import { validateInput } from '../../platform/http/validate.ts';
import { DEFAULT_STAFF_SETTINGS, type StaffSettings } from './staff.config.ts';
import {
  deleteExpiredSessions,
  deleteGrantById,
  deleteSessionsOfUser,
  findAgencyRef,
  findUserById,
  findUserByUsername,
  incrementFailedAttempts,
  insertGrants,
  insertUser,
  selectAgencyRefsInScope,
  selectGrantViews,
  selectUsersInScope,
  updateUserRow,
  updateUserSignInState,
  type AgencyRef,
  type GrantView,
  type UserRow,
} from './staff.repository.ts';
import { NewGrant, NewUser, PasswordReset, SignInInput, UserChanges, VersionOnly } from './staff.schema.ts';
import { createSessionStore, endSession, startSession, type Clock } from './staff.sessions.ts';

export type UserStatus = 'active' | 'locked' | 'disabled';
export const USER_STATUS_NAMES: Record<UserStatus, string> = { active: '正常', locked: '已锁定', disabled: '已停用' };

/** An account as the console shows it: never the password hash. */
export interface UserSummary {
  id: string;
  username: string;
  name: string;
  status: UserStatus;
  lockedUntil: Date | null;
  disabledAt: Date | null;
  lastSignInAt: Date | null;
  version: number;
  grants: GrantView[];
  /** whether the viewing admin may change this account (every grant within their scope, not themselves) */
  manageable: boolean;
}

export interface SignInRequest {
  username: unknown;
  password: unknown;
  ip: string;
  userAgent?: string | undefined;
  /** the session the browser held before, ended so the id is never reused (session fixation) */
  previousSessionId?: string | null | undefined;
}

const SIGN_IN_SYSTEM = { system: 'sign-in' } as const;
const BAD_CREDENTIALS = '用户名或密码错误。';

/** 2025-03-01 14:05 in Asia/Shanghai, for messages. */
export function formatShanghaiTime(d: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

function lockedError(until: Date, maxFailures: number): AppError {
  return new AppError('LOCKED', `该账号因连续 ${maxFailures} 次登录失败已被锁定，请于 ${formatShanghaiTime(until)} 后再试，或联系本单位系统管理员解锁。`, { until: until.toISOString(), fields: [{ field: 'username', message: `账号已锁定至 ${formatShanghaiTime(until)}` }] });
}

function statusOf(u: UserRow, now: Date): UserStatus {
  if (u.disabledAt) return 'disabled';
  if (u.lockedUntil && u.lockedUntil > now) return 'locked';
  return 'active';
}

/** What an audit row may show of a user: never the hash. */
function auditView(u: UserRow, grants?: readonly RoleGrant[]) {
  return { username: u.username, name: u.name, disabledAt: u.disabledAt, lockedUntil: u.lockedUntil, ...(grants ? { grants: grants.map((g) => ({ role: g.role, agencyId: g.agencyId, includeSubtree: g.includeSubtree })) } : {}) };
}

function trimmed(v: unknown): unknown {
  return typeof v === 'string' ? v.trim() : v;
}

function isSystem(a: AuditActor): a is { system: string } {
  return 'system' in a;
}

/**
 * An admin grant reaches a target grant when it covers the target's agency and, if the target
 * extends to the subtree, the admin grant does too (no one hands out more than they hold).
 */
function adminReaches(actor: Actor, target: { agencyId: string; agencyAncestors: readonly string[]; includeSubtree: boolean }): boolean {
  return actor.grants.some((a) => (PLATFORM_ACTIONS['user.manage'] as readonly string[]).includes(a.role) && grantCovers(a, target) && (!target.includeSubtree || a.includeSubtree));
}

export interface StaffServiceOptions {
  db: Db;
  settings?: StaffSettings;
  clock?: Clock;
  throttle?: AttemptThrottle;
}

export type StaffService = ReturnType<typeof createStaffService>;

/** Accounts, roles, sign-in and sessions. Routes, the CLI and the seeder all go through here. */
export function createStaffService(opts: StaffServiceOptions) {
  const { db } = opts;
  const settings = opts.settings ?? DEFAULT_STAFF_SETTINGS;
  const clock = opts.clock ?? (() => new Date());
  const throttle = opts.throttle ?? new AttemptThrottle();
  const sessions: SessionStore = createSessionStore(db, settings.session, clock);

  function requireUserManager(actor: AuditActor): void {
    if (isSystem(actor)) return;
    if (!scopesForAction(actor, 'user.manage').length) throw forbidden('只有系统管理员可以管理人员账号。');
  }

  function canManage(actor: AuditActor, user: UserRow, grants: readonly GrantView[]): boolean {
    if (isSystem(actor)) return true;
    if (actor.userId === user.id) return false;
    return grants.length > 0 && grants.every((g) => adminReaches(actor, g));
  }

  function summarize(actor: AuditActor, u: UserRow, grants: GrantView[]): UserSummary {
    return { id: u.id, username: u.username, name: u.name, status: statusOf(u, clock()), lockedUntil: u.lockedUntil, disabledAt: u.disabledAt, lastSignInAt: u.lastSignInAt, version: u.version, grants, manageable: canManage(actor, u, grants) };
  }

  /** The user with grants, visible to the actor (any grant in their scope); FORBIDDEN / NOT_FOUND otherwise. */
  async function loadVisibleUser(ex: Executor, actor: AuditActor, id: string): Promise<{ user: UserRow; grants: GrantView[] }> {
    requireUserManager(actor);
    const user = /^[0-9a-f-]{36}$/i.test(id) ? await findUserById(ex, id) : undefined;
    if (!user) throw new AppError('NOT_FOUND', '找不到该人员账号。');
    const grants = await selectGrantViews(ex, [user.id]);
    if (!isSystem(actor) && actor.userId !== user.id && !grants.some((g) => adminReaches(actor, { ...g, includeSubtree: false }))) {
      throw forbidden('该人员不属于您管理的机关。');
    }
    return { user, grants };
  }

  async function loadManageableUser(ex: Executor, actor: AuditActor, id: string): Promise<{ user: UserRow; grants: GrantView[] }> {
    const found = await loadVisibleUser(ex, actor, id);
    if (!isSystem(actor) && actor.userId === found.user.id) throw forbidden('不能对自己的账号进行此操作，请联系其他系统管理员。');
    if (!canManage(actor, found.user, found.grants)) throw forbidden('该人员还持有您管理范围以外的角色，只有上级系统管理员可以修改。');
    return found;
  }

  async function checkGrantTarget(ex: Executor, actor: AuditActor, agencyId: string, includeSubtree: boolean): Promise<AgencyRef> {
    const agency = await findAgencyRef(ex, agencyId);
    if (!agency || agency.retiredAt) throw validationError([{ field: 'agencyId', message: '所属机关：不存在或已撤销' }]);
    if (!isSystem(actor) && !adminReaches(actor, { agencyId: agency.id, agencyAncestors: agency.ancestors, includeSubtree })) {
      throw forbidden(includeSubtree ? '您不能授予超出自己管理范围的角色（含下级机关）。' : '您不能在自己管理范围以外的机关授予角色。');
    }
    return agency;
  }

  async function updateOrStale(ex: Executor, id: string, version: number, values: Parameters<typeof updateUserRow>[3]): Promise<UserRow> {
    const row = await updateUserRow(ex, id, version, values);
    if (!row) throw new AppError('STALE_RECORD', STALE_MESSAGE);
    return row;
  }

  return {
    settings,
    sessions,

    /**
     * Checks a username and password and starts a session. Throws VALIDATION_FAILED (empty fields),
     * RATE_LIMITED, LOCKED, FORBIDDEN (disabled account) or UNAUTHENTICATED (the generic 用户名或密码错误).
     */
    async signIn(req: SignInRequest): Promise<{ sessionId: string; actor: Actor }> {
      const input = validateInput(SignInInput, { username: trimmed(req.username), password: req.password });
      const username = input.username.toLowerCase();
      const now = clock();
      const { perIp, perUsername, windowSeconds, maxFailures, lockMinutes } = settings.signIn;
      const waitIp = throttle.hit(`ip:${req.ip}`, perIp, windowSeconds, now.getTime());
      const waitUser = throttle.hit(`user:${username}`, perUsername, windowSeconds, now.getTime());
      const wait = Math.max(waitIp, waitUser);
      if (wait > 0) {
        throw new AppError('RATE_LIMITED', `登录尝试过于频繁，请 ${Math.ceil(wait / 60)} 分钟后再试。`, { retryAfterSeconds: wait });
      }
      const meta = { username, ip: req.ip };
      const user = await findUserByUsername(db, username);
      if (!user) {
        await verifyDecoy(input.password);
        await db.transaction((tx) => recordAudit(tx, { actor: SIGN_IN_SYSTEM, action: 'session.sign_in_failed', entityType: 'user', reason: '用户名不存在', after: meta }));
        throw new AppError('UNAUTHENTICATED', BAD_CREDENTIALS, { fields: [{ field: 'username', message: BAD_CREDENTIALS }] });
      }
      if (user.lockedUntil && user.lockedUntil > now) {
        await db.transaction((tx) => recordAudit(tx, { actor: SIGN_IN_SYSTEM, action: 'session.sign_in_failed', entityType: 'user', entityId: user.id, reason: '账号已锁定', after: meta }));
        throw lockedError(user.lockedUntil, maxFailures);
      }
      const ok = await verifyPassword(user.passwordHash, input.password);
      if (!ok) {
        const lockedUntil = await db.transaction(async (tx) => {
          const failures = await incrementFailedAttempts(tx, user.id);
          await recordAudit(tx, { actor: SIGN_IN_SYSTEM, action: 'session.sign_in_failed', entityType: 'user', entityId: user.id, reason: `密码错误（连续第 ${failures} 次）`, after: meta });
          if (failures < maxFailures) return null;
          const until = new Date(now.getTime() + lockMinutes * 60_000);
          await updateUserSignInState(tx, user.id, { failedAttempts: 0, lockedUntil: until });
          await recordAudit(tx, { actor: SIGN_IN_SYSTEM, action: 'user.lock', entityType: 'user', entityId: user.id, reason: `连续 ${maxFailures} 次登录失败，锁定 ${lockMinutes} 分钟`, before: { lockedUntil: user.lockedUntil }, after: { lockedUntil: until } });
          return until;
        });
        if (lockedUntil) throw lockedError(lockedUntil, maxFailures);
        throw new AppError('UNAUTHENTICATED', BAD_CREDENTIALS, { fields: [{ field: 'username', message: BAD_CREDENTIALS }] });
      }
      if (user.disabledAt) {
        await db.transaction((tx) => recordAudit(tx, { actor: SIGN_IN_SYSTEM, action: 'session.sign_in_failed', entityType: 'user', entityId: user.id, reason: '账号已停用', after: meta }));
        throw new AppError('FORBIDDEN', '该账号已停用，请联系本单位系统管理员。', { fields: [{ field: 'username', message: '该账号已停用' }] });
      }
      const result = await db.transaction(async (tx) => {
        if (req.previousSessionId) await endSession(tx, req.previousSessionId);
        // expired rows are swept here rather than by a job: sign-ins are frequent enough, and it is one indexed delete
        await deleteExpiredSessions(tx, now);
        await updateUserSignInState(tx, user.id, { failedAttempts: 0, lockedUntil: null, lastSignInAt: now });
        const sessionId = await startSession(tx, user.id, settings.session, now, { ip: req.ip, userAgent: req.userAgent ?? null });
        const grants = (await selectGrantViews(tx, [user.id])).map((g) => ({ role: g.role, agencyId: g.agencyId, includeSubtree: g.includeSubtree }));
        const actor: Actor = { userId: user.id, username: user.username, name: user.name, grants };
        await recordAudit(tx, { actor, action: 'session.sign_in', entityType: 'user', entityId: user.id, after: { ip: req.ip } });
        return { sessionId, actor };
      });
      throttle.reset(`user:${username}`);
      return result;
    },

    /** Ends the session (if it still exists) and records it. Never throws for an unknown session. */
    async signOut(sessionId: string, actor: Actor | null): Promise<void> {
      await db.transaction(async (tx) => {
        const ended = await endSession(tx, sessionId);
        if (ended) await recordAudit(tx, { actor: actor ?? SIGN_IN_SYSTEM, action: 'session.sign_out', entityType: 'user', entityId: ended.userId });
      });
    },

    /** The actor's own grants with agency names, for the dashboard. */
    async getOwnGrants(actor: Actor): Promise<GrantView[]> {
      return selectGrantViews(db, [actor.userId]);
    },

    /** Accounts holding a role within the admin's scope. Throws FORBIDDEN for non-admins. */
    async listUsers(actor: Actor): Promise<UserSummary[]> {
      requireUserManager(actor);
      const rows = await selectUsersInScope(db, scopesForAction(actor, 'user.manage'));
      const grants = await selectGrantViews(db, rows.map((r) => r.id));
      return rows.map((u) => summarize(actor, u, grants.filter((g) => g.userId === u.id)));
    },

    /** One account in the admin's scope. Throws FORBIDDEN, NOT_FOUND. */
    async getUser(actor: AuditActor, id: string): Promise<UserSummary> {
      const { user, grants } = await loadVisibleUser(db, actor, id);
      return summarize(actor, user, grants);
    },

    /** Agencies where the actor may grant roles, for the form's select. */
    async grantableAgencies(actor: Actor): Promise<AgencyRef[]> {
      requireUserManager(actor);
      return selectAgencyRefsInScope(db, scopesForAction(actor, 'user.manage'));
    },

    /**
     * Creates an account with its first role. Throws VALIDATION_FAILED (per field: duplicate username,
     * weak password, unknown agency …) or FORBIDDEN (agency outside the admin's scope).
     */
    async createUser(actor: AuditActor, raw: Record<string, unknown>): Promise<UserSummary> {
      requireUserManager(actor);
      const input = validateInput(NewUser, { ...raw, username: typeof raw.username === 'string' ? raw.username.trim().toLowerCase() : raw.username, name: trimmed(raw.name) });
      const problems: FieldError[] = [];
      const weak = passwordProblem(input.password, settings.password, input.username);
      if (weak) problems.push({ field: 'password', message: `初始密码：${weak}` });
      if (await findUserByUsername(db, input.username)) problems.push({ field: 'username', message: '用户名：已被使用' });
      const agency = await findAgencyRef(db, input.agencyId);
      if (!agency || agency.retiredAt) problems.push({ field: 'agencyId', message: '所属机关：不存在或已撤销' });
      if (problems.length) throw validationError(problems);
      await checkGrantTarget(db, actor, input.agencyId, input.includeSubtree);
      const passwordHash = await hashPassword(input.password);
      const grant: RoleGrant = { role: input.role, agencyId: input.agencyId, includeSubtree: input.includeSubtree };
      try {
        const user = await db.transaction(async (tx) => {
          const u = await insertUser(tx, { username: input.username, name: input.name, passwordHash });
          await insertGrants(tx, u.id, [grant]);
          await recordAudit(tx, { actor, action: 'user.create', entityType: 'user', entityId: u.id, agencyId: grant.agencyId, after: auditView(u, [grant]) });
          return u;
        });
        return summarize(actor, user, await selectGrantViews(db, [user.id]));
      } catch (err) {
        if (constraintOf(err) === 'users_username_key') throw validationError([{ field: 'username', message: '用户名：已被使用' }]);
        throw err;
      }
    },

    /** Renames an account. Throws VALIDATION_FAILED, FORBIDDEN, NOT_FOUND, STALE_RECORD. */
    async updateUser(actor: Actor, id: string, raw: Record<string, unknown>): Promise<UserSummary> {
      requireUserManager(actor);
      const input = validateInput(UserChanges, { name: trimmed(raw.name), version: raw.version });
      return db.transaction(async (tx) => {
        const { user, grants } = await loadVisibleUser(tx, actor, id);
        if (actor.userId !== user.id && !canManage(actor, user, grants)) throw forbidden('该人员还持有您管理范围以外的角色，只有上级系统管理员可以修改。');
        const after = await updateOrStale(tx, id, input.version, { name: input.name });
        await recordAudit(tx, { actor, action: 'user.update', entityType: 'user', entityId: id, agencyId: grants[0]?.agencyId, before: auditView(user), after: auditView(after) });
        return summarize(actor, after, grants);
      });
    },

    /** Adds a role. Throws VALIDATION_FAILED (unknown agency, already held), FORBIDDEN, STALE_RECORD. */
    async addGrant(actor: AuditActor, id: string, raw: Record<string, unknown>): Promise<void> {
      requireUserManager(actor);
      const input = validateInput(NewGrant, raw);
      await db.transaction(async (tx) => {
        const { user, grants } = await loadManageableUser(tx, actor, id);
        await checkGrantTarget(tx, actor, input.agencyId, input.includeSubtree);
        if (grants.some((g) => g.role === input.role && g.agencyId === input.agencyId)) throw validationError([{ field: 'role', message: '角色：该人员在此机关已有这一角色' }]);
        await updateOrStale(tx, id, input.version, {});
        const grant: RoleGrant = { role: input.role, agencyId: input.agencyId, includeSubtree: input.includeSubtree };
        await insertGrants(tx, id, [grant]);
        await recordAudit(tx, { actor, action: 'user.grant_add', entityType: 'user', entityId: id, agencyId: input.agencyId, before: auditView(user, grants), after: { grant } });
      });
    },

    /** Removes a role; the last one cannot go (disable the account instead). */
    async removeGrant(actor: AuditActor, id: string, grantId: string, raw: Record<string, unknown>): Promise<void> {
      requireUserManager(actor);
      const input = validateInput(VersionOnly, raw);
      await db.transaction(async (tx) => {
        const { user, grants } = await loadManageableUser(tx, actor, id);
        if (!grants.some((g) => g.id === grantId)) throw new AppError('NOT_FOUND', '找不到该角色授权。');
        if (grants.length <= 1) throw new AppError('CONFLICT', '每个账号至少保留一个角色；如不再需要该账号，请停用。');
        await updateOrStale(tx, id, input.version, {});
        const removed = await deleteGrantById(tx, id, grantId);
        await recordAudit(tx, { actor, action: 'user.grant_remove', entityType: 'user', entityId: id, agencyId: removed?.agencyId, before: auditView(user, grants), after: { removed: removed && { role: removed.role, agencyId: removed.agencyId, includeSubtree: removed.includeSubtree } } });
      });
    },

    /** Lifts a sign-in lock. Throws FORBIDDEN, NOT_FOUND, STALE_RECORD. */
    async unlockUser(actor: AuditActor, id: string, raw: Record<string, unknown>): Promise<void> {
      requireUserManager(actor);
      const input = validateInput(VersionOnly, raw);
      await db.transaction(async (tx) => {
        const { user, grants } = await loadManageableUser(tx, actor, id);
        const after = await updateOrStale(tx, id, input.version, { lockedUntil: null, failedAttempts: 0 });
        await recordAudit(tx, { actor, action: 'user.unlock', entityType: 'user', entityId: id, agencyId: grants[0]?.agencyId, before: auditView(user), after: auditView(after) });
      });
    },

    /** Disables an account and ends its sessions. Throws FORBIDDEN (incl. oneself), NOT_FOUND, STALE_RECORD. */
    async disableUser(actor: AuditActor, id: string, raw: Record<string, unknown>): Promise<void> {
      requireUserManager(actor);
      const input = validateInput(VersionOnly, raw);
      await db.transaction(async (tx) => {
        const { user, grants } = await loadManageableUser(tx, actor, id);
        if (user.disabledAt) throw new AppError('ILLEGAL_TRANSITION', '该账号已经停用。');
        const after = await updateOrStale(tx, id, input.version, { disabledAt: clock() });
        await deleteSessionsOfUser(tx, id);
        await recordAudit(tx, { actor, action: 'user.disable', entityType: 'user', entityId: id, agencyId: grants[0]?.agencyId, before: auditView(user), after: auditView(after) });
      });
    },

    /** Re-enables a disabled account. */
    async enableUser(actor: AuditActor, id: string, raw: Record<string, unknown>): Promise<void> {
      requireUserManager(actor);
      const input = validateInput(VersionOnly, raw);
      await db.transaction(async (tx) => {
        const { user, grants } = await loadManageableUser(tx, actor, id);
        if (!user.disabledAt) throw new AppError('ILLEGAL_TRANSITION', '该账号没有停用。');
        const after = await updateOrStale(tx, id, input.version, { disabledAt: null, failedAttempts: 0, lockedUntil: null });
        await recordAudit(tx, { actor, action: 'user.enable', entityType: 'user', entityId: id, agencyId: grants[0]?.agencyId, before: auditView(user), after: auditView(after) });
      });
    },

    /** Sets a new password (and unlocks), ending the user's sessions. Throws VALIDATION_FAILED (weak password). */
    async resetPassword(actor: AuditActor, id: string, raw: Record<string, unknown>): Promise<void> {
      requireUserManager(actor);
      const input = validateInput(PasswordReset, raw);
      const { user } = await loadManageableUser(db, actor, id);
      const weak = passwordProblem(input.password, settings.password, user.username);
      if (weak) throw validationError([{ field: 'password', message: `新密码：${weak}` }]);
      const passwordHash = await hashPassword(input.password);
      await db.transaction(async (tx) => {
        const { grants } = await loadManageableUser(tx, actor, id);
        await updateOrStale(tx, id, input.version, { passwordHash, lockedUntil: null, failedAttempts: 0 });
        await deleteSessionsOfUser(tx, id);
        await recordAudit(tx, { actor, action: 'user.password_reset', entityType: 'user', entityId: id, agencyId: grants[0]?.agencyId, reason: '管理员重置密码' });
      });
    },

    generatePassword,
  };
}
