// /console/hotline/api-keys: the Open311 clients, a form to issue a key (shown once), and revocation with a reason.
import type { FieldError } from '../../platform/http/errors.ts';
import { Button, CsrfField, ErrorSummary, fieldErrorFor, SelectField, TextField } from '../../platform/views/components.tsx';
import { ConsoleLayout } from '../../platform/views/console-layout.tsx';
import type { PageContext } from '../../platform/views/context.ts';
import type { ApiClient } from './api-keys.service.ts';
import { formatTime } from './portal.views.tsx';

export const API_KEYS_PATH = '/console/hotline/api-keys';

const CHANNEL_OPTIONS = [
  { value: 'open311', label: 'Open311 接口' },
  { value: 'app', label: 'APP' },
  { value: 'miniprogram', label: '小程序' },
];
const CHANNEL_NAMES: Record<ApiClient['channel'], string> = { open311: 'Open311 接口', app: 'APP', miniprogram: '小程序' };

export interface ApiKeysPageProps {
  ctx: PageContext;
  clients: ApiClient[];
  values: Record<string, string>;
  errors: readonly FieldError[];
  /** the key just issued: shown this once */
  issued?: { client: ApiClient; key: string } | null;
}

export function ApiKeysPage(p: ApiKeysPageProps) {
  const e = (n: string) => fieldErrorFor(p.errors, n);
  return (
    <ConsoleLayout ctx={p.ctx} title="Open311 接口密钥" crumbs={[{ label: '12345热线', href: '/console/hotline' }, { label: 'Open311 接口密钥' }]}>
      <h1>Open311 接口密钥</h1>
      <p>手机应用、小程序等通过 Open311 GeoReport v2 接口（/open311/v2）提交诉求，每个客户端一个密钥。密钥只在签发时显示一次，系统只保存其摘要。</p>
      {p.issued && (
        <section class="banner banner--success" aria-labelledby="issued-title">
          <h2 class="banner-title" id="issued-title">
            已为“{p.issued.client.name}”签发密钥
          </h2>
          <p>
            密钥：<code id="issued-key">{p.issued.key}</code>
          </p>
          <p>请立即交给客户端开发方，离开本页后无法再次查看。</p>
        </section>
      )}
      <ErrorSummary errors={p.errors} />
      <table class="table">
        <thead>
          <tr>
            <th scope="col">客户端</th>
            <th scope="col">渠道</th>
            <th scope="col">密钥尾号</th>
            <th scope="col">签发时间</th>
            <th scope="col">状态</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {p.clients.map((c) => (
            <tr key={c.id}>
              <td>{c.name}</td>
              <td>{CHANNEL_NAMES[c.channel]}</td>
              <td>…{c.keyHint}</td>
              <td>{formatTime(c.createdAt)}</td>
              <td>{c.revokedAt ? `已停用（${formatTime(c.revokedAt)}：${c.revokeReason ?? ''}）` : '有效'}</td>
              <td>
                {!c.revokedAt && (
                  <form method="post" action={`${API_KEYS_PATH}/${c.id}/revoke`}>
                    <CsrfField token={p.ctx.csrfToken} />
                    <label for={`reason-${c.id}`}>停用理由</label>
                    <input id={`reason-${c.id}`} name="reason" class="input" maxLength={200} />
                    <Button kind="danger">停用</Button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>签发新密钥</h2>
      <form method="post" action={API_KEYS_PATH} novalidate>
        <CsrfField token={p.ctx.csrfToken} />
        <TextField name="name" label="客户端名称" value={p.values.name} error={e('name')} required maxLength={100} />
        <SelectField name="channel" label="渠道" options={CHANNEL_OPTIONS} value={p.values.channel || 'open311'} error={e('channel')} required />
        <TextField name="contact" label="开发方联系人" value={p.values.contact} error={e('contact')} maxLength={200} />
        <Button kind="primary">签发密钥</Button>
      </form>
    </ConsoleLayout>
  );
}
