import type { Config } from './config.ts';
import type { Database, Db } from './platform/db/database.ts';
import type { SessionStore } from './platform/http/session.ts';

/** The composition root's product: configuration, the database, and every service. */
export interface Deps {
  config: Config;
  database: Database;
  db: Db;
  sessions: SessionStore;
}

/** Wires repositories and services over one database. Jobs, the CLI and the server all use this. */
export function createDeps(config: Config, database: Database): Deps {
  const db = database.db;
  return {
    config,
    database,
    db,
    sessions: { load: async () => null },
  };
}
