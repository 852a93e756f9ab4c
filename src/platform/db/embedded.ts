import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

export interface EmbeddedDatabase {
  /** a pg connection string over the unix socket */
  url: string;
  stop(): Promise<void>;
}

const SOCKET_PORT = 5432;

/**
 * Starts PGlite in a worker thread behind @electric-sql/pglite-socket on a unix socket.
 * dataDir null means an in-memory database (tests). The caller holds the DATA_DIR lock.
 */
export async function startEmbeddedDatabase(options: { dataDir: string | null; socketDir?: string; maxConnections?: number }): Promise<EmbeddedDatabase> {
  let socketDir = options.socketDir ?? (options.dataDir ? path.dirname(options.dataDir) : null);
  let tempDir: string | null = null;
  // unix socket paths are limited to 107 bytes
  if (!socketDir || Buffer.byteLength(path.join(socketDir, `.s.PGSQL.${SOCKET_PORT}`)) > 100) {
    tempDir = mkdtempSync(path.join(os.tmpdir(), 'gk-'));
    socketDir = tempDir;
  }
  const socketPath = path.join(socketDir, `.s.PGSQL.${SOCKET_PORT}`);
  rmSync(socketPath, { force: true });

  const worker = new Worker(new URL('./pglite-worker.ts', import.meta.url), {
    workerData: { dataDir: options.dataDir, socketPath, maxConnections: options.maxConnections ?? 100 },
  });
  await new Promise<void>((resolve, reject) => {
    const onMessage = (msg: { type: string; message?: string }) => {
      if (msg.type === 'ready') {
        cleanup();
        resolve();
      } else if (msg.type === 'error') {
        cleanup();
        reject(new Error(`嵌入式数据库启动失败：${msg.message ?? ''}`));
      }
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
  });

  let stopped = false;
  return {
    url: `postgres://postgres@localhost:${SOCKET_PORT}/postgres?host=${encodeURIComponent(socketDir)}`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => resolve(), 10_000);
        worker.on('message', (msg: { type: string }) => {
          if (msg.type === 'stopped') {
            clearTimeout(timer);
            resolve();
          }
        });
        worker.postMessage({ type: 'stop' });
      });
      await worker.terminate();
      rmSync(socketPath, { force: true });
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    },
  };
}
