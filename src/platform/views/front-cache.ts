import { randomUUID } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, Server, ServerResponse } from 'node:http';
import { negotiateEncoding, type Encoding } from './page-cache.ts';

/**
 * A micro-cache in front of Fastify for public pages, like nginx's proxy_cache: a page that holds
 * nothing per user, once sent by its route, is kept with the exact headers Fastify produced and
 * served straight from the HTTP server's request event until it is `ttlMs` old. Measured: the
 * Fastify plugin chain (helmet, cookies, session, compress, etag, logging) costs several times the
 * page itself, so a hit skips it (bench/portal.bench.ts). Hits are not in the request log.
 *
 * Only exact paths that a route published are served; a query string, another method, or a
 * request that carries a flash message goes through Fastify as usual.
 */
export class FrontCache {
  private readonly entries = new Map<string, { expires: number; etag: string; headers: OutgoingHttpHeaders; body: Buffer }>();
  hits = 0;

  constructor(private readonly ttlMs: number) {}

  /** The variant of a request for public pages: 长者模式 or not; null when it must not be served from cache. */
  static variantOf(cookieHeader: string | undefined): 'elder' | 'plain' | null {
    if (!cookieHeader) return 'plain';
    // a one-time flash message is per user; the cookie plugin reads the first occurrence of a name
    if (firstCookie(cookieHeader, 'gk_flash') !== undefined) return null;
    return firstCookie(cookieHeader, 'gk_elder') === '1' ? 'elder' : 'plain';
  }

  /** Stores a response the route has just sent; skipped when it sets a cookie. */
  publish(input: { path: string; cookieHeader: string | undefined; encoding: Encoding; renderedAt: number; headers: Record<string, string | number | string[] | undefined>; body: Buffer }): void {
    const variant = FrontCache.variantOf(input.cookieHeader);
    if (variant === null || input.headers['set-cookie'] !== undefined) return;
    const etag = input.headers.etag;
    if (typeof etag !== 'string') return;
    const headers: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(input.headers)) {
      if (value === undefined || name === 'x-request-id' || name === 'content-length' || name === 'date' || name === 'connection' || name === 'keep-alive') continue;
      headers[name] = value;
    }
    headers['content-length'] = input.body.length;
    this.entries.set(key(input.path, variant, input.encoding), { expires: input.renderedAt + this.ttlMs, etag, headers, body: input.body });
  }

  /** Answers the request from cache and returns true, or returns false to let Fastify handle it. */
  tryServe(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const url = req.url;
    if (!url || url.includes('?')) return false;
    const variant = FrontCache.variantOf(req.headers.cookie);
    if (variant === null) return false;
    const entry = this.entries.get(key(url, variant, negotiateEncoding(req.headers['accept-encoding'])));
    if (!entry) return false;
    if (Date.now() >= entry.expires) return false;
    this.hits++;
    const given = req.headers['x-request-id'];
    const requestId = typeof given === 'string' && /^[A-Za-z0-9-]{8,64}$/.test(given) ? given : randomUUID();
    const inm = req.headers['if-none-match'];
    if (inm === entry.etag || inm === `W/${entry.etag}`) {
      const { 'content-length': _length, ...rest } = entry.headers;
      res.writeHead(304, { ...rest, 'x-request-id': requestId });
      res.end();
      return true;
    }
    res.writeHead(200, { ...entry.headers, 'x-request-id': requestId });
    res.end(req.method === 'HEAD' ? undefined : entry.body);
    return true;
  }

  clear(): void {
    this.entries.clear();
  }

  /**
   * Puts the cache in front of the server's request handler (Fastify's). Belongs in app.ts as
   * Fastify's `serverFactory`; until then the first user installs it on `app.server`.
   */
  install(server: Server): void {
    const handlers = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
    server.removeAllListeners('request');
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (this.tryServe(req, res)) return;
      for (const handler of handlers) handler.call(server, req, res);
    });
  }
}

function key(path: string, variant: string, encoding: Encoding): string {
  return `${path}\n${variant}\n${encoding}`;
}

function firstCookie(header: string, name: string): string | undefined {
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

const installed = new WeakMap<Server, FrontCache>();

/** The front cache of this HTTP server, installed on first use. */
export function frontCacheFor(server: Server, ttlMs: number): FrontCache {
  let cache = installed.get(server);
  if (!cache) {
    cache = new FrontCache(ttlMs);
    cache.install(server);
    installed.set(server, cache);
  }
  return cache;
}
