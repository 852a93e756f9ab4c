import { describe, expect, it } from 'vitest';
import { ROLE_IDS, type Actor, type Role } from './actor.ts';
import { can, grantCovers, hasRoleFor, PLATFORM_ACTION_IDS, PLATFORM_ACTIONS, scopesFor, type PlatformAction, type PolicyResource, DEPLOYMENT_WIDE_ACTIONS } from './policy.ts';

// A small tree: city → district → department; and an unrelated agency elsewhere.
const CITY = 'c0000000-0000-4000-8000-000000000001';
const DISTRICT = 'c0000000-0000-4000-8000-000000000002';
const DEPT = 'c0000000-0000-4000-8000-000000000003';
const OTHER = 'c0000000-0000-4000-8000-000000000004';

const own: PolicyResource = { agencyId: DISTRICT, agencyAncestors: [CITY] };
const child: PolicyResource = { agencyId: DEPT, agencyAncestors: [CITY, DISTRICT] };
const parent: PolicyResource = { agencyId: CITY, agencyAncestors: [] };
const other: PolicyResource = { agencyId: OTHER, agencyAncestors: [CITY] };

function actorWith(role: Role, includeSubtree: boolean): Actor {
  return { userId: 'u', username: 'u', name: '测试', grants: [{ role, agencyId: DISTRICT, includeSubtree }] };
}

// The expected answer, written out independently of the implementation's table.
const ALLOWED: Record<PlatformAction, readonly Role[]> = {
  'console.access': ['admin', 'office', 'editor', 'reviewer', 'agent', 'handler', 'head'],
  'agency.read': ['admin', 'office', 'editor', 'reviewer', 'agent', 'handler', 'head'],
  'agency.manage': ['admin'],
  'user.manage': ['admin'],
  'calendar.manage': ['admin'],
  'audit.read': ['admin', 'office'],
};

describe('can(): every role × every action × own / child / parent / other agency', () => {
  it('has an expectation for every action', () => {
    expect(Object.keys(ALLOWED).sort()).toEqual([...PLATFORM_ACTION_IDS].sort());
  });

  for (const role of ROLE_IDS) {
    for (const action of PLATFORM_ACTION_IDS) {
      const roleAllowed = ALLOWED[action].includes(role);
      it(`${role} ${action}`, () => {
        const plain = actorWith(role, false);
        const subtree = actorWith(role, true);
        // own agency: allowed iff the role is in the table, with or without subtree
        expect(can(plain, action, own)).toBe(roleAllowed);
        expect(can(subtree, action, own)).toBe(roleAllowed);
        // child agency: only with the subtree
        expect(can(plain, action, child)).toBe(false);
        expect(can(subtree, action, child)).toBe(roleAllowed);
        // the parent and a sibling elsewhere: never (cross-agency access is denied)
        expect(can(subtree, action, parent)).toBe(false);
        expect(can(subtree, action, other)).toBe(false);
        // a global action: held anywhere, except deployment-wide ones, which need the role at a top-level agency with its subtree
        if (DEPLOYMENT_WIDE_ACTIONS.has(action)) {
          expect(can(plain, action, null)).toBe(false);
          expect(can(subtree, action, null)).toBe(false);
          const root = { ...subtree, grants: subtree.grants.map((g) => ({ ...g, agencyIsRoot: true })) };
          expect(can(root, action, null)).toBe(roleAllowed);
          const rootWithoutSubtree = { ...plain, grants: plain.grants.map((g) => ({ ...g, agencyIsRoot: true })) };
          expect(can(rootWithoutSubtree, action, null)).toBe(false);
        } else expect(can(plain, action, null)).toBe(roleAllowed);
      });
    }
  }

  it('denies a missing actor and an actor with no grants', () => {
    for (const action of PLATFORM_ACTION_IDS) {
      expect(can(null, action, own)).toBe(false);
      expect(can(undefined, action, null)).toBe(false);
      expect(can({ userId: 'u', username: 'u', name: 'n', grants: [] }, action, null)).toBe(false);
    }
  });

  it('combines grants: a role at one agency does not lend its rights to another grant', () => {
    const actor: Actor = {
      userId: 'u',
      username: 'u',
      name: 'n',
      grants: [
        { role: 'admin', agencyId: OTHER, includeSubtree: true },
        { role: 'editor', agencyId: DISTRICT, includeSubtree: true },
      ],
    };
    expect(can(actor, 'user.manage', own)).toBe(false);
    expect(can(actor, 'agency.read', child)).toBe(true);
    expect(can(actor, 'user.manage', { agencyId: 'x', agencyAncestors: [CITY, OTHER] })).toBe(true);
  });
});

describe('helpers for module policies', () => {
  it('grantCovers follows the ancestors, not agency ids that merely look alike', () => {
    expect(grantCovers({ role: 'editor', agencyId: DISTRICT, includeSubtree: true }, child)).toBe(true);
    expect(grantCovers({ role: 'editor', agencyId: DEPT, includeSubtree: true }, own)).toBe(false);
  });

  it('hasRoleFor checks a module’s own role list', () => {
    expect(hasRoleFor(actorWith('reviewer', false), ['reviewer', 'admin'], own)).toBe(true);
    expect(hasRoleFor(actorWith('editor', false), ['reviewer', 'admin'], own)).toBe(false);
  });

  it('scopesFor returns the grants of the roles asked for', () => {
    expect(scopesFor(actorWith('admin', true), PLATFORM_ACTIONS['user.manage'])).toEqual([{ agencyId: DISTRICT, includeSubtree: true }]);
    expect(scopesFor(actorWith('editor', true), PLATFORM_ACTIONS['user.manage'])).toEqual([]);
  });
});
