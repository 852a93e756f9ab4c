import type { Module } from '../index.ts';
import { registerRequestsConsoleRoutes } from './requests.console.routes.tsx';
import { addMultipartParser, registerRequestsPortalRoutes } from './requests.portal.routes.tsx';

/** 依申请公开: the citizen form, receipt and status page, the JSON API, and the clerk console. */
export const requestsModule: Module = {
  name: 'requests',
  async register(app, deps) {
    // each agency's 信息公开 page links to /requests/new?agency=<id> from its 依申请公开 section (disclosure/views/catalog-pages.tsx)
    await app.register(async (scope) => {
      addMultipartParser(scope, deps.config);
      await registerRequestsPortalRoutes(scope, deps);
      await registerRequestsConsoleRoutes(scope, deps, true);
    });
  },
};
