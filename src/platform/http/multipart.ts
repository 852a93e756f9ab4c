// Reads a multipart/form-data body as it streams in, keeping text fields and files only up to the caller's limits.
// Routes use it as their Fastify content-type parser, so `_csrf` is in the body before the session's CSRF check (a
// root preValidation hook; @fastify/multipart would fill the body only in its own, later, preValidation hook).
// Memory stays bounded: a file over its own limit, or past the total, is read on and dropped (its size still counted,
// so the service can refuse with the form and a clear message, the other fields kept); a body past `bodyBytes` is
// refused (413) without reading further. Fastify's `bodyLimit` does not apply to a streaming parser: this does.
import { Busboy, type BusboyHeaders, type BusboyInstance } from '@fastify/busboy';
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { AppError } from './errors.ts';

export interface MultipartLimits {
  /** files kept; later files are read past and dropped */
  files: number;
  /** the file fields to keep (default: every field) */
  fileFields?: readonly string[];
  /** one file's bytes are kept up to this */
  fileBytes: number;
  /** the kept files' bytes together up to this */
  totalBytes: number;
  /** the whole body: past it the post is refused (PAYLOAD_TOO_LARGE) and not read on */
  bodyBytes: number;
  /** that refusal's message (name the limit) */
  tooLargeMessage: string;
}

export interface MultipartFile {
  field: string;
  filename: string;
  /** the content; empty when dropped (over `fileBytes`, or past `totalBytes`), so `size` > `bytes.byteLength` */
  bytes: Uint8Array;
  /** the bytes the part carried, dropped or not */
  size: number;
}

export interface MultipartForm {
  /** text fields in order (a name may repeat) */
  fields: [string, string][];
  files: MultipartFile[];
}

/** The text of a form: the longest textarea takes 4 000 characters (12 KB in UTF-8); these bound memory, not input. */
export const FORM_TEXT = {
  fields: 200,
  fieldBytes: 64 * 1024,
  /** what a body may carry beside its files (field parts, part headers, boundaries) */
  allowance: 256 * 1024,
} as const;

const UNREADABLE = '提交的表单无法读取，请重新选择文件后提交。';

/** '20 MB', '1.5 MB', '12 KB': a size or a limit as people read it (1 MB = 1024 × 1024 bytes). */
export function sizeText(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  if (mb >= 1) return `${Number.isInteger(mb) ? mb : Math.round(mb * 10) / 10} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * Reads the body under `limits`. Throws PAYLOAD_TOO_LARGE past `bodyBytes` (also when Content-Length says so, before
 * reading) or for a text field over FORM_TEXT.fieldBytes, BAD_REQUEST for a body that is not readable multipart.
 */
export function readMultipart(headers: IncomingHttpHeaders, body: Readable, limits: MultipartLimits): Promise<MultipartForm> {
  const tooLarge = (message = limits.tooLargeMessage) => new AppError('PAYLOAD_TOO_LARGE', message);
  if (Number(headers['content-length']) > limits.bodyBytes) return Promise.reject(tooLarge());

  return new Promise<MultipartForm>((resolve, reject) => {
    let parser: BusboyInstance;
    try {
      parser = Busboy({
        headers: headers as BusboyHeaders,
        limits: { fields: FORM_TEXT.fields, fieldSize: FORM_TEXT.fieldBytes, parts: FORM_TEXT.fields + 100, headerPairs: 100 },
      });
    } catch {
      reject(new AppError('BAD_REQUEST', UNREADABLE)); // no boundary, or not multipart
      return;
    }
    const form: MultipartForm = { fields: [], files: [] };
    let held = 0; // file bytes held in memory now, all files together
    let received = 0;
    let open = 1; // the parser itself, and each file still streaming
    let settled = false;

    const settle = (err?: AppError): void => {
      if (settled) return;
      if (!err && --open > 0) return;
      settled = true;
      body.off('data', count);
      body.unpipe(parser);
      if (err) {
        body.pause();
        parser.removeAllListeners('field').removeAllListeners('file');
        reject(err);
      } else resolve(form);
    };
    const count = (chunk: Buffer | string): void => {
      received += chunk.length;
      if (received > limits.bodyBytes) settle(tooLarge());
    };

    parser.on('field', (name, value, nameTruncated, valueTruncated) => {
      if (nameTruncated || valueTruncated) return settle(tooLarge(`表单中有一项文字过长（每项不能超过 ${sizeText(FORM_TEXT.fieldBytes)}），请删减后重新提交。`));
      form.fields.push([name, value]);
    });
    parser.on('file', (field, stream, filename) => {
      // no file chosen (an empty part), a field not asked for, or one file too many: read past it
      if (!filename || (limits.fileFields && !limits.fileFields.includes(field)) || form.files.length >= limits.files) {
        stream.resume();
        return;
      }
      open++;
      const file: MultipartFile = { field, filename, bytes: new Uint8Array(0), size: 0 };
      form.files.push(file);
      let chunks: Buffer[] | null = [];
      stream.on('data', (chunk: Buffer) => {
        file.size += chunk.length;
        if (!chunks) return;
        if (file.size > limits.fileBytes || held + chunk.length > limits.totalBytes) {
          // dropped: counted on, not kept (and what it held is let go)
          held -= file.size - chunk.length;
          chunks = null;
          return;
        }
        chunks.push(chunk);
        held += chunk.length;
      });
      stream.on('end', () => {
        if (chunks) file.bytes = concat(chunks, file.size);
        settle();
      });
      stream.on('error', () => settle(new AppError('BAD_REQUEST', UNREADABLE)));
    });
    parser.on('partsLimit', () => settle(new AppError('BAD_REQUEST', '提交的表单项过多，无法读取。')));
    parser.on('fieldsLimit', () => settle(new AppError('BAD_REQUEST', '提交的表单项过多，无法读取。')));
    parser.on('error', () => settle(new AppError('BAD_REQUEST', UNREADABLE)));
    parser.on('finish', () => settle());
    body.on('error', () => settle(new AppError('BAD_REQUEST', UNREADABLE)));
    body.on('data', count);
    body.pipe(parser);
  });
}

function concat(chunks: readonly Buffer[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
