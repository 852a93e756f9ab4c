import { startServer } from '../server.ts';
import { seedDemoDataIfEmpty } from '../seed.ts';
import { configOrExit, parseArgs, withDeps, type Command } from './context.ts';

export const serveCommand: Command = async (args, io) => {
  parseArgs(args, {});
  const config = configOrExit(io);
  if (!config) return 1;
  const server = await startServer(config);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    io.stderr(`收到 ${signal}，正在关闭…\n`);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  return 0;
};

export const migrateCommand: Command = async (args, io) => {
  parseArgs(args, {});
  const config = configOrExit(io);
  if (!config) return 1;
  const { openDatabase } = await import('../platform/db/database.ts');
  const { migrate } = await import('../platform/db/migrate.ts');
  const database = await openDatabase(config);
  try {
    const applied = await migrate(database.pool);
    io.stdout(applied.length ? `已执行 ${applied.length} 个迁移：\n${applied.map((a) => `  ${a}`).join('\n')}\n` : '数据库已是最新，无需迁移。\n');
  } finally {
    await database.close();
  }
  return 0;
};

export const seedCommand: Command = async (args, io) => {
  parseArgs(args, {});
  const config = configOrExit(io);
  if (!config) return 1;
  const seeded = await withDeps(config, (deps) => seedDemoDataIfEmpty(deps));
  io.stdout(seeded ? '已载入演示数据。\n' : '数据库已有数据，未载入演示数据。\n');
  return 0;
};
