// The 告知书 as a PDF with the CJK font embedded (a subset): the same layout as docx.ts, for printing and e-mail.
import { createPdf, pdfToBuffer } from '../../../platform/export/cjk-font.ts';
import { NATIONAL_LETTERS_CONFIG, type LettersConfig } from './letters.config.ts';
import type { ReplyLetter, ReplyLetterInput } from './letter.types.ts';
import { buildReplyLetter } from './templates.ts';

// points: 二号 22 pt, 三号 16 pt; a 28-point line (GB/T 9704-2012)
const TITLE_SIZE = 22;
const BODY_SIZE = 16;
const LINE_PITCH = 28;

/** Draws the laid-out letter on a new A4 document and returns its bytes. */
export async function replyLetterPdf(letter: ReplyLetter): Promise<Buffer> {
  const doc = createPdf({ title: `${letter.title} ${letter.number}`, author: letter.issuer });
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const left = doc.page.margins.left;
  // pdfkit adds lineGap to the font's own line height (ascender − descender), so the gap is what is left of 28 pt
  const lineGap = Math.max(0, LINE_PITCH - doc.fontSize(BODY_SIZE).currentLineHeight(true));
  const block = (text: string, options: PDFKit.Mixins.TextOptions) => doc.text(text, left, undefined, { width, lineGap, ...options });

  doc.fontSize(TITLE_SIZE);
  block(letter.issuer, { align: 'center', lineGap: 6 });
  block(letter.title, { align: 'center', lineGap: 6 });
  doc.moveDown(0.5).fontSize(BODY_SIZE);
  block(letter.number, { align: 'center' });
  doc.moveDown(0.5);
  block(letter.salutation, { align: 'left' });
  for (const p of [...letter.paragraphs, letter.remedy, letter.closing]) block(p, { align: 'justify', indent: BODY_SIZE * 2 });
  // 正文下空一行 the 署名, the 成文日期 on the next line, both 右空二字 (GB/T 9704-2012 7.3.5.2)
  doc.moveDown(1);
  block(letter.signature, { align: 'right', width: width - BODY_SIZE * 2 });
  block(letter.date, { align: 'right', width: width - BODY_SIZE * 2 });
  if (letter.contact) {
    block(`（${letter.contact}）`, { align: 'left', indent: BODY_SIZE * 2 });
  }
  // 页码 — n — centred under the 版心 (GB/T 9704-2012 7.5), only when the letter runs over one page
  const range = doc.bufferedPageRange();
  if (range.count > 1) {
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0; // drawing inside the bottom margin must not open a new page
      doc.fontSize(14).text(`— ${i - range.start + 1} —`, left, doc.page.height - bottom + 14, { width, align: 'center', lineBreak: false });
      doc.page.margins.bottom = bottom;
    }
  }
  return pdfToBuffer(doc);
}

/** The 答复告知书 as a PDF. Throws VALIDATION_FAILED when the input cannot make a lawful letter. */
export async function renderReplyLetterPdf(input: ReplyLetterInput, config: LettersConfig = NATIONAL_LETTERS_CONFIG): Promise<Buffer> {
  return replyLetterPdf(buildReplyLetter(input, config));
}
