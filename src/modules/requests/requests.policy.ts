// Who may do what to an application (pure). The agency's grants decide; cross-agency access is denied.
import type { Actor, AuditActor, Role } from '../../platform/auth/actor.ts';
import { hasRoleFor, scopesFor, type PolicyResource } from '../../platform/auth/policy.ts';

export const REQUEST_ACTIONS = {
  /** the queue, a request's page, the applicant's details and identity proof */
  'request.read': ['admin', 'office', 'handler', 'head', 'reviewer', 'editor'],
  /** register a paper application and take every workflow verb except the extension */
  'request.handle': ['office', 'handler', 'head'],
  /** 条例 第三十三条: 延长答复期限 须经政府信息公开工作机构负责人同意 */
  'request.extend': ['head'],
  /** 行政复议 / 行政诉讼 cases against replies */
  'request.review_case': ['office', 'handler', 'head'],
} as const satisfies Record<string, readonly Role[]>;
export type RequestAction = keyof typeof REQUEST_ACTIONS;

export function isSystemActor(a: AuditActor): a is { system: string } {
  return 'system' in a;
}

/** Whether the actor may take `action` on an application of the agency (system actors: jobs and seeding may). */
export function canOnRequest(actor: AuditActor | null | undefined, action: RequestAction, agency: { id: string; ancestors: readonly string[] }): boolean {
  if (!actor) return false;
  if (isSystemActor(actor)) return true;
  const resource: PolicyResource = { agencyId: agency.id, agencyAncestors: agency.ancestors };
  return hasRoleFor(actor, REQUEST_ACTIONS[action], resource);
}

/** The agencies (with subtree flags) whose applications the actor may read. */
export function requestScopes(actor: Actor): { agencyId: string; includeSubtree: boolean }[] {
  return scopesFor(actor, REQUEST_ACTIONS['request.read']);
}

/** The 公开办 overview of every agency's overdue count: the office (or admin) at a top-level agency with its subtree. */
export function canSeeOverview(actor: Actor | null | undefined): boolean {
  return !!actor && actor.grants.some((g) => (g.role === 'office' || g.role === 'admin') && g.agencyIsRoot === true && g.includeSubtree);
}
