import path from 'node:path';
import pg from 'pg';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { Config } from '../../config.ts';
import { startEmbeddedDatabase } from './embedded.ts';
import { lockDataDir, type Lock } from './lockfile.ts';

// Dates (OID 1082) stay 'YYYY-MM-DD' strings: working-day dates must never pass through a JS Date in UTC.
pg.types.setTypeParser(1082, (v: string) => v);
// bigint counts (OID 20) as numbers; every count we keep is far below 2^53.
pg.types.setTypeParser(20, (v: string) => Number(v));

export type Db = NodePgDatabase<Record<string, never>>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** a database handle or an open transaction: repositories accept either */
export type Executor = Db | Tx;

export interface Database {
  db: Db;
  pool: pg.Pool;
  mode: 'embedded' | 'postgres';
  url: string;
  close(): Promise<void>;
}

/**
 * A pg pool. Sessions use Asia/Shanghai: PostgreSQL via the startup options, embedded PGlite by the
 * worker (its one backend session is shared by every socket connection).
 */
export function createPool(url: string, max = 10, embedded = false): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: 30_000, ...(embedded ? {} : { options: '-c TimeZone=Asia/Shanghai' }) });
  pool.on('error', () => undefined);
  return pool;
}

export function wrapPool(pool: pg.Pool): Db {
  return drizzle(pool) as Db;
}

/** Opens the configured database: PostgreSQL at DATABASE_URL, or embedded PGlite in DATA_DIR (locked). */
export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Database> {
  if (config.databaseUrl) {
    const pool = createPool(config.databaseUrl);
    return { db: wrapPool(pool), pool, mode: 'postgres', url: config.databaseUrl, close: () => pool.end() };
  }
  const lock: Lock = lockDataDir(config.dataDir);
  try {
    const embedded = await startEmbeddedDatabase({ dataDir: path.join(config.dataDir, 'pgdata'), socketDir: config.dataDir });
    const pool = createPool(embedded.url, 10, true);
    return {
      db: wrapPool(pool),
      pool,
      mode: 'embedded',
      url: embedded.url,
      async close() {
        await pool.end();
        await embedded.stop();
        lock.release();
      },
    };
  } catch (err) {
    lock.release();
    throw err;
  }
}

interface PgLikeError {
  code?: string;
  constraint?: string;
  cause?: unknown;
}

/** The PostgreSQL error behind a driver or Drizzle error, if any (Drizzle wraps it in `cause`). */
export function pgErrorOf(err: unknown): PgLikeError | undefined {
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const c = e as PgLikeError;
    if (typeof c.code === 'string' && /^[0-9A-Z]{5}$/.test(c.code)) return c;
    e = c.cause;
  }
  return undefined;
}

/** The name of the violated constraint, for translating it into an AppError (every constraint is named). */
export function constraintOf(err: unknown): string | undefined {
  return pgErrorOf(err)?.constraint;
}
