import { randomBytes, randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** argon2id (the library's default algorithm) with its OWASP-level defaults: 19 MiB, 2 passes. */
export async function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** false for a wrong password or a malformed hash; never throws on bad input. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// A fixed hash to verify against when the username is unknown, so both paths cost the same time.
let decoy: Promise<string> | null = null;
export async function verifyDecoy(password: string): Promise<false> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(await decoy, password);
  return false;
}

/** Why a password is too weak, in Chinese, or null when acceptable. */
export function passwordProblem(password: string, rules: { minLength: number; maxLength: number }, username?: string): string | null {
  if (password.length < rules.minLength) return `密码至少 ${rules.minLength} 个字符`;
  if (password.length > rules.maxLength) return `密码不能超过 ${rules.maxLength} 个字符`;
  const kinds = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (kinds < 2) return '密码须包含字母、数字、符号中的至少两类';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名';
  if (/^(.)\1+$/.test(password)) return '密码不能由同一个字符重复组成';
  return null;
}

const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random password that satisfies passwordProblem (16 characters, letters and digits). */
export function generatePassword(length = 16): string {
  for (;;) {
    let out = '';
    for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
    if (/[0-9]/.test(out) && /[a-zA-Z]/.test(out)) return out;
  }
}
