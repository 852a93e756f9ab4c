// File storage behind one interface: content-addressed by SHA-256, so the same bytes are stored once and a key
// never changes meaning. Embedded mode keeps files on local disk under DATA_DIR/files; an S3-compatible store can
// implement the same interface later (keys are plain hex, safe as object names).

import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../http/errors.ts';

export interface StoredFile {
  /** the storage key: the SHA-256 of the content, lower-case hex */
  key: string;
  sha256: string;
  sizeBytes: number;
}

/** Where attachment bytes live. Nothing is ever deleted through it: published files are kept for good. */
export interface FileStorage {
  /** Stores the bytes (a no-op when the same content is already there) and returns its key. */
  put(bytes: Uint8Array): Promise<StoredFile>;
  /** The bytes under `key`. Throws AppError NOT_FOUND when there are none. */
  get(key: string): Promise<Buffer>;
  has(key: string): Promise<boolean>;
}

const KEY = /^[0-9a-f]{64}$/;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function isStorageKey(key: string): boolean {
  return KEY.test(key);
}

function notFound(): AppError {
  return new AppError('NOT_FOUND', '未找到该文件。');
}

/**
 * Local-disk storage: `<root>/ab/abcdef….bin`. Writes go to a temporary file that is fsynced and renamed into
 * place, so a reader never sees half a file and a crash leaves no partial one under a real key.
 */
export function createLocalFileStorage(root: string): FileStorage {
  const pathOf = (key: string) => path.join(root, key.slice(0, 2), `${key}.bin`);

  async function has(key: string): Promise<boolean> {
    if (!isStorageKey(key)) return false;
    try {
      return (await stat(pathOf(key))).isFile();
    } catch {
      return false;
    }
  }

  return {
    has,

    async put(bytes) {
      const key = sha256Hex(bytes);
      const stored = { key, sha256: key, sizeBytes: bytes.byteLength };
      if (await has(key)) return stored;
      const target = pathOf(key);
      await mkdir(path.dirname(target), { recursive: true });
      const tmp = `${target}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        const fh = await open(tmp, 'wx', 0o640);
        try {
          await fh.writeFile(bytes);
          await fh.sync();
        } finally {
          await fh.close();
        }
        await rename(tmp, target);
      } catch (err) {
        await rm(tmp, { force: true });
        throw err;
      }
      return stored;
    },

    async get(key) {
      if (!isStorageKey(key)) throw notFound();
      try {
        return await readFile(pathOf(key));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw notFound();
        throw err;
      }
    },
  };
}

/** The storage the configuration asks for: local disk under DATA_DIR/files (the only kind so far). */
export function createFileStorage(config: { dataDir: string }): FileStorage {
  return createLocalFileStorage(path.join(config.dataDir, 'files'));
}
