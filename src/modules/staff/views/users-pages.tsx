import { ROLE_IDS, ROLES } from '../../../platform/auth/actor.ts';
import type { FieldError } from '../../../platform/http/errors.ts';
import { Button, CheckboxField, CsrfField, DataTable, ErrorSummary, SelectField, StatusTag, TextField, fieldErrorFor, type SelectOption, type StatusTone } from '../../../platform/views/components.tsx';
import { ConsoleLayout } from '../../../platform/views/console-layout.tsx';
import type { PageContext } from '../../../platform/views/context.ts';
import type { AgencyRef, GrantView } from '../staff.repository.ts';
import { formatShanghaiTime, USER_STATUS_NAMES, type UserStatus, type UserSummary } from '../staff.service.ts';

const STATUS_TONE: Record<UserStatus, StatusTone> = { active: 'success', locked: 'warning', disabled: 'neutral' };

export const ROLE_OPTIONS: SelectOption[] = ROLE_IDS.map((r) => ({ value: r, label: ROLES[r] }));

export function agencyOptions(agencies: readonly AgencyRef[]): SelectOption[] {
  const inList = new Set(agencies.map((a) => a.id));
  return agencies.map((a) => ({ value: a.id, label: `${'　'.repeat(a.ancestors.filter((x) => inList.has(x)).length)}${a.name}` }));
}

function grantLabel(g: GrantView): string {
  return `${g.agencyName} · ${ROLES[g.role]}${g.includeSubtree ? '（含下级）' : ''}`;
}

function Status({ user }: { user: UserSummary }) {
  return <StatusTag label={USER_STATUS_NAMES[user.status]} tone={STATUS_TONE[user.status]} />;
}

/** 人员管理: accounts holding a role in the admin's agencies. */
export function UsersListPage({ ctx, users }: { ctx: PageContext; users: UserSummary[] }) {
  return (
    <ConsoleLayout ctx={ctx} title="人员管理" crumbs={[{ label: '人员管理' }]}>
      <h1>人员管理</h1>
      <div class="actions">
        <a class="button button--primary" href="/console/users/new">
          新建账号
        </a>
      </div>
      <DataTable
        caption={`本单位及下级单位的工作人员（${users.length} 人）`}
        rows={users}
        rowKey={(u) => u.id}
        empty="暂无工作人员。"
        columns={[
          { header: '用户名', cell: (u) => <a href={`/console/users/${u.id}`}>{u.username}</a> },
          { header: '姓名', cell: (u) => u.name },
          { header: '单位与角色', cell: (u) => u.grants.map((g) => <div key={g.id}>{grantLabel(g)}</div>) },
          { header: '状态', cell: (u) => <Status user={u} /> },
          { header: '最近登录', cell: (u) => (u.lastSignInAt ? formatShanghaiTime(u.lastSignInAt) : '从未登录') },
        ]}
      />
    </ConsoleLayout>
  );
}

export interface NewUserValues {
  username?: string;
  name?: string;
  role?: string;
  agencyId?: string;
  includeSubtree?: boolean;
}

/** 新建账号: the account and its first role. */
export function NewUserPage({ ctx, agencies, values, errors, passwordRule }: { ctx: PageContext; agencies: AgencyRef[]; values: NewUserValues; errors: FieldError[]; passwordRule: string }) {
  return (
    <ConsoleLayout ctx={ctx} title="新建账号" crumbs={[{ label: '人员管理', href: '/console/users' }, { label: '新建账号' }]}>
      <h1>新建账号</h1>
      <ErrorSummary errors={errors} />
      <form method="post" action="/console/users" novalidate class="prose">
        <CsrfField token={ctx.csrfToken} />
        <TextField name="username" label="用户名" value={values.username} error={fieldErrorFor(errors, 'username')} hint="2–32 位小写字母、数字、点、下划线或连字符，以字母开头；登录时使用，创建后不可修改。" required maxLength={32} width="medium" autocomplete="off" />
        <TextField name="name" label="姓名" value={values.name} error={fieldErrorFor(errors, 'name')} required maxLength={50} width="medium" />
        <TextField name="password" label="初始密码" type="password" error={fieldErrorFor(errors, 'password')} hint={passwordRule} required maxLength={128} width="medium" autocomplete="new-password" />
        <SelectField name="role" label="角色" options={ROLE_OPTIONS} value={values.role} error={fieldErrorFor(errors, 'role')} required placeholder="请选择" />
        <SelectField name="agencyId" label="所属机关" options={agencyOptions(agencies)} value={values.agencyId} error={fieldErrorFor(errors, 'agencyId')} required placeholder="请选择" />
        <CheckboxField name="includeSubtree" label="角色范围含下级机关" checked={values.includeSubtree} hint="勾选后，该角色同样适用于所选机关的全部下级机关。" />
        <Button>创建账号</Button>
      </form>
    </ConsoleLayout>
  );
}

export interface UserPageProps {
  ctx: PageContext;
  user: UserSummary;
  agencies: AgencyRef[];
  errors: FieldError[];
  /** which form the errors belong to */
  errorForm?: 'name' | 'grant' | 'password';
  values?: NewUserValues;
  passwordRule: string;
  isSelf: boolean;
}

/** One account: its roles, and the admin's actions on it. */
export function UserPage(p: UserPageProps) {
  const { ctx, user } = p;
  const base = `/console/users/${user.id}`;
  const errs = (form: UserPageProps['errorForm']) => (p.errorForm === form ? p.errors : []);
  const values = p.values ?? {};
  const canEditName = user.manageable || p.isSelf;
  return (
    <ConsoleLayout ctx={ctx} title={`${user.name}（${user.username}）`} crumbs={[{ label: '人员管理', href: '/console/users' }, { label: user.name }]}>
      <h1>
        {user.name}（{user.username}）
      </h1>
      <ErrorSummary errors={p.errors} />
      <dl class="summary-list">
        <dt>状态</dt>
        <dd>
          <Status user={user} />
          {user.status === 'locked' && user.lockedUntil && <span> 锁定至 {formatShanghaiTime(user.lockedUntil)}</span>}
        </dd>
        <dt>最近登录</dt>
        <dd>{user.lastSignInAt ? formatShanghaiTime(user.lastSignInAt) : '从未登录'}</dd>
      </dl>
      {!user.manageable && <p class="muted">{p.isSelf ? '不能修改自己的角色和账号状态，请联系其他系统管理员。' : '该人员还持有您管理范围以外的角色，只有上级系统管理员可以修改其角色和账号状态。'}</p>}

      <section class="panel">
        <h2 id="grants-title">单位与角色</h2>
        <DataTable
          caption="单位与角色"
          captionHidden
          rows={user.grants}
          rowKey={(g) => g.id}
          columns={[
            { header: '单位', cell: (g) => g.agencyName },
            { header: '角色', cell: (g) => ROLES[g.role] },
            { header: '范围', cell: (g) => (g.includeSubtree ? '本单位及下级单位' : '本单位') },
            {
              header: '操作',
              cell: (g) =>
                user.manageable && user.grants.length > 1 ? (
                  <form method="post" action={`${base}/grants/${g.id}/delete`} class="inline-form">
                    <CsrfField token={ctx.csrfToken} />
                    <input type="hidden" name="version" value={String(user.version)} />
                    <button type="submit" class="button button--link" aria-label={`撤销角色：${grantLabel(g)}`}>
                      撤销
                    </button>
                  </form>
                ) : (
                  '—'
                ),
            },
          ]}
        />
        {user.manageable && (
          <form method="post" action={`${base}/grants`} novalidate>
            <h3>增加角色</h3>
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="version" value={String(user.version)} />
            <SelectField name="role" label="角色" options={ROLE_OPTIONS} value={p.errorForm === 'grant' ? values.role : undefined} error={fieldErrorFor(errs('grant'), 'role')} required placeholder="请选择" />
            <SelectField name="agencyId" label="所属机关" options={agencyOptions(p.agencies)} value={p.errorForm === 'grant' ? values.agencyId : undefined} error={fieldErrorFor(errs('grant'), 'agencyId')} required placeholder="请选择" />
            <CheckboxField name="includeSubtree" label="角色范围含下级机关" checked={p.errorForm === 'grant' ? values.includeSubtree : false} />
            <Button kind="secondary">增加角色</Button>
          </form>
        )}
      </section>

      {canEditName && (
        <section class="panel">
          <h2 id="name-title">姓名</h2>
          <form method="post" action={base} novalidate>
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="version" value={String(user.version)} />
            <TextField name="name" label="姓名" value={p.errorForm === 'name' ? values.name : user.name} error={fieldErrorFor(errs('name'), 'name')} required maxLength={50} width="medium" />
            <Button kind="secondary">保存姓名</Button>
          </form>
        </section>
      )}

      {user.manageable && (
        <section class="panel">
          <h2 id="account-title">账号</h2>
          <form method="post" action={`${base}/password`} novalidate>
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="version" value={String(user.version)} />
            <TextField name="password" label="新密码" type="password" error={fieldErrorFor(errs('password'), 'password')} hint={`${p.passwordRule}重置后该人员需重新登录，账号同时解锁。`} required maxLength={128} width="medium" autocomplete="new-password" />
            <Button kind="secondary">重置密码</Button>
          </form>
          <div class="actions">
            {user.status === 'locked' && (
              <form method="post" action={`${base}/unlock`} class="inline-form">
                <CsrfField token={ctx.csrfToken} />
                <input type="hidden" name="version" value={String(user.version)} />
                <Button kind="secondary">解除锁定</Button>
              </form>
            )}
            {user.status === 'disabled' ? (
              <form method="post" action={`${base}/enable`} class="inline-form">
                <CsrfField token={ctx.csrfToken} />
                <input type="hidden" name="version" value={String(user.version)} />
                <Button kind="secondary">重新启用</Button>
              </form>
            ) : (
              <form method="post" action={`${base}/disable`} class="inline-form">
                <CsrfField token={ctx.csrfToken} />
                <input type="hidden" name="version" value={String(user.version)} />
                <Button kind="danger">停用账号</Button>
              </form>
            )}
          </div>
        </section>
      )}
    </ConsoleLayout>
  );
}
