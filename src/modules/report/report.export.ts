// Exports of a computed report: JSON (the CLI contract of issue 6), DOCX in the official layout, XLSX with one
// sheet per table, and a standalone HTML document. PDF is report.pdf.ts.
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import ExcelJS from 'exceljs';
import {
  ACTIVE_ROW_LABELS,
  ACTIVE_TABLES,
  GOVERNMENT_EXTRA_TITLE,
  REQUEST_COLUMNS,
  REQUEST_ROW_KEYS,
  REQUEST_ROW_LABELS,
  REQUEST_ROW_ORDER,
  REVIEW_GROUPS,
  REVIEW_RESULT_LABELS,
  REVIEW_SUBGROUPS,
  SECTION_TITLES,
  type RequestRowKey,
  type Violation,
} from './report.format.ts';
import type { AnnualReport, ReportDraft } from './report.service.ts';
import { feeSentence, reportTitle } from './views/report-document.tsx';

type DraftText = Pick<ReportDraft, 'overview' | 'problems' | 'assessment' | 'otherMatters'>;

/** The JSON shape of `gongkai report annual --format json` (issue 6; a stable contract). */
export interface ReportJson {
  agency: { code: string; name: string };
  year: number;
  sections: {
    active: AnnualReport['tables']['active'];
    requests: { columns: string[]; rows: Record<RequestRowKey, number[]> };
    review: number[];
  };
  keyAreas: AnnualReport['keyAreas'];
  violations: Violation[];
}

export function toReportJson(r: AnnualReport): ReportJson {
  return {
    agency: { code: r.agency.code, name: r.agency.name },
    year: r.year,
    sections: {
      active: r.tables.active,
      requests: { columns: [...REQUEST_COLUMNS], rows: Object.fromEntries(REQUEST_ROW_KEYS.map((k) => [k, r.tables.requests.rows[k]])) as Record<RequestRowKey, number[]> },
      review: r.tables.review,
    },
    keyAreas: r.keyAreas,
    violations: r.violations,
  };
}

const dash = (n: number | null): string => (n === null ? '—' : String(n));

/** A header cell; spans as in HTML. */
export interface HeaderCell {
  text: string;
  colSpan?: number;
  rowSpan?: number;
}
export interface ExportTable {
  name: string;
  caption: string;
  header: HeaderCell[][];
  body: string[][];
}

const plain = (texts: readonly string[]): HeaderCell[] => texts.map((text) => ({ text }));

/** Where each header cell sits in the grid (0-based row and column), the HTML table algorithm for spans. */
export function placeHeader(rows: readonly (readonly HeaderCell[])[]): { row: number; col: number; cell: HeaderCell }[] {
  const taken = new Set<string>();
  const out: { row: number; col: number; cell: HeaderCell }[] = [];
  rows.forEach((cells, row) => {
    let col = 0;
    for (const cell of cells) {
      while (taken.has(`${row},${col}`)) col++;
      out.push({ row, col, cell });
      for (let r = 0; r < (cell.rowSpan ?? 1); r++) for (let c = 0; c < (cell.colSpan ?? 1); c++) taken.add(`${row + r},${col + c}`);
      col += cell.colSpan ?? 1;
    }
  });
  return out;
}

/** The tables with their official headers (merged cells as spans), shared by DOCX, XLSX and PDF. */
export function tableRows(r: AnnualReport): ExportTable[] {
  const a = r.tables.active;
  const reqRows = REQUEST_ROW_ORDER.map((k) => (k === 'results' ? [REQUEST_ROW_LABELS.results, '', '', '', '', '', '', ''] : [REQUEST_ROW_LABELS[k], ...r.tables.requests.rows[k].map(String)]));
  return [
    { name: '二（一）', caption: ACTIVE_TABLES.t1.caption, header: [plain(ACTIVE_TABLES.t1.head)], body: (['rules', 'normative'] as const).map((g) => [ACTIVE_ROW_LABELS[g], String(a[g].issued), String(a[g].repealed), String(a[g].inForce)]) },
    { name: '二（五）', caption: ACTIVE_TABLES.t5.caption, header: [plain(ACTIVE_TABLES.t5.head)], body: [[ACTIVE_ROW_LABELS.licensing, dash(a.licensing)]] },
    { name: '二（六）', caption: ACTIVE_TABLES.t6.caption, header: [plain(ACTIVE_TABLES.t6.head)], body: [[ACTIVE_ROW_LABELS.penalty, dash(a.penalty)], [ACTIVE_ROW_LABELS.enforcement, dash(a.enforcement)]] },
    { name: '二（八）', caption: ACTIVE_TABLES.t8.caption, header: [plain(ACTIVE_TABLES.t8.head)], body: [[ACTIVE_ROW_LABELS.fees, a.feesWanYuan === null ? '—' : String(a.feesWanYuan)]] },
    {
      name: '三',
      caption: SECTION_TITLES.requests,
      header: [
        [{ text: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', rowSpan: 3 }, { text: '申请人情况', colSpan: 7 }],
        [{ text: '自然人', rowSpan: 2 }, { text: '法人或其他组织', colSpan: 5 }, { text: '总计', rowSpan: 2 }],
        plain(REQUEST_COLUMNS.slice(1, 6)),
      ],
      body: reqRows,
    },
    {
      name: '四',
      caption: SECTION_TITLES.review,
      header: [
        [{ text: REVIEW_GROUPS[0], colSpan: 5, rowSpan: 2 }, { text: REVIEW_GROUPS[1], colSpan: 10 }],
        [{ text: REVIEW_SUBGROUPS[0], colSpan: 5 }, { text: REVIEW_SUBGROUPS[1], colSpan: 5 }],
        plain([0, 1, 2].flatMap(() => [...REVIEW_RESULT_LABELS])),
      ],
      body: [r.tables.review.map(String)],
    },
    { name: '重点领域', caption: '重点领域信息公开情况（本年发布条数）', header: [plain(['重点领域栏目', '本年发布'])], body: r.keyAreas.map((k) => [k.node, String(k.published)]) },
  ];
}

// ─── DOCX ───────────────────────────────────────────────────────────────────────

const FONT = { eastAsia: '仿宋_GB2312', ascii: 'Times New Roman', hAnsi: 'Times New Roman' };

function para(text: string, opts: { bold?: boolean; heading?: (typeof HeadingLevel)[keyof typeof HeadingLevel]; center?: boolean } = {}): Paragraph {
  return new Paragraph({
    ...(opts.heading ? { heading: opts.heading } : {}),
    ...(opts.center ? { alignment: AlignmentType.CENTER } : {}),
    children: [new TextRun({ text, bold: opts.bold ?? false, font: FONT })],
  });
}

function textParas(text: string): Paragraph[] {
  const ps = text.split(/\n+/).map((p) => p.trim()).filter(Boolean);
  return (ps.length ? ps : ['（未填写）']).map((p) => para(p));
}

function docxTable(t: ExportTable): Table {
  const cell = (text: string, bold: boolean, span: { colSpan?: number | undefined; rowSpan?: number | undefined } = {}) =>
    new TableCell({ children: [para(text, { bold })], ...(span.colSpan ? { columnSpan: span.colSpan } : {}), ...(span.rowSpan ? { rowSpan: span.rowSpan } : {}) });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      ...t.header.map((h) => new TableRow({ tableHeader: true, children: h.map((x) => cell(x.text, true, x)) })),
      ...t.body.map((b) => new TableRow({ children: b.map((x, i) => cell(x, i === 0)) })),
    ],
  });
}

/** The official layout: title, then the six sections with the tables under their exact labels. */
export async function toDocx(r: AnnualReport, draft: DraftText, isGovernment: boolean): Promise<Buffer> {
  const tables = tableRows(r);
  const t = (name: string) => tables.find((x) => x.name === name)!;
  const withCaption = (name: string) => [para(t(name).caption, { bold: true }), docxTable(t(name))];
  const doc = new Document({
    title: reportTitle(r.agency.name, r.year),
    sections: [
      {
        children: [
          para(reportTitle(r.agency.name, r.year), { heading: HeadingLevel.TITLE, center: true }),
          para(SECTION_TITLES.overview, { heading: HeadingLevel.HEADING_1 }),
          ...textParas(draft.overview),
          para(SECTION_TITLES.active, { heading: HeadingLevel.HEADING_1 }),
          ...withCaption('二（一）'),
          ...withCaption('二（五）'),
          ...withCaption('二（六）'),
          ...withCaption('二（八）'),
          para(SECTION_TITLES.requests, { heading: HeadingLevel.HEADING_1 }),
          docxTable(t('三')),
          para(SECTION_TITLES.review, { heading: HeadingLevel.HEADING_1 }),
          docxTable(t('四')),
          para(SECTION_TITLES.problems, { heading: HeadingLevel.HEADING_1 }),
          ...textParas(draft.problems),
          ...(isGovernment ? [para(GOVERNMENT_EXTRA_TITLE, { bold: true }), ...textParas(draft.assessment)] : []),
          para(SECTION_TITLES.other, { heading: HeadingLevel.HEADING_1 }),
          para(feeSentence(r)),
          ...withCaption('重点领域'),
          ...textParas(draft.otherMatters),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

// ─── XLSX ───────────────────────────────────────────────────────────────────────

/** One sheet per table; numbers are stored as numbers. */
export async function toXlsx(r: AnnualReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.title = reportTitle(r.agency.name, r.year);
  for (const t of tableRows(r)) {
    const ws = wb.addWorksheet(t.name);
    ws.addRow([t.caption]).font = { bold: true };
    // header rows 2… with the official merged cells
    for (const { row, col, cell } of placeHeader(t.header)) {
      const top = row + 2;
      const left = col + 1;
      const c = ws.getCell(top, left);
      c.value = cell.text;
      c.font = { bold: true };
      c.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
      if ((cell.rowSpan ?? 1) > 1 || (cell.colSpan ?? 1) > 1) ws.mergeCells(top, left, top + (cell.rowSpan ?? 1) - 1, left + (cell.colSpan ?? 1) - 1);
    }
    for (const b of t.body) ws.addRow(b.map((x, i) => (i > 0 && /^\d+(\.\d+)?$/.test(x) ? Number(x) : x)));
    ws.getColumn(1).width = 40;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
