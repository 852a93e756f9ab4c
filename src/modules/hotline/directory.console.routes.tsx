// /console/hotline/directory: the 派单目录 page. Thin: parse, call one service function, render or redirect.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { requireActor } from '../../platform/http/session.ts';
import { bodyOf, formErrors, html, list, query, str, versionOf } from './console.http.ts';
import { DIRECTORY_PATH, DirectoryPage, EMPTY_DIRECTORY_VALUES, type DirectoryFormValues, type KeywordRuleValues } from './directory.views.tsx';

export async function registerDirectoryConsoleRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const directory = deps.hotlineConsole.directory;

  async function render(req: FastifyRequest, reply: FastifyReply, actor: Actor, values: DirectoryFormValues, errors: FieldError[], status: number, ruleValues?: KeywordRuleValues) {
    const view = await directory.listEntries(actor);
    const agencies = (await deps.agencies.listAgencies()).map((a) => ({ id: a.id, name: a.name }));
    const filters = { categoryCode: query(req, 'filterCategory'), divisionCode: query(req, 'filterDistrict') };
    return html(reply, <DirectoryPage ctx={req.ctx} view={view} agencies={agencies} filters={filters} values={values} errors={errors} {...(ruleValues ? { ruleValues } : {})} />, status);
  }

  app.get(DIRECTORY_PATH, { schema: { hide: true } }, async (req, reply) => render(req, reply, requireActor(req), EMPTY_DIRECTORY_VALUES, [], 200));

  app.post(DIRECTORY_PATH, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const body = bodyOf(req.body);
    const values: DirectoryFormValues = { categoryCode: str(body, 'categoryCode'), divisionCode: str(body, 'divisionCode'), agencyId: str(body, 'agencyId'), assistingAgencyIds: list(body, 'assistingAgencyIds'), basis: str(body, 'basis') };
    try {
      const { basis, ...rest } = values;
      const row = await directory.setEntry(actor, basis.trim() ? values : rest);
      reply.flash('success', `已保存派单条目：${row.agencyName}。`);
      return reply.redirect(DIRECTORY_PATH, 303);
    } catch (err) {
      const shown = formErrors(err);
      if (!shown) throw err;
      return render(req, reply, actor, values, shown.fields, shown.status);
    }
  });

  app.post(`${DIRECTORY_PATH}/rules`, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const body = bodyOf(req.body);
    const ruleValues: KeywordRuleValues = { keywords: str(body, 'rule.keywords'), agencyId: str(body, 'rule.agencyId'), divisionCode: str(body, 'rule.divisionCode'), weight: str(body, 'rule.weight'), note: str(body, 'rule.note') };
    try {
      const input = Object.fromEntries(Object.entries(ruleValues).filter(([k, v]) => v.trim() !== '' || k === 'keywords' || k === 'agencyId'));
      const rule = await directory.addKeywordRule(actor, input);
      reply.flash('success', `已新增关键词规则：${rule.keywords.join('、')} → ${rule.agencyName}。`);
      return reply.redirect(DIRECTORY_PATH, 303);
    } catch (err) {
      const shown = formErrors(err);
      if (!shown) throw err;
      return render(req, reply, actor, EMPTY_DIRECTORY_VALUES, shown.fields.map((f) => ({ ...f, field: `rule.${f.field}` })), shown.status, ruleValues);
    }
  });

  app.post<{ Params: { id: string } }>(`${DIRECTORY_PATH}/rules/:id/remove`, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    try {
      await directory.removeKeywordRule(actor, req.params.id, { reason: str(bodyOf(req.body), 'reason') });
      reply.flash('success', '已删除该关键词规则。');
      return reply.redirect(DIRECTORY_PATH, 303);
    } catch (err) {
      const shown = formErrors(err);
      if (!shown) throw err;
      return render(req, reply, actor, EMPTY_DIRECTORY_VALUES, shown.fields.map((f) => ({ ...f, field: f.field === 'reason' ? `rule-remove-${req.params.id}` : f.field })), shown.status);
    }
  });

  app.post(`${DIRECTORY_PATH}/retrain`, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const r = await directory.retrain(actor);
    reply.flash(r.samples ? 'success' : 'info', r.samples ? `已用 ${r.samples} 张已办工单重新训练派单模型。` : '还没有已办结的工单可供训练。');
    return reply.redirect(DIRECTORY_PATH, 303);
  });

  app.post<{ Params: { id: string } }>(`${DIRECTORY_PATH}/:id/remove`, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const body = bodyOf(req.body);
    try {
      await directory.removeEntry(actor, req.params.id, { version: versionOf(body), reason: str(body, 'reason') });
      reply.flash('success', '已删除该派单条目。');
      return reply.redirect(DIRECTORY_PATH, 303);
    } catch (err) {
      const shown = formErrors(err);
      if (!shown) throw err;
      const fields = shown.fields.map((f) => (f.field === 'reason' ? { field: `remove-${req.params.id}`, message: f.message } : f));
      return render(req, reply, actor, EMPTY_DIRECTORY_VALUES, fields, shown.status);
    }
  });
}
