import type { FieldError } from '../../platform/http/errors.ts';

/**
 * The `next` of a 长者模式 link must be a path on this site: "/…", never "//host", "/\host",
 * a scheme, or control characters (no open redirect). Returns the path, or null when refused.
 */
export function toLocalPath(next: unknown): string | null {
  if (typeof next !== 'string' || next.length === 0 || next.length > 2000) return null;
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  // control characters and backslashes: browsers treat "\" as "/" and strip tabs/newlines
  for (const ch of next) {
    const code = ch.charCodeAt(0);
    if (code < 0x20 || code === 0x7f || ch === '\\') return null;
  }
  let parsed: URL;
  try {
    parsed = new URL(next, 'http://gongkai.invalid');
  } catch {
    return null;
  }
  if (parsed.origin !== 'http://gongkai.invalid') return null;
  return parsed.pathname + parsed.search + parsed.hash;
}

/** A 长者模式 switch request: GET /elder-mode?on=1|0&next=<local path>. */
export interface ElderModeSwitch {
  on: boolean;
  next: string;
}

/** Parses the switch's query; a missing `next` returns to the home page, a foreign one is refused. */
export function parseElderModeSwitch(query: Record<string, unknown>): ElderModeSwitch | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const on = query.on;
  if (on !== '1' && on !== '0') errors.push({ field: 'on', message: '“长者模式开关”只能是 1（开启）或 0（关闭）' });
  const rawNext = query.next === undefined || query.next === '' ? '/' : query.next;
  const next = toLocalPath(rawNext);
  if (next === null) errors.push({ field: 'next', message: '“返回页面”必须是本网站内的地址' });
  if (errors.length > 0 || next === null) return { errors };
  return { on: on === '1', next };
}
