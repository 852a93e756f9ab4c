import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Actor, RoleGrant } from '../../platform/auth/actor.ts';
import { hashPassword } from '../../platform/auth/password.ts';
import type { Executor } from '../../platform/db/database.ts';
import { csrfTokenFor } from '../../platform/http/csrf.ts';
import { SESSION_COOKIE } from '../../platform/http/session.ts';
import { depsOfApp } from './staff.app.ts';
import { DEFAULT_STAFF_SETTINGS } from './staff.config.ts';
import { insertGrants, insertUser } from './staff.repository.ts';
import { startSession } from './staff.sessions.ts';

let counter = 0;

export const TEST_PASSWORD = 'Test-password-1';

/**
 * Inserts a user with the given grants straight into the tables (no policy, no audit).
 * The grants' agencies must exist (createTestAgency). Username is unique unless given.
 */
export async function createTestUser(
  db: Executor,
  opts: { grants: RoleGrant[]; username?: string; name?: string; password?: string },
): Promise<{ id: string; username: string; password: string; name: string }> {
  counter++;
  const name = opts.name ?? `测试用户${counter}`;
  const username = opts.username ?? `t${counter.toString(36)}-${randomBytes(3).toString('hex')}`;
  const password = opts.password ?? TEST_PASSWORD;
  const user = await insertUser(db, { username, name, passwordHash: await hashPassword(password) });
  await insertGrants(db, user.id, opts.grants);
  return { id: user.id, username, password, name };
}

/**
 * Creates a user with `grants` and a live session for them (directly, so it does not count against
 * the sign-in rate limit). Returns the Cookie header value for app.inject and the matching CSRF token.
 */
export async function signInAs(app: FastifyInstance, db: Executor, grants: RoleGrant[]): Promise<{ cookie: string; csrfToken: string; actor: Actor }> {
  const deps = depsOfApp(app);
  if (!deps) throw new Error('signInAs: this app was not built by buildApp(deps) with the staff module registered');
  const user = await createTestUser(db, { grants });
  const sessionId = await startSession(db, user.id, DEFAULT_STAFF_SETTINGS.session, new Date());
  return {
    cookie: `${SESSION_COOKIE}=${sessionId}`,
    csrfToken: csrfTokenFor(deps.config.sessionSecret, sessionId),
    actor: { userId: user.id, username: user.username, name: user.name, grants },
  };
}
