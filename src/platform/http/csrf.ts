import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * CSRF tokens: HMAC(secret, binding), where binding is the session id for a signed-in user or a
 * random anonymous id kept in an HttpOnly cookie. Forms carry the token in the hidden field _csrf.
 */
export function newAnonymousId(): string {
  return randomBytes(16).toString('base64url');
}

export function csrfTokenFor(secret: string, binding: string): string {
  return createHmac('sha256', secret).update(`csrf:${binding}`).digest('base64url');
}

export function isValidCsrfToken(secret: string, binding: string, token: unknown): boolean {
  if (typeof token !== 'string' || !token) return false;
  const expected = Buffer.from(csrfTokenFor(secret, binding));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
