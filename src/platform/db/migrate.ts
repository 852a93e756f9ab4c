import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations/', import.meta.url));

const NAME = /^\d{4}__[a-z0-9-]+__[a-z0-9_-]+\.sql$/;

export function listMigrations(dir = MIGRATIONS_DIR): string[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
  for (const f of files) if (!NAME.test(f)) throw new Error(`迁移文件名不合规范：${f}（应如 0007__requests__add_extension.sql）`);
  return files;
}

/**
 * Applies pending plain-SQL migrations in order, each in its own transaction, under an advisory
 * lock so two starting servers never migrate at once. Returns the names applied.
 */
export async function migrate(pool: pg.Pool, dir = MIGRATIONS_DIR): Promise<string[]> {
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock(71400001)');
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      name text CONSTRAINT schema_migrations_pk PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = new Set((await client.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name));
    for (const file of listMigrations(dir)) {
      if (done.has(file)) continue;
      const sql = readFileSync(path.join(dir, file), 'utf8');
      await client.query('BEGIN');
      try {
        await client.query(sql);
        await client.query('INSERT INTO schema_migrations (name) VALUES ($1)', [file]);
        await client.query('COMMIT');
        applied.push(file);
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`迁移 ${file} 失败：${(err as Error).message}`, { cause: err });
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock(71400001)').catch(() => undefined);
    client.release();
  }
  return applied;
}
