// `npm run bench -- search [--pg|--embedded] [--docs N] [--workers W] [--iterations K] [--postgres URL] [--keep] [--reuse DB] [--no-cluster]`
//
// Generates a realistic corpus (src/modules/disclosure/search.corpus.ts): 1 M items on PostgreSQL, 100 k on
// PGlite by default. jieba runs in worker threads; rows are bulk-loaded with multi-row INSERT … SELECT FROM
// unnest() of precomputed tsvector text, into a temporary database dropped afterwards. Reports the indexing
// rate (docs/s including jieba), the index sizes, the incremental reindexItem rate, and p50/p95/p99 of
// end-to-end searches (the service: counts, facets, ranking, snippets) for rare terms, common terms
// (政务 公开, 工作), phrases, filters, 文号 and date-sorted pages. Target: p95 ≤ 50 ms at 1 M on PostgreSQL.
// Design and recorded numbers: docs/adr/0004-search-ranking-for-top-k.md.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import pg from 'pg';

const POSTGRES_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const BATCH = 1000;

// ---------------------------------------------------------------------------------------------------------------
// Worker: generates documents and builds their vectors (the jieba part of indexing).
// ---------------------------------------------------------------------------------------------------------------

interface WorkerDoc {
  n: number;
  itemId: string;
  revisionId: string;
  agencyKey: string;
  coAgencyKey: string | null;
  title: string;
  bodyHtml: string;
  keywords: string[];
  documentNumber: string | null;
  docPrefix: string | null;
  docYear: number | null;
  docSerial: number | null;
  docKey: string | null;
  genre: string;
  subject: string;
  policyTags: string[];
  writtenDate: string;
  publishedDate: string;
  validity: string;
  agencyIds: string[];
  agencyScope: string[];
  titleTsv: string;
  tsv: string;
}

type ToWorker = { type: 'range'; from: number; to: number } | { type: 'stop' };
type FromWorker = { type: 'ready' } | { type: 'docs'; docs: WorkerDoc[]; cpuMs: number };

async function runWorker(): Promise<void> {
  const { Corpus } = await import('../src/modules/disclosure/search.corpus.ts');
  const { buildSearchVectors } = await import('../src/modules/disclosure/search.indexer.ts');
  const { htmlToText } = await import('../src/modules/disclosure/search.snippet.ts');
  const { documentNumberLookupKey } = await import('../src/modules/disclosure/document-number.ts');
  const { filterMarksFor } = await import('../src/modules/disclosure/search.text.ts');
  const corpus = new Corpus();
  const agencyRows = new Map((workerData as { agencies: AgencyRow[] }).agencies.map((a) => [a.key, a]));
  const idOf = (key: string) => agencyRows.get(key)?.id ?? '';
  const port = parentPort;
  if (!port) return;
  port.on('message', (msg: ToWorker) => {
    if (msg.type === 'stop') {
      port.close();
      return;
    }
    const started = performance.now();
    const docs: WorkerDoc[] = [];
    for (let n = msg.from; n < msg.to; n++) {
      const d = corpus.document(n);
      const itemId = randomUUID();
      const agency = corpus.agency(d.agencyKey);
      const co = d.coAgencyKey ? corpus.agency(d.coAgencyKey) : null;
      const agencyIds = [idOf(d.agencyKey), ...(d.coAgencyKey ? [idOf(d.coAgencyKey)] : [])];
      const agencyScope = [...new Set(agencyIds.flatMap((id) => [id, ...([...agencyRows.values()].find((a) => a.id === id)?.ancestors ?? [])]))];
      const marks = filterMarksFor({ validity: d.validity, genre: d.genre, subject: d.subject, policyTags: d.policyTags, publishedDate: d.publishedDate, writtenDate: d.writtenDate, agencyIds, agencyScope, nodeIds: [] });
      const vectors = buildSearchVectors({
        itemId,
        title: d.title,
        bodyText: htmlToText(d.bodyHtml),
        keywords: d.keywords,
        documentNumber: d.documentNumber,
        agencyNames: [agency.name, agency.shortName, ...(co ? [co.name, co.shortName] : [])],
        marks,
      });
      docs.push({
        n,
        itemId,
        revisionId: randomUUID(),
        agencyKey: d.agencyKey,
        coAgencyKey: d.coAgencyKey,
        title: d.title,
        bodyHtml: d.bodyHtml,
        keywords: d.keywords,
        documentNumber: d.documentNumber,
        docPrefix: d.docPrefix,
        docYear: d.docYear,
        docSerial: d.docSerial,
        docKey: d.documentNumber ? documentNumberLookupKey(d.documentNumber) : null,
        genre: d.genre,
        subject: d.subject,
        policyTags: d.policyTags,
        writtenDate: d.writtenDate,
        publishedDate: d.publishedDate,
        validity: d.validity,
        agencyIds,
        agencyScope,
        titleTsv: vectors.titleTsv,
        tsv: vectors.tsv,
      });
    }
    port.postMessage({ type: 'docs', docs, cpuMs: performance.now() - started } satisfies FromWorker);
  });
  port.postMessage({ type: 'ready' } satisfies FromWorker);
}

if (!isMainThread && (workerData as { kind?: string } | null)?.kind === 'search-corpus') await runWorker();

// ---------------------------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------------------------

type Mode = 'postgres' | 'embedded';

interface Options {
  mode: Mode;
  docs: number;
  workers: number;
  iterations: number;
  postgresUrl: string;
  keep: boolean;
  reuse: string | null;
  cluster: boolean;
}

function parseOptions(args: string[]): Options {
  let mode: Mode = 'postgres';
  let docs: number | null = null;
  const opts = { workers: Math.max(1, cpus().length), iterations: 15, postgresUrl: POSTGRES_ADMIN_URL, keep: false, reuse: null as string | null, cluster: true };
  for (let i = 0; i < args.length; i++) {
    const key = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new Error(`参数 ${key} 缺少取值`);
      return v;
    };
    switch (key) {
      case '--pg':
      case '--postgres-mode':
        mode = 'postgres';
        break;
      case '--embedded':
        mode = 'embedded';
        break;
      case '--docs':
        docs = Number(value().replace(/k$/i, '000').replace(/m$/i, '000000'));
        break;
      case '--workers':
        opts.workers = Number(value());
        break;
      case '--iterations':
        opts.iterations = Number(value());
        break;
      case '--postgres':
        opts.postgresUrl = value();
        break;
      case '--keep':
        opts.keep = true;
        break;
      case '--no-cluster':
        opts.cluster = false;
        break;
      case '--reuse':
        opts.reuse = value();
        break;
      default:
        throw new Error(`未知参数 ${key}`);
    }
  }
  const n = docs ?? (mode === 'postgres' ? 1_000_000 : 100_000);
  if (!Number.isInteger(n) || n < 1000) throw new Error('--docs 至少 1000');
  return { mode, docs: n, ...opts };
}

const out = (line = '') => process.stdout.write(`${line}\n`);
const fmt = (n: number, digits = 1) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const mb = (bytes: number) => `${fmt(bytes / 1024 / 1024, 0)} MB`;

interface BenchDb {
  pool: pg.Pool;
  url: string;
  close(): Promise<void>;
}

async function openDb(opts: Options): Promise<BenchDb> {
  const { createPool } = await import('../src/platform/db/database.ts');
  if (opts.mode === 'embedded') {
    const { startEmbeddedDatabase } = await import('../src/platform/db/embedded.ts');
    const dir = mkdtempSync(path.join(tmpdir(), 'gk-search-bench-'));
    const embedded = await startEmbeddedDatabase({ dataDir: path.join(dir, 'pgdata') });
    const pool = createPool(embedded.url, 4, true);
    return {
      pool,
      url: embedded.url,
      async close() {
        await pool.end();
        await embedded.stop();
        if (!opts.keep) rmSync(dir, { recursive: true, force: true });
        else out(`保留嵌入式数据目录 ${dir}`);
      },
    };
  }
  // the database --reuse names, or a fresh one (dropped on close unless --keep)
  let name: string;
  let url: string;
  let drop: (() => Promise<void>) | null = null;
  if (opts.reuse) {
    const reused = new URL(opts.postgresUrl);
    reused.pathname = `/${opts.reuse}`;
    [name, url] = [opts.reuse, reused.toString()];
  } else {
    const { createTempDatabase } = await import('../e2e/lib/server.ts');
    const temp = await createTempDatabase(opts.postgresUrl, 'gk_bench_search');
    [name, url, drop] = [temp.name, temp.url, temp.drop];
  }
  const pool = createPool(url, 4);
  return {
    pool,
    url,
    async close() {
      await pool.end();
      if (opts.keep || !drop) {
        out(`保留数据库 ${name}（--reuse ${name} 可跳过装载）`);
        return;
      }
      await drop();
    },
  };
}

// item_search's indexes (as migrations 0010 and 0012 leave them), dropped for the bulk load and built afterwards (as pg_restore does)
const SEARCH_INDEXES: readonly [string, string][] = [
  ['item_search_tsv_idx', 'CREATE INDEX item_search_tsv_idx ON item_search USING gin (tsv) WITH (gin_pending_list_limit = 256)'],
  ['item_search_title_tsv_idx', 'CREATE INDEX item_search_title_tsv_idx ON item_search USING gin (title_tsv) WITH (gin_pending_list_limit = 256)'],
  ['item_search_published_idx', 'CREATE INDEX item_search_published_idx ON item_search (published_date DESC, item_id)'],
  ['item_search_scope_idx', 'CREATE INDEX item_search_scope_idx ON item_search USING gin (agency_scope)'],
  ['item_search_nodes_idx', 'CREATE INDEX item_search_nodes_idx ON item_search USING gin (node_ids)'],
  ['item_search_doc_key_idx', 'CREATE INDEX item_search_doc_key_idx ON item_search (doc_key) WHERE doc_key IS NOT NULL'],
];

interface AgencyRow {
  key: string;
  id: string;
  creditCode: string;
  ancestors: string[];
}

async function insertAgencies(pool: pg.Pool): Promise<Map<string, AgencyRow>> {
  const { Corpus } = await import('../src/modules/disclosure/search.corpus.ts');
  const { completeCreditCode, USCC_ALPHABET } = await import('../src/platform/text/identifiers.ts');
  const rows = new Map<string, AgencyRow>();
  let i = 0;
  for (const a of new Corpus().agencies) {
    i++;
    // the agency's number in base 31, after a fixed 'B' so no demo or test code can collide
    let body = '';
    for (let x = i, k = 0; k < 8; k++, x = Math.floor(x / USCC_ALPHABET.length)) body = (USCC_ALPHABET[x % USCC_ALPHABET.length] ?? '0') + body;
    body = `B${body}`;
    const creditCode = completeCreditCode(`11500000${body}`);
    const parent = a.parentKey ? rows.get(a.parentKey) : undefined;
    const ancestors = parent ? [...parent.ancestors, parent.id] : [];
    const r = await pool.query<{ id: string }>(
      `INSERT INTO agencies (code, parent_id, ancestors, name, short_name, kind, division_code, credit_code, is_demo, doc_prefix, office_name, office_address, office_phone, office_hours, sort_order)
       VALUES ($1, $2, $3::uuid[], $4, $5, $6, '500000', $7, true, $8, $9, '重庆市渝中区人民路232号', '023-63899114', '工作日 9:00—17:00', $10) RETURNING id`,
      [a.key, parent?.id ?? null, ancestors, a.name, a.shortName, a.isGovernment ? 'government' : 'department', creditCode, a.prefix, `${a.name}办公室`, i],
    );
    rows.set(a.key, { key: a.key, id: r.rows[0]?.id ?? '', creditCode, ancestors });
  }
  return rows;
}

const pgArray = (values: readonly string[]) => `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;

async function insertBatch(client: pg.PoolClient, docs: readonly WorkerDoc[], agencies: Map<string, AgencyRow>, seq: Map<string, number>): Promise<void> {
  const { SEARCH_INDEX_FORMAT } = await import('../src/modules/disclosure/search.text.ts');
  const col = <T>(f: (d: WorkerDoc) => T) => docs.map(f);
  const indexNumbers = docs.map((d) => {
    const a = agencies.get(d.agencyKey);
    const year = d.publishedDate.slice(0, 4);
    const key = `${d.agencyKey}/${year}`;
    const next = (seq.get(key) ?? 0) + 1;
    seq.set(key, next);
    return `${a?.creditCode}/${year}-${String(next).padStart(5, '0')}`;
  });
  const agencyId = (key: string) => agencies.get(key)?.id ?? '';
  const publishedAt = col((d) => `${d.publishedDate}T09:00:00+08:00`);
  await client.query('BEGIN');
  await client.query(
    `INSERT INTO items (id, agency_id, index_number, status, published_revision_id, first_published_at, validity, validity_date, validity_reason)
     SELECT id, agency_id, index_number, 'published', rev, at, validity, CASE WHEN validity = 'valid' THEN NULL ELSE at::date END, CASE WHEN validity = 'valid' THEN NULL ELSE '已被新文件替代' END
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::timestamptz[], $6::text[]) AS u(id, agency_id, index_number, rev, at, validity)`,
    [col((d) => d.itemId), col((d) => agencyId(d.agencyKey)), indexNumbers, col((d) => d.revisionId), publishedAt, col((d) => d.validity)],
  );
  await client.query(
    `INSERT INTO item_revisions (id, item_id, revision_no, state, title, document_number, doc_prefix, doc_year, doc_serial, doc_key, written_date, published_date,
                                 subject, genre, policy_tags, keywords, body_html, disclosure_mode, secrecy_checked_at, published_at)
     SELECT id, item_id, 1, 'published', title, dn, dp, dy, ds, dk, wd, pd, subject, genre, tags::text[], kw::text[], body, 'proactive', at, at
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::int[], $7::int[], $8::text[], $9::date[], $10::date[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::timestamptz[])
         AS u(id, item_id, title, dn, dp, dy, ds, dk, wd, pd, subject, genre, tags, kw, body, at)`,
    [
      col((d) => d.revisionId),
      col((d) => d.itemId),
      col((d) => d.title),
      col((d) => d.documentNumber),
      col((d) => d.docPrefix),
      col((d) => d.docYear),
      col((d) => d.docSerial),
      col((d) => d.docKey),
      col((d) => d.writtenDate),
      col((d) => d.publishedDate),
      col((d) => d.subject),
      col((d) => d.genre),
      col((d) => pgArray(d.policyTags)),
      col((d) => pgArray(d.keywords)),
      col((d) => d.bodyHtml),
      publishedAt,
    ],
  );
  const ia = docs.flatMap((d) => [
    [d.itemId, agencyId(d.agencyKey), 'true'],
    ...(d.coAgencyKey ? [[d.itemId, agencyId(d.coAgencyKey), 'false']] : []),
  ]);
  await client.query(`INSERT INTO item_agencies (item_id, agency_id, is_lead) SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::boolean[])`, [ia.map((r) => r[0]), ia.map((r) => r[1]), ia.map((r) => r[2])]);
  await client.query(
    `INSERT INTO item_search (item_id, agency_id, agency_ids, agency_scope, subject, genre, policy_tags, validity, written_date, published_date, doc_key, title, title_tsv, tsv, index_format)
     SELECT item_id, agency_id, ids::uuid[], scope::uuid[], subject, genre, tags::text[], validity, wd, pd, dk, title, tt::tsvector, tv::tsvector, ${SEARCH_INDEX_FORMAT}
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::date[], $10::date[], $11::text[], $12::text[], $13::text[], $14::text[])
         AS u(item_id, agency_id, ids, scope, subject, genre, tags, validity, wd, pd, dk, title, tt, tv)`,
    [
      col((d) => d.itemId),
      col((d) => agencyId(d.agencyKey)),
      col((d) => pgArray(d.agencyIds)),
      col((d) => pgArray(d.agencyScope)),
      col((d) => d.subject),
      col((d) => d.genre),
      col((d) => pgArray(d.policyTags)),
      col((d) => d.validity),
      col((d) => d.writtenDate),
      col((d) => d.publishedDate),
      col((d) => d.docKey),
      col((d) => d.title),
      col((d) => d.titleTsv),
      col((d) => d.tsv),
    ],
  );
  await client.query('COMMIT');
}

interface LoadStats {
  seconds: number;
  workerCpuSeconds: number;
  sampleDocNumbers: { documentNumber: string; n: number }[];
}

async function load(db: BenchDb, opts: Options): Promise<LoadStats> {
  const agencies = await insertAgencies(db.pool);
  for (const [name] of SEARCH_INDEXES) await db.pool.query(`DROP INDEX IF EXISTS ${name}`);
  const seq = new Map<string, number>();
  const sampleDocNumbers: { documentNumber: string; n: number }[] = [];
  const started = performance.now();
  let workerCpuMs = 0;
  let next = 0;
  let done = 0;
  let lastReport = started;
  // one loading connection: bulk inserts serialise on it while the workers cut the next batches
  const client = await db.pool.connect();
  // foreign keys are checked by the generator's construction; skip their triggers as pg_restore does
  await client.query('SET session_replication_role = replica');
  let insertChain = Promise.resolve();
  await new Promise<void>((resolve, reject) => {
    let live = opts.workers;
    for (let w = 0; w < opts.workers; w++) {
      const worker = new Worker(new URL(import.meta.url), { workerData: { kind: 'search-corpus', agencies: [...agencies.values()] } });
      let inFlight = 0;
      const feed = () => {
        while (inFlight < 2 && next < opts.docs) {
          const from = next;
          next = Math.min(opts.docs, next + BATCH);
          inFlight++;
          worker.postMessage({ type: 'range', from, to: next } satisfies ToWorker);
        }
        if (inFlight === 0 && next >= opts.docs) {
          worker.postMessage({ type: 'stop' } satisfies ToWorker);
          void worker.terminate();
          if (--live === 0) insertChain.then(resolve, reject);
        }
      };
      worker.on('error', reject);
      worker.on('message', (msg: FromWorker) => {
        if (msg.type === 'ready') return feed();
        workerCpuMs += msg.cpuMs;
        for (const d of msg.docs) if (d.documentNumber && sampleDocNumbers.length < 50 && d.n % 997 === 0) sampleDocNumbers.push({ documentNumber: d.documentNumber, n: d.n });
        insertChain = insertChain.then(async () => {
          await insertBatch(client, msg.docs, agencies, seq);
          done += msg.docs.length;
          const now = performance.now();
          if (now - lastReport > 15_000) {
            lastReport = now;
            out(`  已装载 ${done.toLocaleString('en-US')} / ${opts.docs.toLocaleString('en-US')}（${fmt(done / ((now - started) / 1000), 0)} 篇/秒，负载 ${loadavg()[0]?.toFixed(1)}）`);
          }
        });
        insertChain.catch(reject);
        inFlight--;
        feed();
      });
    }
  });
  await client.query('SET session_replication_role = DEFAULT');
  client.release();
  return { seconds: (performance.now() - started) / 1000, workerCpuSeconds: workerCpuMs / 1000, sampleDocNumbers };
}

async function buildIndexes(pool: pg.Pool, mode: Mode, cluster: boolean): Promise<{ name: string; seconds: number }[]> {
  const client = await pool.connect();
  const times: { name: string; seconds: number }[] = [];
  try {
    await client.query(`SET maintenance_work_mem = '${mode === 'postgres' ? '1GB' : '256MB'}'`);
    for (const [name, ddl] of SEARCH_INDEXES) {
      const t = performance.now();
      await client.query(ddl);
      times.push({ name, seconds: (performance.now() - t) / 1000 });
    }
    if (cluster) {
      // the corpus is generated in random date order; a live table grows in publication order, so lay the
      // rows out that way (rows stay in random order with --no-cluster: the worst case for newest-first walks)
      const c = performance.now();
      await client.query('CLUSTER item_search USING item_search_published_idx');
      times.push({ name: 'CLUSTER（按发布日期排列）', seconds: (performance.now() - c) / 1000 });
    }
    const t = performance.now();
    await client.query('VACUUM ANALYZE item_search');
    await client.query('VACUUM ANALYZE items');
    await client.query('VACUUM ANALYZE item_revisions');
    await client.query('VACUUM ANALYZE item_agencies');
    times.push({ name: 'VACUUM ANALYZE', seconds: (performance.now() - t) / 1000 });
  } finally {
    client.release();
  }
  return times;
}

async function sizes(pool: pg.Pool): Promise<{ name: string; bytes: number }[]> {
  const r = await pool.query<{ name: string; bytes: number }>(`
    SELECT c.relname AS name, pg_relation_size(c.oid) AS bytes FROM pg_class c
     WHERE c.relname IN ('item_search', 'item_search_tsv_idx', 'item_search_title_tsv_idx', 'item_search_published_idx', 'item_search_scope_idx', 'item_search_nodes_idx', 'item_search_doc_key_idx', 'items', 'item_revisions')
    UNION ALL SELECT 'item_search (含 TOAST)', pg_table_size('item_search')
    UNION ALL SELECT 'item_revisions (含 TOAST)', pg_table_size('item_revisions')
    ORDER BY 1`);
  return r.rows.map((x) => ({ name: x.name, bytes: Number(x.bytes) }));
}

function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
}

interface QueryCase {
  category: string;
  label: string;
  params: Record<string, string>;
}

function queryCases(sampleDocNumber: string | null): QueryCase[] {
  const rare = ['磁悬浮', '古树名木', '大熊猫', '长江索道', '钓鱼城', '白鹤梁', '中华鲟', '猕猴桃', '氢能源', '碳普惠'];
  const cases: QueryCase[] = [
    ...rare.map((q) => ({ category: '罕见词（相关度）', label: q, params: { q } })),
    { category: '常见词（相关度）', label: '政务 公开', params: { q: '政务 公开' } },
    { category: '常见词（相关度）', label: '工作', params: { q: '工作' } },
    { category: '中频词（相关度）', label: '乡村振兴', params: { q: '乡村振兴' } },
    { category: '中频词（相关度）', label: '垃圾分类', params: { q: '垃圾分类' } },
    { category: '中频词（相关度）', label: '大熊猫 保护', params: { q: '大熊猫 保护' } },
    { category: '词组', label: '"人民政府办公厅"', params: { q: '"人民政府办公厅"' } },
    { category: '词组', label: '"政务公开工作"', params: { q: '"政务公开工作"' } },
    { category: '常见词 + 筛选', label: '工作 + 机关(含下级)', params: { q: '工作', agency: 'd-yb' } },
    { category: '常见词 + 筛选', label: '政务 公开 + 通知公告 + 2020—2022', params: { q: '政务 公开', type: 'notice', from: '2020', to: '2022' } },
    { category: '常见词 + 筛选', label: '工作 + 失效', params: { q: '工作', validity: 'expired' } },
    { category: '按日期排序', label: '工作（按日期）', params: { q: '工作', sort: 'date' } },
    { category: '按日期排序', label: '政务 公开（按日期）', params: { q: '政务 公开', sort: 'date' } },
    { category: '按日期排序', label: '乡村振兴（按日期）', params: { q: '乡村振兴', sort: 'date' } },
    { category: '按日期排序', label: '无关键词（浏览）', params: {} },
    { category: '翻页', label: '工作 第 5 页', params: { q: '工作', page: '5' } },
    { category: '翻页', label: '工作 第 30 页（池外）', params: { q: '工作', page: '30' } },
  ];
  if (sampleDocNumber) {
    const m = /^(.+)〔(\d{4})〕(\d+)号$/.exec(sampleDocNumber);
    cases.push({ category: '文号', label: sampleDocNumber, params: { q: sampleDocNumber } });
    if (m) {
      cases.push({ category: '文号', label: `${m[1]}[${m[2]}]${m[3]}号`, params: { q: `${m[1]}[${m[2]}]${m[3]}号` } });
      cases.push({ category: '文号', label: `${m[1]}${m[2]} ${m[3]}`, params: { q: `${m[1]}${m[2]} ${m[3]}` } });
    }
  }
  return cases;
}

async function runQueries(pool: pg.Pool, opts: Options, sampleDocNumber: string | null): Promise<void> {
  const { wrapPool } = await import('../src/platform/db/database.ts');
  const { createSearchService } = await import('../src/modules/disclosure/search.service.ts');
  const service = createSearchService({ db: wrapPool(pool) });
  const cases = queryCases(sampleDocNumber);
  // warm up: every case once (cache, plans), and report what it returns
  out('\n## 查询结果（预热一次）');
  out('| 查询 | 结果数 | 方式 | 首条 |');
  out('|---|---:|---|---|');
  for (const c of cases) {
    const t = performance.now();
    const r = await service.search(c.params);
    const ms = performance.now() - t;
    out(`| ${c.label} | ${r.totalIsEstimate ? '约 ' : ''}${r.total.toLocaleString('en-US')} | ${r.mode} | ${(r.hits[0]?.title ?? '—').slice(0, 40)}（${fmt(ms)} ms） |`);
  }
  const byCategory = new Map<string, number[]>();
  const byCase = new Map<string, number[]>();
  for (let i = 0; i < opts.iterations; i++) {
    for (const c of cases) {
      const t = performance.now();
      await service.search(c.params);
      const ms = performance.now() - t;
      (byCategory.get(c.category) ?? byCategory.set(c.category, []).get(c.category))?.push(ms);
      (byCase.get(c.label) ?? byCase.set(c.label, []).get(c.label))?.push(ms);
    }
  }
  out(`\n## 端到端检索延迟（${opts.iterations} 轮，每轮每个查询一次；含计数、分面、排序、摘要）`);
  out('| 类别 | 次数 | p50 ms | p95 ms | p99 ms | 最大 ms |');
  out('|---|---:|---:|---:|---:|---:|');
  for (const [category, list] of byCategory) {
    const s = [...list].sort((a, b) => a - b);
    out(`| ${category} | ${s.length} | ${fmt(percentile(s, 0.5))} | ${fmt(percentile(s, 0.95))} | ${fmt(percentile(s, 0.99))} | ${fmt(s[s.length - 1] ?? NaN)} |`);
  }
  out('\n| 查询 | p50 ms | p95 ms |');
  out('|---|---:|---:|');
  for (const [label, list] of byCase) {
    const s = [...list].sort((a, b) => a - b);
    out(`| ${label} | ${fmt(percentile(s, 0.5))} | ${fmt(percentile(s, 0.95))} |`);
  }
}

/** The parts of a relevance search, timed alone, and the naive plans they replace. */
async function runComponents(pool: pg.Pool): Promise<void> {
  const { wrapPool } = await import('../src/platform/db/database.ts');
  const { parseQuery, textGroupsOf } = await import('../src/modules/disclosure/search.query.ts');
  const repo = await import('../src/modules/disclosure/search.repository.ts');
  const { countMatches, estimateFromStats, estimateTitleMatches, rankedPool, newestPlan, DEFAULT_LIMITS } = await import('../src/modules/disclosure/search.ranking.ts');
  const db = wrapPool(pool);
  out('\n## 组成部分（单独计时，5 次的中位数，ms）');
  out('| 查询（统计估计 → 计数，最新候选的方式） | 读统计 | 计数+分面 | 候选池（两路候选 + 排序） | 全量 ts_rank 前 20（对照） | 全量精确计数（对照） |');
  out('|---|---:|---:|---:|---:|---:|');
  const median = async (fn: () => Promise<unknown>, runs = 5) => {
    const list: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await fn();
      list.push(performance.now() - t);
    }
    return list.sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? NaN;
  };
  for (const [text, validity] of [['政务 公开', null], ['工作', null], ['乡村振兴', null], ['大熊猫', null], ['工作', 'expired']] as const) {
    const parsed = parseQuery(text);
    const q = parsed.tsquery ?? '';
    const f = { tsquery: q, textGroups: textGroupsOf(parsed), docKey: null, agencyId: null, agencySubtree: true, nodeIds: null, subject: null, genre: null, tag: null, validity, dateField: 'published' as const, from: null, to: null };
    const stats = await repo.selectTermStats(db);
    const estimate = estimateFromStats(stats, f) ?? DEFAULT_LIMITS.exactCount;
    const counted = await countMatches(db, f, estimate);
    const ctx = { counted, tableRows: stats.rows, titleMatches: estimateTitleMatches(stats, f), toYear: new Date().getFullYear() + 1, latestYear: new Date().getFullYear(), monthMarks: stats.monthMarks, limits: DEFAULT_LIMITS };
    const plan = newestPlan(ctx, DEFAULT_LIMITS.recentPool);
    const times = [await median(() => repo.selectTermStats(db)), await median(() => countMatches(db, f, estimate)), await median(() => rankedPool(db, f, ctx))];
    const where = `s.tsv @@ $1::tsquery${validity ? ` AND s.validity = '${validity}'` : ''}`;
    const client = await pool.connect();
    let naive = NaN;
    let exactCount = NaN;
    try {
      await client.query(`SET statement_timeout = '120s'`);
      let t = performance.now();
      await client.query(`SELECT item_id FROM item_search s WHERE ${where} ORDER BY ts_rank('{0.1,0.2,0.4,1.0}', s.tsv, $1::tsquery, 1) DESC LIMIT 20`, [q]);
      naive = performance.now() - t;
      t = performance.now();
      await client.query(`SELECT count(*) FROM item_search s WHERE ${where}`, [q]);
      exactCount = performance.now() - t;
    } catch (err) {
      out(`（对照查询失败：${err instanceof Error ? err.message : String(err)}）`);
    } finally {
      await client.query(`RESET statement_timeout`).catch(() => undefined);
      client.release();
    }
    const label = `${text}${validity ? ' + 失效' : ''}（${estimate} → ${counted.isEstimate ? '约 ' : ''}${counted.total}，${plan.kind === 'walk' ? `walk ≤${plan.cap ?? '∞'}` : plan.kind === 'titles' ? 'titles' : `bitmap${plan.fromMonth ? ` ≥${plan.fromMonth}` : ''}`}）`;
    out(`| ${label} | ${times.map((x) => fmt(x)).join(' | ')} | ${fmt(naive, 0)} | ${fmt(exactCount, 0)} |`);
  }
}

async function incrementalRate(pool: pg.Pool, count: number): Promise<number> {
  const { wrapPool } = await import('../src/platform/db/database.ts');
  const { reindexItem } = await import('../src/modules/disclosure/search.indexer.ts');
  const db = wrapPool(pool);
  const ids = (await pool.query<{ item_id: string }>(`SELECT item_id FROM item_search TABLESAMPLE SYSTEM (1) LIMIT $1`, [count])).rows.map((r) => r.item_id);
  const t = performance.now();
  for (const id of ids) await db.transaction((tx) => reindexItem(tx, id));
  return ids.length / ((performance.now() - t) / 1000);
}

export default async function searchBench(args: string[]): Promise<void> {
  const opts = parseOptions(args);
  out(`# 检索基准：${opts.mode === 'postgres' ? 'PostgreSQL' : 'PGlite（嵌入式）'}，${opts.docs.toLocaleString('en-US')} 篇，${opts.workers} 个分词线程，${cpus().length} 核，开始时负载 ${loadavg()[0]?.toFixed(1)}`);
  const { migrate } = await import('../src/platform/db/migrate.ts');
  const db = await openDb(opts);
  try {
    let sampleDocNumber: string | null = null;
    if (!opts.reuse) {
      await migrate(db.pool);
      out('\n## 装载');
      const stats = await load(db, opts);
      out(`装载 ${opts.docs.toLocaleString('en-US')} 篇：${fmt(stats.seconds)} s，${fmt(opts.docs / stats.seconds, 0)} 篇/秒（含 jieba 分词、生成 tsvector、写入四张表）`);
      out(`分词与向量构建（工作线程 CPU 时间）：${fmt(stats.workerCpuSeconds)} s，每核 ${fmt(opts.docs / stats.workerCpuSeconds, 0)} 篇/秒`);
      const idx = await buildIndexes(db.pool, opts.mode, opts.cluster);
      out('\n| 建索引 | 秒 |');
      out('|---|---:|');
      for (const t of idx) out(`| ${t.name} | ${fmt(t.seconds)} |`);
      sampleDocNumber = stats.sampleDocNumbers[0]?.documentNumber ?? null;
    } else {
      sampleDocNumber = (await db.pool.query<{ document_number: string }>(`SELECT document_number FROM item_revisions WHERE document_number IS NOT NULL LIMIT 1`)).rows[0]?.document_number ?? null;
    }
    out('\n## 大小');
    out('| 关系 | 大小 |');
    out('|---|---:|');
    for (const s of await sizes(db.pool)) out(`| ${s.name} | ${mb(s.bytes)} |`);
    const rate = await incrementalRate(db.pool, 300);
    out(`\n增量索引 reindexItem（逐条事务，索引已建）：${fmt(rate, 0)} 篇/秒`);
    await runQueries(db.pool, opts, sampleDocNumber);
    await runComponents(db.pool);
    out(`\n结束时负载 ${loadavg()[0]?.toFixed(1)}`);
  } finally {
    await db.close();
  }
}
