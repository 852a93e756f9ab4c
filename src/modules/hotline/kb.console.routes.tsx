// /console/hotline/kb: the 知识库's console pages. Thin: parse, call one service function, render or redirect.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { forbidden } from '../../platform/auth/guard.ts';
import { shanghaiDate } from '../../platform/calendar/workdays.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { requireActor } from '../../platform/http/session.ts';
import { bodyOf, formErrors, html, query, str, versionOf, type FormBody } from './console.http.ts';
import { canReadKb, canWriteKb, mayWriteKbAnywhere } from './kb.policy.ts';
import { EMPTY_KB_VALUES, KB_PATH, KbEntryPage, KbNewPage, KbReviewPage, KbSearchPage, kbValuesOf, type KbFormValues } from './kb.views.tsx';

type IdParams = { Params: { id: string } };

function valuesOf(body: FormBody): KbFormValues {
  return {
    categoryCode: str(body, 'categoryCode'),
    ownerAgencyId: str(body, 'ownerAgencyId'),
    title: str(body, 'title'),
    answer: str(body, 'answer'),
    keywords: str(body, 'keywords'),
    legalBasis: str(body, 'legalBasis'),
    reviewDueOn: str(body, 'reviewDueOn'),
  };
}

/** The service input: blank optional fields left out. */
function inputOf(v: KbFormValues): Record<string, string> {
  const out: Record<string, string> = { categoryCode: v.categoryCode, ownerAgencyId: v.ownerAgencyId, title: v.title, answer: v.answer };
  if (v.keywords.trim()) out.keywords = v.keywords;
  if (v.legalBasis.trim()) out.legalBasis = v.legalBasis;
  if (v.reviewDueOn.trim()) out.reviewDueOn = v.reviewDueOn;
  return out;
}

export async function registerKbConsoleRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const kb = deps.hotlineConsole.kb;

  async function owners(actor: Actor) {
    return (await deps.agencies.listAgencies()).filter((a) => canWriteKb(actor, a)).map((a) => ({ id: a.id, name: a.name }));
  }

  async function renderEntry(req: FastifyRequest, reply: FastifyReply, actor: Actor, id: string, failed?: { form: string; errors: FieldError[]; status: number; values?: KbFormValues }) {
    const entry = await kb.getEntry(actor, id);
    const owner = await deps.agencies.getAgencyById(entry.ownerAgencyId);
    const page = (
      <KbEntryPage
        ctx={req.ctx}
        entry={entry}
        canWrite={canWriteKb(actor, owner)}
        today={shanghaiDate()}
        values={failed?.values ?? kbValuesOf(entry)}
        errors={failed?.errors ?? []}
        owners={await owners(actor)}
        {...(failed ? { failed: failed.form } : {})}
      />
    );
    return html(reply, page, failed?.status ?? 200);
  }

  app.get(KB_PATH, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const filters = { q: query(req, 'q'), categoryCode: query(req, 'categoryCode'), status: query(req, 'status') };
    const page = query(req, 'page');
    const input: Record<string, unknown> = {};
    if (filters.q) input.q = filters.q;
    if (filters.categoryCode) input.categoryCode = filters.categoryCode;
    if (filters.status) input.status = filters.status;
    if (page) input.page = /^\d{1,4}$/.test(page) ? Number(page) : page;
    let errors: FieldError[] = [];
    let result;
    try {
      result = await kb.searchEntries(actor, input);
    } catch (err) {
      const shown = formErrors(err);
      if (!shown) throw err;
      errors = shown.fields;
      result = await kb.searchEntries(actor, {});
    }
    return html(reply, <KbSearchPage ctx={req.ctx} result={result} filters={filters} mayWrite={mayWriteKbAnywhere(actor)} today={shanghaiDate()} errors={errors} />, errors.length ? 400 : 200);
  });

  app.get(`${KB_PATH}/new`, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    if (!mayWriteKbAnywhere(actor)) throw forbidden();
    const mine = await owners(actor);
    return html(reply, <KbNewPage ctx={req.ctx} values={{ ...EMPTY_KB_VALUES, ownerAgencyId: mine.length === 1 ? (mine[0]?.id ?? '') : '' }} errors={[]} owners={mine} />);
  });

  app.post(KB_PATH, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    if (!mayWriteKbAnywhere(actor)) throw forbidden();
    const values = valuesOf(bodyOf(req.body));
    try {
      const e = await kb.createEntry(actor, inputOf(values));
      reply.flash('success', `已保存知识条目“${e.title}”。`);
      return reply.redirect(`${KB_PATH}/${e.id}`, 303);
    } catch (err) {
      const shown = formErrors(err);
      if (!shown) throw err;
      return html(reply, <KbNewPage ctx={req.ctx} values={values} errors={shown.fields} owners={await owners(actor)} />, shown.status);
    }
  });

  app.get(`${KB_PATH}/review`, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    if (!canReadKb(actor)) throw forbidden();
    return html(reply, <KbReviewPage ctx={req.ctx} list={await kb.listDueForReview(actor)} />);
  });

  app.get<IdParams>(`${KB_PATH}/:id`, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    return renderEntry(req, reply, actor, req.params.id);
  });

  app.post<IdParams>(`${KB_PATH}/:id`, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const body = bodyOf(req.body);
    const values = valuesOf(body);
    try {
      const e = await kb.updateEntry(actor, req.params.id, versionOf(body), inputOf(values));
      reply.flash('success', `已保存修改。`);
      return reply.redirect(`${KB_PATH}/${e.id}`, 303);
    } catch (err) {
      const shown = formErrors(err);
      if (!shown) throw err;
      return renderEntry(req, reply, actor, req.params.id, { form: 'edit', errors: shown.fields, status: shown.status, values });
    }
  });

  app.post<IdParams>(`${KB_PATH}/:id/review`, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    try {
      const e = await kb.confirmReview(actor, req.params.id, versionOf(bodyOf(req.body)));
      reply.flash('success', `已确认，下次审核日期为 ${e.reviewDueOn}。`);
      return reply.redirect(`${KB_PATH}/${e.id}`, 303);
    } catch (err) {
      const shown = formErrors(err);
      if (!shown) throw err;
      return renderEntry(req, reply, actor, req.params.id, { form: 'review', errors: shown.fields, status: shown.status });
    }
  });

  app.post<IdParams>(`${KB_PATH}/:id/retire`, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const body = bodyOf(req.body);
    try {
      await kb.retireEntry(actor, req.params.id, versionOf(body), { reason: str(body, 'reason') });
      reply.flash('success', '已停用该知识条目。');
      return reply.redirect(`${KB_PATH}/${req.params.id}`, 303);
    } catch (err) {
      const shown = formErrors(err);
      if (!shown) throw err;
      return renderEntry(req, reply, actor, req.params.id, { form: 'retire', errors: shown.fields, status: shown.status });
    }
  });
}
