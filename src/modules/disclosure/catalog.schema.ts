import { Type, type Static } from 'typebox';
import type { catalogChanges, catalogNodes } from './disclosure.tables.ts';

/** One catalog node row (migrations/0010: catalog_nodes). */
export type CatalogNode = typeof catalogNodes.$inferSelect;
/** One 动态调整 row (migrations/0010: catalog_changes). */
export type CatalogChange = typeof catalogChanges.$inferSelect;

const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

// Lengths mirror the CHECK constraints: catalog_nodes_name_check (1–60), catalog_changes_reason_check (2–500).
const name = Type.String({ title: '栏目名称', minLength: 1, maxLength: 60 });
const reason = Type.String({ title: '调整理由', minLength: 2, maxLength: 500 });
const parentId = Type.Union([Type.String({ pattern: UUID_PATTERN }), Type.Null()], { title: '上级栏目', errorMessage: '不是本目录中的栏目' });

/** addNode: a new column; `parentId` null puts it at the top level. */
export const NewCatalogNode = Type.Object({ name, parentId, isKeyArea: Type.Optional(Type.Boolean({ title: '重点领域' })), reason }, { additionalProperties: false });
export type NewCatalogNode = Static<typeof NewCatalogNode>;

export const RenameCatalogNode = Type.Object({ name, reason }, { additionalProperties: false });
export type RenameCatalogNode = Static<typeof RenameCatalogNode>;

export const MoveCatalogNode = Type.Object({ parentId, reason }, { additionalProperties: false });
export type MoveCatalogNode = Static<typeof MoveCatalogNode>;

export const ReorderCatalogNode = Type.Object(
  { direction: Type.Union([Type.Literal('up'), Type.Literal('down')], { title: '调整方向' }), reason },
  { additionalProperties: false },
);
export type ReorderCatalogNode = Static<typeof ReorderCatalogNode>;

/** retire and restore need only the reason. */
export const CatalogNodeReason = Type.Object({ reason }, { additionalProperties: false });
export type CatalogNodeReason = Static<typeof CatalogNodeReason>;

/** The adjustments a console form can make to an existing node (each writes one catalog_changes row). */
export const NODE_ACTIONS = ['rename', 'move', 'up', 'down', 'retire', 'restore'] as const;
export type NodeAction = (typeof NODE_ACTIONS)[number];
export const isNodeAction = (s: string): s is NodeAction => (NODE_ACTIONS as readonly string[]).includes(s);

export const NODE_ACTION_NAMES: Record<NodeAction, string> = {
  rename: '重命名',
  move: '移动',
  up: '上移',
  down: '下移',
  retire: '停用',
  restore: '恢复',
};
