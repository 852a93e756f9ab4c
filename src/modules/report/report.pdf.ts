// The report as PDF (pdfkit with the embedded CJK font from platform/export): title, sections, tables as ruled text.
import { createPdf, pdfToBuffer } from '../../platform/export/cjk-font.ts';
import { GOVERNMENT_EXTRA_TITLE, SECTION_TITLES } from './report.format.ts';
import { placeHeader, tableRows } from './report.export.ts';
import type { AnnualReport, ReportDraft } from './report.service.ts';
import { feeSentence, reportTitle } from './views/report-document.tsx';

type DraftText = Pick<ReportDraft, 'overview' | 'problems' | 'assessment' | 'otherMatters'>;

export async function toPdf(r: AnnualReport, draft: DraftText, isGovernment: boolean): Promise<Buffer> {
  const title = reportTitle(r.agency.name, r.year);
  const doc = createPdf({ title, author: r.agency.name });
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const heading = (t: string) => doc.moveDown(0.6).fontSize(14).text(t).fontSize(10.5);
  const text = (t: string) => {
    const ps = t.split(/\n+/).map((p) => p.trim()).filter(Boolean);
    for (const p of ps.length ? ps : ['（未填写）']) doc.text(p, { indent: 21 });
  };
  const table = (name: string) => {
    const t = tableRows(r).find((x) => x.name === name)!;
    doc.moveDown(0.3).fontSize(10.5).text(t.caption);
    // the header flattened to a grid: a spanned cell's text in its first column (rules drawn per cell)
    const grid: string[][] = t.header.map(() => []);
    const placed = placeHeader(t.header);
    const cols = Math.max(...t.body.map((row) => row.length), ...placed.map((p) => p.col + (p.cell.colSpan ?? 1)));
    for (const g of grid) for (let c = 0; c < cols; c++) g.push('');
    for (const p of placed) grid[p.row]![p.col] = p.cell.text;
    const first = cols > 8 ? width * 0.12 : cols > 2 ? width * 0.4 : width * 0.6;
    const rest = (width - first) / Math.max(1, cols - 1);
    const size = cols > 8 ? 6 : 8;
    for (const row of [...grid, ...t.body]) {
      const y = doc.y;
      let h = 0;
      row.forEach((cell, i) => {
        const w = i === 0 ? first : rest;
        h = Math.max(h, doc.fontSize(size).heightOfString(cell, { width: w - 4 }));
      });
      if (y + h + 4 > doc.page.height - doc.page.margins.bottom) doc.addPage();
      const top = doc.y;
      let x = doc.page.margins.left;
      row.forEach((cell, i) => {
        const w = i === 0 ? first : rest;
        doc.rect(x, top, w, h + 4).lineWidth(0.5).stroke();
        doc.fontSize(size).text(cell, x + 2, top + 2, { width: w - 4 });
        x += w;
      });
      doc.x = doc.page.margins.left;
      doc.y = top + h + 4;
    }
    doc.fontSize(10.5);
  };
  doc.fontSize(18).text(title, { align: 'center' }).fontSize(10.5);
  heading(SECTION_TITLES.overview);
  text(draft.overview);
  heading(SECTION_TITLES.active);
  for (const n of ['二（一）', '二（五）', '二（六）', '二（八）']) table(n);
  heading(SECTION_TITLES.requests);
  table('三');
  heading(SECTION_TITLES.review);
  table('四');
  heading(SECTION_TITLES.problems);
  text(draft.problems);
  if (isGovernment) {
    doc.moveDown(0.3).text(GOVERNMENT_EXTRA_TITLE);
    text(draft.assessment);
  }
  heading(SECTION_TITLES.other);
  doc.text(feeSentence(r), { indent: 21 });
  table('重点领域');
  text(draft.otherMatters);
  return pdfToBuffer(doc);
}
