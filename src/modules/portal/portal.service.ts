import { groupAgencies, type AgencyDirectory, type AgencySource } from './portal.directory.ts';

export interface PortalService {
  /** active agencies grouped for the home page and the sitemap */
  getAgencyDirectory(): Promise<AgencyDirectory>;
}

export function createPortalService(agencies: AgencySource): PortalService {
  return {
    async getAgencyDirectory() {
      return groupAgencies(await agencies.listAgencies());
    },
  };
}
