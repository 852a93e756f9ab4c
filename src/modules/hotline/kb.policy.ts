// Who may read and maintain the 知识库 (pure). The knowledge base is shared by every hotline user (资源共享); an entry is
// maintained by its owner agency (谁提供、谁维护、谁更新): a grant there (or on an ancestor with the subtree).
import type { Actor, AuditActor, Role } from '../../platform/auth/actor.ts';
import { hasRoleFor, scopesFor } from '../../platform/auth/policy.ts';

export const KB_ACTIONS = {
  /** search and read every entry */
  'kb.read': ['agent', 'handler', 'office', 'admin'],
  /** create, edit, confirm the review of, and retire the entries an agency owns */
  'kb.write': ['agent', 'handler', 'office'],
} as const satisfies Record<string, readonly Role[]>;
export type KbAction = keyof typeof KB_ACTIONS;

const isSystem = (a: AuditActor | null | undefined): a is { system: string } => !!a && 'system' in a;

export function canReadKb(actor: AuditActor | null | undefined): boolean {
  if (isSystem(actor)) return true;
  return !!actor && actor.grants.some((g) => (KB_ACTIONS['kb.read'] as readonly Role[]).includes(g.role));
}

/** May the actor maintain entries owned by this agency? */
export function canWriteKb(actor: AuditActor | null | undefined, owner: { id: string; ancestors: readonly string[] }): boolean {
  if (isSystem(actor)) return true;
  return hasRoleFor(actor as Actor | null | undefined, KB_ACTIONS['kb.write'], { agencyId: owner.id, agencyAncestors: owner.ancestors });
}

/** Whether the actor may maintain any entry at all (to show the 新建 button). */
export function mayWriteKbAnywhere(actor: Actor | null | undefined): boolean {
  return scopesFor(actor, KB_ACTIONS['kb.write']).length > 0;
}
