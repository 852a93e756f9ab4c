import type { Actor, Role, RoleGrant } from './actor.ts';

/**
 * What an action is done to: an agency's thing, with the agency's ancestors (ids from the root,
 * the `agencies.ancestors` column), or null for an action that concerns no single agency.
 */
export type PolicyResource = { agencyId: string; agencyAncestors: readonly string[] } | null;

/** Platform actions and the roles that may take them. Modules keep their own tables and call hasRoleFor. */
export const PLATFORM_ACTIONS = {
  /** sign in to the console at all */
  'console.access': ['admin', 'office', 'editor', 'reviewer', 'agent', 'handler', 'head'],
  /** see an agency's record in the console */
  'agency.read': ['admin', 'office', 'editor', 'reviewer', 'agent', 'handler', 'head'],
  /** create, edit, move, retire agencies below one's own */
  'agency.manage': ['admin'],
  /** create users, grant roles, unlock, disable */
  'user.manage': ['admin'],
  /** enter the State Council's holiday schedule */
  'calendar.manage': ['admin'],
  /** read the audit log (公开办 supervises) */
  'audit.read': ['admin', 'office'],
} as const satisfies Record<string, readonly Role[]>;

export type PlatformAction = keyof typeof PLATFORM_ACTIONS;

/**
 * Actions on something the whole deployment shares (the State Council's holiday schedule): with a null
 * resource they need the role at a top-level agency with its subtree, not at any district or department.
 */
export const DEPLOYMENT_WIDE_ACTIONS: ReadonlySet<PlatformAction> = new Set(['calendar.manage']);
export const PLATFORM_ACTION_IDS = Object.keys(PLATFORM_ACTIONS) as PlatformAction[];

/**
 * Whether one grant reaches a resource: the same agency, or an ancestor of it when the grant
 * includes the subtree. A null resource (a global action) is reached by any grant.
 */
export function grantCovers(grant: RoleGrant, resource: PolicyResource): boolean {
  if (resource === null) return true;
  if (grant.agencyId === resource.agencyId) return true;
  return grant.includeSubtree && resource.agencyAncestors.includes(grant.agencyId);
}

/** Whether the actor holds one of `roles` at a grant covering the resource. Cross-agency access is denied. */
export function hasRoleFor(actor: Actor | null | undefined, roles: readonly Role[], resource: PolicyResource): boolean {
  if (!actor) return false;
  return actor.grants.some((g) => roles.includes(g.role) && grantCovers(g, resource));
}

/** The single platform policy: may this actor take this action on this resource? */
export function can(actor: Actor | null | undefined, action: PlatformAction, resource: PolicyResource): boolean {
  if (resource === null && DEPLOYMENT_WIDE_ACTIONS.has(action)) {
    const roles: readonly Role[] = PLATFORM_ACTIONS[action];
    return !!actor && actor.grants.some((g) => roles.includes(g.role) && g.agencyIsRoot === true && g.includeSubtree);
  }
  return hasRoleFor(actor, PLATFORM_ACTIONS[action], resource);
}

/**
 * The actor's grants for `roles`, as scopes a repository can filter by:
 * `agency_id = scope.agencyId OR (scope.includeSubtree AND scope.agencyId = ANY(ancestors))`.
 */
export function scopesFor(actor: Actor | null | undefined, roles: readonly Role[]): { agencyId: string; includeSubtree: boolean }[] {
  if (!actor) return [];
  return actor.grants.filter((g) => roles.includes(g.role)).map((g) => ({ agencyId: g.agencyId, includeSubtree: g.includeSubtree }));
}

/** The scopes for a platform action. */
export function scopesForAction(actor: Actor | null | undefined, action: PlatformAction): { agencyId: string; includeSubtree: boolean }[] {
  return scopesFor(actor, PLATFORM_ACTIONS[action]);
}
