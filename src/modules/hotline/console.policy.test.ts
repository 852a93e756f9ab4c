// The console's pure policies: 知识库 (owner agency maintains), 派单目录 (the center maintains), desks.
import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../../platform/auth/actor.ts';
import { mayUseDesk } from './console.service.ts';
import { canManageDirectory, canReadDirectory } from './directory.service.ts';
import { canReadKb, canWriteKb, mayWriteKbAnywhere } from './kb.policy.ts';

const actor = (role: Role, agencyId = 'a', includeSubtree = false): Actor => ({ userId: 'u', username: 'u', name: 'u', grants: [{ role, agencyId, includeSubtree }] });
const owner = { id: 'dept', ancestors: ['city', 'district'] };

describe('知识库 policy', () => {
  it('every hotline role reads; editors do not', () => {
    for (const r of ['agent', 'handler', 'office', 'admin'] as const) expect(canReadKb(actor(r))).toBe(true);
    expect(canReadKb(actor('editor'))).toBe(false);
    expect(canReadKb(null)).toBe(false);
    expect(canReadKb({ system: 'job' })).toBe(true);
  });

  it('the owner agency maintains its entries (or an ancestor with the subtree)', () => {
    expect(canWriteKb(actor('handler', 'dept'), owner)).toBe(true);
    expect(canWriteKb(actor('handler', 'other'), owner)).toBe(false);
    expect(canWriteKb(actor('handler', 'district'), owner)).toBe(false);
    expect(canWriteKb(actor('office', 'city', true), owner)).toBe(true);
    expect(canWriteKb(actor('reviewer', 'dept'), owner)).toBe(false);
    expect(mayWriteKbAnywhere(actor('agent'))).toBe(true);
    expect(mayWriteKbAnywhere(actor('admin'))).toBe(false);
  });
});

describe('派单目录 policy', () => {
  it('agents and the 公开办 maintain it; handlers read it', () => {
    expect(canManageDirectory(actor('agent'))).toBe(true);
    expect(canManageDirectory(actor('office'))).toBe(true);
    expect(canManageDirectory(actor('handler'))).toBe(false);
    expect(canManageDirectory(actor('admin'))).toBe(false);
    expect(canReadDirectory(actor('handler'))).toBe(true);
    expect(canReadDirectory(actor('editor'))).toBe(false);
    expect(canManageDirectory(null)).toBe(false);
  });
});

describe('desks', () => {
  it('open to hotline roles only', () => {
    for (const r of ['agent', 'handler', 'head', 'office', 'admin'] as const) expect(mayUseDesk(actor(r))).toBe(true);
    for (const r of ['editor', 'reviewer'] as const) expect(mayUseDesk(actor(r))).toBe(false);
    expect(mayUseDesk(null)).toBe(false);
  });
});
