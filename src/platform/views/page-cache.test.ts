import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PageCache, RenderedPage, negotiateEncoding } from './page-cache.ts';

describe('negotiateEncoding', () => {
  it.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip, deflate, br', 'br'],
    ['gzip, deflate', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['deflate', 'deflate'],
    ['*', 'br'],
    ['*;q=0', 'identity'],
    ['identity', 'identity'],
    ['compress', 'identity'],
  ] as const)('%j → %s', (header, expected) => {
    expect(negotiateEncoding(header)).toBe(expected);
  });
});

describe('RenderedPage', () => {
  it('compresses on demand to bytes that decode to the page, with one ETag per encoding', () => {
    const page = new RenderedPage('<!doctype html><p>政务公开</p>'.repeat(50));
    expect(brotliDecompressSync(page.bytes('br')).equals(page.body)).toBe(true);
    expect(gunzipSync(page.bytes('gzip')).equals(page.body)).toBe(true);
    expect(inflateSync(page.bytes('deflate')).equals(page.body)).toBe(true);
    expect(new Set([page.etag('identity'), page.etag('br'), page.etag('gzip')]).size).toBe(3);
    expect(page.etag('identity')).toBe(new RenderedPage('<!doctype html><p>政务公开</p>'.repeat(50)).etag('identity'));
  });
});

describe('PageCache', () => {
  it('renders once per key within the TTL, sharing concurrent misses', async () => {
    const cache = new PageCache(60_000);
    let renders = 0;
    const render = async () => `<p>${++renders}</p>`;
    const [a, b] = await Promise.all([cache.get('home:plain', render), cache.get('home:plain', render)]);
    expect(a).toBe(b);
    expect(renders).toBe(1);
    await cache.get('home:elder', render);
    expect(renders).toBe(2);
  });

  it('renders again after the TTL, and does not keep a failed render', async () => {
    const cache = new PageCache(0);
    let renders = 0;
    await cache.get('k', async () => `<p>${++renders}</p>`);
    await cache.get('k', async () => `<p>${++renders}</p>`);
    expect(renders).toBe(2);
    const failing = new PageCache(60_000);
    await expect(failing.get('k', async () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect((await failing.get('k', async () => 'ok')).body.toString()).toBe('ok');
  });
});
