// The supervision figures in one pass over the period's tickets: GROUPING SETS count by type, channel, category,
// district × category (hotspots), day and lead agency, with the 三率's numerators and denominators per agency.
// The SQL formulas mirror deadlines.ts (responseRate, resolutionRate, satisfactionRate, onTimeClosureRate), and
// supervision.service.db.test.ts checks them against those pure functions.
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.ts';
import type { Satisfaction } from './taxonomy.ts';

export interface FigureRow {
  set: 'type' | 'channel' | 'category' | 'hotspot' | 'day' | 'agency' | 'total';
  type: string | null;
  channel: string | null;
  categoryCode: string | null;
  districtCode: string | null;
  day: string | null;
  agencyId: string | null;
  count: number;
  overdue: number;
  responseNum: number;
  responseDen: number;
  resolutionNum: number;
  resolutionDen: number;
  satisfactionNum: number;
  satisfactionDen: number;
  closureNum: number;
  closureDen: number;
}

// GROUPING(type, channel, category_code, district_code, day, lead_agency_id): a 1 bit for each column aggregated away
const SETS: Record<number, FigureRow['set']> = { 31: 'type', 47: 'channel', 55: 'category', 51: 'hotspot', 61: 'day', 62: 'agency' };

export interface FigureQuery {
  from: Date;
  to: Date;
  now: Date;
  /** only tickets led by these agencies; null = all */
  agencyIds: readonly string[] | null;
  satisfactionWeights: Record<Satisfaction, number>;
}

/** Each ticket received in [from, to) (in scope) with the flags the 三率 and 超期 count. */
export function flagsSql(q: Pick<FigureQuery, 'from' | 'to' | 'now' | 'agencyIds'>): SQL {
  const scope = q.agencyIds ? sql`AND lead_agency_id = ANY(${sql.param([...q.agencyIds])}::uuid[])` : sql``;
  return sql`SELECT type, channel, category_code, district_code, lead_agency_id,
        (received_at AT TIME ZONE 'Asia/Shanghai')::date AS day,
        coalesce(signed_at <= sign_due_at, false) AS signed_ok,
        coalesce(contacted_at <= contact_due_at, false) AS contacted_ok,
        (signed_at IS NOT NULL OR ${q.now} > sign_due_at) AS sign_decided,
        (contacted_at IS NOT NULL OR ${q.now} > contact_due_at) AS contact_decided,
        dispatched_at IS NOT NULL AS dispatched,
        resolution, satisfaction, replied_at, handle_due_at,
        CASE
          WHEN state IN ('submitted', 'accepted') THEN dispatch_due_at
          WHEN state = 'dispatched' THEN sign_due_at
          WHEN state = 'signed' THEN contact_due_at
          WHEN state IN ('handling', 'extension_requested', 'return_requested') THEN handle_due_at
          WHEN state = 'replied' THEN review_due_at
          WHEN state = 'closed' THEN callback_due_at
        END < ${q.now} AS overdue
      FROM tickets
      WHERE received_at >= ${q.from} AND received_at < ${q.to} ${scope}`;
}

/**
 * One scan. There is no empty grouping set: PostgreSQL computes `()` with a sorted rollup (an index walk or a sort of
 * every row); the total is the sum of the agency rows instead (tickets without a lead agency form their own row). The
 * hash tables need more than the default 4 MB work_mem, and JIT compiling costs more than it saves here.
 */
/** The counters of one aggregated row (columns n, overdue and the 三率's numerators and denominators). */
export function measuresOf(row: Record<string, unknown>): Pick<FigureRow, 'count' | 'overdue' | 'responseNum' | 'responseDen' | 'resolutionNum' | 'resolutionDen' | 'satisfactionNum' | 'satisfactionDen' | 'closureNum' | 'closureDen'> {
  return {
    count: Number(row.n),
    overdue: Number(row.overdue),
    responseNum: Number(row.resp_num),
    responseDen: Number(row.resp_den),
    resolutionNum: Number(row.res_num),
    resolutionDen: Number(row.res_den),
    satisfactionNum: Number(row.sat_num),
    satisfactionDen: Number(row.sat_den),
    closureNum: Number(row.clo_num),
    closureDen: Number(row.clo_den),
  };
}

export async function selectFigures(ex: Executor, q: FigureQuery): Promise<FigureRow[]> {
  return ex.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL work_mem = '64MB'`);
    await tx.execute(sql`SET LOCAL jit = off`);
    return figures(tx, q);
  });
}

async function figures(ex: Executor, q: FigureQuery): Promise<FigureRow[]> {
  const w = q.satisfactionWeights;
  const r = await ex.execute<Record<string, unknown>>(sql`
    WITH t AS (${flagsSql(q)}    )
    SELECT type, channel, category_code, district_code, day::text AS day, lead_agency_id,
      GROUPING(type, channel, category_code, district_code, day, lead_agency_id) AS g,
      count(*)::int AS n,
      count(*) FILTER (WHERE overdue)::int AS overdue,
      count(*) FILTER (WHERE dispatched AND signed_ok AND contacted_ok)::int AS resp_num,
      count(*) FILTER (WHERE dispatched AND ((signed_ok AND contacted_ok) OR (sign_decided AND NOT signed_ok) OR (contact_decided AND NOT contacted_ok)))::int AS resp_den,
      count(*) FILTER (WHERE resolution = 'resolved')::int AS res_num,
      count(*) FILTER (WHERE resolution IS NOT NULL)::int AS res_den,
      coalesce(sum(CASE satisfaction WHEN 'satisfied' THEN ${w.satisfied}::float8 WHEN 'basically_satisfied' THEN ${w.basically_satisfied}::float8
        WHEN 'dissatisfied' THEN ${w.dissatisfied}::float8 END), 0)::float8 AS sat_num,
      count(*) FILTER (WHERE satisfaction IS NOT NULL)::int AS sat_den,
      count(*) FILTER (WHERE replied_at IS NOT NULL AND handle_due_at IS NOT NULL AND replied_at <= handle_due_at)::int AS clo_num,
      count(*) FILTER (WHERE handle_due_at IS NOT NULL AND (replied_at IS NOT NULL OR ${q.now} > handle_due_at))::int AS clo_den
    FROM t
    GROUP BY GROUPING SETS ((type), (channel), (category_code), (district_code, category_code), (day), (lead_agency_id))`);
  const out: FigureRow[] = [];
  for (const row of r.rows) {
    const set = SETS[Number(row.g)];
    if (!set) continue;
    const figure: FigureRow = {
      set,
      type: (row.type as string | null) ?? null,
      channel: (row.channel as string | null) ?? null,
      categoryCode: (row.category_code as string | null) ?? null,
      districtCode: (row.district_code as string | null) ?? null,
      day: (row.day as string | null) ?? null,
      agencyId: (row.lead_agency_id as string | null) ?? null,
      ...measuresOf(row),
    };
    out.push(figure);
  }
  return withTotal(out);
}

/** The rows with a 'total' row: the sum of the agency rows (every ticket is in exactly one, a null lead included). */
export function withTotal(rows: readonly FigureRow[]): FigureRow[] {
  const total: FigureRow = { ...EMPTY_ROW, set: 'total' };
  for (const r of rows) {
    if (r.set !== 'agency') continue;
    for (const k of COUNTERS) total[k] += r[k];
  }
  return [...rows.filter((r) => r.set !== 'total'), total];
}

export const COUNTERS = ['count', 'overdue', 'responseNum', 'responseDen', 'resolutionNum', 'resolutionDen', 'satisfactionNum', 'satisfactionDen', 'closureNum', 'closureDen'] as const;
const EMPTY_ROW: FigureRow = { set: 'total', type: null, channel: null, categoryCode: null, districtCode: null, day: null, agencyId: null, count: 0, overdue: 0, responseNum: 0, responseDen: 0, resolutionNum: 0, resolutionDen: 0, satisfactionNum: 0, satisfactionDen: 0, closureNum: 0, closureDen: 0 };

/** Open tickets now overdue at their current step, the oldest first (for the report's list). */
export async function selectOverdueTickets(ex: Executor, q: { now: Date; agencyIds: readonly string[] | null; limit: number }): Promise<{ id: string; number: string; state: string; categoryCode: string | null; agencyId: string | null; dueAt: Date }[]> {
  const scope = q.agencyIds ? sql`AND lead_agency_id = ANY(${sql.param([...q.agencyIds])}::uuid[])` : sql``;
  const r = await ex.execute<Record<string, unknown>>(sql`
    SELECT id, number, state, category_code, lead_agency_id, due FROM (
      SELECT id, number, state, category_code, lead_agency_id,
        CASE
          WHEN state = 'dispatched' THEN sign_due_at
          WHEN state = 'signed' THEN contact_due_at
          WHEN state IN ('handling', 'extension_requested', 'return_requested') THEN handle_due_at
        END AS due
      FROM tickets WHERE state IN ('dispatched', 'signed', 'handling', 'extension_requested', 'return_requested') ${scope}
    ) x WHERE due < ${q.now} ORDER BY due LIMIT ${q.limit}`);
  return r.rows.map((row) => ({
    id: row.id as string,
    number: row.number as string,
    state: row.state as string,
    categoryCode: (row.category_code as string | null) ?? null,
    agencyId: (row.lead_agency_id as string | null) ?? null,
    dueAt: row.due instanceof Date ? row.due : new Date(String(row.due)),
  }));
}
