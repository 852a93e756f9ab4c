import { isIsoDate } from '../platform/calendar/workdays.ts';
import { configOrExit, UsageError, withDeps, type Command, type CliIo } from './context.ts';

const USAGE = `用法：
  gongkai workdays add <YYYY-MM-DD> <n>   输出 n 个工作日后的日期（自次日起算）
  gongkai workdays is <YYYY-MM-DD>        输出 workday（工作日）或 holiday（休息日）`;

/** the longest period we compute: no legal period comes near ten years of working days */
const MAX_DAYS = 2500;

function parseDate(value: string | undefined): string {
  if (value === undefined) throw new UsageError(`缺少日期。\n${USAGE}`);
  if (!isIsoDate(value)) throw new UsageError(`日期“${value}”无效：应为存在的日期，格式 YYYY-MM-DD，如 2025-09-19。`);
  return value;
}

function parseCount(value: string | undefined): number {
  if (value === undefined) throw new UsageError(`缺少工作日数 n。\n${USAGE}`);
  if (!/^\d+$/.test(value)) throw new UsageError(`工作日数“${value}”无效：应为不小于 0 的整数。`);
  const n = Number(value);
  if (n > MAX_DAYS) throw new UsageError(`工作日数“${value}”过大：最多 ${MAX_DAYS}。`);
  return n;
}

function warnMissing(io: CliIo, years: number[]): void {
  if (!years.length) return;
  io.stderr(`警告：${years.join('、')} 年的节假日安排尚未录入，这些年份暂按周一至周五为工作日计算，结果可能不准确。请系统管理员在管理后台“工作日历”中录入国务院办公厅的节假日安排。\n`);
}

/** `gongkai workdays add|is`: working-day arithmetic on the database's calendar (withDeps syncs it from chinese-days first). */
export const workdaysCommand: Command = async (args, io) => {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'add': {
      if (rest.length > 2) throw new UsageError(`参数过多。\n${USAGE}`);
      const date = parseDate(rest[0]);
      const n = parseCount(rest[1]);
      const config = configOrExit(io);
      if (!config) return 1;
      const { result, missing } = await withDeps(config, async (deps) => {
        const result = await deps.calendar.addWorkingDays(date, n);
        return { result, missing: await deps.calendar.missingYears(date, result) };
      });
      io.stdout(`${result}\n`);
      warnMissing(io, missing);
      return 0;
    }
    case 'is': {
      if (rest.length > 1) throw new UsageError(`参数过多。\n${USAGE}`);
      const date = parseDate(rest[0]);
      const config = configOrExit(io);
      if (!config) return 1;
      const { workday, missing } = await withDeps(config, async (deps) => {
        return { workday: await deps.calendar.isWorkday(date), missing: await deps.calendar.missingYears(date, date) };
      });
      io.stdout(workday ? 'workday\n' : 'holiday\n');
      warnMissing(io, missing);
      return 0;
    }
    default:
      throw new UsageError(sub ? `不认识的子命令：${sub}\n${USAGE}` : USAGE);
  }
};
