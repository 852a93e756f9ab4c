import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../auth/actor.ts';
import { loadConfig } from '../../config.ts';
import { ConsoleLayout } from './console-layout.tsx';
import { CheckboxField, CsrfField, DataTable, DeadlineChip, ErrorSummary, Pagination, ReceiptBanner, SelectField, TextField } from './components.tsx';
import { Breadcrumbs, PageAssets, PortalLayout } from './layout.tsx';
import type { PageContext } from './context.ts';

const site = loadConfig({ NODE_ENV: 'test', DATA_DIR: '/nonexistent', SESSION_SECRET: 'x'.repeat(32) }).site;

function ctx(over: Partial<PageContext> = {}): PageContext {
  return { site, baseUrl: 'http://localhost:3000', elder: false, csrfToken: 'tok123', actor: null, path: '/console/agencies/5', flash: null, assetVersion: 'v1', ...over };
}

describe('form components', () => {
  it('links the label, hint and error to the input', () => {
    const html = renderToString(<TextField name="code" label="机关代码" hint="6 位数字" error="机关代码应为 6 位数字" value="12" required />);
    expect(html).toContain('for="field-code"');
    expect(html).toContain('id="field-code"');
    expect(html).toContain('aria-describedby="field-code-hint field-code-error"');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('机关代码应为 6 位数字');
    expect(html).not.toContain('选填');
  });

  it('marks optional fields and omits aria-describedby without hint or error', () => {
    const html = renderToString(<TextField name="fax" label="传真" />);
    expect(html).toContain('（选填）');
    expect(html).not.toContain('aria-describedby');
  });

  it('error summary is an alert linking to each field, and absent without errors', () => {
    const html = renderToString(<ErrorSummary errors={[{ field: 'name', message: '请填写名称' }, { field: 'code', message: '代码有误' }]} />);
    expect(html).toContain('role="alert"');
    expect(html).toContain('href="#field-name"');
    expect(html).toContain('href="#field-code"');
    expect(html).toContain('2 处');
    expect(renderToString(<ErrorSummary errors={[]} />)).toBe('');
  });

  it('selects the current option and carries the CSRF token', () => {
    const html = renderToString(<SelectField name="kind" label="类型" options={[{ value: 'a', label: '甲' }, { value: 'b', label: '乙' }]} value="b" />);
    expect(html).toMatch(/<option value="b" selected>乙<\/option>/);
    expect(renderToString(<CsrfField token="abc" />)).toBe('<input type="hidden" name="_csrf" value="abc"/>');
    expect(renderToString(<CheckboxField name="sub" label="含下级" checked />)).toContain('checked');
  });
});

describe('deadline chip', () => {
  it('counts remaining working days and turns red when overdue', () => {
    expect(renderToString(<DeadlineChip remaining={3} />)).toContain('剩余 3 个工作日');
    expect(renderToString(<DeadlineChip remaining={0} />)).toContain('今日到期');
    const overdue = renderToString(<DeadlineChip remaining={-2} />);
    expect(overdue).toContain('已超期 2 个工作日');
    expect(overdue).toContain('chip--overdue');
  });
});

describe('pagination and tables', () => {
  it('shows a window of pages with the current one marked', () => {
    const html = renderToString(<Pagination page={5} pageCount={20} hrefFor={(n) => `/x?page=${n}`} />);
    expect(html).toContain('aria-current="page"');
    expect(html).toContain('href="/x?page=4"');
    expect(html).toContain('上一页');
    expect(html).toContain('…');
    expect(renderToString(<Pagination page={1} pageCount={1} hrefFor={String} />)).toBe('');
  });

  it('renders an empty message instead of an empty table', () => {
    const cols = [{ header: '名称', cell: (r: { n: string }) => r.n }];
    expect(renderToString(<DataTable caption="机关" columns={cols} rows={[]} rowKey={(r) => r.n} />)).toContain('暂无记录');
    expect(renderToString(<DataTable caption="机关" columns={cols} rows={[{ n: '财政局' }]} rowKey={(r) => r.n} />)).toContain('<th scope="col">名称</th>');
  });
});

describe('console layout', () => {
  const actor: Actor = { userId: 'u1', username: 'clerk', name: '王文书', grants: [] };

  it('shows the actor, a sign-out form with the CSRF token, and marks the current section', () => {
    const html = renderToString(<ConsoleLayout ctx={ctx({ actor })} title="机关管理" crumbs={[{ label: '机关管理' }]} />);
    expect(html).toContain('管理后台');
    expect(html).toContain('王文书');
    expect(html).toContain('action="/console/logout"');
    expect(html).toContain('name="_csrf" value="tok123"');
    expect(html).toMatch(/href="\/console\/agencies" aria-current="page"/);
    expect(html).not.toMatch(/href="\/console" aria-current="page"/);
  });

  it('shows no navigation or sign-out without an actor', () => {
    const html = renderToString(<ConsoleLayout ctx={ctx({ path: '/console/login' })} title="登录" />);
    expect(html).not.toContain('/console/logout');
    expect(html).not.toContain('人员管理');
  });
});

describe('receipt banner', () => {
  it('shows the number and 查询码 under the ids the browser flows read, then the extra rows', () => {
    const html = renderToString(<ReceiptBanner title="申请回执" numberLabel="申请编号" number="YSQ2025000001" queryCode="AB12CD" extra={[{ label: '受理机关', value: '某<市>政府' }]} />);
    expect(html).toBe(
      '<section class="banner banner--success" aria-label="申请回执"><h2 class="banner-title">申请回执</h2><dl class="receipt">' +
        '<dt>申请编号</dt><dd><strong id="receipt-number">YSQ2025000001</strong></dd><dt>查询码</dt><dd><strong id="receipt-code">AB12CD</strong></dd>' +
        '<dt>受理机关</dt><dd>某&lt;市>政府</dd></dl></section>',
    );
  });

  it('has no rows after the 查询码 without extras', () => {
    const html = renderToString(<ReceiptBanner title="受理回执" numberLabel="工单编号" number="20251023000001" queryCode="XY34ZW" />);
    expect(html).toContain('<dt>工单编号</dt>');
    expect(html).toMatch(/<strong id="receipt-code">XY34ZW<\/strong><\/dd><\/dl>/);
  });
});

describe('page frame parts', () => {
  it('breadcrumbs start at the given root and mark the last crumb as the current page', () => {
    const html = renderToString(<Breadcrumbs root={{ label: '管理后台', href: '/console' }} crumbs={[{ label: '政府信息', href: '/console/items' }, { label: '详情' }]} />);
    expect(html).toBe(
      '<nav aria-label="当前位置" class="crumbs"><ol><li><a href="/console">管理后台</a></li><li><a href="/console/items">政府信息</a></li>' +
        '<li><span aria-current="page">详情</span></li></ol></nav>',
    );
  });

  it('renders no breadcrumbs without crumbs', () => {
    expect(renderToString(<Breadcrumbs root={{ label: '首页', href: '/' }} crumbs={[]} />)).toBe('');
    expect(renderToString(<Breadcrumbs root={{ label: '首页', href: '/' }} crumbs={undefined} />)).toBe('');
  });

  it('loads the icon, stylesheet and script from the versioned static path', () => {
    const html = renderToString(<PageAssets version="v9" />);
    expect(html).toContain('href="/static/v9/favicon.svg"');
    expect(html).toContain('href="/static/v9/site.css"');
    expect(html).toContain('src="/static/v9/site.js"');
  });

  it('the console and the portal frames both use the shared breadcrumbs with their own root', () => {
    const consoleHtml = renderToString(<ConsoleLayout ctx={ctx()} title="机关" crumbs={[{ label: '机关管理' }]} />);
    expect(consoleHtml).toContain('<li><a href="/console">管理后台</a></li><li><span aria-current="page">机关管理</span></li>');
    const portalHtml = renderToString(<PortalLayout ctx={ctx({ path: '/disclosure' })} title="政务公开" crumbs={[{ label: '政务公开' }]} />);
    expect(portalHtml).toContain('<li><a href="/">首页</a></li><li><span aria-current="page">政务公开</span></li>');
  });
});
