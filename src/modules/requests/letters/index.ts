// 答复告知书: the letter that answers a 依申请公开 request, as DOCX and PDF. The requests module's routes serve them.
export type { ReplyLetter, ReplyLetterInput } from './letter.types.ts';
export { NATIONAL_LETTERS_CONFIG, resolveLettersConfig, LettersConfigError, type LettersConfig } from './letters.config.ts';
export { buildReplyLetter, checkReplyLetterInput, defaultLetterNumber, formatChineseDate, remedySentence } from './templates.ts';
export { renderReplyLetterDocx } from './docx.ts';
export { renderReplyLetterPdf } from './pdf.ts';
