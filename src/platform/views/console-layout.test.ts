import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../auth/actor.ts';
import { CONSOLE_NAV, consoleNavFor } from './console-layout.tsx';

function actorWith(...roles: Role[]): Actor {
  return { userId: 'u', username: 'u', name: '测试', grants: roles.map((role) => ({ role, agencyId: 'a', includeSubtree: false })) };
}

const labels = (actor: Actor | null) => consoleNavFor(actor).map((i) => i.label);

describe('console navigation by role', () => {
  it('shows a 系统管理员 every entry', () => {
    expect(labels(actorWith('admin'))).toEqual(CONSOLE_NAV.map((i) => i.label));
  });

  it('hides user management and the calendar from an editor, keeps the disclosure pages', () => {
    const seen = labels(actorWith('editor'));
    expect(seen).toContain('政府信息');
    expect(seen).not.toContain('人员管理');
    expect(seen).not.toContain('工作日历');
  });

  it('does not show disclosure pages to a 热线坐席 who holds no disclosure role', () => {
    expect(labels(actorWith('agent'))).not.toContain('政府信息');
  });

  it('shows nothing without a signed-in actor', () => {
    expect(consoleNavFor(null)).toEqual([]);
  });
});
