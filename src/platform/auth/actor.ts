/** Roles are held within an agency, optionally with its subtree (DOMAIN: 系统管理员 … 承办人). */
export const ROLES = {
  admin: '系统管理员',
  office: '公开办',
  editor: '部门编辑',
  reviewer: '部门审核',
  agent: '热线坐席',
  handler: '承办人',
  head: '工作机构负责人', // 条例 第三十三条: approves extensions of the reply period
} as const;

export type Role = keyof typeof ROLES;
export const ROLE_IDS = Object.keys(ROLES) as Role[];

export interface RoleGrant {
  role: Role;
  agencyId: string;
  includeSubtree: boolean;
  /** the grant is held at a top-level agency (the city government): needed for deployment-wide actions */
  agencyIsRoot?: boolean;
}

/** The signed-in staff member, as the policy sees them. */
export interface Actor {
  userId: string;
  username: string;
  name: string;
  grants: RoleGrant[];
}

/** Who did something, for audit rows: a staff member, or the system itself (jobs, CLI, seeding). */
export type AuditActor = Actor | { system: string };

export function actorLabel(a: AuditActor): string {
  return 'system' in a ? `系统:${a.system}` : `${a.name}（${a.username}）`;
}
