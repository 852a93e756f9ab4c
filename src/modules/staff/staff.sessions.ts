import { createHash, randomBytes } from 'node:crypto';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { SessionStore } from '../../platform/http/session.ts';
import type { StaffSettings } from './staff.config.ts';
import { deleteSessionByHash, insertSession, selectSessionActor, touchSession } from './staff.repository.ts';

export type Clock = () => Date;

/** 256 random bits, URL-safe; this is what the gk_sid cookie carries. */
export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

/** Only this digest is stored: a copy of the sessions table cannot be replayed as cookies. */
export function hashSessionId(sessionId: string): string {
  return createHash('sha256').update(sessionId).digest('hex');
}

const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

/** Idle expiry slides with use but never passes the absolute limit from sign-in. */
export function sessionExpiry(createdAt: Date, lastSeenAt: Date, settings: StaffSettings['session']): Date {
  const idle = lastSeenAt.getTime() + settings.idleMinutes * 60_000;
  const max = createdAt.getTime() + settings.maxHours * 3_600_000;
  return new Date(Math.min(idle, max));
}

/** Starts a session for a user and returns the raw id for the cookie (never stored). */
export async function startSession(ex: Executor, userId: string, settings: StaffSettings['session'], now: Date, meta: { ip?: string | null; userAgent?: string | null } = {}): Promise<string> {
  const sessionId = newSessionId();
  await insertSession(ex, {
    idHash: hashSessionId(sessionId),
    userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: sessionExpiry(now, now, settings),
    ip: meta.ip ?? null,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
  });
  return sessionId;
}

/** Deletes a session by its raw id; returns whose it was. */
export async function endSession(ex: Executor, sessionId: string): Promise<{ userId: string } | undefined> {
  if (!SESSION_ID.test(sessionId)) return undefined;
  return deleteSessionByHash(ex, hashSessionId(sessionId));
}

/** The database-backed SessionStore the session plugin calls on every request carrying gk_sid. */
export function createSessionStore(db: Executor, settings: StaffSettings['session'], clock: Clock = () => new Date()): SessionStore {
  return {
    async load(sessionId: string): Promise<Actor | null> {
      if (!SESSION_ID.test(sessionId)) return null;
      const idHash = hashSessionId(sessionId);
      const now = clock();
      const found = await selectSessionActor(db, idHash, now);
      if (!found) return null;
      if (now.getTime() - found.lastSeenAt.getTime() >= settings.touchSeconds * 1000) {
        await touchSession(db, idHash, now, sessionExpiry(found.createdAt, now, settings));
      }
      return found.actor;
    },
  };
}
