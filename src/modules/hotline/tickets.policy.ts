// Who may do what to a ticket (pure). The 12345 center's agents (热线坐席, role `agent`) take the center's verbs on
// any ticket; a handling agency's 承办人 (`handler`) or 工作机构负责人 (`head`) take the agency's verbs on tickets
// where a grant covers the lead agency; 撤回 is the citizen's, relayed by an agent. Jobs and the CLI act as `system`.
import type { Actor, AuditActor, Role } from '../../platform/auth/actor.ts';
import { grantCovers } from '../../platform/auth/policy.ts';
import { TICKET_TRANSITIONS, type TicketVerb } from './hotline.workflow.ts';

export const CENTER_ROLES: readonly Role[] = ['agent'];
export const AGENCY_ROLES: readonly Role[] = ['handler', 'head'];
/** who reads every ticket: the center, and the 公开办/admin supervising */
export const SUPERVISOR_ROLES: readonly Role[] = ['agent', 'office', 'admin'];
/** issue and revoke Open311 API keys */
export const API_KEY_ROLES: readonly Role[] = ['admin'];

export function isSystem(actor: AuditActor): actor is { system: string } {
  return 'system' in actor;
}

function holds(actor: Actor, roles: readonly Role[]): boolean {
  return actor.grants.some((g) => roles.includes(g.role));
}

export interface AgencyRef {
  agencyId: string;
  agencyAncestors: readonly string[];
}

/** Whether the actor acts for this agency in the agency's role. */
export function actsForAgency(actor: Actor, agency: AgencyRef | null): boolean {
  if (!agency) return false;
  return actor.grants.some((g) => AGENCY_ROLES.includes(g.role) && grantCovers(g, agency));
}

export function isCenterStaff(actor: AuditActor): boolean {
  return isSystem(actor) || holds(actor, CENTER_ROLES);
}

/** May the actor take `verb` on a ticket whose lead agency is `lead` (null before dispatch)? */
export function canTakeVerb(actor: AuditActor, verb: TicketVerb, lead: AgencyRef | null): boolean {
  if (isSystem(actor)) return true;
  const by = TICKET_TRANSITIONS[verb].by;
  switch (by) {
    case 'center':
    case 'citizen':
      return holds(actor, CENTER_ROLES);
    case 'agency':
      return actsForAgency(actor, lead);
    default: {
      const never: never = by;
      throw new Error(`unknown actor kind ${String(never)}`);
    }
  }
}

/** May the actor read this ticket (with the citizen's contact, unless fully confidential for agencies)? */
export function canReadTicket(actor: AuditActor, lead: AgencyRef | null, assisting: readonly AgencyRef[]): boolean {
  if (isSystem(actor) || holds(actor, SUPERVISOR_ROLES)) return true;
  return actsForAgency(actor, lead) || assisting.some((a) => actsForAgency(actor, a));
}

/** May the actor take calls (intake on behalf of a caller)? */
export function canTakeIntake(actor: AuditActor): boolean {
  return isCenterStaff(actor);
}

export function canManageApiKeys(actor: AuditActor): boolean {
  return isSystem(actor) || holds(actor, API_KEY_ROLES);
}
