// Console form bodies (all strings) → service input. Anything unexpected is passed on for the schema to name.

import type { NodeAction } from './catalog.schema.ts';
import type { NewNodeValues, NodeActionValues } from './views/catalog-console-pages.tsx';

type Body = Record<string, unknown>;

export function bodyOf(raw: unknown): Body {
  return raw && typeof raw === 'object' ? (raw as Body) : {};
}

function text(v: unknown): unknown {
  return typeof v === 'string' ? v.trim() : v;
}

/** The hidden `version` field; NaN when missing or not a number (the service answers STALE_RECORD). */
export function versionFromForm(raw: unknown): number {
  const v = bodyOf(raw).version;
  return typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : Number.NaN;
}

/** The add form → NewCatalogNode input: '' parent is the top level. */
export function newNodeInputFromForm(raw: unknown): Record<string, unknown> {
  const b = bodyOf(raw);
  const parent = text(b.parentId);
  return { name: text(b.name), parentId: parent === '' || parent === undefined ? null : parent, isKeyArea: b.isKeyArea === '1' || b.isKeyArea === 'on', reason: text(b.reason) };
}

/** An adjustment form → the input of the service function for `action`. */
export function nodeActionInputFromForm(action: NodeAction, raw: unknown): Record<string, unknown> {
  const b = bodyOf(raw);
  const reason = text(b.reason);
  switch (action) {
    case 'rename':
      return { name: text(b.name), reason };
    case 'move': {
      // the select offers “目录顶层” as `top`; an empty choice is no choice
      const p = text(b.parentId);
      return { ...(p === '' || p === undefined ? {} : { parentId: p === 'top' ? null : p }), reason };
    }
    case 'up':
    case 'down':
      return { direction: action, reason };
    case 'retire':
    case 'restore':
      return { reason };
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function newNodeValuesFromBody(raw: unknown): NewNodeValues {
  const b = bodyOf(raw);
  return { name: str(b.name), parentId: str(b.parentId), isKeyArea: b.isKeyArea === '1' || b.isKeyArea === 'on', reason: str(b.reason) };
}

export function nodeActionValuesFromBody(raw: unknown): NodeActionValues {
  const b = bodyOf(raw);
  const version = versionFromForm(raw);
  return { name: str(b.name), parentId: str(b.parentId), reason: str(b.reason), ...(Number.isNaN(version) ? {} : { version }) };
}
