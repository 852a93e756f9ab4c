import { configOrExit, parseArgs, UsageError, withDeps, type Command } from '../../cli/context.ts';
import { UnknownJobError, type AnyJobDefinition } from './runner.ts';

const USAGE = `用法：
  gongkai jobs list                          列出后台任务及其执行时间（北京时间）
  gongkai jobs run <名称> [--data <JSON>]     立即执行一次某个后台任务（同步执行，不经队列）`;

/** `gongkai jobs list|run`: the background jobs of src/jobs.ts. `jobs` is injectable for tests. */
export function createJobsCommand(load: () => Promise<readonly AnyJobDefinition[]> = async () => (await import('../../jobs.ts')).JOBS): Command {
  return async (args, io) => {
    const [sub, ...rest] = args;
    switch (sub) {
      case 'list': {
        parseArgs(rest, {});
        const jobs = await load();
        io.stdout(jobs.length ? jobs.map((j) => `${j.name}\t${j.cron ?? '（仅按需执行）'}`).join('\n') + '\n' : '当前没有登记任何后台任务。\n');
        return 0;
      }
      case 'run': {
        const { positional, options } = parseArgs(rest, { options: ['data'] });
        const [name, ...extra] = positional;
        if (!name) throw new UsageError(`缺少任务名称。\n${USAGE}`);
        if (extra.length) throw new UsageError(`参数过多。\n${USAGE}`);
        const data = parseData(options.get('data'));
        const jobs = await load();
        const def = jobs.find((j) => j.name === name);
        if (!def) {
          io.stderr(`${new UnknownJobError(name, jobs).message}\n`);
          return 1;
        }
        const config = configOrExit(io);
        if (!config) return 1;
        const started = Date.now();
        await withDeps(config, (deps) => def.run(deps, data));
        io.stdout(`后台任务 ${name} 已执行完毕（用时 ${Date.now() - started} 毫秒）。\n`);
        return 0;
      }
      default:
        throw new UsageError(sub ? `不认识的子命令：${sub}\n${USAGE}` : USAGE);
    }
  };
}

function parseData(raw: string | undefined): object {
  if (raw === undefined) return {};
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new UsageError(`--data 不是有效的 JSON：${raw.slice(0, 80)}`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new UsageError('--data 应为 JSON 对象，如 {"agencyId":"…"}');
  return value;
}

export const jobsCommand: Command = createJobsCommand();
