import type { TSchema } from 'typebox';
import type { Actor, AuditActor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { forbidden } from '../../platform/auth/guard.ts';
import { constraintOf, type Db, type Executor } from '../../platform/db/database.ts';
import { AppError, isAppError, validationError, type FieldError, STALE_MESSAGE } from '../../platform/http/errors.ts';
import { checkInput, validateInput } from '../../platform/http/validate.ts';
import { isValidCreditCode } from '../../platform/text/identifiers.ts';
import { can, scopesForAction } from '../../platform/auth/policy.ts';
import { agencyResource, canCreateRootAgency, canManageAgency, managesAnyAgency } from './agencies.policy.ts';
import * as repo from './agencies.repository.ts';
import { AgencyChanges, NewAgency, RetireAgency, type Agency } from './agencies.schema.ts';
import { inTreeOrder, wouldCycle } from './agencies.tree.ts';
import { ensureCatalog } from '../disclosure/catalog.setup.ts';

export { STALE_MESSAGE };
const NOT_FOUND_MESSAGE = '未找到该机关。';

/** Unique and check constraints of migrations/0003 → the field they concern, with a Chinese message. */
const CONSTRAINT_FIELDS: Record<string, FieldError> = {
  agencies_code_key: { field: 'code', message: '机关代码：已被其他机关使用' },
  agencies_name_key: { field: 'name', message: '机关名称：已有同名机关' },
  agencies_credit_code_key: { field: 'creditCode', message: '统一社会信用代码：已被其他机关使用' },
  agencies_parent_fk: { field: 'parentId', message: '上级机关：不存在' },
  agencies_not_own_parent_check: { field: 'parentId', message: '上级机关：不能是本机关或其下属机关' },
  agencies_code_check: { field: 'code', message: '机关代码：格式不正确' },
  agencies_kind_check: { field: 'kind', message: '机关类型：不是允许的选项' },
  agencies_division_code_check: { field: 'divisionCode', message: '行政区划代码：应为 6 位数字' },
  agencies_credit_code_check: { field: 'creditCode', message: '统一社会信用代码：格式不正确' },
  agencies_name_check: { field: 'name', message: '机关名称：应为 2–100 个字符' },
  agencies_short_name_check: { field: 'shortName', message: '简称：应为 1–30 个字符' },
};

/** The field error for a violated agencies constraint, if it is one of ours. */
export function fieldErrorForConstraint(name: string | undefined): FieldError | undefined {
  return name ? CONSTRAINT_FIELDS[name] : undefined;
}

export interface ListAgenciesOptions {
  includeRetired?: boolean;
  /** only this agency and its descendants */
  within?: string;
}

/** What the console's agency form needs: the parents the actor may choose, and whether 顶级 is allowed. */
export interface AgencyFormOptions {
  /** the agency being edited */
  agency?: Agency;
  parents: Agency[];
  canCreateRoot: boolean;
}

export interface AgencyPage {
  agency: Agency;
  /** root first, ending with the parent */
  ancestors: Agency[];
  /** active children in tree order */
  children: Agency[];
}

export interface ConsoleAgencyList {
  rows: { agency: Agency; canManage: boolean }[];
  /** whether the actor may create any agency (a child of one they manage, or a root) */
  canCreate: boolean;
}

/** What other modules do inside the same transaction when an agency changes (wired in deps.ts). */
export interface AgencyHooks {
  /**
   * The agency was moved (its subtree's scope changed) or renamed (names are indexed): re-derive what other
   * modules keep about its subtree, e.g. the search rows of the items it and its subordinates issued.
   */
  afterSubtreeChanged?(tx: Executor, agencyId: string): Promise<void>;
}

export interface AgencyService {
  /** Agencies in tree order (each followed by its children); retired ones only if asked. */
  listAgencies(opts?: ListAgenciesOptions): Promise<Agency[]>;
  /** Throws NOT_FOUND. */
  getAgencyById(id: string): Promise<Agency>;
  /** Throws NOT_FOUND. */
  getAgencyByCode(code: string): Promise<Agency>;
  /** An agency by code with its ancestors (root first) and active children, for its public page. Throws NOT_FOUND. */
  getAgencyPage(code: string): Promise<AgencyPage>;
  /** The ids of the agency and all its descendants (retired included). */
  subtreeIds(id: string): Promise<string[]>;
  /** The console list: agencies the actor may see (agency.read), tree order, retired included, each marked if manageable. Throws FORBIDDEN. */
  listAgenciesForConsole(actor: Actor): Promise<ConsoleAgencyList>;
  /** What the console form needs to create an agency (no `code`) or edit the one with `code`. Throws NOT_FOUND, FORBIDDEN. */
  agencyFormOptions(actor: Actor, code?: string): Promise<AgencyFormOptions>;
  /** The agency by code if the actor may manage it. Throws NOT_FOUND, FORBIDDEN. */
  getManageableAgency(actor: Actor, code: string): Promise<Agency>;
  /** Creates an agency from unchecked input (NewAgency). Throws VALIDATION_FAILED, FORBIDDEN. */
  createAgency(actor: AuditActor, input: unknown): Promise<Agency>;
  /** Changes fields (AgencyChanges) with optimistic locking; a new parent moves the whole subtree. Throws VALIDATION_FAILED, FORBIDDEN, NOT_FOUND, STALE_RECORD, ILLEGAL_TRANSITION. */
  updateAgency(actor: AuditActor, id: string, version: number, input: unknown): Promise<Agency>;
  /** Retires (never deletes) an agency without active children. Throws VALIDATION_FAILED, FORBIDDEN, NOT_FOUND, STALE_RECORD, ILLEGAL_TRANSITION. */
  retireAgency(actor: AuditActor, id: string, version: number, reason: unknown): Promise<Agency>;
}

/** Validates without throwing: the typed value, or every bad field. */
function check<S extends TSchema>(schema: S, input: unknown): { value: ReturnType<typeof validateInput<S>> | undefined; fields: FieldError[] } {
  const r = checkInput(schema, input);
  return r.value !== undefined || r.fields.length ? r : { value: undefined, fields: [{ field: '(body)', message: '提交的内容不符合要求' }] };
}

function rawField(input: unknown, key: string): unknown {
  return input && typeof input === 'object' ? (input as Record<string, unknown>)[key] : undefined;
}

function pushField(fields: FieldError[], e: FieldError): void {
  if (!fields.some((f) => f.field === e.field)) fields.push(e);
}

type ParentChoice = { kind: 'absent' } | { kind: 'root' } | { kind: 'bad' } | { kind: 'agency'; agency: Agency };

function constraintField(name: string): FieldError {
  const fe = CONSTRAINT_FIELDS[name];
  if (!fe) throw new Error(`unknown constraint ${name}`);
  return fe;
}

function isOther(found: Agency | undefined, self: Agency | null): boolean {
  return found !== undefined && found.id !== self?.id;
}

const CREDIT_FORMAT = /^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createAgencyService(db: Db, hooks: AgencyHooks = {}): AgencyService {
  async function getById(ex: Executor, id: string): Promise<Agency> {
    const a = UUID.test(id) ? await repo.findAgencyById(ex, id) : undefined;
    if (!a) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE);
    return a;
  }

  /**
   * Domain checks the schema cannot make: credit check character, uniqueness, the parent.
   * Adds to `fields`; returns what the input says about the parent.
   */
  async function domainChecks(ex: Executor, input: unknown, fields: FieldError[], self: Agency | null): Promise<ParentChoice> {
    const credit = rawField(input, 'creditCode');
    if (typeof credit === 'string' && CREDIT_FORMAT.test(credit)) {
      // GB 32100-2015 第 4.3 条：第 18 位为校验码
      if (!isValidCreditCode(credit)) pushField(fields, { field: 'creditCode', message: '统一社会信用代码校验位不正确' });
      else if (isOther(await repo.findAgencyByCreditCode(ex, credit), self)) pushField(fields, constraintField('agencies_credit_code_key'));
    }
    const code = rawField(input, 'code');
    if (!self && typeof code === 'string' && code.length <= 40 && (await repo.findAgencyByCode(ex, code))) pushField(fields, constraintField('agencies_code_key'));
    const name = rawField(input, 'name');
    if (typeof name === 'string' && name.length <= 100 && isOther(await repo.findAgencyByName(ex, name), self)) pushField(fields, constraintField('agencies_name_key'));

    const parentId = rawField(input, 'parentId');
    if (parentId === undefined) return { kind: 'absent' };
    if (parentId === null) return { kind: 'root' };
    if (typeof parentId !== 'string' || !UUID.test(parentId)) return { kind: 'bad' }; // the schema reports it
    const parent = await repo.findAgencyById(ex, parentId);
    if (!parent) {
      pushField(fields, { field: 'parentId', message: '上级机关：不存在' });
      return { kind: 'bad' };
    }
    if (parent.retiredAt) pushField(fields, { field: 'parentId', message: '上级机关：已撤销，不能在其下设立或移入机关' });
    else if (self && wouldCycle(self.id, parent)) pushField(fields, constraintField('agencies_not_own_parent_check'));
    return { kind: 'agency', agency: parent };
  }

  async function mayCreateRoot(ex: Executor, actor: AuditActor): Promise<boolean> {
    if ('system' in actor) return true;
    return canCreateRootAgency(actor, await repo.selectActiveRoots(ex), (await repo.countAgencies(ex)) > 0);
  }

  /** Translates a unique/check violation of our table into VALIDATION_FAILED naming the field. */
  function translate(err: unknown): never {
    const fe = fieldErrorForConstraint(constraintOf(err));
    if (fe) throw validationError([fe]);
    throw err;
  }

  async function findManageable(actor: Actor, code: string): Promise<Agency> {
    const a = await repo.findAgencyByCode(db, code);
    if (!a) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE);
    if (!canManageAgency(actor, a)) throw forbidden();
    return a;
  }

  async function listAgencies(opts: ListAgenciesOptions = {}): Promise<Agency[]> {
    let rows = await repo.selectAgencies(db, { includeRetired: opts.includeRetired ?? false });
    if (opts.within) {
      const root = opts.within;
      rows = rows.filter((a) => a.id === root || a.ancestors.includes(root));
    }
    return inTreeOrder(rows);
  }

  return {
    listAgencies,

    getAgencyById: (id) => getById(db, id),

    async getAgencyByCode(code) {
      const a = await repo.findAgencyByCode(db, code);
      if (!a) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE);
      return a;
    },

    async getAgencyPage(code) {
      const agency = await repo.findAgencyByCode(db, code);
      if (!agency) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE);
      const related = await repo.selectAgenciesByIds(db, agency.ancestors);
      const byId = new Map(related.map((a) => [a.id, a]));
      const ancestors = agency.ancestors.map((id) => byId.get(id)).filter((a): a is Agency => a !== undefined);
      return { agency, ancestors, children: inTreeOrder(await repo.selectActiveChildren(db, agency.id)) };
    },

    async subtreeIds(id) {
      return UUID.test(id) ? repo.selectSubtreeIds(db, id) : [];
    },

    async listAgenciesForConsole(actor) {
      if (!scopesForAction(actor, 'agency.read').length) throw forbidden();
      const all = await listAgencies({ includeRetired: true });
      const rows = all.filter((a) => can(actor, 'agency.read', agencyResource(a))).map((agency) => ({ agency, canManage: canManageAgency(actor, agency) }));
      return { rows, canCreate: managesAnyAgency(actor) };
    },

    async agencyFormOptions(actor, code) {
      if (!managesAnyAgency(actor)) throw forbidden();
      const agency = code === undefined ? undefined : await findManageable(actor, code);
      const all = await listAgencies();
      const parents = all.filter((p) => (canManageAgency(actor, p) || p.id === agency?.parentId) && !(agency && wouldCycle(agency.id, p)));
      return { ...(agency ? { agency } : {}), parents, canCreateRoot: (await mayCreateRoot(db, actor)) || (agency !== undefined && agency.parentId === null) };
    },

    getManageableAgency: findManageable,

    async createAgency(actor, input) {
      try {
        return await db.transaction(async (tx) => {
          await repo.lockAgencyTree(tx);
          const { value, fields } = check(NewAgency, input);
          const parent = await domainChecks(tx, input, fields, null);
          // policy before the field errors, so a stranger learns nothing about the data
          switch (parent.kind) {
            case 'agency':
              if (!canManageAgency(actor, parent.agency)) throw forbidden('您没有在该上级机关下设立机关的权限。');
              break;
            case 'absent':
            case 'root':
              if (!(await mayCreateRoot(tx, actor))) throw forbidden('您没有设立顶级机关的权限。');
              break;
            case 'bad':
              if (!('system' in actor) && !managesAnyAgency(actor)) throw forbidden();
              break;
            default:
              return parent satisfies never;
          }
          if (fields.length || !value) throw validationError(fields);
          const parentAgency = parent.kind === 'agency' ? parent.agency : null;
          const created = await repo.insertAgency(tx, {
            ...value,
            parentId: parentAgency?.id ?? null,
            ancestors: parentAgency ? [...parentAgency.ancestors, parentAgency.id] : [],
            docPrefix: value.docPrefix ?? null,
            officeFax: value.officeFax ?? null,
            officeEmail: value.officeEmail ?? null,
          });
          await recordAudit(tx, { actor, action: 'agency.create', entityType: 'agency', entityId: created.id, agencyId: created.id, after: created });
          await ensureCatalog(tx, created.id, actor); // 主动公开基本目录 from the standard template (issue 3)
          return created;
        });
      } catch (err) {
        if (isAppError(err)) throw err;
        return translate(err);
      }
    },

    async updateAgency(actor, id, version, input) {
      try {
        return await db.transaction(async (tx) => {
          await repo.lockAgencyTree(tx);
          const current = await getById(tx, id);
          if (!canManageAgency(actor, current)) throw forbidden();
          if (current.retiredAt) throw new AppError('ILLEGAL_TRANSITION', '该机关已撤销，不能修改。');
          const { value, fields } = check(AgencyChanges, input);
          const parent = await domainChecks(tx, input, fields, current);
          const target = parent.kind === 'agency' ? parent.agency : null;
          const moving = (parent.kind === 'agency' || parent.kind === 'root') && (target?.id ?? null) !== current.parentId;
          if (moving && target && !canManageAgency(actor, target)) throw forbidden('您没有把机关移入该上级机关的权限。');
          if (moving && !target && !(await mayCreateRoot(tx, actor))) throw forbidden('您没有设立顶级机关的权限。');
          if (fields.length || !value) throw validationError(fields);
          if (current.version !== version) throw new AppError('STALE_RECORD', STALE_MESSAGE);
          const { parentId: _ignored, ...changes } = value;
          const newAncestors = moving ? (target ? [...target.ancestors, target.id] : []) : current.ancestors;
          const updated = await repo.updateAgencyRow(tx, id, version, {
            ...changes,
            ...(moving ? { parentId: target?.id ?? null, ancestors: newAncestors } : {}),
          });
          if (!updated) throw new AppError('STALE_RECORD', STALE_MESSAGE);
          if (moving) await repo.rewriteDescendantAncestors(tx, id, current.ancestors, newAncestors);
          if (moving || updated.name !== current.name || updated.shortName !== current.shortName) await hooks.afterSubtreeChanged?.(tx, id);
          await recordAudit(tx, { actor, action: moving ? 'agency.move' : 'agency.update', entityType: 'agency', entityId: id, agencyId: id, before: current, after: updated });
          return updated;
        });
      } catch (err) {
        if (isAppError(err)) throw err;
        return translate(err);
      }
    },

    async retireAgency(actor, id, version, reason) {
      return db.transaction(async (tx) => {
        await repo.lockAgencyTree(tx);
        const current = await getById(tx, id);
        if (!canManageAgency(actor, current)) throw forbidden();
        const { value, fields } = check(RetireAgency, { reason });
        if (!value) throw validationError(fields);
        if (current.retiredAt) throw new AppError('ILLEGAL_TRANSITION', '该机关已经撤销。');
        const activeChildren = await repo.selectActiveChildren(tx, id);
        if (activeChildren.length) {
          throw new AppError('ILLEGAL_TRANSITION', `该机关下还有 ${activeChildren.length} 个未撤销的下属机关（${activeChildren.map((a) => a.shortName).join('、')}），请先撤销或移走它们。`);
        }
        if (current.version !== version) throw new AppError('STALE_RECORD', STALE_MESSAGE);
        const retired = await repo.updateAgencyRow(tx, id, version, { retiredAt: new Date() });
        if (!retired) throw new AppError('STALE_RECORD', STALE_MESSAGE);
        await recordAudit(tx, { actor, action: 'agency.retire', entityType: 'agency', entityId: id, agencyId: id, reason: value.reason, before: current, after: retired });
        return retired;
      });
    },
  };
}
