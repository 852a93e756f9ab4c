import { describe, expect, it } from 'vitest';
import { ROLE_IDS, type Actor, type Role } from '../../platform/auth/actor.ts';
import { canOnRequest, canSeeOverview, type RequestAction } from './requests.policy.ts';

const CITY = 'c0000000-0000-4000-8000-000000000001';
const DEPT = 'c0000000-0000-4000-8000-000000000002';
const OTHER = 'c0000000-0000-4000-8000-000000000003';
const dept = { id: DEPT, ancestors: [CITY] };

function actor(role: Role, agencyId = DEPT, includeSubtree = false, agencyIsRoot = false): Actor {
  return { userId: 'u', username: 'u', name: '测试', grants: [{ role, agencyId, includeSubtree, agencyIsRoot }] };
}

// written out independently of the implementation's table
const ALLOWED: Record<RequestAction, Role[]> = {
  'request.read': ['admin', 'office', 'handler', 'head', 'reviewer', 'editor'],
  'request.handle': ['office', 'handler', 'head'],
  'request.extend': ['head'],
  'request.review_case': ['office', 'handler', 'head'],
};

describe('canOnRequest', () => {
  for (const [action, roles] of Object.entries(ALLOWED) as [RequestAction, Role[]][]) {
    for (const role of ROLE_IDS) {
      it(`${role} ${action}`, () => {
        expect(canOnRequest(actor(role), action, dept)).toBe(roles.includes(role));
        // another agency's staff never; the city's only with the subtree
        expect(canOnRequest(actor(role, OTHER, true), action, dept)).toBe(false);
        expect(canOnRequest(actor(role, CITY, false), action, dept)).toBe(false);
        expect(canOnRequest(actor(role, CITY, true), action, dept)).toBe(roles.includes(role));
      });
    }
  }

  it('lets system actors (jobs, seeding) act', () => {
    expect(canOnRequest({ system: 'requests.reminders' }, 'request.handle', dept)).toBe(true);
    expect(canOnRequest(null, 'request.read', dept)).toBe(false);
  });
});

describe('canSeeOverview', () => {
  it('is the 公开办 (or admin) at a top-level agency with its subtree', () => {
    expect(canSeeOverview(actor('office', CITY, true, true))).toBe(true);
    expect(canSeeOverview(actor('admin', CITY, true, true))).toBe(true);
    expect(canSeeOverview(actor('office', CITY, false, true))).toBe(false);
    expect(canSeeOverview(actor('office', DEPT, true, false))).toBe(false);
    expect(canSeeOverview(actor('head', CITY, true, true))).toBe(false);
  });
});
