// The public and console addresses of the catalog, item pages and feeds: one place, so no template builds a URL
// by hand. Pure.

import { agencyHref } from '../../platform/views/navigation.ts';

/** Public columns are listed 20 to a page, newest first (issue 3). */
export const CATALOG_PAGE_SIZE = 20;

export const catalogHref = (agencyCode: string): string => `${agencyHref(agencyCode)}/catalog`;
export const catalogNodeHref = (agencyCode: string, nodeId: string, page = 1): string => `${catalogHref(agencyCode)}/${nodeId}${page > 1 ? `?page=${page}` : ''}`;
export const catalogChangesHref = (agencyCode: string, page = 1): string => `${catalogHref(agencyCode)}/changes${page > 1 ? `?page=${page}` : ''}`;

export type FeedFormat = 'rss' | 'atom';
export const agencyFeedHref = (agencyCode: string, format: FeedFormat): string => `${agencyHref(agencyCode)}/feed.${format}`;
export const nodeFeedHref = (agencyCode: string, nodeId: string, format: FeedFormat): string => `${catalogHref(agencyCode)}/${nodeId}/feed.${format}`;

/** `/xxgk/11500000MB0000001X/2018-00001`: the 索引号's slash separates the two path segments. */
export function itemHref(indexNumber: string): string {
  const [prefix = '', suffix = ''] = indexNumber.split('/');
  return `/xxgk/${encodeURIComponent(prefix)}/${encodeURIComponent(suffix)}`;
}

/** Attachment downloads are served by the items module (platform/storage). */
export const attachmentHref = (attachmentId: string): string => `/files/${attachmentId}`;

export const CONSOLE_CATALOG_PATH = '/console/catalog';
export const consoleCatalogHref = (agencyCode: string): string => `${CONSOLE_CATALOG_PATH}?agency=${encodeURIComponent(agencyCode)}`;
export const consoleNewNodeHref = (agencyCode: string, parentId?: string): string =>
  `${CONSOLE_CATALOG_PATH}/new?agency=${encodeURIComponent(agencyCode)}${parentId ? `&parent=${parentId}` : ''}`;
export const consoleNodeActionHref = (nodeId: string, action: string): string => `${CONSOLE_CATALOG_PATH}/nodes/${nodeId}/${action}`;

/** An absolute URL on the site (feeds, sitemap): `baseUrl` has no trailing slash (config.ts). */
export function absoluteUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path.startsWith('/') ? path : `/${path}`}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: unknown): s is string => typeof s === 'string' && UUID.test(s);

/** `?page=` as a positive integer; absent or empty is page 1; anything else is null (the caller answers 400). */
export function parsePage(raw: unknown): number | null {
  if (raw === undefined || raw === '') return 1;
  if (typeof raw !== 'string' || !/^[1-9][0-9]{0,5}$/.test(raw)) return null;
  return Number(raw);
}
