// `npm run bench -- report [--postgres URL] [--agencies N] [--items N] [--requests N] [--keep]`
//
// Generates a city on PostgreSQL, in a fresh database dropped afterwards: a 人民政府 and its departments (100
// agencies), 10 k published items each (规章, 行政规范性文件 and ordinary items, 10 % filed under 重点领域 nodes),
// 1 k applications each (every outcome, open ones at the year's ends) and 20 review cases each. Rows are
// bulk-inserted with generate_series. Times the city-wide annual report (computeReport over the subtree, the
// same call the console and `gongkai report annual --subtree` make). Target: ≤ 5 s.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { createTempDatabase } from '../e2e/lib/server.ts';
import { loadConfig } from '../src/config.ts';
import { createDeps } from '../src/deps.ts';
import { createPool, wrapPool, type Database } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { createTestAgency } from '../src/modules/agencies/agencies.testing.ts';
import { option } from './lib/options.ts';

const TARGET_MS = 5000;

export default async function run(args: string[]): Promise<void> {
  const adminUrl = option(args, 'postgres', process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const agencyCount = Number(option(args, 'agencies', '100'));
  const itemsEach = Number(option(args, 'items', '10000'));
  const requestsEach = Number(option(args, 'requests', '1000'));
  const keep = args.includes('--keep');
  const temp = await createTempDatabase(adminUrl, 'gk_bench_report');
  const pool = createPool(temp.url);
  const database: Database = { db: wrapPool(pool), pool, mode: 'postgres', url: temp.url, close: async () => pool.end() };
  const db = database.db;
  const log = (s: string) => process.stdout.write(`${s}\n`);
  try {
    await migrate(pool);
    const deps = createDeps(loadConfig({ NODE_ENV: 'test', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'gk-bench-report-')), DATABASE_URL: temp.url }), database);
    const started = Date.now();
    const city = await createTestAgency(db, { kind: 'government', name: '基准市人民政府', shortName: '基准市' });
    const ids = [city.id];
    for (let i = 1; i < agencyCount; i++) ids.push((await createTestAgency(db, { parentId: city.id })).id);
    for (const id of ids) await deps.catalog.ensureCatalog(id);
    const idList = sql`ARRAY[${sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    )}]`;
    await db.execute(sql`
      INSERT INTO items (id, agency_id, index_number, status, published_revision_id, first_published_at, validity, validity_date, validity_reason)
      SELECT md5(a.id::text || g)::uuid, a.id, a.credit_code || '/2023-' || lpad(g::text, 5, '0'), 'published', NULL,
             timestamptz '2023-01-01 10:00+08' + (g % 730) * interval '1 day',
             CASE WHEN g % 50 = 0 THEN 'repealed' ELSE 'valid' END,
             CASE WHEN g % 50 = 0 THEN date '2024-01-01' + (g % 400) END,
             CASE WHEN g % 50 = 0 THEN '基准测试废止' END
        FROM agencies a, generate_series(1, ${itemsEach}) g WHERE a.id = ANY(${idList})`);
    await db.execute(sql`
      INSERT INTO item_revisions (id, item_id, revision_no, state, title, written_date, published_date, subject, genre, published_at, secrecy_checked_at)
      SELECT md5('r' || a.id::text || g)::uuid, md5(a.id::text || g)::uuid, 1, 'published', '基准测试信息' || g,
             date '2023-01-01' + (g % 730), date '2023-01-01' + (g % 730), 'general_affairs.openness',
             CASE WHEN g % 20 = 0 THEN 'normative' WHEN g % 97 = 0 THEN 'rule' ELSE 'notice' END, now(), now()
        FROM agencies a, generate_series(1, ${itemsEach}) g WHERE a.id = ANY(${idList})`);
    await db.execute(sql`UPDATE items SET published_revision_id = md5('r' || agency_id::text || substr(index_number, 25)::int)::uuid WHERE agency_id = ANY(${idList})`);
    await db.execute(sql`
      WITH nodes AS (SELECT agency_id, array_agg(id ORDER BY sort_order) AS ids FROM catalog_nodes WHERE is_key_area AND template_key <> 'key_areas' GROUP BY agency_id)
      INSERT INTO item_catalog_nodes (item_id, node_id)
      SELECT md5(n.agency_id::text || g)::uuid, n.ids[1 + (g / 10) % cardinality(n.ids)]
        FROM nodes n, generate_series(10, ${itemsEach}, 10) g WHERE n.agency_id = ANY(${idList})`);
    await db.execute(sql`
      INSERT INTO requests (agency_id, number, query_code_hash, applicant_category, channel, state, received_on, description, provision_form, outcome_code, withhold_reasons, concluded_on, fee_collected_yuan)
      SELECT a.id, a.code || '-' || g, repeat('0', 64),
             (ARRAY['natural_person', 'natural_person', 'natural_person', 'commercial', 'research', 'public_interest', 'legal_services', 'other'])[1 + g % 8],
             'online', CASE WHEN g % 10 = 0 THEN 'processing' ELSE 'closed' END,
             date '2023-12-15' + (g % 390), '基准测试申请', 'email',
             CASE WHEN g % 10 = 0 THEN NULL ELSE (ARRAY['R-DISCLOSE', 'R-ALREADY', 'R-PARTIAL', 'R-WITHHOLD', 'R-NOTEXIST', 'R-NOTOURS', 'R-REPEAT', 'R-NOCREATE', 'R-PETITION', 'R-EXCESSIVE', 'R-UNCLEAR', 'R-NOCORRECTION', 'R-FEEUNPAID'])[1 + g % 13] END,
             CASE WHEN g % 10 <> 0 AND g % 13 IN (2, 3) THEN ARRAY['EX16-PROCESS'] ELSE '{}'::text[] END,
             CASE WHEN g % 10 = 0 THEN NULL ELSE date '2023-12-15' + (g % 390) + (g % 20) END,
             CASE WHEN g % 100 = 1 THEN 100 ELSE 0 END
        FROM agencies a, generate_series(1, ${requestsEach}) g WHERE a.id = ANY(${idList})`);
    await db.execute(sql`
      INSERT INTO request_review_cases (agency_id, kind, result, filed_on, concluded_on)
      SELECT a.id, (ARRAY['reconsideration', 'litigation_direct', 'litigation_after_reconsideration'])[1 + g % 3],
             CASE WHEN g % 4 = 0 THEN 'pending' ELSE (ARRAY['upheld', 'corrected', 'other'])[1 + g % 3] END,
             date '2024-01-01' + g * 15, CASE WHEN g % 4 = 0 THEN NULL ELSE date '2024-01-01' + g * 15 + 30 END
        FROM agencies a, generate_series(1, 20) g WHERE a.id = ANY(${idList})`);
    await db.execute(sql`ANALYZE`);
    log(`生成数据：${agencyCount} 个机关，${agencyCount * itemsEach} 条政府信息，${agencyCount * requestsEach} 件申请，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);

    const actor = { system: 'bench' };
    const times: number[] = [];
    let report = await deps.report.computeReport(actor, city, 2024, { subtree: true });
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      report = await deps.report.computeReport(actor, city, 2024, { subtree: true });
      times.push(performance.now() - t0);
    }
    const t1 = performance.now();
    await deps.report.computeReport(actor, city, 2024);
    const single = performance.now() - t1;
    const best = Math.min(...times);
    const worst = Math.max(...times);
    const rssMb = process.resourceUsage().maxRSS / 1024;
    log('');
    log('| 项目 | 数值 |');
    log('|---|---|');
    log(`| 全市年度报告（汇总 ${agencyCount} 个机关）最快 | ${(best / 1000).toFixed(2)} 秒 |`);
    log(`| 全市年度报告 最慢（3 次） | ${(worst / 1000).toFixed(2)} 秒 |`);
    log(`| 单个机关年度报告 | ${(single / 1000).toFixed(2)} 秒 |`);
    log(`| 峰值 RSS（本进程） | ${rssMb.toFixed(0)} MB |`);
    log(`| 三（七）总计 | ${report.tables.requests.rows.r7[6]} 件 |`);
    log(`| 规范性文件 现行有效 | ${report.tables.active.normative.inForce} 件 |`);
    log(`| 校验问题 | ${report.violations.length} 处 |`);
    log('');
    log(worst <= TARGET_MS ? `达标：最慢 ${(worst / 1000).toFixed(2)} 秒 ≤ ${TARGET_MS / 1000} 秒` : `未达标：最慢 ${(worst / 1000).toFixed(2)} 秒 > ${TARGET_MS / 1000} 秒`);
  } finally {
    await pool.end();
    if (!keep) await temp.drop();
    else log(`保留数据库 ${temp.url}`);
  }
}
