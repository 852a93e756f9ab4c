import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config.ts';
import { createDeps, type Deps } from '../../../deps.ts';
import { verifyAuditChain } from '../../../platform/audit/audit.ts';
import type { Database } from '../../../platform/db/database.ts';
import { createTestDatabase } from '../../../platform/db/testing.ts';
import { seedAgencies } from '../../agencies/index.ts';
import { seedStaff } from '../../staff/index.ts';
import { seedCatalogs } from '../catalog.seed.ts';
import { seedDisclosure } from '../disclosure.seed.ts';
import { IMPORT_SECRECY_REASON, importPages, listPageFiles, matchAgencyByIssuer } from './import.service.ts';

const SEED = new URL('./fixtures/2018-chongqing-zhengwu-gongkai-gongzuo-yaodian.txt', import.meta.url).pathname;

let database: Database;
let deps: Deps;
let dir: string;

beforeAll(async () => {
  database = await createTestDatabase();
  dir = mkdtempSync(path.join(tmpdir(), 'gk-import-'));
  deps = createDeps(loadConfig({ NODE_ENV: 'test', DATA_DIR: path.join(dir, 'data') }), database);
  await seedAgencies(deps);
  await seedCatalogs(deps);
});
afterAll(async () => {
  await database?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function counts() {
  const r = await database.db.execute<{ items: number; revisions: number; audit: number; counters: number; search: number }>(sql`
    SELECT (SELECT count(*) FROM items)::int AS items, (SELECT count(*) FROM item_revisions)::int AS revisions,
           (SELECT count(*) FROM audit_log)::int AS audit, (SELECT coalesce(sum(last_seq), 0) FROM index_number_counters)::int AS counters,
           (SELECT count(*) FROM item_search)::int AS search`);
  return r.rows[0];
}

describe('importPages', () => {
  it('imports the seed page as an item already published by 市政府办公厅', async () => {
    const progress: string[] = [];
    const summary = await importPages(deps, { files: [{ path: SEED, label: 'seed.txt' }], subject: 'general_affairs.openness', catalogTemplateKeys: ['regulations'], onProgress: (l) => progress.push(l) });
    expect(summary.failed).toEqual([]);
    expect(summary.imported).toHaveLength(1);
    const entry = summary.imported[0];
    expect(entry).toMatchObject({ documentNumber: '渝府办发〔2018〕76号', agencyCode: 'cq-bgt', publishedDate: '2018-06-13' });
    expect(entry?.indexNumber).toMatch(/^[0-9A-Z]{18}\/2018-00001$/);
    expect(progress).toEqual([`[1/1] seed.txt：已导入，索引号 ${entry?.indexNumber ?? ''}`]);

    const r = await database.db.execute<Record<string, unknown>>(sql`
      SELECT i.status, i.index_number, i.working_days_taken, r.state, r.document_number, r.doc_key, r.written_date::text AS written_date,
             r.published_date::text AS published_date, r.disclosure_mode, r.subject, r.secrecy_checked_at IS NOT NULL AS reviewed,
             (SELECT a.code FROM item_agencies ia JOIN agencies a ON a.id = ia.agency_id WHERE ia.item_id = i.id AND ia.is_lead) AS lead,
             (SELECT n.template_key FROM item_catalog_nodes c JOIN catalog_nodes n ON n.id = c.node_id WHERE c.item_id = i.id) AS node
      FROM items i JOIN item_revisions r ON r.id = i.published_revision_id WHERE i.id = ${entry?.itemId ?? ''}`);
    expect(r.rows[0]).toMatchObject({
      status: 'published',
      state: 'published',
      document_number: '渝府办发〔2018〕76号',
      written_date: '2018-06-06',
      published_date: '2018-06-13',
      disclosure_mode: 'proactive',
      subject: 'general_affairs.openness',
      reviewed: true,
      lead: 'cq-bgt',
      node: 'regulations',
      working_days_taken: 5,
    });
    const audit = await database.db.execute<{ action: string; actor_label: unknown; reason: string | null }>(
      sql`SELECT action, reason FROM audit_log WHERE entity_id = ${entry?.itemId ?? ''} ORDER BY id`,
    );
    expect(audit.rows.map((a) => [a.action, a.reason])).toEqual([
      ['item.import', null],
      ['item.secrecy_review', IMPORT_SECRECY_REASON],
      ['item.publish', IMPORT_SECRECY_REASON],
    ]);
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
    expect((await counts())?.search).toBe(1);
  });

  it('skips the page on a second run and changes nothing', async () => {
    const before = await counts();
    const summary = await importPages(deps, { files: [{ path: SEED, label: 'seed.txt' }] });
    expect(summary.imported).toEqual([]);
    expect(summary.skipped).toEqual([{ file: 'seed.txt', reason: expect.stringContaining('发文字号相同（渝府办发〔2018〕76号）') as unknown }]);
    expect(await counts()).toEqual(before);
  });

  it('walks a directory: one imported, one duplicate of an existing item, one unparseable, one of an unknown issuer', async () => {
    const pages = path.join(dir, 'pages');
    mkdirSync(pages);
    copyFileSync(SEED, path.join(pages, 'a-seed-again.txt'));
    writeFileSync(path.join(pages, 'b-broken.txt'), '这是一段没有标题和日期的文字。');
    writeFileSync(
      path.join(pages, 'c-budget.html'),
      '<html><head><meta name="ArticleTitle" content="重庆市财政局关于公开2019年部门预算的通知"><meta name="PubDate" content="2019-02-20"></head><body><div class="content"><p>各区县财政局：</p><p>现将有关事项通知如下。</p><p>重庆市财政局</p><p>2019年2月15日</p><p>（此件公开发布）</p></div></body></html>',
    );
    writeFileSync(
      path.join(pages, 'd-stranger.html'),
      '<html><head><meta name="ArticleTitle" content="某某县人民政府关于春耕的通知"><meta name="PubDate" content="2019-03-01"></head><body><div class="content"><p>各乡镇：</p><p>做好春耕。</p><p>某某县人民政府</p><p>2019年3月1日</p></div></body></html>',
    );
    const before = await counts();
    const progress: string[] = [];
    const files = (await listPageFiles(pages)).map((p) => ({ path: p, label: path.relative(pages, p) }));
    const summary = await importPages(deps, { files, onProgress: (l) => progress.push(l) });
    expect(summary.imported.map((e) => [e.file, e.agencyCode])).toEqual([['c-budget.html', 'cq-czj']]);
    expect(summary.skipped.map((s) => s.file)).toEqual(['a-seed-again.txt']);
    expect(summary.failed).toEqual([
      { file: 'b-broken.txt', reason: expect.stringContaining('请填写标题') as unknown },
      { file: 'd-stranger.html', reason: expect.stringContaining('无法确定发布机构：发文机关“某某县人民政府”') as unknown },
    ]);
    expect(progress).toHaveLength(4);
    expect(progress[1]).toMatch(/^\[2\/4\] b-broken\.txt：失败（/);
    const after = await counts();
    expect(after?.items).toBe((before?.items ?? 0) + 1);
    expect(after?.audit).toBe((before?.audit ?? 0) + 3);

    // again: everything already present or still failing, nothing written
    const again = await importPages(deps, { files });
    expect(again.imported).toEqual([]);
    expect(again.skipped.map((s) => s.file)).toEqual(['a-seed-again.txt', 'c-budget.html']);
    expect(again.skipped[1]?.reason).toContain('标题和成文日期（2019-02-15）相同');
    expect(await counts()).toEqual(after);
  });

  it('checks without writing on a dry run, and skips a page seen earlier in the same run', async () => {
    const other = path.join(dir, 'other.txt');
    writeFileSync(other, '重庆市发展和改革委员会关于做好2019年春运工作的通知\n各区县发展改革委：\n请做好春运工作。\n重庆市发展和改革委员会\n2019年1月10日\n');
    const before = await counts();
    const summary = await importPages(deps, { files: [{ path: other, label: 'x' }, { path: other, label: 'y' }, { path: SEED, label: 'seed' }], dryRun: true });
    expect(summary).toMatchObject({ dryRun: true, files: 3, failed: [] });
    expect(summary.imported).toEqual([expect.objectContaining({ file: 'x', itemId: null, indexNumber: null, agencyCode: 'cq-fgw' })]);
    expect(summary.skipped.map((s) => s.file)).toEqual(['y', 'seed']);
    expect(await counts()).toEqual(before);
  });

  it('runs the privacy gate: a page with a citizen\'s name and phone is refused unless --deidentify masks them', async () => {
    const page = path.join(dir, 'reply.txt');
    writeFileSync(page, '重庆市发展和改革委员会关于市民来信反映问题的答复\n来信人王建国反映小区停车难，联系电话13812345678。\n经研究，答复如下。\n重庆市发展和改革委员会\n2019年4月10日\n');
    const before = await counts();
    const refused = await importPages(deps, { files: [{ path: page, label: 'reply' }] });
    expect(refused.failed).toEqual([{ file: 'reply', reason: expect.stringMatching(/^正文含有未处理的个人信息：.*姓名 1 处.*未导入：.*--deidentify/) as unknown }]);
    expect(await counts()).toEqual(before);
    const dry = await importPages(deps, { files: [{ path: page, label: 'reply' }], dryRun: true });
    expect(dry.failed.map((f) => f.file)).toEqual(['reply']);

    const masked = await importPages(deps, { files: [{ path: page, label: 'reply' }], deidentify: true });
    expect(masked.failed).toEqual([]);
    const itemId = masked.imported[0]?.itemId ?? '';
    const body = await database.db.execute<{ body: string }>(sql`SELECT r.body_html AS body FROM item_revisions r WHERE r.item_id = ${itemId}::uuid`);
    expect(body.rows[0]?.body).not.toContain('王建国');
    expect(body.rows[0]?.body).not.toContain('13812345678');
    expect(body.rows[0]?.body).toContain('来信人王');
  });

  it('fails every file with a Chinese message for an unknown --agency', async () => {
    const summary = await importPages(deps, { files: [{ path: SEED, label: 'seed' }], agencyCode: 'no-such' });
    expect(summary.failed).toEqual([{ file: 'seed', reason: '找不到代码为“no-such”的机关（或该机关已撤销）' }]);
  });
});

describe('matchAgencyByIssuer', () => {
  it('matches the name, then the short name', async () => {
    const agencies = await deps.agencies.listAgencies();
    expect(matchAgencyByIssuer(agencies, '重庆市人民政府办公厅')?.code).toBe('cq-bgt');
    expect(matchAgencyByIssuer(agencies, '市财政局')?.code).toBe('cq-czj');
    expect(matchAgencyByIssuer(agencies, '不存在的机关')).toBeUndefined();
    expect(matchAgencyByIssuer(agencies, null)).toBeUndefined();
  });
});

describe('seedDisclosure', () => {
  let seeded: Database;
  let seedDeps: Deps;
  beforeAll(async () => {
    seeded = await createTestDatabase();
    seedDeps = createDeps(loadConfig({ NODE_ENV: 'test', DATA_DIR: path.join(dir, 'seed-data') }), seeded);
    await seedAgencies(seedDeps);
    await seedCatalogs(seedDeps);
    await seedStaff(seedDeps);
  });
  afterAll(async () => {
    await seeded?.close();
  });

  const rows = async () =>
    (
      await seeded.db.execute<{ code: string; title: string; genre: string; index_number: string; validity: string; replaced: boolean; nodes: string | null; interprets: number; published_by: string | null }>(sql`
        SELECT a.code, r.title, r.genre, i.index_number, i.validity, i.replaced_by_item_id IS NOT NULL AS replaced,
               (SELECT string_agg(n.template_key, ',') FROM item_catalog_nodes c JOIN catalog_nodes n ON n.id = c.node_id WHERE c.item_id = i.id) AS nodes,
               (SELECT count(*)::int FROM interpretation_links l WHERE l.interpretation_item_id = i.id) AS interprets,
               (SELECT u.username FROM users u WHERE u.id = r.published_by) AS published_by
        FROM items i JOIN agencies a ON a.id = i.agency_id JOIN item_revisions r ON r.id = i.published_revision_id
        WHERE i.status = 'published' ORDER BY r.written_date, r.title`)
    ).rows;

  it('publishes the imported seed document and the demo items, and a second run changes nothing', async () => {
    await seedDisclosure(seedDeps);
    const first = await rows();
    expect(first.map((r) => [r.code, r.genre])).toEqual([
      ['cq-bgt', 'normative'],
      ['cq-bgt', 'other_document'],
      ['cq-czj', 'fiscal'],
      ['cq-fgw', 'plan'],
      ['cq-bgt', 'normative'],
      ['cq-bgt', 'interpretation'],
      ['cq-bgt', 'notice'],
      ['cq-bgt', 'normative'],
    ]);
    const seedDoc = first.find((r) => r.title.includes('2018年重庆市政务公开工作要点'));
    expect(seedDoc).toMatchObject({ code: 'cq-bgt', nodes: 'regulations', published_by: null });
    expect(first.find((r) => r.genre === 'interpretation')).toMatchObject({ interprets: 1, nodes: 'interpretations', published_by: 'bgt-reviewer' });
    expect(first.find((r) => r.title.includes('保密审查办法'))).toMatchObject({ validity: 'expired', replaced: true });
    for (const r of first) expect(r.index_number).toMatch(/^[0-9A-Z]{18}\/\d{4}-\d{5}$/);
    expect((await verifyAuditChain(seeded.db)).ok).toBe(true);

    const audit = async () => (await seeded.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_log`)).rows[0]?.n;
    const before = await audit();
    await seedDisclosure(seedDeps);
    expect(await rows()).toEqual(first);
    expect(await audit()).toBe(before);
  });
});
