// Attachments against a real database: type sniffed from content, the size limit, SHA-256, storage, carry-over
// to new revisions, and who may download what.

import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import type { Database } from '../../platform/db/database.ts';
import { createTestDatabase } from '../../platform/db/testing.ts';
import { AppError } from '../../platform/http/errors.ts';
import { createTestAgency } from '../agencies/agencies.testing.ts';
import { attachments } from './disclosure.tables.ts';
import { countRows } from './items.repository.ts';
import { createTestActor, createTestItem, createTestItemsService, testDocx, testOfd, testPdf, testPng } from './items.testing.ts';

let database: Database;
let service: ReturnType<typeof createTestItemsService>;

beforeAll(async () => {
  database = await createTestDatabase();
  service = createTestItemsService(database.db);
});
afterAll(async () => {
  await database.close();
});

async function expectNothingWritten(run: () => Promise<unknown>, code: string): Promise<AppError> {
  const before = await countRows(database.db);
  const err = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  expect(await countRows(database.db)).toEqual(before);
  return err as AppError;
}

const item = (opts: Parameters<typeof createTestItem>[1] = {}) => createTestItem(database.db, { service, ...opts });

describe('addAttachment', () => {
  it('stores PDF, DOCX, OFD and PNG files by content, recording type, size and SHA-256', async () => {
    const t = await item();
    const pdf = await testPdf();
    const a = await service.addAttachment(t.editor, t.revision.id, { filename: 'C:\\Users\\张\\附件1：实施细则.pdf', bytes: pdf });
    expect(a).toMatchObject({ filename: '附件1：实施细则.pdf', mime: 'application/pdf', sizeBytes: pdf.length, sha256: createHash('sha256').update(pdf).digest('hex'), sortOrder: 0, itemId: t.item.id });
    expect((await service.storage.get(a.storageKey)).equals(pdf)).toBe(true);
    const docx = await service.addAttachment(t.editor, t.revision.id, { filename: '附件2.docx', bytes: await testDocx('附件正文') });
    expect(docx).toMatchObject({ mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', textExtracted: true, sortOrder: 1 });
    expect((await service.addAttachment(t.editor, t.revision.id, { filename: '版式文件.ofd', bytes: testOfd() })).mime).toBe('application/ofd');
    expect((await service.addAttachment(t.editor, t.revision.id, { filename: '图解.PNG', bytes: testPng() })).mime).toBe('image/png');
  });

  it('refuses a file whose content does not match its extension (415, in Chinese), writing nothing', async () => {
    const t = await item();
    const err = await expectNothingWritten(() => service.addAttachment(t.editor, t.revision.id, { filename: '通知.pdf', bytes: testPng() }), 'UNSUPPORTED_MEDIA_TYPE');
    expect(err.status).toBe(415);
    expect(err.message).toContain('与扩展名 .pdf 不符');
    await expectNothingWritten(() => service.addAttachment(t.editor, t.revision.id, { filename: '脚本.exe', bytes: Buffer.from('MZ') }), 'UNSUPPORTED_MEDIA_TYPE');
    await expectNothingWritten(() => service.addAttachment(t.editor, t.revision.id, { filename: '空.pdf', bytes: Buffer.alloc(0) }), 'VALIDATION_FAILED');
  });

  it('refuses a file above the configured limit (413)', async () => {
    const small = createTestItemsService(database.db, { config: { ...loadConfig({ NODE_ENV: 'test', DATA_DIR: service.dataDir }), maxUploadBytes: 1024 } });
    const t = await createTestItem(database.db, { service: small });
    const err = await expectNothingWritten(() => small.addAttachment(t.editor, t.revision.id, { filename: '大文件.pdf', bytes: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(4096, 32)]) }), 'PAYLOAD_TOO_LARGE');
    expect(err.status).toBe(413);
    expect(err.message).toContain('超过了');
  });

  it('is forbidden to a reviewer or another agency, and illegal once submitted', async () => {
    const t = await item();
    const stranger = await createTestActor(database.db, 'editor', await createTestAgency(database.db));
    for (const actor of [t.reviewer, stranger]) await expectNothingWritten(async () => service.addAttachment(actor, t.revision.id, { filename: 'a.png', bytes: testPng() }), 'FORBIDDEN');
    const s = await item({ state: 'submitted' });
    await expectNothingWritten(() => service.addAttachment(s.editor, s.revision.id, { filename: 'a.png', bytes: testPng() }), 'ILLEGAL_TRANSITION');
  });
});

describe('removeAttachment and carry-over', () => {
  it('removes a draft’s attachment but never a published revision’s; a new revision carries the files over', async () => {
    const t = await item();
    const keep = await service.addAttachment(t.editor, t.revision.id, { filename: '保留.png', bytes: testPng() });
    const drop = await service.addAttachment(t.editor, t.revision.id, { filename: '删除.pdf', bytes: await testPdf() });
    await expectNothingWritten(() => service.removeAttachment(t.reviewer, drop.id), 'FORBIDDEN');
    await service.removeAttachment(t.editor, drop.id);
    await service.confirmAttachmentPrivacy(t.reviewer, keep.id);
    const s = await service.submit(t.editor, t.revision.id, t.revision.version);
    const r = await service.confirmSecrecyReview(t.reviewer, s.id, s.version);
    const published = await service.publish(t.reviewer, r.id, r.version);
    expect(published.ok).toBe(true);
    await expectNothingWritten(() => service.removeAttachment(t.editor, keep.id), 'ILLEGAL_TRANSITION');

    const draft = await service.createRevision(t.editor, t.item.id, { changeNote: '补充附件' });
    const carried = await database.db.select().from(attachments).where(eq(attachments.revisionId, draft.id));
    expect(carried).toHaveLength(1);
    expect(carried[0]).toMatchObject({ filename: '保留.png', sha256: keep.sha256, storageKey: keep.storageKey, privacyConfirmedBy: t.reviewer.userId });
    // removing the carried copy leaves the published revision's file in place
    await service.removeAttachment(t.editor, carried[0]?.id ?? '');
    expect(await database.db.select().from(attachments).where(eq(attachments.id, keep.id))).toHaveLength(1);
  });
});

describe('openAttachment', () => {
  it('serves a public item’s current files to anyone, drafts only to staff who may read them', async () => {
    const t = await item();
    const png = await service.addAttachment(t.editor, t.revision.id, { filename: '图.png', bytes: testPng() });
    await expectNothingWritten(() => service.openAttachment(png.id, null), 'NOT_FOUND');
    const stranger = await createTestActor(database.db, 'office', await createTestAgency(database.db));
    await expectNothingWritten(() => service.openAttachment(png.id, stranger), 'NOT_FOUND');
    const office = await createTestActor(database.db, 'office', t.agency);
    expect((await service.openAttachment(png.id, office)).bytes.equals(testPng())).toBe(true);

    await service.confirmAttachmentPrivacy(t.reviewer, png.id);
    const s = await service.submit(t.editor, t.revision.id, t.revision.version);
    const r = await service.confirmSecrecyReview(t.reviewer, s.id, s.version);
    const published = await service.publish(t.reviewer, r.id, r.version);
    if (!published.ok) throw new Error(published.message);
    const file = await service.openAttachment(png.id);
    expect(file.attachment.filename).toBe('图.png');
    await service.unpublish(t.reviewer, t.item.id, published.item.version, { reason: '误发' });
    await expectNothingWritten(() => service.openAttachment(png.id), 'GONE');
    await expectNothingWritten(() => service.openAttachment('nope'), 'NOT_FOUND');
  });
});
