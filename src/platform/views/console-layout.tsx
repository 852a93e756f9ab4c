import type { ComponentChildren } from 'preact';
import { FlashMessage } from './components.tsx';
import type { PageContext } from './context.ts';
import { Breadcrumbs, PageAssets, SkipLink, type Crumb } from './layout.tsx';
import type { Actor, Role } from '../auth/actor.ts';

export interface ConsoleNavItem {
  label: string;
  href: string;
  /** shown to an actor holding one of these roles at any agency; omitted = every signed-in staff member */
  roles?: readonly Role[];
}

/** The console's main navigation; modules with console pages add a line here. */
export const CONSOLE_NAV: readonly ConsoleNavItem[] = [
  { label: '工作台', href: '/console' },
  { label: '政府信息', href: '/console/items', roles: ['admin', 'office', 'editor', 'reviewer'] },
  { label: '主动公开目录', href: '/console/catalog', roles: ['admin', 'office', 'editor', 'reviewer'] },
  { label: '依申请公开', href: '/console/requests', roles: ['admin', 'office', 'handler', 'head', 'reviewer', 'editor'] },
  { label: '年度报告', href: '/console/reports', roles: ['admin', 'office', 'editor', 'reviewer'] },
  { label: '12345热线', href: '/console/hotline', roles: ['agent', 'handler', 'head', 'office', 'admin'] },
  { label: 'Open311 密钥', href: '/console/hotline/api-keys', roles: ['admin'] },
  { label: '机关管理', href: '/console/agencies' },
  { label: '人员管理', href: '/console/users', roles: ['admin'] },
  { label: '工作日历', href: '/console/calendar', roles: ['admin'] },
];

/** The entries an actor sees: a clerk is not shown pages every one of whose actions would refuse them. */
export function consoleNavFor(actor: Actor | null | undefined): ConsoleNavItem[] {
  if (!actor) return [];
  return CONSOLE_NAV.filter((item) => !item.roles || actor.grants.some((g) => item.roles!.includes(g.role)));
}

function isCurrent(path: string, href: string): boolean {
  if (href === '/console') return path === '/console' || path === '/console/';
  return path === href || path.startsWith(`${href}/`);
}

export interface ConsoleLayoutProps {
  ctx: PageContext;
  title: string;
  /** trail below 管理后台 (which links to /console); the last one is the current page */
  crumbs?: Crumb[];
  children?: ComponentChildren;
}

/**
 * The staff console's frame: site name + 管理后台, the signed-in actor and a sign-out form, the console
 * navigation. Without an actor (the sign-in page) only the header and the content are shown.
 */
export function ConsoleLayout(props: ConsoleLayoutProps) {
  const { ctx } = props;
  const actor = ctx.actor;
  const bodyClass = ['console', ctx.elder ? 'elder' : ''].filter(Boolean).join(' ');
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{`${props.title} - 管理后台 - ${ctx.site.name}`}</title>
        <PageAssets version={ctx.assetVersion} />
      </head>
      <body class={bodyClass}>
        <SkipLink />
        <header class="console-header">
          <div class="wrap wrap--wide console-header-inner">
            <p class="console-brand">
              <a href="/console">
                {ctx.site.name}
                <span class="console-brand-sub">管理后台</span>
              </a>
            </p>
            {actor && (
              <div class="console-user">
                <span class="console-user-name">
                  <span class="visually-hidden">当前用户：</span>
                  {actor.name}
                </span>
                <form method="post" action="/console/logout" class="inline-form">
                  <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                  <button type="submit" class="button button--link">
                    退出登录
                  </button>
                </form>
              </div>
            )}
          </div>
          {actor && (
            <nav class="console-nav" aria-label="管理后台导航">
              <ul class="wrap wrap--wide">
                {consoleNavFor(actor).map((item) => (
                  <li key={item.href}>
                    <a href={item.href} aria-current={isCurrent(ctx.path, item.href) ? 'page' : undefined}>
                      {item.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
        </header>
        <main id="main" class="wrap wrap--wide console-main" tabIndex={-1}>
          <Breadcrumbs root={{ label: '管理后台', href: '/console' }} crumbs={props.crumbs} />
          <FlashMessage flash={ctx.flash} />
          {props.children}
        </main>
        <footer class="console-footer">
          <div class="wrap wrap--wide">
            <a href="/">访问门户网站</a>
          </div>
        </footer>
      </body>
    </html>
  );
}
