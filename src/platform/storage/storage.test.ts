import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testDocx, testOfd, testPdf, testPng, testXlsx, testZip } from './testing.ts';
import { AppError } from '../http/errors.ts';
import { detectFileKind, extensionOf, sniffUpload } from './sniff.ts';
import { createFileStorage, createLocalFileStorage, sha256Hex } from './storage.ts';

const dirs: string[] = [];
function tmp(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'gk-storage-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('local file storage', () => {
  it('stores content under its SHA-256 and reads it back', async () => {
    const storage = createLocalFileStorage(tmp());
    const bytes = Buffer.from('政务公开 附件内容');
    const stored = await storage.put(bytes);
    expect(stored.key).toBe(sha256Hex(bytes));
    expect(stored.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.sizeBytes).toBe(bytes.length);
    expect(await storage.has(stored.key)).toBe(true);
    expect((await storage.get(stored.key)).equals(bytes)).toBe(true);
  });

  it('keeps one copy of the same content and leaves no temporary files', async () => {
    const root = tmp();
    const storage = createLocalFileStorage(root);
    const bytes = Buffer.from('same');
    const [a, b] = await Promise.all([storage.put(bytes), storage.put(bytes)]);
    expect(a.key).toBe(b.key);
    const files = readdirSync(path.join(root, a.key.slice(0, 2)));
    expect(files).toEqual([`${a.key}.bin`]);
  });

  it('answers NOT_FOUND for an unknown or malformed key', async () => {
    const storage = createLocalFileStorage(tmp());
    await expect(storage.get('0'.repeat(64))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(storage.get('../../etc/passwd')).rejects.toBeInstanceOf(AppError);
    expect(await storage.has('../../etc/passwd')).toBe(false);
  });

  it('lives under DATA_DIR/files in embedded mode', async () => {
    const dataDir = tmp();
    const stored = await createFileStorage({ dataDir }).put(Buffer.from('x'));
    expect(readdirSync(path.join(dataDir, 'files', stored.key.slice(0, 2)))).toContain(`${stored.key}.bin`);
  });
});

describe('sniffing uploads by content', () => {
  it('recognises every accepted type from its bytes', async () => {
    expect((await detectFileKind(await testPdf()))?.id).toBe('pdf');
    expect((await detectFileKind(await testDocx('正文')))?.id).toBe('docx');
    expect((await detectFileKind(await testXlsx()))?.id).toBe('xlsx');
    expect((await detectFileKind(testPng()))?.id).toBe('png');
    expect((await detectFileKind(testOfd()))?.id).toBe('ofd');
    // a plain ZIP is not an OFD
    expect(await detectFileKind(testZip({ 'a.txt': 'hello' }))).toBeNull();
    expect(await detectFileKind(Buffer.from('just text'))).toBeNull();
  });

  it('accepts a file whose content matches its extension, in any case', async () => {
    expect(await sniffUpload('附件1.PDF', await testPdf())).toMatchObject({ ok: true, kind: { mime: 'application/pdf' } });
    expect(await sniffUpload('版式.ofd', testOfd())).toMatchObject({ ok: true, kind: { mime: 'application/ofd' } });
  });

  it('refuses a file lying about its type, with a Chinese message', async () => {
    const r = await sniffUpload('通知.pdf', testPng());
    expect(r).toMatchObject({ ok: false, reason: 'mismatch' });
    if (!r.ok) expect(r.message).toContain('PNG 图片');
    expect(await sniffUpload('表格.xlsx', await testDocx())).toMatchObject({ ok: false, reason: 'mismatch' });
    expect(await sniffUpload('病毒.pdf', Buffer.from('MZ\x90\x00 not a pdf'))).toMatchObject({ ok: false, reason: 'unknown_content' });
  });

  it('refuses extensions that are not on the list', async () => {
    const r = await sniffUpload('run.exe', Buffer.from('MZ'));
    expect(r).toMatchObject({ ok: false, reason: 'unsupported_extension' });
    expect(await sniffUpload('无扩展名', await testPdf())).toMatchObject({ ok: false, reason: 'unsupported_extension' });
  });

  it('reads extensions without being fooled by paths', () => {
    expect(extensionOf('C:\\docs\\报告.Docx')).toBe('docx');
    expect(extensionOf('.pdf')).toBe('');
    expect(extensionOf('a/b.tar.gz')).toBe('gz');
  });
});
