import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.ts';
import { syncCalendarFromPackage } from '../../platform/calendar/calendar.sync.ts';
import type { Database } from '../../platform/db/database.ts';
import { createTestDatabase } from '../../platform/db/testing.ts';
import { createAgencyService, type Agency } from '../agencies/index.ts';
import { createTestAgency } from '../agencies/agencies.testing.ts';
import { onTimeClosureRate, resolutionRate, responseRate, satisfactionRate } from './deadlines.ts';
import { DEFAULT_HOTLINE_CONFIG } from './hotline.config.ts';
import { dashboardCharts } from './supervision.charts.ts';
import { monthlyReportDocx, monthlyReportXlsx } from './supervision.export.ts';
import { createSupervisionService, type SupervisionService } from './supervision.service.ts';
import { createTestHotlineService, createTestStaff, createTestTicket, SYSTEM } from './tickets.testing.ts';
import type { HotlineService } from './tickets.service.ts';

let database: Database;
let hotline: HotlineService;
let supervision: SupervisionService;
let a1: Agency;
let a2: Agency;
let clock = new Date('2026-03-03T02:00:00Z');
let agent: Actor;
let handler1: Actor;

beforeAll(async () => {
  database = await createTestDatabase();
  await syncCalendarFromPackage(database.db);
  hotline = createTestHotlineService(database.db, { now: () => clock });
  supervision = createSupervisionService({ db: database.db, agencies: createAgencyService(database.db), districtNames: async () => new Map([['500103', '渝中区']]), now: () => clock });
  const center = await createTestAgency(database.db);
  a1 = await createTestAgency(database.db, { divisionCode: '500103', name: '测试甲单位' });
  a2 = await createTestAgency(database.db, { divisionCode: '500103', name: '测试乙单位' });
  agent = await createTestStaff(database.db, 'agent', center);
  handler1 = await createTestStaff(database.db, 'handler', a1);
  // a spread of tickets: visited (satisfied / dissatisfied), replied, handling, dispatched-and-late, a consultation
  await createTestTicket(hotline, { state: 'visited', agencyId: a1.id });
  const t2 = await createTestTicket(hotline, { state: 'closed', agencyId: a1.id, input: { type: 'help' } });
  await hotline.transition(SYSTEM, t2.ticket.id, 'visit', { satisfaction: 'dissatisfied', resolution: 'unresolved' });
  await createTestTicket(hotline, { state: 'replied', agencyId: a2.id, input: { channel: 'web', categoryCode: '020202' } });
  await createTestTicket(hotline, { state: 'handling', agencyId: a2.id });
  await createTestTicket(hotline, { state: 'dispatched', agencyId: a2.id, input: { type: 'consultation', categoryCode: '090302' } });
  await createTestTicket(hotline, { state: 'accepted', agencyId: a1.id, input: { channel: 'mailbox' } });
  clock = new Date('2026-03-20T02:00:00Z'); // the dispatched one is now late to sign, the handling one late to reply
});
afterAll(async () => {
  await database?.close();
});

describe('supervision', () => {
  it('computes the 三率 in SQL exactly as the pure formulas do', async () => {
    const d = await supervision.dashboard(agent, { from: '2026-03-01', to: '2026-03-31' });
    expect(d.total).toBe(6);
    const rows = (await database.db.execute<Record<string, unknown>>(sql`SELECT * FROM tickets`)).rows;
    const at = (v: unknown) => (v === null ? null : new Date(String(v instanceof Date ? v.toISOString() : v)));
    const dispatched = rows.filter((r) => r.dispatched_at !== null);
    const expected = {
      response: responseRate(dispatched.map((r) => ({ signedAt: at(r.signed_at), contactedAt: at(r.contacted_at), signDueAt: at(r.sign_due_at) as Date, contactDueAt: at(r.contact_due_at) as Date })), clock),
      resolution: resolutionRate(rows.map((r) => ({ resolution: (r.resolution as 'resolved' | null) ?? null }))),
      satisfaction: satisfactionRate(rows.map((r) => ({ satisfaction: (r.satisfaction as 'satisfied' | null) ?? null })), DEFAULT_HOTLINE_CONFIG.rates.satisfactionWeights),
      closure: onTimeClosureRate(dispatched.map((r) => ({ repliedAt: at(r.replied_at), handleDueAt: at(r.handle_due_at) as Date })), clock),
    };
    expect([d.rates.response.numerator, d.rates.response.denominator]).toEqual([expected.response.numerator, expected.response.denominator]);
    expect([d.rates.resolution.numerator, d.rates.resolution.denominator]).toEqual([1, 2]);
    expect([d.rates.resolution.numerator, d.rates.resolution.denominator]).toEqual([expected.resolution.numerator, expected.resolution.denominator]);
    expect([d.rates.satisfaction.numerator, d.rates.satisfaction.denominator]).toEqual([expected.satisfaction.numerator, expected.satisfaction.denominator]);
    expect([d.rates.onTimeClosure.numerator, d.rates.onTimeClosure.denominator]).toEqual([expected.closure.numerator, expected.closure.denominator]);
    expect(d.rates.response.denominator).toBeGreaterThan(d.rates.response.numerator); // the late 签收 counts against
    expect(d.overdue).toBeGreaterThanOrEqual(2);
    expect(d.formulas.join('')).toContain('响应率 = 按时签收且按时先行联系的工单数');
  });

  it('counts by type, channel, category, hotspot and day, and per agency', async () => {
    const d = await supervision.dashboard(agent, { from: '2026-03-01', to: '2026-03-31' });
    expect(d.byType.find((t) => t.key === 'complaint')?.count).toBe(4);
    expect(d.byChannel.find((c) => c.key === 'web')?.count).toBe(1);
    expect(d.byChannel.find((c) => c.key === 'mailbox')?.count).toBe(1);
    expect(d.topCategories[0]).toMatchObject({ code: '010101', count: 4 });
    expect(d.hotspots[0]).toMatchObject({ districtName: '渝中区', categoryCode: '010101', count: 4 });
    expect(d.trend).toHaveLength(31);
    expect(d.trend.find((t) => t.day === '2026-03-03')?.count).toBe(6);
    expect(d.agencies.map((a) => [a.agencyName, a.count]).sort()).toEqual([['测试乙单位', 3], ['测试甲单位', 2]]); // the accepted ticket has no lead agency yet
    const charts = dashboardCharts(d);
    expect(charts.byType).toMatch(/^<svg[^>]*role="img"/);
    expect(charts.byType).toContain('<title>各类型工单量</title>');
  });

  it('a handler sees only their agency; other staff are refused; bad input is named', async () => {
    const own = await supervision.dashboard(handler1, { from: '2026-03-01', to: '2026-03-31' });
    expect(own.total).toBe(2);
    expect(own.choices.map((c) => c.id)).toEqual([a1.id]);
    await expect(supervision.dashboard(handler1, { agencyId: a2.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const editor = await createTestStaff(database.db, 'editor', a1);
    await expect(supervision.dashboard(editor, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(supervision.dashboard(agent, { from: '2026-04-01', to: '2026-03-01' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(supervision.dashboard(agent, { from: 'yesterday' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(supervision.monthlyReport(agent, { month: '2026-13', agencyId: a1.id })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('writes the monthly report as DOCX and XLSX', async () => {
    const r = await supervision.monthlyReport(agent, { month: '2026-03', agencyId: a2.id });
    expect(r.dashboard.total).toBe(3);
    expect(r.overdueTickets.map((t) => t.state)).toEqual(['dispatched']);
    const docx = await monthlyReportDocx(r);
    expect(docx.subarray(0, 2).toString()).toBe('PK');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await monthlyReportXlsx(r) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['三率', '类型', '渠道', '分类', '超期']);
    expect(String(wb.getWorksheet('三率')?.getRow(3).getCell(1).value)).toBe('响应率');
    expect(String(wb.getWorksheet('三率')?.getRow(3).getCell(5).value)).toContain('响应率 =');
  });

  it('gives the same city-wide figures from the nightly rollup as counted live, and says so on the dashboard', async () => {
    clock = new Date('2026-06-01T02:00:00Z'); // March is now outside the 45-day live window
    const input = { from: '2026-02-15', to: '2026-05-31' };
    const live = await supervision.dashboard(agent, input);
    expect(live.rollup).toBeNull();
    const refreshed = await supervision.refreshRollup();
    expect(refreshed.until).toBe('2026-04-17');
    expect(refreshed.rows).toBeGreaterThan(0);
    const rolled = await supervision.dashboard(agent, input);
    expect(rolled.rollup?.until).toBe('2026-04-17');
    const { rollup: _a, ...a } = live;
    const { rollup: _b, ...b } = rolled;
    expect(b).toEqual(a);
    // an agency's own view is always counted live
    expect((await supervision.dashboard(handler1, input)).rollup).toBeNull();
  });
});
