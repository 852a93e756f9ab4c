// Search addresses (pure): the page, its feeds, and links that change one filter while keeping the others.

import type { SearchParams } from './search.service.ts';

export const SEARCH_PATH = '/search';
export const SEARCH_RSS_PATH = '/search.rss';
export const SEARCH_ATOM_PATH = '/search.atom';

/** The query-string form of a search, as strings, in a stable order. */
export interface SearchLink {
  q?: string;
  agency?: string;
  subtree?: string;
  node?: string;
  subject?: string;
  type?: string;
  tag?: string;
  from?: string;
  to?: string;
  dateField?: string;
  validity?: string;
  sort?: string;
  page?: string;
}

const ORDER: readonly (keyof SearchLink)[] = ['q', 'agency', 'subtree', 'node', 'subject', 'type', 'tag', 'from', 'to', 'dateField', 'validity', 'sort', 'page'];

/** The link form of validated parameters; defaults are left out. */
export function linkOf(p: SearchParams): SearchLink {
  const l: SearchLink = {};
  if (p.q) l.q = p.q;
  if (p.agency) l.agency = p.agency.code;
  if (p.agency && !p.subtree) l.subtree = '0';
  if (p.node) l.node = p.node.id;
  if (p.subject) l.subject = p.subject;
  if (p.genre) l.type = p.genre;
  if (p.tag) l.tag = p.tag;
  if (p.fromInput) l.from = p.fromInput;
  if (p.toInput) l.to = p.toInput;
  if (p.dateField === 'written' && (p.fromInput || p.toInput)) l.dateField = 'written';
  if (p.validity) l.validity = p.validity;
  if (p.q && p.sort === 'date') l.sort = 'date';
  if (p.page > 1) l.page = String(p.page);
  return l;
}

/** The raw query as a link (for re-showing a form that had errors): known keys, strings only. */
export function linkFromInput(input: Record<string, unknown>): SearchLink {
  const l: SearchLink = {};
  for (const key of ORDER) {
    const v = input[key];
    if (typeof v === 'string' && v.trim() !== '') l[key] = v.trim();
  }
  return l;
}

/**
 * `path?query` for the link with `changes` applied (null removes a key). Changing anything but the page
 * returns to page 1; changing the agency drops the catalog node.
 */
export function searchHref(path: string, link: SearchLink, changes: Partial<Record<keyof SearchLink, string | null>> = {}): string {
  const next: SearchLink = { ...link };
  if (!('page' in changes)) delete next.page;
  for (const key of Object.keys(changes) as (keyof SearchLink)[]) {
    const v = changes[key];
    if (v === null || v === undefined || v === '') delete next[key];
    else next[key] = v;
  }
  // a catalog node belongs to one agency: choosing another agency drops it
  if ('agency' in changes && !('node' in changes)) delete next.node;
  if (!next.agency) delete next.subtree;
  const qs = new URLSearchParams();
  for (const key of ORDER) {
    const v = next[key];
    if (v !== undefined) qs.set(key, v);
  }
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}
