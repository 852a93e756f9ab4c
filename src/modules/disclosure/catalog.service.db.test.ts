import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.ts';
import { verifyAuditChain } from '../../platform/audit/audit.ts';
import type { Database } from '../../platform/db/database.ts';
import { createTestDatabase } from '../../platform/db/testing.ts';
import { AppError } from '../../platform/http/errors.ts';
import { createAgencyService } from '../agencies/index.ts';
import { buildNewAgency, createTestAgency } from '../agencies/agencies.testing.ts';
import type { Agency } from '../agencies/index.ts';
import { createCatalogService, type CatalogService } from './catalog.service.ts';
import { seedCatalogs } from './catalog.seed.ts';
import { ensureMissingCatalogs, TEMPLATE_REASON } from './catalog.setup.ts';
import { createTestCatalogActor, createTestCatalogAgency, createTestListedItem, templateNode } from './catalog.testing.ts';
import { flattenTree } from './catalog.tree.ts';
import { catalogChanges, catalogNodes, itemCatalogNodes } from './disclosure.tables.ts';
import { CATALOG_TEMPLATE, flattenCatalogTemplate } from './taxonomy.ts';

let database: Database;
let catalog: CatalogService;

beforeAll(async () => {
  database = await createTestDatabase();
  catalog = createCatalogService(database.db);
});
afterAll(async () => {
  await database?.close();
});

async function counts(agencyId?: string) {
  const where = agencyId ? sql`WHERE agency_id = ${agencyId}` : sql``;
  const r = await database.db.execute<{ nodes: number; changes: number; audit: number; versions: number }>(sql`
    SELECT (SELECT count(*) FROM catalog_nodes ${where})::int AS nodes,
           (SELECT count(*) FROM catalog_changes ${where})::int AS changes,
           (SELECT count(*) FROM audit_log)::int AS audit,
           (SELECT coalesce(sum(version), 0) FROM catalog_nodes ${where})::int AS versions`);
  return r.rows[0];
}

async function caught(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}

async function nodeById(id: string) {
  const [n] = await database.db.select().from(catalogNodes).where(eq(catalogNodes.id, id));
  if (!n) throw new Error('node missing');
  return n;
}

async function setup() {
  const city = await createTestCatalogAgency(database.db, { kind: 'government' });
  const dept = await createTestCatalogAgency(database.db, { parentId: city.agency.id });
  const reviewer = await createTestCatalogActor(database.db, [{ role: 'reviewer', agency: dept.agency }]);
  return { city, dept, reviewer };
}

describe('ensureCatalog: the standard template', () => {
  it('creates every template column once, 重点领域 with its five areas flagged, each with a 动态调整 row, and one audit row', async () => {
    const agency = await createTestAgency(database.db);
    expect(await catalog.ensureCatalog(agency.id, { system: 'test' })).toBe(flattenCatalogTemplate().length);
    const tree = (await catalog.getCatalogTree(agency)).map((t) => t.node.name);
    expect(tree).toEqual(CATALOG_TEMPLATE.map((t) => t.name));
    expect(tree).toEqual(['机构职能', '法规文件', '规划计划', '财政信息（预决算）', '重点领域', '政策解读', '人事信息', '建议提案办理', '权责清单', '政府信息公开指南', '政府信息公开年报', '依申请公开']);
    const keyAreas = (await catalog.getCatalogTree(agency)).find((t) => t.node.templateKey === 'key_areas');
    expect(keyAreas?.children.map((c) => [c.node.name, c.node.isKeyArea])).toEqual([
      ['重大建设项目', true],
      ['公共资源配置', true],
      ['社会公益事业', true],
      ['招商引资', true],
      ['营商环境', true],
    ]);
    expect(keyAreas?.node.isKeyArea).toBe(true);
    const changes = await database.db.select().from(catalogChanges).where(eq(catalogChanges.agencyId, agency.id));
    expect(changes).toHaveLength(17);
    expect(new Set(changes.map((c) => [c.change, c.reason].join()))).toEqual(new Set([`create,${TEMPLATE_REASON}`]));
    const audit = await database.db.execute<{ action: string; actor_label: string }>(sql`SELECT action, actor_label FROM audit_log WHERE agency_id = ${agency.id}`);
    expect(audit.rows).toEqual([{ action: 'catalog.create_from_template', actor_label: '系统:test' }]);
  });

  it('is idempotent and leaves renamed or retired template columns alone', async () => {
    const { city, dept, reviewer } = await setup();
    void city;
    const before = await counts(dept.agency.id);
    expect(await catalog.ensureCatalog(dept.agency.id)).toBe(0);
    expect(await counts(dept.agency.id)).toEqual(before);
    const powers = templateNode(dept.nodes, 'powers');
    await catalog.renameNode(reviewer, powers.id, powers.version, { name: '权责清单（2024版）', reason: '按新版权责清单更名' });
    const proposals = templateNode(dept.nodes, 'proposals');
    await catalog.retireNode(reviewer, proposals.id, proposals.version, { reason: '本机关不承办建议提案' });
    expect(await catalog.ensureCatalog(dept.agency.id)).toBe(0);
    const names = (await catalog.getCatalogTree(dept.agency)).map((t) => t.node.name);
    expect(names).toContain('权责清单（2024版）');
    expect(names).not.toContain('建议提案办理');
  });

  it('runs inside createAgency: a new agency has its catalog in the same transaction', async () => {
    const agencies = createAgencyService(database.db);
    const created = await agencies.createAgency({ system: 'test' }, buildNewAgency());
    expect(flattenTree(await catalog.getCatalogTree(created))).toHaveLength(17);
  });

  it('ensureMissingCatalogs completes agencies without any column, once; seedCatalogs is idempotent', async () => {
    const bare = await createTestAgency(database.db);
    const bare2 = await createTestAgency(database.db);
    expect(await ensureMissingCatalogs(database.db)).toBeGreaterThanOrEqual(2);
    expect(flattenTree(await catalog.getCatalogTree(bare))).toHaveLength(17);
    expect(flattenTree(await catalog.getCatalogTree(bare2))).toHaveLength(17);
    expect(await ensureMissingCatalogs(database.db)).toBe(0);
    await seedCatalogs({ db: database.db });
    const after = await counts();
    expect(await seedCatalogs({ db: database.db })).toBe(0);
    expect(await counts()).toEqual(after);
  });
});

describe('adjusting the catalog (动态调整)', () => {
  it('adds a column under 重点领域: inherits the key-area flag, records who, when and why, and audits', async () => {
    const { dept, reviewer } = await setup();
    const keyAreas = templateNode(dept.nodes, 'key_areas');
    const node = await catalog.addNode(reviewer, dept.agency.code, { name: '生态环境', parentId: keyAreas.id, reason: '按 2024 年重点领域清单增加' });
    expect(node).toMatchObject({ name: '生态环境', parentId: keyAreas.id, isKeyArea: true, templateKey: null, version: 1 });
    const [change] = await database.db.select().from(catalogChanges).where(eq(catalogChanges.nodeId, node.id));
    expect(change).toMatchObject({ change: 'create', reason: '按 2024 年重点领域清单增加', actorId: reviewer.userId, actorLabel: reviewer.name });
    expect(change?.after).toMatchObject({ name: '生态环境', parentName: '重点领域', position: 6 });
    const audit = await database.db.execute<{ action: string; actor_id: string; reason: string }>(sql`SELECT action, actor_id, reason FROM audit_log WHERE entity_id = ${node.id}`);
    expect(audit.rows).toEqual([{ action: 'catalog.node.create', actor_id: reviewer.userId, reason: '按 2024 年重点领域清单增加' }]);
    const history = await catalog.getChangeHistory(dept.agency.code, '1');
    expect(history.rows[0]?.text).toBe('在“重点领域”下新增栏目“生态环境”（重点领域）');
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });

  it('refuses bad input naming each field, and writes nothing', async () => {
    const { city, dept, reviewer } = await setup();
    const before = await counts();
    const bad: [Record<string, unknown>, string[]][] = [
      [{ name: '', parentId: null, reason: '增加栏目' }, ['name']],
      [{ name: '长'.repeat(61), parentId: null, reason: '增加栏目' }, ['name']],
      [{ name: '新栏目', parentId: null }, ['reason']],
      [{ name: '新栏目', parentId: null, reason: '短' }, ['reason']],
      [{ name: '新栏目', parentId: randomUUID(), reason: '增加栏目' }, ['parentId']],
      [{ name: '新栏目', parentId: templateNode(city.nodes, 'plans').id, reason: '增加栏目' }, ['parentId']],
      [{ name: '新栏目', parentId: 'not-a-uuid', reason: '增加栏目' }, ['parentId']],
      [{ name: '新栏目', parentId: templateNode(dept.nodes, 'requests').id, reason: '增加栏目' }, ['parentId']],
      [{ name: '法规文件', parentId: null, reason: '增加栏目' }, ['name']],
      [{ name: '', reason: '' }, ['name', 'parentId', 'reason']],
    ];
    for (const [input, fields] of bad) {
      const err = await caught(catalog.addNode(reviewer, dept.agency.code, input));
      expect(err.code, JSON.stringify(input)).toBe('VALIDATION_FAILED');
      expect(err.fields.map((f) => f.field).sort(), JSON.stringify(input)).toEqual(fields);
      for (const f of err.fields) expect(f.message).toMatch(/^(栏目名称|上级栏目|调整理由)：/);
    }
    const plans = templateNode(dept.nodes, 'plans');
    for (const input of [{ name: ' '.repeat(0), reason: '更名' }, { name: '规划计划', reason: '更名' }, { name: '规划', reason: '' }]) {
      expect((await caught(catalog.renameNode(reviewer, plans.id, plans.version, input))).code).toBe('VALIDATION_FAILED');
    }
    expect(await counts()).toEqual(before);
  });

  it('moves a column, appended last under its new parent; never under itself or a descendant', async () => {
    const { dept, reviewer } = await setup();
    const regulations = templateNode(dept.nodes, 'regulations');
    const child = await catalog.addNode(reviewer, dept.agency.code, { name: '规范性文件', parentId: regulations.id, reason: '细分法规文件' });
    const grandchild = await catalog.addNode(reviewer, dept.agency.code, { name: '2024年', parentId: child.id, reason: '按年份归档' });
    const before = await counts();
    const fresh = await nodeById(regulations.id);
    for (const target of [regulations.id, child.id, grandchild.id]) {
      const err = await caught(catalog.moveNode(reviewer, regulations.id, fresh.version, { parentId: target, reason: '调整结构' }));
      expect(err.code).toBe('VALIDATION_FAILED');
      expect(err.fields[0]?.field).toBe('parentId');
    }
    expect((await caught(catalog.moveNode(reviewer, child.id, child.version, { parentId: regulations.id, reason: '原地移动' }))).fields[0]?.message).toBe('上级栏目：与当前所在位置相同');
    expect(await counts()).toEqual(before);

    const plans = templateNode(dept.nodes, 'plans');
    const moved = await catalog.moveNode(reviewer, child.id, child.version, { parentId: plans.id, reason: '规范性文件归入规划计划' });
    expect(moved).toMatchObject({ parentId: plans.id, version: 2 });
    const tree = flattenTree(await catalog.getCatalogTree(dept.agency));
    expect(tree.find((t) => t.node.id === grandchild.id)?.depth).toBe(3);
    expect((await catalog.getChangeHistory(dept.agency.code, undefined)).rows[0]?.text).toBe('栏目“规范性文件”由“法规文件”下移至“规划计划”下');
    const toTop = await catalog.moveNode(reviewer, moved.id, moved.version, { parentId: null, reason: '提升为顶级栏目' });
    expect(toTop.parentId).toBeNull();
    const top = (await catalog.getCatalogTree(dept.agency)).map((t) => t.node.name);
    expect(top.at(-1)).toBe('规范性文件');
  });

  it('refuses to move or retire the columns the 条例 requires', async () => {
    const { dept, reviewer } = await setup();
    for (const key of ['guide', 'annual_reports', 'requests']) {
      const n = templateNode(dept.nodes, key);
      expect((await caught(catalog.retireNode(reviewer, n.id, n.version, { reason: '不需要' }))).code).toBe('ILLEGAL_TRANSITION');
      expect((await caught(catalog.moveNode(reviewer, n.id, n.version, { parentId: templateNode(dept.nodes, 'plans').id, reason: '调整' }))).code).toBe('ILLEGAL_TRANSITION');
    }
  });

  it('reorders one place up or down among active siblings; refuses past the ends', async () => {
    const { dept, reviewer } = await setup();
    const first = templateNode(dept.nodes, 'organization');
    const last = templateNode(dept.nodes, 'requests');
    expect((await caught(catalog.reorderNode(reviewer, first.id, first.version, { direction: 'up', reason: '置顶' }))).code).toBe('ILLEGAL_TRANSITION');
    expect((await caught(catalog.reorderNode(reviewer, last.id, last.version, { direction: 'down', reason: '置底' }))).code).toBe('ILLEGAL_TRANSITION');
    expect((await caught(catalog.reorderNode(reviewer, first.id, first.version, { direction: 'sideways', reason: '调整' }))).fields.map((f) => f.field)).toEqual(['direction']);
    const plans = templateNode(dept.nodes, 'plans');
    const up = await catalog.reorderNode(reviewer, plans.id, plans.version, { direction: 'up', reason: '规划计划关注度高，前移' });
    expect(up.version).toBe(2);
    const names = (await catalog.getCatalogTree(dept.agency)).map((t) => t.node.name);
    expect(names.slice(0, 3)).toEqual(['机构职能', '规划计划', '法规文件']);
    expect((await catalog.getChangeHistory(dept.agency.code, '1')).rows[0]?.text).toBe('栏目“规划计划”在同级栏目中由第 3 位调整为第 2 位');
    const down = await catalog.reorderNode(reviewer, up.id, up.version, { direction: 'down', reason: '恢复原顺序' });
    expect(down.version).toBe(3);
    expect((await catalog.getCatalogTree(dept.agency)).map((t) => t.node.name).slice(0, 3)).toEqual(['机构职能', '法规文件', '规划计划']);
  });

  it('retires a column that holds items: never deleted, hidden from the tree, its items still listed; restore brings it back', async () => {
    const { dept, reviewer } = await setup();
    const powers = templateNode(dept.nodes, 'powers');
    const item = await createTestListedItem(database.db, { agency: dept.agency, nodeIds: [powers.id], title: '权责清单（2023年）' });
    const retired = await catalog.retireNode(reviewer, powers.id, powers.version, { reason: '并入机构职能栏目' });
    expect(retired.retiredAt).toBeInstanceOf(Date);
    expect(await nodeById(powers.id)).toMatchObject({ id: powers.id });
    expect(await database.db.select().from(itemCatalogNodes).where(eq(itemCatalogNodes.nodeId, powers.id))).toHaveLength(1);
    expect((await catalog.getCatalogTree(dept.agency)).map((t) => t.node.id)).not.toContain(powers.id);
    const listing = await catalog.getNodeListing(dept.agency.code, powers.id, '1');
    expect(listing.isRetired).toBe(true);
    expect(listing.rows.map((r) => r.indexNumber)).toEqual([item.indexNumber]);
    expect((await caught(catalog.retireNode(reviewer, powers.id, retired.version, { reason: '再次停用' }))).code).toBe('ILLEGAL_TRANSITION');
    expect((await caught(catalog.renameNode(reviewer, powers.id, retired.version, { name: '权力清单', reason: '更名' }))).code).toBe('ILLEGAL_TRANSITION');
    const restored = await catalog.restoreNode(reviewer, powers.id, retired.version, { reason: '恢复单独栏目' });
    expect(restored.retiredAt).toBeNull();
    expect((await catalog.getCatalogTree(dept.agency)).find((t) => t.node.id === powers.id)?.itemCount).toBe(1);
    const texts = (await catalog.getChangeHistory(dept.agency.code, '1')).rows.slice(0, 2).map((r) => r.text);
    expect(texts).toEqual(['恢复栏目“权责清单”', '停用栏目“权责清单”（其中已发布的信息仍可访问）']);
  });

  it('will not retire a column with active sub-columns, nor restore one under a retired parent', async () => {
    const { dept, reviewer } = await setup();
    const keyAreas = templateNode(dept.nodes, 'key_areas');
    expect((await caught(catalog.retireNode(reviewer, keyAreas.id, keyAreas.version, { reason: '不再单列' }))).message).toMatch(/还有 5 个未停用的下级栏目/);
    const parent = await catalog.addNode(reviewer, dept.agency.code, { name: '专题', parentId: null, reason: '增加专题' });
    const child = await catalog.addNode(reviewer, dept.agency.code, { name: '专题一', parentId: parent.id, reason: '增加专题一' });
    const c2 = await catalog.retireNode(reviewer, child.id, child.version, { reason: '专题结束' });
    const p2 = await catalog.retireNode(reviewer, parent.id, parent.version, { reason: '专题结束' });
    expect((await caught(catalog.restoreNode(reviewer, child.id, c2.version, { reason: '恢复' }))).message).toMatch(/请先恢复上级栏目/);
    expect(p2.retiredAt).not.toBeNull();
  });

  it('refuses a stale version with STALE_RECORD and writes nothing', async () => {
    const { dept, reviewer } = await setup();
    const plans = templateNode(dept.nodes, 'plans');
    await catalog.renameNode(reviewer, plans.id, plans.version, { name: '规划与计划', reason: '统一表述' });
    const before = await counts();
    // one at a time: calls started together would reject before the loop attaches a handler
    for (const p of [
      () => catalog.renameNode(reviewer, plans.id, plans.version, { name: '发展规划', reason: '统一表述' }),
      () => catalog.moveNode(reviewer, plans.id, plans.version, { parentId: templateNode(dept.nodes, 'regulations').id, reason: '调整' }),
      () => catalog.reorderNode(reviewer, plans.id, plans.version, { direction: 'up', reason: '调整' }),
      () => catalog.retireNode(reviewer, plans.id, plans.version, { reason: '停用' }),
    ]) {
      const err = await caught(p());
      expect(err.code).toBe('STALE_RECORD');
      expect(err.message).toBe('此记录已被他人修改，请刷新后重试。');
    }
    expect(await counts()).toEqual(before);
  });

  it('allows 部门审核 of the agency, 公开办 and 系统管理员 in scope; refuses everyone else and writes nothing', async () => {
    const { city, dept } = await setup();
    const other = await createTestCatalogAgency(database.db, { parentId: city.agency.id });
    const allowed: Actor[] = [
      await createTestCatalogActor(database.db, [{ role: 'reviewer', agency: dept.agency, includeSubtree: false }]),
      await createTestCatalogActor(database.db, [{ role: 'office', agency: city.agency }]),
      await createTestCatalogActor(database.db, [{ role: 'admin', agency: city.agency }]),
    ];
    const refused: Actor[] = [
      await createTestCatalogActor(database.db, [{ role: 'editor', agency: dept.agency }]),
      await createTestCatalogActor(database.db, [{ role: 'agent', agency: city.agency }]),
      await createTestCatalogActor(database.db, [{ role: 'handler', agency: dept.agency }]),
      await createTestCatalogActor(database.db, [{ role: 'reviewer', agency: other.agency }]),
      await createTestCatalogActor(database.db, [{ role: 'office', agency: city.agency, includeSubtree: false }]),
      await createTestCatalogActor(database.db, []),
    ];
    const plans = templateNode(dept.nodes, 'plans');
    const before = await counts();
    for (const actor of refused) {
      expect((await caught(catalog.addNode(actor, dept.agency.code, { name: '新栏目', parentId: null, reason: '增加栏目' }))).code).toBe('FORBIDDEN');
      // even with bad input, the refusal comes first
      expect((await caught(catalog.addNode(actor, dept.agency.code, {}))).code).toBe('FORBIDDEN');
      expect((await caught(catalog.renameNode(actor, plans.id, plans.version, { name: '发展规划', reason: '统一表述' }))).code).toBe('FORBIDDEN');
      expect((await caught(catalog.moveNode(actor, plans.id, plans.version, { parentId: null, reason: '调整' }))).code).toBe('FORBIDDEN');
      expect((await caught(catalog.reorderNode(actor, plans.id, plans.version, { direction: 'up', reason: '调整' }))).code).toBe('FORBIDDEN');
      expect((await caught(catalog.retireNode(actor, plans.id, plans.version, { reason: '停用' }))).code).toBe('FORBIDDEN');
      expect((await caught(catalog.restoreNode(actor, plans.id, plans.version, { reason: '恢复' }))).code).toBe('FORBIDDEN');
      expect((await caught(catalog.getConsoleCatalog(actor, dept.agency.code))).code).toBe('FORBIDDEN');
      expect((await caught(catalog.getNodeEditContext(actor, plans.id))).code).toBe('FORBIDDEN');
    }
    expect(await counts()).toEqual(before);
    let n = 0;
    for (const actor of allowed) {
      n++;
      await catalog.addNode(actor, dept.agency.code, { name: `新栏目${n}`, parentId: null, reason: '增加栏目' });
      expect((await catalog.listManageableAgencies(actor)).map((a: Agency) => a.id)).toContain(dept.agency.id);
    }
  });
});

describe('public reads', () => {
  it('lists a column 20 a page, newest first, with the items of its sub-columns; leaves unpublished items out', async () => {
    const { dept } = await setup();
    const keyAreas = templateNode(dept.nodes, 'key_areas');
    const projects = templateNode(dept.nodes, 'major_projects');
    for (let i = 1; i <= 22; i++) {
      await createTestListedItem(database.db, { agency: dept.agency, nodeIds: [i % 2 ? keyAreas.id : projects.id], title: `项目信息${String(i).padStart(2, '0')}`, publishedDate: `2024-01-${String(i).padStart(2, '0')}` });
    }
    await createTestListedItem(database.db, { agency: dept.agency, nodeIds: [projects.id, keyAreas.id], title: '两个栏目都有', publishedDate: '2024-02-01', status: 'withdrawn' });
    await createTestListedItem(database.db, { agency: dept.agency, nodeIds: [projects.id], title: '误发布', publishedDate: '2024-02-02', status: 'unpublished' });
    const p1 = await catalog.getNodeListing(dept.agency.code, keyAreas.id, undefined);
    expect([p1.total, p1.pageCount, p1.rows.length]).toEqual([23, 2, 20]);
    expect(p1.rows[0]?.title).toBe('两个栏目都有');
    expect(p1.rows[1]?.title).toBe('项目信息22');
    const p2 = await catalog.getNodeListing(dept.agency.code, keyAreas.id, '2');
    expect(p2.rows.map((r) => r.title)).toEqual(['项目信息03', '项目信息02', '项目信息01']);
    expect(p1.children.find((c) => c.node.id === projects.id)?.itemCount).toBe(12);
    expect((await catalog.getCatalogTree(dept.agency)).find((t) => t.node.id === keyAreas.id)?.itemCount).toBe(23);
    expect((await caught(catalog.getNodeListing(dept.agency.code, keyAreas.id, '3'))).code).toBe('NOT_FOUND');
    expect((await caught(catalog.getNodeListing(dept.agency.code, keyAreas.id, 'x'))).code).toBe('VALIDATION_FAILED');
    expect((await caught(catalog.getNodeListing(dept.agency.code, randomUUID(), '1'))).code).toBe('NOT_FOUND');
    expect((await caught(catalog.getNodeListing('no-such-agency', keyAreas.id, '1'))).code).toBe('NOT_FOUND');
  });

  it('a column of another agency is not found under this one', async () => {
    const { city, dept } = await setup();
    expect((await caught(catalog.getNodeListing(dept.agency.code, templateNode(city.nodes, 'plans').id, '1'))).code).toBe('NOT_FOUND');
  });
});
