// `npm run bench -- hotline-dashboard [--postgres URL] [--n 1000000] [--rounds 5] [--keep]`
//
// The supervision dashboard (统一监管) over 1 M tickets on PostgreSQL, in a fresh database dropped afterwards: a city
// with three districts and 60 departments, tickets over the last 365 days across every channel, type, category, district
// and state, with clocks, callbacks and late steps, bulk-inserted with generate_series. Times the whole page's work:
// supervision.dashboard (one GROUPING SETS pass over the live window plus the nightly daily rollup for older days, see
// supervision.repository.ts and supervision.rollup.ts), the six ECharts SVGs and the HTML; also the year without rollup.
// Target (issue 7): ≤ 1 s.
import { sql } from 'drizzle-orm';
import { createTempDatabase } from '../e2e/lib/server.ts';
import { createPool, wrapPool } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import type { Actor } from '../src/platform/auth/actor.ts';
import { shanghaiDate, addDays } from '../src/platform/calendar/workdays.ts';
import { renderPage } from '../src/platform/views/render.ts';
import { createAgencyService } from '../src/modules/agencies/index.ts';
import { createTestAgency } from '../src/modules/agencies/agencies.testing.ts';
import { leafCategories } from '../src/modules/hotline/taxonomy.ts';
import { createSupervisionService, type Dashboard } from '../src/modules/hotline/supervision.service.ts';
import { dashboardCharts } from '../src/modules/hotline/supervision.charts.ts';
import { SupervisionPage } from '../src/modules/hotline/supervision.views.tsx';
import type { PageContext } from '../src/platform/views/context.ts';
import { loadConfig } from '../src/config.ts';
import { option } from './lib/options.ts';

const TARGET_MS = 1000;

const CTX: PageContext = {
  site: loadConfig({ NODE_ENV: 'test' }).site,
  baseUrl: 'http://localhost',
  elder: false,
  csrfToken: 'x',
  actor: null,
  path: '/console/hotline/supervision',
  flash: null,
  assetVersion: 'bench',
};

function stats(ms: number[]): { p50: number; max: number } {
  const s = [...ms].sort((a, b) => a - b);
  return { p50: s[Math.floor((s.length - 1) / 2)] ?? 0, max: s[s.length - 1] ?? 0 };
}

export default async function run(args: string[]): Promise<void> {
  const adminUrl = option(args, 'postgres', process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const n = Number(option(args, 'n', '1000000'));
  const rounds = Number(option(args, 'rounds', '5'));
  const keep = args.includes('--keep');
  const temp = await createTempDatabase(adminUrl, 'gk_bench_hotline_dash');
  const pool = createPool(temp.url);
  const db = wrapPool(pool);
  const log = (s: string) => process.stdout.write(`${s}\n`);
  try {
    await migrate(pool);
    const city = await createTestAgency(db, { kind: 'government', name: '基准市人民政府', shortName: '基准市' });
    const districts = ['500103', '500105', '500112'];
    const agencyIds: string[] = [];
    for (const [i, d] of districts.entries()) {
      const gov = await createTestAgency(db, { parentId: city.id, kind: 'government', divisionCode: d, shortName: `基准${i + 1}区政府` });
      agencyIds.push(gov.id);
      for (let k = 0; k < 20; k++) agencyIds.push((await createTestAgency(db, { parentId: gov.id, divisionCode: d })).id);
    }
    const leaves = leafCategories().map((c) => c.code);
    const now = new Date();
    const started = Date.now();
    const arr = (xs: readonly string[]) => sql`ARRAY[${sql.join(xs.map((x) => sql`${x}`), sql`, `)}]::text[]`;
    const ids = sql`ARRAY[${sql.join(agencyIds.map((x) => sql`${x}::uuid`), sql`, `)}]`;
    // states: 60 % visited, then closed, replied, handling, signed, dispatched, accepted, declined, merged, transferred
    await db.execute(sql`
      INSERT INTO tickets (number, query_code_hash, channel, type, urgency, category_code, district_code, content, state, lead_agency_id,
        received_at, dispatch_due_at, accepted_at, dispatched_at, sign_due_at, signed_at, contact_due_at, contacted_at, handle_due_at,
        replied_at, review_due_at, closed_at, callback_due_at, visited_at, satisfaction, resolution, created_at)
      SELECT 'B' || lpad(g::text, 13, '0'), 'x',
        (ARRAY['phone','phone','phone','web','web','mailbox','app','miniprogram','open311'])[1 + g % 9],
        (ARRAY['complaint','complaint','help','help','consultation','suggestion','report','praise'])[1 + g % 8],
        CASE WHEN g % 20 = 0 THEN 'urgent' ELSE 'normal' END,
        (${arr(leaves)})[1 + (g * 7) % ${leaves.length}],
        (${arr(districts)})[1 + g % 3],
        '基准测试工单内容',
        st.state,
        CASE WHEN st.state IN ('accepted', 'declined', 'merged', 'transferred') THEN NULL ELSE (${ids})[1 + (g * 13) % ${agencyIds.length}] END,
        r.at, r.at + interval '24 hours', r.at + interval '5 minutes',
        CASE WHEN st.state NOT IN ('accepted', 'declined', 'merged', 'transferred') THEN r.at + interval '1 hour' END,
        r.at + interval '25 hours',
        CASE WHEN st.state NOT IN ('accepted', 'declined', 'merged', 'transferred', 'dispatched') THEN r.at + (g % 30) * interval '1 hour' END,
        r.at + interval '49 hours',
        CASE WHEN st.state NOT IN ('accepted', 'declined', 'merged', 'transferred', 'dispatched', 'signed') THEN r.at + (g % 60) * interval '1 hour' END,
        r.at + interval '15 days',
        CASE WHEN st.state IN ('replied', 'closed', 'visited') THEN r.at + (g % 20) * interval '1 day' END,
        CASE WHEN st.state IN ('replied', 'closed', 'visited') THEN r.at + (g % 20 + 1) * interval '1 day' END,
        CASE WHEN st.state IN ('closed', 'visited') THEN r.at + (g % 20 + 1) * interval '1 day' END,
        CASE WHEN st.state IN ('closed', 'visited') THEN r.at + (g % 20 + 3) * interval '1 day' END,
        CASE WHEN st.state = 'visited' THEN r.at + (g % 20 + 2) * interval '1 day' END,
        CASE WHEN st.state = 'visited' THEN (ARRAY['satisfied','satisfied','satisfied','basically_satisfied','dissatisfied'])[1 + g % 5] END,
        CASE WHEN st.state = 'visited' THEN (ARRAY['resolved','resolved','resolved','unresolved'])[1 + g % 4] END,
        r.at
      FROM generate_series(1, ${n}) g
      CROSS JOIN LATERAL (SELECT ${now}::timestamptz - (g % 365) * interval '1 day' - (g % 86400) * interval '1 second' AS at) r
      CROSS JOIN LATERAL (SELECT (ARRAY['visited','visited','visited','visited','visited','visited','visited','visited','visited','visited','visited','visited',
        'closed','replied','handling','handling','signed','dispatched','accepted','declined'])[1 + (g * 31) % 20] AS state) st`);
    await db.execute(sql`ANALYZE tickets`);
    const loadMs = Date.now() - started;
    const size = await db.execute<{ s: string }>(sql`SELECT pg_size_pretty(pg_total_relation_size('tickets')) AS s`);

    const supervision = createSupervisionService({ db, agencies: createAgencyService(db), districtNames: async () => new Map(districts.map((d, i) => [d, `基准${i + 1}区`])), now: () => now });
    const office: Actor = { userId: '00000000-0000-0000-0000-000000000000', username: 'bench', name: '基准', grants: [{ role: 'office', agencyId: city.id, includeSubtree: true }] };
    const today = shanghaiDate(now);
    const cases: { name: string; input: Record<string, string> }[] = [
      { name: '全市，本月', input: {} },
      { name: '全市，最近 30 天', input: { from: addDays(today, -29), to: today } },
      { name: '全市，全年（365 天）', input: { from: addDays(today, -364), to: today } },
      { name: '一个单位，全年', input: { from: addDays(today, -364), to: today, agencyId: agencyIds[5] as string } },
    ];
    const rows: string[] = [];
    const measure = async (c: { name: string; input: Record<string, string> }, times: number) => {
      const q: number[] = [];
      const total: number[] = [];
      let d: Dashboard | null = null;
      for (let i = 0; i < times; i++) {
        const t0 = performance.now();
        d = await supervision.dashboard(office, c.input);
        const t1 = performance.now();
        const charts = dashboardCharts(d);
        renderPage(SupervisionPage({ ctx: CTX, d, charts, filters: { from: '', to: '', agencyId: '' }, errors: [], month: today.slice(0, 7) }));
        const t2 = performance.now();
        q.push(t1 - t0);
        total.push(t2 - t0);
      }
      const sq = stats(q);
      const st = stats(total);
      rows.push(`| ${c.name} | ${d?.total ?? 0} | ${sq.p50.toFixed(0)} / ${sq.max.toFixed(0)} | ${st.p50.toFixed(0)} / ${st.max.toFixed(0)} | ${st.max <= TARGET_MS ? '✓' : '✗'} |`);
    };
    // first without the nightly rollup (every ticket counted live), then with it
    await measure({ name: '全市，全年，无每日汇总（全部实时）', input: { from: addDays(today, -364), to: today } }, Math.min(rounds, 2));
    const r0 = performance.now();
    const refreshed = await supervision.refreshRollup();
    const refreshMs = performance.now() - r0;
    for (const c of cases) await measure(c, rounds);
    log(`\n12345 统一监管 dashboard — ${n.toLocaleString('en')} tickets on PostgreSQL (${size.rows[0]?.s}), loaded in ${(loadMs / 1000).toFixed(1)} s, ${rounds} rounds`);
    log(`hotline.rollup (nightly) rebuilt ${refreshed.rows.toLocaleString('en')} rollup rows for days before ${refreshed.until} in ${(refreshMs / 1000).toFixed(1)} s`);
    log('| scope | tickets in period | dashboard query p50 / max (ms) | whole page p50 / max (ms) | ≤ 1 s |');
    log('|---|---:|---:|---:|:-:|');
    for (const r of rows) log(r);
  } finally {
    await pool.end();
    if (!keep) await temp.drop();
    else log(`kept database ${temp.name}`);
  }
}
