// Clerk routes under /console/requests: the queue, the 公开办 board, paper registration, a request's page, one POST
// per workflow verb, review cases, 转主动公开, the identity proof. Thin: parse, call one service function, render.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps.ts';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import { requireActor } from '../../platform/http/session.ts';
import type { SelectOption } from '../../platform/views/components.tsx';
import { renderReplyLetterDocx, renderReplyLetterPdf } from './letters/index.ts';
import { canOnRequest, canSeeOverview } from './requests.policy.ts';
import { formValues, multipartOf, privateHtml } from './requests.portal.routes.tsx';
import { REQUEST_VERBS, type RequestVerb } from './requests.workflow.ts';
import { BASE, OverviewPage, QueuePage, RegisterPage, RequestPage, type VerbErrors } from './views/console-pages.tsx';

type IdParams = { Params: { id: string } };
type VerbParams = { Params: { id: string; verb: string } };

function shownErrors(err: unknown): { status: number; fields: FieldError[] } | null {
  if (!(err instanceof AppError)) return null;
  if (err.code === 'VALIDATION_FAILED') return { status: 400, fields: err.fields.length ? err.fields : [{ field: '(body)', message: err.message }] };
  if (err.code === 'ILLEGAL_TRANSITION' || err.code === 'STALE_RECORD') return { status: 409, fields: [{ field: '(body)', message: err.message }] };
  return null;
}

/** The form's `<prefix>-name` fields as `name`, so the page can hold many forms with unique ids. */
function unprefixed(body: Record<string, unknown>, prefix: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) if (k.startsWith(`${prefix}-`)) out[k.slice(prefix.length + 1)] = v;
  return out;
}

function stringValues(body: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) {
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x) => typeof x === 'string').join(',');
  }
  return out;
}

const REGISTER_KEYS = ['channel', 'submittedOn', 'signedOn', 'confirmedOn', 'systemReceivedOn', 'unreachable'];

export async function registerRequestsConsoleRoutes(app: FastifyInstance, deps: Deps, letters: boolean): Promise<void> {
  const { requests } = deps;

  async function agencyOptions(actorGrants: ReturnType<typeof requireActor>): Promise<SelectOption[]> {
    return (await deps.agencies.listAgencies()).filter((a) => canOnRequest(actorGrants, 'request.handle', a)).map((a) => ({ value: a.id, label: a.name }));
  }

  async function renderRequest(req: { ctx: Parameters<typeof RequestPage>[0]['ctx'] }, id: string, actor: ReturnType<typeof requireActor>, failed: VerbErrors | null) {
    const view = await requests.getRequestForConsole(actor, id);
    return <RequestPage ctx={req.ctx} view={view} failed={failed} letters={letters} />;
  }

  app.get(BASE, async (req, reply) => {
    const actor = requireActor(req);
    return privateHtml(reply, <QueuePage ctx={req.ctx} queue={await requests.queue(actor)} canOverview={canSeeOverview(actor)} />);
  });

  app.get(`${BASE}/overview`, async (req, reply) => {
    const board = await requests.overview(requireActor(req));
    return privateHtml(reply, <OverviewPage ctx={req.ctx} today={board.today} rows={board.rows} />);
  });

  app.get(`${BASE}/new`, async (req, reply) => {
    const actor = requireActor(req);
    const agencies = await agencyOptions(actor);
    if (agencies.length === 0) throw new AppError('FORBIDDEN', '您没有权限进行此操作或查看此页面。如需开通，请联系本单位的系统管理员。');
    return privateHtml(reply, <RegisterPage ctx={req.ctx} values={{ agencyId: agencies.length === 1 ? (agencies[0]?.value ?? '') : '' }} errors={[]} agencies={agencies} />);
  });

  app.post(`${BASE}/new`, async (req, reply) => {
    const actor = requireActor(req);
    const form = multipartOf(req.body);
    try {
      const { request, queryCode } = await requests.registerPaperRequest(actor, form.fields, form.file);
      reply.flash('success', `已登记申请 ${request.number}，查询码 ${queryCode}（请告知申请人）。`);
      return reply.redirect(`${BASE}/${request.id}`, 303);
    } catch (err) {
      const shown = shownErrors(err);
      if (!shown) throw err;
      const values = { ...formValues(form.fields), ...formValues(form.fields, REGISTER_KEYS) };
      return privateHtml(reply, <RegisterPage ctx={req.ctx} values={values} errors={shown.fields} agencies={await agencyOptions(actor)} />, shown.status);
    }
  });

  app.get<IdParams>(`${BASE}/:id`, async (req, reply) => {
    const actor = requireActor(req);
    return privateHtml(reply, await renderRequest(req, req.params.id, actor, null));
  });

  app.get<IdParams>(`${BASE}/:id/identity-proof`, async (req, reply) => {
    const file = await requests.openIdentityProof(requireActor(req), req.params.id);
    return reply
      .header('content-type', file.mime)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
      .header('cache-control', 'private, no-store')
      .send(file.bytes);
  });

  // 答复告知书 (letters/): DOCX as agencies file it, and PDF
  const LETTER_TYPES = { docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', pdf: 'application/pdf' } as const;
  for (const ext of ['docx', 'pdf'] as const) {
    app.get<IdParams>(`${BASE}/:id/letter.${ext}`, async (req, reply) => {
      const input = await requests.getReplyLetterInput(requireActor(req), req.params.id);
      const bytes = ext === 'docx' ? await renderReplyLetterDocx(input) : await renderReplyLetterPdf(input);
      return reply
        .header('content-type', LETTER_TYPES[ext])
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`答复告知书-${input.requestNumber}.${ext}`)}`)
        .header('cache-control', 'private, no-store')
        .send(bytes);
    });
  }

  app.post<VerbParams>(`${BASE}/:id/:verb`, async (req, reply) => {
    const actor = requireActor(req);
    const { id, verb } = req.params;
    const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
    if (verb === 'to-disclosure') {
      try {
        const itemId = await requests.createDisclosureDraft(actor, id);
        reply.flash('success', '已生成主动公开草稿，发布前须通过个人信息检查。');
        return reply.redirect(`/console/items/${itemId}`, 303);
      } catch (err) {
        const shown = shownErrors(err);
        if (!shown) throw err;
        return privateHtml(reply, await renderRequest(req, id, actor, { verb, errors: shown.fields, values: {} }), shown.status);
      }
    }
    if (verb === 'review-cases') {
      try {
        await requests.registerReviewCase(actor, id, unprefixed(body, 'case'));
        reply.flash('success', '已登记案件。');
        return reply.redirect(`${BASE}/${id}`, 303);
      } catch (err) {
        const shown = shownErrors(err);
        if (!shown) throw err;
        const errors = shown.fields.map((f) => (f.field === '(body)' ? f : { ...f, field: `case-${f.field}` }));
        return privateHtml(reply, await renderRequest(req, id, actor, { verb: 'review-case', errors, values: stringValues(body) }), shown.status);
      }
    }
    if (!(REQUEST_VERBS as string[]).includes(verb)) throw new AppError('NOT_FOUND', '没有这个办理操作。');
    const v = verb as RequestVerb;
    const version = Number(typeof body.version === 'string' ? body.version : NaN);
    try {
      const updated = await requests.perform(actor, id, v, version, unprefixed(body, v));
      reply.flash('success', `已办理：${updated.number}。`);
      return reply.redirect(`${BASE}/${id}`, 303);
    } catch (err) {
      const shown = shownErrors(err);
      if (!shown) throw err;
      const errors = shown.fields.map((f) => (f.field === '(body)' ? f : { ...f, field: `${v}-${f.field}` }));
      return privateHtml(reply, await renderRequest(req, id, actor, { verb: v, errors, values: stringValues(body) }), shown.status);
    }
  });

  app.post<{ Params: { caseId: string } }>(`${BASE}/review-cases/:caseId/conclude`, async (req, reply) => {
    const actor = requireActor(req);
    const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
    const version = Number(typeof body.version === 'string' ? body.version : NaN);
    try {
      const c = await requests.concludeReviewCase(actor, req.params.caseId, version, body);
      reply.flash('success', '已登记案件结果。');
      return reply.redirect(`${BASE}/${c.requestId ?? ''}`, 303);
    } catch (err) {
      const shown = shownErrors(err);
      const requestId = typeof body.requestId === 'string' ? body.requestId : '';
      if (!shown || !/^[0-9a-f-]{36}$/.test(requestId)) throw err;
      // the inline form has no field ids of its own: its messages go to the top of the page
      const errors = shown.fields.map((f) => ({ field: '(body)', message: f.message }));
      return privateHtml(reply, await renderRequest(req, requestId, actor, { verb: 'review-case-result', errors, values: {} }), shown.status);
    }
  });
}
