// Who may do what with an annual report (pure). Reports belong to an agency; a grant on it, or on an ancestor
// with the subtree, reaches it. Jobs and the CLI act as system actors.
import type { AuditActor, Role } from '../../platform/auth/actor.ts';
import { hasRoleFor, scopesFor } from '../../platform/auth/policy.ts';

export const REPORT_ACTIONS = {
  'report.read': ['admin', 'office', 'editor', 'reviewer'],
  /** the text of 一、五、六, explanations of violations, the outside figures */
  'report.edit': ['office', 'editor', 'reviewer'],
  /** 公开办 or 部门审核 (issue 6) */
  'report.publish': ['office', 'reviewer'],
  /** the deadline board (公开办 supervises, 条例 第四十九条) */
  'report.board': ['office', 'admin'],
} as const satisfies Record<string, readonly Role[]>;
export type ReportAction = keyof typeof REPORT_ACTIONS;

export function canOnReport(actor: AuditActor | null | undefined, action: ReportAction, agency: { id: string; ancestors: readonly string[] }): boolean {
  if (actor && 'system' in actor) return true;
  return hasRoleFor(actor, REPORT_ACTIONS[action], { agencyId: agency.id, agencyAncestors: agency.ancestors });
}

export function mayAnywhere(actor: AuditActor | null | undefined, action: ReportAction): boolean {
  if (actor && 'system' in actor) return true;
  return scopesFor(actor, REPORT_ACTIONS[action]).length > 0;
}
