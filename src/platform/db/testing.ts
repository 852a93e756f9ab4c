import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createPool, wrapPool, type Database } from './database.ts';
import { startEmbeddedDatabase } from './embedded.ts';
import { migrate } from './migrate.ts';

/**
 * A fresh, migrated database for one test file: a uniquely named database on the PostgreSQL at
 * DATABASE_URL (dropped on close), or an in-memory PGlite behind its socket in a worker.
 */
export async function createTestDatabase(): Promise<Database> {
  const adminUrl = process.env.DATABASE_URL;
  if (adminUrl) {
    const name = `gk_t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const pool = createPool(url.toString());
    await migrate(pool);
    return {
      db: wrapPool(pool),
      pool,
      mode: 'postgres',
      url: url.toString(),
      async close() {
        await pool.end();
        const a = new pg.Client({ connectionString: adminUrl });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await a.end();
      },
    };
  }
  const embedded = await startEmbeddedDatabase({ dataDir: null });
  const pool = createPool(embedded.url, 10, true);
  await migrate(pool);
  return {
    db: wrapPool(pool),
    pool,
    mode: 'embedded',
    url: embedded.url,
    async close() {
      await pool.end();
      await embedded.stop();
    },
  };
}
