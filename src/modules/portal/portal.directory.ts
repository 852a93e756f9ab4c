import type { Agency } from '../agencies/index.ts';

/** What the portal shows of an agency: enough to list and link it. */
export type PortalAgency = Pick<Agency, 'id' | 'code' | 'parentId' | 'name' | 'shortName' | 'kind' | 'retiredAt'>;

/** Where the list comes from: the agencies service (deps.agencies). */
export interface AgencySource {
  listAgencies(): Promise<PortalAgency[]>;
}

/** The home page's 政务公开 list: 市政府 / 市政府部门 / 区县政府. */
export interface AgencyDirectory {
  /** the root government(s): 市政府 */
  city: PortalAgency[];
  /** the city government's departments (政府部门, 派出机构, 授权组织) */
  departments: PortalAgency[];
  /** 区县政府 under the city */
  districts: PortalAgency[];
}

/**
 * Groups active agencies for the home page, keeping the given order. Districts' own departments are
 * reached from each district's page, so they are not listed here.
 */
export function groupAgencies(all: readonly PortalAgency[]): AgencyDirectory {
  const active = all.filter((a) => a.retiredAt === null);
  const roots = active.filter((a) => a.parentId === null);
  const rootIds = new Set(roots.map((a) => a.id));
  const children = active.filter((a) => a.parentId !== null && rootIds.has(a.parentId));
  return {
    city: roots,
    departments: children.filter((a) => a.kind !== 'government'),
    districts: children.filter((a) => a.kind === 'government'),
  };
}
