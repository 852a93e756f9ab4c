/**
 * In-memory fixed-window counters for sign-in attempts (one server process holds the sessions'
 * throttle; a restart forgets it, and the per-account lock in the database still holds).
 */
export class AttemptThrottle {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(private readonly maxKeys = 100_000) {}

  /** Counts one attempt for `key`; returns 0 when allowed, else the seconds until the window resets. */
  hit(key: string, limit: number, windowSeconds: number, nowMs: number): number {
    let w = this.windows.get(key);
    if (!w || w.resetAt <= nowMs) {
      if (this.windows.size >= this.maxKeys) this.prune(nowMs);
      w = { count: 0, resetAt: nowMs + windowSeconds * 1000 };
      this.windows.set(key, w);
    }
    w.count++;
    return w.count > limit ? Math.max(1, Math.ceil((w.resetAt - nowMs) / 1000)) : 0;
  }

  /** Forgets a key (e.g. a username after a successful sign-in). */
  reset(key: string): void {
    this.windows.delete(key);
  }

  private prune(nowMs: number): void {
    for (const [k, w] of this.windows) if (w.resetAt <= nowMs) this.windows.delete(k);
    // still full of live windows: drop the oldest entries rather than grow without bound
    for (const k of this.windows.keys()) {
      if (this.windows.size < this.maxKeys) break;
      this.windows.delete(k);
    }
  }
}
