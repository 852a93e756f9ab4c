import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createDeps, type Deps } from '../../deps.ts';
import type { Actor, Role } from '../../platform/auth/actor.ts';
import type { Database } from '../../platform/db/database.ts';
import { createTestDatabase } from '../../platform/db/testing.ts';
import type { Agency } from '../agencies/index.ts';
import { createTestAgency } from '../agencies/agencies.testing.ts';
import { signInAs } from '../staff/staff.testing.ts';
import { insertTestRequest } from './report.testing.ts';

let database: Database;
let deps: Deps;
let app: App;
let agency: Agency;
type Session = { cookie: string; csrfToken: string; actor: Actor };
let editor: Session;
let reviewer: Session;
let agent: Session;
let office: Session;
const Y = 2024;

const sessionFor = (role: Role, at: Agency, includeSubtree = false) => signInAs(app, database.db, [{ role, agencyId: at.id, includeSubtree }]);

beforeAll(async () => {
  database = await createTestDatabase();
  deps = createDeps(loadConfig({ NODE_ENV: 'test', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'gk-report-http-')) }), database);
  app = await buildApp(deps, { logger: false });
  await database.db.execute(sql`INSERT INTO calendar_years (year, source) VALUES (2024, 'admin') ON CONFLICT DO NOTHING`);
  agency = await createTestAgency(database.db, { kind: 'government' });
  editor = await sessionFor('editor', agency);
  reviewer = await sessionFor('reviewer', agency);
  agent = await sessionFor('agent', agency);
  office = await sessionFor('office', agency, true);
  await insertTestRequest(database.db, agency.id, { applicantCategory: 'natural_person', receivedOn: '2024-03-01', outcomeCode: 'R-DISCLOSE', withholdReasons: [], concludedOn: '2024-03-10' });
  await insertTestRequest(database.db, agency.id, { applicantCategory: 'commercial', receivedOn: '2024-04-01', outcomeCode: 'R-WITHHOLD', withholdReasons: ['EX14-SECRET'], concludedOn: '2024-04-10' });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const get = (url: string, s: Session) => app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
function post(url: string, s: Session, fields: Record<string, string>) {
  const body = new URLSearchParams({ _csrf: s.csrfToken, ...fields });
  return app.inject({ method: 'POST', url, headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() });
}
function postFile(url: string, s: Session, fields: Record<string, string>, file: { name: string; bytes: Buffer }) {
  const boundary = '----gkreport';
  const parts = Object.entries({ _csrf: s.csrfToken, ...fields }).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  const payload = Buffer.concat([...parts, Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n`), file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return app.inject({ method: 'POST', url, headers: { cookie: s.cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
}
const base = () => `/console/reports/${agency.id}/${Y}`;

describe('forbidden roles', () => {
  it('refuses a 热线坐席 every report page and form', async () => {
    expect((await get('/console/reports', agent)).statusCode).toBe(403);
    expect((await get(base(), agent)).statusCode).toBe(403);
    expect((await get(`${base()}/export.json`, agent)).statusCode).toBe(403);
    expect((await get('/console/reports/board', agent)).statusCode).toBe(403);
    expect((await post(`${base()}/text`, agent, { version: '0', overview: 'x', problems: '', otherMatters: '' })).statusCode).toBe(403);
    expect((await post(`${base()}/figures`, agent, { licensing: '1', penalty: '', enforcement: '', feesWanYuan: '' })).statusCode).toBe(403);
    expect((await postFile('/console/reports/import', agent, { back: base() }, { name: 'f.csv', bytes: Buffer.from(`机关代码,年度,行政许可\n${agency.code},2024,1\n`) })).statusCode).toBe(403);
  });
  it('refuses publishing to an editor and the board to a reviewer', async () => {
    expect((await post(`${base()}/publish`, editor, { version: '1' })).statusCode).toBe(403);
    expect((await get('/console/reports/board', reviewer)).statusCode).toBe(403);
  });
  it('needs a signed-in user', async () => {
    const res = await app.inject({ method: 'GET', url: base() });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toContain('/console/login');
  });
});

describe('the editor', () => {
  it('picks agency and year, and shows the computed tables with exact labels', async () => {
    const pick = await get(`/console/reports?agency=${agency.id}&year=${Y}`, editor);
    expect(pick.statusCode).toBe(303);
    expect(pick.headers.location).toBe(base());
    const bad = await get(`/console/reports?agency=${agency.id}&year=24`, editor);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('年度：应为四位年份');
    const page = await get(base(), editor);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<caption>三、收到和处理政府信息公开申请情况</caption>');
    expect(page.body).toContain('工作考核、社会评议和责任追究结果情况');
    expect(page.body).toContain('role="img"');
  });

  it('keeps the input and names every bad figure', async () => {
    const res = await post(`${base()}/figures`, editor, { licensing: '-3', penalty: 'abc', enforcement: '2', feesWanYuan: '1.5' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('行政许可');
    expect(res.body).toContain('行政处罚');
    expect(res.body).toContain('value="abc"');
    const n = await database.db.execute(sql`SELECT count(*)::int AS n FROM report_outside_figures WHERE agency_id = ${agency.id}::uuid`);
    expect((n.rows[0] as { n: number }).n).toBe(0);
    const ok = await post(`${base()}/figures`, editor, { licensing: '7', penalty: '', enforcement: '2', feesWanYuan: '1.5' });
    expect(ok.statusCode).toBe(303);
  });

  it('imports a CSV through the form, and shows the row and column of a bad one', async () => {
    const good = await postFile('/console/reports/import', editor, { back: base() }, { name: 'f.csv', bytes: Buffer.from(`机关代码,年度,行政处罚\n${agency.code},2024,4\n`) });
    expect(good.statusCode).toBe(303);
    const bad = await postFile('/console/reports/import', editor, { back: base() }, { name: 'f.csv', bytes: Buffer.from(`机关代码,年度,行政处罚\n${agency.code},2024,-4\n`) });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('第 2 行“行政处罚”：不能为负数');
  });

  it('exports DOCX and XLSX that read back with the labels and numbers', async () => {
    const docx = await get(`${base()}/export.docx`, editor);
    expect(docx.statusCode).toBe(200);
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(xml).toContain('<w:gridSpan w:val="7"/>');
    expect(xml).toContain('<w:vMerge w:val="restart"/>');
    expect(text).toContain(`${agency.name} 2024 年政府信息公开工作年度报告`);
    for (const label of ['一、总体情况', '（三）不予公开', '1.属于国家秘密', '四、结转下年度继续办理', '结果维持', '行政事业性收费', '本年收费金额（单位：万元）']) expect(text).toContain(label);

    const xlsx = await get(`${base()}/export.xlsx`, editor);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['二（一）', '二（五）', '二（六）', '二（八）', '三', '四', '重点领域']);
    const sheet = wb.getWorksheet('三')!;
    expect(sheet.getCell('B2').value).toBe('申请人情况');
    expect(sheet.getCell('H2').master.address).toBe('B2');
    expect(sheet.getCell('C3').value).toBe('法人或其他组织');
    expect(sheet.getCell('C4').value).toBe('商业企业');
    expect(sheet.getCell('A4').master.address).toBe('A2');
    const rowOf = (label: string) => sheet.getRows(1, sheet.rowCount)!.find((r) => r.getCell(1).value === label)!;
    expect(rowOf('（七）总计').values).toEqual([undefined, '（七）总计', 1, 1, 0, 0, 0, 0, 2]);
    expect(rowOf('1.属于国家秘密').getCell(3).value).toBe(1);
    expect(wb.getWorksheet('二（五）')!.getRow(3).values).toEqual([undefined, '行政许可', 7]);
    expect(wb.getWorksheet('二（八）')!.getRow(3).values).toEqual([undefined, '行政事业性收费', 1.5]);

    const json = JSON.parse((await get(`${base()}/export.json`, editor)).body) as { sections: { requests: { rows: Record<string, number[]> } } };
    expect(json.sections.requests.rows.r7).toEqual([1, 1, 0, 0, 0, 0, 2]);
    const pdf = await get(`${base()}/export.pdf`, editor);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await get(`${base()}/export.exe`, editor)).statusCode).toBe(404);
  });

  it('saves text, publishes, and the portal shows the report as a real table', async () => {
    const save = await post(`${base()}/text`, editor, { version: '0', overview: '2024年，本机关认真贯彻条例。', problems: '问题：栏目更新不及时。', assessment: '考核结果良好。', otherMatters: '' });
    expect(save.statusCode).toBe(303);
    const stale = await post(`${base()}/text`, editor, { version: '99', overview: '覆盖', problems: '', otherMatters: '' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('此记录已被他人修改');
    const version = String((await database.db.execute(sql`SELECT version FROM annual_reports WHERE agency_id = ${agency.id}::uuid`)).rows[0]!.version);
    expect(await get(base(), reviewer).then((r) => r.body)).toContain(`name="version" value="${version}"`);
    const pub = await post(`${base()}/publish`, reviewer, { version });
    expect(pub.statusCode).toBe(303);
    const row = await database.db.execute(sql`SELECT i.index_number FROM annual_reports ar JOIN items i ON i.id = ar.item_id WHERE ar.agency_id = ${agency.id}::uuid`);
    const indexNumber = (row.rows[0] as { index_number: string }).index_number;
    const portal = await app.inject({ method: 'GET', url: `/xxgk/${indexNumber}` });
    expect(portal.statusCode).toBe(200);
    expect(portal.body).toContain('<caption>四、政府信息公开行政复议、行政诉讼情况</caption>');
    expect(portal.body).toContain('<th scope="col">结果维持</th>');
    expect(portal.body).toContain('2024年，本机关认真贯彻条例。');
    const again = await post(`${base()}/publish`, reviewer, { version: String(Number(version) + 1) });
    expect(again.statusCode).toBe(409);
  });

  it('shows a violation beside its cell, refuses publishing until it is explained', async () => {
    const other = await createTestAgency(database.db);
    const rev = await sessionFor('reviewer', other);
    await insertTestRequest(database.db, other.id, { applicantCategory: 'natural_person', receivedOn: null, outcomeCode: 'R-DISCLOSE', withholdReasons: [], concludedOn: '2024-05-01' });
    const url = `/console/reports/${other.id}/${Y}`;
    const page = await get(url, rev);
    expect(page.body).toMatch(/<td class="report-cell--violation" id="cell-requests-r7-0">1<span class="report-violation"><strong>V1<\/strong>/);
    expect((await post(`${url}/text`, rev, { version: '0', overview: '总体', problems: '问题', otherMatters: '' })).statusCode).toBe(303);
    const refused = await post(`${url}/publish`, rev, { version: '2' });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('处校验问题未修正或说明，不能发布');
    const explain = await post(`${url}/text`, rev, { version: '2', overview: '总体', problems: '问题', otherMatters: '', 'explain:V1@requests.r7.0': '系统上线前收到', 'explain:V1@requests.r7.6': '系统上线前收到' });
    expect(explain.statusCode).toBe(303);
    expect((await post(`${url}/publish`, rev, { version: '3' })).statusCode).toBe(303);
  });

  it('shows the deadline board to the 公开办', async () => {
    const res = await get(`/console/reports/board?agency=${agency.id}&year=${Y}`, office);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('2025-03-31');
  });
});
