import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError, type CliIo } from '../../cli/context.ts';
import { loadConfig } from '../../config.ts';
import { createDeps, type Deps } from '../../deps.ts';
import type { Database } from '../../platform/db/database.ts';
import { createTestDatabase } from '../../platform/db/testing.ts';
import type { Agency } from '../agencies/index.ts';
import { createTestAgency } from '../agencies/agencies.testing.ts';
import { runReportAnnual } from './report.command.ts';
import { REQUEST_ROW_KEYS } from './report.format.ts';
import { insertTestRequest } from './report.testing.ts';

let database: Database;
let deps: Deps;
let city: Agency;
let dept: Agency;
const dir = mkdtempSync(path.join(tmpdir(), 'gk-report-cli-'));

function capture(): CliIo & { out: string; err: string } {
  const io = { out: '', err: '', stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t), stdin: async () => Buffer.alloc(0) };
  return io;
}

beforeAll(async () => {
  database = await createTestDatabase();
  deps = createDeps(loadConfig({ NODE_ENV: 'test', DATA_DIR: dir }), database);
  city = await createTestAgency(database.db, { kind: 'government' });
  dept = await createTestAgency(database.db, { parentId: city.id });
  await insertTestRequest(database.db, dept.id, { applicantCategory: 'public_interest', receivedOn: '2024-05-01', outcomeCode: 'R-NOTEXIST', withholdReasons: [], concludedOn: '2024-05-20' });
});
afterAll(async () => {
  await database?.close();
});

describe('gongkai report annual', () => {
  it('prints exactly the JSON shape of issue 6', async () => {
    const io = capture();
    expect(await runReportAnnual(deps, ['annual', '--agency', city.code, '--year', '2024', '--format', 'json', '--subtree'], io)).toBe(0);
    const json = JSON.parse(io.out) as Record<string, unknown> & { sections: Record<string, unknown> & { requests: { columns: string[]; rows: Record<string, number[]> }; review: number[]; active: Record<string, unknown> } };
    expect(Object.keys(json)).toEqual(['agency', 'year', 'sections', 'keyAreas', 'violations']);
    expect(json.year).toBe(2024);
    expect(json.agency).toEqual({ code: city.code, name: city.name });
    expect(Object.keys(json.sections)).toEqual(['active', 'requests', 'review']);
    expect(Object.keys(json.sections.active)).toEqual(['rules', 'normative', 'licensing', 'penalty', 'enforcement', 'feesWanYuan']);
    expect(json.sections.active.rules).toEqual({ issued: 0, repealed: 0, inForce: 0 });
    expect(json.sections.requests.columns).toEqual(['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']);
    expect(Object.keys(json.sections.requests.rows)).toEqual(REQUEST_ROW_KEYS);
    expect(json.sections.requests.rows.r4_1).toEqual([0, 0, 0, 1, 0, 0, 1]);
    expect(json.sections.review).toHaveLength(15);
    expect(io.err).toContain('工作日历');

    const own = capture();
    await runReportAnnual(deps, ['annual', '--agency', city.code, '--year', '2024'], own);
    expect((JSON.parse(own.out) as typeof json).sections.requests.rows.r4_1).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('writes DOCX, XLSX, PDF and HTML files', async () => {
    for (const format of ['docx', 'xlsx', 'pdf', 'html']) {
      const out = path.join(dir, `r.${format}`);
      expect(await runReportAnnual(deps, ['annual', '--agency', dept.code, '--year', '2024', '--format', format, '--out', out], capture())).toBe(0);
      const bytes = readFileSync(out);
      if (format === 'docx') expect(await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string')).toContain('政府信息公开工作年度报告');
      if (format === 'pdf') expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      if (format === 'html') {
        const html = bytes.toString('utf8');
        expect(html).toContain('<th scope="row" colspan="2">1.本机关不掌握相关政府信息</th>');
        expect(html).toContain('<figcaption>');
      }
    }
  });

  it('refuses bad usage, an unknown agency and a bad year', async () => {
    await expect(runReportAnnual(deps, ['annual', '--year', '2024'], capture())).rejects.toBeInstanceOf(UsageError);
    await expect(runReportAnnual(deps, ['annual', '--agency', dept.code, '--year', '2024', '--format', 'doc'], capture())).rejects.toBeInstanceOf(UsageError);
    await expect(runReportAnnual(deps, ['annual', '--agency', dept.code, '--year', '2024', '--format', 'docx'], capture())).rejects.toBeInstanceOf(UsageError);
    await expect(runReportAnnual(deps, ['annual', '--agency', 'no-such', '--year', '2024'], capture())).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(runReportAnnual(deps, ['annual', '--agency', dept.code, '--year', '1999'], capture())).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
