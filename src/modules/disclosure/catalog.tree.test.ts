import { describe, expect, it } from 'vitest';
import type { CatalogNode } from './catalog.schema.ts';
import { buildCatalogTree, describeChange, descendantIds, flattenTree, isEntryNode, isHiddenFromPortal, MAX_CATALOG_DEPTH, moveProblem, nextSortOrder, planReorder, snapshotOf } from './catalog.tree.ts';

let n = 0;
function node(over: Partial<CatalogNode> & { id: string }): CatalogNode {
  n++;
  return { agencyId: 'a', parentId: null, templateKey: null, name: over.id, sortOrder: n * 10, isKeyArea: false, retiredAt: null, version: 1, createdAt: new Date(1_700_000_000_000 + n), updatedAt: new Date(), ...over };
}

const root1 = node({ id: 'r1', sortOrder: 20 });
const root2 = node({ id: 'r2', sortOrder: 10 });
const c1 = node({ id: 'c1', parentId: 'r1' });
const c2 = node({ id: 'c2', parentId: 'r1', retiredAt: new Date() });
const g1 = node({ id: 'g1', parentId: 'c1' });
const g2 = node({ id: 'g2', parentId: 'c2' });
const entry = node({ id: 'e', templateKey: 'requests' });
const all = [root1, root2, c1, c2, g1, g2, entry];

describe('buildCatalogTree', () => {
  it('orders siblings by sort order and hides retired columns with everything below them', () => {
    const tree = buildCatalogTree(all, { counts: new Map([['r1', 3]]) });
    expect(tree.map((t) => t.node.id)).toEqual(['r2', 'r1', 'e']);
    expect(flattenTree(tree).map((t) => [t.node.id, t.depth])).toEqual([['r2', 1], ['r1', 1], ['c1', 2], ['g1', 3], ['e', 1]]);
    expect(tree[1]?.itemCount).toBe(3);
    expect(flattenTree(buildCatalogTree(all, { includeRetired: true })).map((t) => t.node.id)).toContain('g2');
  });
  it('keeps an orphan at the top level rather than losing it', () => {
    expect(buildCatalogTree([node({ id: 'o', parentId: 'gone' })]).map((t) => t.node.id)).toEqual(['o']);
  });
});

describe('moves', () => {
  it('finds descendants and hidden columns', () => {
    expect([...descendantIds(all, 'r1')].sort()).toEqual(['c1', 'c2', 'g1', 'g2']);
    expect(isHiddenFromPortal(all, 'g2')).toBe(true);
    expect(isHiddenFromPortal(all, 'g1')).toBe(false);
    expect(isEntryNode(entry)).toBe(true);
  });
  it('refuses the same parent, itself or a descendant, an entry, a retired parent, and a tree too deep', () => {
    expect(moveProblem(all, c1, root1)).toBe('same_parent');
    expect(moveProblem(all, root1, c1)).toBe('into_itself');
    expect(moveProblem(all, root1, g1)).toBe('into_itself');
    expect(moveProblem(all, c1, c1)).toBe('into_itself');
    expect(moveProblem(all, c1, entry)).toBe('entry_parent');
    expect(moveProblem(all, g1, c2)).toBe('retired_parent');
    expect(moveProblem(all, c1, root2)).toBeNull();
    expect(moveProblem(all, c1, null)).toBeNull();
    const chain = [node({ id: 'd1' }), node({ id: 'd2', parentId: 'd1' }), node({ id: 'd3', parentId: 'd2' }), node({ id: 'd4', parentId: 'd3' })];
    expect(MAX_CATALOG_DEPTH).toBe(4);
    expect(moveProblem([...all, ...chain], c1, chain[3] ?? null)).toBe('too_deep');
    expect(moveProblem([...all, ...chain], g1, chain[2] ?? null)).toBeNull();
  });
});

describe('planReorder', () => {
  const a = node({ id: 'a', sortOrder: 5 });
  const b = node({ id: 'b', sortOrder: 5 });
  const c = node({ id: 'c', sortOrder: 7 });
  it('swaps with the neighbour even when sort orders are equal, renumbering in tens', () => {
    expect(planReorder([a, b, c], 'b', 'up')).toEqual({ from: 2, to: 1, updates: [{ id: 'b', sortOrder: 10 }, { id: 'a', sortOrder: 20 }, { id: 'c', sortOrder: 30 }] });
    expect(planReorder([a, b, c], 'b', 'down')?.to).toBe(3);
  });
  it('returns null past either end', () => {
    expect(planReorder([a, b, c], 'a', 'up')).toBeNull();
    expect(planReorder([a, b, c], 'c', 'down')).toBeNull();
    expect(nextSortOrder([a, b, c])).toBe(17);
    expect(nextSortOrder([])).toBe(10);
  });
});

describe('describeChange', () => {
  const x = node({ id: 'x', name: '权责清单' });
  it('words every kind of change', () => {
    const s = (name: string, parentName: string | null, position: number) => ({ ...snapshotOf(x, null, position), name, parentName });
    expect(describeChange({ change: 'create', before: null, after: s('权责清单', null, 3) })).toBe('在目录顶层新增栏目“权责清单”');
    expect(describeChange({ change: 'rename', before: s('权责清单', null, 3), after: s('权力清单', null, 3) })).toBe('栏目“权责清单”更名为“权力清单”');
    expect(describeChange({ change: 'move', before: s('权责清单', null, 3), after: s('权责清单', '机构职能', 1) })).toBe('栏目“权责清单”由目录顶层移至“机构职能”下');
    expect(describeChange({ change: 'reorder', before: s('权责清单', null, 3), after: s('权责清单', null, 2) })).toBe('栏目“权责清单”在同级栏目中由第 3 位调整为第 2 位');
    expect(describeChange({ change: 'retire', before: s('权责清单', null, 3), after: s('权责清单', null, 3) })).toBe('停用栏目“权责清单”（其中已发布的信息仍可访问）');
    expect(describeChange({ change: 'restore', before: s('权责清单', null, 0), after: s('权责清单', null, 3) })).toBe('恢复栏目“权责清单”');
  });
});
