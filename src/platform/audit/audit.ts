import { createHash } from 'node:crypto';
import { asc, desc, gt, sql } from 'drizzle-orm';
import type { Executor } from '../db/database.ts';
import { actorLabel, type AuditActor } from '../auth/actor.ts';
import { auditLog } from './audit.tables.ts';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  actor: AuditActor;
  /** dotted verb, e.g. agency.create, item.publish */
  action: string;
  entityType: string;
  entityId?: string | null;
  agencyId?: string | null;
  reason?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Stable JSON: keys sorted at every level, so a row read back from jsonb hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

interface HashedFields {
  at: Date;
  actorId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  agencyId: string | null;
  reason: string | null;
  before: unknown;
  after: unknown;
}

export function rowHash(prevHash: string, f: HashedFields): string {
  const body = canonicalJson({
    at: f.at.toISOString(),
    actorId: f.actorId,
    actorLabel: f.actorLabel,
    action: f.action,
    entityType: f.entityType,
    entityId: f.entityId,
    agencyId: f.agencyId,
    reason: f.reason,
    before: f.before ?? null,
    after: f.after ?? null,
  });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

/** JSON round trip: what jsonb will give back (drops undefined, dates to strings). */
function normalize(v: unknown): unknown {
  return v === undefined ? null : JSON.parse(JSON.stringify(v));
}

/**
 * Appends one audit row inside the caller's transaction, chained to the previous row's hash.
 * An advisory transaction lock serialises writers so the chain never forks.
 */
export async function recordAudit(tx: Executor, entry: AuditEntry): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(71400002)`);
  const last = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  const prevHash = last[0]?.hash ?? GENESIS_HASH;
  const fields: HashedFields = {
    at: new Date(),
    actorId: 'system' in entry.actor ? null : entry.actor.userId,
    actorLabel: actorLabel(entry.actor),
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    agencyId: entry.agencyId ?? null,
    reason: entry.reason ?? null,
    before: normalize(entry.before),
    after: normalize(entry.after),
  };
  await tx.insert(auditLog).values({ ...fields, prevHash, hash: rowHash(prevHash, fields) });
}

export type VerifyResult = { ok: true; rows: number } | { ok: false; rows: number; brokenAt: number; reason: string };

/** Walks the whole chain in id order and reports the first broken link. */
export async function verifyAuditChain(db: Executor, batch = 2000): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let lastId = 0;
  let rows = 0;
  for (;;) {
    const page = await db.select().from(auditLog).where(gt(auditLog.id, lastId)).orderBy(asc(auditLog.id)).limit(batch);
    if (!page.length) return { ok: true, rows };
    for (const r of page) {
      rows++;
      if (r.prevHash !== prev) return { ok: false, rows, brokenAt: r.id, reason: '前一行哈希不匹配（有行被删除或插入）' };
      const expect = rowHash(prev, { ...r, before: r.before, after: r.after });
      if (expect !== r.hash) return { ok: false, rows, brokenAt: r.id, reason: '本行内容与其哈希不符（内容被改动）' };
      prev = r.hash;
      lastId = r.id;
    }
  }
}
