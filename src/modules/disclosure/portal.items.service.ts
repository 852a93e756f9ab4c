// The public item page, the RSS/Atom feeds and sitemap.xml: reads only. The URL of an item is its 索引号, which
// never changes; an unpublished item answers 410 with the recorded reason (issue 3, Whitehall's unpublishing).

import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/errors.ts';
import { agencyHref } from '../../platform/views/navigation.ts';
import { chineseDate, publishedMoment, shanghaiDateOf } from './catalog.format.ts';
import { absoluteUrl, agencyFeedHref, catalogChangesHref, catalogHref, catalogNodeHref, isUuid, itemHref, nodeFeedHref } from './catalog.paths.ts';
import * as catalogRepo from './catalog.repository.ts';
import { buildCatalogTree, descendantIds, flattenTree } from './catalog.tree.ts';
import { parseIndexNumber } from './index-number.ts';
import * as repo from './portal.items.repository.ts';
import type { Issuer, ItemRow, LinkedItem, RevisionRow } from './portal.items.repository.ts';
import { htmlToPlainText } from './sanitize.ts';
import { isGenreId, genreName } from './taxonomy.ts';
import type { Feed } from './views/feed.ts';
import { planSitemap, SITEMAP_MAX_URLS, type SitemapUrl } from './views/feed-sitemap.ts';

const ITEM_NOT_FOUND = '未找到该信息。请核对索引号，或在主动公开目录中查找。';
/** Entries per feed. */
export const FEED_SIZE = 50;

export interface ItemPage {
  item: ItemRow;
  revision: RevisionRow;
  issuers: Issuer[];
  attachments: { id: string; filename: string; mime: string; sizeBytes: number }[];
  /** this policy's interpretations */
  interpretations: LinkedItem[];
  /** the policies this interpretation explains */
  policies: LinkedItem[];
  /** public revisions, oldest first */
  history: { revisionNo: number; publishedDate: string | null; publishedAt: Date | null; changeNote: string | null; isMinorChange: boolean }[];
  replacedBy: LinkedItem | null;
  /** the columns it is filed in (not retired) */
  columns: { id: string; name: string; agencyCode: string }[];
}

export type SitemapDocument = { kind: 'urlset'; urls: SitemapUrl[] } | { kind: 'index'; sitemaps: SitemapUrl[] };

export interface PortalItemsService {
  /** The page of the item whose 索引号 is `prefix/suffix`. Throws NOT_FOUND, GONE (unpublished, with the reason). */
  getItemPage(prefix: string, suffix: string): Promise<ItemPage>;
  /** An agency's newest published items. Throws NOT_FOUND. */
  getAgencyFeed(agencyCode: string, baseUrl: string): Promise<Feed>;
  /** A column's (and its sub-columns') newest published items. Throws NOT_FOUND. */
  getNodeFeed(agencyCode: string, nodeId: string, baseUrl: string): Promise<Feed>;
  /** /sitemap.xml: every URL when they fit, else an index of the parts. */
  getSitemap(baseUrl: string, maxUrls?: number): Promise<SitemapDocument>;
  /** The portal pages part of an indexed sitemap. */
  getSitemapPages(baseUrl: string): Promise<SitemapUrl[]>;
  /** Page `page` (1-based) of item URLs. Throws NOT_FOUND past the last page. */
  getSitemapItems(baseUrl: string, page: number, maxUrls?: number): Promise<SitemapUrl[]>;
}

function feedSummary(documentNumber: string | null, summary: string | null, bodyHtml: string): string {
  const text = summary?.trim() || htmlToPlainText(bodyHtml).replace(/\s+/g, ' ');
  const short = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  return documentNumber ? `${documentNumber}　${short}` : short;
}

export function createPortalItemsService(db: Db): PortalItemsService {
  async function agencyByCode(code: string) {
    const a = code.length <= 40 ? await catalogRepo.findAgencyByCode(db, code) : undefined;
    if (!a) throw new AppError('NOT_FOUND', '未找到该机关。');
    return a;
  }

  function feedOf(rows: repo.FeedRow[], baseUrl: string, head: Omit<Feed, 'entries' | 'fallbackUpdated'>): Feed {
    return {
      ...head,
      fallbackUpdated: new Date('2000-01-01T00:00:00+08:00'),
      entries: rows.map((r) => {
        const published = publishedMoment(r.publishedDate, r.firstPublishedAt ?? r.publishedAt);
        const updated = r.publishedAt && r.publishedAt > published ? r.publishedAt : published;
        return {
          title: r.title,
          url: absoluteUrl(baseUrl, itemHref(r.indexNumber)),
          published,
          updated,
          summary: feedSummary(r.documentNumber, r.summary, r.bodyHtml),
          category: isGenreId(r.genre) ? genreName(r.genre) : r.genre,
          author: r.agencyName,
        };
      }),
    };
  }

  async function pageUrls(baseUrl: string): Promise<SitemapUrl[]> {
    const [agencies, nodes] = await Promise.all([catalogRepo.selectActiveAgencies(db), catalogRepo.selectAllActiveNodes(db)]);
    const urls: SitemapUrl[] = [{ loc: absoluteUrl(baseUrl, '/') }, { loc: absoluteUrl(baseUrl, '/agencies') }];
    const byAgency = new Map<string, typeof nodes>();
    for (const n of nodes) byAgency.set(n.agencyId, [...(byAgency.get(n.agencyId) ?? []), n]);
    for (const a of agencies) {
      urls.push({ loc: absoluteUrl(baseUrl, agencyHref(a.code)) }, { loc: absoluteUrl(baseUrl, catalogHref(a.code)) }, { loc: absoluteUrl(baseUrl, catalogChangesHref(a.code)) });
      // active columns under active parents only: retired ones hide from the portal
      for (const t of flattenTree(buildCatalogTree(byAgency.get(a.id) ?? []))) urls.push({ loc: absoluteUrl(baseUrl, catalogNodeHref(a.code, t.node.id)) });
    }
    return urls;
  }

  async function itemUrls(baseUrl: string, limit: number, offset: number): Promise<SitemapUrl[]> {
    const rows = await repo.selectListedItemUrls(db, limit, offset);
    return rows.map((r) => ({ loc: absoluteUrl(baseUrl, itemHref(r.indexNumber)), lastmod: r.updatedAt }));
  }

  return {
    async getItemPage(prefix, suffix) {
      const parsed = parseIndexNumber(`${prefix}/${suffix}`);
      if (!parsed.ok) throw new AppError('NOT_FOUND', ITEM_NOT_FOUND);
      const item = await repo.findItemByIndexNumber(db, parsed.value.value);
      if (!item) throw new AppError('NOT_FOUND', ITEM_NOT_FOUND);
      switch (item.status) {
        case 'never_published':
          throw new AppError('NOT_FOUND', ITEM_NOT_FOUND);
        case 'unpublished': {
          const when = item.unpublishedAt ? `已于${chineseDate(shanghaiDateOf(item.unpublishedAt))}` : '已';
          throw new AppError('GONE', `索引号为 ${item.indexNumber ?? ''} 的信息${when}撤销发布。原因：${item.unpublishReason ?? '未记录'}`, { indexNumber: item.indexNumber, reason: item.unpublishReason });
        }
        case 'published':
        case 'withdrawn':
          break;
        default: {
          const unreachable: never = item.status;
          return unreachable;
        }
      }
      const revision = item.publishedRevisionId ? await repo.findRevisionById(db, item.publishedRevisionId) : undefined;
      if (!revision) throw new AppError('NOT_FOUND', ITEM_NOT_FOUND);
      const [issuers, attachments, interpretations, policies, history, replacedBy, columns] = await Promise.all([
        repo.selectIssuers(db, item),
        repo.selectAttachments(db, revision.id),
        repo.selectInterpretationsOf(db, item.id),
        repo.selectPoliciesInterpretedBy(db, item.id),
        repo.selectPublicRevisions(db, item.id),
        item.replacedByItemId ? repo.findLinkedItem(db, item.replacedByItemId) : Promise.resolve(undefined),
        repo.selectItemColumns(db, item.id),
      ]);
      return { item, revision, issuers, attachments, interpretations, policies, history, replacedBy: replacedBy ?? null, columns };
    },

    async getAgencyFeed(agencyCode, baseUrl) {
      const agency = await agencyByCode(agencyCode);
      const rows = await repo.selectAgencyFeedRows(db, agency.id, FEED_SIZE);
      return feedOf(rows, baseUrl, {
        title: `${agency.name} 主动公开信息`,
        description: `${agency.name}最新发布的政府信息（每次最多 ${FEED_SIZE} 条）`,
        htmlUrl: absoluteUrl(baseUrl, agencyHref(agency.code)),
        rssUrl: absoluteUrl(baseUrl, agencyFeedHref(agency.code, 'rss')),
        atomUrl: absoluteUrl(baseUrl, agencyFeedHref(agency.code, 'atom')),
        author: agency.name,
      });
    },

    async getNodeFeed(agencyCode, nodeId, baseUrl) {
      const agency = await agencyByCode(agencyCode);
      if (!isUuid(nodeId)) throw new AppError('NOT_FOUND', '未找到该目录栏目。');
      const nodes = await catalogRepo.selectNodes(db, agency.id);
      const node = nodes.find((n) => n.id === nodeId.toLowerCase());
      if (!node) throw new AppError('NOT_FOUND', '未找到该目录栏目。');
      const rows = await repo.selectNodeFeedRows(db, [node.id, ...descendantIds(nodes, node.id)], FEED_SIZE);
      return feedOf(rows, baseUrl, {
        title: `${agency.name} ${node.name}`,
        description: `${agency.name}主动公开目录“${node.name}”栏目最新发布的信息`,
        htmlUrl: absoluteUrl(baseUrl, catalogNodeHref(agency.code, node.id)),
        rssUrl: absoluteUrl(baseUrl, nodeFeedHref(agency.code, node.id, 'rss')),
        atomUrl: absoluteUrl(baseUrl, nodeFeedHref(agency.code, node.id, 'atom')),
        author: agency.name,
      });
    },

    async getSitemap(baseUrl, maxUrls = SITEMAP_MAX_URLS) {
      const [pages, itemCount] = await Promise.all([pageUrls(baseUrl), repo.countListedItems(db)]);
      const plan = planSitemap(pages.length, itemCount, maxUrls);
      if (plan.kind === 'single') return { kind: 'urlset', urls: [...pages, ...(await itemUrls(baseUrl, maxUrls, 0))] };
      const sitemaps: SitemapUrl[] = [{ loc: absoluteUrl(baseUrl, '/sitemaps/pages.xml') }];
      for (let p = 1; p <= plan.itemPages; p++) sitemaps.push({ loc: absoluteUrl(baseUrl, `/sitemaps/items-${p}.xml`) });
      return { kind: 'index', sitemaps };
    },

    getSitemapPages: pageUrls,

    async getSitemapItems(baseUrl, page, maxUrls = SITEMAP_MAX_URLS) {
      const total = await repo.countListedItems(db);
      if (page < 1 || page > Math.max(1, Math.ceil(total / maxUrls))) throw new AppError('NOT_FOUND', '没有这一页站点地图。');
      return itemUrls(baseUrl, maxUrls, (page - 1) * maxUrls);
    },
  };
}
