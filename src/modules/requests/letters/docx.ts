// The 告知书 as a Word document laid out like a printed 公文 (GB/T 9704-2012): A4, 版心 margins, title in a Song
// face 二号, body in 仿宋 三号 with a two-character first-line indent and a fixed 28-point line.
import { AlignmentType, Document, Footer, LineRuleType, Packer, PageNumber, Paragraph, TextRun } from 'docx';
import { NATIONAL_LETTERS_CONFIG, type LettersConfig } from './letters.config.ts';
import type { ReplyLetter, ReplyLetterInput } from './letter.types.ts';
import { buildReplyLetter } from './templates.ts';

/** Font names as Chinese Word installs them; a reader without them gets Word's own substitute. */
export const DOCX_FONTS = { title: '方正小标宋简体', titleFallback: '宋体', body: '仿宋_GB2312', bodyFallback: '仿宋' } as const;

// half-points: 二号 22 pt, 三号 16 pt (GB/T 9704-2012 7.3.1, 7.3.3)
const TITLE_SIZE = 44;
const BODY_SIZE = 32;
/** 28 pt in twips: 22 lines of 28 characters per page on A4 with the 版心 margins */
const LINE = 560;

/** millimetres → twips, rounded (docx's own helper truncates: A4 would come out 11905 × 16837, not Word's 11906 × 16838) */
function mm(n: number): number {
  return Math.round((n * 1440) / 25.4);
}

function font(name: string, fallback: string) {
  // eastAsia carries the Chinese face; ascii/hAnsi the fallback so digits and Latin letters stay in a Chinese-friendly face
  return { eastAsia: name, ascii: fallback, hAnsi: fallback, cs: fallback };
}

const BODY_FONT = font(DOCX_FONTS.body, DOCX_FONTS.bodyFallback);
const TITLE_FONT = font(DOCX_FONTS.title, DOCX_FONTS.titleFallback);

function run(text: string, title: boolean): TextRun {
  return new TextRun({ text, font: title ? TITLE_FONT : BODY_FONT, size: title ? TITLE_SIZE : BODY_SIZE });
}

function line(text: string, align: 'left' | 'center' | 'right' | 'indent', options: { title?: boolean; spaceAfter?: number } = {}): Paragraph {
  return new Paragraph({
    alignment: align === 'center' ? AlignmentType.CENTER : align === 'right' ? AlignmentType.RIGHT : AlignmentType.JUSTIFIED,
    // two characters of 三号 = 640 twips
    indent: align === 'indent' ? { firstLine: 640 } : align === 'right' ? { right: 640 } : undefined,
    spacing: { line: LINE, lineRule: LineRuleType.EXACT, after: options.spaceAfter ?? 0 },
    children: [run(text, options.title ?? false)],
  });
}

/** The laid-out letter as Word paragraphs. */
export function replyLetterDocument(letter: ReplyLetter): Document {
  return new Document({
    creator: letter.issuer,
    title: letter.title,
    description: `${letter.title} ${letter.number}`,
    styles: { default: { document: { run: { font: BODY_FONT, size: BODY_SIZE }, paragraph: { spacing: { line: LINE, lineRule: LineRuleType.EXACT } } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: {
              top: mm(37),
              bottom: mm(35),
              left: mm(28),
              right: mm(26),
            },
          },
        },
        // 页码: 4号 (14 pt) 半角宋体阿拉伯数字 between 一字线 (GB/T 9704-2012 7.5)
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font('宋体', '宋体'), size: 28 })],
              }),
            ],
          }),
        },
        children: [
          line(letter.issuer, 'center', { title: true }),
          line(letter.title, 'center', { title: true, spaceAfter: LINE / 2 }),
          line(letter.number, 'center', { spaceAfter: LINE / 2 }),
          line(letter.salutation, 'left'),
          ...letter.paragraphs.map((p) => line(p, 'indent')),
          line(letter.remedy, 'indent'),
          // 正文下空一行 the 署名, the 成文日期 on the next line, both 右空二字 (GB/T 9704-2012 7.3.5.2)
          line(letter.closing, 'indent', { spaceAfter: LINE }),
          line(letter.signature, 'right'),
          line(letter.date, 'right'),
          ...(letter.contact ? [line(`（${letter.contact}）`, 'indent')] : []),
        ],
      },
    ],
  });
}

/** The 答复告知书 as a .docx file. Throws VALIDATION_FAILED when the input cannot make a lawful letter. */
export async function renderReplyLetterDocx(input: ReplyLetterInput, config: LettersConfig = NATIONAL_LETTERS_CONFIG): Promise<Buffer> {
  return Packer.toBuffer(replyLetterDocument(buildReplyLetter(input, config)));
}
