import { deflateSync } from 'node:zlib';
import { Document, Footer, Packer, Paragraph, TextRun } from 'docx';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { DOCX_MIME, extractText, PDF_MIME, XLSX_MIME } from './attachments.ts';
import { scanText } from './scanner.ts';

async function pdfkitBuffer(lines: string[]): Promise<Buffer> {
  const doc = new PDFDocument();
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  lines.forEach((line, i) => {
    if (i > 0) doc.addPage();
    doc.text(line);
  });
  doc.end();
  return done;
}

/** A PDF as office software writes Chinese: a composite font (Identity-H) whose codes map to text only via ToUnicode. */
function cjkPdf(opts: { toUnicode: boolean; encrypted?: boolean }): Buffer {
  const chars = '申请人张三手机';
  const codes = [...chars].map((_, i) => (i + 1).toString(16).padStart(4, '0'));
  const digits = '13812345678';
  const hex = codes.join('') + [...digits].map((d) => (0x10 + Number(d)).toString(16).padStart(4, '0')).join('');
  const content = deflateSync(Buffer.from(`BT /F1 12 Tf 72 700 Td <${hex}> Tj ET`, 'latin1'));
  const bfchar = [...chars].map((ch, i) => `<${codes[i]}> <${ch.charCodeAt(0).toString(16).padStart(4, '0')}>`).join('\n');
  const cmap = `/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n${chars.length} beginbfchar\n${bfchar}\nendbfchar\n1 beginbfrange <0010> <0019> <0030> endbfrange\nendcmap end end`;
  const parts: (string | Buffer)[] = [
    '%PDF-1.5\n',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n',
    '3 0 obj << /Type /Page /Parent 2 0 R /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >> endobj\n',
    `4 0 obj << /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H${opts.toUnicode ? ' /ToUnicode 6 0 R' : ''} >> endobj\n`,
    `5 0 obj << /Length ${content.length} /Filter /FlateDecode >> stream\n`,
    content,
    '\nendstream endobj\n',
    `6 0 obj << /Length ${cmap.length} >> stream\n${cmap}\nendstream endobj\n`,
    `trailer << /Root 1 0 R${opts.encrypted ? ' /Encrypt 7 0 R' : ''} >>\n%%EOF\n`,
  ];
  return Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : p)));
}

describe('extractText', () => {
  it('reads a DOCX body, its runs, paragraphs, entities and footer', async () => {
    const doc = new Document({
      sections: [
        {
          footers: { default: new Footer({ children: [new Paragraph('联系人：王建国 13912345678')] }) },
          children: [
            new Paragraph({ children: [new TextRun('申请人李娜，身份证号'), new TextRun({ text: '500103199001010010', bold: true }), new TextRun(' & <附件>')] }),
            new Paragraph('第二段'),
          ],
        },
      ],
    });
    const text = extractText(await Packer.toBuffer(doc), DOCX_MIME);
    expect(text).toContain('申请人李娜，身份证号500103199001010010 & <附件>\n第二段');
    expect(text).toContain('联系人：王建国 13912345678');
    expect(scanText(text ?? '').map((f) => f.type)).toEqual(['name', 'id_card', 'name', 'mobile']);
  });

  it('reads every cell of an XLSX, strings and numbers', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(['姓名', '身份证号', '手机']);
    ws.addRow(['张三', '500103199001010010', 13812345678]);
    const text = extractText(Buffer.from(await wb.xlsx.writeBuffer()), XLSX_MIME);
    expect(text).toBe('姓名\t身份证号\t手机\n张三\t500103199001010010\t13812345678');
  });

  it('reads a simple PDF (standard fonts, compressed content, several pages)', async () => {
    const text = extractText(await pdfkitBuffer(['Mobile 13812345678 mail a.b@163.com', 'ID 500103199001010010']), PDF_MIME);
    expect(text).toContain('Mobile 13812345678 mail a.b@163.com');
    expect(text).toContain('ID 500103199001010010');
  });

  it('reads Chinese from a PDF through its ToUnicode map', () => {
    expect(extractText(cjkPdf({ toUnicode: true }), PDF_MIME)).toBe('申请人张三手机13812345678');
  });

  it('returns null when it cannot be sure (the clerk must confirm a manual check)', async () => {
    expect(extractText(cjkPdf({ toUnicode: false }), PDF_MIME)).toBeNull();
    expect(extractText(cjkPdf({ toUnicode: true, encrypted: true }), PDF_MIME)).toBeNull();
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('正文')] }] }));
    expect(extractText(docx.subarray(0, docx.length - 40), DOCX_MIME)).toBeNull();
    expect(extractText(Buffer.from('%PDF-1.4\n%%EOF'), PDF_MIME)).toBeNull();
    expect(extractText(Buffer.from('not a zip'), DOCX_MIME)).toBeNull();
    expect(extractText(Buffer.from([0xff, 0xd8, 0xff]), 'image/jpeg')).toBeNull();
    expect(extractText(Buffer.from([0xc3, 0x28]), 'text/plain')).toBeNull();
  });

  it('reads UTF-8 plain text', () => {
    expect(extractText(Buffer.from('来电人王建国', 'utf8'), 'text/plain; charset=utf-8')).toBe('来电人王建国');
  });
});
