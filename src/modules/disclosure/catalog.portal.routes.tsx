import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { renderPage } from '../../platform/views/render.ts';
import { addAgencyPageSection } from '../agencies/index.ts';
import { CatalogChangesPage, CatalogNodePage, CatalogPage, AnnualReportSection, CatalogSection, GuideSection, RequestsSection } from './views/catalog-pages.tsx';

/** Public pages hold nothing per user (no CSRF token, no actor): proxies may keep them a minute. */
export function sendPublicHtml(req: FastifyRequest, reply: FastifyReply, page: VNode): FastifyReply {
  return reply
    .header('cache-control', req.ctx.flash ? 'private, no-store' : 'public, max-age=60')
    .header('vary', 'Cookie')
    .type('text/html; charset=utf-8')
    .send(renderPage(page));
}

const CodeParams = Type.Object({ code: Type.String({ title: '机关代码', maxLength: 40 }) });
const NodeParams = Type.Object({ code: Type.String({ title: '机关代码', maxLength: 40 }), nodeId: Type.String({ title: '栏目', maxLength: 64 }) });
const PageQuery = Type.Object({ page: Type.Optional(Type.String({ title: '页码', maxLength: 8 })) });

/** The 信息公开 page sections this module adds (agencies.portal.routes.tsx renders them in this order). */
export function registerCatalogSections(): void {
  // 条例 第十二条: 政府信息公开指南
  addAgencyPageSection({
    id: 'guide',
    title: '政府信息公开指南',
    order: 10,
    async load(agency, deps) {
      const [tree, guide] = await Promise.all([deps.catalog.getCatalogTree(agency), deps.catalog.getColumnHighlights(agency, 'guide', 1)]);
      return <GuideSection baseUrl={deps.config.baseUrl} agency={agency} tree={tree} guide={guide} />;
    },
  });
  addAgencyPageSection({
    id: 'catalog',
    title: '主动公开目录',
    order: 20,
    async load(agency, deps) {
      return <CatalogSection agency={agency} tree={await deps.catalog.getCatalogTree(agency)} />;
    },
  });
  // 条例 第四十九条、第五十条
  addAgencyPageSection({
    id: 'annual-report',
    title: '政府信息公开工作年度报告',
    order: 30,
    async load(agency, deps) {
      return <AnnualReportSection agency={agency} reports={await deps.catalog.getColumnHighlights(agency, 'annual_reports', 1)} />;
    },
  });
  // 条例 第二十七条
  addAgencyPageSection({
    id: 'requests',
    title: '依申请公开',
    order: 40,
    async load(agency, deps) {
      return <RequestsSection agency={agency} node={(await deps.catalog.getColumnHighlights(agency, 'requests', 0)).node} />;
    },
  });
}

/** /agencies/<code>/catalog, …/catalog/changes and …/catalog/<nodeId>. */
export async function registerCatalogPortalRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const { catalog } = deps;

  app.get('/agencies/:code/catalog', { schema: { hide: true, params: CodeParams } }, async (req, reply) => {
    const { code } = req.params as { code: string };
    const { agency, tree } = await catalog.getPublicCatalog(code);
    return sendPublicHtml(req, reply, <CatalogPage ctx={req.ctx} agency={agency} tree={tree} />);
  });

  app.get('/agencies/:code/catalog/changes', { schema: { hide: true, params: CodeParams, querystring: PageQuery } }, async (req, reply) => {
    const { code } = req.params as { code: string };
    const history = await catalog.getChangeHistory(code, (req.query as { page?: string }).page);
    return sendPublicHtml(req, reply, <CatalogChangesPage ctx={req.ctx} {...history} />);
  });

  app.get('/agencies/:code/catalog/:nodeId', { schema: { hide: true, params: NodeParams, querystring: PageQuery } }, async (req, reply) => {
    const { code, nodeId } = req.params as { code: string; nodeId: string };
    const listing = await catalog.getNodeListing(code, nodeId, (req.query as { page?: string }).page);
    return sendPublicHtml(req, reply, <CatalogNodePage ctx={req.ctx} listing={listing} />);
  });
}
