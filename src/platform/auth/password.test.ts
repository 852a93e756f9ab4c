import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, passwordProblem, verifyDecoy, verifyPassword } from './password.ts';

const RULES = { minLength: 10, maxLength: 128 };

describe('password hashing', () => {
  it('hashes with argon2id, salted, and verifies only the right password', async () => {
    const a = await hashPassword('gongkai-demo');
    const b = await hashPassword('gongkai-demo');
    expect(a).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, 'gongkai-demo')).toBe(true);
    expect(await verifyPassword(a, 'gongkai-dem0')).toBe(false);
  });

  it('treats a malformed hash as a wrong password', async () => {
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
    expect(await verifyDecoy('anything')).toBe(false);
  });
});

describe('password rules', () => {
  it.each([
    ['short1!', '至少 10 个字符'],
    ['abcdefghijkl', '至少两类'],
    ['x'.repeat(129), '不能超过 128'],
    ['zhangsan-2025', '不能包含用户名'],
  ])('refuses %s', (pw, msg) => {
    expect(passwordProblem(pw, RULES, 'zhangsan')).toContain(msg);
  });

  it('accepts a reasonable password and the demo one', () => {
    expect(passwordProblem('Chongqing2025', RULES, 'zhangsan')).toBeNull();
    expect(passwordProblem('gongkai-demo', RULES, 'admin')).toBeNull();
  });

  it('generates passwords that pass the rules', () => {
    for (let i = 0; i < 50; i++) {
      const p = generatePassword();
      expect(p).toHaveLength(16);
      expect(passwordProblem(p, RULES)).toBeNull();
    }
  });
});
