import type { TSchema, Static } from 'typebox';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Actor, AuditActor } from '../../platform/auth/actor.ts';
import { forbidden } from '../../platform/auth/guard.ts';
import { constraintOf, type Db, type Tx } from '../../platform/db/database.ts';
import { AppError, isAppError, validationError, type FieldError, STALE_MESSAGE } from '../../platform/http/errors.ts';
import { checkInput } from '../../platform/http/validate.ts';
import { inTreeOrder, type Agency } from '../agencies/index.ts';
import type { CatalogChangeKind } from './disclosure.tables.ts';
import { CATALOG_PAGE_SIZE, isUuid, parsePage } from './catalog.paths.ts';
import { canManageCatalog, managesAnyCatalog } from './catalog.policy.ts';
import * as repo from './catalog.repository.ts';
import type { ListedItem } from './catalog.repository.ts';
import { CatalogNodeReason, MoveCatalogNode, NewCatalogNode, RenameCatalogNode, ReorderCatalogNode, type CatalogChange, type CatalogNode } from './catalog.schema.ts';
import { ensureCatalog, ensureMissingCatalogs } from './catalog.setup.ts';
import {
  activeSiblings,
  ancestorsOf,
  buildCatalogTree,
  depthOf,
  descendantIds,
  describeChange,
  flattenTree,
  isEntryNode,
  isHiddenFromPortal,
  isRequiredNode,
  MAX_CATALOG_DEPTH,
  MOVE_PROBLEM_MESSAGES,
  moveProblem,
  nextSortOrder,
  planReorder,
  snapshotOf,
  type CatalogTreeNode,
  type NodeSnapshot,
} from './catalog.tree.ts';

export { STALE_MESSAGE };
const AGENCY_NOT_FOUND = '未找到该机关。';
const NODE_NOT_FOUND = '未找到该目录栏目。';

/** Named constraints of catalog_nodes / catalog_changes → the field they concern (a race that slipped past the checks). */
const CONSTRAINT_FIELDS: Record<string, FieldError> = {
  catalog_nodes_name_check: { field: 'name', message: '栏目名称：应为 1–60 个字符' },
  catalog_nodes_sibling_name_key: { field: 'name', message: '栏目名称：同一上级栏目下已有同名栏目' },
  catalog_nodes_parent_fk: { field: 'parentId', message: '上级栏目：不存在' },
  catalog_nodes_not_own_parent_check: { field: 'parentId', message: '上级栏目：不能是本栏目' },
  catalog_changes_reason_check: { field: 'reason', message: '调整理由：应为 2–500 个字符' },
};

export interface ChangeRow {
  change: CatalogChange;
  /** the change in words (describeChange) */
  text: string;
}

export interface Paged<T> {
  rows: T[];
  total: number;
  page: number;
  pageCount: number;
}

export interface PublicCatalog {
  agency: Agency;
  /** active columns only, with counts of listed items */
  tree: CatalogTreeNode[];
}

export interface NodeListing extends Paged<ListedItem> {
  agency: Agency;
  node: CatalogNode;
  /** top-level column first, ending with the parent */
  ancestors: CatalogNode[];
  /** active columns directly below, with counts */
  children: CatalogTreeNode[];
  /** the column or one above it is retired: hidden from the portal, its items still listed here */
  isRetired: boolean;
  /** a template entry (依申请公开) rather than a column of items */
  isEntry: boolean;
}

export interface ColumnHighlights {
  /** the agency's template column, unless missing or retired */
  node: CatalogNode | null;
  items: ListedItem[];
  total: number;
}

export interface ConsoleCatalog {
  agency: Agency;
  /** every column, retired ones included, with counts */
  tree: CatalogTreeNode[];
  recent: ChangeRow[];
}

export interface NodeEditContext {
  agency: Agency;
  node: CatalogNode;
  /** listed items in the column and below */
  itemCount: number;
  /** 1-based among active siblings, and how many there are */
  position: number;
  siblingCount: number;
  /** where the column may be moved: null is the top level */
  moveTargets: { id: string | null; label: string }[];
  /** active columns that may hold a new child (for the add form) */
  ancestors: CatalogNode[];
  history: ChangeRow[];
}

export interface NewNodeContext {
  agency: Agency;
  /** columns a new column may go under, indented labels */
  parents: { id: string; label: string; isKeyArea: boolean }[];
}

/** A node as an adjustment returns it, with its agency's code (for the redirect back to its catalog). */
export type AdjustedNode = CatalogNode & { agencyCode: string };

export interface CatalogService {
  /** Fills in the template columns of one agency in its own transaction (idempotent). Returns the columns created. */
  ensureCatalog(agencyId: string, actor?: AuditActor): Promise<number>;
  /** Gives a catalog to every active agency without one (start-up). Returns the agencies completed. */
  ensureMissingCatalogs(actor?: AuditActor): Promise<number>;

  /** The public tree of an agency, by code. Throws NOT_FOUND. */
  getPublicCatalog(agencyCode: string): Promise<PublicCatalog>;
  /** The public tree of an agency already loaded (agency page sections). */
  getCatalogTree(agency: Agency): Promise<CatalogTreeNode[]>;
  /** A column's page: its listed items (20 a page, newest first) and sub-columns. Throws NOT_FOUND, VALIDATION_FAILED (page). */
  getNodeListing(agencyCode: string, nodeId: string, page: unknown): Promise<NodeListing>;
  /** The newest listed items of a template column (指南, 年报 …); node null when missing or retired. */
  getColumnHighlights(agency: Agency, templateKey: string, limit: number): Promise<ColumnHighlights>;
  /** 动态调整记录, newest first, 20 a page. Throws NOT_FOUND, VALIDATION_FAILED (page). */
  getChangeHistory(agencyCode: string, page: unknown): Promise<{ agency: Agency } & Paged<ChangeRow>>;

  /** Agencies whose catalog the actor may change, in tree order. Throws FORBIDDEN when there are none. */
  listManageableAgencies(actor: Actor): Promise<Agency[]>;
  /** The console tree of an agency. Throws NOT_FOUND, FORBIDDEN. */
  getConsoleCatalog(actor: Actor, agencyCode: string): Promise<ConsoleCatalog>;
  /** What the add form needs. Throws NOT_FOUND, FORBIDDEN. */
  getNewNodeContext(actor: Actor, agencyCode: string): Promise<NewNodeContext>;
  /** What a node's adjustment forms need. Throws NOT_FOUND, FORBIDDEN. */
  getNodeEditContext(actor: Actor, nodeId: string): Promise<NodeEditContext>;

  /** Adds a column (NewCatalogNode). Throws VALIDATION_FAILED, FORBIDDEN, NOT_FOUND, ILLEGAL_TRANSITION. */
  addNode(actor: AuditActor, agencyCode: string, input: unknown): Promise<AdjustedNode>;
  /** Renames (RenameCatalogNode). Throws VALIDATION_FAILED, FORBIDDEN, NOT_FOUND, ILLEGAL_TRANSITION, STALE_RECORD. */
  renameNode(actor: AuditActor, nodeId: string, version: number, input: unknown): Promise<AdjustedNode>;
  /** Moves under another column or to the top level (MoveCatalogNode), appended last. Throws as renameNode. */
  moveNode(actor: AuditActor, nodeId: string, version: number, input: unknown): Promise<AdjustedNode>;
  /** One place up or down among active siblings (ReorderCatalogNode). Throws as renameNode. */
  reorderNode(actor: AuditActor, nodeId: string, version: number, input: unknown): Promise<AdjustedNode>;
  /** Retires (never deletes): hidden from the portal, its items stay reachable. Throws as renameNode. */
  retireNode(actor: AuditActor, nodeId: string, version: number, input: unknown): Promise<AdjustedNode>;
  /** Brings a retired column back. Throws as renameNode. */
  restoreNode(actor: AuditActor, nodeId: string, version: number, input: unknown): Promise<AdjustedNode>;
}

/** Validates without throwing: the typed value, or every bad field. */
function check<S extends TSchema>(schema: S, input: unknown): { value: Static<S> | undefined; fields: FieldError[] } {
  const r = checkInput(schema, input);
  return r.value !== undefined || r.fields.length ? r : { value: undefined, fields: [{ field: '(body)', message: '提交的内容不符合要求' }] };
}

function pushField(fields: FieldError[], e: FieldError): void {
  if (!fields.some((f) => f.field === e.field)) fields.push(e);
}

function rawString(input: unknown, key: string): string | undefined {
  const v = input && typeof input === 'object' ? (input as Record<string, unknown>)[key] : undefined;
  return typeof v === 'string' ? v : undefined;
}

/** What the public history shows as 调整人: a staff member's name (the audit log keeps the full identity). */
export function publicActorLabel(actor: AuditActor): string {
  return 'system' in actor ? '系统' : actor.name;
}

function pageCountOf(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size));
}

function checkPage(raw: unknown): number {
  const page = parsePage(raw);
  if (page === null) throw validationError([{ field: 'page', message: '页码：应为正整数' }]);
  return page;
}

function indentLabel(t: CatalogTreeNode): string {
  return `${'　'.repeat(t.depth - 1)}${t.node.name}`;
}

export function createCatalogService(db: Db): CatalogService {
  async function agencyByCode(code: string): Promise<Agency> {
    const a = code.length <= 40 ? await repo.findAgencyByCode(db, code) : undefined;
    if (!a) throw new AppError('NOT_FOUND', AGENCY_NOT_FOUND);
    return a;
  }

  async function manageableAgency(actor: AuditActor, code: string, ex: Db | Tx = db): Promise<Agency> {
    const a = code.length <= 40 ? await repo.findAgencyByCode(ex, code) : undefined;
    if (!a) throw new AppError('NOT_FOUND', AGENCY_NOT_FOUND);
    if (!canManageCatalog(actor, a)) throw forbidden();
    return a;
  }

  async function publicTree(agency: Agency): Promise<{ nodes: CatalogNode[]; tree: CatalogTreeNode[]; counts: Map<string, number> }> {
    const [nodes, counts] = await Promise.all([repo.selectNodes(db, agency.id), repo.countListedItemsBySubtree(db, agency.id)]);
    return { nodes, counts, tree: buildCatalogTree(nodes, { counts }) };
  }

  async function writeChange(tx: Tx, actor: AuditActor, kind: CatalogChangeKind, node: CatalogNode, before: NodeSnapshot | null, after: NodeSnapshot, reason: string): Promise<void> {
    await repo.insertChange(tx, {
      agencyId: node.agencyId,
      nodeId: node.id,
      change: kind,
      before,
      after,
      reason,
      actorId: 'system' in actor ? null : actor.userId,
      actorLabel: publicActorLabel(actor),
    });
    await recordAudit(tx, { actor, action: `catalog.node.${kind}`, entityType: 'catalog_node', entityId: node.id, agencyId: node.agencyId, reason, before, after });
  }

  /** Translates a violated constraint of ours into VALIDATION_FAILED naming the field; rethrows anything else. */
  function translate(err: unknown): never {
    if (isAppError(err)) throw err;
    const name = constraintOf(err);
    const fe = name ? CONSTRAINT_FIELDS[name] : undefined;
    if (fe) throw validationError([fe]);
    throw err;
  }

  interface Loaded {
    tx: Tx;
    agency: Agency;
    node: CatalogNode;
    /** the whole catalog, read after the lock */
    nodes: CatalogNode[];
  }

  /**
   * One adjustment of an existing node, in one transaction: lock the agency's catalog, load, check the policy,
   * then let `run` validate, check the state and version, and write.
   */
  async function adjust(actor: AuditActor, nodeId: string, run: (l: Loaded) => Promise<CatalogNode>): Promise<AdjustedNode> {
    if (!isUuid(nodeId)) throw new AppError('NOT_FOUND', NODE_NOT_FOUND);
    try {
      return await db.transaction(async (tx) => {
        const first = await repo.findNodeById(tx, nodeId);
        if (!first) throw new AppError('NOT_FOUND', NODE_NOT_FOUND);
        await repo.lockCatalog(tx, first.agencyId);
        const nodes = await repo.selectNodes(tx, first.agencyId);
        const node = nodes.find((n) => n.id === nodeId);
        const agency = await repo.findAgencyById(tx, first.agencyId);
        if (!node || !agency) throw new AppError('NOT_FOUND', NODE_NOT_FOUND);
        // policy before the field errors, so a stranger learns nothing about the data
        if (!canManageCatalog(actor, agency)) throw forbidden();
        return { ...(await run({ tx, agency, node, nodes })), agencyCode: agency.code };
      });
    } catch (err) {
      return translate(err);
    }
  }

  function assertAgencyActive(agency: Agency): void {
    if (agency.retiredAt) throw new AppError('ILLEGAL_TRANSITION', '该机关已撤销，其目录不能再调整。');
  }

  function assertVersion(node: CatalogNode, version: number): void {
    if (node.version !== version) throw new AppError('STALE_RECORD', STALE_MESSAGE);
  }

  function positionOf(nodes: readonly CatalogNode[], node: CatalogNode): number {
    return activeSiblings(nodes, node).findIndex((n) => n.id === node.id) + 1;
  }

  function parentOf(nodes: readonly CatalogNode[], node: CatalogNode): CatalogNode | null {
    return node.parentId ? (nodes.find((n) => n.id === node.parentId) ?? null) : null;
  }

  function duplicateSibling(nodes: readonly CatalogNode[], parentId: string | null, name: string, selfId?: string): CatalogNode | undefined {
    return nodes.find((n) => n.parentId === parentId && n.retiredAt === null && n.name === name && n.id !== selfId);
  }

  /** The parent named by the input: the top level, a column of this catalog, or a field error. */
  function resolveParent(nodes: readonly CatalogNode[], raw: string | null | undefined, fields: FieldError[]): { ok: true; parent: CatalogNode | null } | { ok: false } {
    if (raw === undefined) return { ok: false };
    if (raw === null) return { ok: true, parent: null };
    if (!isUuid(raw)) return { ok: false }; // the schema names it
    const parent = nodes.find((n) => n.id === raw.toLowerCase());
    if (!parent) {
      pushField(fields, { field: 'parentId', message: '上级栏目：不存在' });
      return { ok: false };
    }
    return { ok: true, parent };
  }

  function unchanged(node: CatalogNode | undefined): CatalogNode {
    if (!node) throw new AppError('STALE_RECORD', STALE_MESSAGE);
    return node;
  }

  return {
    ensureCatalog: (agencyId, actor = { system: 'catalog' }) => db.transaction((tx) => ensureCatalog(tx, agencyId, actor)),
    ensureMissingCatalogs: (actor) => ensureMissingCatalogs(db, actor),

    async getPublicCatalog(agencyCode) {
      const agency = await agencyByCode(agencyCode);
      return { agency, tree: (await publicTree(agency)).tree };
    },

    async getCatalogTree(agency) {
      return (await publicTree(agency)).tree;
    },

    async getNodeListing(agencyCode, nodeId, rawPage) {
      const page = checkPage(rawPage);
      const agency = await agencyByCode(agencyCode);
      if (!isUuid(nodeId)) throw new AppError('NOT_FOUND', NODE_NOT_FOUND);
      const { nodes, counts } = await publicTree(agency);
      const node = nodes.find((n) => n.id === nodeId.toLowerCase());
      if (!node) throw new AppError('NOT_FOUND', NODE_NOT_FOUND);
      const isRetired = isHiddenFromPortal(nodes, node.id);
      // the column's own subtree, retired columns below included: their items stay reachable
      const subtree = [node.id, ...descendantIds(nodes, node.id)];
      const total = await repo.countItemsInNodes(db, subtree);
      const pageCount = pageCountOf(total, CATALOG_PAGE_SIZE);
      if (page > pageCount) throw new AppError('NOT_FOUND', `该栏目只有 ${pageCount} 页。`);
      const rows = await repo.selectItemsInNodes(db, subtree, CATALOG_PAGE_SIZE, (page - 1) * CATALOG_PAGE_SIZE);
      const activeTree = buildCatalogTree(nodes, { counts, includeRetired: isRetired });
      const here = flattenTree(activeTree).find((t) => t.node.id === node.id);
      return {
        agency,
        node,
        ancestors: ancestorsOf(nodes, node.id),
        children: (here?.children ?? []).filter((c) => isRetired || c.node.retiredAt === null),
        isRetired,
        isEntry: isEntryNode(node),
        rows,
        total,
        page,
        pageCount,
      };
    },

    async getColumnHighlights(agency, templateKey, limit) {
      const node = await repo.findTemplateNode(db, agency.id, templateKey);
      if (!node) return { node: null, items: [], total: 0 };
      const nodes = await repo.selectNodes(db, agency.id);
      const visible = !isHiddenFromPortal(nodes, node.id);
      const ids = [node.id, ...descendantIds(nodes, node.id)];
      const [items, total] = await Promise.all([repo.selectItemsInNodes(db, ids, limit, 0), repo.countItemsInNodes(db, ids)]);
      return { node: visible ? node : null, items, total };
    },

    async getChangeHistory(agencyCode, rawPage) {
      const page = checkPage(rawPage);
      const agency = await agencyByCode(agencyCode);
      const total = await repo.countChanges(db, agency.id);
      const pageCount = pageCountOf(total, CATALOG_PAGE_SIZE);
      if (page > pageCount) throw new AppError('NOT_FOUND', `调整记录只有 ${pageCount} 页。`);
      const changes = await repo.selectChanges(db, agency.id, CATALOG_PAGE_SIZE, (page - 1) * CATALOG_PAGE_SIZE);
      return { agency, rows: changes.map((change) => ({ change, text: describeChange(change) })), total, page, pageCount };
    },

    async listManageableAgencies(actor) {
      if (!managesAnyCatalog(actor)) throw forbidden();
      const list = inTreeOrder(await repo.selectActiveAgencies(db)).filter((a) => canManageCatalog(actor, a));
      if (!list.length) throw forbidden();
      return list;
    },

    async getConsoleCatalog(actor, agencyCode) {
      const agency = await manageableAgency(actor, agencyCode);
      const [nodes, counts, changes] = await Promise.all([repo.selectNodes(db, agency.id), repo.countListedItemsBySubtree(db, agency.id), repo.selectChanges(db, agency.id, 10, 0)]);
      return { agency, tree: buildCatalogTree(nodes, { includeRetired: true, counts }), recent: changes.map((change) => ({ change, text: describeChange(change) })) };
    },

    async getNewNodeContext(actor, agencyCode) {
      const agency = await manageableAgency(actor, agencyCode);
      const nodes = await repo.selectNodes(db, agency.id);
      const parents = flattenTree(buildCatalogTree(nodes))
        .filter((t) => !isEntryNode(t.node) && t.depth < MAX_CATALOG_DEPTH)
        .map((t) => ({ id: t.node.id, label: indentLabel(t), isKeyArea: t.node.isKeyArea }));
      return { agency, parents };
    },

    async getNodeEditContext(actor, nodeId) {
      if (!isUuid(nodeId)) throw new AppError('NOT_FOUND', NODE_NOT_FOUND);
      const node = await repo.findNodeById(db, nodeId);
      if (!node) throw new AppError('NOT_FOUND', NODE_NOT_FOUND);
      const agency = await repo.findAgencyById(db, node.agencyId);
      if (!agency) throw new AppError('NOT_FOUND', NODE_NOT_FOUND);
      if (!canManageCatalog(actor, agency)) throw forbidden();
      const [nodes, counts, changes] = await Promise.all([repo.selectNodes(db, agency.id), repo.countListedItemsBySubtree(db, agency.id), repo.selectChangesOfNode(db, node.id)]);
      const activeTree = flattenTree(buildCatalogTree(nodes));
      const moveTargets: { id: string | null; label: string }[] = [];
      if (moveProblem(nodes, node, null) === null) moveTargets.push({ id: null, label: '目录顶层' });
      for (const t of activeTree) if (moveProblem(nodes, node, t.node) === null) moveTargets.push({ id: t.node.id, label: indentLabel(t) });
      return {
        agency,
        node,
        itemCount: counts.get(node.id) ?? 0,
        position: positionOf(nodes, node),
        siblingCount: activeSiblings(nodes, node).length,
        moveTargets,
        ancestors: ancestorsOf(nodes, node.id),
        history: changes.reverse().map((change) => ({ change, text: describeChange(change) })),
      };
    },

    async addNode(actor, agencyCode, input) {
      try {
        return await db.transaction(async (tx) => {
          const agency = await manageableAgency(actor, agencyCode, tx);
          await repo.lockCatalog(tx, agency.id);
          assertAgencyActive(agency);
          const nodes = await repo.selectNodes(tx, agency.id);
          const { value, fields } = check(NewCatalogNode, input);
          const resolved = resolveParent(nodes, input && typeof input === 'object' ? ((input as Record<string, unknown>).parentId as string | null | undefined) : undefined, fields);
          const parent = resolved.ok ? resolved.parent : null;
          if (resolved.ok && parent) {
            if (isEntryNode(parent)) pushField(fields, { field: 'parentId', message: MOVE_PROBLEM_MESSAGES.entry_parent });
            else if (isHiddenFromPortal(nodes, parent.id)) pushField(fields, { field: 'parentId', message: MOVE_PROBLEM_MESSAGES.retired_parent });
            else if (depthOf(nodes, parent.id) + 1 > MAX_CATALOG_DEPTH) pushField(fields, { field: 'parentId', message: `上级栏目：目录最多 ${MAX_CATALOG_DEPTH} 级` });
          }
          const name = rawString(input, 'name');
          if (resolved.ok && name !== undefined && duplicateSibling(nodes, parent?.id ?? null, name)) pushField(fields, CONSTRAINT_FIELDS.catalog_nodes_sibling_name_key as FieldError);
          if (fields.length || !value || !resolved.ok) throw validationError(fields.length ? fields : [{ field: 'parentId', message: '上级栏目：必须选择' }]);
          const siblings = nodes.filter((n) => n.parentId === (parent?.id ?? null));
          const created = await repo.insertNode(tx, {
            agencyId: agency.id,
            parentId: parent?.id ?? null,
            name: value.name,
            sortOrder: nextSortOrder(siblings),
            isKeyArea: value.isKeyArea ?? parent?.isKeyArea ?? false,
          });
          const position = siblings.filter((s) => s.retiredAt === null).length + 1;
          await writeChange(tx, actor, 'create', created, null, snapshotOf(created, parent, position), value.reason);
          return { ...created, agencyCode: agency.code };
        });
      } catch (err) {
        return translate(err);
      }
    },

    renameNode: (actor, nodeId, version, input) =>
      adjust(actor, nodeId, async ({ tx, agency, node, nodes }) => {
        const { value, fields } = check(RenameCatalogNode, input);
        const name = rawString(input, 'name');
        if (name !== undefined && name === node.name) pushField(fields, { field: 'name', message: '栏目名称：与原名称相同' });
        else if (name !== undefined && duplicateSibling(nodes, node.parentId, name, node.id)) pushField(fields, CONSTRAINT_FIELDS.catalog_nodes_sibling_name_key as FieldError);
        if (fields.length || !value) throw validationError(fields);
        assertAgencyActive(agency);
        if (node.retiredAt) throw new AppError('ILLEGAL_TRANSITION', '已停用的栏目不能修改，请先恢复。');
        assertVersion(node, version);
        const parent = parentOf(nodes, node);
        const position = positionOf(nodes, node);
        const updated = unchanged(await repo.updateNodeRow(tx, node.id, version, { name: value.name }));
        await writeChange(tx, actor, 'rename', updated, snapshotOf(node, parent, position), snapshotOf(updated, parent, position), value.reason);
        return updated;
      }),

    moveNode: (actor, nodeId, version, input) =>
      adjust(actor, nodeId, async ({ tx, agency, node, nodes }) => {
        const { value, fields } = check(MoveCatalogNode, input);
        const raw = input && typeof input === 'object' ? (input as Record<string, unknown>).parentId : undefined;
        const resolved = resolveParent(nodes, raw === null || typeof raw === 'string' ? raw : undefined, fields);
        if (resolved.ok) {
          const problem = moveProblem(nodes, node, resolved.parent);
          if (problem) pushField(fields, { field: 'parentId', message: MOVE_PROBLEM_MESSAGES[problem] });
          else if (duplicateSibling(nodes, resolved.parent?.id ?? null, node.name, node.id)) pushField(fields, { field: 'parentId', message: `上级栏目：该位置已有同名栏目“${node.name}”` });
        }
        if (fields.length || !value || !resolved.ok) throw validationError(fields.length ? fields : [{ field: 'parentId', message: '上级栏目：必须选择' }]);
        assertAgencyActive(agency);
        if (node.retiredAt) throw new AppError('ILLEGAL_TRANSITION', '已停用的栏目不能移动，请先恢复。');
        // 条例 第十二条、第二十七条、第四十九条: these columns stay where every agency keeps them
        if (isRequiredNode(node)) throw new AppError('ILLEGAL_TRANSITION', `“${node.name}”是条例规定每个机关都须设置的栏目，位置固定，不能移动。`);
        assertVersion(node, version);
        const target = resolved.parent;
        const newSiblings = nodes.filter((n) => n.parentId === (target?.id ?? null) && n.id !== node.id);
        const updated = unchanged(await repo.updateNodeRow(tx, node.id, version, { parentId: target?.id ?? null, sortOrder: nextSortOrder(newSiblings) }));
        const after = snapshotOf(updated, target, newSiblings.filter((s) => s.retiredAt === null).length + 1);
        await writeChange(tx, actor, 'move', updated, snapshotOf(node, parentOf(nodes, node), positionOf(nodes, node)), after, value.reason);
        return updated;
      }),

    reorderNode: (actor, nodeId, version, input) =>
      adjust(actor, nodeId, async ({ tx, agency, node, nodes }) => {
        const { value, fields } = check(ReorderCatalogNode, input);
        if (fields.length || !value) throw validationError(fields);
        assertAgencyActive(agency);
        if (node.retiredAt) throw new AppError('ILLEGAL_TRANSITION', '已停用的栏目不能调整顺序，请先恢复。');
        const plan = planReorder(activeSiblings(nodes, node), node.id, value.direction);
        if (!plan) throw new AppError('ILLEGAL_TRANSITION', value.direction === 'up' ? '该栏目已是同级第一个，不能再上移。' : '该栏目已是同级最后一个，不能再下移。');
        assertVersion(node, version);
        const own = plan.updates.find((u) => u.id === node.id)?.sortOrder ?? node.sortOrder;
        const updated = unchanged(await repo.updateNodeRow(tx, node.id, version, { sortOrder: own }));
        for (const u of plan.updates) if (u.id !== node.id) await repo.setSortOrder(tx, u.id, u.sortOrder);
        const parent = parentOf(nodes, node);
        await writeChange(tx, actor, 'reorder', updated, snapshotOf(node, parent, plan.from), snapshotOf(updated, parent, plan.to), value.reason);
        return updated;
      }),

    retireNode: (actor, nodeId, version, input) =>
      adjust(actor, nodeId, async ({ tx, agency, node, nodes }) => {
        const { value, fields } = check(CatalogNodeReason, input);
        if (fields.length || !value) throw validationError(fields);
        assertAgencyActive(agency);
        if (node.retiredAt) throw new AppError('ILLEGAL_TRANSITION', '该栏目已经停用。');
        if (isRequiredNode(node)) throw new AppError('ILLEGAL_TRANSITION', `“${node.name}”是条例规定每个机关都须设置的栏目，不能停用。`);
        const activeChildren = nodes.filter((n) => n.parentId === node.id && n.retiredAt === null);
        if (activeChildren.length) {
          throw new AppError('ILLEGAL_TRANSITION', `该栏目下还有 ${activeChildren.length} 个未停用的下级栏目（${activeChildren.map((c) => c.name).join('、')}），请先停用或移走它们。`);
        }
        assertVersion(node, version);
        const parent = parentOf(nodes, node);
        const before = snapshotOf(node, parent, positionOf(nodes, node));
        const updated = unchanged(await repo.updateNodeRow(tx, node.id, version, { retiredAt: new Date() }));
        await writeChange(tx, actor, 'retire', updated, before, snapshotOf(updated, parent, before.position), value.reason);
        return updated;
      }),

    restoreNode: (actor, nodeId, version, input) =>
      adjust(actor, nodeId, async ({ tx, agency, node, nodes }) => {
        const { value, fields } = check(CatalogNodeReason, input);
        if (fields.length || !value) throw validationError(fields);
        assertAgencyActive(agency);
        if (!node.retiredAt) throw new AppError('ILLEGAL_TRANSITION', '该栏目未停用，无需恢复。');
        const parent = parentOf(nodes, node);
        if (parent && isHiddenFromPortal(nodes, parent.id)) throw new AppError('ILLEGAL_TRANSITION', `上级栏目“${parent.name}”已停用，请先恢复上级栏目。`);
        const twin = duplicateSibling(nodes, node.parentId, node.name, node.id);
        if (twin) throw new AppError('ILLEGAL_TRANSITION', `同级已有同名栏目“${twin.name}”，请先将其改名。`);
        assertVersion(node, version);
        const before = snapshotOf(node, parent, 0);
        const updated = unchanged(await repo.updateNodeRow(tx, node.id, version, { retiredAt: null }));
        const after = snapshotOf(updated, parent, positionOf(nodes.map((n) => (n.id === updated.id ? updated : n)), updated));
        await writeChange(tx, actor, 'restore', updated, before, after, value.reason);
        return updated;
      }),
  };
}
