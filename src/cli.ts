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
  import <文件或目录> [--agency <代码>] [--dry-run] [--json]  导入旧网页
  privacy scan [--jsonl]        检查标准输入中的个人信息，输出 JSON（不连接数据库）
  privacy mask [--mode m] [--policy p]  输出去标识化后的文本（mask|suppress|pseudonymize；default|punitive）
  report annual --agency <代码> --year <年> --format json|docx|xlsx|pdf|html [--subtree] [--out <文件>]  年度报告
  search reindex                重建信息检索索引
  jobs list | jobs run <名称>     列出后台任务 / 立即执行一次某个后台任务
`;

/** Commands load lazily so `gongkai privacy scan` never pays for the database. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  audit: async () => (await import('./cli/audit.command.ts')).auditCommand,
  import: async () => (await import('./cli/import.command.ts')).importCommand,
  jobs: async () => (await import('./platform/jobs/jobs.command.ts')).jobsCommand,
  migrate: async () => (await import('./cli/serve.command.ts')).migrateCommand,
  privacy: async () => (await import('./cli/privacy.command.ts')).privacyCommand,
  report: async () => (await import('./modules/report/report.command.ts')).reportCommand,
  search: async () => (await import('./modules/disclosure/search.command.ts')).searchCommand,
  seed: async () => (await import('./cli/serve.command.ts')).seedCommand,
  serve: async () => (await import('./cli/serve.command.ts')).serveCommand,
  user: async () => (await import('./cli/user.command.ts')).userCommand,
  workdays: async () => (await import('./cli/workdays.command.ts')).workdaysCommand,
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
