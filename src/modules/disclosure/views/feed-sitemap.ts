// sitemap.xml (sitemaps.org protocol 0.9): one <urlset> while everything fits, else a <sitemapindex> over the
// portal pages and pages of items. The protocol allows 50,000 URLs per file; we stay below it.

import { shanghaiIso } from '../catalog.format.ts';
import { xmlText } from './feed.ts';

export const SITEMAP_MAX_URLS = 45_000;

export interface SitemapUrl {
  /** absolute */
  loc: string;
  lastmod?: Date;
}

export type SitemapPlan = { kind: 'single' } | { kind: 'index'; itemPages: number };

/** One file when the portal pages and every item fit in `maxUrls`, else an index with this many item files. */
export function planSitemap(pageUrls: number, itemUrls: number, maxUrls: number = SITEMAP_MAX_URLS): SitemapPlan {
  if (pageUrls + itemUrls <= maxUrls) return { kind: 'single' };
  return { kind: 'index', itemPages: Math.max(1, Math.ceil(itemUrls / maxUrls)) };
}

const lastmod = (d: Date | undefined) => (d ? `<lastmod>${shanghaiIso(d)}</lastmod>` : '');

export function renderUrlset(urls: readonly SitemapUrl[]): string {
  const body = urls.map((u) => `  <url><loc>${xmlText(u.loc)}</loc>${lastmod(u.lastmod)}</url>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${body}
</urlset>
`;
}

export function renderSitemapIndex(sitemaps: readonly SitemapUrl[]): string {
  const body = sitemaps.map((s) => `  <sitemap><loc>${xmlText(s.loc)}</loc>${lastmod(s.lastmod)}</sitemap>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${body}
</sitemapindex>
`;
}
