import type { FastifyInstance } from 'fastify';
import type { ComponentChildren } from 'preact';
import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { renderPage } from '../../platform/views/render.ts';
import type { Agency } from './agencies.schema.ts';
import { groupByGovernment } from './agencies.tree.ts';
import { AgencyListPage, AgencyPortalPage, type RenderedSection } from './views/agency-portal-pages.tsx';

/**
 * An extra part of an agency's public page, added by a later module (政府信息公开指南, 主动公开目录,
 * 年度报告 …). `load` returns the content, or null to leave the section out for this agency.
 */
export interface AgencyPageSection {
  /** stable id, also the section's anchor: guide, catalog, annual-report … */
  id: string;
  /** heading, e.g. 政府信息公开指南 */
  title: string;
  /** ascending; the office details come first, the child agencies last */
  order: number;
  load(agency: Agency, deps: Deps): Promise<ComponentChildren | null>;
}

const sections = new Map<string, AgencyPageSection>();

/** Adds (or replaces, by id) a section of every agency's 信息公开 page. Call it from a module's register(). */
export function addAgencyPageSection(section: AgencyPageSection): void {
  sections.set(section.id, section);
}

async function renderSections(agency: Agency, deps: Deps): Promise<RenderedSection[]> {
  const ordered = [...sections.values()].sort((a, b) => a.order - b.order);
  const loaded = await Promise.all(ordered.map(async (s) => ({ s, content: await s.load(agency, deps) })));
  return loaded.filter((x) => x.content !== null).map((x) => ({ id: x.s.id, title: x.s.title, content: x.content }));
}

/** /agencies and /agencies/<code>: the public 信息公开 pages of the agencies. */
export async function registerAgencyPortalRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const { agencies } = deps;

  app.get('/agencies', async (req, reply) => {
    const groups = groupByGovernment(await agencies.listAgencies());
    return reply.type('text/html; charset=utf-8').send(renderPage(<AgencyListPage ctx={req.ctx} groups={groups} />));
  });

  app.get(
    '/agencies/:code',
    { schema: { hide: true, params: Type.Object({ code: Type.String({ title: '机关代码', maxLength: 40 }) }) } },
    async (req, reply) => {
      const { code } = req.params as { code: string };
      const page = await agencies.getAgencyPage(code);
      const extra = await renderSections(page.agency, deps);
      return reply.type('text/html; charset=utf-8').send(renderPage(<AgencyPortalPage ctx={req.ctx} agency={page.agency} ancestors={page.ancestors} children={page.children} sections={extra} />));
    },
  );
}
