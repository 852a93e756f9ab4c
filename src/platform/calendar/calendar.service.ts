import type { Actor, AuditActor } from '../auth/actor.ts';
import { recordAudit } from '../audit/audit.ts';
import { can } from '../auth/policy.ts';
import { constraintOf, type Db, type Tx } from '../db/database.ts';
import { AppError, validationError, type FieldError, STALE_MESSAGE } from '../http/errors.ts';
import { validateInput } from '../http/validate.ts';
import {
  deleteCalendarDayRow,
  findCalendarDay,
  findCalendarYear,
  insertCalendarDay,
  selectAllCalendarDays,
  selectCalendarDaysOfYear,
  selectCalendarYears,
  updateCalendarDayRow,
  upsertCalendarYear,
} from './calendar.repository.ts';
import { ClearCalendarDay, MarkCalendarYear, SetCalendarDay } from './calendar.schema.ts';
import type { CalendarDay, CalendarYear } from './calendar.tables.ts';
import * as days from './workdays.ts';
import type { DayKind, IsoDate, Overrides } from './workdays.ts';

/** Working days per the State Council's schedule as entered in calendar_days, plus the admin's edits. */
export interface CalendarService {
  isWorkday(date: IsoDate): Promise<boolean>;
  /** n working days after `date`, counting from the day after (条例's periods). Throws RangeError on a bad date or n. */
  addWorkingDays(date: IsoDate, n: number): Promise<IsoDate>;
  /** working days in (from, to] */
  workingDaysBetween(from: IsoDate, to: IsoDate): Promise<number>;
  /** the cached overrides, for callers computing many deadlines with the pure functions of workdays.ts */
  overrides(): Promise<Overrides>;
  /** years whose schedule has been entered, ascending */
  coverage(): Promise<number[]>;
  /** years from fromDate's to toDate's (either order) that have no schedule: results there assume Monday–Friday */
  missingYears(fromDate: IsoDate, toDate: IsoDate): Promise<number[]>;
  /** from 11月 on, true when next year's schedule has not been entered */
  nextYearMissing(today?: IsoDate): Promise<boolean>;
  listYears(): Promise<CalendarYear[]>;
  listDays(year: number): Promise<CalendarDay[]>;
  /** VALIDATION_FAILED, FORBIDDEN, STALE_RECORD (when `version` is given and the row changed) */
  setDay(actor: Actor, date: string, kind: string, name: string, version?: number): Promise<CalendarDay>;
  /** VALIDATION_FAILED, FORBIDDEN, NOT_FOUND, STALE_RECORD */
  clearDay(actor: Actor, date: string, version?: number): Promise<void>;
  /** records that `year`'s State Council schedule has been entered; VALIDATION_FAILED, FORBIDDEN */
  markYearPublished(actor: Actor, year: number, note: string): Promise<CalendarYear>;
  /** drops the cache; the next call reloads (edits in this process do it themselves) */
  invalidate(): void;
}

export interface CalendarServiceOptions {
  /** how long cached overrides are trusted, so edits made by another process (worker, CLI) show up; default 60 s */
  cacheTtlMs?: number;
  now?: () => number;
}

interface Snapshot {
  overrides: Map<IsoDate, DayKind>;
  years: Set<number>;
  loadedAt: number;
}

const WEEKDAY_NAMES = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const;


function assertCanManage(actor: Actor): void {
  if (!can(actor, 'calendar.manage', null)) throw new AppError('FORBIDDEN', '只有系统管理员可以维护工作日历。');
}

function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/** Checks a day edit beyond its schema: a real date that actually differs from the Monday–Friday rule. */
function dayProblems(date: string, kind: DayKind | undefined): FieldError[] {
  if (!days.isIsoDate(date)) return [{ field: 'date', message: '日期：应为有效的日期，格式如 2025-10-01' }];
  const year = yearOf(date);
  if (year < 2000 || year > 2100) return [{ field: 'date', message: '日期：年份应在 2000 至 2100 之间' }];
  if (!kind) return [];
  const weekend = days.isWeekend(date);
  const wd = WEEKDAY_NAMES[days.weekday(date)] ?? '';
  // Only differences from the Monday–Friday rule are stored (calendar_days_differs_check).
  if (kind === 'holiday' && weekend) return [{ field: 'kind', message: `类型：${date} 是${wd}，本来就是休息日，无需录入` }];
  if (kind === 'workday' && !weekend) return [{ field: 'kind', message: `类型：${date} 是${wd}，本来就是工作日；如要取消该日放假，请删除该日` }];
  return [];
}

function snapshotOf(row: CalendarDay | undefined) {
  return row ? { kind: row.kind, name: row.name, source: row.source, version: row.version } : null;
}

export function createCalendarService(db: Db, options: CalendarServiceOptions = {}): CalendarService {
  const ttl = options.cacheTtlMs ?? 60_000;
  const now = options.now ?? Date.now;
  let snapshot: Snapshot | null = null;
  let loading: Promise<Snapshot> | null = null;
  let generation = 0;

  async function load(): Promise<Snapshot> {
    if (snapshot && now() - snapshot.loadedAt < ttl) return snapshot;
    if (loading) return loading;
    const gen = generation;
    loading = (async () => {
      const [rows, years] = await Promise.all([selectAllCalendarDays(db), selectCalendarYears(db)]);
      const s: Snapshot = { overrides: new Map(rows.map((r) => [r.day, r.kind])), years: new Set(years.map((y) => y.year)), loadedAt: now() };
      // an edit that landed while we were loading makes this snapshot stale: don't keep it
      if (gen === generation) snapshot = s;
      return s;
    })().finally(() => {
      loading = null;
    });
    return loading;
  }

  function invalidate(): void {
    generation++;
    snapshot = null;
    loading = null;
  }

  async function audited<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    try {
      return await db.transaction(fn);
    } catch (err) {
      if (constraintOf(err) === 'calendar_days_pk') throw new AppError('STALE_RECORD', STALE_MESSAGE);
      throw err;
    } finally {
      invalidate();
    }
  }

  async function missingYears(fromDate: IsoDate, toDate: IsoDate): Promise<number[]> {
    const s = await load();
    const [a, b] = [yearOf(fromDate), yearOf(toDate)].sort((x, y) => x - y) as [number, number];
    const out: number[] = [];
    for (let y = a; y <= b; y++) if (!s.years.has(y)) out.push(y);
    return out;
  }

  return {
    async isWorkday(date) {
      return days.isWorkday(date, (await load()).overrides);
    },
    async addWorkingDays(date, n) {
      return days.addWorkingDays(date, n, (await load()).overrides);
    },
    async workingDaysBetween(from, to) {
      return days.workingDaysBetween(from, to, (await load()).overrides);
    },
    async overrides() {
      return (await load()).overrides;
    },
    async coverage() {
      return [...(await load()).years].sort((a, b) => a - b);
    },
    missingYears,
    async nextYearMissing(today = days.shanghaiDate()) {
      if (Number(today.slice(5, 7)) < 11) return false;
      return (await missingYears(`${yearOf(today) + 1}-01-01`, `${yearOf(today) + 1}-01-01`)).length > 0;
    },
    listYears: () => selectCalendarYears(db),
    listDays: (year) => selectCalendarDaysOfYear(db, year),

    async setDay(actor, date, kind, name, version) {
      assertCanManage(actor);
      const input: Record<string, unknown> = { date, kind, name: name.trim() };
      if (version !== undefined) input.version = version;
      let valid: SetCalendarDay;
      try {
        valid = validateInput(SetCalendarDay, input);
      } catch (err) {
        // report the date's and the kind's problems together with the schema's
        const extra = err instanceof AppError ? dayProblems(date, undefined).filter((p) => !err.fields.some((f) => f.field === p.field)) : [];
        if (err instanceof AppError && extra.length) throw validationError([...err.fields, ...extra]);
        throw err;
      }
      const problems = dayProblems(valid.date, valid.kind);
      if (problems.length) throw validationError(problems);
      return audited(async (tx) => {
        const before = await findCalendarDay(tx, valid.date);
        if (valid.version !== undefined && (!before || before.version !== valid.version)) throw new AppError('STALE_RECORD', STALE_MESSAGE);
        const values = { kind: valid.kind, name: valid.name, source: 'admin' as const, updatedBy: actor.userId };
        const after = before ? await updateCalendarDayRow(tx, valid.date, before.version, values) : await insertCalendarDay(tx, { day: valid.date, ...values });
        if (!after) throw new AppError('STALE_RECORD', STALE_MESSAGE);
        await recordAudit(tx, { actor, action: 'calendar.set_day', entityType: 'calendar_day', entityId: valid.date, before: snapshotOf(before), after: snapshotOf(after) });
        return after;
      });
    },

    async clearDay(actor, date, version) {
      assertCanManage(actor);
      const input: Record<string, unknown> = { date };
      if (version !== undefined) input.version = version;
      const valid = validateInput(ClearCalendarDay, input);
      const problems = dayProblems(valid.date, undefined);
      if (problems.length) throw validationError(problems);
      await audited(async (tx) => {
        const before = await findCalendarDay(tx, valid.date);
        if (!before) {
          if (valid.version !== undefined) throw new AppError('STALE_RECORD', STALE_MESSAGE);
          throw new AppError('NOT_FOUND', `${valid.date} 没有特别安排，无需删除。`);
        }
        if (valid.version !== undefined && before.version !== valid.version) throw new AppError('STALE_RECORD', STALE_MESSAGE);
        if (!(await deleteCalendarDayRow(tx, valid.date, before.version))) throw new AppError('STALE_RECORD', STALE_MESSAGE);
        await recordAudit(tx, { actor, action: 'calendar.clear_day', entityType: 'calendar_day', entityId: valid.date, before: snapshotOf(before), after: null });
      });
    },

    async markYearPublished(actor, year, note) {
      assertCanManage(actor);
      const valid = validateInput(MarkCalendarYear, { year, note: note.trim() });
      return audited(async (tx) => {
        const before = await findCalendarYear(tx, valid.year);
        const after = await upsertCalendarYear(tx, { year: valid.year, source: 'admin', publishedNote: valid.note, updatedBy: actor.userId });
        await recordAudit(tx, {
          actor,
          action: 'calendar.mark_year',
          entityType: 'calendar_year',
          entityId: String(valid.year),
          before: before ? { source: before.source, publishedNote: before.publishedNote } : null,
          after: { source: after.source, publishedNote: after.publishedNote },
        });
        return after;
      });
    },

    invalidate,
  };
}

/** The audit actor of package imports. */
export const CALENDAR_SYNC_ACTOR: AuditActor = { system: 'chinese-days' };
