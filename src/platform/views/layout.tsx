import type { ComponentChildren } from 'preact';
import { FlashMessage } from './components.tsx';
import type { PageContext } from './context.ts';
import { PORTAL_LINKS, PORTAL_NAV, elderModeHref, isCurrentSection } from './navigation.ts';

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
  /** meta description; defaults to the site name */
  description?: string;
  crumbs?: Crumb[];
  children?: ComponentChildren;
}

/** The icon, stylesheet and script every page loads (portal and console), under the versioned static path. */
export function PageAssets({ version }: { version: string }) {
  return (
    <>
      <link rel="icon" href={`/static/${version}/favicon.svg`} type="image/svg+xml" />
      <link rel="stylesheet" href={`/static/${version}/site.css`} />
      <script src={`/static/${version}/site.js`} defer />
    </>
  );
}

/** The first focusable element of every page: a jump past the header to `<main id="main">`. */
export function SkipLink() {
  return (
    <a class="skip-link" href="#main">
      跳到正文
    </a>
  );
}

/**
 * 当前位置: the root (首页, or 管理后台 in the console) then `crumbs`; a crumb without href is the current page.
 * Renders nothing without crumbs.
 */
export function Breadcrumbs({ root, crumbs }: { root: { label: string; href: string }; crumbs: readonly Crumb[] | undefined }) {
  if (!crumbs || crumbs.length === 0) return null;
  return (
    <nav aria-label="当前位置" class="crumbs">
      <ol>
        <li>
          <a href={root.href}>{root.label}</a>
        </li>
        {crumbs.map((c) => (
          <li key={c.label}>{c.href ? <a href={c.href}>{c.label}</a> : <span aria-current="page">{c.label}</span>}</li>
        ))}
      </ol>
    </nav>
  );
}

function siteDomain(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}

function NavList({ path, idPrefix }: { path: string; idPrefix: string }) {
  return (
    <ul class="nav-list" id={`${idPrefix}-list`}>
      {PORTAL_NAV.map((item) => (
        <li key={item.href}>
          <a href={item.href} aria-current={isCurrentSection(path, item.href) ? 'page' : undefined}>
            {item.label}
          </a>
        </li>
      ))}
    </ul>
  );
}

/**
 * The public portal's page frame: masthead with the site name and search, the main navigation
 * (a <details> on phones, so no script is needed), breadcrumbs, and the footer the national
 * government-website spec requires (国办发〔2017〕47号). Holds nothing per user, so pages can be cached.
 */
export function PortalLayout(props: PortalLayoutProps) {
  const { ctx } = props;
  const title = props.title === ctx.site.name ? ctx.site.name : `${props.title} - ${ctx.site.name}`;
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <meta name="description" content={props.description ?? ctx.site.name} />
        <meta name="SiteName" content={ctx.site.name} />
        <meta name="SiteDomain" content={siteDomain(ctx.baseUrl)} />
        <meta name="SiteIDCode" content={ctx.site.siteCode} />
        <meta name="ColumnName" content={props.columnName ?? props.title} />
        <meta name="ColumnType" content={props.columnType ?? props.columnName ?? props.title} />
        <PageAssets version={ctx.assetVersion} />
      </head>
      <body class={ctx.elder ? 'portal elder' : 'portal'}>
        <SkipLink />
        <header class="site-header">
        <div class="topbar">
          <div class="wrap topbar-inner">
            <ul class="topbar-links" aria-label="辅助功能">
              <li>
                {ctx.elder ? (
                  <a href={elderModeHref(false, ctx.path)} class="elder-toggle">
                    退出长者模式
                  </a>
                ) : (
                  <a href={elderModeHref(true, ctx.path)} class="elder-toggle">
                    长者模式
                  </a>
                )}
              </li>
              <li>
                <a href={PORTAL_LINKS.accessibility}>无障碍</a>
              </li>
              <li>
                <a href={PORTAL_LINKS.sitemap}>网站地图</a>
              </li>
            </ul>
          </div>
        </div>
        <div class="masthead">
          <div class="wrap masthead-inner">
            <p class="site-name">
              <a href="/">{ctx.site.name}</a>
            </p>
            <form class="site-search" role="search" method="get" action={PORTAL_LINKS.search} aria-label="全站搜索">
              <label for="site-search-q" class="visually-hidden">
                搜索本站信息
              </label>
              <input id="site-search-q" name="q" type="search" maxLength={100} autoComplete="off" />
              <button type="submit">搜索</button>
            </form>
          </div>
        </div>
        </header>
        <nav class="main-nav" aria-label="主导航">
          <div class="wrap">
            <details class="nav-phone">
              <summary>栏目导航</summary>
              <NavList path={ctx.path} idPrefix="nav-phone" />
            </details>
            <div class="nav-wide">
              <NavList path={ctx.path} idPrefix="nav-wide" />
            </div>
          </div>
        </nav>
        <main id="main" class="wrap main" tabIndex={-1}>
          <Breadcrumbs root={{ label: '首页', href: '/' }} crumbs={props.crumbs} />
          <FlashMessage flash={ctx.flash} />
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <ul class="footer-links">
              <li>
                <a href={PORTAL_LINKS.sitemap}>网站地图</a>
              </li>
              <li>
                <a href={PORTAL_LINKS.accessibility}>无障碍</a>
              </li>
            </ul>
            <dl class="footer-facts">
              <div>
                <dt>主办单位</dt>
                <dd>{ctx.site.sponsor}</dd>
              </div>
              <div>
                <dt>联系方式</dt>
                <dd>{ctx.site.contact}</dd>
              </div>
              <div>
                <dt>网站标识码</dt>
                <dd>{ctx.site.siteCode}</dd>
              </div>
              <div>
                <dt>ICP备案号</dt>
                <dd>
                  <a href="https://beian.miit.gov.cn/" rel="noopener noreferrer">
                    {ctx.site.icp}
                  </a>
                </dd>
              </div>
              <div>
                <dt>公安机关备案号</dt>
                <dd>{ctx.site.psb}</dd>
              </div>
            </dl>
          </div>
        </footer>
      </body>
    </html>
  );
}
