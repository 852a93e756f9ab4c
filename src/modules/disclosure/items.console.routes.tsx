import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { Deps } from '../../deps.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { forbidden } from '../../platform/auth/guard.ts';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import { requireActor } from '../../platform/http/session.ts';
import { renderPage } from '../../platform/views/render.ts';
import type { Agency } from '../agencies/index.ts';
import type { CatalogTreeNode } from './catalog.tree.ts';
import {
  attachmentUploadFromForm,
  bodyOf,
  createRevisionInputFromForm,
  draftFieldErrors,
  draftInputFromValues,
  draftValuesFromBody,
  draftValuesFromRevision,
  EMPTY_DRAFT_VALUES,
  privacyOverrideInputFromForm,
  publishInputFromForm,
  revokeInputFromForm,
  textFields,
  versionFromForm,
  type DraftFormValues,
  type MultipartForm,
} from './items.form.ts';
import { canOnItem, mayTakeAnywhere, type ItemAction } from './items.policy.ts';
import type { AttachmentUpload } from './items.schema.ts';
import { POLICY_GENRES, type ConsoleItem, type DueBoardRow, type ItemsService } from './items.service.ts';
import { htmlToPlainText } from './sanitize.ts';
import { isGenreId, type GenreId } from './taxonomy.ts';
import { DueBoardPage, MissingInterpretationsPage } from './views/items-board.tsx';
import { ItemDetailPage, type PrivacyView } from './views/items-detail.tsx';
import { DraftFormPage, type DraftFormOptions } from './views/items-form.tsx';
import { ItemListPage, type ItemListFilters } from './views/items-list.tsx';
import { itemHref, ITEMS_PATH } from './views/items-shared.tsx';

function html(reply: FastifyReply, page: VNode, status = 200): FastifyReply {
  return reply.status(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(renderPage(page));
}

/**
 * Refusals shown on the page itself rather than the error page: bad fields (400), a file refused (413/415),
 * someone else's change or a state rule (409), the four-eyes rule (403, with the workflow's refusals).
 */
function formErrors(err: unknown): { status: number; fields: FieldError[] } | null {
  if (!(err instanceof AppError)) return null;
  switch (err.code) {
    case 'VALIDATION_FAILED':
    case 'PAYLOAD_TOO_LARGE':
    case 'UNSUPPORTED_MEDIA_TYPE':
      return { status: err.status, fields: err.fields.length ? err.fields : [{ field: 'form', message: err.message }] };
    case 'STALE_RECORD':
    case 'ILLEGAL_TRANSITION':
    case 'CONFLICT':
      return { status: err.status, fields: [{ field: 'form', message: err.message }] };
    case 'FORBIDDEN':
      return err.details?.refusals ? { status: 403, fields: [{ field: 'form', message: err.message }] } : null;
    default:
      return null;
  }
}

function query(req: FastifyRequest, key: string): string {
  const q = req.query as Record<string, unknown> | undefined;
  const v = q?.[key];
  return typeof v === 'string' ? v.trim() : '';
}

/** The text the privacy gate reads (items.service.ts gateText): the findings' offsets refer to it. */
function gateTextOf(r: { title: string; summary: string | null; bodyHtml: string }): string {
  return [r.title, r.summary ?? '', htmlToPlainText(r.bodyHtml)].filter((s) => s !== '').join('\n');
}

function flattenTree(nodes: readonly CatalogTreeNode[]): CatalogTreeNode[] {
  return nodes.flatMap((n) => [n, ...flattenTree(n.children)]);
}

/** Detail page verbs: path segment → what the form is called in messages. */
const VERBS = ['submit', 'return', 'secrecy-review', 'publish', 'revision', 'withdraw', 'revoke', 'unpublish', 'deidentify', 'privacy-override'] as const;
type ConsoleVerb = (typeof VERBS)[number];
const isConsoleVerb = (s: string): s is ConsoleVerb => (VERBS as readonly string[]).includes(s);

const VERB_DONE: Record<ConsoleVerb, string> = {
  submit: '已提交审核。',
  return: '已退回修改。',
  'secrecy-review': '已确认保密审查。',
  publish: '已发布。',
  revision: '已新建修订稿件。',
  withdraw: '已撤回，公众仍可看到该信息及撤回说明。',
  revoke: '已宣布失效或废止。',
  unpublish: '已撤销发布。',
  deidentify: '已对稿件全部去标识化，请重新确认保密审查。',
  'privacy-override': '已记录保留理由。',
};

/** Form field names that differ from the service's (two forms on one page cannot share an id). */
function fieldsForVerb(verb: ConsoleVerb, fields: readonly FieldError[]): FieldError[] {
  return fields.map((f) => {
    if (verb === 'unpublish' && f.field === 'reason') return { ...f, field: 'unpublishReason' };
    if (verb === 'revoke' && f.field === 'replacedBy') return { ...f, field: 'replacedByItemId' };
    if (verb === 'publish' && f.field === 'interpretation') return { ...f, field: 'interpretationException' };
    if (verb === 'privacy-override') return { ...f, field: 'privacy' };
    return f;
  });
}

type ItemParams = { Params: { itemId: string } };
type VerbParams = { Params: { itemId: string; verb: string } };
type AttachmentParams = { Params: { itemId: string; attachmentId: string; op: string } };

/**
 * /console/items: the list, the drafting form, the item page with one form per workflow verb, the 20-working-day
 * board and the policies without interpretation. Every decision is the items service's.
 */
export async function registerItemsConsoleRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  await app.register(async (scope) => {
    // Attachments come as multipart. The body is parsed here, before the session's CSRF check reads `_csrf`
    // from it (@fastify/multipart fills the body only in a later preValidation hook, after that check).
    scope.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: deps.config.maxUploadBytes + 256 * 1024 }, async (req: FastifyRequest, body: Buffer | string) => {
      let form: FormData;
      try {
        form = await new Response(new Uint8Array(typeof body === 'string' ? Buffer.from(body) : body), { headers: { 'content-type': req.headers['content-type'] ?? '' } }).formData();
      } catch {
        throw new AppError('BAD_REQUEST', '上传的表单无法读取，请重新选择文件后提交。');
      }
      const fields: Record<string, string> = {};
      let file: AttachmentUpload | null = null;
      for (const [key, value] of form.entries()) {
        if (typeof value === 'string') fields[key] = value;
        else if (!file) file = { filename: value.name, bytes: new Uint8Array(await value.arrayBuffer()) };
      }
      return { ...fields, _multipart: { fields, file } satisfies MultipartForm };
    });
    await registerRoutes(scope, deps);
  });
}

async function registerRoutes(app: FastifyInstance, deps: Deps): Promise<void> {
  const items: ItemsService = deps.items;

  async function agenciesFor(actor: Actor, action: ItemAction): Promise<Agency[]> {
    return (await deps.agencies.listAgencies()).filter((a) => canOnItem(actor, action, a));
  }

  async function draftOptions(actor: Actor, itemAgencyIds: readonly string[] = []): Promise<DraftFormOptions> {
    const all = await deps.agencies.listAgencies();
    const draftable = all.filter((a) => canOnItem(actor, 'item.draft', a));
    const nodeAgencies = all.filter((a) => draftable.includes(a) || itemAgencyIds.includes(a.id));
    const catalogNodes: DraftFormOptions['catalogNodes'][number][] = [];
    for (const agency of nodeAgencies) {
      for (const n of flattenTree(await deps.catalog.getCatalogTree(agency))) {
        if (n.node.templateKey === 'requests') continue; // an entry to the application form, not a column
        catalogNodes.push({ id: n.node.id, agencyName: agency.shortName || agency.name, label: `${'— '.repeat(Math.max(0, n.depth - 1))}${n.node.name}` });
      }
    }
    const listed = await items.listItemsForConsole(actor, { pageSize: 200 });
    const policies = listed.rows
      .filter((r) => isGenreId(r.genre) && POLICY_GENRES.includes(r.genre as GenreId) && r.status !== 'unpublished')
      .map((r) => ({ itemId: r.itemId, title: r.title, note: `${r.agencyName}${r.status === 'never_published' ? '，未发布' : ''}` }));
    return {
      agencies: draftable.map((a) => ({ id: a.id, name: a.name })),
      coIssuers: all.filter((a) => !a.retiredAt).map((a) => ({ id: a.id, name: a.name })),
      catalogNodes,
      policies,
    };
  }

  async function renderForm(reply: FastifyReply, req: FastifyRequest, actor: Actor, values: DraftFormValues, errors: FieldError[], status: number, data?: ConsoleItem) {
    const open = data?.openRevision ?? null;
    const options = await draftOptions(actor, data ? [data.item.agencyId, ...data.issuers.map((i) => i.agencyId)] : []);
    const item = data && open ? { id: data.item.id, title: open.title, revisionNo: open.revisionNo, attachments: data.attachments[open.id] ?? [] } : undefined;
    return html(reply, <DraftFormPage ctx={req.ctx} mode={data ? 'update' : 'create'} options={options} values={values} errors={draftFieldErrors(values, errors)} {...(item ? { item } : {})} />, status);
  }

  async function renderDetail(reply: FastifyReply, req: FastifyRequest, actor: Actor, itemId: string, errors: FieldError[] = [], status = 200, extra: { failed?: { verb: string; values: Record<string, string> }; privacy?: PrivacyView } = {}) {
    const data = await items.getItemForConsole(actor, itemId);
    const open = data.openRevision;
    const privacy = extra.privacy ?? (open ? { text: gateTextOf(open), report: await items.checkPrivacy(actor, open.id) } : null);
    return html(reply, <ItemDetailPage ctx={req.ctx} data={data} privacy={privacy} errors={errors} {...(extra.failed ? { failed: extra.failed } : {})} />, status);
  }

  /** The open (draft or submitted) revision, for a revision verb. */
  function openRevisionOf(data: ConsoleItem) {
    if (!data.openRevision) throw new AppError('ILLEGAL_TRANSITION', '该信息没有未发布的稿件。');
    return data.openRevision;
  }

  // --- list ---------------------------------------------------------------------------------------------------

  app.get(ITEMS_PATH, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const filters: ItemListFilters = { agencyId: query(req, 'agency'), state: query(req, 'state'), genre: query(req, 'genre'), q: query(req, 'q') };
    const pageText = query(req, 'page');
    const input = {
      ...(filters.agencyId ? { agencyId: filters.agencyId } : {}),
      ...(filters.state ? { state: filters.state } : {}),
      ...(filters.genre ? { genre: filters.genre } : {}),
      ...(filters.q ? { q: filters.q } : {}),
      ...(pageText ? { page: /^\d{1,5}$/.test(pageText) ? Number(pageText) : pageText } : {}),
    };
    let errors: FieldError[] = [];
    let list;
    try {
      list = await items.listItemsForConsole(actor, input);
    } catch (err) {
      const shown = formErrors(err);
      if (!shown) throw err;
      errors = shown.fields;
      list = await items.listItemsForConsole(actor, {});
    }
    // the 第二十六条 chip comes from each agency's board (the service's own deadline arithmetic)
    const deadlines = new Map<string, DueBoardRow>();
    const agencyIds = [...new Set(list.rows.filter((r) => r.revisionState === 'draft' || r.revisionState === 'submitted').map((r) => r.agencyId))];
    for (const agencyId of agencyIds) for (const row of (await items.dueBoard(actor, agencyId)).rows) deadlines.set(row.revisionId, row);
    const agencies = (await agenciesFor(actor, 'item.read')).map((a) => ({ id: a.id, name: a.name }));
    return html(
      reply,
      <ItemListPage ctx={req.ctx} filters={filters} agencies={agencies} rows={list.rows} total={list.total} page={list.page} pageSize={list.pageSize} deadlines={deadlines} mayDraft={mayTakeAnywhere(actor, 'item.draft')} errors={errors} />,
      errors.length ? 400 : 200,
    );
  });

  // --- the two per-agency boards ---------------------------------------------------------------------------------

  async function boardAgency(req: FastifyRequest, actor: Actor): Promise<{ agencies: Agency[]; agencyId: string }> {
    const agencies = await agenciesFor(actor, 'item.read');
    const first = agencies[0];
    if (!first) throw forbidden();
    return { agencies, agencyId: query(req, 'agency') || first.id };
  }

  app.get(`${ITEMS_PATH}/board`, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const { agencies, agencyId } = await boardAgency(req, actor);
    const board = await items.dueBoard(actor, agencyId);
    return html(reply, <DueBoardPage ctx={req.ctx} board={board} agencies={agencies.map((a) => ({ id: a.id, name: a.name }))} />);
  });

  app.get(`${ITEMS_PATH}/interpretations`, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const { agencies, agencyId } = await boardAgency(req, actor);
    const rows = await items.listPoliciesWithoutInterpretation(actor, agencyId);
    const agency = agencies.find((a) => a.id === agencyId.toLowerCase()) ?? (await deps.agencies.getAgencyById(agencyId));
    return html(reply, <MissingInterpretationsPage ctx={req.ctx} agency={{ id: agency.id, name: agency.name }} agencies={agencies.map((a) => ({ id: a.id, name: a.name }))} rows={rows} />);
  });

  // --- drafting -------------------------------------------------------------------------------------------------

  app.get(`${ITEMS_PATH}/new`, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    if (!mayTakeAnywhere(actor, 'item.draft')) throw forbidden();
    const interprets = query(req, 'interprets');
    const values: DraftFormValues = { ...EMPTY_DRAFT_VALUES, ...(interprets ? { genre: 'interpretation', interpretsItemIds: [interprets] } : {}) };
    return renderForm(reply, req, actor, values, [], 200);
  });

  app.post(`${ITEMS_PATH}/new`, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const values = draftValuesFromBody(req.body);
    try {
      const created = await items.createDraft(actor, draftInputFromValues(values, 'create'));
      reply.flash('success', `已保存草稿“${created.revision.title}”。`);
      return reply.redirect(itemHref(created.item.id), 303);
    } catch (err) {
      const shown = formErrors(err);
      if (!shown) throw err;
      return renderForm(reply, req, actor, values, shown.fields, shown.status);
    }
  });

  app.get<ItemParams>(`${ITEMS_PATH}/:itemId/edit`, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const data = await items.getItemForConsole(actor, req.params.itemId);
    if (!canOnItem(actor, 'item.draft', data.agency)) throw forbidden();
    const open = data.openRevision;
    if (!open || !data.actions.edit) throw new AppError('ILLEGAL_TRANSITION', '只有草稿可以修改：待审核的稿件请由审核人退回，已发布的信息请新建修订。');
    return renderForm(reply, req, actor, draftValuesFromRevision(open, data.item.agencyId), [], 200, data);
  });

  app.post<ItemParams>(`${ITEMS_PATH}/:itemId/edit`, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const data = await items.getItemForConsole(actor, req.params.itemId);
    const values = draftValuesFromBody(req.body);
    try {
      const open = openRevisionOf(data);
      const saved = await items.updateDraft(actor, open.id, versionFromForm(req.body), draftInputFromValues(values, 'update'));
      reply.flash('success', `已保存草稿“${saved.title}”。`);
      return reply.redirect(itemHref(data.item.id), 303);
    } catch (err) {
      const shown = formErrors(err);
      if (!shown) throw err;
      return renderForm(reply, req, actor, values, shown.fields, shown.status, data);
    }
  });

  // --- attachments ----------------------------------------------------------------------------------------------

  app.post<ItemParams>(`${ITEMS_PATH}/:itemId/attachments`, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const data = await items.getItemForConsole(actor, req.params.itemId);
    const body = bodyOf(req.body);
    const form = (body._multipart as MultipartForm | undefined) ?? { fields: {}, file: null };
    try {
      const open = openRevisionOf(data);
      const upload = attachmentUploadFromForm(form);
      if (!upload) throw new AppError('VALIDATION_FAILED', '请选择要上传的附件', { fields: [{ field: 'file', message: '请选择要上传的附件' }] });
      const added = await items.addAttachment(actor, open.id, upload);
      reply.flash('success', `已上传附件“${added.filename}”。`);
      return reply.redirect(`${itemHref(data.item.id)}/edit`, 303);
    } catch (err) {
      const shown = formErrors(err);
      if (!shown) throw err;
      const fresh = await items.getItemForConsole(actor, req.params.itemId);
      const open = fresh.openRevision;
      if (!open) throw err;
      return renderForm(reply, req, actor, draftValuesFromRevision(open, fresh.item.agencyId), shown.fields, shown.status, fresh);
    }
  });

  app.post<AttachmentParams>(`${ITEMS_PATH}/:itemId/attachments/:attachmentId/:op`, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const { itemId, attachmentId, op } = req.params;
    if (op === 'remove') {
      await items.removeAttachment(actor, attachmentId);
      reply.flash('success', '已删除附件。');
      return reply.redirect(`${itemHref(itemId)}/edit`, 303);
    }
    if (op === 'confirm') {
      const a = await items.confirmAttachmentPrivacy(actor, attachmentId);
      reply.flash('success', `已确认人工核对附件“${a.filename}”。`);
      return reply.redirect(itemHref(itemId), 303);
    }
    throw new AppError('NOT_FOUND', '没有这项附件操作。');
  });

  // --- the item page and its verbs --------------------------------------------------------------------------------

  app.get<ItemParams>(`${ITEMS_PATH}/:itemId`, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    return renderDetail(reply, req, actor, req.params.itemId);
  });

  app.post<VerbParams>(`${ITEMS_PATH}/:itemId/:verb`, { schema: { hide: true } }, async (req, reply) => {
    const actor = requireActor(req);
    const { itemId, verb } = req.params;
    if (!isConsoleVerb(verb)) throw new AppError('NOT_FOUND', '没有这项操作。');
    const data = await items.getItemForConsole(actor, itemId);
    const version = versionFromForm(req.body);
    const body = bodyOf(req.body);
    const typed = textFields(body, ['comment', 'changeNote', 'interpretationException', 'notice', 'validity', 'effectiveDate', 'reason', 'replacedByItemId', 'unpublishReason', 'type', 'text']);
    const failed = { verb, values: typed };
    try {
      switch (verb) {
        case 'submit':
          await items.submit(actor, openRevisionOf(data).id, version);
          break;
        case 'return':
          await items.returnToDraft(actor, openRevisionOf(data).id, version, { comment: typed.comment ?? '' });
          break;
        case 'secrecy-review':
          await items.confirmSecrecyReview(actor, openRevisionOf(data).id, version);
          break;
        case 'publish': {
          const open = openRevisionOf(data);
          const result = await items.publish(actor, open.id, version, publishInputFromForm(body));
          if (!result.ok) {
            if (result.reason === 'privacy') {
              const report = result.reports.find((r) => r.revisionId === open.id) ?? result.reports[0];
              const privacy = report?.revisionId === open.id ? { text: gateTextOf(open), report } : undefined;
              return renderDetail(reply, req, actor, itemId, [{ field: 'privacy', message: result.message }], 400, { failed, ...(privacy ? { privacy } : {}) });
            }
            return renderDetail(reply, req, actor, itemId, fieldsForVerb(verb, result.refusals.map((r) => ({ field: r.field ?? 'form', message: r.message }))), 400, { failed });
          }
          reply.flash('success', result.published.length > 1 ? `已发布，索引号 ${result.indexNumber}；一并发布了 ${result.published.length - 1} 篇政策解读。` : `已发布，索引号 ${result.indexNumber}。`);
          return reply.redirect(itemHref(itemId), 303);
        }
        case 'revision':
          await items.createRevision(actor, itemId, createRevisionInputFromForm(body));
          reply.flash('success', VERB_DONE.revision);
          return reply.redirect(`${itemHref(itemId)}/edit`, 303);
        case 'withdraw':
          await items.withdraw(actor, itemId, version, { notice: typed.notice ?? '' });
          break;
        case 'revoke':
          await items.revoke(actor, itemId, version, revokeInputFromForm(body));
          break;
        case 'unpublish':
          await items.unpublish(actor, itemId, version, { reason: typed.unpublishReason ?? '' });
          break;
        case 'deidentify':
          await items.deidentifyDraft(actor, openRevisionOf(data).id, version);
          break;
        case 'privacy-override':
          await items.overridePrivacyFinding(actor, openRevisionOf(data).id, privacyOverrideInputFromForm(body));
          break;
        default: {
          const unreachable: never = verb;
          return unreachable;
        }
      }
      reply.flash('success', VERB_DONE[verb]);
      return reply.redirect(itemHref(itemId), 303);
    } catch (err) {
      const shown = formErrors(err);
      if (!shown) throw err;
      return renderDetail(reply, req, actor, itemId, fieldsForVerb(verb, shown.fields), shown.status, { failed });
    }
  });
}
