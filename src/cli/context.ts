import { loadConfig, ConfigError, type Config } from '../config.ts';
import { createDeps, type Deps } from '../deps.ts';
import { openDatabase } from '../platform/db/database.ts';
import { migrate } from '../platform/db/migrate.ts';
import { syncCalendarFromPackage } from '../platform/calendar/index.ts';

/** A command's exit status; output goes through io so tests can capture it. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdin: () => Promise<Buffer>;
}

export const processIo: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  stdin: async () => {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  },
};

export type Command = (args: string[], io: CliIo) => Promise<number>;

export class UsageError extends Error {}

export function configOrExit(io: CliIo): Config | null {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      io.stderr(err.message + '\n');
      return null;
    }
    throw err;
  }
}

/** Opens the configured database (migrated), runs fn with the deps, and closes it. */
export async function withDeps<T>(config: Config, fn: (deps: Deps) => Promise<T>): Promise<T> {
  const database = await openDatabase(config);
  try {
    await migrate(database.pool);
    await syncCalendarFromPackage(database.db);
    return await fn(createDeps(config, database));
  } finally {
    await database.close();
  }
}

/** --name value and --flag options, plus positional arguments. */
export function parseArgs(args: string[], spec: { flags?: string[]; options?: string[] }): { positional: string[]; flags: Set<string>; options: Map<string, string> } {
  const positional: string[] = [];
  const flags = new Set<string>();
  const options = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
      if (spec.flags?.includes(name)) flags.add(name);
      else if (spec.options?.includes(name)) {
        const v = inline ?? args[++i];
        if (v === undefined) throw new UsageError(`选项 --${name} 需要一个值`);
        options.set(name, v);
      } else throw new UsageError(`不认识的选项 --${name}`);
    } else positional.push(a);
  }
  return { positional, flags, options };
}
