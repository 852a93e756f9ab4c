import type { FastifyInstance, FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import type { Deps } from '../../deps.ts';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import { requireActor } from '../../platform/http/session.ts';
import { renderPage } from '../../platform/views/render.ts';
import { bodyOf, newNodeInputFromForm, newNodeValuesFromBody, nodeActionInputFromForm, nodeActionValuesFromBody, versionFromForm } from './catalog.form.ts';
import { CONSOLE_CATALOG_PATH, consoleCatalogHref } from './catalog.paths.ts';
import { isNodeAction, NODE_ACTION_NAMES, type NodeAction } from './catalog.schema.ts';
import type { CatalogService } from './catalog.service.ts';
import { CatalogAgencyListPage, CatalogConsolePage, NewNodePage, NodeActionPage } from './views/catalog-console-pages.tsx';

function html(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply.status(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(renderPage(page));
}

/** Refusals shown on the form itself: bad fields (400), someone else's change or a state rule (409). */
function formErrors(err: unknown): { status: number; fields: FieldError[] } | null {
  if (!(err instanceof AppError)) return null;
  if (err.code === 'VALIDATION_FAILED') return { status: 400, fields: err.fields.length ? err.fields : [{ field: '(body)', message: err.message }] };
  if (err.code === 'STALE_RECORD' || err.code === 'ILLEGAL_TRANSITION') return { status: 409, fields: [{ field: '(body)', message: err.message }] };
  return null;
}

function queryString(q: unknown, key: string): string | undefined {
  const v = q && typeof q === 'object' ? (q as Record<string, unknown>)[key] : undefined;
  return typeof v === 'string' ? v : undefined;
}

function actionOf(raw: string): NodeAction {
  if (!isNodeAction(raw)) throw new AppError('NOT_FOUND', '没有这项目录调整操作。');
  return raw;
}

/** Each adjustment's service function: one call per request. */
function runAction(catalog: CatalogService, action: NodeAction): CatalogService['renameNode'] {
  switch (action) {
    case 'rename':
      return catalog.renameNode;
    case 'move':
      return catalog.moveNode;
    case 'up':
    case 'down':
      return catalog.reorderNode;
    case 'retire':
      return catalog.retireNode;
    case 'restore':
      return catalog.restoreNode;
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
}

type NodeParams = { Params: { id: string; action: string } };

/**
 * /console/catalog: the agencies the actor may adjust, one agency's tree with an action per column, the add
 * form and one form per adjustment (each with a reason). Every decision is the catalog service's.
 */
export async function registerCatalogConsoleRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const { catalog } = deps;

  app.get(CONSOLE_CATALOG_PATH, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const code = queryString(req.query, 'agency');
    if (code === undefined || code === '') return html(reply, <CatalogAgencyListPage ctx={req.ctx} agencies={await catalog.listManageableAgencies(actor)} />);
    return html(reply, <CatalogConsolePage ctx={req.ctx} data={await catalog.getConsoleCatalog(actor, code)} />);
  });

  app.get(`${CONSOLE_CATALOG_PATH}/new`, { schema: { hide: true } }, async (req, reply) => {
    const context = await catalog.getNewNodeContext(requireActor(req), queryString(req.query, 'agency') ?? '');
    const parent = context.parents.find((p) => p.id === queryString(req.query, 'parent'));
    return html(reply, <NewNodePage ctx={req.ctx} context={context} values={{ parentId: parent?.id ?? '', isKeyArea: parent?.isKeyArea ?? false }} errors={[]} />);
  });

  app.post(`${CONSOLE_CATALOG_PATH}/new`, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const code = queryString(req.query, 'agency') ?? '';
    try {
      const node = await catalog.addNode(actor, code, newNodeInputFromForm(req.body));
      reply.flash('success', `已添加栏目“${node.name}”。`);
      return reply.redirect(consoleCatalogHref(code), 303);
    } catch (err) {
      const shown = formErrors(err);
      if (!shown) throw err;
      const context = await catalog.getNewNodeContext(actor, code);
      return html(reply, <NewNodePage ctx={req.ctx} context={context} values={newNodeValuesFromBody(req.body)} errors={shown.fields} />, shown.status);
    }
  });

  app.get<NodeParams>(`${CONSOLE_CATALOG_PATH}/nodes/:id/:action`, { schema: { hide: true } }, async (req, reply) => {
    const action = actionOf(req.params.action);
    const context = await catalog.getNodeEditContext(requireActor(req), req.params.id);
    return html(reply, <NodeActionPage ctx={req.ctx} action={action} context={context} values={{}} errors={[]} />);
  });

  app.post<NodeParams>(`${CONSOLE_CATALOG_PATH}/nodes/:id/:action`, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const action = actionOf(req.params.action);
    try {
      const node = await runAction(catalog, action)(actor, req.params.id, versionFromForm(req.body), nodeActionInputFromForm(action, bodyOf(req.body)));
      reply.flash('success', `已${NODE_ACTION_NAMES[action]}栏目“${node.name}”。`);
      return reply.redirect(consoleCatalogHref(node.agencyCode), 303);
    } catch (err) {
      const shown = formErrors(err);
      if (!shown) throw err;
      const context = await catalog.getNodeEditContext(actor, req.params.id);
      return html(reply, <NodeActionPage ctx={req.ctx} action={action} context={context} values={nodeActionValuesFromBody(req.body)} errors={shown.fields} />, shown.status);
    }
  });
}
