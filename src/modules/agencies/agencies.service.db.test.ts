import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Role } from '../../platform/auth/actor.ts';
import { auditLog } from '../../platform/audit/audit.tables.ts';
import { verifyAuditChain } from '../../platform/audit/audit.ts';
import { constraintOf, type Database } from '../../platform/db/database.ts';
import { createTestDatabase } from '../../platform/db/testing.ts';
import { AppError } from '../../platform/http/errors.ts';
import { isValidCreditCode } from '../../platform/text/identifiers.ts';
import { insertAgency } from './agencies.repository.ts';
import type { Agency, NewAgency } from './agencies.schema.ts';
import { DEMO_AGENCIES, seedAgencies } from './agencies.seed.ts';
import { createAgencyService, fieldErrorForConstraint, type AgencyService } from './agencies.service.ts';
import { agencies } from './agencies.tables.ts';
import { buildNewAgency, createTestAgency, testCreditCode } from './agencies.testing.ts';

let database: Database;
let service: AgencyService;

beforeAll(async () => {
  database = await createTestDatabase();
  service = createAgencyService(database.db);
});
afterAll(async () => {
  await database.close();
});

let actorCounter = 0;
function actorWith(role: Role, agency: Agency, includeSubtree = true): Actor {
  actorCounter++;
  return { userId: `00000000-0000-4000-8000-${String(actorCounter).padStart(12, '0')}`, username: `u${actorCounter}`, name: `测试${actorCounter}`, grants: [{ role, agencyId: agency.id, includeSubtree }] };
}

/** A city with one department and one district (with a department): its own tree per test. */
async function tree() {
  const city = await createTestAgency(database.db, { kind: 'government' });
  const dept = await createTestAgency(database.db, { parentId: city.id });
  const district = await createTestAgency(database.db, { parentId: city.id, kind: 'government' });
  const districtDept = await createTestAgency(database.db, { parentId: district.id });
  return { city, dept, district, districtDept, admin: actorWith('admin', city) };
}

async function rowCounts() {
  const [a] = await database.db.select({ n: count() }).from(agencies);
  const [l] = await database.db.select({ n: count() }).from(auditLog);
  return { agencies: a?.n ?? 0, audit: l?.n ?? 0 };
}

async function auditFor(id: string) {
  return database.db.select().from(auditLog).where(eq(auditLog.entityId, id));
}

async function expectError(p: Promise<unknown>, code: string): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  return err as AppError;
}

/** Expects VALIDATION_FAILED naming exactly `fields`, and that nothing was written. */
async function expectFieldErrors(run: () => Promise<unknown>, fields: string[]): Promise<AppError> {
  const before = await rowCounts();
  const err = await expectError(run(), 'VALIDATION_FAILED');
  expect(err.fields.map((f) => f.field).sort()).toEqual([...fields].sort());
  expect(await rowCounts()).toEqual(before);
  return err;
}

describe('createAgency', () => {
  it('creates a child under a parent the admin manages, with ancestors and an audit row', async () => {
    const t = await tree();
    const created = await service.createAgency(t.admin, buildNewAgency({ parentId: t.district.id, docPrefix: '测府发', officeEmail: 'xxgk@example.gov.cn' }));
    expect(created.ancestors).toEqual([t.city.id, t.district.id]);
    expect(created.version).toBe(1);
    expect(created.docPrefix).toBe('测府发');
    const audit = await auditFor(created.id);
    expect(audit.map((r) => r.action)).toEqual(['agency.create']);
    expect(audit[0]?.actorId).toBe(t.admin.userId);
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });

  it('creates a root for an admin holding a root with its subtree', async () => {
    const t = await tree();
    const root = await service.createAgency(t.admin, buildNewAgency({ kind: 'government' }));
    expect(root.parentId).toBeNull();
    expect(root.ancestors).toEqual([]);
  });

  it('refuses a root to an admin of a non-root agency, and a child to an admin of another agency', async () => {
    const t = await tree();
    const districtAdmin = actorWith('admin', t.district);
    await expectError(service.createAgency(districtAdmin, buildNewAgency()), 'FORBIDDEN');
    const other = await tree();
    await expectError(service.createAgency(other.admin, buildNewAgency({ parentId: t.dept.id })), 'FORBIDDEN');
    await expectError(service.createAgency(districtAdmin, buildNewAgency({ parentId: t.dept.id })), 'FORBIDDEN');
  });

  it('refuses a non-admin role, and an admin without subtree below their own agency', async () => {
    const t = await tree();
    for (const role of ['office', 'editor', 'reviewer', 'agent', 'handler'] as const) {
      await expectError(service.createAgency(actorWith(role, t.city), buildNewAgency({ parentId: t.city.id })), 'FORBIDDEN');
    }
    const narrow = actorWith('admin', t.city, false);
    await expectError(service.createAgency(narrow, buildNewAgency({ parentId: t.district.id })), 'FORBIDDEN');
    // …but without subtree it still manages its own agency, so it may add a child directly under it
    const child = await service.createAgency(narrow, buildNewAgency({ parentId: t.city.id }));
    expect(child.ancestors).toEqual([t.city.id]);
  });

  it('refuses a bad 信用代码 check character', async () => {
    const t = await tree();
    const good = testCreditCode();
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const err = await expectFieldErrors(() => service.createAgency(t.admin, buildNewAgency({ parentId: t.city.id, creditCode: bad })), ['creditCode']);
    expect(err.fields[0]?.message).toBe('统一社会信用代码校验位不正确');
  });

  it('refuses a duplicate code, name and credit code, naming each field', async () => {
    const t = await tree();
    const err = await expectFieldErrors(() => service.createAgency(t.admin, buildNewAgency({ parentId: t.city.id, code: t.dept.code, name: t.dept.name, creditCode: t.dept.creditCode })), ['code', 'name', 'creditCode']);
    expect(err.message).toContain('机关代码：已被其他机关使用');
    expect(err.message).toContain('机关名称：已有同名机关');
    expect(err.message).toContain('统一社会信用代码：已被其他机关使用');
  });

  it('refuses an unknown parent (to an admin) and a retired parent', async () => {
    const t = await tree();
    const err = await expectFieldErrors(() => service.createAgency(t.admin, buildNewAgency({ parentId: '6f1f8f0e-0000-4000-8000-000000000000' })), ['parentId']);
    expect(err.fields[0]?.message).toBe('上级机关：不存在');
    await service.retireAgency(t.admin, t.districtDept.id, t.districtDept.version, '机构改革');
    await expectFieldErrors(() => service.createAgency(t.admin, buildNewAgency({ parentId: t.districtDept.id })), ['parentId']);
  });

  it('refuses an over-long name and each malformed field, naming every one in Chinese', async () => {
    const t = await tree();
    const input = {
      ...buildNewAgency({ parentId: t.city.id }),
      name: '很'.repeat(101),
      shortName: '',
      kind: 'ministry',
      divisionCode: '5000',
      creditCode: 'not-a-credit-code',
      officePhone: '电话',
      officeFax: 'fax',
      officeEmail: 'nobody',
      sortOrder: 'first',
      docPrefix: '代'.repeat(21),
      officeName: '',
      officeAddress: 'x',
      officeHours: '',
    };
    const err = await expectFieldErrors(() => service.createAgency(t.admin, input), ['name', 'shortName', 'kind', 'divisionCode', 'creditCode', 'officePhone', 'officeFax', 'officeEmail', 'sortOrder', 'docPrefix', 'officeName', 'officeAddress', 'officeHours']);
    expect(err.message).toContain('机关名称：不能超过 100 个字符');
    expect(err.message).toContain('行政区划代码：应为 6 位数字');
    expect(err.message).toContain('机关类型：不是允许的选项');
    expect(err.message).toContain('排序：必须是数字');
    expect(err.message).toContain('电子邮箱：应为有效的电子邮箱');
  });

  it('refuses a malformed agency code, a malformed parent id and unknown fields', async () => {
    const t = await tree();
    await expectFieldErrors(() => service.createAgency(t.admin, buildNewAgency({ parentId: t.city.id, code: 'Bad Code' })), ['code']);
    await expectFieldErrors(() => service.createAgency(t.admin, { ...buildNewAgency({ parentId: t.city.id }), parentId: 'nope' }), ['parentId']);
    const err = await expectFieldErrors(() => service.createAgency(t.admin, { ...buildNewAgency({ parentId: t.city.id }), id: 'x' }), ['id']);
    expect(err.message).toContain('不认识的字段');
  });

  it('translates a unique violation that slips past the checks into the field (constraint name)', async () => {
    const t = await tree();
    const err = await insertAgency(database.db, { ...buildNewAgency({ parentId: t.city.id, code: t.dept.code }), ancestors: [t.city.id] }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(constraintOf(err)).toBe('agencies_code_key');
    expect(fieldErrorForConstraint(constraintOf(err))).toEqual({ field: 'code', message: '机关代码：已被其他机关使用' });
    expect(fieldErrorForConstraint('agencies_credit_code_key')?.field).toBe('creditCode');
    expect(fieldErrorForConstraint('agencies_name_key')?.field).toBe('name');
    expect(fieldErrorForConstraint('some_other_key')).toBeUndefined();
  });

  it('lets only one of two simultaneous creates with the same code through', async () => {
    const t = await tree();
    const a = buildNewAgency({ parentId: t.city.id });
    const b = buildNewAgency({ parentId: t.city.id, code: a.code });
    const results = await Promise.allSettled([service.createAgency(t.admin, a), service.createAgency(t.admin, b)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect(rejected?.status === 'rejected' && rejected.reason instanceof AppError && rejected.reason.code).toBe('VALIDATION_FAILED');
  });
});

describe('updateAgency', () => {
  it('changes fields, bumps the version and audits before and after', async () => {
    const t = await tree();
    const updated = await service.updateAgency(t.admin, t.dept.id, t.dept.version, { officePhone: '023-61234567', fourEyes: false });
    expect(updated.officePhone).toBe('023-61234567');
    expect(updated.fourEyes).toBe(false);
    expect(updated.version).toBe(t.dept.version + 1);
    const audit = await auditFor(t.dept.id);
    expect(audit.map((r) => r.action)).toEqual(['agency.update']);
    expect((audit[0]?.before as { officePhone: string }).officePhone).toBe(t.dept.officePhone);
  });

  it('refuses a stale version with STALE_RECORD and changes nothing', async () => {
    const t = await tree();
    await service.updateAgency(t.admin, t.dept.id, t.dept.version, { shortName: '先改的' });
    const before = await rowCounts();
    const err = await expectError(service.updateAgency(t.admin, t.dept.id, t.dept.version, { shortName: '后改的' }), 'STALE_RECORD');
    expect(err.message).toBe('此记录已被他人修改，请刷新后重试。');
    expect((await service.getAgencyById(t.dept.id)).shortName).toBe('先改的');
    expect(await rowCounts()).toEqual(before);
  });

  it('moving under a new parent recomputes the ancestors of the whole subtree', async () => {
    const t = await tree();
    const grandchild = await createTestAgency(database.db, { parentId: t.districtDept.id });
    // move the district (with its department and that one's child) under the city department
    await service.updateAgency(t.admin, t.district.id, t.district.version, { parentId: t.dept.id });
    expect((await service.getAgencyById(t.district.id)).ancestors).toEqual([t.city.id, t.dept.id]);
    expect((await service.getAgencyById(t.districtDept.id)).ancestors).toEqual([t.city.id, t.dept.id, t.district.id]);
    expect((await service.getAgencyById(grandchild.id)).ancestors).toEqual([t.city.id, t.dept.id, t.district.id, t.districtDept.id]);
    expect((await auditFor(t.district.id)).map((r) => r.action)).toEqual(['agency.move']);
    // and back to the root: the subtree keeps its shape
    const moved = await service.getAgencyById(t.district.id);
    await service.updateAgency(t.admin, t.district.id, moved.version, { parentId: null });
    expect((await service.getAgencyById(grandchild.id)).ancestors).toEqual([t.district.id, t.districtDept.id]);
    expect((await service.subtreeIds(t.city.id)).sort()).toEqual([t.city.id, t.dept.id].sort());
  });

  it('refuses a cycle: under itself or under its own descendant', async () => {
    const t = await tree();
    await expectFieldErrors(() => service.updateAgency(t.admin, t.district.id, t.district.version, { parentId: t.districtDept.id }), ['parentId']);
    const err = await expectFieldErrors(() => service.updateAgency(t.admin, t.district.id, t.district.version, { parentId: t.district.id }), ['parentId']);
    expect(err.fields[0]?.message).toBe('上级机关：不能是本机关或其下属机关');
  });

  it('refuses bad input naming each field, and a duplicate name of another agency', async () => {
    const t = await tree();
    await expectFieldErrors(() => service.updateAgency(t.admin, t.dept.id, t.dept.version, { name: t.district.name, divisionCode: 'abcdef', creditCode: t.district.creditCode }), ['name', 'divisionCode', 'creditCode']);
    // keeping its own name and credit code is no duplicate
    const same = await service.updateAgency(t.admin, t.dept.id, t.dept.version, { name: t.dept.name, creditCode: t.dept.creditCode });
    expect(same.version).toBe(t.dept.version + 1);
  });

  it('refuses the admin of another agency, and a move into a parent the admin does not manage', async () => {
    const t = await tree();
    const other = await tree();
    await expectError(service.updateAgency(other.admin, t.dept.id, t.dept.version, { shortName: '越权' }), 'FORBIDDEN');
    const districtAdmin = actorWith('admin', t.district);
    await expectError(service.updateAgency(districtAdmin, t.districtDept.id, t.districtDept.version, { parentId: t.dept.id }), 'FORBIDDEN');
    await expectError(service.updateAgency(districtAdmin, t.district.id, t.district.version, { parentId: null }), 'FORBIDDEN');
    await expectError(service.updateAgency(actorWith('editor', t.city), t.dept.id, t.dept.version, { shortName: '越权' }), 'FORBIDDEN');
  });

  it('NOT_FOUND for an unknown id', async () => {
    const t = await tree();
    await expectError(service.updateAgency(t.admin, '6f1f8f0e-0000-4000-8000-000000000001', 1, {}), 'NOT_FOUND');
    await expectError(service.updateAgency(t.admin, 'not-a-uuid', 1, {}), 'NOT_FOUND');
  });
});

describe('retireAgency', () => {
  it('keeps the row, sets retired_at, audits the reason, and leaves the lists', async () => {
    const t = await tree();
    const retired = await service.retireAgency(t.admin, t.districtDept.id, t.districtDept.version, '机构改革，职责划入区发展改革委');
    expect(retired.retiredAt).toBeInstanceOf(Date);
    const still = await service.getAgencyByCode(t.districtDept.code);
    expect(still.id).toBe(t.districtDept.id);
    expect(still.retiredAt).not.toBeNull();
    const audit = await auditFor(t.districtDept.id);
    expect(audit.map((r) => [r.action, r.reason])).toEqual([['agency.retire', '机构改革，职责划入区发展改革委']]);
    expect((await service.listAgencies()).some((a) => a.id === t.districtDept.id)).toBe(false);
    expect((await service.listAgencies({ includeRetired: true })).some((a) => a.id === t.districtDept.id)).toBe(true);
  });

  it('is an illegal transition with active children, when already retired, and for an update afterwards', async () => {
    const t = await tree();
    const err = await expectError(service.retireAgency(t.admin, t.district.id, t.district.version, '合并'), 'ILLEGAL_TRANSITION');
    expect(err.message).toContain('下属机关');
    const retired = await service.retireAgency(t.admin, t.districtDept.id, t.districtDept.version, '合并');
    await expectError(service.retireAgency(t.admin, t.districtDept.id, retired.version, '再次'), 'ILLEGAL_TRANSITION');
    await expectError(service.updateAgency(t.admin, t.districtDept.id, retired.version, { shortName: '复活' }), 'ILLEGAL_TRANSITION');
  });

  it('refuses a stale version, a missing reason and a stranger', async () => {
    const t = await tree();
    await expectError(service.retireAgency(t.admin, t.dept.id, t.dept.version + 1, '合并'), 'STALE_RECORD');
    const before = await rowCounts();
    const err = await expectError(service.retireAgency(t.admin, t.dept.id, t.dept.version, ''), 'VALIDATION_FAILED');
    expect(err.fields.map((f) => f.field)).toEqual(['reason']);
    expect(await rowCounts()).toEqual(before);
    const other = await tree();
    await expectError(service.retireAgency(other.admin, t.dept.id, t.dept.version, '越权'), 'FORBIDDEN');
    expect((await service.getAgencyById(t.dept.id)).retiredAt).toBeNull();
  });
});

describe('reading', () => {
  it('lists in tree order, finds by code, and gives each subtree', async () => {
    const t = await tree();
    const within = await service.listAgencies({ within: t.city.id });
    const ids = within.map((a) => a.id);
    expect(ids[0]).toBe(t.city.id);
    expect(ids.indexOf(t.districtDept.id)).toBe(ids.indexOf(t.district.id) + 1);
    expect(ids).toHaveLength(4);
    expect((await service.getAgencyByCode(t.dept.code)).id).toBe(t.dept.id);
    await expectError(service.getAgencyByCode('no-such-agency'), 'NOT_FOUND');
    await expectError(service.getAgencyById('6f1f8f0e-0000-4000-8000-000000000002'), 'NOT_FOUND');
    expect((await service.subtreeIds(t.district.id)).sort()).toEqual([t.district.id, t.districtDept.id].sort());
    const page = await service.getAgencyPage(t.districtDept.code);
    expect(page.ancestors.map((a) => a.id)).toEqual([t.city.id, t.district.id]);
    expect((await service.getAgencyPage(t.city.code)).children.map((c) => c.id).sort()).toEqual([t.dept.id, t.district.id].sort());
  });

  it('console list: what the actor may read, marked where they may manage; FORBIDDEN without a role', async () => {
    const t = await tree();
    const editor = actorWith('editor', t.district);
    const list = await service.listAgenciesForConsole(editor);
    expect(list.rows.map((r) => r.agency.id).sort()).toEqual([t.district.id, t.districtDept.id].sort());
    expect(list.rows.every((r) => !r.canManage)).toBe(true);
    expect(list.canCreate).toBe(false);
    const adminList = await service.listAgenciesForConsole(actorWith('admin', t.district));
    expect(adminList.rows.every((r) => r.canManage)).toBe(true);
    await expectError(service.listAgenciesForConsole({ ...editor, grants: [] }), 'FORBIDDEN');
    await expectError(service.agencyFormOptions(editor), 'FORBIDDEN');
    await expectError(service.agencyFormOptions(actorWith('admin', t.dept), t.district.code), 'FORBIDDEN');
    const opts = await service.agencyFormOptions(t.admin, t.district.code);
    expect(opts.parents.some((p) => p.id === t.districtDept.id || p.id === t.district.id)).toBe(false);
    expect(opts.parents.some((p) => p.id === t.dept.id)).toBe(true);
  });
});

describe('seedAgencies', () => {
  it('is idempotent, audits each agency once as 系统:seed, and every credit code is valid and marked demo', async () => {
    const deps = { agencies: service };
    await seedAgencies(deps);
    const afterFirst = await rowCounts();
    await seedAgencies(deps);
    expect(await rowCounts()).toEqual(afterFirst);
    const seeded = await Promise.all(DEMO_AGENCIES.map((d) => service.getAgencyByCode(d.code)));
    for (const a of seeded) {
      expect(isValidCreditCode(a.creditCode)).toBe(true);
      expect(a.isDemo).toBe(true);
      expect(a.officeHours).toBe('工作日 9:00—12:00，14:00—17:30');
      expect(a.officePhone).toMatch(/^023-\d{8}$/);
    }
    const cq = await service.getAgencyByCode('cq');
    expect([cq.name, cq.divisionCode, cq.docPrefix, cq.kind]).toEqual(['重庆市人民政府', '500000', '渝府发', 'government']);
    expect((await service.getAgencyByCode('cq-bgt')).docPrefix).toBe('渝府办发');
    const yb = await service.getAgencyByCode('yb');
    expect([yb.divisionCode, yb.ancestors]).toEqual(['500112', [cq.id]]);
    expect((await service.getAgencyByCode('yb-czj')).ancestors).toEqual([cq.id, yb.id]);
    const audit = await auditFor(cq.id);
    expect(audit.map((r) => [r.action, r.actorLabel])).toEqual([['agency.create', '系统:seed']]);
  });
});

// NewAgency is what createTestAgency accepts: keep the factory's type honest
const _typed: Partial<NewAgency> = { kind: 'authorized' };
void _typed;
