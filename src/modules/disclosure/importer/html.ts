// Reads an old government web page. sanitize-html does the real HTML parsing (broken markup, entities, scripts)
// and hands back a small, well-formed subset; a tiny walker over that subset finds the title, the 信息索引 table,
// the body container and the attachment links.

import sanitizeHtml from 'sanitize-html';
import { decodeBasicEntities } from '../sanitize.ts';
import { cleanLine } from './text.ts';

export interface HtmlElement {
  tag: string;
  attrs: Record<string, string>;
  children: HtmlNode[];
}
export type HtmlNode = HtmlElement | string;

const KEPT_TAGS = ['title', 'meta', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'div', 'section', 'article', 'main', 'span', 'font', 'center', 'br', 'ul', 'ol', 'li', 'table', 'tbody', 'thead', 'tr', 'td', 'th', 'a', 'strong', 'b', 'dl', 'dt', 'dd', 'blockquote'];
const CONTAINER_ATTRS = ['id', 'class'];

/** The reduced, well-formed HTML tree of a page. */
export function parseHtml(html: string): HtmlElement {
  const reduced = sanitizeHtml(html, {
    allowedTags: KEPT_TAGS,
    allowedAttributes: {
      meta: ['name', 'content', 'property', 'http-equiv', 'charset'],
      a: ['href', 'title'],
      ...Object.fromEntries(['div', 'section', 'article', 'main', 'td', 'table', 'p', 'span', 'h1', 'ul'].map((t) => [t, CONTAINER_ATTRS])),
    },
    allowedSchemes: ['http', 'https'],
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'select', 'button', 'iframe', 'svg'],
    disallowedTagsMode: 'discard',
    // keep text outside a broken <html> element
    enforceHtmlBoundary: false,
  });
  const root: HtmlElement = { tag: '#root', attrs: {}, children: [] };
  const stack: HtmlElement[] = [root];
  const token = /<(\/?)([a-z0-9]+)((?:\s+[a-z-]+="[^"]*")*)\s*(\/?)>|([^<]+)/g;
  for (const m of reduced.matchAll(token)) {
    const top = stack[stack.length - 1] as HtmlElement;
    if (m[5] !== undefined) {
      top.children.push(decodeBasicEntities(m[5]));
      continue;
    }
    const tag = m[2] ?? '';
    if (m[1] === '/') {
      const at = stack.map((e) => e.tag).lastIndexOf(tag);
      if (at > 0) stack.length = at;
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (m[3] ?? '').matchAll(/([a-z-]+)="([^"]*)"/g)) attrs[a[1] ?? ''] = decodeBasicEntities(a[2] ?? '');
    const el: HtmlElement = { tag, attrs, children: [] };
    top.children.push(el);
    if (m[4] !== '/' && tag !== 'br' && tag !== 'meta') stack.push(el);
  }
  return root;
}

export function* walk(el: HtmlElement): Generator<HtmlElement> {
  yield el;
  for (const c of el.children) if (typeof c !== 'string') yield* walk(c);
}

const BLOCK = new Set(['p', 'div', 'section', 'article', 'main', 'center', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'table', 'tbody', 'thead', 'tr', 'dl', 'dt', 'dd', 'blockquote', 'title']);

/** Text of an element; `lines` keeps block boundaries and <br> as line breaks, otherwise they are dropped (link texts, titles). */
export function textOf(el: HtmlNode, lines = false): string {
  if (typeof el === 'string') return el;
  if (el.tag === 'br') return lines ? '\n' : '';
  const inner = el.children.map((c) => textOf(c, lines)).join('');
  if (!lines) return inner;
  if (el.tag === 'td' || el.tag === 'th') return `${inner} `;
  return BLOCK.has(el.tag) ? `\n${inner}\n` : inner;
}

/** Non-empty cleaned lines of an element's text, leaving out the `skip` elements. */
export function linesOf(el: HtmlElement, skip: ReadonlySet<HtmlElement> = new Set()): string[] {
  const prune = (e: HtmlElement): HtmlElement => ({ ...e, children: e.children.filter((c) => typeof c === 'string' || !skip.has(c)).map((c) => (typeof c === 'string' ? c : prune(c))) });
  return textOf(skip.size > 0 ? prune(el) : el, true)
    .split('\n')
    .map(cleanLine)
    .filter((l) => l !== '');
}

export function metaContent(root: HtmlElement, ...names: string[]): string | null {
  const wanted = names.map((n) => n.toLowerCase());
  for (const el of walk(root)) {
    if (el.tag !== 'meta') continue;
    const name = (el.attrs.name ?? el.attrs.property ?? '').toLowerCase();
    if (wanted.includes(name) && el.attrs.content?.trim()) return cleanLine(el.attrs.content);
  }
  return null;
}

// Body containers on common government CMSs (TRS WCM, 政府网站集约化平台, 大汉, 拓尔思).
const CONTAINER = /(^|[\s_-])(zoom|TRS_Editor|TRS_UEDITOR|article|artical|content|conTxt|con-txt|zwxl[-_]?(article|content)|view|detail|text|main-?txt|pages_content|Custom_UnionStyle|xxgk[-_]?content|wenzhang)([\s_-]|$)/i;

/** The element most likely to hold the document body: a known container with the most text, or <body>'s whole content. */
export function findBodyContainer(root: HtmlElement): HtmlElement {
  let best: HtmlElement | null = null;
  let bestLength = 0;
  for (const el of walk(root)) {
    const marker = `${el.attrs.id ?? ''} ${el.attrs.class ?? ''}`;
    if (!CONTAINER.test(marker)) continue;
    const length = textOf(el).replace(/\s+/g, '').length;
    // prefer the innermost container that still holds most of the text
    if (length > bestLength * 1.25 || (best && isInside(el, best) && length >= bestLength * 0.8)) {
      best = el;
      bestLength = length;
    }
  }
  return best && bestLength >= 20 ? best : root;
}

function isInside(inner: HtmlElement, outer: HtmlElement): boolean {
  for (const el of walk(outer)) if (el === inner && el !== outer) return true;
  return false;
}

const FILE_EXT = /\.(pdf|docx?|xlsx?|wps|et|ofd|zip|rar|7z|txt|jpe?g|png|gif|ceb|tif)$/i;

const ATTACHMENT_LABEL = /文件下载|附件下载|相关附件|相关文件|附件[:：]/;

/**
 * Attachment names: links to files anywhere, and any link inside the element that carries a 文件下载/附件 label
 * or the element right after it. Names as shown, or taken from the URL.
 */
export function findAttachmentLinks(root: HtmlElement): { names: string[]; zones: Set<HtmlElement> } {
  const zones = new Set<HtmlElement>();
  const nextSibling = new Map<HtmlElement, HtmlElement>();
  for (const el of walk(root)) {
    const kids = el.children.filter((x): x is HtmlElement => typeof x !== 'string');
    kids.forEach((k, i) => {
      const n = kids[i + 1];
      if (n) nextSibling.set(k, n);
    });
  }
  for (const el of walk(root)) {
    el.children.forEach((c, i) => {
      if (typeof c !== 'string' || !ATTACHMENT_LABEL.test(c)) return;
      zones.add(el);
      const next = el.children.slice(i + 1).find((x): x is HtmlElement => typeof x !== 'string') ?? nextSibling.get(el);
      if (next) zones.add(next);
    });
  }
  const names: string[] = [];
  const visit = (el: HtmlElement, inZone: boolean) => {
    const zone = inZone || zones.has(el);
    if (el.tag === 'a') {
      const href = el.attrs.href ?? '';
      const path = href.split(/[?#]/)[0] ?? '';
      if (FILE_EXT.test(path) || (zone && href !== '' && !href.startsWith('#'))) {
        const name = cleanLine(textOf(el)) || decodeURIComponentSafe(path.split('/').pop() ?? '');
        if (name !== '' && !names.includes(name)) names.push(name);
      }
      return;
    }
    for (const c of el.children) if (typeof c !== 'string') visit(c, zone);
  };
  visit(root, false);
  return { names, zones };
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * Label/value cells of a 信息索引 table (`<td>发文字号：</td><td>渝府办发〔2018〕76号</td>` or `<td>发文字号：渝府办发…</td>`),
 * and the tables that are such an index (two labels or more), so the body leaves them out.
 */
export function findIndexCells(root: HtmlElement, labels: readonly string[]): { pairs: [string, string][]; tables: Set<HtmlElement> } {
  const pairs: [string, string][] = [];
  const tables = new Set<HtmlElement>();
  const labelRe = new RegExp(`^(${labels.join('|')})\\s*[:：]?\\s*(.*)$`);
  for (const table of walk(root)) {
    if (table.tag !== 'table') continue;
    const cells = [...walk(table)].filter((e) => e.tag === 'td' || e.tag === 'th');
    let hits = 0;
    cells.forEach((cell, i) => {
      // “索 引 号”, “标　　题”: labels are spaced out to line up
      const m = labelRe.exec(cleanLine(textOf(cell)).replace(/\s+/g, ''));
      if (!m) return;
      const inline = (m[2] ?? '').trim();
      const value = inline !== '' ? inline : cleanLine(textOf(cells[i + 1] ?? ''));
      if (value === '' || labelRe.test(value)) return;
      hits++;
      pairs.push([m[1] ?? '', value]);
    });
    // an old layout table wrapping the whole page is not an index table
    const nested = [...walk(table)].some((e) => e !== table && e.tag === 'table');
    if (hits >= 2 && !nested && cells.length <= hits * 2 + 4) tables.add(table);
  }
  return { pairs, tables };
}
