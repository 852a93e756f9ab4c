import type { ComponentChildren } from 'preact';
import type { PageContext } from './context.ts';

export interface Crumb {
  label: string;
  href?: string;
}

export interface PortalLayoutProps {
  ctx: PageContext;
  title: string;
  /** 栏目名称 for the national spec's ColumnName meta */
  columnName?: string;
  /** 栏目类型 for ColumnType meta (e.g. 首页, 信息公开, 政务动态) */
  columnType?: string;
  crumbs?: Crumb[];
  children?: ComponentChildren;
}

/** The public portal's page frame: masthead, navigation, breadcrumbs, footer required by the national spec. */
export function PortalLayout(props: PortalLayoutProps) {
  const { ctx } = props;
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} - ${ctx.site.name}`}</title>
        <meta name="SiteName" content={ctx.site.name} />
        <meta name="SiteDomain" content={new URL(ctx.baseUrl).host} />
        <meta name="SiteIDCode" content={ctx.site.siteCode} />
        <meta name="ColumnName" content={props.columnName ?? props.title} />
        <meta name="ColumnType" content={props.columnType ?? props.columnName ?? props.title} />
        <link rel="stylesheet" href={`/static/${ctx.assetVersion}/site.css`} />
      </head>
      <body class={ctx.elder ? 'elder' : undefined}>
        <a class="skip-link" href="#main">跳到正文</a>
        <header class="masthead">
          <div class="wrap">
            <a class="site-name" href="/">{ctx.site.name}</a>
          </div>
        </header>
        <main id="main" class="wrap">
          {props.crumbs && props.crumbs.length > 0 && (
            <nav aria-label="当前位置" class="crumbs">
              <ol>
                <li><a href="/">首页</a></li>
                {props.crumbs.map((c) => (
                  <li>{c.href ? <a href={c.href}>{c.label}</a> : <span aria-current="page">{c.label}</span>}</li>
                ))}
              </ol>
            </nav>
          )}
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>主办单位：{ctx.site.sponsor}　联系方式：{ctx.site.contact}</p>
            <p>网站标识码：{ctx.site.siteCode}　{ctx.site.icp}　{ctx.site.psb}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}
