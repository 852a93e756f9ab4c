/**
 * The portal's URL plan: one place for the addresses the frame and the home page link to.
 * A module that owns a column serves its landing page at the address here (and changes it here,
 * never in a template), so no link points anywhere that will not exist.
 */
export interface NavLink {
  label: string;
  href: string;
}

/** 首页 · 政务公开 · 政务服务 · 互动交流 · 数据开放 (STYLE.md "The look"). */
export const PORTAL_NAV = [
  { label: '首页', href: '/' },
  /** the disclosure module: each agency's 信息公开, catalogs, items */
  { label: '政务公开', href: '/disclosure' },
  /** the services module: 办事指南 and case progress */
  { label: '政务服务', href: '/services' },
  /** the hotline module: 12345 and 市长信箱 */
  { label: '互动交流', href: '/hotline' },
  /** the open-data module */
  { label: '数据开放', href: '/opendata' },
] as const satisfies readonly NavLink[];

/** Addresses the home page and sitemap link to, owned by later modules. */
export const PORTAL_LINKS = {
  search: '/search',
  /** an agency's 信息公开 page: `${agencyPage}/${code}` */
  agencyPage: '/agencies',
  /** 依申请公开: the application form and status lookup (requests module) */
  requests: '/requests',
  /** 12345 热线 (hotline module) */
  hotline: '/hotline',
  /** 市长信箱 (hotline module) */
  mailbox: '/hotline/mailbox',
  sitemap: '/sitemap',
  accessibility: '/accessibility',
  elderMode: '/elder-mode',
} as const;

/** The 长者模式 switch: a plain link, so it works without script. */
export function elderModeHref(turnOn: boolean, next: string): string {
  return `${PORTAL_LINKS.elderMode}?on=${turnOn ? '1' : '0'}&next=${encodeURIComponent(next)}`;
}

/** The agency's public 信息公开 page. */
export function agencyHref(code: string): string {
  return `${PORTAL_LINKS.agencyPage}/${encodeURIComponent(code)}`;
}

/** True when `href` is the current section for `path` (首页 only on the home page itself). */
export function isCurrentSection(path: string, href: string): boolean {
  if (href === '/') return path === '/';
  return path === href || path.startsWith(`${href}/`);
}
