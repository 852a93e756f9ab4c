import type { FastifyInstance, FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import type { Deps } from '../../deps.ts';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import { requireActor } from '../../platform/http/session.ts';
import { renderPage } from '../../platform/views/render.ts';
import { agencyInputFromForm, bodyOf, formValuesFromBody, versionFromForm } from './agencies.form.ts';
import { AgencyConsoleListPage, AgencyFormPage, formValuesOf, RetireAgencyPage } from './views/agency-console-pages.tsx';

const LIST_PATH = '/console/agencies';

function html(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply.status(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(renderPage(page));
}

/** Refusals shown on the form itself: bad fields (400), someone else's edit or a state rule (409). */
function formErrors(err: unknown): { status: number; fields: FieldError[] } | null {
  if (!(err instanceof AppError)) return null;
  if (err.code === 'VALIDATION_FAILED') return { status: 400, fields: err.fields.length ? err.fields : [{ field: '(body)', message: err.message }] };
  if (err.code === 'STALE_RECORD' || err.code === 'ILLEGAL_TRANSITION') return { status: 409, fields: [{ field: '(body)', message: err.message }] };
  return null;
}

type CodeParams = { Params: { code: string } };

/** /console/agencies: the tree, new, edit, retire. Every decision is the service's (policy included). */
export async function registerAgencyConsoleRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const { agencies } = deps;

  app.get(LIST_PATH, async (req, reply) => {
    const list = await agencies.listAgenciesForConsole(requireActor(req));
    return html(reply, <AgencyConsoleListPage ctx={req.ctx} rows={list.rows} canCreate={list.canCreate} />);
  });

  app.get<{ Querystring: { parent?: string } }>(`${LIST_PATH}/new`, async (req, reply) => {
    const opts = await agencies.agencyFormOptions(requireActor(req));
    const parentCode = typeof req.query.parent === 'string' ? req.query.parent : undefined;
    const parentId = opts.parents.find((p) => p.code === parentCode)?.id ?? '';
    const values = { parentId, isDemo: false, fourEyes: true, sortOrder: '0', officeHours: '工作日 9:00—12:00，14:00—17:30' };
    return html(reply, <AgencyFormPage ctx={req.ctx} values={values} errors={[]} parents={opts.parents} canCreateRoot={opts.canCreateRoot} />);
  });

  app.post(LIST_PATH, async (req, reply) => {
    const actor = requireActor(req);
    try {
      const created = await agencies.createAgency(actor, agencyInputFromForm(req.body, 'create'));
      reply.flash('success', `已创建机关 ${created.name}。`);
      return reply.redirect(LIST_PATH, 303);
    } catch (err) {
      const shown = formErrors(err);
      if (!shown) throw err;
      const opts = await agencies.agencyFormOptions(actor);
      return html(reply, <AgencyFormPage ctx={req.ctx} values={formValuesFromBody(req.body)} errors={shown.fields} parents={opts.parents} canCreateRoot={opts.canCreateRoot} />, shown.status);
    }
  });

  app.get<CodeParams>(`${LIST_PATH}/:code/edit`, async (req, reply) => {
    const opts = await agencies.agencyFormOptions(requireActor(req), req.params.code);
    const agency = opts.agency;
    if (!agency) throw new AppError('NOT_FOUND', '未找到该机关。');
    return html(reply, <AgencyFormPage ctx={req.ctx} agency={agency} version={agency.version} values={formValuesOf(agency)} errors={[]} parents={opts.parents} canCreateRoot={opts.canCreateRoot} />);
  });

  app.post<CodeParams>(`${LIST_PATH}/:code/edit`, async (req, reply) => {
    const actor = requireActor(req);
    const current = await agencies.getManageableAgency(actor, req.params.code);
    try {
      const updated = await agencies.updateAgency(actor, current.id, versionFromForm(req.body), agencyInputFromForm(req.body, 'edit'));
      reply.flash('success', `已保存 ${updated.name}。`);
      return reply.redirect(LIST_PATH, 303);
    } catch (err) {
      const shown = formErrors(err);
      if (!shown) throw err;
      const opts = await agencies.agencyFormOptions(actor, req.params.code);
      const values = { ...formValuesFromBody(req.body), code: current.code };
      return html(reply, <AgencyFormPage ctx={req.ctx} agency={current} version={versionFromForm(req.body)} values={values} errors={shown.fields} parents={opts.parents} canCreateRoot={opts.canCreateRoot} />, shown.status);
    }
  });

  app.get<CodeParams>(`${LIST_PATH}/:code/retire`, async (req, reply) => {
    const agency = await agencies.getManageableAgency(requireActor(req), req.params.code);
    return html(reply, <RetireAgencyPage ctx={req.ctx} agency={agency} version={agency.version} errors={[]} />);
  });

  app.post<CodeParams>(`${LIST_PATH}/:code/retire`, async (req, reply) => {
    const actor = requireActor(req);
    const current = await agencies.getManageableAgency(actor, req.params.code);
    const reason = bodyOf(req.body).reason;
    try {
      const retired = await agencies.retireAgency(actor, current.id, versionFromForm(req.body), typeof reason === 'string' ? reason.trim() : reason);
      reply.flash('success', `已撤销机关 ${retired.name}。`);
      return reply.redirect(LIST_PATH, 303);
    } catch (err) {
      const shown = formErrors(err);
      if (!shown) throw err;
      const version = versionFromForm(req.body);
      return html(reply, <RetireAgencyPage ctx={req.ctx} agency={current} version={Number.isNaN(version) ? current.version : version} reason={typeof reason === 'string' ? reason : undefined} errors={shown.fields} />, shown.status);
    }
  });
}
