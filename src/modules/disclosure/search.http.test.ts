import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createDeps } from '../../deps.ts';
import type { Database } from '../../platform/db/database.ts';
import { createTestDatabase } from '../../platform/db/testing.ts';
import type { Agency } from '../agencies/index.ts';
import { createTestAgency } from '../agencies/agencies.testing.ts';
import { createSearchTestItem, type SearchTestItem } from './search.testing.ts';

let database: Database;
let app: App;
let agency: Agency;
let policy: SearchTestItem;

beforeAll(async () => {
  database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'gk-search-')) });
  app = await buildApp(createDeps(config, database), { logger: false });
  agency = await createTestAgency(database.db);
  policy = await createSearchTestItem(database.db, {
    agency,
    title: '关于印发2018年重庆市政务公开工作要点的通知',
    documentNumber: '渝府办发〔2018〕76号',
    genre: 'normative',
    writtenDate: '2018-05-30',
    publishedDate: '2018-06-05',
    bodyHtml: '<p>各区县人民政府：现将《2018年重庆市政务公开工作要点》印发给你们 &lt;b&gt;请认真贯彻执行&lt;/b&gt;。</p>',
  });
  for (let i = 1; i <= 22; i++) await createSearchTestItem(database.db, { agency, title: `政务公开工作动态（第${i}期）`, genre: 'news', publishedDate: `2024-02-${String(i).padStart(2, '0')}` });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const get = (url: string) => app.inject({ method: 'GET', url });

describe('GET /api/v1/items', () => {
  it('returns the page of matches in the documented shape', async () => {
    const res = await get(`/api/v1/items?q=${encodeURIComponent('工作要点')}&agency=${agency.code}&type=normative&from=2018&to=2018&validity=valid&sort=relevance&page=1`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    const body = res.json();
    expect(body).toEqual({
      total: 1,
      totalIsEstimate: false,
      page: 1,
      pageSize: 20,
      items: [
        {
          indexNumber: policy.indexNumber,
          title: '关于印发2018年重庆市政务公开工作要点的通知',
          documentNumber: '渝府办发〔2018〕76号',
          agencies: [agency.name],
          writtenDate: '2018-05-30',
          publishedDate: '2018-06-05',
          validity: 'valid',
          url: `/xxgk/${policy.indexNumber}`,
          snippet: expect.stringContaining('<mark>工作</mark><mark>要点</mark>'),
        },
      ],
    });
    expect(body.items[0].snippet).toContain('&lt;b&gt;请认真贯彻执行&lt;/b&gt;');
  });

  it('finds a 文号 in each written form', async () => {
    for (const q of ['渝府办发〔2018〕76号', '渝府办发[2018]76号', '渝府办发2018 76']) {
      const body = (await get(`/api/v1/items?q=${encodeURIComponent(q)}`)).json();
      expect(body.items.map((i: { indexNumber: string }) => i.indexNumber), q).toEqual([policy.indexNumber]);
    }
  });

  it('pages 20 at a time, newest first when sorted by date', async () => {
    const p1 = (await get(`/api/v1/items?q=${encodeURIComponent('政务公开')}&sort=date`)).json();
    const p2 = (await get(`/api/v1/items?q=${encodeURIComponent('政务公开')}&sort=date&page=2`)).json();
    expect(p1.total).toBe(23);
    expect(p1.items).toHaveLength(20);
    expect(p1.items[0].publishedDate).toBe('2024-02-22');
    expect(p2.items.map((i: { publishedDate: string }) => i.publishedDate)).toEqual(['2024-02-02', '2024-02-01', '2018-06-05']);
  });

  it('answers bad parameters with 400 and a Chinese message for each field', async () => {
    const res = await get('/api/v1/items?page=0&type=poem&from=2018-1-1&agency=NO!&sort=best&validity=x');
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('VALIDATION_FAILED');
    const messages = (error.fields as { field: string; message: string }[]).map((f) => f.message).join('\n');
    for (const label of ['页码', '体裁', '起始时间', '发布机关', '排序', '有效性']) expect(messages).toContain(label);
  });

  it('refuses an unknown agency, a reversed range and unknown parameters', async () => {
    const unknown = await get('/api/v1/items?agency=no-such-agency');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields).toEqual([{ field: 'agency', message: expect.stringContaining('找不到') }]);
    const reversed = await get('/api/v1/items?from=2020&to=2019');
    expect(reversed.json().error.fields).toEqual([{ field: 'to', message: '截止时间：不能早于起始时间' }]);
    expect((await get('/api/v1/items?colour=red')).statusCode).toBe(400);
  });

  it('is documented in OpenAPI under 政府信息', async () => {
    const spec = (await get('/docs/json')).json();
    const op = spec.paths['/api/v1/items'].get;
    expect(op.tags).toEqual(['政府信息']);
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['q', 'agency', 'node', 'type', 'from', 'to', 'validity', 'sort', 'page']));
  });
});

describe('/search', () => {
  it('shows the form, the announced count, marked results and pages, without script', async () => {
    const res = await get(`/search?q=${encodeURIComponent('政务公开')}`);
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain('<title>“政务公开”的检索结果（23 条）');
    expect(html).toMatch(/<label for="field-q">关键词/);
    expect(html).toMatch(/<label for="field-agency">发布机关/);
    expect(html).toMatch(/<p class="search-count" role="status" id="search-count">找到与“政务公开”有关的信息 23 条。/);
    expect(html).toContain('<mark>政务公开</mark>');
    expect(html).toContain(`href="/xxgk/${agency.creditCode}/2024-`);
    expect(html).toContain('aria-label="分页"');
    expect(html).toContain('href="/search?q=%E6%94%BF%E5%8A%A1%E5%85%AC%E5%BC%80&amp;page=2"');
    expect(html).toContain('href="/search.rss?q=%E6%94%BF%E5%8A%A1%E5%85%AC%E5%BC%80"');
    // facets link to narrower searches
    expect(html).toContain(`href="/search?q=%E6%94%BF%E5%8A%A1%E5%85%AC%E5%BC%80&amp;type=news"`);
  });

  it('escapes what was typed', async () => {
    const res = await get(`/search?q=${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('<script>alert(1)');
    expect(res.body).toContain('&lt;script>alert(1)&lt;/script>');
  });

  it('shows the form again with an error summary for bad parameters', async () => {
    const res = await get('/search?q=x&type=poem');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('class="error-summary"');
    expect(res.body).toContain('href="#field-type"');
    const reversed = await get('/search?q=x&from=2020&to=2019');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.body).toContain('href="#field-to"');
    expect(reversed.body).toContain('截止时间：不能早于起始时间');
    expect(reversed.body).toMatch(/<input id="field-from" name="from" type="text" value="2020"/);
  });

  it('lists everything newest first without a query', async () => {
    const res = await get('/search');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('找到信息 23 条。');
  });
});

describe('feeds', () => {
  it('serves RSS 2.0 for a search', async () => {
    const res = await get(`/search.rss?q=${encodeURIComponent('工作要点')}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    expect(res.body).toContain('<rss version="2.0"');
    expect(res.body).toMatch(new RegExp(`<guid isPermaLink="true">https?://[^<]+/xxgk/${policy.indexNumber}</guid>`));
    expect(res.body).toContain('<title>关于印发2018年重庆市政务公开工作要点的通知</title>');
  });

  it('serves Atom for a search, newest first', async () => {
    const res = await get(`/search.atom?q=${encodeURIComponent('政务公开')}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(res.body).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    expect(res.body.indexOf('第22期')).toBeLessThan(res.body.indexOf('第21期'));
    expect((res.body.match(/<entry>/g) ?? []).length).toBe(20);
  });

  it('refuses bad parameters', async () => {
    expect((await get('/search.rss?page=abc&type=poem')).statusCode).toBe(400);
  });
});
