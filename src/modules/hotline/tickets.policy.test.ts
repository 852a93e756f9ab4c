import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../../platform/auth/actor.ts';
import { TICKET_TRANSITIONS, TICKET_VERBS } from './hotline.workflow.ts';
import { canManageApiKeys, canReadTicket, canTakeIntake, canTakeVerb } from './tickets.policy.ts';

const CITY = '00000000-0000-4000-8000-000000000001';
const DISTRICT = '00000000-0000-4000-8000-000000000002';
const DEPT = '00000000-0000-4000-8000-000000000003';
const OTHER = '00000000-0000-4000-8000-000000000004';
const lead = { agencyId: DEPT, agencyAncestors: [CITY, DISTRICT] };

function actor(role: Role, agencyId: string, includeSubtree = false): Actor {
  return { userId: 'u', username: 'u', name: '测试', grants: [{ role, agencyId, includeSubtree }] };
}

describe('canTakeVerb', () => {
  it('gives the center verbs to agents, the agency verbs to the lead agency’s handlers, everything to the system', () => {
    for (const verb of TICKET_VERBS) {
      const by = TICKET_TRANSITIONS[verb].by;
      expect([verb, canTakeVerb(actor('agent', CITY), verb, lead)]).toEqual([verb, by !== 'agency']);
      expect([verb, canTakeVerb(actor('handler', DEPT), verb, lead)]).toEqual([verb, by === 'agency']);
      expect([verb, canTakeVerb(actor('handler', OTHER), verb, lead)]).toEqual([verb, false]);
      expect([verb, canTakeVerb(actor('editor', DEPT), verb, lead)]).toEqual([verb, false]);
      expect(canTakeVerb({ system: 'job' }, verb, lead)).toBe(true);
    }
  });

  it('a handler with the district subtree acts for its departments; without the subtree not', () => {
    expect(canTakeVerb(actor('handler', DISTRICT, true), 'sign', lead)).toBe(true);
    expect(canTakeVerb(actor('handler', DISTRICT, false), 'sign', lead)).toBe(false);
    expect(canTakeVerb(actor('head', DEPT), 'requestExtension', lead)).toBe(true);
    expect(canTakeVerb(actor('handler', DEPT), 'sign', null)).toBe(false);
  });
});

describe('reading, intake and keys', () => {
  it('lets the center, supervisors and involved agencies read; others not', () => {
    expect(canReadTicket(actor('agent', CITY), lead, [])).toBe(true);
    expect(canReadTicket(actor('office', CITY), lead, [])).toBe(true);
    expect(canReadTicket(actor('handler', DEPT), lead, [])).toBe(true);
    expect(canReadTicket(actor('handler', OTHER), lead, [{ agencyId: OTHER, agencyAncestors: [CITY] }])).toBe(true);
    expect(canReadTicket(actor('handler', OTHER), lead, [])).toBe(false);
    expect(canReadTicket(actor('editor', DEPT), lead, [])).toBe(false);
  });

  it('only agents take calls; only admins manage API keys', () => {
    expect(canTakeIntake(actor('agent', CITY))).toBe(true);
    expect(canTakeIntake(actor('handler', DEPT))).toBe(false);
    expect(canManageApiKeys(actor('admin', CITY))).toBe(true);
    expect(canManageApiKeys(actor('agent', CITY))).toBe(false);
  });
});
