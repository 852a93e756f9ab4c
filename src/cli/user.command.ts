import { ROLE_IDS, ROLES, type Role } from '../platform/auth/actor.ts';
import { AppError } from '../platform/http/errors.ts';
import { findAgencyRefByCode } from '../modules/staff/staff.repository.ts';
import type { Deps } from '../deps.ts';
import { configOrExit, parseArgs, UsageError, withDeps, type CliIo, type Command } from './context.ts';

const ROLE_LIST = ROLE_IDS.map((r) => `${r}（${ROLES[r]}）`).join('、');

const USAGE = `用法：gongkai user add --username <用户名> --name <姓名> --role <角色> --agency <机关代码> [--subtree] [--password <密码>]
  角色：${ROLE_LIST}
  --subtree    角色同样适用于该机关的全部下级机关
  --password   不提供时自动生成一个随机密码并打印`;

function isRole(v: string): v is Role {
  return (ROLE_IDS as string[]).includes(v);
}

export interface UserAddOptions {
  username: string;
  name: string;
  role: Role;
  agency: string;
  subtree: boolean;
  password: string | undefined;
}

/** Parses `add …` arguments; throws UsageError (exit 2) with a Chinese message. */
export function parseUserAdd(args: string[]): UserAddOptions {
  const [sub, ...rest] = args;
  if (sub !== 'add') throw new UsageError(sub ? `不认识的子命令：${sub}\n${USAGE}` : USAGE);
  const { positional, flags, options } = parseArgs(rest, { flags: ['subtree'], options: ['username', 'name', 'role', 'agency', 'password'] });
  if (positional.length) throw new UsageError(`多余的参数：${positional.join(' ')}\n${USAGE}`);
  const required = [['username', '用户名'], ['name', '姓名'], ['role', '角色'], ['agency', '机关代码']] as const;
  const missing = required.filter(([k]) => !options.get(k)?.trim());
  if (missing.length) throw new UsageError(`缺少 ${missing.map(([k, label]) => `--${k}（${label}）`).join('、')}\n${USAGE}`);
  const role = options.get('role') ?? '';
  if (!isRole(role)) throw new UsageError(`角色“${role}”无效，应为：${ROLE_LIST}`);
  return { username: options.get('username') ?? '', name: options.get('name') ?? '', role, agency: options.get('agency') ?? '', subtree: flags.has('subtree'), password: options.get('password') };
}

/** Creates the account through the staff service (same checks as the console); bad input → UsageError. */
export async function addUser(deps: Deps, opts: UserAddOptions, io: CliIo): Promise<number> {
  const agency = await findAgencyRefByCode(deps.db, opts.agency);
  if (!agency || agency.retiredAt) throw new UsageError(`机关代码“${opts.agency}”不存在或已撤销。`);
  const password = opts.password ?? deps.staff.generatePassword();
  try {
    const user = await deps.staff.createUser({ system: 'cli' }, { username: opts.username, name: opts.name, password, role: opts.role, agencyId: agency.id, includeSubtree: opts.subtree });
    io.stdout(`已创建账号 ${user.username}（${user.name}）：${agency.name} ${ROLES[opts.role]}${opts.subtree ? '（含下级机关）' : ''}\n`);
    if (opts.password === undefined) io.stdout(`初始密码：${password}\n请通过安全渠道转交本人。\n`);
    return 0;
  } catch (err) {
    if (err instanceof AppError && err.code === 'VALIDATION_FAILED') {
      throw new UsageError(`未能创建账号：\n${(err.fields.length ? err.fields.map((f) => f.message) : [err.message]).map((m) => `  - ${m}`).join('\n')}`);
    }
    throw err;
  }
}

/** `gongkai user add`: creates a staff account through the same service (and checks) as the console. */
export const userCommand: Command = async (args, io) => {
  const opts = parseUserAdd(args);
  const config = configOrExit(io);
  if (!config) return 1;
  return withDeps(config, (deps) => addUser(deps, opts, io));
};
