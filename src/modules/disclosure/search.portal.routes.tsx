import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../deps.ts';
import { renderPage } from '../../platform/views/render.ts';
import { publishedMoment } from './catalog.format.ts';
import { genreName, isGenreId } from './taxonomy.ts';
import { renderAtom, renderRss, type Feed } from './views/feed.ts';
import { linkFromInput, linkOf, searchHref, SEARCH_ATOM_PATH, SEARCH_PATH, SEARCH_RSS_PATH } from './search.paths.ts';
import type { FeedOutcome } from './search.service.ts';
import { SearchPage } from './views/search-page.tsx';

const hide = { schema: { hide: true } };

function queryOf(req: FastifyRequest): Record<string, unknown> {
  return (req.query ?? {}) as Record<string, unknown>;
}

function feedOf(deps: Deps, result: FeedOutcome): Feed {
  const base = deps.config.baseUrl.replace(/\/+$/, '');
  const link = linkOf(result.params);
  delete link.page;
  delete link.sort;
  const what = result.params.q ? `“${result.params.q}”` : '全部信息';
  return {
    title: `${what} - 信息检索 - ${deps.config.site.name}`,
    description: `${deps.config.site.name}政府信息公开检索${what}的最新结果`,
    htmlUrl: base + searchHref(SEARCH_PATH, { ...link, ...(result.params.q ? { sort: 'date' } : {}) }),
    rssUrl: base + searchHref(SEARCH_RSS_PATH, link),
    atomUrl: base + searchHref(SEARCH_ATOM_PATH, link),
    author: deps.config.site.sponsor,
    fallbackUpdated: new Date(),
    entries: result.hits.map((h) => {
      const moment = publishedMoment(h.publishedDate, h.firstPublishedAt);
      return { title: h.title, url: base + h.url, published: moment, updated: moment, summary: h.snippetText, category: isGenreId(h.genre) ? genreName(h.genre) : h.genre, author: h.agencies[0] ?? deps.config.site.sponsor };
    }),
  };
}

/** /search (the page, works without script) and its RSS 2.0 and Atom feeds. */
export async function registerSearchPortalRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const { search } = deps;

  app.get(SEARCH_PATH, hide, async (req, reply) => {
    const input = queryOf(req);
    const page = await search.searchPage(input);
    if (page.ok) {
      return reply.type('text/html; charset=utf-8').send(renderPage(<SearchPage ctx={req.ctx} outcome={page.outcome} link={linkOf(page.outcome.params)} errors={[]} agencies={page.agencies} nodes={page.nodes} />));
    }
    // GOV.UK pattern: the form again, with an error summary and a message at each field
    return reply
      .status(400)
      .type('text/html; charset=utf-8')
      .send(renderPage(<SearchPage ctx={req.ctx} outcome={null} link={linkFromInput(input)} errors={page.errors} agencies={page.agencies} nodes={[]} />));
  });

  const sendFeed = async (req: FastifyRequest, reply: FastifyReply, kind: 'rss' | 'atom') => {
    const result = await search.feed(queryOf(req));
    const feed = feedOf(deps, result);
    return reply
      .header('cache-control', 'public, max-age=300')
      .type(kind === 'rss' ? 'application/rss+xml; charset=utf-8' : 'application/atom+xml; charset=utf-8')
      .send(kind === 'rss' ? renderRss(feed) : renderAtom(feed));
  };
  app.get(SEARCH_RSS_PATH, hide, (req, reply) => sendFeed(req, reply, 'rss'));
  app.get(SEARCH_ATOM_PATH, hide, (req, reply) => sendFeed(req, reply, 'atom'));
}
