// 统一监管: the 三率 per agency and period with their formulas, dashboard figures (volumes by type and channel, top
// categories, hotspots, trend, overdue) and the monthly report per agency. The center (agent) and the 公开办/admin see
// every agency; a handling agency's staff see their own.
import { Type } from 'typebox';
import type { Actor, Role } from '../../platform/auth/actor.ts';
import { forbidden } from '../../platform/auth/guard.ts';
import { grantCovers } from '../../platform/auth/policy.ts';
import { addDays, shanghaiDate, type IsoDate } from '../../platform/calendar/workdays.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/errors.ts';
import { validateInput } from '../../platform/http/validate.ts';
import type { Agency, AgencyService } from '../agencies/index.ts';
import { compositeScore, RATE_FORMULAS, satisfactionFormula, type CompositeScore, type Rate } from './deadlines.ts';
import { DEFAULT_HOTLINE_CONFIG, type HotlineConfig } from './hotline.config.ts';
import * as repo from './supervision.repository.ts';
import { mergeFigures, refreshRollup, rollupState, selectRolledUp } from './supervision.rollup.ts';
import { CHANNELS, TICKET_TYPES, categoryLabel, type Channel, type TicketType } from './taxonomy.ts';

export const SUPERVISE_ALL: readonly Role[] = ['agent', 'office', 'admin'];
export const SUPERVISE_OWN: readonly Role[] = ['handler', 'head'];

const DATE = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';
const UUID = '^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})?$';

export const DashboardInput = Type.Object(
  {
    from: Type.Optional(Type.String({ title: '起始日期', pattern: DATE, errorMessage: '应为日期（YYYY-MM-DD）' })),
    to: Type.Optional(Type.String({ title: '截止日期', pattern: DATE, errorMessage: '应为日期（YYYY-MM-DD）' })),
    agencyId: Type.Optional(Type.String({ title: '承办单位', pattern: UUID, errorMessage: '请从列表中选择' })),
  },
  { additionalProperties: false },
);

export const ReportInput = Type.Object(
  {
    month: Type.String({ title: '月份', pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$', errorMessage: '应为月份（YYYY-MM）' }),
    agencyId: Type.String({ title: '承办单位', pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$', errorMessage: '请从列表中选择' }),
  },
  { additionalProperties: false },
);

export interface Rates {
  response: Rate;
  resolution: Rate;
  satisfaction: Rate;
  onTimeClosure: Rate;
  composite: CompositeScore;
}

export interface AgencyFigures {
  agencyId: string;
  agencyName: string;
  count: number;
  overdue: number;
  rates: Rates;
}

export interface Dashboard {
  from: IsoDate;
  /** inclusive */
  to: IsoDate;
  scope: { agencyId: string | null; name: string };
  total: number;
  overdue: number;
  rates: Rates;
  byType: { key: TicketType; name: string; count: number }[];
  byChannel: { key: Channel; name: string; count: number }[];
  topCategories: { code: string; name: string; count: number }[];
  hotspots: { districtCode: string; districtName: string; categoryCode: string; categoryName: string; count: number }[];
  trend: { day: IsoDate; count: number }[];
  agencies: AgencyFigures[];
  formulas: string[];
  /** agencies the actor may pick */
  choices: { id: string; name: string }[];
  /** days before `until` came from the nightly rollup computed at `refreshedAt` (null: all counted live) */
  rollup: { until: IsoDate; refreshedAt: Date } | null;
}

export interface SupervisionService {
  /** The dashboard for a period (default: this month to today) and optionally one agency. Throws FORBIDDEN, VALIDATION_FAILED. */
  dashboard(actor: Actor, input: unknown): Promise<Dashboard>;
  /** One agency's month, for the DOCX/XLSX report. Throws FORBIDDEN, NOT_FOUND, VALIDATION_FAILED. */
  monthlyReport(actor: Actor, input: unknown): Promise<MonthlyReport>;
  /** Rebuilds the city-wide daily rollup (the hotline.rollup job). */
  refreshRollup(): Promise<{ until: IsoDate; rows: number }>;
}

export interface MonthlyReport {
  agency: { id: string; name: string };
  month: string;
  dashboard: Dashboard;
  overdueTickets: { number: string; state: string; category: string; dueAt: Date }[];
  generatedAt: Date;
}

export interface SupervisionServiceOptions {
  db: Db;
  agencies: Pick<AgencyService, 'listAgencies'>;
  districtNames: () => Promise<Map<string, string>>;
  config?: HotlineConfig;
  now?: () => Date;
}

function rateOf(key: Rate['key'], name: string, num: number, den: number, formula: string): Rate {
  return { key, name, numerator: num, denominator: den, value: den > 0 ? num / den : null, formula };
}

export function ratesOf(r: Pick<repo.FigureRow, 'responseNum' | 'responseDen' | 'resolutionNum' | 'resolutionDen' | 'satisfactionNum' | 'satisfactionDen' | 'closureNum' | 'closureDen'>, config: HotlineConfig): Rates {
  const response = rateOf('response', '响应率', r.responseNum, r.responseDen, RATE_FORMULAS.response);
  const resolution = rateOf('resolution', '解决率', r.resolutionNum, r.resolutionDen, RATE_FORMULAS.resolution);
  const satisfaction = rateOf('satisfaction', '满意率', r.satisfactionNum, r.satisfactionDen, satisfactionFormula(config.rates.satisfactionWeights));
  const onTimeClosure = rateOf('onTimeClosure', '按时办结率', r.closureNum, r.closureDen, RATE_FORMULAS.onTimeClosure);
  return { response, resolution, satisfaction, onTimeClosure, composite: compositeScore({ response, resolution, satisfaction }, config.rates.compositeWeights) };
}

const EMPTY: repo.FigureRow = { set: 'total', type: null, channel: null, categoryCode: null, districtCode: null, day: null, agencyId: null, count: 0, overdue: 0, responseNum: 0, responseDen: 0, resolutionNum: 0, resolutionDen: 0, satisfactionNum: 0, satisfactionDen: 0, closureNum: 0, closureDen: 0 };

/** The Shanghai midnight that starts a day, as an instant. */
const startOf = (day: IsoDate): Date => new Date(`${day}T00:00:00+08:00`);

export function createSupervisionService(opts: SupervisionServiceOptions): SupervisionService {
  const { db, agencies } = opts;
  const config = opts.config ?? DEFAULT_HOTLINE_CONFIG;
  const now = opts.now ?? (() => new Date());

  /** The agencies the actor may see: null = all. Throws FORBIDDEN for staff outside the hotline. */
  async function visible(actor: Actor, all: readonly Agency[]): Promise<Agency[] | null> {
    if (actor.grants.some((g) => SUPERVISE_ALL.includes(g.role))) return null;
    const own = actor.grants.filter((g) => SUPERVISE_OWN.includes(g.role));
    if (!own.length) throw forbidden();
    return all.filter((a) => own.some((g) => grantCovers(g, { agencyId: a.id, agencyAncestors: a.ancestors })));
  }

  async function build(actor: Actor, from: IsoDate, to: IsoDate, agencyId: string | null): Promise<Dashboard> {
    const all = await agencies.listAgencies({ includeRetired: true });
    const names = new Map(all.map((a) => [a.id, a.name]));
    const allowed = await visible(actor, all);
    if (agencyId && !names.has(agencyId)) throw new AppError('NOT_FOUND', '未找到该单位。');
    if (agencyId && allowed && !allowed.some((a) => a.id === agencyId)) throw forbidden();
    const scopeIds = agencyId ? [agencyId] : allowed ? allowed.map((a) => a.id) : null;
    const end = addDays(to, 1);
    const figureQuery = (a: IsoDate, b: IsoDate) => ({ from: startOf(a), to: startOf(b), now: now(), agencyIds: scopeIds, satisfactionWeights: config.rates.satisfactionWeights });
    // city-wide: days before the rollup's boundary are summed from the daily rollup, the rest counted live
    const state = scopeIds === null ? await rollupState(db) : null;
    const rollup = state && from < state.until ? state : null;
    let rows: repo.FigureRow[];
    if (rollup) {
      const parts = [await selectRolledUp(db, from, end < rollup.until ? end : rollup.until)];
      const liveFrom = from > rollup.until ? from : rollup.until;
      if (liveFrom < end) parts.push(await repo.selectFigures(db, figureQuery(liveFrom, end)));
      rows = repo.withTotal(mergeFigures(...parts.map((p) => p.filter((r) => r.set !== 'total'))));
    } else rows = await repo.selectFigures(db, figureQuery(from, end));
    const districts = await opts.districtNames();
    const of = (set: repo.FigureRow['set']) => rows.filter((r) => r.set === set);
    const total = of('total')[0] ?? EMPTY;
    const byDay = new Map(of('day').map((r) => [r.day as string, r.count]));
    const trend: Dashboard['trend'] = [];
    for (let d = from; d <= to && trend.length < 400; d = addDays(d, 1)) trend.push({ day: d, count: byDay.get(d) ?? 0 });
    const rates = ratesOf(total, config);
    return {
      from,
      to,
      scope: { agencyId, name: agencyId ? (names.get(agencyId) ?? '') : allowed ? '本单位' : '全市' },
      total: total.count,
      overdue: total.overdue,
      rates,
      byType: (Object.keys(TICKET_TYPES) as TicketType[]).map((k) => ({ key: k, name: TICKET_TYPES[k], count: of('type').find((r) => r.type === k)?.count ?? 0 })),
      byChannel: (Object.keys(CHANNELS) as Channel[]).map((k) => ({ key: k, name: CHANNELS[k].name, count: of('channel').find((r) => r.channel === k)?.count ?? 0 })),
      topCategories: of('category')
        .filter((r) => r.categoryCode)
        .sort((a, b) => b.count - a.count || (a.categoryCode as string).localeCompare(b.categoryCode as string))
        .slice(0, 10)
        .map((r) => ({ code: r.categoryCode as string, name: categoryLabel(r.categoryCode as string), count: r.count })),
      hotspots: of('hotspot')
        .filter((r) => r.districtCode && r.categoryCode)
        .sort((a, b) => b.count - a.count || `${a.districtCode}${a.categoryCode}`.localeCompare(`${b.districtCode}${b.categoryCode}`))
        .slice(0, 10)
        .map((r) => ({ districtCode: r.districtCode as string, districtName: districts.get(r.districtCode as string) ?? (r.districtCode as string), categoryCode: r.categoryCode as string, categoryName: categoryLabel(r.categoryCode as string), count: r.count })),
      trend,
      agencies: of('agency')
        .filter((r) => r.agencyId)
        .map((r) => ({ agencyId: r.agencyId as string, agencyName: names.get(r.agencyId as string) ?? '', count: r.count, overdue: r.overdue, rates: ratesOf(r, config) }))
        .sort((a, b) => b.count - a.count || a.agencyName.localeCompare(b.agencyName)),
      formulas: [rates.response.formula, rates.resolution.formula, rates.satisfaction.formula, rates.onTimeClosure.formula, rates.composite.formula],
      choices: (allowed ?? all.filter((a) => !a.retiredAt)).map((a) => ({ id: a.id, name: a.name })),
      rollup,
    };
  }

  return {
    async dashboard(actor, input) {
      const f = validateInput(DashboardInput, input ?? {});
      const today = shanghaiDate(now());
      const to = f.to || today;
      const from = f.from || `${to.slice(0, 7)}-01`;
      if (from > to) throw new AppError('VALIDATION_FAILED', '起始日期不能晚于截止日期', { fields: [{ field: 'from', message: '起始日期：不能晚于截止日期' }] });
      if (addDays(from, 366) < to) throw new AppError('VALIDATION_FAILED', '统计期最长一年', { fields: [{ field: 'from', message: '起始日期：统计期最长一年' }] });
      return build(actor, from, to, f.agencyId || null);
    },

    refreshRollup() {
      return refreshRollup(db, { now: now(), satisfactionWeights: config.rates.satisfactionWeights });
    },

    async monthlyReport(actor, input) {
      const f = validateInput(ReportInput, input);
      const from = `${f.month}-01`;
      const [y, m] = f.month.split('-').map(Number) as [number, number];
      const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
      const to = `${f.month}-${String(last).padStart(2, '0')}`;
      const dashboard = await build(actor, from, to, f.agencyId);
      const overdue = await repo.selectOverdueTickets(db, { now: now(), agencyIds: [f.agencyId], limit: 200 });
      return {
        agency: { id: f.agencyId, name: dashboard.scope.name },
        month: f.month,
        dashboard,
        overdueTickets: overdue.map((t) => ({ number: t.number, state: t.state, category: t.categoryCode ? categoryLabel(t.categoryCode) : '未分类', dueAt: t.dueAt })),
        generatedAt: now(),
      };
    },
  };
}
