import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { forbidden } from '../../platform/auth/guard.ts';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import { requireActor } from '../../platform/http/session.ts';
import { renderPage } from '../../platform/views/render.ts';
import type { Agency } from '../agencies/index.ts';
import { chartsHtml, reportCharts } from './report.charts.ts';
import { toDocx, toReportJson, toXlsx } from './report.export.ts';
import { toPdf } from './report.pdf.ts';
import { canOnReport, mayAnywhere, type ReportAction } from './report.policy.ts';
import type { ReportView } from './report.service.ts';
import { escapeHtml, renderReportDocument, reportTitle } from './views/report-document.tsx';
import { REPORTS_PATH, ReportBoardPage, ReportEditorPage, ReportPickerPage, reportHref, valuesOf, type EditorValues } from './views/report-pages.tsx';

function html(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply.status(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(renderPage(page));
}

function query(req: FastifyRequest, key: string): string {
  const v = (req.query as Record<string, unknown> | undefined)?.[key];
  return typeof v === 'string' ? v.trim() : '';
}

function bodyOf(req: FastifyRequest): Record<string, unknown> {
  const b = req.body;
  return b && typeof b === 'object' ? (b as Record<string, unknown>) : {};
}
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Form text → the service's numbers: empty = not entered (null); anything else is passed on to be checked. */
function figure(v: string): number | null | string {
  const t = v.trim().replace(/,/g, '');
  if (t === '') return null;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const lastYear = (): number => Number(new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date())) - 1;

type Params = { Params: { agencyId: string; year: string } };
type ExportParams = { Params: { agencyId: string; year: string; format: string } };

/** /console/reports: every decision is the report service's; handlers parse, call one function, render. */
export async function registerReportConsoleRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  await app.register(async (scope) => {
    // the import form is multipart; parsed before the CSRF check reads `_csrf` (as in items.console.routes.tsx)
    scope.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: 5 * 1024 * 1024 }, async (req: FastifyRequest, body: Buffer | string) => {
      let form: FormData;
      try {
        form = await new Response(new Uint8Array(typeof body === 'string' ? Buffer.from(body) : body), { headers: { 'content-type': req.headers['content-type'] ?? '' } }).formData();
      } catch {
        throw new AppError('BAD_REQUEST', '上传的表单无法读取，请重新选择文件后提交。');
      }
      const fields: Record<string, unknown> = {};
      for (const [key, value] of form.entries()) {
        if (typeof value === 'string') fields[key] = value;
        else if (!fields._file) fields._file = { filename: value.name, bytes: new Uint8Array(await value.arrayBuffer()) };
      }
      return fields;
    });
    await registerRoutes(scope, deps);
  });
}

async function registerRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const service = deps.report;

  async function agenciesFor(actor: Actor, action: ReportAction): Promise<Agency[]> {
    return (await deps.agencies.listAgencies()).filter((a) => canOnReport(actor, action, a));
  }

  async function agencyOf(id: string): Promise<Agency> {
    if (!UUID.test(id)) throw new AppError('NOT_FOUND', '没有找到该机关。');
    return deps.agencies.getAgencyById(id);
  }

  async function renderEditor(req: FastifyRequest, reply: FastifyReply, actor: Actor, agencyId: string, year: string, opts: { values?: (v: EditorValues) => EditorValues; errors?: FieldError[]; status?: number } = {}) {
    const agency = await agencyOf(agencyId);
    const subtree = query(req, 'subtree') === '1';
    const view = await service.getReportView(actor, agency.id, year, { subtree });
    const base = valuesOf(view);
    return html(
      reply,
      <ReportEditorPage
        ctx={req.ctx}
        view={view}
        values={opts.values ? opts.values(base) : base}
        errors={opts.errors ?? []}
        charts={reportCharts(view.report)}
        mayEdit={canOnReport(actor, 'report.edit', agency)}
        mayPublish={canOnReport(actor, 'report.publish', agency)}
        subtree={subtree}
      />,
      opts.status ?? 200,
    );
  }

  function shownErrors(err: unknown): { status: number; fields: FieldError[] } | null {
    if (!(err instanceof AppError)) return null;
    if (err.code === 'VALIDATION_FAILED') return { status: 400, fields: err.fields.length ? err.fields : [{ field: 'form', message: err.message }] };
    if (err.code === 'STALE_RECORD' || err.code === 'ILLEGAL_TRANSITION') return { status: err.status, fields: [{ field: 'form', message: err.message }] };
    return null;
  }

  app.get(REPORTS_PATH, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    if (!mayAnywhere(actor, 'report.read')) throw forbidden();
    const agencies = (await agenciesFor(actor, 'report.read')).map((a) => ({ id: a.id, name: a.name }));
    const agency = query(req, 'agency');
    const year = query(req, 'year');
    if (agency || year) {
      const errors: FieldError[] = [];
      if (!agencies.some((a) => a.id === agency)) errors.push({ field: 'agency', message: '机关：请选择您有权查看的机关' });
      if (!/^\d{4}$/.test(year)) errors.push({ field: 'year', message: '年度：应为四位年份' });
      if (!errors.length) return reply.redirect(reportHref(agency, Number(year), query(req, 'subtree') === '1'), 303);
      return html(reply, <ReportPickerPage ctx={req.ctx} agencies={agencies} year={year} errors={errors} />, 400);
    }
    return html(reply, <ReportPickerPage ctx={req.ctx} agencies={agencies} year={String(lastYear())} errors={[]} />);
  });

  app.get(`${REPORTS_PATH}/board`, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const roots = await agenciesFor(actor, 'report.board');
    const first = roots[0];
    if (!first) throw forbidden();
    const rootId = query(req, 'agency') || first.id;
    const board = await service.deadlineBoard(actor, (await agencyOf(rootId)).id, query(req, 'year') || String(lastYear()));
    return html(reply, <ReportBoardPage ctx={req.ctx} rootName={board.root.name} year={board.year} rows={board.rows} roots={roots.map((a) => ({ id: a.id, name: a.name }))} rootId={board.root.id} />);
  });

  app.post(`${REPORTS_PATH}/import`, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const body = bodyOf(req);
    const back = str(body.back);
    const file = body._file as { filename: string; bytes: Uint8Array } | undefined;
    const m = /^\/console\/reports\/([0-9a-f-]{36})\/(\d{4})/.exec(back);
    try {
      if (!file || !file.bytes.length) throw new AppError('VALIDATION_FAILED', '请选择要导入的文件', { fields: [{ field: 'file', message: '文件：请选择要导入的 .xlsx 或 .csv 文件' }] });
      const result = await service.importOutsideFigures(actor, file);
      reply.flash('success', `已导入 ${result.rows} 行数字。`);
      return reply.redirect(m ? back : REPORTS_PATH, 303);
    } catch (err) {
      const shown = shownErrors(err);
      if (!shown || !m) throw err;
      return renderEditor(req, reply, actor, m[1]!, m[2]!, { errors: shown.fields, status: shown.status });
    }
  });

  app.get<Params>(`${REPORTS_PATH}/:agencyId/:year`, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    return renderEditor(req, reply, actor, req.params.agencyId, req.params.year);
  });

  app.post<Params>(`${REPORTS_PATH}/:agencyId/:year/text`, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const b = bodyOf(req);
    const explanations: Record<string, string> = {};
    for (const [k, v] of Object.entries(b)) if (k.startsWith('explain:') && typeof v === 'string') explanations[k.slice('explain:'.length)] = v;
    const input = { overview: str(b.overview), problems: str(b.problems), assessment: str(b.assessment), otherMatters: str(b.otherMatters), explanations, subtree: str(b.subtree) === '1' };
    const agency = await agencyOf(req.params.agencyId);
    try {
      await service.saveText(actor, agency.id, req.params.year, Number(str(b.version)) || 0, input);
      reply.flash('success', '已保存。');
      return reply.redirect(reportHref(agency.id, Number(req.params.year), input.subtree), 303);
    } catch (err) {
      const shown = shownErrors(err);
      if (!shown) throw err;
      return renderEditor(req, reply, actor, agency.id, req.params.year, { values: (v) => ({ ...v, ...input, explanations: { ...v.explanations, ...explanations } }), errors: shown.fields, status: shown.status });
    }
  });

  app.post<Params>(`${REPORTS_PATH}/:agencyId/:year/figures`, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const b = bodyOf(req);
    const raw = { licensing: str(b.licensing), penalty: str(b.penalty), enforcement: str(b.enforcement), feesWanYuan: str(b.feesWanYuan) };
    const agency = await agencyOf(req.params.agencyId);
    try {
      await service.saveOutsideFigures(actor, agency.id, req.params.year, { licensing: figure(raw.licensing), penalty: figure(raw.penalty), enforcement: figure(raw.enforcement), feesWanYuan: figure(raw.feesWanYuan) });
      reply.flash('success', '已保存来自其他系统的数字。');
      return reply.redirect(reportHref(agency.id, Number(req.params.year), query(req, 'subtree') === '1'), 303);
    } catch (err) {
      const shown = shownErrors(err);
      if (!shown) throw err;
      return renderEditor(req, reply, actor, agency.id, req.params.year, { values: (v) => ({ ...v, ...raw }), errors: shown.fields, status: shown.status });
    }
  });

  app.post<Params>(`${REPORTS_PATH}/:agencyId/:year/publish`, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const agency = await agencyOf(req.params.agencyId);
    try {
      const result = await service.publishReport(actor, agency.id, req.params.year, Number(str(bodyOf(req).version)) || 0);
      if (result.ok) {
        reply.flash('success', `已发布，索引号 ${result.indexNumber}。`);
        return reply.redirect(reportHref(agency.id, Number(req.params.year)), 303);
      }
      const fields = result.reason === 'violations' ? [{ field: 'form', message: result.message }, ...result.violations.map((v) => ({ field: `explain:${v.rule}@${v.cell}`, message: `${v.rule}：${v.message}（未说明）` }))] : [{ field: 'form', message: result.message }];
      return renderEditor(req, reply, actor, agency.id, req.params.year, { errors: fields, status: 409 });
    } catch (err) {
      const shown = shownErrors(err);
      if (!shown) throw err;
      return renderEditor(req, reply, actor, agency.id, req.params.year, { errors: shown.fields, status: shown.status });
    }
  });

  app.get<ExportParams>(`${REPORTS_PATH}/:agencyId/:year/export.:format`, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const agency = await agencyOf(req.params.agencyId);
    const view: ReportView = await service.getReportView(actor, agency.id, req.params.year, { subtree: query(req, 'subtree') === '1' });
    const r = view.report;
    const name = encodeURIComponent(`${reportTitle(r.agency.name, r.year)}`);
    const send = (type: string, ext: string, data: Buffer | string) =>
      reply.header('cache-control', 'no-store').header('content-disposition', `attachment; filename="report-${r.year}.${ext}"; filename*=UTF-8''${name}.${ext}`).type(type).send(data);
    switch (req.params.format) {
      case 'json':
        return send('application/json; charset=utf-8', 'json', JSON.stringify(toReportJson(r), null, 2));
      case 'html':
        return send('text/html; charset=utf-8', 'html', renderReportDocument(r, view.draft, view.isGovernment, chartsHtml(reportCharts(r), escapeHtml)));
      case 'docx':
        return send('application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx', await toDocx(r, view.draft, view.isGovernment));
      case 'xlsx':
        return send('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'xlsx', await toXlsx(r));
      case 'pdf':
        return send('application/pdf', 'pdf', await toPdf(r, view.draft, view.isGovernment));
      default:
        throw new AppError('NOT_FOUND', '不支持该导出格式（可选 docx、xlsx、pdf、json、html）。');
    }
  });
}
