import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../../platform/auth/actor.ts';
import { canCreateRootAgency, canManageAgency, managesAnyAgency } from './agencies.policy.ts';

const city = { id: 'c', ancestors: [] as string[] };
const district = { id: 'd', ancestors: ['c'] };
const districtDept = { id: 'dd', ancestors: ['c', 'd'] };
const otherCity = { id: 'o', ancestors: [] as string[] };

function actor(role: Role, agencyId: string, includeSubtree: boolean): Actor {
  return { userId: 'u', username: 'u', name: '测试', grants: [{ role, agencyId, includeSubtree }] };
}

describe('canManageAgency', () => {
  it('allows 系统管理员 of the agency, or of an ancestor with subtree', () => {
    expect(canManageAgency(actor('admin', 'c', true), districtDept)).toBe(true);
    expect(canManageAgency(actor('admin', 'd', false), district)).toBe(true);
    expect(canManageAgency(actor('admin', 'c', false), district)).toBe(false);
    expect(canManageAgency(actor('admin', 'd', true), city)).toBe(false);
    expect(canManageAgency(actor('admin', 'o', true), district)).toBe(false);
  });

  it('refuses every other role, even with subtree at the root', () => {
    for (const role of ['office', 'editor', 'reviewer', 'agent', 'handler'] as const) expect(canManageAgency(actor(role, 'c', true), city)).toBe(false);
  });

  it('lets system actors (seed, CLI) through', () => {
    expect(canManageAgency({ system: 'seed' }, districtDept)).toBe(true);
  });
});

describe('canCreateRootAgency', () => {
  it('needs an admin grant with subtree on an existing root', () => {
    expect(canCreateRootAgency(actor('admin', 'c', true), [city, otherCity], true)).toBe(true);
    expect(canCreateRootAgency(actor('admin', 'c', false), [city], true)).toBe(false);
    expect(canCreateRootAgency(actor('admin', 'd', true), [city], true)).toBe(false);
    expect(canCreateRootAgency(actor('office', 'c', true), [city], true)).toBe(false);
  });

  it('is open while no agency exists (bootstrapping), and to system actors', () => {
    expect(canCreateRootAgency(actor('editor', 'x', false), [], false)).toBe(true);
    expect(canCreateRootAgency({ system: 'cli' }, [city], true)).toBe(true);
  });
});

describe('managesAnyAgency', () => {
  it('is true only with an admin grant', () => {
    expect(managesAnyAgency(actor('admin', 'd', false))).toBe(true);
    expect(managesAnyAgency(actor('office', 'c', true))).toBe(false);
  });
});
