import type { Module } from '../index.ts';
import { registerAgencyApiRoutes } from './agencies.api.routes.ts';
import { registerAgencyConsoleRoutes } from './agencies.console.routes.tsx';
import { registerAgencyPortalRoutes } from './agencies.portal.routes.tsx';

export { AGENCY_KINDS, agencies, type AgencyKind } from './agencies.tables.ts';
export { AgencyChanges, NewAgency, type Agency } from './agencies.schema.ts';
export { createAgencyService, type AgencyFormOptions, type AgencyService, type ListAgenciesOptions } from './agencies.service.ts';
export { agencyResource, canManageAgency } from './agencies.policy.ts';
export { inTreeOrder, groupByGovernment } from './agencies.tree.ts';
export { DEMO_AGENCIES, DEMO_ROOT_CODE, seedAgencies } from './agencies.seed.ts';
export { addAgencyPageSection, type AgencyPageSection } from './agencies.portal.routes.tsx';

/** 机关: the agency tree, its console, the public 信息公开 pages and the JSON API. */
export const agenciesModule: Module = {
  name: 'agencies',
  async register(app, deps) {
    await registerAgencyConsoleRoutes(app, deps);
    await registerAgencyPortalRoutes(app, deps);
    await registerAgencyApiRoutes(app, deps);
  },
};
