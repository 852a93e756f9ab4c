import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Actor, RoleGrant } from '../../platform/auth/actor.ts';
import type { Executor } from '../../platform/db/database.ts';
import { agencies } from '../agencies/agencies.tables.ts';
import { roleGrants, sessions, users } from './staff.tables.ts';

export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;

/** A grant with the agency's name, for the dashboard and the user pages. */
export interface GrantView extends RoleGrant {
  id: string;
  agencyCode: string;
  agencyName: string;
  agencyAncestors: string[];
}

export async function findUserById(ex: Executor, id: string): Promise<UserRow | undefined> {
  const rows = await ex.select().from(users).where(eq(users.id, id)).limit(1);
  return rows[0];
}

export async function findUserByUsername(ex: Executor, username: string): Promise<UserRow | undefined> {
  const rows = await ex.select().from(users).where(eq(users.username, username)).limit(1);
  return rows[0];
}

export async function insertUser(ex: Executor, values: typeof users.$inferInsert): Promise<UserRow> {
  const rows = await ex.insert(users).values(values).returning();
  const row = rows[0];
  if (!row) throw new Error('insert into users returned no row');
  return row;
}

/** Optimistic update: changes the row only if it still has `version`; returns undefined otherwise. */
export async function updateUserRow(ex: Executor, id: string, version: number, values: Partial<typeof users.$inferInsert>): Promise<UserRow | undefined> {
  const rows = await ex
    .update(users)
    .set({ ...values, version: sql`${users.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(users.id, id), eq(users.version, version)))
    .returning();
  return rows[0];
}

/** Sign-in bookkeeping (failure counter, lock, last sign-in): not a user edit, so the version stays. */
export async function updateUserSignInState(ex: Executor, id: string, values: Pick<Partial<typeof users.$inferInsert>, 'failedAttempts' | 'lockedUntil' | 'lastSignInAt'>): Promise<void> {
  await ex.update(users).set(values).where(eq(users.id, id));
}

/** Adds one failure and returns the new count (atomic, so parallel attempts all count). */
export async function incrementFailedAttempts(ex: Executor, id: string): Promise<number> {
  const rows = await ex
    .update(users)
    .set({ failedAttempts: sql`${users.failedAttempts} + 1` })
    .where(eq(users.id, id))
    .returning({ failedAttempts: users.failedAttempts });
  return rows[0]?.failedAttempts ?? 0;
}

export async function insertGrants(ex: Executor, userId: string, grants: readonly RoleGrant[]): Promise<void> {
  if (!grants.length) return;
  await ex.insert(roleGrants).values(grants.map((g) => ({ userId, role: g.role, agencyId: g.agencyId, includeSubtree: g.includeSubtree })));
}

export async function deleteGrantById(ex: Executor, userId: string, grantId: string): Promise<GrantView | undefined> {
  const before = (await selectGrantViews(ex, [userId])).find((g) => g.id === grantId);
  if (!before) return undefined;
  await ex.delete(roleGrants).where(and(eq(roleGrants.id, grantId), eq(roleGrants.userId, userId)));
  return before;
}

/** Grants of the given users with their agencies' code, name and ancestors. */
export async function selectGrantViews(ex: Executor, userIds: readonly string[]): Promise<(GrantView & { userId: string })[]> {
  if (!userIds.length) return [];
  const rows = await ex
    .select({
      id: roleGrants.id,
      userId: roleGrants.userId,
      role: roleGrants.role,
      agencyId: roleGrants.agencyId,
      includeSubtree: roleGrants.includeSubtree,
      agencyCode: agencies.code,
      agencyName: agencies.name,
      agencyAncestors: agencies.ancestors,
      sortOrder: agencies.sortOrder,
    })
    .from(roleGrants)
    .innerJoin(agencies, eq(agencies.id, roleGrants.agencyId))
    .where(inArray(roleGrants.userId, [...userIds]))
    .orderBy(asc(agencies.sortOrder), asc(agencies.name), asc(roleGrants.role));
  return rows.map(({ sortOrder: _s, ...g }) => g);
}

/**
 * Users holding any grant at an agency within the given scope (the agency itself, or anywhere
 * below it when `includeSubtree`). Every account keeps at least one grant (the service sees to it).
 */
export async function selectUsersInScope(ex: Executor, scope: readonly { agencyId: string; includeSubtree: boolean }[]): Promise<UserRow[]> {
  if (!scope.length) return [];
  const conditions = scope.map((s) =>
    s.includeSubtree ? sql`(g.agency_id = ${s.agencyId}::uuid OR ${s.agencyId}::uuid = ANY(a.ancestors))` : sql`g.agency_id = ${s.agencyId}::uuid`,
  );
  const ids = await ex.execute<{ id: string }>(sql`
    SELECT u.id FROM users u
     WHERE EXISTS (SELECT 1 FROM role_grants g JOIN agencies a ON a.id = g.agency_id
                    WHERE g.user_id = u.id AND (${sql.join(conditions, sql` OR `)}))`);
  const list = ids.rows.map((r) => r.id);
  if (!list.length) return [];
  return ex.select().from(users).where(inArray(users.id, list)).orderBy(asc(users.username));
}

// ---- sessions ----

export async function insertSession(ex: Executor, values: typeof sessions.$inferInsert): Promise<void> {
  await ex.insert(sessions).values(values);
}

export async function deleteSessionByHash(ex: Executor, idHash: string): Promise<{ userId: string } | undefined> {
  const rows = await ex.delete(sessions).where(eq(sessions.idHash, idHash)).returning({ userId: sessions.userId });
  return rows[0];
}

export async function deleteSessionsOfUser(ex: Executor, userId: string): Promise<number> {
  const rows = await ex.delete(sessions).where(eq(sessions.userId, userId)).returning({ idHash: sessions.idHash });
  return rows.length;
}

export async function deleteExpiredSessions(ex: Executor, now: Date): Promise<number> {
  const rows = await ex.delete(sessions).where(sql`${sessions.expiresAt} <= ${now.toISOString()}::timestamptz`).returning({ idHash: sessions.idHash });
  return rows.length;
}

type SessionActorRow = {
  user_id: string;
  username: string;
  name: string;
  created_at: Date | string;
  last_seen_at: Date | string;
  grants: { role: RoleGrant['role']; agencyId: string; includeSubtree: boolean; agencyIsRoot: boolean }[] | string | null;
};

/**
 * One round trip: the live session (not expired, user not disabled) with its user and grants.
 * Returns the actor and the session's timestamps, or undefined.
 */
export async function selectSessionActor(ex: Executor, idHash: string, now: Date): Promise<{ actor: Actor; createdAt: Date; lastSeenAt: Date } | undefined> {
  const r = await ex.execute<SessionActorRow>(sql`
    SELECT s.user_id, u.username, u.name, s.created_at, s.last_seen_at,
           (SELECT coalesce(json_agg(json_build_object('role', g.role, 'agencyId', g.agency_id, 'includeSubtree', g.include_subtree, 'agencyIsRoot', a.parent_id IS NULL)
                                     ORDER BY g.created_at, g.id), '[]'::json)
              FROM role_grants g JOIN agencies a ON a.id = g.agency_id WHERE g.user_id = u.id) AS grants
      FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.id_hash = ${idHash} AND s.expires_at > ${now.toISOString()}::timestamptz AND u.disabled_at IS NULL`);
  const row = r.rows[0];
  if (!row) return undefined;
  const grants = typeof row.grants === 'string' ? (JSON.parse(row.grants) as SessionActorRow['grants']) : row.grants;
  return {
    actor: { userId: row.user_id, username: row.username, name: row.name, grants: Array.isArray(grants) ? grants.map((g) => ({ role: g.role, agencyId: g.agencyId, includeSubtree: g.includeSubtree, agencyIsRoot: g.agencyIsRoot })) : [] },
    createdAt: new Date(row.created_at),
    lastSeenAt: new Date(row.last_seen_at),
  };
}

export async function touchSession(ex: Executor, idHash: string, lastSeenAt: Date, expiresAt: Date): Promise<void> {
  await ex.update(sessions).set({ lastSeenAt, expiresAt }).where(eq(sessions.idHash, idHash));
}

// ---- agencies, read for grants ----

export interface AgencyRef {
  id: string;
  code: string;
  name: string;
  ancestors: string[];
  retiredAt: Date | null;
  sortOrder: number;
}

const agencyRefColumns = { id: agencies.id, code: agencies.code, name: agencies.name, ancestors: agencies.ancestors, retiredAt: agencies.retiredAt, sortOrder: agencies.sortOrder };

export async function findAgencyRef(ex: Executor, id: string): Promise<AgencyRef | undefined> {
  const rows = await ex.select(agencyRefColumns).from(agencies).where(eq(agencies.id, id)).limit(1);
  return rows[0];
}

export async function findAgencyRefByCode(ex: Executor, code: string): Promise<AgencyRef | undefined> {
  const rows = await ex.select(agencyRefColumns).from(agencies).where(eq(agencies.code, code)).limit(1);
  return rows[0];
}

/** Live agencies reached by the scopes (each agency itself, and its descendants when includeSubtree). */
export async function selectAgencyRefsInScope(ex: Executor, scope: readonly { agencyId: string; includeSubtree: boolean }[]): Promise<AgencyRef[]> {
  if (!scope.length) return [];
  const conditions = scope.map((s) => (s.includeSubtree ? sql`(${agencies.id} = ${s.agencyId}::uuid OR ${s.agencyId}::uuid = ANY(${agencies.ancestors}))` : sql`${agencies.id} = ${s.agencyId}::uuid`));
  return ex
    .select(agencyRefColumns)
    .from(agencies)
    .where(and(sql`${agencies.retiredAt} IS NULL`, sql`(${sql.join(conditions, sql` OR `)})`))
    .orderBy(asc(agencies.sortOrder), asc(agencies.name));
}
