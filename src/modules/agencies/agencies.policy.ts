import type { Actor, AuditActor } from '../../platform/auth/actor.ts';
import { can, scopesForAction, type PolicyResource } from '../../platform/auth/policy.ts';

/** The policy resource for an agency itself. */
export function agencyResource(a: { id: string; ancestors: readonly string[] }): NonNullable<PolicyResource> {
  return { agencyId: a.id, agencyAncestors: a.ancestors };
}

function isSystem(actor: AuditActor): actor is { system: string } {
  return 'system' in actor;
}

/** Edit or retire `agency`, or create a child under it: 系统管理员 of it, or of an ancestor with subtree. */
export function canManageAgency(actor: AuditActor, agency: { id: string; ancestors: readonly string[] }): boolean {
  return isSystem(actor) || can(actor, 'agency.manage', agencyResource(agency));
}

/**
 * Create a root agency (or move one to the root): an admin grant with subtree on an existing root,
 * or — bootstrapping — no agency exists yet. Jobs and the CLI (system actors) may always.
 */
export function canCreateRootAgency(actor: AuditActor, roots: readonly { id: string }[], anyAgencyExists: boolean): boolean {
  if (isSystem(actor) || !anyAgencyExists) return true;
  return actor.grants.some((g) => g.role === 'admin' && g.includeSubtree && roots.some((r) => r.id === g.agencyId));
}

/** Whether the actor manages any agency at all (may open the console's 机关管理). */
export function managesAnyAgency(actor: Actor): boolean {
  return scopesForAction(actor, 'agency.manage').length > 0;
}
