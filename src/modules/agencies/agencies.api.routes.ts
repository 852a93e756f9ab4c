import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { AGENCY_KINDS } from './agencies.tables.ts';
import { AgencyView, type Agency } from './agencies.schema.ts';

const TAGS = ['机关'];

const ErrorBody = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), requestId: Type.Optional(Type.String()) }),
});

/** The public JSON shape: no internal ids, the parent by code. */
export function toAgencyView(a: Agency, parentCode: string | null): AgencyView {
  return {
    code: a.code,
    name: a.name,
    shortName: a.shortName,
    kind: a.kind,
    kindName: AGENCY_KINDS[a.kind],
    divisionCode: a.divisionCode,
    creditCode: a.creditCode,
    isDemo: a.isDemo,
    docPrefix: a.docPrefix,
    parentCode,
    depth: a.ancestors.length,
    retiredAt: a.retiredAt ? a.retiredAt.toISOString() : null,
    office: { name: a.officeName, address: a.officeAddress, phone: a.officePhone, hours: a.officeHours, fax: a.officeFax, email: a.officeEmail },
  };
}

/** GET /api/v1/agencies and /api/v1/agencies/{code}: read-only, documented in OpenAPI. */
export async function registerAgencyApiRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const { agencies } = deps;

  app.get(
    '/api/v1/agencies',
    {
      schema: {
        tags: TAGS,
        summary: '机关列表',
        description: '全部未撤销的机关，按机关树顺序（每个机关后紧跟其下级）。',
        response: { 200: Type.Object({ items: Type.Array(AgencyView) }) },
      },
    },
    async (_req, reply) => {
      const list = await agencies.listAgencies();
      const codeOf = new Map(list.map((a) => [a.id, a.code]));
      reply.header('cache-control', 'public, max-age=60');
      return { items: list.map((a) => toAgencyView(a, a.parentId ? (codeOf.get(a.parentId) ?? null) : null)) };
    },
  );

  app.get(
    '/api/v1/agencies/:code',
    {
      schema: {
        tags: TAGS,
        summary: '机关详情',
        description: '一个机关的基本信息和政府信息公开工作机构（条例 第十二条）。已撤销的机关仍可查询，retiredAt 为撤销时间。',
        params: Type.Object({ code: Type.String({ title: '机关代码', maxLength: 40, description: '机关代码，如 cq-fgw' }) }),
        response: { 200: AgencyView, 404: ErrorBody },
      },
    },
    async (req, reply) => {
      const { code } = req.params as { code: string };
      const page = await agencies.getAgencyPage(code);
      reply.header('cache-control', 'public, max-age=60');
      return toAgencyView(page.agency, page.ancestors.at(-1)?.code ?? null);
    },
  );
}
