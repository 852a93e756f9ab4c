import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { createDeps, type Deps } from '../../deps.ts';
import type { Database } from '../../platform/db/database.ts';
import { createTestDatabase } from '../../platform/db/testing.ts';
import { createTestAgency } from '../agencies/agencies.testing.ts';
import { createTestActor } from '../disclosure/items.testing.ts';
import { completeRequestRows, emptyRequestRows, violationKey } from './report.format.ts';
import { reportReminders } from './report.jobs.ts';
import { createReportService } from './report.service.ts';
import { tallyDocuments, tallyRequestRecords, tallyReviewRecords, type DocumentRecord, type RequestRecord, type ReviewCaseRecord } from './report.tally.ts';
import { createTestDocument, insertTestRequest, insertTestReviewCase } from './report.testing.ts';

let database: Database;
let deps: Deps;
const Y = 2024;

beforeAll(async () => {
  database = await createTestDatabase();
  deps = createDeps(loadConfig({ NODE_ENV: 'test', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'gk-report-')) }), database);
  await database.db.execute(sql`INSERT INTO calendar_years (year, source) VALUES (2023, 'admin'), (2024, 'admin') ON CONFLICT DO NOTHING`);
  deps.calendar.invalidate();
});
afterAll(async () => {
  await database?.close();
});

const SYSTEM = { system: 'test' };

const requests: RequestRecord[] = [
  { applicantCategory: 'natural_person', receivedOn: '2024-02-01', outcomeCode: 'R-DISCLOSE', withholdReasons: [], concludedOn: '2024-02-20' },
  { applicantCategory: 'commercial', receivedOn: '2024-03-05', outcomeCode: 'R-WITHHOLD', withholdReasons: ['EX16-PROCESS'], concludedOn: '2024-03-30' },
  { applicantCategory: 'legal_services', receivedOn: '2023-12-25', outcomeCode: 'R-PARTIAL', withholdReasons: ['EX15-THIRD'], concludedOn: '2024-01-15' },
  { applicantCategory: 'natural_person', receivedOn: '2024-12-28', outcomeCode: null, withholdReasons: [], concludedOn: null },
  { applicantCategory: 'research', receivedOn: '2024-06-01', outcomeCode: 'R-FEEUNPAID', withholdReasons: [], concludedOn: '2024-07-20' },
  { applicantCategory: 'other', receivedOn: '2023-06-01', outcomeCode: 'R-DISCLOSE', withholdReasons: [], concludedOn: '2023-06-10' },
  { applicantCategory: 'natural_person', receivedOn: null, outcomeCode: null, withholdReasons: [], concludedOn: null },
];
const cases: ReviewCaseRecord[] = [
  { kind: 'reconsideration', result: 'upheld', filedOn: '2024-04-01', concludedOn: '2024-06-01' },
  { kind: 'litigation_direct', result: 'corrected', filedOn: '2023-11-01', concludedOn: '2024-02-01' },
  { kind: 'litigation_after_reconsideration', result: 'pending', filedOn: '2024-11-01', concludedOn: null },
];
const docs: Omit<DocumentRecord, 'status'>[] = [
  { genre: 'rule', writtenDate: '2024-03-01', validity: 'valid', validityDate: null, withdrawnOn: null },
  { genre: 'normative', writtenDate: '2020-03-01', validity: 'repealed', validityDate: '2024-05-01', withdrawnOn: null },
  { genre: 'normative', writtenDate: '2019-03-01', validity: 'valid', validityDate: null, withdrawnOn: null },
  { genre: 'normative', writtenDate: '2024-08-01', validity: 'valid', validityDate: null, withdrawnOn: '2024-09-01' },
];

describe('computeReport (records in the database → the same cells as the pure rules)', () => {
  it('computes sections 二, 三, 四, the fee and the months for one agency, and its subtree', async () => {
    const city = await createTestAgency(database.db, { kind: 'government' });
    const dept = await createTestAgency(database.db, { parentId: city.id });
    for (const r of requests) await insertTestRequest(database.db, dept.id, { ...r, feeYuan: r.outcomeCode === 'R-DISCLOSE' ? 100 : 0 });
    for (const c of cases) await insertTestReviewCase(database.db, dept.id, c);
    for (const d of docs) await createTestDocument(database.db, deps.items, dept, d);

    const report = await deps.report.computeReport(SYSTEM, dept, Y);
    expect(report.tables.requests.rows).toEqual(tallyRequestRecords(requests, Y).rows);
    expect(report.tables.review).toEqual(tallyReviewRecords(cases, Y));
    const expectedDocs = tallyDocuments(docs.map((d) => ({ ...d, status: d.withdrawnOn ? 'withdrawn' : 'published' })), Y);
    expect(report.tables.active.rules).toEqual(expectedDocs.rules);
    expect(report.tables.active.normative).toEqual({ issued: 1, repealed: 1, inForce: 1 });
    expect(report.feeCollectedYuan).toBe(100);
    expect(report.perMonth[1]).toBe(1);
    expect(report.perMonth[11]).toBe(1);
    expect(report.violations).toEqual([]);
    expect(report.notices.some((n) => n.includes('工作日历'))).toBe(false);

    const own = await deps.report.computeReport(SYSTEM, city, Y);
    expect(own.tables.requests.rows.r7[6]).toBe(0);
    const whole = await deps.report.computeReport(SYSTEM, city, Y, { subtree: true });
    expect(whole.tables.requests.rows).toEqual(report.tables.requests.rows);
    expect(whole.tables.review).toEqual(report.tables.review);
  });

  it('says so when the year has no calendar data', async () => {
    const a = await createTestAgency(database.db);
    const r = await deps.report.computeReport(SYSTEM, a, 2019);
    expect(r.notices[0]).toContain('2019 年的工作日历');
  });

  it('refuses a bad year and another agency’s clerk', async () => {
    const a = await createTestAgency(database.db);
    await expect(deps.report.computeReport(SYSTEM, a, '20x4')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(deps.report.computeReport(SYSTEM, a, 2999)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const stranger = await createTestActor(database.db, 'editor', await createTestAgency(database.db));
    await expect(deps.report.computeReport(stranger, a, Y)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('counts key-area items published in the year per 重点领域 node', async () => {
    const a = await createTestAgency(database.db);
    await deps.catalog.ensureCatalog(a.id);
    const r = await deps.report.computeReport(SYSTEM, a, Y);
    expect(r.keyAreas.map((k) => k.node)).toEqual(['重大建设项目', '公共资源配置', '社会公益事业', '招商引资', '营商环境']);
    expect(r.keyAreas.every((k) => k.published === 0)).toBe(true);
  });
});

describe('outside figures', () => {
  it('saves the form with an audit row, and refuses negative or non-numeric input', async () => {
    const a = await createTestAgency(database.db);
    const editor = await createTestActor(database.db, 'editor', a);
    await deps.report.saveOutsideFigures(editor, a.id, Y, { licensing: 12, penalty: 3, enforcement: 0, feesWanYuan: 1.2345 });
    const r = await deps.report.computeReport(editor, a, Y);
    expect(r.tables.active).toMatchObject({ licensing: 12, penalty: 3, enforcement: 0, feesWanYuan: 1.2345 });
    const audit = await database.db.execute(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'report.outside_figures' AND agency_id = ${a.id}::uuid`);
    expect((audit.rows[0] as { n: number }).n).toBe(1);
    const err = await deps.report.saveOutsideFigures(editor, a.id, Y, { licensing: -1, penalty: 'abc', enforcement: 0, feesWanYuan: 1 }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((err as { fields: { message: string }[] }).fields.map((f) => f.message).join('；')).toContain('行政许可');
    expect((await deps.report.computeReport(editor, a, Y)).tables.active.licensing).toBe(12);
  });

  it('imports a CSV for several agencies, and writes nothing when one row is bad', async () => {
    const a = await createTestAgency(database.db);
    const b = await createTestAgency(database.db);
    const office = await createTestActor(database.db, 'office', a);
    const officeB = await createTestActor(database.db, 'office', b);
    const actor = { ...office, grants: [...office.grants, ...officeB.grants] };
    const good = `机关代码,年度,行政许可,行政处罚,行政强制,行政事业性收费（万元）\n${a.code},2024,5,6,7,8.5\n${b.code},2024,1,,,\n`;
    await expect(deps.report.importOutsideFigures(actor, { filename: 'f.csv', bytes: new TextEncoder().encode(good) })).resolves.toEqual({ rows: 2 });
    expect((await deps.report.computeReport(actor, a, Y)).tables.active.feesWanYuan).toBe(8.5);
    const bad = `机关代码,年度,行政许可\n${a.code},2024,9\nnobody,2024,1\n${b.code},1990,1\n`;
    const err = await deps.report.importOutsideFigures(actor, { filename: 'f.csv', bytes: new TextEncoder().encode(bad) }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'VALIDATION_FAILED' });
    const messages = (err as { fields: { message: string }[] }).fields.map((f) => f.message);
    expect(messages).toEqual(['第 3 行“机关代码”：没有代码为“nobody”的机关', expect.stringMatching(/^第 4 行“年度”：应在 2008 至 \d{4} 年之间$/)]);
    expect((await deps.report.computeReport(actor, a, Y)).tables.active.licensing).toBe(5);
    const other = await createTestAgency(database.db);
    const forbidden = await deps.report.importOutsideFigures(office, { filename: 'f.csv', bytes: new TextEncoder().encode(`机关代码,年度,行政许可\n${other.code},2024,1\n`) }).catch((e: unknown) => e);
    expect((forbidden as { fields: { message: string }[] }).fields[0]!.message).toContain('无权');
    await expect(deps.report.importOutsideFigures(office, { filename: 'f.txt', bytes: new Uint8Array([1]) })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

describe('publish', () => {
  it('is refused with unexplained violations, then publishes into the 年报 column once explained', async () => {
    const a = await createTestAgency(database.db);
    const reviewer = await createTestActor(database.db, 'reviewer', a);
    // an application concluded without being received: V1 fails in two columns
    await insertTestRequest(database.db, a.id, { applicantCategory: 'natural_person', receivedOn: null, outcomeCode: 'R-DISCLOSE', withholdReasons: [], concludedOn: '2024-05-01' });
    await expect(deps.report.publishReport(reviewer, a.id, Y, 0)).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    await deps.report.saveText(reviewer, a.id, Y, 0, { overview: '本年度主动公开政府信息……', problems: '问题……', otherMatters: '' });
    let view = await deps.report.getReportView(reviewer, a.id, Y);
    expect(view.unexplained.map((v) => v.cell)).toEqual(['requests.r7.0', 'requests.r7.6']);
    const refused = await deps.report.publishReport(reviewer, a.id, Y, view.draft.version);
    expect(refused).toMatchObject({ ok: false, reason: 'violations' });

    await expect(deps.report.saveText(reviewer, a.id, Y, view.draft.version + 5, { overview: 'x', problems: '', otherMatters: '' })).rejects.toMatchObject({ code: 'STALE_RECORD' });
    const explanations = Object.fromEntries(view.report.violations.map((v) => [violationKey(v), '该申请在系统上线前收到，收到日期未登记']));
    await deps.report.saveText(reviewer, a.id, Y, view.draft.version, { overview: '本年度主动公开政府信息……', problems: '问题……', otherMatters: '无', explanations });
    view = await deps.report.getReportView(reviewer, a.id, Y);
    expect(view.unexplained).toEqual([]);
    const ok = await deps.report.publishReport(reviewer, a.id, Y, view.draft.version);
    expect(ok).toMatchObject({ ok: true });
    if (!ok.ok) return;
    const item = await deps.items.getItemForPortal(ok.indexNumber);
    expect(item.revision.title).toBe(`${a.name} 2024 年政府信息公开工作年度报告`);
    expect(item.revision.bodyHtml).toContain('<caption>三、收到和处理政府信息公开申请情况</caption>');
    expect(item.revision.bodyHtml).toContain('<th scope="row" colspan="2">（七）总计</th>');
    const node = await database.db.execute(sql`SELECT n.template_key FROM item_catalog_nodes icn JOIN catalog_nodes n ON n.id = icn.node_id WHERE icn.item_id = ${ok.itemId}::uuid`);
    expect(node.rows).toEqual([{ template_key: 'annual_reports' }]);

    const again = await deps.report.getReportView(reviewer, a.id, Y);
    await expect(deps.report.publishReport(reviewer, a.id, Y, again.draft.version)).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    await expect(deps.report.saveText(reviewer, a.id, Y, again.draft.version, { overview: 'x', problems: '', otherMatters: '' })).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    const audit = await database.db.execute(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'report.publish' AND agency_id = ${a.id}::uuid`);
    expect((audit.rows[0] as { n: number }).n).toBe(1);

    // V6: next year's carried-in is compared with the published carried-out
    await insertTestRequest(database.db, a.id, { applicantCategory: 'commercial', receivedOn: '2023-05-01', outcomeCode: null, withholdReasons: [], concludedOn: null });
    const next = await deps.report.computeReport(reviewer, a, 2025);
    expect(next.violations.filter((v) => v.rule === 'V6').map((v) => v.cell)).toEqual(['requests.carried_in.1', 'requests.carried_in.6']);
  });

  it('refuses text that is too long or not text, writing nothing', async () => {
    const a = await createTestAgency(database.db);
    const editor = await createTestActor(database.db, 'editor', a);
    const err = await deps.report.saveText(editor, a.id, Y, 0, { overview: '长'.repeat(20001), problems: 3, otherMatters: '' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'VALIDATION_FAILED' });
    const messages = (err as { fields: { message: string }[] }).fields.map((f) => f.message).join('；');
    expect(messages).toContain('一、总体情况');
    expect(messages).toContain('五、存在的主要问题及改进情况');
    const n = await database.db.execute(sql`SELECT count(*)::int AS n FROM annual_reports WHERE agency_id = ${a.id}::uuid`);
    expect((n.rows[0] as { n: number }).n).toBe(0);
  });

  it('is refused to an editor (only 公开办 or 部门审核) and for a year not yet over', async () => {
    const a = await createTestAgency(database.db);
    const editor = await createTestActor(database.db, 'editor', a);
    await expect(deps.report.publishReport(editor, a.id, Y, 1)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const office = await createTestActor(database.db, 'office', a);
    const thisYear = new Date().getFullYear();
    await expect(deps.report.publishReport(office, a.id, thisYear, 1)).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
  });
});

describe('deadline board and reminders', () => {
  it('shows who published by the deadline and records each reminder once', async () => {
    const city = await createTestAgency(database.db, { kind: 'government' });
    const dept = await createTestAgency(database.db, { parentId: city.id });
    const office = await createTestActor(database.db, 'office', city, { includeSubtree: true });
    const board = await deps.report.deadlineBoard(office, city.id, Y);
    expect(board.rows.map((r) => [r.code, r.deadline, r.status])).toEqual([
      [city.code, '2025-03-31', 'missing'],
      [dept.code, '2025-01-31', 'missing'],
    ]);
    const editor = await createTestActor(database.db, 'editor', city);
    await expect(deps.report.deadlineBoard(editor, city.id, Y)).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const service = createReportService({ db: database.db, agencies: deps.agencies, calendar: deps.calendar, catalog: deps.catalog, items: deps.items, now: () => new Date('2025-01-25T02:00:00Z') });
    const first = await service.sendReminders('2025-01-25');
    expect(first).toBeGreaterThan(0);
    expect(await service.sendReminders('2025-01-25')).toBe(0);
    const sent = await database.db.execute(sql`SELECT days_before FROM report_reminders WHERE agency_id = ${dept.id}::uuid`);
    expect(sent.rows).toEqual([{ days_before: 10 }]);
    const cityRows = await database.db.execute(sql`SELECT count(*)::int AS n FROM report_reminders WHERE agency_id = ${city.id}::uuid`);
    expect((cityRows.rows[0] as { n: number }).n).toBe(0);
    // the job itself runs on today's date and is safe to run twice
    await reportReminders.run(deps, {});
    await reportReminders.run(deps, {});
  });
});

it('empty rows are all zero (sanity of the helper used above)', () => {
  expect(completeRequestRows(emptyRequestRows()).r7).toEqual([0, 0, 0, 0, 0, 0, 0]);
});
