// /console/hotline/api-keys: issue and revoke Open311 keys (系统管理员). Thin: parse, call the service, render.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { forbidden } from '../../platform/auth/guard.ts';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import { requireActor } from '../../platform/http/session.ts';
import { renderPage } from '../../platform/views/render.ts';
import type { ApiClient } from './api-keys.service.ts';
import { API_KEYS_PATH, ApiKeysPage } from './api-keys.views.tsx';
import { canManageApiKeys } from './tickets.policy.ts';

function field(body: unknown, key: string): string {
  const v = body && typeof body === 'object' ? (body as Record<string, unknown>)[key] : undefined;
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' ? s : '';
}

export async function registerApiKeyConsoleRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const keys = deps.hotline.apiKeys;

  async function render(req: FastifyRequest, reply: FastifyReply, actor: Actor, values: Record<string, string>, errors: FieldError[], status = 200, issued: { client: ApiClient; key: string } | null = null) {
    const clients = await keys.list(actor);
    return reply
      .status(status)
      .header('cache-control', 'private, no-store')
      .type('text/html; charset=utf-8')
      .send(renderPage(<ApiKeysPage ctx={req.ctx} clients={clients} values={values} errors={errors} issued={issued} />));
  }

  function admin(req: FastifyRequest): Actor {
    const actor = requireActor(req);
    if (!canManageApiKeys(actor)) throw forbidden();
    return actor;
  }

  app.get(API_KEYS_PATH, { schema: { hide: true } }, async (req, reply) => render(req, reply, admin(req), {}, []));

  app.post(API_KEYS_PATH, { schema: { hide: true } }, async (req, reply) => {
    const actor = admin(req);
    const values = { name: field(req.body, 'name'), channel: field(req.body, 'channel'), contact: field(req.body, 'contact') };
    try {
      const issued = await keys.issue(actor, values);
      return await render(req, reply, actor, {}, [], 200, issued);
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'VALIDATION_FAILED')) throw err;
      return render(req, reply, actor, values, err.fields, 400);
    }
  });

  app.post<{ Params: { id: string } }>(`${API_KEYS_PATH}/:id/revoke`, { schema: { hide: true } }, async (req, reply) => {
    const actor = admin(req);
    try {
      await keys.revoke(actor, req.params.id, field(req.body, 'reason'));
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'VALIDATION_FAILED')) throw err;
      return render(req, reply, actor, {}, [{ field: 'reason', message: err.fields[0]?.message ?? err.message }], 400);
    }
    return reply.flash('success', '密钥已停用。').redirect(API_KEYS_PATH, 303);
  });
}
