// /console/hotline: the agent's and handler's desks, the call form and the ticket page with a form per verb.
// Thin: parse, call one service function (the tickets service owns every transition), render or redirect.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { forbidden } from '../../platform/auth/guard.ts';
import { AppError } from '../../platform/http/errors.ts';
import { requireActor } from '../../platform/http/session.ts';
import { bodyOf, formErrors, html, HOTLINE_CONSOLE_PATH, str, versionOf, type FormBody } from './console.http.ts';
import { createDeskService, mayUseDesk } from './console.service.ts';
import { DeskPage, EMPTY_INTAKE, INTAKE_PATH, IntakePage, ticketHref, TicketPageView, TICKETS_PATH, type IntakeValues, type VerbFailure } from './console.views.tsx';
import { TICKET_TRANSITIONS, type TicketVerb } from './hotline.workflow.ts';
import { canTakeIntake } from './tickets.policy.ts';

const isVerb = (s: string): s is TicketVerb => Object.hasOwn(TICKET_TRANSITIONS, s);

/** The verb's own fields from a form whose names are prefixed `verb.` (console.views.tsx). */
export function verbInputOf(verb: TicketVerb, body: FormBody): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const prefix = `${verb}.`;
  for (const [k, v] of Object.entries(body)) if (k.startsWith(prefix)) out[k.slice(prefix.length)] = v;
  if ((verb === 'dispatch' || verb === 'reassign') && (out.leadAgencyId === 'other' || out.leadAgencyId === undefined)) out.leadAgencyId = out.otherAgencyId ?? '';
  delete out.otherAgencyId;
  return out;
}

const DONE: Partial<Record<TicketVerb, string>> = {
  dispatch: '已派单。',
  sign: '已签收。',
  contact: '已记录先行联系。',
  reply: '已提交答复，等待热线中心审核。',
  approve: '已审核通过，工单办结。',
  visit: '已记录回访结果。',
  reopen: '已重新派单办理。',
  requestReturn: '已申请退单，等待热线中心审核。',
};

export async function registerDeskRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const desks = createDeskService({ db: deps.db, hotline: deps.hotline, kb: deps.hotlineConsole.kb, directory: deps.hotlineConsole.directory, agencies: deps.agencies });

  async function renderTicket(req: FastifyRequest, reply: FastifyReply, actor: Actor, id: string, failure: VerbFailure | null = null, status = 200) {
    const page = await desks.ticketPage(actor, id);
    return html(reply, <TicketPageView ctx={req.ctx} page={page} failure={failure} />, status);
  }

  function intakeValues(body: FormBody): IntakeValues {
    const out = { ...EMPTY_INTAKE };
    for (const k of Object.keys(EMPTY_INTAKE) as (keyof IntakeValues)[]) out[k] = str(body, k);
    return out;
  }

  app.get(HOTLINE_CONSOLE_PATH, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    return html(reply, <DeskPage ctx={req.ctx} desk={await desks.desk(actor)} />);
  });

  app.get(INTAKE_PATH, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    if (!canTakeIntake(actor)) throw forbidden();
    return html(reply, <IntakePage ctx={req.ctx} values={EMPTY_INTAKE} errors={[]} districts={await desks.listDistricts()} />);
  });

  app.post(INTAKE_PATH, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    if (!canTakeIntake(actor)) throw forbidden();
    const values = intakeValues(bodyOf(req.body));
    try {
      const input = Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ''));
      const r = await deps.hotline.intake(input, { kind: 'staff', actor, accept: true });
      reply.flash('success', `已受理，工单编号 ${r.number}，查询码 ${r.queryCode ?? ''}。请告知来电人。`);
      return reply.redirect(ticketHref(r.id), 303);
    } catch (err) {
      const shown = formErrors(err);
      if (!shown) throw err;
      return html(reply, <IntakePage ctx={req.ctx} values={values} errors={shown.fields} districts={await desks.listDistricts()} />, shown.status);
    }
  });

  app.get<{ Params: { id: string } }>(`${TICKETS_PATH}/:id`, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    if (!mayUseDesk(actor)) throw forbidden();
    return renderTicket(req, reply, actor, req.params.id);
  });

  // a ticket's stored file, for the staff who may read the ticket (the page's checks; the service re-checks the ticket)
  app.get<{ Params: { id: string; attachmentId: string } }>(`${TICKETS_PATH}/:id/attachments/:attachmentId`, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    if (!mayUseDesk(actor)) throw forbidden();
    const { attachment, bytes } = await deps.hotline.openAttachment(actor, req.params.attachmentId);
    if (attachment.ticketId !== req.params.id) throw new AppError('NOT_FOUND', '未找到该附件。');
    const name = attachment.filename ?? 'attachment';
    const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
    return reply
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .type(attachment.mime ?? 'application/octet-stream')
      .send(bytes);
  });

  app.post<{ Params: { id: string } }>(`${TICKETS_PATH}/:id/kb-answer`, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const body = bodyOf(req.body);
    try {
      await desks.answerFromKnowledgeBase(actor, req.params.id, str(body, 'entryId'), versionOf(body));
      reply.flash('success', '已按知识库口径直接答复，工单办结。');
      return reply.redirect(ticketHref(req.params.id), 303);
    } catch (err) {
      const shown = formErrors(err);
      if (!shown) throw err;
      return renderTicket(req, reply, actor, req.params.id, { verb: 'answerDirectly', errors: shown.fields.map((f) => ({ ...f, field: `answerDirectly.${f.field}` })), values: {} }, shown.status);
    }
  });

  app.post<{ Params: { id: string; verb: string } }>(`${TICKETS_PATH}/:id/:verb`, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const { id, verb } = req.params;
    if (!isVerb(verb)) throw new AppError('NOT_FOUND', '没有这项操作。');
    const body = bodyOf(req.body);
    try {
      await deps.hotline.transition(actor, id, verb, verbInputOf(verb, body), { version: versionOf(body) });
      reply.flash('success', DONE[verb] ?? `已${TICKET_TRANSITIONS[verb].name}。`);
      return reply.redirect(ticketHref(id), 303);
    } catch (err) {
      const shown = formErrors(err);
      if (!shown) throw err;
      const values: Record<string, string | string[]> = {};
      for (const [k, v] of Object.entries(body)) if (typeof v === 'string' || Array.isArray(v)) values[k] = v as string | string[];
      const errors = shown.fields.map((f) => ({ field: f.field === 'form' || f.field === 'state' ? `${verb}.form` : `${verb}.${f.field}`, message: f.message }));
      return renderTicket(req, reply, actor, id, { verb, errors, values }, shown.status);
    }
  });
}
