// Small helpers shared by the hotline console's routes: rendering, reading form bodies, refusals shown on the form.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import { renderPage } from '../../platform/views/render.ts';
import { CATEGORIES } from './taxonomy.ts';

export const HOTLINE_CONSOLE_PATH = '/console/hotline';

export function html(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply.status(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(renderPage(page));
}

/** Refusals shown on the page (400 fields, 409 state/stale/rule); anything else goes to the error page. */
export function formErrors(err: unknown): { status: number; fields: FieldError[] } | null {
  if (!(err instanceof AppError)) return null;
  switch (err.code) {
    case 'VALIDATION_FAILED':
    case 'CONFLICT':
      return { status: err.status, fields: err.fields.length ? err.fields : [{ field: 'form', message: err.message }] };
    case 'STALE_RECORD':
    case 'ILLEGAL_TRANSITION':
      return { status: err.status, fields: [{ field: 'form', message: err.message }] };
    default:
      return null;
  }
}

export type FormBody = Record<string, unknown>;

export function bodyOf(raw: unknown): FormBody {
  return raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as FormBody) : {};
}

/** One string field ('' when absent); the first of repeated ones. */
export function str(body: FormBody, key: string): string {
  const v = body[key];
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
  return '';
}

/** A repeated field as a list of non-empty strings. */
export function list(body: FormBody, key: string): string[] {
  const v = body[key];
  const all = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return all.filter((x): x is string => typeof x === 'string').map((s) => s.trim()).filter((s) => s !== '');
}

export function query(req: FastifyRequest, key: string): string {
  const q = req.query as Record<string, unknown> | undefined;
  const v = q?.[key];
  return typeof v === 'string' ? v.trim() : '';
}

/** The form's `version` (optimistic lock); 0 when missing, which never matches. */
export function versionOf(body: FormBody): number {
  const v = str(body, 'version');
  return /^\d{1,9}$/.test(v) ? Number(v) : 0;
}

/** The category tree as select options, indented by level; `leavesOnly` for tickets. */
export function categoryOptions(leavesOnly = false): { value: string; label: string }[] {
  return CATEGORIES.filter((c) => !leavesOnly || c.code.length === 6).map((c) => ({
    value: c.code,
    label: `${'　'.repeat(c.code.length / 2 - 1)}${c.code} ${c.name}`,
  }));
}
