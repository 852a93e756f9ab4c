// Outside figures from XLSX or CSV (行政许可 / 行政处罚 / 行政强制 counts and 行政事业性收费 in 万元). Pure parsing
// and checking; every problem names its row and column, and one bad row rejects the whole file.
import ExcelJS from 'exceljs';
import type { FieldError } from '../../platform/http/errors.ts';

export const IMPORT_COLUMNS = {
  agency: { label: '机关代码', aliases: ['机关代码', 'agency', 'code'] },
  year: { label: '年度', aliases: ['年度', 'year'] },
  licensing: { label: '行政许可', aliases: ['行政许可', 'licensing'] },
  penalty: { label: '行政处罚', aliases: ['行政处罚', 'penalty'] },
  enforcement: { label: '行政强制', aliases: ['行政强制', 'enforcement'] },
  feesWanYuan: { label: '行政事业性收费（万元）', aliases: ['行政事业性收费（万元）', '行政事业性收费(万元)', '行政事业性收费', 'feeswanyuan', 'fees'] },
} as const;
export type ImportColumn = keyof typeof IMPORT_COLUMNS;
const COLUMN_IDS = Object.keys(IMPORT_COLUMNS) as ImportColumn[];

export interface ImportedFigures {
  agencyCode: string;
  year: number;
  /** undefined: the file has no such column, and the stored figure is kept */
  licensing: number | null | undefined;
  penalty: number | null | undefined;
  enforcement: number | null | undefined;
  feesWanYuan: number | null | undefined;
}

/** RFC 4180 CSV: quoted fields with "" escapes, CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      row.push(cell);
      out.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    out.push(row);
  }
  return out.filter((r) => r.some((c) => c.trim() !== ''));
}

/** The first worksheet as text cells. */
export async function parseXlsx(bytes: Uint8Array): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) return [];
  const out: string[][] = [];
  ws.eachRow({ includeEmpty: false }, (r) => {
    const cells: string[] = [];
    for (let c = 1; c <= r.cellCount; c++) {
      const v = r.getCell(c).value;
      cells.push(v === null || v === undefined ? '' : typeof v === 'object' && 'result' in v ? String(v.result ?? '') : typeof v === 'object' && 'richText' in v ? v.richText.map((t) => t.text).join('') : String(v));
    }
    out.push(cells);
  });
  return out;
}

const INT = /^\d{1,9}$/;
const DECIMAL = /^\d{1,10}(\.\d{1,4})?$/;

/**
 * Checks parsed rows (the first is the header) against the known agency codes and the years allowed.
 * Returns the figures, or every problem as 第 N 行“列名”：… (N counts the header as row 1, as a spreadsheet does).
 */
export function checkImportRows(table: readonly (readonly string[])[], known: { agencyCodes: ReadonlySet<string>; minYear: number; maxYear: number }): { rows: ImportedFigures[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const header = (table[0] ?? []).map((h) => h.trim().toLowerCase().replace(/\s/g, ''));
  const index = {} as Record<ImportColumn, number>;
  for (const id of COLUMN_IDS) {
    index[id] = header.findIndex((h) => (IMPORT_COLUMNS[id].aliases as readonly string[]).some((a) => a.toLowerCase() === h));
  }
  for (const id of ['agency', 'year'] as const) {
    if (index[id] < 0) errors.push({ field: 'file', message: `第 1 行缺少“${IMPORT_COLUMNS[id].label}”列` });
  }
  if (COLUMN_IDS.slice(2).every((id) => index[id] < 0)) errors.push({ field: 'file', message: '第 1 行没有任何数据列（行政许可、行政处罚、行政强制、行政事业性收费（万元））' });
  if (table.length < 2) errors.push({ field: 'file', message: '文件中没有数据行' });
  if (errors.length) return { rows: [], errors };

  const rows: ImportedFigures[] = [];
  const seen = new Set<string>();
  for (let r = 1; r < table.length; r++) {
    const line = table[r] ?? [];
    const at = (id: ImportColumn) => (index[id] < 0 ? '' : (line[index[id]] ?? '').trim());
    const bad = (id: ImportColumn, why: string) => errors.push({ field: 'file', message: `第 ${r + 1} 行“${IMPORT_COLUMNS[id].label}”：${why}` });
    const code = at('agency');
    if (!code) bad('agency', '不能为空');
    else if (!known.agencyCodes.has(code)) bad('agency', `没有代码为“${code.slice(0, 40)}”的机关`);
    const yearText = at('year');
    const year = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
    if (!Number.isInteger(year)) bad('year', '应为四位年份');
    else if (year < known.minYear || year > known.maxYear) bad('year', `应在 ${known.minYear} 至 ${known.maxYear} 年之间`);
    const figure = (id: 'licensing' | 'penalty' | 'enforcement' | 'feesWanYuan'): number | null | undefined => {
      if (index[id] < 0) return undefined;
      const v = at(id).replace(/,/g, '');
      if (v === '') return null;
      if (v.startsWith('-')) {
        bad(id, '不能为负数');
        return null;
      }
      if (id === 'feesWanYuan' ? !DECIMAL.test(v) : !INT.test(v)) {
        bad(id, id === 'feesWanYuan' ? '应为非负数（最多 4 位小数）' : '应为非负整数');
        return null;
      }
      return Number(v);
    };
    const values = { licensing: figure('licensing'), penalty: figure('penalty'), enforcement: figure('enforcement'), feesWanYuan: figure('feesWanYuan') };
    const key = `${code}/${yearText}`;
    if (code && seen.has(key)) bad('agency', `与前面的行重复（${code} ${yearText} 年）`);
    seen.add(key);
    rows.push({ agencyCode: code, year, ...values });
  }
  return errors.length ? { rows: [], errors } : { rows, errors };
}
