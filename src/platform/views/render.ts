import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** Renders a full page. preact-render-to-string escapes every interpolated string. */
export function renderPage<P>(vnode: VNode<P>): string {
  return '<!doctype html>' + renderToString(vnode);
}
