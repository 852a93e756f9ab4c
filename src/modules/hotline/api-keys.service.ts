// Open311 API keys (issue 7: "API keys are issued per client in the console"). A key is shown once when issued and
// stored only as its SHA-256 (keys are 192 random bits, so a fast hash is enough). Lookups are cached briefly so the
// intake path does not query for the key on every POST; a revocation in this process takes effect at once.
import { createHash, randomBytes } from 'node:crypto';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { AuditActor } from '../../platform/auth/actor.ts';
import { forbidden } from '../../platform/auth/guard.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError, validationError, type FieldError } from '../../platform/http/errors.ts';
import { canManageApiKeys } from './tickets.policy.ts';
import * as repo from './tickets.repository.ts';
import type { ApiClientRow } from './tickets.tables.ts';

/** An API client as the rest of the module sees it (never the hash). */
export interface ApiClient {
  id: string;
  name: string;
  channel: 'app' | 'miniprogram' | 'open311';
  keyHint: string;
  contact: string | null;
  createdAt: Date;
  revokedAt: Date | null;
  revokeReason: string | null;
}

export interface ApiKeyService {
  /** The active client holding this key, or null (unknown or revoked). */
  authenticate(key: string): Promise<ApiClient | null>;
  /** Issues a key; the plain key is returned only here. Throws VALIDATION_FAILED, FORBIDDEN. */
  issue(actor: AuditActor, input: unknown): Promise<{ client: ApiClient; key: string }>;
  /** Revokes a key with a reason (kept, never deleted). Throws VALIDATION_FAILED, FORBIDDEN, NOT_FOUND. */
  revoke(actor: AuditActor, id: string, reason: string): Promise<ApiClient>;
  /** Every client, oldest first. Throws FORBIDDEN. */
  list(actor: AuditActor): Promise<ApiClient[]>;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

function toClient(r: ApiClientRow): ApiClient {
  return { id: r.id, name: r.name, channel: r.channel, keyHint: r.keyHint, contact: r.contact, createdAt: r.createdAt, revokedAt: r.revokedAt, revokeReason: r.revokeReason };
}

const CHANNELS = ['app', 'miniprogram', 'open311'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Inserts a client with a given key (the demo seed's `demo-open311-key`, tests). No policy, no audit. */
export async function insertApiClientWithKey(db: Db, input: { name: string; key: string; channel?: ApiClient['channel']; contact?: string | null }): Promise<ApiClient> {
  const row = await repo.insertApiClient(db, { name: input.name, keyHash: hashApiKey(input.key), keyHint: input.key.slice(-4), channel: input.channel ?? 'open311', contact: input.contact ?? null });
  return toClient(row);
}

export function createApiKeyService(opts: { db: Db; now?: () => Date; cacheTtlMs?: number }): ApiKeyService {
  const { db } = opts;
  const now = opts.now ?? (() => new Date());
  const ttl = opts.cacheTtlMs ?? 30_000;
  const cache = new Map<string, { client: ApiClient | null; at: number }>();

  return {
    async authenticate(key) {
      if (typeof key !== 'string' || key.length < 8 || key.length > 200) return null;
      const hash = hashApiKey(key);
      const t = Date.now();
      const hit = cache.get(hash);
      if (hit && t - hit.at < ttl) return hit.client;
      const row = await repo.findApiClientByKeyHash(db, hash);
      const client = row && !row.revokedAt ? toClient(row) : null;
      if (cache.size > 10_000) cache.clear();
      cache.set(hash, { client, at: t });
      return client;
    },

    async issue(actor, input) {
      if (!canManageApiKeys(actor)) throw forbidden();
      const f = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
      const fields: FieldError[] = [];
      const name = typeof f.name === 'string' ? f.name.trim() : '';
      if (name.length < 2 || name.length > 100) fields.push({ field: 'name', message: '客户端名称：2 至 100 个字' });
      const channel = (typeof f.channel === 'string' && f.channel ? f.channel : 'open311') as ApiClient['channel'];
      if (!CHANNELS.includes(channel)) fields.push({ field: 'channel', message: '渠道：请选择 APP、小程序或 Open311 接口' });
      const contact = typeof f.contact === 'string' && f.contact.trim() ? f.contact.trim().slice(0, 200) : null;
      if (fields.length) throw validationError(fields);
      const key = `gk_${randomBytes(24).toString('base64url')}`;
      return db.transaction(async (tx) => {
        const row = await repo.insertApiClient(tx, { name, keyHash: hashApiKey(key), keyHint: key.slice(-4), channel, contact, createdBy: 'system' in actor ? null : actor.userId });
        await recordAudit(tx, { actor, action: 'hotline.api_key.issue', entityType: 'hotline_api_client', entityId: row.id, after: { name, channel, keyHint: row.keyHint } });
        return { client: toClient(row), key };
      });
    },

    async revoke(actor, id, reason) {
      if (!canManageApiKeys(actor)) throw forbidden();
      const r = typeof reason === 'string' ? reason.trim() : '';
      if (r.length < 2) throw validationError([{ field: 'reason', message: '停用理由：必须填写' }]);
      if (!UUID.test(id)) throw new AppError('NOT_FOUND', '未找到该接口客户端。');
      const row = await db.transaction(async (tx) => {
        const updated = await repo.revokeApiClient(tx, id, r, now());
        if (!updated) throw new AppError('NOT_FOUND', '未找到该接口客户端，或它已停用。');
        await recordAudit(tx, { actor, action: 'hotline.api_key.revoke', entityType: 'hotline_api_client', entityId: id, reason: r });
        return updated;
      });
      cache.clear();
      return toClient(row);
    },

    async list(actor) {
      if (!canManageApiKeys(actor)) throw forbidden();
      return (await repo.selectApiClients(db)).map(toClient);
    },
  };
}
