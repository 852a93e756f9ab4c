import type { Module } from '../index.ts';
import { registerCatalogConsoleRoutes } from './catalog.console.routes.tsx';
import { registerCatalogPortalRoutes, registerCatalogSections } from './catalog.portal.routes.tsx';

/**
 * 主动公开基本目录: the agency 信息公开 page sections (指南, 目录, 年报, 依申请公开), the public catalog, column and
 * 动态调整 pages, and the console that adjusts catalogs. The service is `deps.catalog` (deps.ts).
 */
export const catalogModule: Module = {
  name: 'disclosure-catalog',
  async register(app, deps) {
    registerCatalogSections();
    await registerCatalogPortalRoutes(app, deps);
    await registerCatalogConsoleRoutes(app, deps);
  },
};
