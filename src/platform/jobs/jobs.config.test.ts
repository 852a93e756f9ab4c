import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.ts';

const base = { DATA_DIR: '/nonexistent', SESSION_SECRET: 'x'.repeat(32) };

describe('JOBS_ENABLED', () => {
  it('defaults to on, and to off under NODE_ENV=test', () => {
    expect(loadConfig({ ...base }).jobsEnabled).toBe(true);
    expect(loadConfig({ ...base, NODE_ENV: 'production' }).jobsEnabled).toBe(true);
    expect(loadConfig({ ...base, NODE_ENV: 'test' }).jobsEnabled).toBe(false);
  });

  it('reads true/false, 1/0, on/off', () => {
    expect(loadConfig({ ...base, JOBS_ENABLED: 'false' }).jobsEnabled).toBe(false);
    expect(loadConfig({ ...base, JOBS_ENABLED: '0' }).jobsEnabled).toBe(false);
    expect(loadConfig({ ...base, NODE_ENV: 'test', JOBS_ENABLED: 'ON' }).jobsEnabled).toBe(true);
  });

  it('lists a bad value in Chinese with the other problems', () => {
    expect(() => loadConfig({ ...base, JOBS_ENABLED: 'maybe', PORT: 'x' })).toThrow(ConfigError);
    try {
      loadConfig({ ...base, JOBS_ENABLED: 'maybe', PORT: 'x' });
    } catch (err) {
      expect((err as ConfigError).problems).toEqual(['PORT 必须是整数（当前为 “x”）', 'JOBS_ENABLED 应为 true 或 false（当前为 “maybe”）']);
    }
  });
});
