// Creating an agency's catalog from the standard template (issue 3; taxonomy.ts CATALOG_TEMPLATE). Kept apart
// from the catalog service, with no runtime import of the agencies module, because the agencies service calls
// ensureCatalog inside its createAgency transaction.

import { recordAudit } from '../../platform/audit/audit.ts';
import type { AuditActor } from '../../platform/auth/actor.ts';
import type { Db, Tx } from '../../platform/db/database.ts';
import * as repo from './catalog.repository.ts';
import type { CatalogNode } from './catalog.schema.ts';
import { KEY_AREA_TEMPLATE_KEY, snapshotOf } from './catalog.tree.ts';
import { flattenCatalogTemplate } from './taxonomy.ts';

/** The reason recorded on every column the template creates. */
export const TEMPLATE_REASON = '按主动公开基本目录标准模板建立';
/** Who the public history names for template columns (the audit row names whoever created the agency). */
export const TEMPLATE_ACTOR_LABEL = '系统（标准模板）';

/**
 * Gives the agency every template column it does not have yet, in the caller's transaction, with a 动态调整 row
 * per new column and one audit row. Columns are matched by `template_key`, so a template column the agency
 * renamed, moved or retired is left as it is. Idempotent; returns how many columns it created.
 */
export async function ensureCatalog(tx: Tx, agencyId: string, actor: AuditActor = { system: 'catalog' }): Promise<number> {
  await repo.lockCatalog(tx, agencyId);
  const existing = await repo.selectNodes(tx, agencyId);
  const byKey = new Map(existing.filter((n) => n.templateKey !== null).map((n) => [n.templateKey as string, n]));
  const missing = flattenCatalogTemplate().filter((t) => !byKey.has(t.key));
  const created: CatalogNode[] = [];
  const changes: repo.ChangeValues[] = [];
  // one insert per template level (a parent always exists before its children): a handful of statements per agency
  let remaining = missing;
  while (remaining.length) {
    const ready = remaining.filter((t) => t.parentKey === null || byKey.has(t.parentKey));
    if (!ready.length) throw new Error('catalog template: a parent key is missing');
    const rows = await repo.insertNodes(
      tx,
      ready.map((t) => ({
        agencyId,
        parentId: t.parentKey ? (byKey.get(t.parentKey)?.id ?? null) : null,
        templateKey: t.key,
        name: t.name,
        sortOrder: (t.position + 1) * 10,
        isKeyArea: t.key === KEY_AREA_TEMPLATE_KEY || t.parentKey === KEY_AREA_TEMPLATE_KEY,
      })),
    );
    for (const node of rows) {
      const t = ready.find((x) => x.key === node.templateKey);
      if (!t) continue;
      byKey.set(t.key, node);
      created.push(node);
      const parent = t.parentKey ? (byKey.get(t.parentKey) ?? null) : null;
      changes.push({ agencyId, nodeId: node.id, change: 'create', before: null, after: snapshotOf(node, parent, t.position + 1), reason: TEMPLATE_REASON, actorId: null, actorLabel: TEMPLATE_ACTOR_LABEL });
    }
    remaining = remaining.filter((t) => !ready.includes(t));
  }
  if (!created.length) return 0;
  await repo.insertChanges(tx, changes);
  await recordAudit(tx, { actor, action: 'catalog.create_from_template', entityType: 'catalog', agencyId, reason: TEMPLATE_REASON, after: { nodes: created.map((n) => ({ id: n.id, key: n.templateKey, name: n.name })) } });
  return created.length;
}

/**
 * For start-up: gives a catalog to every active agency that has none (agencies created before this module, or
 * by a path that skipped createAgency). One transaction per agency. Returns how many agencies it completed.
 */
export async function ensureMissingCatalogs(db: Db, actor: AuditActor = { system: 'catalog' }): Promise<number> {
  let done = 0;
  for (const id of await repo.selectAgencyIdsWithoutCatalog(db)) {
    if ((await db.transaction((tx) => ensureCatalog(tx, id, actor))) > 0) done++;
  }
  return done;
}

/** Fills in missing template columns for every active agency (idempotent). Returns the columns created. */
export async function ensureAllCatalogs(db: Db, actor: AuditActor): Promise<number> {
  let created = 0;
  for (const id of await repo.selectActiveAgencyIds(db)) created += await db.transaction((tx) => ensureCatalog(tx, id, actor));
  return created;
}
