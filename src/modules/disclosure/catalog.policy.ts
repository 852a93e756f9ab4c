// Who may change an agency's 主动公开基本目录. Pure.
//
// The catalog is the agency's public statement of what it discloses proactively (条例 第十二条: 目录 is kept
// by the agency and kept current; 第五十三条（二）: failing to update it is a violation). Changing its
// structure is a decision, not drafting: 部门审核 of the agency (who already signs off what goes public),
// 公开办 (who supervises openness and keeps catalogs consistent across agencies) and 系统管理员, each within
// the agencies their grant covers. 部门编辑 files items into columns but does not reshape the catalog.

import type { Actor, AuditActor, Role } from '../../platform/auth/actor.ts';
import { hasRoleFor, type PolicyResource } from '../../platform/auth/policy.ts';

export const CATALOG_MANAGER_ROLES: readonly Role[] = ['admin', 'office', 'reviewer'];

export function catalogResource(agency: { id: string; ancestors: readonly string[] }): Exclude<PolicyResource, null> {
  return { agencyId: agency.id, agencyAncestors: agency.ancestors };
}

/** May this actor add, rename, reorder, move, retire or restore columns of this agency's catalog? System actors may. */
export function canManageCatalog(actor: AuditActor | null | undefined, agency: { id: string; ancestors: readonly string[] }): boolean {
  if (!actor) return false;
  if ('system' in actor) return true;
  return hasRoleFor(actor, CATALOG_MANAGER_ROLES, catalogResource(agency));
}

/** Whether the actor could manage some catalog at all (to show the console entry). */
export function managesAnyCatalog(actor: Actor | null | undefined): boolean {
  return !!actor && actor.grants.some((g) => CATALOG_MANAGER_ROLES.includes(g.role));
}
