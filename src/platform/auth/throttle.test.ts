import { describe, expect, it } from 'vitest';
import { AttemptThrottle } from './throttle.ts';

describe('AttemptThrottle', () => {
  it('allows `limit` attempts per window, then reports the wait, then resets', () => {
    const t = new AttemptThrottle();
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i++) expect(t.hit('ip:1', 3, 60, t0)).toBe(0);
    expect(t.hit('ip:1', 3, 60, t0 + 10_000)).toBe(50);
    expect(t.hit('ip:2', 3, 60, t0 + 10_000)).toBe(0);
    expect(t.hit('ip:1', 3, 60, t0 + 60_000)).toBe(0);
  });

  it('forgets a key on reset and stays bounded in size', () => {
    const t = new AttemptThrottle(10);
    expect(t.hit('u', 1, 60, 0)).toBe(0);
    expect(t.hit('u', 1, 60, 0)).toBeGreaterThan(0);
    t.reset('u');
    expect(t.hit('u', 1, 60, 0)).toBe(0);
    for (let i = 0; i < 50; i++) t.hit(`k${i}`, 1, 60, 0);
    expect(t.hit('k49', 1, 60, 0)).toBeGreaterThan(0);
  });
});
