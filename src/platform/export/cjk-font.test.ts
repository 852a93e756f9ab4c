import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { A4_MARGINS, CJK_BOLD_FONT_NAME, cjkBoldFont, cjkFont, CjkFontMissingError, cjkFontPath, createPdf, pdfToBuffer } from './cjk-font.ts';
import { pdfEmbedsFont, pdfText } from './pdf.testing.ts';

describe('cjk font', () => {
  it('finds an installed CJK font file with its PostScript name when it is a collection', () => {
    const font = cjkFont();
    expect(cjkFontPath()).toBe(font.path);
    if (font.path.endsWith('.ttc')) expect(font.family).toMatch(/\S/);
  });

  it('names the package to install when no font is found', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gk-font-'));
    expect(() => cjkFont([{ path: path.join(dir, 'none.ttc'), family: 'X' }])).toThrow(CjkFontMissingError);
    expect(() => cjkFont([{ path: path.join(dir, 'none.ttc'), family: 'X' }])).toThrow(/apt-get install fonts-noto-cjk/);
  });

  it('takes the first candidate that exists', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gk-font-'));
    const present = path.join(dir, 'present.ttf');
    writeFileSync(present, '');
    expect(cjkFont([{ path: path.join(dir, 'absent.ttf') }, { path: present }]).path).toBe(present);
  });
});

describe('createPdf', () => {
  it('writes Chinese text with an embedded font subset whose text can be read back', async () => {
    const doc = createPdf({ title: '测试文件' });
    doc.fontSize(16).text('政府信息公开申请答复告知书');
    doc.fontSize(12).text('申请人：张三，2026年11月28日。');
    const pdf = await pdfToBuffer(doc);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfEmbedsFont(pdf)).toBe(true);
    expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+/); // a subset, not the 20 MB collection
    expect(pdf.length).toBeLessThan(1_000_000);
    const text = pdfText(pdf);
    expect(text).toContain('政府信息公开申请答复告知书');
    expect(text).toContain('张三');
  });

  it('has a bold face for headings', async () => {
    const doc = createPdf();
    doc.font(CJK_BOLD_FONT_NAME).fontSize(18).text('年度报告');
    const pdf = await pdfToBuffer(doc);
    expect(pdfText(pdf)).toContain('年度报告');
    const bold = cjkBoldFont();
    if (bold) expect(pdf.toString('latin1')).toContain(`+${bold.family}`);
  });

  it('uses A4 with the 公文 margins', async () => {
    const doc = createPdf();
    expect(doc.page.width).toBeCloseTo(595.28, 1);
    expect(doc.page.height).toBeCloseTo(841.89, 1);
    expect(doc.page.margins.left).toBe(A4_MARGINS.left);
    expect((await pdfToBuffer(doc)).length).toBeGreaterThan(0);
  });
});
