// Text of an attachment for the gate. null means "could not extract": the clerk must confirm a manual check.
import { docxText, xlsxText } from './extract/office.ts';
import { pdfText } from './extract/pdf.ts';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const PDF_MIME = 'application/pdf';

/** The text of a DOCX, XLSX, PDF or plain-text attachment; null for anything else or anything unreadable. */
export function extractText(buffer: Buffer, mime: string): string | null {
  const type = (mime.split(';')[0] ?? '').trim().toLowerCase();
  try {
    switch (type) {
      case DOCX_MIME:
        return docxText(buffer);
      case XLSX_MIME:
        return xlsxText(buffer);
      case PDF_MIME:
        return pdfText(buffer);
      case 'text/plain':
      case 'text/csv':
        return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
      default:
        return null;
    }
  } catch {
    return null;
  }
}
