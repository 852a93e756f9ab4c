// Who may do what to an item (pure). An item belongs to its owning (lead) agency; a role reaches it through a
// grant on that agency, or on an ancestor with the subtree. Cross-agency access is denied. Jobs, the CLI and the
// importer act as system actors and pass.

import type { Actor, AuditActor, Role } from '../../platform/auth/actor.ts';
import { hasRoleFor, scopesFor, type PolicyResource } from '../../platform/auth/policy.ts';

/** One row per action. 部门编辑 write; 部门审核 judge and publish; 公开办 supervises (reads). */
export const ITEM_ACTIONS = {
  'item.read': ['editor', 'reviewer', 'office'],
  /** createDraft, updateDraft, attachments, 全部去标识化 */
  'item.draft': ['editor'],
  'item.submit': ['editor'],
  /** a new draft revision of a published item */
  'item.createRevision': ['editor'],
  'item.return': ['reviewer'],
  /** 保密审查 (条例 第十七条), and confirming attachments whose text could not be read */
  'item.secrecyReview': ['reviewer'],
  /** keeping a privacy finding with a reason (issue 4) */
  'item.overridePrivacy': ['reviewer'],
  'item.publish': ['reviewer'],
  'item.withdraw': ['reviewer'],
  'item.revoke': ['reviewer'],
  'item.unpublish': ['reviewer'],
} as const satisfies Record<string, readonly Role[]>;

export type ItemAction = keyof typeof ITEM_ACTIONS;
export const ITEM_ACTION_IDS = Object.keys(ITEM_ACTIONS) as ItemAction[];

/** The policy resource of an item (or of an agency, for creating one there). */
export function itemResource(agency: { id: string; ancestors: readonly string[] }): NonNullable<PolicyResource> {
  return { agencyId: agency.id, agencyAncestors: agency.ancestors };
}

export function isSystemActor(actor: AuditActor | null | undefined): actor is { system: string } {
  return !!actor && 'system' in actor;
}

/** May this actor take `action` on an item of this agency? */
export function canOnItem(actor: AuditActor | null | undefined, action: ItemAction, agency: { id: string; ancestors: readonly string[] }): boolean {
  if (isSystemActor(actor)) return true;
  return hasRoleFor(actor, ITEM_ACTIONS[action], itemResource(agency));
}

/** The agencies (with subtree or not) where the actor may take `action`: the console's list filter. */
export function itemScopes(actor: Actor | null | undefined, action: ItemAction): { agencyId: string; includeSubtree: boolean }[] {
  return scopesFor(actor, ITEM_ACTIONS[action]);
}

/** Whether the actor may take `action` anywhere at all (to show the console's menu entry). */
export function mayTakeAnywhere(actor: AuditActor | null | undefined, action: ItemAction): boolean {
  return isSystemActor(actor) || itemScopes(actor, action).length > 0;
}
