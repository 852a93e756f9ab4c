import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { requirePermission } from '../../platform/auth/guard.ts';
import { isIsoDate, shanghaiDate } from '../../platform/calendar/workdays.ts';
import { AppError, validationError, type FieldError } from '../../platform/http/errors.ts';
import { renderPage } from '../../platform/views/render.ts';
import { calendarWarning } from './calendar.warning.tsx';
import { CalendarDayPage, CalendarPage, type CalendarPageProps, type DayFormValues } from './views/calendar-pages.tsx';

type Body = Record<string, unknown>;

function html(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply.status(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(renderPage(page));
}

function bodyOf(req: FastifyRequest): Body {
  const b = req.body;
  return b && typeof b === 'object' ? (b as Body) : {};
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** A form's version field: absent is undefined; anything else must be a positive integer. */
function formVersion(v: unknown): number | undefined {
  if (v === undefined || v === '') return undefined;
  if (typeof v === 'string' && /^[1-9]\d{0,8}$/.test(v)) return Number(v);
  throw validationError([{ field: 'version', message: '版本：页面数据有误，请刷新后重试' }]);
}

function isFormError(err: unknown): err is AppError {
  return err instanceof AppError && err.code === 'VALIDATION_FAILED' && err.fields.length > 0;
}

function pathDate(req: FastifyRequest): string {
  const date = str((req.params as Record<string, unknown>).date);
  if (!isIsoDate(date)) throw validationError([{ field: 'date', message: '日期：应为有效的日期，格式如 2025-10-01' }]);
  return date;
}

function queryYear(req: FastifyRequest): number {
  const raw = (req.query as Record<string, unknown>).year;
  if (raw === undefined || raw === '') return Number(shanghaiDate().slice(0, 4));
  if (typeof raw !== 'string' || !/^\d{4}$/.test(raw) || Number(raw) < 2000 || Number(raw) > 2100) throw validationError([{ field: 'year', message: '年份：应为 2000 至 2100 之间的四位年份' }]);
  return Number(raw);
}

/** Only a 系统管理员 may open the calendar editor at all (policy action calendar.manage). */
function requireCalendarAdmin(req: FastifyRequest): Actor {
  return requirePermission(req, 'calendar.manage', null);
}

export async function registerCalendarConsoleRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const { calendar } = deps;

  async function yearPage(req: FastifyRequest, year: number, extra: Partial<CalendarPageProps> = {}): Promise<VNode> {
    const [days, years, warning] = await Promise.all([calendar.listDays(year), calendar.listYears(), calendarWarning(calendar)]);
    const thisYear = Number(shanghaiDate().slice(0, 4));
    const yearLinks = [...new Set([...years.map((y) => y.year), thisYear - 1, thisYear, thisYear + 1, year])].sort((a, b) => a - b);
    return <CalendarPage ctx={req.ctx} year={year} days={days} years={years} yearLinks={yearLinks} warning={warning} {...extra} />;
  }

  /** the year a failed form belongs to: the submitted date's, or the current one */
  function yearOfSubmitted(date: string): number {
    const y = isIsoDate(date) ? Number(date.slice(0, 4)) : NaN;
    return y >= 2000 && y <= 2100 ? y : Number(shanghaiDate().slice(0, 4));
  }

  app.get('/console/calendar', async (req, reply) => {
    requireCalendarAdmin(req);
    return html(reply, await yearPage(req, queryYear(req)));
  });

  app.get('/console/calendar/days/:date', async (req, reply) => {
    requireCalendarAdmin(req);
    const date = pathDate(req);
    const day = (await calendar.listDays(Number(date.slice(0, 4)))).find((d) => d.day === date);
    if (!day) throw new AppError('NOT_FOUND', `${date} 没有特别安排。如需添加，请在工作日历页填写。`);
    return html(reply, <CalendarDayPage ctx={req.ctx} day={day} />);
  });

  app.post('/console/calendar/days', async (req, reply) => {
    const actor = requireCalendarAdmin(req);
    const body = bodyOf(req);
    const values: DayFormValues = { date: str(body.date).trim(), kind: str(body.kind), name: str(body.name) };
    const date = values.date ?? '';
    let version: number | undefined;
    try {
      version = formVersion(body.version);
      const day = await calendar.setDay(actor, date, values.kind ?? '', values.name ?? '', version);
      reply.flash('success', `已保存 ${day.day}：${day.name}（${day.kind === 'holiday' ? '放假' : '调休上班'}）。`);
      return reply.redirect(`/console/calendar?year=${day.day.slice(0, 4)}`, 303);
    } catch (err) {
      if (!isFormError(err)) throw err;
      const errors: FieldError[] = err.fields;
      if (version !== undefined) {
        const existing = (await calendar.listDays(yearOfSubmitted(date))).find((d) => d.day === date);
        if (existing) return html(reply, <CalendarDayPage ctx={req.ctx} day={existing} values={values} errors={errors} />, 400);
      }
      return html(reply, await yearPage(req, yearOfSubmitted(date), { errors, errorForm: 'day', dayValues: values }), 400);
    }
  });

  app.post('/console/calendar/days/:date/delete', async (req, reply) => {
    const actor = requireCalendarAdmin(req);
    const date = pathDate(req);
    await calendar.clearDay(actor, date, formVersion(bodyOf(req).version));
    reply.flash('success', `已删除 ${date} 的安排，该日恢复按周一至周五计算。`);
    return reply.redirect(`/console/calendar?year=${date.slice(0, 4)}`, 303);
  });

  app.post('/console/calendar/years', async (req, reply) => {
    const actor = requireCalendarAdmin(req);
    const body = bodyOf(req);
    const rawYear = str(body.year);
    const note = str(body.note);
    const year = /^\d{4}$/.test(rawYear) ? Number(rawYear) : NaN;
    try {
      if (Number.isNaN(year)) throw validationError([{ field: 'year', message: '年份：应为 2000 至 2100 之间的四位年份' }]);
      const saved = await calendar.markYearPublished(actor, year, note);
      reply.flash('success', `已记录 ${saved.year} 年节假日安排已录入（依据：${saved.publishedNote ?? ''}）。`);
      return reply.redirect(`/console/calendar?year=${saved.year}`, 303);
    } catch (err) {
      if (!isFormError(err)) throw err;
      const shown = year >= 2000 && year <= 2100 ? year : Number(shanghaiDate().slice(0, 4));
      return html(reply, await yearPage(req, shown, { errors: err.fields, errorForm: 'year', note }), 400);
    }
  });
}
