// The monthly report per agency (issue 7 统一监管): DOCX for reading and filing, XLSX for further analysis. Both carry the
// 三率 with their formulas, volumes by type and channel, top categories and the overdue tickets.
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import ExcelJS from 'exceljs';
import { formatRate } from './deadlines.ts';
import { TICKET_STATES, type TicketState } from './hotline.workflow.ts';
import type { MonthlyReport } from './supervision.service.ts';

interface Sheet {
  name: string;
  caption: string;
  header: string[];
  rows: (string | number)[][];
}

const stamp = (d: Date) => d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/** The report's tables as rows, shared by DOCX and XLSX. */
export function reportSheets(r: MonthlyReport): Sheet[] {
  const d = r.dashboard;
  const rates = [d.rates.response, d.rates.resolution, d.rates.satisfaction, d.rates.onTimeClosure];
  return [
    {
      name: '三率',
      caption: '一、三率',
      header: ['指标', '分子', '分母', '比率', '计算公式'],
      rows: [
        ...rates.map((x) => [x.name, Math.round(x.numerator * 100) / 100, x.denominator, formatRate(x), x.formula]),
        ['综合得分', '', '', d.rates.composite.score === null ? '—' : String(d.rates.composite.score), d.rates.composite.formula],
      ],
    },
    { name: '类型', caption: '二、按诉求类型', header: ['类型', '工单数'], rows: d.byType.map((t) => [t.name, t.count]) },
    { name: '渠道', caption: '三、按受理渠道', header: ['渠道', '工单数'], rows: d.byChannel.map((c) => [c.name, c.count]) },
    { name: '分类', caption: '四、诉求分类前十', header: ['分类', '工单数'], rows: d.topCategories.map((c) => [c.name, c.count]) },
    { name: '超期', caption: '五、当前超期工单', header: ['工单编号', '环节', '分类', '时限'], rows: r.overdueTickets.map((t) => [t.number, TICKET_STATES[t.state as TicketState] ?? t.state, t.category, stamp(t.dueAt)]) },
  ];
}

function cell(text: string, bold = false): TableCell {
  return new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold, font: 'SimSun', size: 21 })] })] });
}

export async function monthlyReportDocx(r: MonthlyReport): Promise<Buffer> {
  const d = r.dashboard;
  const title = `${r.agency.name}12345热线工单办理月报（${r.month}）`;
  const children: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun({ text: title, font: 'SimSun', size: 36, bold: true })] }),
    new Paragraph({ children: [new TextRun({ text: `统计期：${d.from} 至 ${d.to}（按受理时间）。本期受理 ${d.total} 件，当前超期 ${d.overdue} 件。生成时间：${stamp(r.generatedAt)}。`, font: 'SimSun', size: 24 })] }),
  ];
  for (const s of reportSheets(r)) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text: s.caption, font: 'SimHei', size: 28 })] }));
    if (s.rows.length === 0) {
      children.push(new Paragraph({ children: [new TextRun({ text: '无。', font: 'SimSun', size: 24 })] }));
      continue;
    }
    children.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [new TableRow({ tableHeader: true, children: s.header.map((h) => cell(h, true)) }), ...s.rows.map((row) => new TableRow({ children: row.map((v) => cell(String(v))) }))],
      }),
    );
  }
  return Packer.toBuffer(new Document({ creator: 'gongkai', title, sections: [{ children }] }));
}

export async function monthlyReportXlsx(r: MonthlyReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'gongkai';
  wb.created = r.generatedAt;
  for (const s of reportSheets(r)) {
    const ws = wb.addWorksheet(s.name);
    ws.addRow([`${r.agency.name} ${r.month} ${s.caption}`]).font = { bold: true };
    ws.addRow(s.header).font = { bold: true };
    for (const row of s.rows) ws.addRow(row);
    ws.columns.forEach((c) => {
      c.width = 18;
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
