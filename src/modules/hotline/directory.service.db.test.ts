import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Database } from '../../platform/db/database.ts';
import { createTestDatabase } from '../../platform/db/testing.ts';
import { createAgencyService, type Agency } from '../agencies/index.ts';
import { createTestAgency } from '../agencies/agencies.testing.ts';
import { createTestUser } from '../staff/staff.testing.ts';
import { createDirectoryService, type DirectoryService } from './directory.service.ts';
import { planDirectory } from './directory.seed.ts';

let database: Database;
let dir: DirectoryService;
let root: Agency;
let yz: Agency;
let jb: Agency;
let yzEnv: Agency;
let cityFund: Agency;
let agent: Actor;
let handler: Actor;

async function actor(role: Actor['grants'][number]['role'], at: Agency): Promise<Actor> {
  const g = [{ role, agencyId: at.id, includeSubtree: false }];
  const u = await createTestUser(database.db, { grants: g });
  return { userId: u.id, username: u.username, name: u.name, grants: g };
}

async function rows(): Promise<number> {
  const r = await database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM hotline_directory`);
  return Number(r.rows[0]?.n);
}

let ticketSeq = 0;
async function pastTicket(content: string, lead: Agency, district: string): Promise<void> {
  ticketSeq++;
  await database.db.execute(sql`INSERT INTO tickets (number, query_code_hash, channel, type, content, dispatch_due_at, state, lead_agency_id, district_code, category_code)
    VALUES (${`20260101${String(ticketSeq).padStart(6, '0')}`}, 'x', 'phone', 'complaint', ${content}, now(), 'closed', ${lead.id}, ${district}, '020202')`);
}

beforeAll(async () => {
  database = await createTestDatabase();
  dir = createDirectoryService({ db: database.db, agencies: createAgencyService(database.db) });
  root = await createTestAgency(database.db, { kind: 'government' });
  yz = await createTestAgency(database.db, { parentId: root.id, kind: 'government', divisionCode: '500103', shortName: '渝中区政府' });
  jb = await createTestAgency(database.db, { parentId: root.id, kind: 'government', divisionCode: '500105', shortName: '江北区政府' });
  yzEnv = await createTestAgency(database.db, { parentId: yz.id, code: `${yz.code}-sthjj`, divisionCode: '500103' });
  cityFund = await createTestAgency(database.db, { parentId: root.id, code: `${root.code}-gjj` });
  agent = await actor('agent', root);
  handler = await actor('handler', yzEnv);
});
afterAll(async () => {
  await database?.close();
});

describe('派单目录', () => {
  it('plans the demo directory: the department where one exists, else the district government, city-level to the city department', async () => {
    const all = await createAgencyService(database.db).listAgencies();
    const plan = planDirectory(all, root.code);
    const at = (code: string, division: string | null) => plan.find((p) => p.categoryCode === code && p.divisionCode === division)?.agencyId;
    expect(at('020202', '500103')).toBe(yzEnv.id); // 工业废气 → 渝中区生态环境局
    expect(at('020202', '500105')).toBe(jb.id); // 江北 has no 生态环境局 in this test: 兜底 to the district government
    expect(at('090302', null)).toBe(cityFund.id); // 住房公积金 → the city's 公积金中心
    expect(plan.filter((p) => p.categoryCode === '090302')).toHaveLength(1);
  });

  it('sets and replaces an entry with an audit row; the districts are the governments under the root', async () => {
    expect((await dir.listDistricts()).map((d) => d.name)).toEqual(['渝中区', '江北区']);
    const e = await dir.setEntry(agent, { categoryCode: '020202', divisionCode: '500103', agencyId: yzEnv.id, assistingAgencyIds: [yz.id], basis: '生态环境局权责清单第12项' });
    expect(e.agencyId).toBe(yzEnv.id);
    expect(e.assistingAgencyIds).toEqual([yz.id]);
    const replaced = await dir.setEntry(agent, { categoryCode: '020202', divisionCode: '500103', agencyId: yz.id });
    expect(replaced.id).toBe(e.id);
    expect(replaced.version).toBe(2);
    await dir.setEntry(agent, { categoryCode: '0202', divisionCode: '', agencyId: root.id });
    const view = await dir.listEntries(agent);
    expect(view.rows.map((r) => `${r.categoryCode}:${r.districtName}`)).toEqual(['0202:全市', '020202:渝中区']);
    const audit = await database.db.execute<{ action: string }>(sql`SELECT action FROM audit_log WHERE entity_id = ${e.id} ORDER BY id`);
    expect(audit.rows.map((r) => r.action)).toEqual(['hotline.directory.create', 'hotline.directory.update']);
  });

  it('refuses every bad field at once and writes nothing', async () => {
    const before = await rows();
    const err = await dir.setEntry(agent, { categoryCode: '999999', divisionCode: '110101', agencyId: 'nope', assistingAgencyIds: [root.id, root.id] }).catch((x: unknown) => x);
    expect(err).toMatchObject({ code: 'VALIDATION_FAILED' });
    const fields = (err as { fields: { field: string }[] }).fields.map((f) => f.field).sort();
    expect(fields).toEqual(['agencyId', 'assistingAgencyIds', 'categoryCode', 'divisionCode']);
    expect(await rows()).toBe(before);
  });

  it('only the center (agent, office) maintains it; a handler may read it', async () => {
    const before = await rows();
    await expect(dir.setEntry(handler, { categoryCode: '020201', divisionCode: '500103', agencyId: yzEnv.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await rows()).toBe(before);
    expect((await dir.listEntries(handler)).canManage).toBe(false);
    const editor = await actor('editor', root);
    await expect(dir.listEntries(editor)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('removes an entry with a reason and the current version only', async () => {
    const e = await dir.setEntry(agent, { categoryCode: '010101', divisionCode: '500105', agencyId: jb.id });
    await expect(dir.removeEntry(agent, e.id, { version: e.version + 1, reason: '职责调整' })).rejects.toMatchObject({ code: 'STALE_RECORD' });
    await expect(dir.removeEntry(agent, e.id, { version: e.version, reason: '' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await dir.removeEntry(agent, e.id, { version: e.version, reason: '职责调整，改由街道办理' });
    expect((await dir.listEntries(agent)).rows.some((r) => r.id === e.id)).toBe(false);
  });

  it('suggests the directory agency first, then learns from past tickets after retraining', async () => {
    const s = await dir.suggest({ text: '工厂排放废气，臭味很大', categoryCode: '020202', districtCode: '500103' });
    expect(s[0]?.agencyId).toBe(yz.id);
    expect(s[0]?.reasons.join('')).toContain('派单目录');
    expect(await dir.modelInfo()).toBeNull();
    for (let i = 0; i < 6; i++) await pastTicket(`化工厂夜间排放刺鼻废气第${i}次`, yzEnv, '500103');
    for (let i = 0; i < 6; i++) await pastTicket(`小区物业乱收停车费第${i}次`, jb, '500105');
    const r = await dir.retrain({ system: 'test' });
    expect(r).toMatchObject({ samples: 12, labels: 2 });
    const t = await dir.suggest({ text: '化工厂排放刺鼻废气', categoryCode: null, districtCode: '500103' });
    expect(t[0]?.agencyId).toBe(yzEnv.id);
    expect(t[0]?.reasons.join('')).toContain('文本分类');
    expect((await dir.modelInfo())?.sampleCount).toBe(12);
  });

  it('the center’s keyword rules lift an agency in the suggestions; bad rules are refused whole', async () => {
    const before = await dir.suggest({ text: '李子坝站台的扶梯坏了', categoryCode: null, districtCode: '500103' });
    expect(before.some((x) => x.agencyId === cityFund.id)).toBe(false);
    const rule = await dir.addKeywordRule(agent, { keywords: '李子坝，扶梯', agencyId: cityFund.id, weight: '0.9', note: '演示' });
    expect(rule.keywords).toEqual(['李子坝', '扶梯']);
    const after = await dir.suggest({ text: '李子坝站台的扶梯坏了', categoryCode: null, districtCode: '500103' });
    const hit = after.find((x) => x.agencyId === cityFund.id);
    expect(hit?.reasons.join('')).toContain('关键词规则：命中“李子坝”“扶梯”');
    const err = await dir.addKeywordRule(agent, { keywords: '', agencyId: 'x', divisionCode: '999999', weight: '0' }).catch((e: unknown) => e);
    expect((err as { fields: { field: string }[] }).fields.map((f) => f.field).sort()).toEqual(['agencyId', 'divisionCode', 'keywords', 'weight']);
    await expect(dir.addKeywordRule(handler, { keywords: '越权', agencyId: yz.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(dir.removeKeywordRule(agent, rule.id, { reason: '' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await dir.removeKeywordRule(agent, rule.id, { reason: '站点改由轨道集团处理' });
    expect((await dir.listEntries(agent)).keywordRules).toEqual([]);
    const audit = await database.db.execute<{ action: string }>(sql`SELECT action FROM audit_log WHERE entity_id = ${rule.id} ORDER BY id`);
    expect(audit.rows.map((r) => r.action)).toEqual(['hotline.keyword_rule.create', 'hotline.keyword_rule.remove']);
  });
});
