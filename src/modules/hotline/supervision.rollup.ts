// The daily rollup of city-wide supervision figures (migrations/0038__hotline__figure_rollup.sql). Days before
// `until` (today − liveDays) are counted once by the hotline.rollup job; the dashboard adds the live window from the
// tickets. Figures of rolled-up days are as of the last refresh (a late 回访 shows after the next night) — the page says so.
import { sql } from 'drizzle-orm';
import { addDays, shanghaiDate, type IsoDate } from '../../platform/calendar/workdays.ts';
import type { Db, Executor } from '../../platform/db/database.ts';
import { COUNTERS, flagsSql, measuresOf, type FigureRow } from './supervision.repository.ts';
import type { Satisfaction } from './taxonomy.ts';

/** Days counted live from the tickets; older ones come from the rollup. Long enough for every clock to have run out [U]. */
export const ROLLUP_LIVE_DAYS = 45;


export async function rollupState(ex: Executor): Promise<{ until: IsoDate; refreshedAt: Date } | null> {
  const r = await ex.execute<{ until: string; refreshed_at: Date | string }>(sql`SELECT until::text AS until, refreshed_at FROM hotline_figure_rollup WHERE id = 1`);
  const row = r.rows[0];
  return row ? { until: row.until, refreshedAt: new Date(row.refreshed_at instanceof Date ? row.refreshed_at.getTime() : String(row.refreshed_at)) } : null;
}

/** Rebuilds the rollup for every received day before today − liveDays, in one transaction. Returns the rows written. */
export async function refreshRollup(db: Db, opts: { now: Date; liveDays?: number; satisfactionWeights: Record<Satisfaction, number> }): Promise<{ until: IsoDate; rows: number }> {
  const until = addDays(shanghaiDate(opts.now), -(opts.liveDays ?? ROLLUP_LIVE_DAYS));
  const untilInstant = new Date(`${until}T00:00:00+08:00`);
  return db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL work_mem = '64MB'`);
    await tx.execute(sql`SET LOCAL jit = off`);
    await tx.execute(sql`DELETE FROM hotline_figure_days`);
    const r = await tx.execute(sql`
      INSERT INTO hotline_figure_days (day, dim, key1, key2, n, overdue, resp_num, resp_den, res_num, res_den, sat_num, sat_den, clo_num, clo_den)
      SELECT day,
        -- GROUPING(type, channel, district_code, category_code, lead_agency_id): 15 (day, type), 23 (day, channel), 25 hotspot
        CASE GROUPING(type, channel, district_code, category_code, lead_agency_id) WHEN 15 THEN 'type' WHEN 23 THEN 'channel' WHEN 25 THEN 'hotspot' ELSE 'agency' END,
        coalesce(type, channel, district_code, lead_agency_id::text, ''), coalesce(category_code, ''),
        ${aggregates()}
      FROM (${flagsSql({ now: opts.now, from: new Date(0), to: untilInstant, agencyIds: null })}) t
      GROUP BY GROUPING SETS ((day, type), (day, channel), (day, district_code, category_code), (day, lead_agency_id))`);
    await tx.execute(sql`INSERT INTO hotline_figure_rollup (id, until, refreshed_at) VALUES (1, ${until}, ${opts.now})
      ON CONFLICT (id) DO UPDATE SET until = EXCLUDED.until, refreshed_at = EXCLUDED.refreshed_at`);
    return { until, rows: r.rowCount ?? 0 };
  });

  function aggregates() {
    const w = opts.satisfactionWeights;
    return sql`count(*)::int, count(*) FILTER (WHERE overdue)::int,
      count(*) FILTER (WHERE dispatched AND signed_ok AND contacted_ok)::int,
      count(*) FILTER (WHERE dispatched AND ((signed_ok AND contacted_ok) OR (sign_decided AND NOT signed_ok) OR (contact_decided AND NOT contacted_ok)))::int,
      count(*) FILTER (WHERE resolution = 'resolved')::int, count(*) FILTER (WHERE resolution IS NOT NULL)::int,
      coalesce(sum(CASE satisfaction WHEN 'satisfied' THEN ${w.satisfied}::float8 WHEN 'basically_satisfied' THEN ${w.basically_satisfied}::float8
        WHEN 'dissatisfied' THEN ${w.dissatisfied}::float8 END), 0)::float8,
      count(*) FILTER (WHERE satisfaction IS NOT NULL)::int,
      count(*) FILTER (WHERE replied_at IS NOT NULL AND handle_due_at IS NOT NULL AND replied_at <= handle_due_at)::int,
      count(*) FILTER (WHERE handle_due_at IS NOT NULL AND (replied_at IS NOT NULL OR ${opts.now} > handle_due_at))::int`;
  }
}

const blank = (): Omit<FigureRow, 'set'> => ({ type: null, channel: null, categoryCode: null, districtCode: null, day: null, agencyId: null, count: 0, overdue: 0, responseNum: 0, responseDen: 0, resolutionNum: 0, resolutionDen: 0, satisfactionNum: 0, satisfactionDen: 0, closureNum: 0, closureDen: 0 });

/** The rolled-up figures of received days in [from, to) (Shanghai dates), as FigureRows (no 'total'). */
export async function selectRolledUp(ex: Executor, from: IsoDate, to: IsoDate): Promise<FigureRow[]> {
  const r = await ex.execute<Record<string, unknown>>(sql`SELECT dim, key1, key2, sum(n)::int AS n, sum(overdue)::int AS overdue,
      sum(resp_num)::int AS resp_num, sum(resp_den)::int AS resp_den, sum(res_num)::int AS res_num, sum(res_den)::int AS res_den,
      sum(sat_num)::float8 AS sat_num, sum(sat_den)::int AS sat_den, sum(clo_num)::int AS clo_num, sum(clo_den)::int AS clo_den
    FROM hotline_figure_days WHERE day >= ${from} AND day < ${to} GROUP BY dim, key1, key2`);
  const days = await ex.execute<{ day: string; n: number }>(sql`SELECT day::text AS day, sum(n)::int AS n FROM hotline_figure_days
    WHERE dim = 'agency' AND day >= ${from} AND day < ${to} GROUP BY day`);
  const out: FigureRow[] = [];
  const categories = new Map<string, FigureRow>();
  for (const row of r.rows) {
    const f = { ...blank(), ...measuresOf(row) };
    const k1 = String(row.key1) || null;
    const k2 = String(row.key2) || null;
    switch (String(row.dim)) {
      case 'type':
        out.push({ ...f, set: 'type', type: k1 });
        break;
      case 'channel':
        out.push({ ...f, set: 'channel', channel: k1 });
        break;
      case 'hotspot': {
        out.push({ ...f, set: 'hotspot', districtCode: k1, categoryCode: k2 });
        const c = categories.get(k2 ?? '') ?? { ...blank(), set: 'category' as const, categoryCode: k2 };
        for (const k of COUNTERS) c[k] += f[k];
        categories.set(k2 ?? '', c);
        break;
      }
      case 'agency':
        out.push({ ...f, set: 'agency', agencyId: k1 });
        break;
      default:
        break;
    }
  }
  out.push(...categories.values());
  for (const d of days.rows) out.push({ ...blank(), set: 'day', day: d.day, count: Number(d.n) });
  return out;
}

/** Adds figure rows of the same set and keys (rollup + live). */
export function mergeFigures(...parts: FigureRow[][]): FigureRow[] {
  const byKey = new Map<string, FigureRow>();
  for (const rows of parts) {
    for (const r of rows) {
      const key = [r.set, r.type, r.channel, r.categoryCode, r.districtCode, r.day, r.agencyId].join('|');
      const prev = byKey.get(key);
      if (!prev) byKey.set(key, { ...r });
      else for (const k of COUNTERS) prev[k] += r[k];
    }
  }
  return [...byKey.values()];
}

