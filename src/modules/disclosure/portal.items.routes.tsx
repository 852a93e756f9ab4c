import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../platform/http/errors.ts';
import { sendPublicHtml } from './catalog.portal.routes.tsx';
import type { PortalItemsService } from './portal.items.service.ts';
import { renderAtom, renderRss, type Feed } from './views/feed.ts';
import { renderSitemapIndex, renderUrlset, SITEMAP_MAX_URLS } from './views/feed-sitemap.ts';
import { ItemPageView } from './views/item-page.tsx';

const FEED_TYPES = { rss: 'application/rss+xml; charset=utf-8', atom: 'application/atom+xml; charset=utf-8' } as const;

function sendXml(reply: FastifyReply, type: string, body: string): FastifyReply {
  return reply.header('cache-control', 'public, max-age=300').type(type).send(body);
}

function sendFeed(reply: FastifyReply, format: keyof typeof FEED_TYPES, feed: Feed): FastifyReply {
  return sendXml(reply, FEED_TYPES[format], format === 'rss' ? renderRss(feed) : renderAtom(feed));
}

const ItemParams = Type.Object({ prefix: Type.String({ title: '索引号前段', maxLength: 18 }), suffix: Type.String({ title: '索引号后段', maxLength: 10 }) });
const CodeParams = Type.Object({ code: Type.String({ title: '机关代码', maxLength: 40 }) });
const NodeParams = Type.Object({ code: Type.String({ title: '机关代码', maxLength: 40 }), nodeId: Type.String({ title: '栏目', maxLength: 64 }) });

export interface PortalItemsRouteOptions {
  /** URLs per sitemap file (the protocol allows 50,000); smaller in tests */
  sitemapMaxUrls?: number;
}

/** /xxgk/<索引号>, the RSS 2.0 and Atom feeds of agencies and columns, and /sitemap.xml with its parts. */
export async function registerPortalItemsRoutes(app: FastifyInstance, deps: Pick<Deps, 'config' | 'items'>, service: PortalItemsService, opts: PortalItemsRouteOptions = {}): Promise<void> {
  const { baseUrl } = deps.config;
  const maxUrls = opts.sitemapMaxUrls ?? SITEMAP_MAX_URLS;

  app.get('/xxgk/:prefix/:suffix', { schema: { hide: true, params: ItemParams } }, async (req, reply) => {
    const { prefix, suffix } = req.params as { prefix: string; suffix: string };
    const page = await service.getItemPage(prefix, suffix);
    return sendPublicHtml(req, reply, <ItemPageView ctx={req.ctx} page={page} />);
  });

  for (const format of ['rss', 'atom'] as const) {
    app.get(`/agencies/:code/feed.${format}`, { schema: { hide: true, params: CodeParams } }, async (req, reply) => {
      const { code } = req.params as { code: string };
      return sendFeed(reply, format, await service.getAgencyFeed(code, baseUrl));
    });
    app.get(`/agencies/:code/catalog/:nodeId/feed.${format}`, { schema: { hide: true, params: NodeParams } }, async (req, reply) => {
      const { code, nodeId } = req.params as { code: string; nodeId: string };
      return sendFeed(reply, format, await service.getNodeFeed(code, nodeId, baseUrl));
    });
  }

  // 附件下载: a public item's current files for anyone, a draft's only for staff who may read it (items.openAttachment)
  app.get('/files/:id', { schema: { hide: true } }, async (req, reply) => {
    const { id } = req.params as { id: string };
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) throw new AppError('NOT_FOUND', '未找到该附件。');
    const { attachment, bytes } = await deps.items.openAttachment(id, req.actor);
    return reply
      .header('content-type', attachment.mime)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(attachment.filename)}`)
      .header('cache-control', req.actor ? 'private, no-store' : 'public, max-age=3600')
      .send(bytes);
  });

  app.get('/sitemap.xml', { schema: { hide: true } }, async (_req, reply) => {
    const doc = await service.getSitemap(baseUrl, maxUrls);
    return sendXml(reply, 'application/xml; charset=utf-8', doc.kind === 'urlset' ? renderUrlset(doc.urls) : renderSitemapIndex(doc.sitemaps));
  });

  app.get('/sitemaps/pages.xml', { schema: { hide: true } }, async (_req, reply) => sendXml(reply, 'application/xml; charset=utf-8', renderUrlset(await service.getSitemapPages(baseUrl))));

  app.get('/sitemaps/items-:page.xml', { schema: { hide: true } }, async (req, reply) => {
    const raw = (req.params as { page: string }).page;
    if (!/^[1-9][0-9]{0,5}$/.test(raw)) throw new AppError('NOT_FOUND', '没有这一页站点地图。');
    return sendXml(reply, 'application/xml; charset=utf-8', renderUrlset(await service.getSitemapItems(baseUrl, Number(raw), maxUrls)));
  });
}
