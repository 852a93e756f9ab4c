import { Type, type Static } from 'typebox';
import { ROLE_IDS } from '../../platform/auth/actor.ts';

// Mirrors users_username_check in migrations/0004__staff__init.sql.
export const USERNAME_PATTERN = '^[a-z][a-z0-9._-]{1,31}$';
const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

const roleField = Type.Union(
  ROLE_IDS.map((r) => Type.Literal(r)),
  { title: '角色' },
);
const agencyField = Type.String({ title: '所属机关', pattern: UUID_PATTERN, errorMessage: '请选择机关' });
const subtreeField = Type.Boolean({ title: '含下级机关' });

export const SignInInput = Type.Object({
  username: Type.String({ title: '用户名', minLength: 1, maxLength: 64 }),
  password: Type.String({ title: '密码', minLength: 1, maxLength: 256 }),
});
export type SignInInput = Static<typeof SignInInput>;

/** A new account with its first role (more roles are added on the user's page). */
export const NewUser = Type.Object(
  {
    username: Type.String({ title: '用户名', pattern: USERNAME_PATTERN, errorMessage: '应为 2–32 位小写字母、数字、点、下划线或连字符，以字母开头' }),
    name: Type.String({ title: '姓名', minLength: 1, maxLength: 50 }),
    password: Type.String({ title: '初始密码', minLength: 1, maxLength: 128 }),
    role: roleField,
    agencyId: agencyField,
    includeSubtree: subtreeField,
  },
  { additionalProperties: false },
);
export type NewUser = Static<typeof NewUser>;

export const NewGrant = Type.Object(
  { role: roleField, agencyId: agencyField, includeSubtree: subtreeField, version: Type.Integer({ title: '版本', minimum: 1 }) },
  { additionalProperties: false },
);
export type NewGrant = Static<typeof NewGrant>;

export const UserChanges = Type.Object(
  { name: Type.String({ title: '姓名', minLength: 1, maxLength: 50 }), version: Type.Integer({ title: '版本', minimum: 1 }) },
  { additionalProperties: false },
);
export type UserChanges = Static<typeof UserChanges>;

export const PasswordReset = Type.Object(
  { password: Type.String({ title: '新密码', minLength: 1, maxLength: 128 }), version: Type.Integer({ title: '版本', minimum: 1 }) },
  { additionalProperties: false },
);
export type PasswordReset = Static<typeof PasswordReset>;

export const VersionOnly = Type.Object({ version: Type.Integer({ title: '版本', minimum: 1 }) }, { additionalProperties: false });
export type VersionOnly = Static<typeof VersionOnly>;
