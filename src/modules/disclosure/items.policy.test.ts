import { describe, expect, it } from 'vitest';
import { ROLE_IDS, type Actor, type Role } from '../../platform/auth/actor.ts';
import { canOnItem, ITEM_ACTION_IDS, itemScopes, mayTakeAnywhere, type ItemAction } from './items.policy.ts';

const CITY = { id: 'c0000000-0000-4000-8000-000000000001', ancestors: [] as string[] };
const DEPT = { id: 'd0000000-0000-4000-8000-000000000002', ancestors: [CITY.id] };
const OTHER = { id: 'e0000000-0000-4000-8000-000000000003', ancestors: [CITY.id] };

function actor(role: Role, agencyId: string, includeSubtree = false): Actor {
  return { userId: `u-${role}`, username: role, name: role, grants: [{ role, agencyId, includeSubtree }] };
}

/** The expected matrix: which roles may take each action on an item of their own agency. */
const EXPECTED: Record<ItemAction, readonly Role[]> = {
  'item.read': ['editor', 'reviewer', 'office'],
  'item.draft': ['editor'],
  'item.submit': ['editor'],
  'item.createRevision': ['editor'],
  'item.return': ['reviewer'],
  'item.secrecyReview': ['reviewer'],
  'item.overridePrivacy': ['reviewer'],
  'item.publish': ['reviewer'],
  'item.withdraw': ['reviewer'],
  'item.revoke': ['reviewer'],
  'item.unpublish': ['reviewer'],
};

describe('items policy matrix', () => {
  for (const action of ITEM_ACTION_IDS) {
    for (const role of ROLE_IDS) {
      const allowed = EXPECTED[action].includes(role);
      it(`${role} ${allowed ? 'may' : 'may not'} ${action} in their own agency`, () => {
        expect(canOnItem(actor(role, DEPT.id), action, DEPT)).toBe(allowed);
      });
    }
    it(`nobody may ${action} across agencies`, () => {
      for (const role of ROLE_IDS) expect(canOnItem(actor(role, OTHER.id, true), action, DEPT)).toBe(false);
    });
    it(`a grant on the city with its subtree reaches a department for ${action}`, () => {
      for (const role of EXPECTED[action]) {
        expect(canOnItem(actor(role, CITY.id, true), action, DEPT)).toBe(true);
        // without the subtree it does not
        expect(canOnItem(actor(role, CITY.id, false), action, DEPT)).toBe(false);
      }
    });
  }

  it('lists every action in the expected matrix', () => {
    expect([...ITEM_ACTION_IDS].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('lets system actors (importer, jobs) through and refuses nobody signed in', () => {
    expect(canOnItem({ system: 'import' }, 'item.publish', DEPT)).toBe(true);
    expect(canOnItem(null, 'item.read', DEPT)).toBe(false);
    expect(mayTakeAnywhere({ system: 'seed' }, 'item.draft')).toBe(true);
  });

  it('gives the console its read scopes', () => {
    const a: Actor = { userId: 'u', username: 'u', name: 'u', grants: [{ role: 'office', agencyId: CITY.id, includeSubtree: true }, { role: 'agent', agencyId: DEPT.id, includeSubtree: false }] };
    expect(itemScopes(a, 'item.read')).toEqual([{ agencyId: CITY.id, includeSubtree: true }]);
    expect(mayTakeAnywhere(a, 'item.draft')).toBe(false);
  });
});
