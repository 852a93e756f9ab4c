// The streaming multipart reader: fields and files within the limits; files past a limit counted, not kept; a body
// past its limit refused without reading on.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AppError } from './errors.ts';
import { readMultipart, sizeText, type MultipartLimits } from './multipart.ts';

const LIMITS: MultipartLimits = { files: 3, fileBytes: 1000, totalBytes: 1500, bodyBytes: 10_000, tooLargeMessage: '太大了' };

async function encode(fields: [string, string][], files: { field: string; name: string; bytes: Uint8Array }[]): Promise<{ headers: Record<string, string>; body: Buffer }> {
  const form = new FormData();
  for (const [k, v] of fields) form.append(k, v);
  for (const f of files) form.append(f.field, new File([new Uint8Array(f.bytes)], f.name), f.name);
  const req = new Request('http://localhost/', { method: 'POST', body: form });
  return { headers: { 'content-type': req.headers.get('content-type') ?? '' }, body: Buffer.from(await req.arrayBuffer()) };
}

/** A request body in chunks that records how much of it was read. */
function chunked(body: Buffer, size = 256): Readable & { pulled: () => number } {
  let at = 0;
  const stream = new Readable({
    read() {
      if (at >= body.length) return void this.push(null);
      this.push(body.subarray(at, at + size));
      at += size;
    },
  });
  return Object.assign(stream, { pulled: () => Math.min(at, body.length) });
}

const bytes = (n: number, fill = 7) => new Uint8Array(n).fill(fill);

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'resolved';
  } catch (err) {
    return err instanceof AppError ? `${err.code}: ${err.message}` : String(err);
  }
}

describe('readMultipart', () => {
  it('keeps the fields in order and the files within the limits, with UTF-8 names', async () => {
    const { headers, body } = await encode([['_csrf', 't'], ['content', '路灯坏了'], ['content', '第二个']], [{ field: 'attachments', name: '路灯.png', bytes: bytes(600) }]);
    const form = await readMultipart(headers, chunked(body), LIMITS);
    expect(form.fields).toEqual([['_csrf', 't'], ['content', '路灯坏了'], ['content', '第二个']]);
    expect(form.files).toHaveLength(1);
    expect(form.files[0]).toMatchObject({ field: 'attachments', filename: '路灯.png', size: 600 });
    expect(form.files[0]?.bytes).toEqual(bytes(600));
  });

  it('counts a file over its own limit and drops its bytes; the other fields are kept', async () => {
    const { headers, body } = await encode([['content', '诉求']], [{ field: 'f', name: 'big.png', bytes: bytes(1200) }]);
    const form = await readMultipart(headers, chunked(body), LIMITS);
    expect(form.fields).toEqual([['content', '诉求']]);
    expect(form.files.map((f) => [f.filename, f.size, f.bytes.byteLength])).toEqual([['big.png', 1200, 0]]);
  });

  it('keeps files up to the total; a file that would pass it is counted and dropped', async () => {
    const files = [
      { field: 'f', name: 'a.png', bytes: bytes(900) },
      { field: 'f', name: 'b.png', bytes: bytes(900) },
    ];
    const { headers, body } = await encode([['content', '诉求'], ['after', '文件之后']], files);
    const form = await readMultipart(headers, chunked(body, 100), LIMITS);
    expect(form.files.map((f) => [f.filename, f.size, f.bytes.byteLength])).toEqual([
      ['a.png', 900, 900],
      ['b.png', 900, 0],
    ]);
    expect(form.fields.map(([k]) => k)).toEqual(['content', 'after']);
  });

  it('reads past empty file parts, fields not asked for and files beyond the count', async () => {
    const files = [
      { field: 'f', name: '', bytes: bytes(0) },
      { field: 'other', name: 'x.png', bytes: bytes(10) },
      { field: 'f', name: '1.png', bytes: bytes(10) },
      { field: 'f', name: '2.png', bytes: bytes(10) },
    ];
    const { headers, body } = await encode([], files);
    const form = await readMultipart(headers, chunked(body), { ...LIMITS, files: 1, fileFields: ['f'] });
    expect(form.files.map((f) => f.filename)).toEqual(['1.png']);
  });

  it('refuses a body whose Content-Length passes bodyBytes before reading any of it (413)', async () => {
    const { headers, body } = await encode([], [{ field: 'f', name: 'a.png', bytes: bytes(20_000) }]);
    const stream = chunked(body);
    expect(await codeOf(readMultipart({ ...headers, 'content-length': String(body.length) }, stream, LIMITS))).toBe('PAYLOAD_TOO_LARGE: 太大了');
    expect(stream.pulled()).toBe(0);
  });

  it('stops reading a body without Content-Length once it passes bodyBytes (413)', async () => {
    const { headers, body } = await encode([], [{ field: 'f', name: 'a.png', bytes: bytes(1024 * 1024) }]);
    const stream = chunked(body, 1024);
    expect(await codeOf(readMultipart(headers, stream, LIMITS))).toBe('PAYLOAD_TOO_LARGE: 太大了');
    await new Promise((r) => setTimeout(r, 20));
    // the streams' own buffers read ahead a little (their highWaterMarks), not the 1 MB
    expect(stream.pulled()).toBeLessThan(LIMITS.bodyBytes + 128 * 1024);
  });

  it('refuses a text field over 64 KB (413) and a body that is not multipart (400)', async () => {
    const { headers, body } = await encode([['content', 'x'.repeat(70 * 1024)]], []);
    expect(await codeOf(readMultipart(headers, chunked(body), { ...LIMITS, bodyBytes: 1024 * 1024 }))).toMatch(/^PAYLOAD_TOO_LARGE: 表单中有一项文字过长/);
    expect(await codeOf(readMultipart({ 'content-type': 'multipart/form-data' }, chunked(Buffer.from('x')), LIMITS))).toMatch(/^BAD_REQUEST: /);
    const truncated = body.subarray(0, 200);
    expect(await codeOf(readMultipart(headers, chunked(truncated), LIMITS))).toMatch(/^BAD_REQUEST: 提交的表单无法读取/);
  });

  it('writes sizes as people read them', () => {
    expect([sizeText(20 * 1024 * 1024), sizeText(1.5 * 1024 * 1024), sizeText(12 * 1024), sizeText(100)]).toEqual(['20 MB', '1.5 MB', '12 KB', '1 KB']);
  });
});
