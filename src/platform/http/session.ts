import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config.ts';
import type { Actor } from '../auth/actor.ts';
import type { PageContext } from '../views/context.ts';
import { csrfTokenFor, isValidCsrfToken, newAnonymousId } from './csrf.ts';
import { AppError } from './errors.ts';

export const SESSION_COOKIE = 'gk_sid';
export const ANON_COOKIE = 'gk_anon';
export const ELDER_COOKIE = 'gk_elder';
export const FLASH_COOKIE = 'gk_flash';

/** Server-side session storage, implemented by the staff module. */
export interface SessionStore {
  /** the actor for a raw session id, or null when unknown or expired */
  load(sessionId: string): Promise<Actor | null>;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionId: string | null;
    csrfToken: string;
    ctx: PageContext;
  }
  interface FastifyReply {
    /** sets a one-time message shown on the next page */
    flash(kind: 'success' | 'error' | 'info', text: string): FastifyReply;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function isSecureRequest(req: FastifyRequest, config: Pick<Config, 'baseUrl'>): boolean {
  return req.protocol === 'https' || config.baseUrl.startsWith('https://');
}

export function cookieOptions(req: FastifyRequest, config: Pick<Config, 'baseUrl'>, maxAgeSeconds?: number) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: isSecureRequest(req, config), ...(maxAgeSeconds ? { maxAge: maxAgeSeconds } : {}) };
}

function isCookieFree(req: FastifyRequest): boolean {
  return req.url.startsWith('/api/') || req.url.startsWith('/open311/');
}

/** CSRF applies to every cookie-authenticated form; the JSON APIs and Open311 take no cookies. */
function needsCsrf(req: FastifyRequest): boolean {
  return UNSAFE.has(req.method) && !isCookieFree(req);
}

async function sessionPlugin(app: FastifyInstance, opts: { config: Config; store: SessionStore; assetVersion: string }): Promise<void> {
  const { config, store } = opts;
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('csrfToken', '');
  app.decorateRequest('ctx', null as unknown as PageContext);
  app.decorateReply('flash', function (this: FastifyReply, kind: 'success' | 'error' | 'info', text: string) {
    this.setCookie(FLASH_COOKIE, Buffer.from(JSON.stringify({ kind, text })).toString('base64url'), { ...cookieOptions(this.request, config), maxAge: 60 });
    return this;
  });

  app.addHook('onRequest', async (req, reply) => {
    // The JSON APIs never authenticate by cookie: that is what lets them skip CSRF safely.
    const sid = isCookieFree(req) ? undefined : req.cookies[SESSION_COOKIE];
    if (sid) {
      const actor = await store.load(sid);
      if (actor) {
        req.actor = actor;
        req.sessionId = sid;
      }
    }
    // The CSRF token is made on first use, so pages without forms set no cookie and stay cacheable.
    let token: string | null = null;
    const tokenFor = (): string => {
      if (token) return token;
      let binding = req.sessionId;
      if (!binding) {
        binding = req.cookies[ANON_COOKIE] ?? null;
        if (!binding || !/^[A-Za-z0-9_-]{16,64}$/.test(binding)) {
          binding = newAnonymousId();
          reply.setCookie(ANON_COOKIE, binding, cookieOptions(req, config, 60 * 60 * 24 * 30));
        }
      }
      token = csrfTokenFor(config.sessionSecret, binding);
      return token;
    };
    Object.defineProperty(req, 'csrfToken', { get: tokenFor, configurable: true, enumerable: true });

    let flash: PageContext['flash'] = null;
    const rawFlash = req.cookies[FLASH_COOKIE];
    if (rawFlash && req.method === 'GET') {
      try {
        const parsed = JSON.parse(Buffer.from(rawFlash, 'base64url').toString('utf8')) as { kind?: string; text?: string };
        if ((parsed.kind === 'success' || parsed.kind === 'error' || parsed.kind === 'info') && typeof parsed.text === 'string') flash = { kind: parsed.kind, text: parsed.text.slice(0, 300) };
      } catch {
        /* ignore a malformed flash */
      }
      reply.clearCookie(FLASH_COOKIE, { path: '/' });
    }
    req.ctx = {
      site: config.site,
      baseUrl: config.baseUrl,
      elder: req.cookies[ELDER_COOKIE] === '1',
      get csrfToken() {
        return tokenFor();
      },
      actor: req.actor,
      path: req.url.split('?')[0] ?? '/',
      flash,
      assetVersion: opts.assetVersion,
    };
  });

  app.addHook('preValidation', async (req) => {
    if (!needsCsrf(req)) return;
    const body = req.body as Record<string, unknown> | undefined;
    const token = (body && typeof body === 'object' ? body._csrf : undefined) ?? req.headers['x-csrf-token'];
    const binding = req.sessionId ?? req.cookies[ANON_COOKIE] ?? '';
    if (!binding || !isValidCsrfToken(config.sessionSecret, binding, token)) {
      throw new AppError('CSRF_FAILED', '页面已过期或请求来源无法验证（CSRF 校验失败），请刷新页面后重新提交。');
    }
  });
}

export const registerSession = fp(sessionPlugin, { name: 'gongkai-session' });

/** For routes that need a signed-in staff member: throws UNAUTHENTICATED (the error page links to sign-in). */
export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('UNAUTHENTICATED', '请先登录管理后台。');
  return req.actor;
}
