import { AppError } from './platform/http/errors.ts';
import { DataDirLockedError } from './platform/db/lockfile.ts';
import { processIo, UsageError, type CliIo, type Command } from './cli/context.ts';

const USAGE = `用法：gongkai <命令> [参数]

  serve                         启动门户与管理后台（默认嵌入式数据库）
  migrate                       执行数据库迁移
  seed                          载入演示数据（仅当数据库为空）
  user add ...                  新建工作人员账号
  workdays add <日期> <n>        计算 n 个工作日后的日期
  workdays is <日期>             判断某日是工作日还是休息日
  audit verify                  校验审计日志哈希链
`;

/** Commands load lazily so `gongkai privacy scan` never pays for the database. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  audit: async () => (await import('./cli/audit.command.ts')).auditCommand,
  migrate: async () => (await import('./cli/serve.command.ts')).migrateCommand,
  seed: async () => (await import('./cli/serve.command.ts')).seedCommand,
  serve: async () => (await import('./cli/serve.command.ts')).serveCommand,
};

export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.stdout(USAGE);
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.stderr(`不认识的命令：${name}\n\n${USAGE}`);
    return 2;
  }
  try {
    return await (await load())(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`${err.message}\n`);
      return 2;
    }
    if (err instanceof AppError || err instanceof DataDirLockedError) {
      io.stderr(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

const isMain = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain) {
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
