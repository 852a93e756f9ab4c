import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { SearchQuery, SearchResponse, type SearchHitView } from './search.schema.ts';
import type { SearchHit, SearchOutcome } from './search.service.ts';

const TAGS = ['政府信息'];

const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    fields: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
    requestId: Type.Optional(Type.String()),
  }),
});

export function toHitView(h: SearchHit): SearchHitView {
  return {
    indexNumber: h.indexNumber,
    title: h.title,
    documentNumber: h.documentNumber,
    agencies: h.agencies,
    writtenDate: h.writtenDate,
    publishedDate: h.publishedDate,
    validity: h.validity,
    url: h.url,
    snippet: h.snippet,
  };
}

export function toSearchResponse(o: SearchOutcome): SearchResponse {
  return { total: o.total, totalIsEstimate: o.totalIsEstimate, page: o.page, pageSize: o.pageSize, items: o.hits.map(toHitView) };
}

/** GET /api/v1/items: the public search as JSON, documented in OpenAPI. */
export async function registerSearchApiRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  app.get(
    '/api/v1/items',
    {
      schema: {
        tags: TAGS,
        summary: '检索政府信息',
        description:
          '检索已公开的政府信息（主动公开）。多个关键词之间为“且”，引号括起的词组须相邻出现；关键词是发文字号（渝府办发〔2018〕76号、渝府办发[2018]76号、渝府办发2018 76 均可）时先按文号精确查找。' +
          '常见词的结果数为抽样估计，此时 totalIsEstimate 为 true。按相关度排序时，常见词只对最新的候选结果精确排序，其后按发布日期排列。每页 20 条，最多 500 页。',
        querystring: SearchQuery,
        response: { 200: SearchResponse, 400: ErrorBody },
      },
    },
    async (req, reply) => {
      const outcome = await deps.search.search(req.query as Record<string, unknown>);
      reply.header('cache-control', 'public, max-age=60');
      return toSearchResponse(outcome);
    },
  );
}
