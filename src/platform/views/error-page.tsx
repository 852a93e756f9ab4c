import type { FieldError } from '../http/errors.ts';
import type { PageContext } from './context.ts';
import { PortalLayout } from './layout.tsx';

export interface ErrorPageProps {
  ctx: PageContext;
  status: number;
  title: string;
  message: string;
  code: string;
  fields?: FieldError[];
}

/** The one HTML error page: 404, 403, 410, validation and server errors. Never shows internals. */
export function ErrorPage(p: ErrorPageProps) {
  const signIn = p.code === 'UNAUTHENTICATED';
  return (
    <PortalLayout ctx={p.ctx} title={p.title} columnName="提示">
      <section class="error-page" aria-labelledby="error-title">
        <h1 id="error-title">{p.title}</h1>
        <p>{p.message}</p>
        {p.fields && p.fields.length > 0 && (
          <ul class="error-list">
            {p.fields.map((f) => (
              <li>{f.message}</li>
            ))}
          </ul>
        )}
        <p class="muted">错误代码：{p.code}（HTTP {p.status}）</p>
        <p>
          {signIn ? <a href={`/console/login?next=${encodeURIComponent(p.ctx.path)}`}>前往登录</a> : <a href="/">返回首页</a>}
        </p>
      </section>
    </PortalLayout>
  );
}
