// /console/hotline/supervision: the dashboard and the monthly report downloads. Thin: parse, one service call, render.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.ts';
import { shanghaiDate } from '../../platform/calendar/workdays.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { requireActor } from '../../platform/http/session.ts';
import { formErrors, html, query } from './console.http.ts';
import { dashboardCharts } from './supervision.charts.ts';
import { monthlyReportDocx, monthlyReportXlsx } from './supervision.export.ts';
import { SUPERVISION_PATH, SupervisionPage } from './supervision.views.tsx';

export async function registerSupervisionRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const supervision = deps.hotlineConsole.supervision;

  app.get(SUPERVISION_PATH, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const filters = { from: query(req, 'from'), to: query(req, 'to'), agencyId: query(req, 'agencyId') };
    const input = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== ''));
    let errors: FieldError[] = [];
    let d;
    try {
      d = await supervision.dashboard(actor, input);
    } catch (err) {
      const shown = formErrors(err);
      if (!shown) throw err;
      errors = shown.fields;
      d = await supervision.dashboard(actor, {});
    }
    const month = (filters.to || shanghaiDate()).slice(0, 7);
    return html(reply, <SupervisionPage ctx={req.ctx} d={d} charts={dashboardCharts(d)} filters={filters} errors={errors} month={month} />, errors.length ? 400 : 200);
  });

  app.get(`${SUPERVISION_PATH}/report`, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const format = query(req, 'format') === 'xlsx' ? 'xlsx' : 'docx';
    const report = await supervision.monthlyReport(actor, { month: query(req, 'month'), agencyId: query(req, 'agencyId') });
    const name = encodeURIComponent(`12345月报-${report.agency.name}-${report.month}.${format}`);
    const body = format === 'xlsx' ? await monthlyReportXlsx(report) : await monthlyReportDocx(report);
    const type = format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    return reply.header('cache-control', 'no-store').header('content-disposition', `attachment; filename*=UTF-8''${name}`).type(type).send(body);
  });
}
