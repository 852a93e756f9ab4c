import type { Module } from '../index.ts';
import { registerSearchApiRoutes } from './search.api.routes.ts';
import { registerSearchPortalRoutes } from './search.portal.routes.tsx';

export { createSearchService, type SearchService, type SearchOutcome, type SearchHit } from './search.service.ts';
export { createSearchIndexer, reindexItem, reindexAgencyItems, type SearchIndexer } from './search.indexer.ts';

/** 信息检索: /search with its feeds, and GET /api/v1/items. The index is kept by search.indexer.ts. */
export const searchModule: Module = {
  name: 'search',
  async register(app, deps) {
    await registerSearchPortalRoutes(app, deps);
    await registerSearchApiRoutes(app, deps);
  },
};
