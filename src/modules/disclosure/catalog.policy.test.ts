import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../../platform/auth/actor.ts';
import { canManageCatalog, managesAnyCatalog } from './catalog.policy.ts';

const city = { id: 'city', ancestors: [] };
const dept = { id: 'dept', ancestors: ['city'] };
const other = { id: 'other', ancestors: ['city'] };

const actor = (role: Role, agencyId: string, includeSubtree = true): Actor => ({ userId: 'u', username: 'u', name: '用户', grants: [{ role, agencyId, includeSubtree }] });

describe('canManageCatalog', () => {
  it('allows 部门审核 of the agency, 公开办 and 系统管理员 whose grant covers it, and system actors', () => {
    expect(canManageCatalog(actor('reviewer', 'dept', false), dept)).toBe(true);
    expect(canManageCatalog(actor('office', 'city'), dept)).toBe(true);
    expect(canManageCatalog(actor('admin', 'city'), dept)).toBe(true);
    expect(canManageCatalog(actor('admin', 'dept', false), dept)).toBe(true);
    expect(canManageCatalog({ system: 'seed' }, dept)).toBe(true);
  });
  it('refuses 部门编辑, 坐席, 承办人, other agencies, grants without the subtree, and nobody', () => {
    for (const role of ['editor', 'agent', 'handler'] as const) expect(canManageCatalog(actor(role, 'dept'), dept)).toBe(false);
    expect(canManageCatalog(actor('reviewer', 'other'), dept)).toBe(false);
    expect(canManageCatalog(actor('office', 'city', false), dept)).toBe(false);
    expect(canManageCatalog(actor('reviewer', 'dept'), city)).toBe(false);
    expect(canManageCatalog(null, dept)).toBe(false);
    expect(canManageCatalog(actor('office', 'other'), other)).toBe(true);
  });
  it('managesAnyCatalog: only the three roles', () => {
    expect(managesAnyCatalog(actor('editor', 'dept'))).toBe(false);
    expect(managesAnyCatalog(actor('reviewer', 'dept'))).toBe(true);
    expect(managesAnyCatalog(null)).toBe(false);
  });
});
