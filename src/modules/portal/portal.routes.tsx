import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { Config } from '../../config.ts';
import { validationError } from '../../platform/http/errors.ts';
import { ELDER_COOKIE, cookieOptions } from '../../platform/http/session.ts';
import { frontCacheFor, type FrontCache } from '../../platform/views/front-cache.ts';
import { PageCache, sendRenderedPage } from '../../platform/views/page-cache.ts';
import { PORTAL_LINKS } from '../../platform/views/navigation.ts';
import { renderPage } from '../../platform/views/render.ts';
import { parseElderModeSwitch } from './portal.paths.ts';
import type { PortalService } from './portal.service.ts';
import { AccessibilityPage } from './views/accessibility-page.tsx';
import { HomePage } from './views/home-page.tsx';
import { SitemapPage } from './views/sitemap-page.tsx';

/** Rendered public pages are reused for this long; browsers and proxies may keep them for MAX_AGE. */
const RENDER_TTL_MS = 5_000;
const MAX_AGE_SECONDS = 60;
const ELDER_COOKIE_SECONDS = 60 * 60 * 24 * 365;

/**
 * Sends a page that holds nothing per user. It varies only by 长者模式, so each variant is rendered
 * once per RENDER_TTL_MS and served as bytes with an ETag. A pending flash message is per user: then
 * the page is rendered for this request alone and not stored by anyone.
 */
async function sendPublicPage(req: FastifyRequest, reply: FastifyReply, cache: PageCache, front: FrontCache, name: string, render: () => Promise<VNode>) {
  if (req.ctx.flash) {
    return reply.header('cache-control', 'private, no-store').type('text/html; charset=utf-8').send(renderPage(await render()));
  }
  const page = await cache.get(`${name}:${req.ctx.elder ? 'elder' : 'plain'}`, async () => renderPage(await render()));
  return sendRenderedPage(req, reply, page, { maxAge: MAX_AGE_SECONDS, vary: ['Cookie'], front });
}

export function registerPortalRoutes(app: FastifyInstance, portal: PortalService, config: Config): void {
  const cache = new PageCache(RENDER_TTL_MS);
  // served ahead of Fastify while fresh: the plugin chain costs several times the page (bench/portal.bench.ts)
  const front = frontCacheFor(app.server, RENDER_TTL_MS);
  const hide = { schema: { hide: true } };

  app.get('/', hide, async (req, reply) =>
    sendPublicPage(req, reply, cache, front, 'home', async () => <HomePage ctx={req.ctx} directory={await portal.getAgencyDirectory()} />),
  );

  app.get(PORTAL_LINKS.sitemap, hide, async (req, reply) =>
    sendPublicPage(req, reply, cache, front, 'sitemap', async () => <SitemapPage ctx={req.ctx} directory={await portal.getAgencyDirectory()} />),
  );

  app.get(PORTAL_LINKS.accessibility, hide, async (req, reply) => sendPublicPage(req, reply, cache, front, 'accessibility', async () => <AccessibilityPage ctx={req.ctx} />));

  // 长者模式 works without script: a plain link sets or clears the cookie and returns to the page
  app.get(PORTAL_LINKS.elderMode, hide, async (req, reply) => {
    const parsed = parseElderModeSwitch(req.query as Record<string, unknown>);
    if ('errors' in parsed) throw validationError(parsed.errors);
    if (parsed.on) reply.setCookie(ELDER_COOKIE, '1', cookieOptions(req, config, ELDER_COOKIE_SECONDS));
    else reply.clearCookie(ELDER_COOKIE, { path: '/' });
    return reply.header('cache-control', 'no-store').redirect(parsed.next, 303);
  });
}
