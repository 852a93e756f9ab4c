import type { Module } from '../index.ts';
import { registerPortalRoutes } from './portal.routes.tsx';
import { createPortalService } from './portal.service.ts';

export type { PortalService } from './portal.service.ts';
export { groupAgencies, type AgencyDirectory } from './portal.directory.ts';

/** The public portal's frame pages: home, 网站地图, 无障碍说明, and the 长者模式 switch. */
export const portalModule: Module = {
  name: 'portal',
  async register(app, deps) {
    registerPortalRoutes(app, createPortalService(deps.agencies), deps.config);
  },
};
