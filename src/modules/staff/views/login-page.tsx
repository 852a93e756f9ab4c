import { Button, CsrfField, ErrorSummary, TextField, fieldErrorFor } from '../../../platform/views/components.tsx';
import { ConsoleLayout } from '../../../platform/views/console-layout.tsx';
import type { PageContext } from '../../../platform/views/context.ts';
import type { FieldError } from '../../../platform/http/errors.ts';

export interface LoginPageProps {
  ctx: PageContext;
  username?: string;
  next: string;
  errors?: FieldError[];
  /** the whole-form message (rate limit, lock) shown as the summary title */
  message?: string;
}

/** 登录管理后台: username and password, with the GOV.UK error summary. */
export function LoginPage(p: LoginPageProps) {
  const errors = p.errors ?? [];
  return (
    <ConsoleLayout ctx={p.ctx} title="登录">
      <div class="prose">
        <h1>登录管理后台</h1>
        <ErrorSummary errors={errors} title={p.message ?? '登录未成功'} />
        <form method="post" action="/console/login" novalidate>
          <CsrfField token={p.ctx.csrfToken} />
          <input type="hidden" name="next" value={p.next} />
          <TextField name="username" label="用户名" value={p.username} error={fieldErrorFor(errors, 'username')} required autocomplete="username" maxLength={64} width="medium" />
          <TextField name="password" label="密码" type="password" error={fieldErrorFor(errors, 'password')} required autocomplete="current-password" maxLength={256} width="medium" />
          <Button>登录</Button>
        </form>
        <p class="muted">忘记密码或账号被锁定，请联系本单位的系统管理员。</p>
      </div>
    </ConsoleLayout>
  );
}
