import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface GongkaiServer {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  /** the server process (its RSS is the server's, embedded database included) */
  pid: number;
  dataDir: string;
  /** the database it runs on: 'embedded', or the temporary PostgreSQL database's URL */
  database: string;
  /** everything it printed, for failure messages */
  output(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** extra environment (e.g. NODE_ENV, SESSION_SECRET, LOG_LEVEL) */
  env?: Record<string, string>;
  /** PostgreSQL admin URL; default process.env.DATABASE_URL; null forces the embedded database */
  databaseUrl?: string | null;
  /** how long to wait for /readyz */
  timeoutMs?: number;
  /** send the server's stdout (request logs in production) to /dev/null instead of keeping it */
  discardStdout?: boolean;
}

/** A free loopback port (the OS picks one; a tiny race is acceptable for tests). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface TempDatabase {
  /** the database's name */
  name: string;
  /** adminUrl with the database's name as its path */
  url: string;
  /** drops the database (WITH (FORCE): open connections are ended) */
  drop(): Promise<void>;
}

/** Creates a uniquely named database on the server at adminUrl; returns its name, URL and a dropper. Also used by the benches. */
export async function createTempDatabase(adminUrl: string, prefix = 'gk_e2e'): Promise<TempDatabase> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      try {
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await a.end();
      }
    },
  };
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Starts `node --import tsx src/cli.ts serve` as a child process on a free port with a fresh
 * DATA_DIR (and, when DATABASE_URL is set, a fresh PostgreSQL database), and waits for /readyz.
 */
export async function startGongkai(options: StartOptions = {}): Promise<GongkaiServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'gk-e2e-'));
  const adminUrl = options.databaseUrl === undefined ? process.env.DATABASE_URL : (options.databaseUrl ?? undefined);
  const tempDb = adminUrl ? await createTempDatabase(adminUrl) : null;
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', BASE_URL: url, DATA_DIR: dataDir, NODE_ENV: 'development', ...options.env };
  if (tempDb) env.DATABASE_URL = tempDb.url;
  else delete env.DATABASE_URL;

  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], { cwd: REPO_ROOT, env, stdio: ['ignore', options.discardStdout ? 'ignore' : 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const cleanup = async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await tempDb?.drop();
  };
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited(child);
      clearTimeout(timer);
    }
    await cleanup();
  };

  const deadline = Date.now() + (options.timeoutMs ?? 180_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await cleanup();
      throw new Error(`gongkai exited before it was ready (code ${child.exitCode ?? child.signalCode}):\n${output}`);
    }
    try {
      const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`gongkai was not ready within ${options.timeoutMs ?? 180_000} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, pid: child.pid ?? 0, dataDir, database: tempDb?.url ?? 'embedded', output: () => output, stop };
}
