// Pure helpers over the agency tree (ids in `ancestors`, root first).

export interface TreeRow {
  id: string;
  parentId: string | null;
  ancestors: readonly string[];
  sortOrder: number;
  name: string;
  kind: string;
}

const collator = new Intl.Collator('zh-CN');

function bySortThenName(a: TreeRow, b: TreeRow): number {
  return a.sortOrder - b.sortOrder || collator.compare(a.name, b.name);
}

/**
 * Depth-first order: each agency followed by its children, siblings by sort order then name (pinyin).
 * Rows whose parent is absent from `rows` (e.g. filtered out) start their own branch.
 */
export function inTreeOrder<T extends TreeRow>(rows: readonly T[]): T[] {
  const ids = new Set(rows.map((r) => r.id));
  const children = new Map<string | null, T[]>();
  for (const r of rows) {
    const key = r.parentId && ids.has(r.parentId) ? r.parentId : null;
    const list = children.get(key) ?? [];
    list.push(r);
    children.set(key, list);
  }
  for (const list of children.values()) list.sort(bySortThenName);
  const out: T[] = [];
  const visit = (key: string | null) => {
    for (const r of children.get(key) ?? []) {
      out.push(r);
      visit(r.id);
    }
  };
  visit(null);
  return out;
}

/** Whether `candidateParentId` lies in the subtree of `id` (moving `id` under it would make a cycle). */
export function wouldCycle(id: string, candidateParent: { id: string; ancestors: readonly string[] }): boolean {
  return candidateParent.id === id || candidateParent.ancestors.includes(id);
}

export interface AgencyGroup<T> {
  /** the 人民政府 heading the group, or null for agencies with none above them */
  government: T | null;
  members: T[];
}

/**
 * Groups agencies (in tree order) under their nearest 人民政府: the government itself first, then the
 * departments beneath it that no lower government claims. Used for the portal's 机关 list.
 */
export function groupByGovernment<T extends TreeRow>(rows: readonly T[]): AgencyGroup<T>[] {
  const ordered = inTreeOrder(rows);
  const byId = new Map(ordered.map((r) => [r.id, r]));
  const groups = new Map<string | null, AgencyGroup<T>>();
  const order: (string | null)[] = [];
  const groupOf = (r: T): string | null => {
    if (r.kind === 'government') return r.id;
    for (let i = r.ancestors.length - 1; i >= 0; i--) {
      const a = byId.get(r.ancestors[i] ?? '');
      if (a && a.kind === 'government') return a.id;
    }
    return null;
  };
  for (const r of ordered) {
    const key = groupOf(r);
    let g = groups.get(key);
    if (!g) {
      g = { government: key ? (byId.get(key) ?? null) : null, members: [] };
      groups.set(key, g);
      order.push(key);
    }
    g.members.push(r);
  }
  return order.map((k) => groups.get(k)).filter((g): g is AgencyGroup<T> => g !== undefined);
}
