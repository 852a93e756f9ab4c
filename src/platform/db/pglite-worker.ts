// Runs PGlite in its own thread behind a PostgreSQL wire-protocol socket, so a slow query never
// blocks the HTTP event loop (measured: PGlite in the main thread froze every request).
// Erasable TypeScript only: Node runs this file directly.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

interface WorkerInput {
  dataDir: string | null;
  socketPath: string;
  maxConnections: number;
}

const input = workerData as WorkerInput;

async function main(): Promise<void> {
  const db = await PGlite.create(input.dataDir ? { dataDir: input.dataDir } : {});
  // 日期一律按 Asia/Shanghai 解释 (one backend session serves every socket connection)
  await db.exec("SET TIME ZONE 'Asia/Shanghai'");
  const server = new PGLiteSocketServer({ db, path: input.socketPath, maxConnections: input.maxConnections });
  await server.start();
  parentPort?.postMessage({ type: 'ready' });
  parentPort?.on('message', async (msg: { type: string }) => {
    if (msg.type !== 'stop') return;
    try {
      await server.stop();
      await db.close();
    } finally {
      parentPort?.postMessage({ type: 'stopped' });
    }
  });
}

main().catch((err: unknown) => {
  parentPort?.postMessage({ type: 'error', message: err instanceof Error ? err.stack ?? err.message : String(err) });
});
