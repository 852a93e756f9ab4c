import type { Module } from '../index.ts';
import { registerPortalItemsRoutes } from './portal.items.routes.tsx';
import { createPortalItemsService } from './portal.items.service.ts';

/** The public item page (/xxgk/<索引号>), RSS 2.0 and Atom feeds of agencies and columns, and sitemap.xml. */
export const disclosurePortalModule: Module = {
  name: 'disclosure-portal',
  async register(app, deps) {
    await registerPortalItemsRoutes(app, deps, createPortalItemsService(deps.db));
  },
};
