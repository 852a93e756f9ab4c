// Pure rules of an agency's 主动公开基本目录: the tree built from flat rows, what a move or a reorder may do,
// and the words the public 动态调整 page uses for each change. No database here.

import type { CatalogChangeKind } from './disclosure.tables.ts';
import type { CatalogNode } from './catalog.schema.ts';
import { flattenCatalogTemplate } from './taxonomy.ts';

/** Levels a catalog may have (顶级栏目 = 1). Deeper trees stop being browsable on a phone. [INF] */
export const MAX_CATALOG_DEPTH = 4;

/**
 * Template columns the law requires every agency to keep, so they cannot be retired or moved away:
 * 条例 第十二条 (指南), 第四十九条、第五十条 (年报), 第二十七条 (依申请公开 entry).
 */
export const REQUIRED_TEMPLATE_KEYS: readonly string[] = ['guide', 'annual_reports', 'requests'];

/** The template's 重点领域 column and the five under it (渝府办发〔2018〕76号（二）). */
export const KEY_AREA_TEMPLATE_KEY = 'key_areas';

const TEMPLATE = new Map(flattenCatalogTemplate().map((t) => [t.key, t]));

/** Whether a node created from the template is an entry (a link to another part of the site) rather than a column of items. */
export function isEntryNode(node: Pick<CatalogNode, 'templateKey'>): boolean {
  return node.templateKey !== null && TEMPLATE.get(node.templateKey)?.kind === 'entry';
}

export function isRequiredNode(node: Pick<CatalogNode, 'templateKey'>): boolean {
  return node.templateKey !== null && REQUIRED_TEMPLATE_KEYS.includes(node.templateKey);
}

export interface CatalogTreeNode {
  node: CatalogNode;
  /** 1 for a top-level column */
  depth: number;
  /** public items filed here or in any column below (distinct) */
  itemCount: number;
  children: CatalogTreeNode[];
}

/** Siblings in display order: sort order, then creation, then id (stable). */
export function compareNodes(a: CatalogNode, b: CatalogNode): number {
  return a.sortOrder - b.sortOrder || a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The tree of one agency's nodes. Without `includeRetired`, a retired node and everything under it is left out
 * (retired columns hide from the portal). `counts` maps node id → public items in its subtree.
 */
export function buildCatalogTree(nodes: readonly CatalogNode[], opts: { includeRetired?: boolean; counts?: ReadonlyMap<string, number> } = {}): CatalogTreeNode[] {
  const byParent = new Map<string | null, CatalogNode[]>();
  const ids = new Set(nodes.map((n) => n.id));
  for (const n of nodes) {
    // an orphan (parent not in the list) is shown at the top rather than lost
    const key = n.parentId !== null && ids.has(n.parentId) ? n.parentId : null;
    const list = byParent.get(key) ?? [];
    list.push(n);
    byParent.set(key, list);
  }
  const build = (parent: string | null, depth: number): CatalogTreeNode[] =>
    (byParent.get(parent) ?? [])
      .filter((n) => opts.includeRetired || n.retiredAt === null)
      .sort(compareNodes)
      .map((node) => ({ node, depth, itemCount: opts.counts?.get(node.id) ?? 0, children: build(node.id, depth + 1) }));
  return build(null, 1);
}

/** The tree depth-first, in display order. */
export function flattenTree(tree: readonly CatalogTreeNode[]): CatalogTreeNode[] {
  return tree.flatMap((t) => [t, ...flattenTree(t.children)]);
}

/** The ids of every node below `id` (not including it). */
export function descendantIds(nodes: readonly CatalogNode[], id: string): Set<string> {
  const out = new Set<string>();
  let frontier = [id];
  while (frontier.length) {
    const next: string[] = [];
    for (const n of nodes) if (n.parentId !== null && frontier.includes(n.parentId) && !out.has(n.id) && n.id !== id) next.push(n.id);
    for (const x of next) out.add(x);
    frontier = next;
  }
  return out;
}

/** The ancestors of a node, top-level column first, ending with its parent. */
export function ancestorsOf(nodes: readonly CatalogNode[], id: string): CatalogNode[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out: CatalogNode[] = [];
  let cur = byId.get(id);
  const seen = new Set<string>();
  while (cur?.parentId && !seen.has(cur.parentId)) {
    seen.add(cur.parentId);
    const p = byId.get(cur.parentId);
    if (!p) break;
    out.unshift(p);
    cur = p;
  }
  return out;
}

/** 1 for a top-level column. */
export function depthOf(nodes: readonly CatalogNode[], id: string): number {
  return ancestorsOf(nodes, id).length + 1;
}

/** Levels in the subtree rooted at `id`: 1 for a leaf. */
export function subtreeHeight(nodes: readonly CatalogNode[], id: string): number {
  const children = nodes.filter((n) => n.parentId === id);
  return 1 + Math.max(0, ...children.map((c) => subtreeHeight(nodes, c.id)));
}

/** Hidden from the portal: the node or one of its ancestors is retired. */
export function isHiddenFromPortal(nodes: readonly CatalogNode[], id: string): boolean {
  const node = nodes.find((n) => n.id === id);
  if (!node) return true;
  return node.retiredAt !== null || ancestorsOf(nodes, id).some((a) => a.retiredAt !== null);
}

/** Active siblings of a node (the same parent), in display order, the node included. */
export function activeSiblings(nodes: readonly CatalogNode[], node: CatalogNode): CatalogNode[] {
  return nodes.filter((n) => n.parentId === node.parentId && n.agencyId === node.agencyId && (n.retiredAt === null || n.id === node.id)).sort(compareNodes);
}

export interface ReorderPlan {
  /** 1-based positions among active siblings */
  from: number;
  to: number;
  /** new sort orders for the rows that change */
  updates: { id: string; sortOrder: number }[];
}

/** Moving a node one place up or down among its active siblings; null when it is already first or last. */
export function planReorder(siblings: readonly CatalogNode[], id: string, direction: 'up' | 'down'): ReorderPlan | null {
  const order = [...siblings];
  const i = order.findIndex((n) => n.id === id);
  if (i < 0) return null;
  const j = direction === 'up' ? i - 1 : i + 1;
  if (j < 0 || j >= order.length) return null;
  const a = order[i];
  const b = order[j];
  if (!a || !b) return null;
  order[i] = b;
  order[j] = a;
  // renumber in steps of 10, so equal or crowded sort orders never make a swap a no-op
  const updates = order.map((n, k) => ({ id: n.id, sortOrder: (k + 1) * 10, old: n.sortOrder })).filter((u) => u.sortOrder !== u.old).map(({ id: nid, sortOrder }) => ({ id: nid, sortOrder }));
  return { from: i + 1, to: j + 1, updates };
}

/** The sort order for a node appended after `siblings`. */
export function nextSortOrder(siblings: readonly CatalogNode[]): number {
  return siblings.length ? Math.max(...siblings.map((s) => s.sortOrder)) + 10 : 10;
}

export type MoveProblem = 'same_parent' | 'into_itself' | 'entry_parent' | 'retired_parent' | 'too_deep';

/** Why `node` cannot go under `parent` (null = the top level), or null when it can. `nodes` is the whole catalog. */
export function moveProblem(nodes: readonly CatalogNode[], node: CatalogNode, parent: CatalogNode | null): MoveProblem | null {
  if ((parent?.id ?? null) === node.parentId) return 'same_parent';
  if (parent && (parent.id === node.id || descendantIds(nodes, node.id).has(parent.id))) return 'into_itself';
  if (parent && isEntryNode(parent)) return 'entry_parent';
  if (parent && isHiddenFromPortal(nodes, parent.id)) return 'retired_parent';
  const parentDepth = parent ? depthOf(nodes, parent.id) : 0;
  if (parentDepth + subtreeHeight(nodes, node.id) > MAX_CATALOG_DEPTH) return 'too_deep';
  return null;
}

export const MOVE_PROBLEM_MESSAGES: Record<MoveProblem, string> = {
  same_parent: '上级栏目：与当前所在位置相同',
  into_itself: '上级栏目：不能是本栏目或其下级栏目',
  entry_parent: '上级栏目：该栏目是办事入口，不能设下级栏目',
  retired_parent: '上级栏目：已停用',
  too_deep: `上级栏目：移入后目录将超过 ${MAX_CATALOG_DEPTH} 级`,
};

/** What a catalog_changes row keeps of a node before and after, so the history reads right after later renames. */
export interface NodeSnapshot {
  name: string;
  parentId: string | null;
  /** null: the top level */
  parentName: string | null;
  /** 1-based among active siblings */
  position: number;
  sortOrder: number;
  isKeyArea: boolean;
  retired: boolean;
}

export function snapshotOf(node: CatalogNode, parent: CatalogNode | null, position: number): NodeSnapshot {
  return { name: node.name, parentId: node.parentId, parentName: parent?.name ?? null, position, sortOrder: node.sortOrder, isKeyArea: node.isKeyArea, retired: node.retiredAt !== null };
}

function snap(v: unknown): Partial<NodeSnapshot> {
  return v && typeof v === 'object' ? (v as Partial<NodeSnapshot>) : {};
}

const where = (parentName: string | null | undefined) => (parentName ? `“${parentName}”下` : '目录顶层');

/** The change in words, for the public 动态调整记录 and the console. */
export function describeChange(change: { change: CatalogChangeKind; before: unknown; after: unknown }): string {
  const b = snap(change.before);
  const a = snap(change.after);
  const nodeName = a.name ?? b.name ?? '（未命名栏目）';
  switch (change.change) {
    case 'create':
      return `在${where(a.parentName)}新增栏目“${nodeName}”${a.isKeyArea ? '（重点领域）' : ''}`;
    case 'rename':
      return `栏目“${b.name ?? ''}”更名为“${a.name ?? ''}”`;
    case 'move':
      return `栏目“${nodeName}”由${where(b.parentName)}移至${where(a.parentName)}`;
    case 'reorder':
      return `栏目“${nodeName}”在同级栏目中由第 ${b.position ?? '?'} 位调整为第 ${a.position ?? '?'} 位`;
    case 'retire':
      return `停用栏目“${nodeName}”（其中已发布的信息仍可访问）`;
    case 'restore':
      return `恢复栏目“${nodeName}”`;
    default: {
      const unreachable: never = change.change;
      return unreachable;
    }
  }
}
