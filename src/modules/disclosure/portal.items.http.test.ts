import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createDeps, type Deps } from '../../deps.ts';
import type { Database } from '../../platform/db/database.ts';
import { createTestDatabase } from '../../platform/db/testing.ts';
import { installErrorHandling } from '../../platform/http/error-handler.ts';
import { createTestCatalogAgency, createTestListedItem, linkInterpretation, templateNode } from './catalog.testing.ts';
import { registerPortalItemsRoutes } from './portal.items.routes.tsx';
import { createPortalItemsService } from './portal.items.service.ts';
import { child, childrenNamed, parseXml, type XmlElement } from './views/feed.testing.ts';

const BASE = 'https://xxgk.example.gov.cn';
let database: Database;
let deps: Deps;
let app: App;

beforeAll(async () => {
  database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'gk-portal-items-')), BASE_URL: BASE });
  deps = createDeps(config, database);
  app = await buildApp(deps, { logger: false });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const get = (url: string) => app.inject({ method: 'GET', url });

function textOf(html: string): string {
  return html.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

/** The 信息索引 grid as label → value. */
function infoIndex(html: string): Record<string, string> {
  const dl = /<dl class="info-index">([\s\S]*?)<\/dl>/.exec(html)?.[1] ?? '';
  const out: Record<string, string> = {};
  for (const m of dl.matchAll(/<dt>([\s\S]*?)<\/dt><dd>([\s\S]*?)<\/dd>/g)) out[textOf(m[1] ?? '')] = textOf(m[2] ?? '');
  return out;
}

async function setup() {
  const city = await createTestCatalogAgency(database.db, { kind: 'government' });
  const dept = await createTestCatalogAgency(database.db, { parentId: city.agency.id });
  const partner = await createTestCatalogAgency(database.db, { parentId: city.agency.id });
  return { city, dept, partner };
}

describe('the item page /xxgk/<索引号>', () => {
  it('shows the 信息索引 grid as on gov.cn, every issuer of a 联合发文, the sanitized body and attachments with sizes', async () => {
    const { dept, partner } = await setup();
    const regs = templateNode(dept.nodes, 'regulations');
    const item = await createTestListedItem(database.db, {
      agency: dept.agency,
      coIssuers: [partner.agency],
      nodeIds: [regs.id],
      title: '关于印发2018年政务公开工作要点的通知',
      documentNumber: '渝府办发〔2018〕76号',
      writtenDate: '2018-06-06',
      publishedDate: '2018-06-13',
      subject: 'general_affairs.openness',
      genre: 'normative',
      bodyHtml: '<h2>一、总体要求</h2><p onclick="steal()">以公开为常态。</p><script>alert(1)</script><iframe src="https://evil.example.com/x"></iframe>',
      attachments: [
        { filename: '附件1.pdf', mime: 'application/pdf', sizeBytes: Math.round(1.2 * 1024 * 1024) },
        { filename: '附件2.docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', sizeBytes: 356 * 1024 },
      ],
    });
    const res = await get(`/xxgk/${item.indexNumber}`);
    expect(res.statusCode).toBe(200);
    expect(infoIndex(res.body)).toEqual({
      索引号: item.indexNumber,
      主题分类: '综合政务 / 政务公开',
      发布机构: `${dept.agency.name}、${partner.agency.name}`,
      成文日期: '2018年06月06日',
      标题: '关于印发2018年政务公开工作要点的通知',
      发文字号: '渝府办发〔2018〕76号',
      发布日期: '2018年06月13日',
      有效性: '有效',
      公开属性: '主动公开',
      体裁: '行政规范性文件',
    });
    expect(res.body).toContain('<h1 id="item-title" class="doc-title">关于印发2018年政务公开工作要点的通知</h1>');
    expect(res.body).toContain('<h2>一、总体要求</h2><p>以公开为常态。</p>');
    const body = /<div class="prose doc-body">([\s\S]*?)<\/div>/.exec(res.body)?.[1] ?? '';
    expect(body).toBe('<h2>一、总体要求</h2><p>以公开为常态。</p>');
    for (const bad of ['onclick', 'alert(1)', 'evil.example.com']) expect(res.body).not.toContain(bad);
    const text = textOf(res.body);
    expect(text).toContain('附件1.pdf（PDF，1.2 MB）');
    expect(text).toContain('附件2.docx（Word，356 KB）');
    expect(res.body).toMatch(/href="\/files\/[0-9a-f-]{36}" download="附件1.pdf"/);
    expect(text).toContain(`所属栏目：${regs.name}`);
    expect(res.body).toContain(`href="/agencies/${dept.agency.code}/catalog/${regs.id}"`);
    expect(res.body).toMatch(/<link rel="stylesheet" media="print" href="\/static\/[^"]+\/print.css"/);
    expect(res.body).toMatch(/<nav aria-label="当前位置"/);
    expect(text).toContain('2018年06月13日　首次发布');
  });

  it('links a policy to its interpretations and back', async () => {
    const { dept } = await setup();
    const policy = await createTestListedItem(database.db, { agency: dept.agency, title: '关于促进民营经济发展的若干政策', genre: 'normative' });
    const interp = await createTestListedItem(database.db, { agency: dept.agency, title: '图解：民营经济若干政策', genre: 'interpretation', interpretationForm: 'graphic' });
    const hidden = await createTestListedItem(database.db, { agency: dept.agency, title: '已撤销发布的解读', genre: 'interpretation', status: 'unpublished' });
    await linkInterpretation(database.db, interp.id, policy.id);
    await linkInterpretation(database.db, hidden.id, policy.id);
    const p = await get(`/xxgk/${policy.indexNumber}`);
    expect(p.body).toContain('>政策解读</h2>');
    expect(p.body).toContain(`<a href="/xxgk/${interp.indexNumber}">图解：民营经济若干政策</a>`);
    expect(textOf(p.body)).toContain('（图解，');
    expect(p.body).not.toContain('已撤销发布的解读');
    const i = await get(`/xxgk/${interp.indexNumber}`);
    expect(i.body).toContain('>解读的政策文件</h2>');
    expect(i.body).toContain(`<a href="/xxgk/${policy.indexNumber}">关于促进民营经济发展的若干政策</a>`);
  });

  it('lists the change notes of published revisions with their dates, leaving minor changes out', async () => {
    const { dept } = await setup();
    const item = await createTestListedItem(database.db, {
      agency: dept.agency,
      title: '修订过的通知',
      earlier: [{ publishedDate: '2024-01-05' }, { publishedDate: '2024-02-01' }],
      publishedDate: '2024-03-01',
      changeNote: '更正附件中的联系电话',
      writtenDate: '2024-01-02',
    });
    const text = textOf((await get(`/xxgk/${item.indexNumber}`)).body);
    expect(text).toContain('2024年01月05日　首次发布');
    expect(text).toContain('2024年02月01日　修订');
    expect(text).toContain('2024年03月01日　更正附件中的联系电话');
    const minor = await createTestListedItem(database.db, { agency: dept.agency, earlier: [{ publishedDate: '2024-01-05' }], publishedDate: '2024-01-06', isMinorChange: true, changeNote: null, writtenDate: '2024-01-02' });
    const minorText = textOf((await get(`/xxgk/${minor.indexNumber}`)).body);
    expect(minorText).toContain('2024年01月05日　首次发布');
    expect(minorText).not.toContain('2024年01月06日　');
  });

  it('a revoked (废止) item shows a red-bordered banner with date, reason and the replacing item', async () => {
    const { dept } = await setup();
    const replacement = await createTestListedItem(database.db, { agency: dept.agency, title: '新的管理办法' });
    const old = await createTestListedItem(database.db, { agency: dept.agency, title: '旧的管理办法', validity: 'repealed', validityDate: '2024-05-01', validityReason: '已被新办法取代', replacedByItemId: replacement.id });
    const res = await get(`/xxgk/${old.indexNumber}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/<section class="banner banner--danger" role="note" aria-label="本文件已废止">/);
    const text = textOf(res.body);
    expect(text).toContain('自2024年05月01日起废止。理由：已被新办法取代');
    expect(res.body).toContain(`<a href="/xxgk/${replacement.indexNumber}">新的管理办法</a>`);
    expect(infoIndex(res.body)['有效性']).toBe('废止（2024年05月01日）');
    const expired = await createTestListedItem(database.db, { agency: dept.agency, validity: 'expired', validityDate: '2024-06-30', validityReason: '有效期届满' });
    expect(textOf((await get(`/xxgk/${expired.indexNumber}`)).body)).toContain('本文件已失效');
  });

  it('a withdrawn item stays readable with a dated notice', async () => {
    const { dept } = await setup();
    const item = await createTestListedItem(database.db, { agency: dept.agency, status: 'withdrawn', withdrawnAt: new Date('2024-04-01T09:00:00+08:00'), withdrawalNotice: '相关工作已结束。' });
    const res = await get(`/xxgk/${item.indexNumber}`);
    expect(res.statusCode).toBe(200);
    expect(textOf(res.body)).toContain('本信息已撤回2024年04月01日撤回。相关工作已结束。');
  });

  it('an unpublished item answers 410 with the recorded reason; unknown or malformed numbers are 404', async () => {
    const { dept } = await setup();
    const item = await createTestListedItem(database.db, { agency: dept.agency, status: 'unpublished', unpublishedAt: new Date('2024-04-02T09:00:00+08:00'), unpublishReason: '误将内部文件发布' });
    const res = await get(`/xxgk/${item.indexNumber}`);
    expect(res.statusCode).toBe(410);
    const text = textOf(res.body);
    expect(text).toContain('已于2024年04月02日撤销发布');
    expect(text).toContain('原因：误将内部文件发布');
    expect(text).toContain('GONE');
    expect((await get(`/xxgk/${dept.agency.creditCode}/1999-00001`)).statusCode).toBe(404);
    expect((await get('/xxgk/not-a-code/2018-00001')).statusCode).toBe(404);
    expect((await get(`/xxgk/${dept.agency.creditCode}/2018-1`)).statusCode).toBe(404);
  });
});

function entriesOf(doc: XmlElement): XmlElement[] {
  return doc.name === 'rss' ? childrenNamed(child(doc, 'channel'), 'item') : childrenNamed(doc, 'entry');
}

describe('feeds', () => {
  it('RSS 2.0 and Atom per agency: valid XML, escaped, absolute URLs, +08:00 dates, 联合发文 included, only current items', async () => {
    const { dept, partner } = await setup();
    const joint = await createTestListedItem(database.db, { agency: dept.agency, coIssuers: [partner.agency], title: '关于A&B<合作>的"通知"', publishedDate: '2024-03-05', publishedAt: new Date('2024-03-05T10:30:00+08:00'), summary: '摘要 <b>&</b>' });
    await createTestListedItem(database.db, { agency: dept.agency, title: '已撤回的信息', status: 'withdrawn' });
    await createTestListedItem(database.db, { agency: dept.agency, title: '撤销发布的信息', status: 'unpublished' });

    const rss = await get(`/agencies/${dept.agency.code}/feed.rss`);
    expect(rss.statusCode).toBe(200);
    expect(rss.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    const rssDoc = parseXml(rss.body);
    const channel = child(rssDoc, 'channel');
    expect(child(channel, 'link').text).toBe(`${BASE}/agencies/${dept.agency.code}`);
    const items = entriesOf(rssDoc);
    expect(items.map((i) => child(i, 'title').text)).toEqual(['关于A&B<合作>的"通知"']);
    const item = items[0] as XmlElement;
    expect(child(item, 'link').text).toBe(`${BASE}/xxgk/${joint.indexNumber}`);
    expect(child(item, 'pubDate').text).toBe('Tue, 05 Mar 2024 10:30:00 +0800');
    expect(child(item, 'description').text).toBe('摘要 <b>&</b>');
    expect(rss.body).toContain('关于A&amp;B&lt;合作&gt;的&quot;通知&quot;');

    const atom = await get(`/agencies/${dept.agency.code}/feed.atom`);
    expect(atom.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const atomDoc = parseXml(atom.body);
    const [entry] = entriesOf(atomDoc);
    expect(entry && child(entry, 'id').text).toBe(`${BASE}/xxgk/${joint.indexNumber}`);
    expect(entry && child(entry, 'published').text).toBe('2024-03-05T10:30:00+08:00');
    expect(child(atomDoc, 'link').attributes.href).toBe(`${BASE}/agencies/${dept.agency.code}/feed.atom`);

    // the co-issuer's feed carries the joint document too
    expect(entriesOf(parseXml((await get(`/agencies/${partner.agency.code}/feed.rss`)).body)).map((i) => child(i, 'title').text)).toEqual(['关于A&B<合作>的"通知"']);
    expect((await get('/agencies/no-such-agency/feed.atom')).statusCode).toBe(404);
  });

  it('per column, including its sub-columns', async () => {
    const { dept } = await setup();
    const keyAreas = templateNode(dept.nodes, 'key_areas');
    const projects = templateNode(dept.nodes, 'major_projects');
    await createTestListedItem(database.db, { agency: dept.agency, nodeIds: [projects.id], title: '重大项目批准情况', publishedDate: '2024-03-02' });
    await createTestListedItem(database.db, { agency: dept.agency, nodeIds: [keyAreas.id], title: '重点领域总体情况', publishedDate: '2024-03-01' });
    await createTestListedItem(database.db, { agency: dept.agency, nodeIds: [templateNode(dept.nodes, 'plans').id], title: '别的栏目' });
    const doc = parseXml((await get(`/agencies/${dept.agency.code}/catalog/${keyAreas.id}/feed.atom`)).body);
    expect(entriesOf(doc).map((e) => child(e, 'title').text)).toEqual(['重大项目批准情况', '重点领域总体情况']);
    const rss = parseXml((await get(`/agencies/${dept.agency.code}/catalog/${projects.id}/feed.rss`)).body);
    expect(entriesOf(rss).map((e) => child(e, 'title').text)).toEqual(['重大项目批准情况']);
    expect((await get(`/agencies/${dept.agency.code}/catalog/00000000-0000-4000-8000-000000000000/feed.rss`)).statusCode).toBe(404);
  });
});

describe('sitemap.xml', () => {
  it('lists the portal pages and every public item URL, absolute, without unpublished items or retired columns', async () => {
    const { dept } = await setup();
    const published = await createTestListedItem(database.db, { agency: dept.agency });
    const withdrawn = await createTestListedItem(database.db, { agency: dept.agency, status: 'withdrawn' });
    const gone = await createTestListedItem(database.db, { agency: dept.agency, status: 'unpublished' });
    const powers = templateNode(dept.nodes, 'powers');
    await deps.catalog.retireNode({ system: 'test' }, powers.id, powers.version, { reason: '并入机构职能' });
    const res = await get('/sitemap.xml');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    const doc = parseXml(res.body);
    expect(doc.name).toBe('urlset');
    const locs = childrenNamed(doc, 'url').map((u) => child(u, 'loc').text);
    for (const l of locs) expect(l.startsWith(`${BASE}/`)).toBe(true);
    expect(locs).toContain(`${BASE}/agencies/${dept.agency.code}`);
    expect(locs).toContain(`${BASE}/agencies/${dept.agency.code}/catalog/changes`);
    expect(locs).toContain(`${BASE}/agencies/${dept.agency.code}/catalog/${templateNode(dept.nodes, 'plans').id}`);
    expect(locs).not.toContain(`${BASE}/agencies/${dept.agency.code}/catalog/${powers.id}`);
    expect(locs).toContain(`${BASE}/xxgk/${published.indexNumber}`);
    expect(locs).toContain(`${BASE}/xxgk/${withdrawn.indexNumber}`);
    expect(locs).not.toContain(`${BASE}/xxgk/${gone.indexNumber}`);
    const itemUrl = childrenNamed(doc, 'url').find((u) => child(u, 'loc').text.endsWith(published.indexNumber));
    expect(itemUrl && child(itemUrl, 'lastmod').text).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
  });

  it('becomes an index of pages and item files when it would be too large', async () => {
    const { dept } = await setup();
    for (let i = 0; i < 3; i++) await createTestListedItem(database.db, { agency: dept.agency });
    const small = Fastify();
    installErrorHandling(small, deps.config);
    await registerPortalItemsRoutes(small, deps, createPortalItemsService(database.db), { sitemapMaxUrls: 2 });
    try {
      const r = await database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM items WHERE status IN ('published', 'withdrawn')`);
      const listed = Number(r.rows[0]?.n);
      const files = Math.ceil(listed / 2);
      const index = parseXml((await small.inject('/sitemap.xml')).body);
      expect(index.name).toBe('sitemapindex');
      const locs = childrenNamed(index, 'sitemap').map((s) => child(s, 'loc').text);
      expect(locs[0]).toBe(`${BASE}/sitemaps/pages.xml`);
      expect(locs).toHaveLength(files + 1);
      expect(locs.at(-1)).toBe(`${BASE}/sitemaps/items-${files}.xml`);
      const page1 = parseXml((await small.inject('/sitemaps/items-1.xml')).body);
      expect(childrenNamed(page1, 'url')).toHaveLength(2);
      const all = new Set<string>();
      for (let p = 1; p <= files; p++) for (const u of childrenNamed(parseXml((await small.inject(`/sitemaps/items-${p}.xml`)).body), 'url')) all.add(child(u, 'loc').text);
      expect(all.size).toBe(listed);
      expect(childrenNamed(parseXml((await small.inject('/sitemaps/pages.xml')).body), 'url').map((u) => child(u, 'loc').text)).toContain(`${BASE}/agencies/${dept.agency.code}`);
      expect((await small.inject(`/sitemaps/items-${files + 1}.xml`)).statusCode).toBe(404);
      expect((await small.inject('/sitemaps/items-0.xml')).statusCode).toBe(404);
    } finally {
      await small.close();
    }
  });
});
