import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zlibConstants, deflateSync, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FrontCache } from './front-cache.ts';

export type Encoding = 'br' | 'gzip' | 'deflate' | 'identity';

/** One rendered public page, with its compressed forms made on first use. */
export class RenderedPage {
  readonly body: Buffer;
  readonly renderedAt = Date.now();
  private readonly hash: string;
  private readonly encoded = new Map<Encoding, Buffer>();

  constructor(html: string) {
    this.body = Buffer.from(html, 'utf8');
    this.hash = createHash('sha1').update(this.body).digest('base64url').slice(0, 22);
    this.encoded.set('identity', this.body);
  }

  /** A strong ETag per representation, since the bytes differ by encoding. */
  etag(encoding: Encoding): string {
    return encoding === 'identity' ? `"${this.hash}"` : `"${this.hash}-${encoding}"`;
  }

  bytes(encoding: Encoding): Buffer {
    let out = this.encoded.get(encoding);
    if (!out) {
      out =
        encoding === 'br'
          ? brotliCompressSync(this.body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 9, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: this.body.length } })
          : encoding === 'gzip'
            ? gzipSync(this.body, { level: 9 })
            : deflateSync(this.body, { level: 9 });
      this.encoded.set(encoding, out);
    }
    return out;
  }
}

/**
 * A small in-memory cache of rendered public pages, keyed by variant (e.g. 长者模式 on/off). Pages
 * that hold nothing per user are rendered once every `ttlMs` and sent as bytes, pre-compressed,
 * with an ETag; concurrent misses share one render.
 */
export class PageCache {
  private readonly entries = new Map<string, { at: number; page: Promise<RenderedPage> }>();

  constructor(private readonly ttlMs: number) {}

  get(key: string, render: () => Promise<string>): Promise<RenderedPage> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.page;
    const page = render().then((html) => new RenderedPage(html));
    this.entries.set(key, { at: now, page });
    // a failed render is not cached
    page.catch(() => {
      if (this.entries.get(key)?.page === page) this.entries.delete(key);
    });
    return page;
  }

  clear(): void {
    this.entries.clear();
  }
}

/** The best encoding the client accepts, by its Accept-Encoding header (q=0 refuses). */
export function negotiateEncoding(header: string | undefined): Encoding {
  if (!header) return 'identity';
  const accepted = new Map<string, number>();
  for (const part of header.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q ? Number(q.slice(2)) : 1;
    accepted.set(name, Number.isFinite(weight) ? weight : 0);
  }
  const star = accepted.get('*');
  for (const enc of ['br', 'gzip', 'deflate'] as const) {
    const w = accepted.get(enc) ?? star;
    if (w !== undefined && w > 0) return enc;
  }
  return 'identity';
}

export interface SendPageOptions {
  /** seconds a browser or shared cache may reuse the page */
  maxAge: number;
  /** request headers the page varies by besides Accept-Encoding (e.g. Cookie for 长者模式) */
  vary?: string[];
  /** also keep the response in the front cache, served without Fastify until the page is stale */
  front?: FrontCache;
}

/** Sends a cached page: the right encoding, its ETag (the etag plugin answers 304) and public caching. */
export function sendRenderedPage(req: FastifyRequest, reply: FastifyReply, page: RenderedPage, options: SendPageOptions): FastifyReply {
  const encoding = negotiateEncoding(req.headers['accept-encoding']);
  reply
    .type('text/html; charset=utf-8')
    .header('cache-control', `public, max-age=${options.maxAge}`)
    .header('vary', ['Accept-Encoding', ...(options.vary ?? [])].join(', '))
    .header('etag', page.etag(encoding));
  if (encoding !== 'identity') reply.header('content-encoding', encoding);
  const body = page.bytes(encoding);
  if (options.front && req.method === 'GET' && !req.url.includes('?')) {
    options.front.publish({ path: req.url, cookieHeader: req.headers.cookie, encoding, renderedAt: page.renderedAt, headers: reply.getHeaders(), body });
  }
  return reply.send(body);
}
