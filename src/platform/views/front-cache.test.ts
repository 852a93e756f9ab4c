import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FrontCache } from './front-cache.ts';

let server: Server;
let base: string;
let cache: FrontCache;
let behind = 0;

beforeAll(async () => {
  server = createServer((_req, res) => {
    behind++;
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('from the app');
  });
  cache = new FrontCache(60_000);
  cache.install(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const page = Buffer.from('<!doctype html><p>首页</p>');
const headers = { 'content-type': 'text/html; charset=utf-8', etag: '"abc"', 'cache-control': 'public, max-age=60', 'content-security-policy': "default-src 'self'", 'x-request-id': 'from-the-first-request', 'content-length': 999 };

function publish(over: Partial<Parameters<FrontCache['publish']>[0]> = {}) {
  cache.publish({ path: '/', cookieHeader: undefined, encoding: 'identity', renderedAt: Date.now(), headers, body: page, ...over });
}

describe('FrontCache', () => {
  it('passes everything to the app until a page is published', async () => {
    cache.clear();
    const before = behind;
    expect(await (await fetch(`${base}/`)).text()).toBe('from the app');
    expect(behind).toBe(before + 1);
  });

  it('serves a published page with its headers, a fresh request id and the right length, without the app', async () => {
    cache.clear();
    publish();
    const before = behind;
    const res = await fetch(`${base}/`, { headers: { 'accept-encoding': 'identity' } });
    expect(behind).toBe(before);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(page)).toBe(true);
    expect(res.headers.get('content-security-policy')).toBe("default-src 'self'");
    expect(res.headers.get('content-length')).toBe(String(page.length));
    expect(res.headers.get('x-request-id')).not.toBe('from-the-first-request');
  });

  it('answers a matching If-None-Match with 304 and no body', async () => {
    cache.clear();
    publish();
    const res = await fetch(`${base}/`, { headers: { 'if-none-match': '"abc"', 'accept-encoding': 'identity' } });
    expect(res.status).toBe(304);
    expect(res.headers.get('etag')).toBe('"abc"');
  });

  it('keeps 长者模式 and encodings apart, and leaves flash messages, queries, POSTs and stale pages to the app', async () => {
    cache.clear();
    publish();
    const before = behind;
    await fetch(`${base}/`, { headers: { cookie: 'gk_elder=1', 'accept-encoding': 'identity' } });
    await fetch(`${base}/`, { headers: { 'accept-encoding': 'gzip' } });
    await fetch(`${base}/`, { headers: { cookie: 'gk_flash=abc', 'accept-encoding': 'identity' } });
    await fetch(`${base}/?q=1`, { headers: { 'accept-encoding': 'identity' } });
    await fetch(`${base}/`, { method: 'POST', headers: { 'accept-encoding': 'identity' } });
    expect(behind).toBe(before + 5);
    publish({ renderedAt: Date.now() - 61_000 });
    await fetch(`${base}/`, { headers: { 'accept-encoding': 'identity' } });
    expect(behind).toBe(before + 6);
  });

  it('does not keep a response that sets a cookie', async () => {
    cache.clear();
    publish({ headers: { ...headers, 'set-cookie': 'gk_anon=x' } });
    const before = behind;
    await fetch(`${base}/`, { headers: { 'accept-encoding': 'identity' } });
    expect(behind).toBe(before + 1);
  });

  it('reads the variant from the first cookie of a name, as the cookie parser does', () => {
    expect(FrontCache.variantOf(undefined)).toBe('plain');
    expect(FrontCache.variantOf('a=1; gk_elder=1')).toBe('elder');
    expect(FrontCache.variantOf('gk_elder=0; gk_elder=1')).toBe('plain');
    expect(FrontCache.variantOf('gk_elder=1; gk_flash=x')).toBeNull();
  });
});
