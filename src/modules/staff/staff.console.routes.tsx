import { calendarWarning } from '../calendar/index.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { forbidden } from '../../platform/auth/guard.ts';
import { can, scopesForAction } from '../../platform/auth/policy.ts';
import { AppError } from '../../platform/http/errors.ts';
import { cookieOptions, requireActor, SESSION_COOKIE } from '../../platform/http/session.ts';
import { renderPage } from '../../platform/views/render.ts';
import { DashboardPage, type DashboardLink } from './views/dashboard-page.tsx';
import { LoginPage } from './views/login-page.tsx';
import { NewUserPage, UserPage, UsersListPage, type NewUserValues } from './views/users-pages.tsx';

const LOGIN_PATH = '/console/login';

/**
 * A `next` target is followed only when it is a console path on this site: no scheme, no `//host`,
 * no backslash (browsers read `/\host` as `//host`), no control characters.
 */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || next.length > 500) return '/console';
  if (!/^\/console(?:[/?#]|$)/.test(next)) return '/console';
  if (next.includes('//') || next.includes('\\') || [...next].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return '/console';
  if (next.startsWith(LOGIN_PATH) || next.startsWith('/console/logout')) return '/console';
  return next;
}

function html(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply.status(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(renderPage(page));
}

type Body = Record<string, unknown>;

function bodyOf(req: FastifyRequest): Body {
  const b = req.body;
  return b && typeof b === 'object' ? (b as Body) : {};
}

/** Form strings to the service's types; anything unexpected is passed on for validation to name. */
function formInt(v: unknown): unknown {
  return typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : v;
}

function formBool(v: unknown): boolean {
  return v === '1' || v === 'on' || v === 'true';
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function isFormError(err: unknown): err is AppError {
  return err instanceof AppError && err.code === 'VALIDATION_FAILED' && err.fields.length > 0;
}

/** 系统管理员 of some agency; everyone else gets 403 on every /console/users page. */
function requireUserAdmin(req: FastifyRequest): Actor {
  const actor = requireActor(req);
  if (!scopesForAction(actor, 'user.manage').length) throw forbidden('只有系统管理员可以管理人员账号。');
  return actor;
}

export async function registerStaffConsoleRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const { staff, config } = deps;
  const passwordRule = `至少 ${staff.settings.password.minLength} 个字符，包含字母、数字、符号中的至少两类，且不含用户名。`;

  // A console page opened without a session goes to sign-in and comes back afterwards.
  app.addHook('onRequest', async (req, reply) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.actor) return;
    const path = req.url.split('?')[0] ?? '';
    if (path !== '/console' && !path.startsWith('/console/')) return;
    if (path === LOGIN_PATH) return;
    return reply.redirect(`${LOGIN_PATH}?next=${encodeURIComponent(req.url)}`, 303);
  });

  app.get(LOGIN_PATH, async (req, reply) => {
    const next = safeNext((req.query as Record<string, unknown>).next);
    if (req.actor) return reply.redirect(next, 303);
    return html(reply, <LoginPage ctx={req.ctx} next={next} />);
  });

  app.post(LOGIN_PATH, async (req, reply) => {
    const body = bodyOf(req);
    const next = safeNext(body.next);
    try {
      const { sessionId } = await staff.signIn({ username: body.username, password: body.password, ip: req.ip, userAgent: req.headers['user-agent'], previousSessionId: req.cookies[SESSION_COOKIE] ?? null });
      reply.setCookie(SESSION_COOKIE, sessionId, cookieOptions(req, config));
      return reply.redirect(next, 303);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const username = str(body.username)?.slice(0, 64);
      if (err.code === 'RATE_LIMITED') {
        reply.header('retry-after', String(err.details?.retryAfterSeconds ?? 60));
        return html(reply, <LoginPage ctx={req.ctx} next={next} username={username} message={err.message} errors={[{ field: 'username', message: err.message }]} />, 429);
      }
      if (err.code === 'VALIDATION_FAILED' || err.code === 'UNAUTHENTICATED' || err.code === 'LOCKED' || err.code === 'FORBIDDEN') {
        const errors = err.fields.length ? err.fields : [{ field: 'username', message: err.message }];
        const message = err.code === 'VALIDATION_FAILED' ? '请填写用户名和密码' : err.message;
        return html(reply, <LoginPage ctx={req.ctx} next={next} username={username} message={message} errors={errors} />, err.status);
      }
      throw err;
    }
  });

  app.post('/console/logout', async (req, reply) => {
    const sid = req.cookies[SESSION_COOKIE];
    if (sid) await staff.signOut(sid, req.actor);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    reply.flash('success', '您已安全退出登录。');
    return reply.redirect(LOGIN_PATH, 303);
  });

  app.get('/console', async (req, reply) => {
    const actor = requireActor(req);
    if (!can(actor, 'console.access', null)) throw forbidden('您的账号没有任何角色，请联系本单位的系统管理员。');
    const grants = await staff.getOwnGrants(actor);
    const links: DashboardLink[] = [];
    if (can(actor, 'agency.read', null)) links.push({ label: '机关管理', href: '/console/agencies', note: '查看本单位及下级单位的基本信息和信息公开工作机构' });
    if (can(actor, 'user.manage', null)) links.push({ label: '人员管理', href: '/console/users', note: '新建账号、分配角色、解除锁定、停用账号' });
    if (can(actor, 'calendar.manage', null)) links.push({ label: '工作日历', href: '/console/calendar', note: '录入国务院办公厅公布的节假日安排' });
    // from November the calendar warns when next year's State Council schedule is missing
    const calendar = { warning: await calendarWarning(deps.calendar), canEdit: can(actor, 'calendar.manage', null) };
    return html(reply, <DashboardPage ctx={req.ctx} name={actor.name} grants={grants} links={links} calendar={calendar} />);
  });

  app.get('/console/users', async (req, reply) => {
    const actor = requireUserAdmin(req);
    return html(reply, <UsersListPage ctx={req.ctx} users={await staff.listUsers(actor)} />);
  });

  app.get('/console/users/new', async (req, reply) => {
    const actor = requireUserAdmin(req);
    return html(reply, <NewUserPage ctx={req.ctx} agencies={await staff.grantableAgencies(actor)} values={{}} errors={[]} passwordRule={passwordRule} />);
  });

  app.post('/console/users', async (req, reply) => {
    const actor = requireUserAdmin(req);
    const body = bodyOf(req);
    const input = { username: body.username, name: body.name, password: body.password, role: body.role, agencyId: body.agencyId, includeSubtree: formBool(body.includeSubtree) };
    try {
      const user = await staff.createUser(actor, input);
      reply.flash('success', `已创建账号 ${user.username}。`);
      return reply.redirect(`/console/users/${user.id}`, 303);
    } catch (err) {
      if (!isFormError(err)) throw err;
      const values: NewUserValues = { username: str(body.username), name: str(body.name), role: str(body.role), agencyId: str(body.agencyId), includeSubtree: input.includeSubtree };
      return html(reply, <NewUserPage ctx={req.ctx} agencies={await staff.grantableAgencies(actor)} values={values} errors={err.fields} passwordRule={passwordRule} />, 400);
    }
  });

  async function userPage(req: FastifyRequest, reply: FastifyReply, actor: Actor, id: string, form?: { errors: AppError; errorForm: 'name' | 'grant' | 'password'; values?: NewUserValues }) {
    const user = await staff.getUser(actor, id);
    const agencies = user.manageable ? await staff.grantableAgencies(actor) : [];
    return html(
      reply,
      <UserPage ctx={req.ctx} user={user} agencies={agencies} errors={form?.errors.fields ?? []} errorForm={form?.errorForm} values={form?.values} passwordRule={passwordRule} isSelf={user.id === actor.userId} />,
      form ? 400 : 200,
    );
  }

  app.get<{ Params: { id: string } }>('/console/users/:id', async (req, reply) => {
    const actor = requireUserAdmin(req);
    return userPage(req, reply, actor, req.params.id);
  });

  app.post<{ Params: { id: string } }>('/console/users/:id', async (req, reply) => {
    const actor = requireUserAdmin(req);
    const body = bodyOf(req);
    try {
      await staff.updateUser(actor, req.params.id, { name: body.name, version: formInt(body.version) });
    } catch (err) {
      if (!isFormError(err)) throw err;
      return userPage(req, reply, actor, req.params.id, { errors: err, errorForm: 'name', values: { name: str(body.name) } });
    }
    reply.flash('success', '已保存姓名。');
    return reply.redirect(`/console/users/${req.params.id}`, 303);
  });

  app.post<{ Params: { id: string } }>('/console/users/:id/grants', async (req, reply) => {
    const actor = requireUserAdmin(req);
    const body = bodyOf(req);
    const includeSubtree = formBool(body.includeSubtree);
    try {
      await staff.addGrant(actor, req.params.id, { role: body.role, agencyId: body.agencyId, includeSubtree, version: formInt(body.version) });
    } catch (err) {
      if (!isFormError(err)) throw err;
      return userPage(req, reply, actor, req.params.id, { errors: err, errorForm: 'grant', values: { role: str(body.role), agencyId: str(body.agencyId), includeSubtree } });
    }
    reply.flash('success', '已增加角色。');
    return reply.redirect(`/console/users/${req.params.id}`, 303);
  });

  app.post<{ Params: { id: string; grantId: string } }>('/console/users/:id/grants/:grantId/delete', async (req, reply) => {
    const actor = requireUserAdmin(req);
    await staff.removeGrant(actor, req.params.id, req.params.grantId, { version: formInt(bodyOf(req).version) });
    reply.flash('success', '已撤销角色。');
    return reply.redirect(`/console/users/${req.params.id}`, 303);
  });

  app.post<{ Params: { id: string } }>('/console/users/:id/password', async (req, reply) => {
    const actor = requireUserAdmin(req);
    const body = bodyOf(req);
    try {
      await staff.resetPassword(actor, req.params.id, { password: body.password, version: formInt(body.version) });
    } catch (err) {
      if (!isFormError(err)) throw err;
      return userPage(req, reply, actor, req.params.id, { errors: err, errorForm: 'password' });
    }
    reply.flash('success', '已重置密码，并已解除锁定。请通过安全渠道告知本人。');
    return reply.redirect(`/console/users/${req.params.id}`, 303);
  });

  const simpleActions = {
    unlock: { run: staff.unlockUser, done: '已解除锁定。' },
    disable: { run: staff.disableUser, done: '已停用该账号，其登录会话已全部结束。' },
    enable: { run: staff.enableUser, done: '已重新启用该账号。' },
  } as const;
  for (const [verb, action] of Object.entries(simpleActions)) {
    app.post<{ Params: { id: string } }>(`/console/users/:id/${verb}`, async (req, reply) => {
      const actor = requireUserAdmin(req);
      await action.run(actor, req.params.id, { version: formInt(bodyOf(req).version) });
      reply.flash('success', action.done);
      return reply.redirect(`/console/users/${req.params.id}`, 303);
    });
  }
}
