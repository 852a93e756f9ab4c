import type { Role } from '../../platform/auth/actor.ts';
import type { Deps } from '../../deps.ts';
import { DEMO_SIGN_IN } from '../../seed.ts';
import { findAgencyRefByCode, findUserByUsername } from './staff.repository.ts';

/** Demo accounts, one per role (password DEMO_SIGN_IN.password); agency codes come from the agencies seed. */
export const DEMO_STAFF: readonly { username: string; name: string; role: Role; agency: string; includeSubtree: boolean }[] = [
  { username: 'admin', name: '系统管理员', role: 'admin', agency: 'cq', includeSubtree: true },
  { username: 'gkb', name: '公开办', role: 'office', agency: 'cq', includeSubtree: true },
  { username: 'bgt-editor', name: '办公厅编辑', role: 'editor', agency: 'cq-bgt', includeSubtree: false },
  { username: 'bgt-reviewer', name: '办公厅审核', role: 'reviewer', agency: 'cq-bgt', includeSubtree: false },
  { username: 'fgw-editor', name: '发展改革委编辑', role: 'editor', agency: 'cq-fgw', includeSubtree: false },
  { username: 'yz-editor', name: '渝中区编辑', role: 'editor', agency: 'yz', includeSubtree: false },
  { username: 'rx-agent', name: '热线坐席', role: 'agent', agency: 'cq', includeSubtree: false },
  { username: 'fgw-handler', name: '发展改革委承办人', role: 'handler', agency: 'cq-fgw', includeSubtree: false },
];

/** Creates the demo accounts that do not exist yet (idempotent), through the service, so each is audited. */
export async function seedStaff(deps: Deps): Promise<void> {
  for (const u of DEMO_STAFF) {
    if (await findUserByUsername(deps.db, u.username)) continue;
    const agency = await findAgencyRefByCode(deps.db, u.agency);
    if (!agency) throw new Error(`seedStaff: agency ${u.agency} is missing; seed agencies first`);
    await deps.staff.createUser({ system: 'seed' }, { username: u.username, name: u.name, password: DEMO_SIGN_IN.password, role: u.role, agencyId: agency.id, includeSubtree: u.includeSubtree });
  }
}
