import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Database } from '../../platform/db/database.ts';
import { createTestDatabase } from '../../platform/db/testing.ts';
import { createAgencyService, type Agency } from '../agencies/index.ts';
import { createTestAgency } from '../agencies/agencies.testing.ts';
import { createTestUser } from '../staff/staff.testing.ts';
import { createKbService, type KbService } from './kb.service.ts';

let database: Database;
let kb: KbService;
let center: Agency;
let dept: Agency;
let other: Agency;
let clock = new Date('2026-03-02T02:00:00Z');

async function actor(role: Actor['grants'][number]['role'], at: Agency): Promise<Actor> {
  const u = await createTestUser(database.db, { grants: [{ role, agencyId: at.id, includeSubtree: false }] });
  return { userId: u.id, username: u.username, name: u.name, grants: [{ role, agencyId: at.id, includeSubtree: false }] };
}

const entry = (owner: Agency, over: Record<string, unknown> = {}) => ({
  categoryCode: '090302',
  ownerAgencyId: owner.id,
  title: '住房公积金提取需要哪些材料',
  answer: '职工购买自住住房提取住房公积金，需提供身份证、购房合同和银行卡，可在线上办理，一般3个工作日到账。',
  keywords: '公积金，提取；购房',
  ...over,
});

async function count(): Promise<number> {
  const r = await database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM hotline_kb_entries`);
  return Number(r.rows[0]?.n);
}

let handler: Actor;
let otherHandler: Actor;
let agent: Actor;

beforeAll(async () => {
  database = await createTestDatabase();
  kb = createKbService({ db: database.db, agencies: createAgencyService(database.db), now: () => clock });
  center = await createTestAgency(database.db);
  dept = await createTestAgency(database.db, { parentId: center.id });
  other = await createTestAgency(database.db, { parentId: center.id });
  handler = await actor('handler', dept);
  otherHandler = await actor('handler', other);
  agent = await actor('agent', center);
});
afterAll(async () => {
  await database?.close();
});

describe('knowledge base', () => {
  it('creates an entry with a review date six months on and finds it by jieba words, AND by default', async () => {
    const e = await kb.createEntry(handler, entry(dept));
    expect(e.reviewedOn).toBe('2026-03-02');
    expect(e.reviewDueOn).toBe('2026-09-02');
    expect(e.keywords).toEqual(['公积金', '提取', '购房']);
    await kb.createEntry(handler, entry(dept, { title: '公积金贷款额度怎么算', answer: '住房公积金贷款额度按照缴存余额的倍数计算，最高不超过规定上限。', categoryCode: '0903', keywords: '贷款' }));
    const hit = await kb.searchEntries(agent, { q: '公积金提取' });
    expect(hit.rows.map((r) => r.title)).toEqual(['住房公积金提取需要哪些材料']);
    const both = await kb.searchEntries(agent, { q: '公积金' });
    expect(both.total).toBe(2);
    const none = await kb.searchEntries(agent, { q: '公积金 养老院' });
    expect(none.total).toBe(0);
  });

  it('suggests entries for a caller account with any word, same category first', async () => {
    const s = await kb.suggestForText('你好，我想问一下公积金怎么提取出来买房', '090302');
    expect(s[0]?.title).toBe('住房公积金提取需要哪些材料');
    expect(await kb.suggestForText('。。。', null)).toEqual([]);
  });

  it('refuses every bad field at once and writes nothing', async () => {
    const before = await count();
    const err = await kb.createEntry(handler, { categoryCode: '99', ownerAgencyId: 'x', title: '', answer: '短', reviewDueOn: '2020-01-01' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'VALIDATION_FAILED' });
    const fields = (err as { fields: { field: string; message: string }[] }).fields.map((f) => f.field).sort();
    expect(fields).toEqual(expect.arrayContaining(['answer', 'categoryCode', 'ownerAgencyId', 'title', 'reviewDueOn']));
    expect((err as Error).message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await count()).toBe(before);
  });

  it('only the owner agency maintains an entry', async () => {
    const before = await count();
    await expect(kb.createEntry(otherHandler, entry(dept))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await count()).toBe(before);
    const e = await kb.createEntry(handler, entry(dept, { title: '只属于本单位的条目' }));
    await expect(kb.updateEntry(otherHandler, e.id, e.version, entry(dept))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(kb.retireEntry(otherHandler, e.id, e.version, { reason: '不再适用的口径' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('edits with optimistic locking, confirms the review, retires with a reason and then refuses changes', async () => {
    const e = await kb.createEntry(handler, entry(dept, { title: '可修改的条目' }));
    const changed = await kb.updateEntry(handler, e.id, e.version, entry(dept, { title: '已修改的条目' }));
    expect(changed.title).toBe('已修改的条目');
    await expect(kb.updateEntry(handler, e.id, e.version, entry(dept))).rejects.toMatchObject({ code: 'STALE_RECORD' });
    clock = new Date('2026-05-04T02:00:00Z');
    const reviewed = await kb.confirmReview(handler, e.id, changed.version);
    expect(reviewed.reviewedOn).toBe('2026-05-04');
    expect(reviewed.reviewDueOn).toBe('2026-11-04');
    await expect(kb.retireEntry(handler, e.id, reviewed.version, { reason: '' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const retired = await kb.retireEntry(handler, e.id, reviewed.version, { reason: '政策调整，口径失效' });
    expect(retired.status).toBe('retired');
    expect(retired.retiredReason).toBe('政策调整，口径失效');
    await expect(kb.retireEntry(handler, e.id, retired.version, { reason: '再次停用试试' })).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    await expect(kb.updateEntry(handler, e.id, retired.version, entry(dept))).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    await expect(kb.confirmReview(handler, e.id, retired.version)).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    const search = await kb.searchEntries(agent, { q: '已修改' });
    expect(search.total).toBe(0);
    const all = await kb.searchEntries(agent, { q: '已修改', status: 'all' });
    expect(all.total).toBe(1);
    const audit = await database.db.execute<{ action: string }>(sql`SELECT action FROM audit_log WHERE entity_id = ${e.id} ORDER BY id`);
    expect(audit.rows.map((r) => r.action)).toEqual(['hotline.kb.create', 'hotline.kb.update', 'hotline.kb.review', 'hotline.kb.retire']);
  });

  it('lists entries overdue or due soon for review, a handler only for their agency', async () => {
    clock = new Date('2026-12-01T02:00:00Z');
    const list = await kb.listDueForReview(handler);
    expect(list.overdue.length).toBeGreaterThan(0);
    expect(list.overdue.every((e) => e.ownerAgencyId === dept.id && e.reviewDueOn < '2026-12-01')).toBe(true);
    expect((await kb.listDueForReview(otherHandler)).overdue).toEqual([]);
  });

  it('refuses staff without a hotline role', async () => {
    const editor = await actor('editor', dept);
    await expect(kb.searchEntries(editor, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
