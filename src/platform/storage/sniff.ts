// What a file really is, judged by its content (the `file-type` package), never by its name alone. A file whose
// content does not match its extension is refused: a renamed executable must not reach the public as a “PDF”.

import { fileTypeFromBuffer } from 'file-type';
import { readZipEntries } from '../privacy/extract/zip.ts';

export interface FileKind {
  id: 'pdf' | 'docx' | 'xlsx' | 'ofd' | 'png' | 'jpeg' | 'gif' | 'webp';
  /** what the interface calls it */
  name: string;
  mime: string;
  /** accepted extensions, lower case, without the dot; the first is the usual one */
  extensions: readonly string[];
}

/** The attachment types the platform accepts (issue 3: PDF, DOCX, XLSX, OFD and images). */
export const FILE_KINDS: readonly FileKind[] = [
  { id: 'pdf', name: 'PDF 文档', mime: 'application/pdf', extensions: ['pdf'] },
  { id: 'docx', name: 'Word 文档（DOCX）', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'] },
  { id: 'xlsx', name: 'Excel 表格（XLSX）', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'] },
  // GB/T 33190-2016 版式文档: a ZIP package whose entry point is OFD.xml
  { id: 'ofd', name: 'OFD 版式文档', mime: 'application/ofd', extensions: ['ofd'] },
  { id: 'png', name: 'PNG 图片', mime: 'image/png', extensions: ['png'] },
  { id: 'jpeg', name: 'JPEG 图片', mime: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  { id: 'gif', name: 'GIF 图片', mime: 'image/gif', extensions: ['gif'] },
  { id: 'webp', name: 'WebP 图片', mime: 'image/webp', extensions: ['webp'] },
];

export const ACCEPTED_EXTENSIONS: readonly string[] = FILE_KINDS.flatMap((k) => k.extensions);

export type SniffResult = { ok: true; kind: FileKind } | { ok: false; reason: 'unsupported_extension' | 'unknown_content' | 'mismatch'; message: string };

export function extensionOf(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

/** An OFD package: a ZIP with OFD.xml at its root. */
export function isOfdPackage(bytes: Buffer): boolean {
  const entries = readZipEntries(bytes);
  return entries !== null && entries.some((e) => e.name === 'OFD.xml');
}

/** The kind of file the content says it is, or null for anything not on the list. */
export async function detectFileKind(bytes: Uint8Array): Promise<FileKind | null> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found = await fileTypeFromBuffer(buf);
  if (!found) return null;
  if (found.ext === 'zip') return isOfdPackage(buf) ? (FILE_KINDS.find((k) => k.id === 'ofd') ?? null) : null;
  return FILE_KINDS.find((k) => k.mime === found.mime) ?? null;
}

const ACCEPTED_LIST = '（可上传 PDF、DOCX、XLSX、OFD、PNG、JPG、GIF、WebP）';

/** Checks an upload: its extension must be accepted and its content must be what the extension says. */
export async function sniffUpload(filename: string, bytes: Uint8Array): Promise<SniffResult> {
  const ext = extensionOf(filename);
  const claimed = FILE_KINDS.find((k) => k.extensions.includes(ext));
  if (!claimed) return { ok: false, reason: 'unsupported_extension', message: `不支持“${ext ? `.${ext}` : '无扩展名'}”类型的附件${ACCEPTED_LIST}` };
  const actual = await detectFileKind(bytes);
  if (!actual) return { ok: false, reason: 'unknown_content', message: `附件“${filename}”的内容不是有效的${claimed.name}，请检查文件是否损坏或被改了扩展名` };
  if (actual.id !== claimed.id) return { ok: false, reason: 'mismatch', message: `附件“${filename}”的内容是${actual.name}，与扩展名 .${ext} 不符，请改正扩展名后重新上传` };
  return { ok: true, kind: actual };
}
