import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../platform/db/database.ts';
import { createTestDatabase } from '../../platform/db/testing.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { Agency } from '../agencies/index.ts';
import { createTestAgency } from '../agencies/agencies.testing.ts';
import { loadConfig } from '../../config.ts';
import { createDeps } from '../../deps.ts';
import { createTestActor, createTestItem, createTestItemsService } from './items.testing.ts';
import { createTestCatalogNode } from './items.testing.ts';
import { createSearchIndexer } from './search.indexer.ts';
import { parseQuery } from './search.query.ts';
import { selectNewest } from './search.repository.ts';
import { createSearchService, type SearchOutcome, type SearchService } from './search.service.ts';
import { bulkCreateSearchTestItems, changeSearchTestItem, createSearchTestItem } from './search.testing.ts';

let database: Database;
let search: SearchService;
// one agency tree per file; items use unique words per test, so tests do not see each other's items
let city: Agency;
let district: Agency;
let districtDept: Agency;
let cityDept: Agency;

beforeAll(async () => {
  database = await createTestDatabase();
  search = createSearchService({ db: database.db });
  city = await createTestAgency(database.db, { kind: 'government' });
  district = await createTestAgency(database.db, { kind: 'government', parentId: city.id });
  districtDept = await createTestAgency(database.db, { parentId: district.id });
  cityDept = await createTestAgency(database.db, { parentId: city.id });
});
afterAll(async () => {
  await database?.close();
});

const titles = (o: SearchOutcome) => o.hits.map((h) => h.title);

async function fieldsOf(p: Promise<unknown>): Promise<string[]> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe('VALIDATION_FAILED');
  return (err as AppError).fields.map((f) => f.field);
}

describe('text', () => {
  it('finds items that hold every word (AND), not those holding one', async () => {
    await createSearchTestItem(database.db, { agency: cityDept, title: '关于推进磁悬浮线路建设的通知', bodyHtml: '<p>优化磁悬浮站点营商环境。</p>' });
    await createSearchTestItem(database.db, { agency: cityDept, title: '磁悬浮运营安全检查通报', bodyHtml: '<p>检查结果。</p>' });
    const both = await search.search({ q: '磁悬浮 营商环境' });
    expect(titles(both)).toEqual(['关于推进磁悬浮线路建设的通知']);
    expect(both.total).toBe(1);
    expect(both.totalIsEstimate).toBe(false);
    expect((await search.search({ q: '磁悬浮' })).total).toBe(2);
  });

  it('requires the words of a quoted phrase to be adjacent and in order', async () => {
    await createSearchTestItem(database.db, { agency: cityDept, title: '渝北区人民政府办公厅关于古树名木保护的通知' });
    await createSearchTestItem(database.db, { agency: cityDept, title: '古树名木普查办公厅报告', bodyHtml: '<p>区人民政府组织开展古树名木普查。</p>' });
    expect(titles(await search.search({ q: '"人民政府办公厅" 古树名木' }))).toEqual(['渝北区人民政府办公厅关于古树名木保护的通知']);
    expect(titles(await search.search({ q: '“人民政府 办公厅” 古树名木' }))).toEqual(['渝北区人民政府办公厅关于古树名木保护的通知']);
    expect((await search.search({ q: '人民政府 办公厅 古树名木' })).total).toBe(2);
  });

  it('finds words inside a longer word, keywords, the 文号 text and the agency name', async () => {
    await createSearchTestItem(database.db, { agency: cityDept, title: '白鹤梁题刻政府信息公开工作年度报告', keywords: ['水下博物馆'] });
    for (const q of ['白鹤梁 信息', '白鹤梁 年度报告', '白鹤梁 水下博物馆', `白鹤梁 ${cityDept.name}`]) expect((await search.search({ q })).total, q).toBe(1);
  });

  it('says when nothing searchable was typed', async () => {
    const r = await search.search({ q: '的，。' });
    expect(r.mode).toBe('no_terms');
    expect(r.total).toBe(0);
  });
});

describe('文号', () => {
  it('finds the document by its number written in any of the three forms, before any text match', async () => {
    await createSearchTestItem(database.db, { agency: cityDept, title: '关于印发2018年钓鱼城保护工作要点的通知', documentNumber: '渝钓发〔2018〕76号', genre: 'normative' });
    await createSearchTestItem(database.db, { agency: cityDept, title: '渝钓发2018年76项任务清单', bodyHtml: '<p>渝钓发 2018 76</p>' });
    for (const q of ['渝钓发〔2018〕76号', '渝钓发[2018]76号', '渝钓发2018 76']) {
      const r = await search.search({ q });
      expect(r.mode, q).toBe('doc_key');
      expect(titles(r), q).toEqual(['关于印发2018年钓鱼城保护工作要点的通知']);
      expect(r.hits[0]?.documentNumber).toBe('渝钓发〔2018〕76号');
    }
  });

  it('falls back to the words when no document has the number', async () => {
    const r = await search.search({ q: '渝钓发〔2018〕99号' });
    expect(r.mode).not.toBe('doc_key');
  });
});

describe('filters', () => {
  it('filters by agency with its subtree, or the agency alone, and finds joint documents under each issuer', async () => {
    await createSearchTestItem(database.db, { agency: districtDept, title: '中华鲟增殖放流活动通知' });
    await createSearchTestItem(database.db, { agency: district, title: '中华鲟保护区管理办法' });
    await createSearchTestItem(database.db, { agency: cityDept, coAgencies: [districtDept], title: '中华鲟联合执法方案' });
    expect((await search.search({ q: '中华鲟', agency: city.code })).total).toBe(3);
    expect((await search.search({ q: '中华鲟', agency: district.code })).total).toBe(3);
    expect(titles(await search.search({ q: '中华鲟', agency: district.code, subtree: '0' }))).toEqual(['中华鲟保护区管理办法']);
    expect((await search.search({ q: '中华鲟', agency: districtDept.code, subtree: '0' })).total).toBe(2);
    expect((await search.search({ q: '中华鲟', agency: cityDept.code })).total).toBe(1);
  });

  it('filters by catalog node with the nodes below it', async () => {
    const parent = await createTestCatalogNode(database.db, cityDept.id, { name: '重点领域' });
    const child = await createTestCatalogNode(database.db, cityDept.id, { name: '重大建设项目', parentId: parent.id });
    const other = await createTestCatalogNode(database.db, cityDept.id, { name: '人事信息' });
    await createSearchTestItem(database.db, { agency: cityDept, title: '猕猴桃产业园项目批复', nodeIds: [child.id] });
    await createSearchTestItem(database.db, { agency: cityDept, title: '猕猴桃协会换届', nodeIds: [other.id] });
    expect(titles(await search.search({ q: '猕猴桃', node: parent.id }))).toEqual(['猕猴桃产业园项目批复']);
    expect(titles(await search.search({ q: '猕猴桃', node: other.id }))).toEqual(['猕猴桃协会换届']);
    expect((await search.search({ q: '猕猴桃' })).total).toBe(2);
  });

  it('filters by 主题分类 (a class includes its sub-classes), 体裁, 政策类别 and 有效性', async () => {
    await createSearchTestItem(database.db, { agency: cityDept, title: '氢能源汽车补贴办法', subject: 'finance.fiscal', genre: 'normative', policyTags: ['fiscal_reward'], validity: 'expired' });
    await createSearchTestItem(database.db, { agency: cityDept, title: '氢能源加注站建设通知', subject: 'land_energy.oil_gas', genre: 'notice' });
    expect(titles(await search.search({ q: '氢能源', subject: 'finance' }))).toEqual(['氢能源汽车补贴办法']);
    expect(titles(await search.search({ q: '氢能源', subject: 'land_energy.oil_gas' }))).toEqual(['氢能源加注站建设通知']);
    expect(titles(await search.search({ q: '氢能源', type: 'normative' }))).toEqual(['氢能源汽车补贴办法']);
    expect(titles(await search.search({ q: '氢能源', tag: 'fiscal_reward' }))).toEqual(['氢能源汽车补贴办法']);
    expect(titles(await search.search({ q: '氢能源', validity: 'expired' }))).toEqual(['氢能源汽车补贴办法']);
    expect(titles(await search.search({ q: '氢能源', validity: 'valid' }))).toEqual(['氢能源加注站建设通知']);
  });

  it('filters by a year range of the 发布日期 or the 成文日期, and by exact dates', async () => {
    await createSearchTestItem(database.db, { agency: cityDept, title: '碳普惠试点方案（甲）', writtenDate: '2019-12-20', publishedDate: '2020-01-06' });
    await createSearchTestItem(database.db, { agency: cityDept, title: '碳普惠试点方案（乙）', writtenDate: '2022-03-01', publishedDate: '2022-03-10' });
    expect(titles(await search.search({ q: '碳普惠', from: '2020', to: '2020' }))).toEqual(['碳普惠试点方案（甲）']);
    expect(titles(await search.search({ q: '碳普惠', from: '2019', to: '2019', dateField: 'written' }))).toEqual(['碳普惠试点方案（甲）']);
    expect((await search.search({ q: '碳普惠', from: '2019', to: '2019' })).total).toBe(0);
    expect(titles(await search.search({ q: '碳普惠', from: '2022-03-05' }))).toEqual(['碳普惠试点方案（乙）']);
    expect(titles(await search.search({ q: '碳普惠', to: '2022-03-05' }))).toEqual(['碳普惠试点方案（甲）']);
    expect((await search.search({ q: '碳普惠', from: '1990', to: '2030' })).total).toBe(2);
  });

  it('refuses bad parameters with a field each, searching nothing', async () => {
    expect(await fieldsOf(search.search({ agency: 'no-such-agency' }))).toEqual(['agency']);
    expect(await fieldsOf(search.search({ node: '00000000-0000-4000-8000-000000000000' }))).toEqual(['node']);
    expect(await fieldsOf(search.search({ from: '2018-02-30' }))).toEqual(['from']);
    expect(await fieldsOf(search.search({ from: '2020', to: '2019' }))).toEqual(['to']);
    expect(await fieldsOf(search.search({ type: 'poem', validity: 'sometimes', page: '0' }))).toEqual(expect.arrayContaining(['type', 'validity', 'page']));
    expect(await fieldsOf(search.search({ page: 'x' }))).toEqual(['page']);
    expect(await fieldsOf(search.search({ q: '字'.repeat(101) }))).toEqual(['q']);
  });
});

describe('order, pages and snippets', () => {
  it('ranks a title match above a newer body-only match, and sorts by date on request', async () => {
    await createSearchTestItem(database.db, { agency: cityDept, title: '长江索道票价调整听证公告', publishedDate: '2019-06-01' });
    await createSearchTestItem(database.db, { agency: cityDept, title: '文化旅游工作动态', bodyHtml: '<p>游客乘坐长江索道观光。</p>', publishedDate: '2024-06-01' });
    expect(titles(await search.search({ q: '长江索道' }))).toEqual(['长江索道票价调整听证公告', '文化旅游工作动态']);
    expect(titles(await search.search({ q: '长江索道', sort: 'date' }))).toEqual(['文化旅游工作动态', '长江索道票价调整听证公告']);
  });

  it('pages through the matches, 20 a page, without repeats', async () => {
    for (let i = 0; i < 25; i++) await createSearchTestItem(database.db, { agency: cityDept, title: `榨菜产业发展情况通报（第${i + 1}期）`, publishedDate: `2023-01-${String(i + 1).padStart(2, '0')}` });
    const p1 = await search.search({ q: '榨菜' });
    const p2 = await search.search({ q: '榨菜', page: '2' });
    expect(p1.total).toBe(25);
    expect(p1.pageCount).toBe(2);
    expect(p1.hits).toHaveLength(20);
    expect(p2.hits).toHaveLength(5);
    expect(new Set([...p1.hits, ...p2.hits].map((h) => h.itemId)).size).toBe(25);
    const byDate = await search.search({ q: '榨菜', sort: 'date', page: '2' });
    expect(byDate.hits.map((h) => h.publishedDate)).toEqual(['2023-01-05', '2023-01-04', '2023-01-03', '2023-01-02', '2023-01-01']);
  });

  it('builds snippets from the body with the words marked and the HTML escaped', async () => {
    await createSearchTestItem(database.db, { agency: cityDept, title: '花椒产业通知', bodyHtml: '<p>&lt;script&gt;alert(1)&lt;/script&gt; 发展花椒产业 <b>"要点"</b></p>' });
    const hit = (await search.search({ q: '花椒' })).hits[0];
    expect(hit?.snippet).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(hit?.snippet).toContain('<mark>花椒</mark>');
    expect(hit?.snippet).not.toMatch(/<(?!\/?mark>)/);
    expect(hit?.titleHtml).toBe('<mark>花椒</mark>产业通知');
    expect(hit?.url).toBe(`/xxgk/${hit?.indexNumber}`);
    expect(hit?.agencies).toEqual([cityDept.name]);
  });

  it('gives facet counts by agency, 体裁, year and 有效性', async () => {
    await createSearchTestItem(database.db, { agency: cityDept, title: '蚕桑技术培训（一）', genre: 'news', publishedDate: '2021-05-01' });
    await createSearchTestItem(database.db, { agency: districtDept, title: '蚕桑技术培训（二）', genre: 'news', publishedDate: '2022-05-01' });
    await createSearchTestItem(database.db, { agency: districtDept, title: '蚕桑补贴通知', genre: 'notice', publishedDate: '2022-06-01', validity: 'repealed' });
    const f = (await search.search({ q: '蚕桑' })).facets;
    expect(f.agency).toEqual([
      { value: districtDept.code, label: districtDept.name, count: 2 },
      { value: cityDept.code, label: cityDept.name, count: 1 },
    ]);
    expect(f.genre).toEqual([
      { value: 'news', label: '工作动态', count: 2 },
      { value: 'notice', label: '通知公告', count: 1 },
    ]);
    expect(f.year).toEqual([
      { value: '2022', label: '2022 年', count: 2 },
      { value: '2021', label: '2021 年', count: 1 },
    ]);
    expect(f.validity.map((v) => [v.value, v.count])).toEqual([
      ['valid', 2],
      ['repealed', 1],
    ]);
  });
});

describe('the index follows the item', () => {
  it('indexes only public 主动公开 items: not drafts, not 依申请公开, and drops an unpublished one', async () => {
    await createSearchTestItem(database.db, { agency: cityDept, title: '缆车检修草稿', status: 'never_published' });
    await createSearchTestItem(database.db, { agency: cityDept, title: '缆车检修依申请公开', disclosureMode: 'on_request' });
    const wrong = await createSearchTestItem(database.db, { agency: cityDept, title: '缆车检修公告（有误）' });
    expect(titles(await search.search({ q: '缆车' }))).toEqual(['缆车检修公告（有误）']);
    await changeSearchTestItem(database.db, wrong.itemId, { status: 'unpublished' });
    expect((await search.search({ q: '缆车' })).total).toBe(0);
  });

  it('keeps withdrawn and revoked items, with their validity', async () => {
    const a = await createSearchTestItem(database.db, { agency: cityDept, title: '石刻保护规定' });
    const b = await createSearchTestItem(database.db, { agency: cityDept, title: '石刻修缮通知' });
    await changeSearchTestItem(database.db, a.itemId, { status: 'withdrawn' });
    await changeSearchTestItem(database.db, b.itemId, { validity: 'repealed' });
    const r = await search.search({ q: '石刻' });
    expect(r.hits.find((h) => h.itemId === a.itemId)?.isWithdrawn).toBe(true);
    expect(r.hits.find((h) => h.itemId === b.itemId)?.validity).toBe('repealed');
    expect(titles(await search.search({ q: '石刻', validity: 'repealed' }))).toEqual(['石刻修缮通知']);
  });

  it('follows the items service: published is found, unpublished is gone', async () => {
    const service = createTestItemsService(database.db, { indexer: createSearchIndexer() });
    const t = await createTestItem(database.db, { service, state: 'published', draft: { title: '关于做好腊肉加工安全检查的通知' } });
    expect(titles(await search.search({ q: '腊肉' }))).toEqual(['关于做好腊肉加工安全检查的通知']);
    await service.unpublish(t.reviewer, t.item.id, t.item.version, { reason: '发布有误，撤销发布。' });
    expect((await search.search({ q: '腊肉' })).total).toBe(0);
  });

  it('rebuilds the whole index', async () => {
    await createSearchTestItem(database.db, { agency: cityDept, title: '蜂蜜质量抽检结果' });
    await database.db.execute(sql`DELETE FROM item_search`);
    expect((await search.search({ q: '蜂蜜' })).total).toBe(0);
    const r = await search.reindexAll();
    expect(r.indexed).toBeGreaterThan(10);
    expect((await search.search({ q: '蜂蜜' })).total).toBe(1);
  });

  it('re-indexes an agency subtree after the tree changed', async () => {
    const newParent = await createTestAgency(database.db, { kind: 'government', parentId: city.id });
    const dept = await createTestAgency(database.db, { parentId: district.id });
    await createSearchTestItem(database.db, { agency: dept, title: '轮渡码头改造公告' });
    await database.db.execute(sql`UPDATE agencies SET parent_id = ${newParent.id}, ancestors = ARRAY[${city.id}, ${newParent.id}]::uuid[] WHERE id = ${dept.id}`);
    expect((await search.search({ q: '轮渡', agency: newParent.code })).total).toBe(0);
    await database.db.transaction((tx) => search.reindexAgencyItems(tx, dept.id));
    expect((await search.search({ q: '轮渡', agency: newParent.code })).total).toBe(1);
    expect((await search.search({ q: '轮渡', agency: district.code })).total).toBe(0);
  });
});

describe('agency changes reach the index (the deps wiring)', () => {
  it('re-indexes when an agency is moved or renamed through the agencies service', async () => {
    const deps = createDeps(loadConfig({ NODE_ENV: 'test', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'gk-search-deps-')) }), database);
    const admin = await createTestActor(database.db, 'admin', city, { includeSubtree: true });
    const newParent = await createTestAgency(database.db, { kind: 'government', parentId: city.id });
    const dept = await createTestAgency(database.db, { parentId: district.id, name: '某区港航事务中心' });
    await createSearchTestItem(database.db, { agency: dept, title: '渡船停航通告' });
    const moved = await deps.agencies.updateAgency(admin, dept.id, dept.version, { parentId: newParent.id });
    expect((await search.search({ q: '渡船', agency: newParent.code })).total).toBe(1);
    expect((await search.search({ q: '渡船', agency: district.code })).total).toBe(0);
    expect((await search.search({ q: '港航事务中心 渡船' })).total).toBe(1);
    await deps.agencies.updateAgency(admin, dept.id, moved.version, { name: '某区水运管理中心' });
    expect((await search.search({ q: '水运管理中心 渡船' })).total).toBe(1);
    expect((await search.search({ q: '港航事务中心 渡船' })).total).toBe(0);
  });
});

describe('PostgreSQL', () => {
  it("stores lexemes as the 'simple' configuration makes them", async () => {
    await createSearchTestItem(database.db, { agency: cityDept, title: '茶叶品牌 防控工作', bodyHtml: '<p>COVID-19</p>' });
    const r = await database.db.execute<{ simple: boolean; ours: boolean }>(sql`
      SELECT bool_or(s.tsv @@ to_tsquery('simple', '茶叶 & 防控')) AS simple,
             bool_or(to_tsvector('simple', '茶叶 防控') @@ ${parseQuery('茶叶 防控').tsquery}::tsquery) AS ours
        FROM item_search s WHERE s.title = '茶叶品牌 防控工作'`);
    expect(r.rows[0]).toEqual({ simple: true, ours: true });
    // a jieba word the default parser would split stays one lexeme, so it is matched from our own query text
    expect((await search.search({ q: 'covid-19 茶叶' })).total).toBe(1);
  });

  it('answers a rare word from the GIN index', async () => {
    // a table the planner treats as large: filler rows straight into item_search
    await database.db.execute(sql`
      WITH filler AS (INSERT INTO items (agency_id) SELECT ${cityDept.id}::uuid FROM generate_series(1, 5000) RETURNING id)
      INSERT INTO item_search (item_id, agency_id, agency_ids, agency_scope, subject, genre, validity, written_date, published_date, title, title_tsv, tsv)
      SELECT id, ${cityDept.id}::uuid, ARRAY[${cityDept.id}::uuid], ARRAY[${cityDept.id}::uuid], 'other', 'notice', 'valid', '2020-01-01', '2020-01-01', '填充',
             to_tsvector('simple', '填充'), to_tsvector('simple', '填充 记录 ' || repeat('工作 事项 ', 20) || id::text)
        FROM filler`);
    await createSearchTestItem(database.db, { agency: cityDept, title: '樱花观赏季交通安排' });
    await database.db.execute(sql`ANALYZE item_search`);
    // the planner's choice on a small test table varies between PGlite and PostgreSQL; what must hold is that the
    // 'simple'-config query is answerable from the GIN index at all
    const plan = await database.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL enable_seqscan = off`);
      return tx.execute<{ 'QUERY PLAN': string }>(sql`EXPLAIN SELECT item_id FROM item_search s WHERE s.tsv @@ ${parseQuery('樱花').tsquery}::tsquery`);
    });
    expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('Index Scan on item_search_tsv_idx');
    expect(titles(await search.search({ q: '樱花' }))).toEqual(['樱花观赏季交通安排']);
  });

  it('counts a common word from a sample and ranks only the candidate pool (limits shrunk to reach them)', async () => {
    const agency = await createTestAgency(database.db);
    await bulkCreateSearchTestItems(database.db, agency, 240, (i) => ({ title: i % 12 === 0 ? `常见事项公告 ${i}` : `日常记录 ${i}`, bodyHtml: '<p>常见事项办理情况。</p>' }));
    await database.db.execute(sql`ANALYZE item_search`);
    const small = createSearchService({ db: database.db, limits: { exactCount: 50, rankAll: 30, sampleTarget: 30, minSample: 10, maxSample: 400, titlePool: 10, recentPool: 15, bitmap: 100, newestWindow: 100 } });
    const r = await small.search({ q: '常见' });
    expect(r.totalIsEstimate).toBe(true);
    expect(r.mode).toBe('pooled');
    expect(r.total).toBeGreaterThan(120);
    expect(r.total).toBeLessThan(480);
    expect(r.facets.genre[0]?.value).toBe('notice');
    // the title matches come first
    expect(r.hits.slice(0, 10).every((h) => h.title.startsWith('常见事项公告'))).toBe(true);
    const p2 = await small.search({ q: '常见', page: '2' });
    expect(new Set([...r.hits, ...p2.hits].map((h) => h.itemId)).size).toBe(40);
    // newest first is exact whichever way it is found
    const exact = await search.search({ q: '常见', sort: 'date', page: '3' });
    expect(exact.totalIsEstimate).toBe(false);
    expect((await small.search({ q: '常见', sort: 'date', page: '3' })).hits.map((h) => h.itemId)).toEqual(exact.hits.map((h) => h.itemId));
  });

  it('collects the newest matches by month once every row has month marks, by year before (index format)', async () => {
    const agency = await createTestAgency(database.db);
    const ids = await bulkCreateSearchTestItems(database.db, agency, 300, (i) => ({ title: i % 2 === 0 ? `月份标记事项 ${i}` : `其他记录 ${i}`, bodyHtml: '<p>月份标记事项办理情况。</p>' }));
    const marks = await database.db.execute<{ tsv: string; published: string; format: number }>(sql`SELECT tsv::text AS tsv, published_date::text AS published, index_format AS format FROM item_search WHERE item_id = ${ids[0]}`);
    expect(marks.rows[0]?.tsv).toContain(`'~m:${marks.rows[0]?.published.slice(0, 7)}'`);
    expect(marks.rows[0]?.format).toBe(2);
    await database.db.execute(sql`ANALYZE item_search`);
    const limits = { exactCount: 50, rankAll: 30, sampleTarget: 40, minSample: 10, maxSample: 400, titlePool: 10, recentPool: 15, bitmap: 150, newestWindow: 100, windowSample: 4 };
    const exactPages = await Promise.all(['1', '2', '3'].map(async (page) => (await search.search({ q: '月份标记', sort: 'date', page })).hits.map((h) => h.itemId)));
    const pagesOf = async (service: SearchService) => Promise.all(['1', '2', '3'].map(async (page) => (await service.search({ q: '月份标记', sort: 'date', page })).hits.map((h) => h.itemId)));
    // a row of the old format (as a database upgraded without `gongkai search reindex` has): plans by year
    await database.db.execute(sql`UPDATE item_search SET index_format = 1 WHERE item_id = ${ids[1]}`);
    const byYear = createSearchService({ db: database.db, limits });
    expect(await pagesOf(byYear)).toEqual(exactPages);
    // every row rewritten: plans by month, with the same pages
    await database.db.execute(sql`UPDATE item_search SET index_format = 2 WHERE index_format < 2`);
    const byMonth = createSearchService({ db: database.db, limits });
    expect(await pagesOf(byMonth)).toEqual(exactPages);
    // relevance from the month window's pool: title matches first. Half the items match in the title, so the
    // sample (ids are random) holds ~37 of them, and the window reaches back until it holds titleWindowSample (10)
    // sampled title matches — real rows, so the pool's 10 title matches exist whatever the sample
    const ranked = await createSearchService({ db: database.db, limits: { ...limits, titleWindowSample: 10 } }).search({ q: '月份标记' });
    expect(ranked.totalIsEstimate).toBe(true);
    expect(ranked.hits.slice(0, 10).every((h) => h.title.startsWith('月份标记事项'))).toBe(true);
  });

  it('collects title matches through the title index, filtered by the vector marks, newest first', async () => {
    const agency = await createTestAgency(database.db);
    await bulkCreateSearchTestItems(database.db, agency, 60, (i) => ({ title: i % 4 === 0 ? `标题索引事项 ${i}` : `其他记录 ${i}`, bodyHtml: '<p>标题索引事项的正文。</p>' }));
    const tsquery = parseQuery('标题索引').tsquery;
    const f = { tsquery, textGroups: [], docKey: null, agencyId: agency.id, agencySubtree: true, nodeIds: null, subject: null, genre: null, tag: null, validity: null, dateField: 'published' as const, from: '2024-11-01', to: null };
    const expected = await database.db.execute<{ itemId: string }>(sql`
      SELECT item_id AS "itemId" FROM item_search WHERE agency_id = ${agency.id} AND title_tsv @@ ${tsquery}::tsquery AND published_date >= '2024-11-01'
       ORDER BY published_date DESC, item_id`);
    expect(expected.rows.length).toBeGreaterThan(5);
    expect(await selectNewest(database.db, f, { offset: 0, limit: 5, plan: { kind: 'titles' } })).toEqual(expected.rows.slice(0, 5).map((r) => r.itemId));
    expect(await selectNewest(database.db, f, { offset: 5, limit: 20, plan: { kind: 'titles' } })).toEqual(expected.rows.slice(5).map((r) => r.itemId));
  });
});
