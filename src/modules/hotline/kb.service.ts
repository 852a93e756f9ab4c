// 知识库 use-cases: search (jieba tokens, a stored tsvector with GIN), create/edit/confirm-review/retire by the owner
// agency (谁提供、谁维护、谁更新), the overdue-review list, and the suggestions an agent sees beside a 咨询 call.
// Each write checks the policy, runs in one transaction and leaves an audit row.
import type { Actor, AuditActor } from '../../platform/auth/actor.ts';
import { forbidden } from '../../platform/auth/guard.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { addDays, shanghaiDate } from '../../platform/calendar/workdays.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError, isAppError, validationError, type FieldError, STALE_MESSAGE } from '../../platform/http/errors.ts';
import { checkInput, validateInput } from '../../platform/http/validate.ts';
import type { AgencyService } from '../agencies/index.ts';
import { addMonths } from './deadlines.ts';
import { DEFAULT_KB_CONFIG, type KbConfig } from './kb.config.ts';
import { canReadKb, canWriteKb } from './kb.policy.ts';
import * as repo from './kb.repository.ts';
import { KbEntryInput, KbRetireInput, KbSearchInput, type KbEntry, type KbHit } from './kb.schema.ts';
import { kbDocumentLexemes, kbQueryLexemes, kbTsquery, parseKeywords } from './kb.text.ts';
import { findCategory } from './taxonomy.ts';

export const KB_STALE_MESSAGE = STALE_MESSAGE;
const NOT_FOUND = '未找到该知识条目。';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface KbSearchResult {
  total: number;
  page: number;
  pageSize: number;
  rows: KbHit[];
  /** the words the query was cut into (shown so the user sees what was searched) */
  words: string[];
}

export interface KbReviewList {
  today: string;
  overdue: KbEntry[];
  dueSoon: KbEntry[];
}

export interface KbService {
  config: KbConfig;
  /** Entries matching every word (AND), by relevance; without words newest first. Throws FORBIDDEN, VALIDATION_FAILED. */
  searchEntries(actor: AuditActor, input: unknown): Promise<KbSearchResult>;
  /** Active entries that best match a caller's account (any word, same category first). No policy: the caller checks. */
  suggestForText(text: string, categoryCode: string | null, limit?: number): Promise<KbHit[]>;
  /** Throws FORBIDDEN, NOT_FOUND. */
  getEntry(actor: AuditActor, id: string): Promise<KbEntry>;
  /** Throws VALIDATION_FAILED (every bad field), FORBIDDEN (not the owner's staff). */
  createEntry(actor: AuditActor, input: unknown): Promise<KbEntry>;
  /** Changes an entry; counts as a review (审核日期 = today). Throws VALIDATION_FAILED, FORBIDDEN, NOT_FOUND, STALE_RECORD, ILLEGAL_TRANSITION. */
  updateEntry(actor: AuditActor, id: string, version: number, input: unknown): Promise<KbEntry>;
  /** The owner confirms the entry is still correct: reviewed today, next review after the interval. Throws FORBIDDEN, NOT_FOUND, STALE_RECORD, ILLEGAL_TRANSITION. */
  confirmReview(actor: AuditActor, id: string, version: number): Promise<KbEntry>;
  /** 停用 with a reason (never deleted). Throws VALIDATION_FAILED, FORBIDDEN, NOT_FOUND, STALE_RECORD, ILLEGAL_TRANSITION. */
  retireEntry(actor: AuditActor, id: string, version: number, input: unknown): Promise<KbEntry>;
  /** Entries past (or within dueSoonDays of) their review date; for a writer only the agencies they maintain. Throws FORBIDDEN. */
  listDueForReview(actor: Actor): Promise<KbReviewList>;
}

export interface KbServiceOptions {
  db: Db;
  agencies: Pick<AgencyService, 'getAgencyById' | 'listAgencies'>;
  config?: KbConfig;
  now?: () => Date;
}

function userIdOf(actor: AuditActor): string | null {
  return 'system' in actor ? null : actor.userId;
}

function parseWithAllFields<T>(schema: Parameters<typeof validateInput>[0], input: unknown): { value?: T; fields: FieldError[] } {
  const r = checkInput(schema, input);
  if (r.value !== undefined) return { value: r.value as T, fields: [] };
  return { fields: r.fields.length ? r.fields : [{ field: 'form', message: '提交的内容不符合要求' }] };
}

export function createKbService(opts: KbServiceOptions): KbService {
  const { db, agencies } = opts;
  const config = opts.config ?? DEFAULT_KB_CONFIG;
  const now = opts.now ?? (() => new Date());

  async function ownerOf(id: string) {
    try {
      return await agencies.getAgencyById(id);
    } catch (err) {
      if (isAppError(err) && err.code === 'NOT_FOUND') return null;
      throw err;
    }
  }

  async function load(id: string): Promise<KbEntry> {
    const e = UUID.test(id) ? await repo.findEntry(db, id) : undefined;
    if (!e) throw new AppError('NOT_FOUND', NOT_FOUND);
    return e;
  }

  /** Checks the form as a whole: schema, category, owner and the review date; every problem at once. */
  async function checkEntry(actor: AuditActor, input: unknown, today: string): Promise<repo.EntryWrite> {
    const { value, fields } = parseWithAllFields<KbEntryInput>(KbEntryInput, input);
    const raw = (input ?? {}) as Record<string, unknown>;
    const problems = [...fields];
    const push = (f: FieldError) => {
      if (!problems.some((p) => p.field === f.field)) problems.push(f);
    };
    const code = typeof raw.categoryCode === 'string' ? raw.categoryCode : '';
    if (code && !findCategory(code)) push({ field: 'categoryCode', message: '诉求分类：请从列表中选择' });
    const ownerId = typeof raw.ownerAgencyId === 'string' ? raw.ownerAgencyId : '';
    const owner = UUID.test(ownerId) ? await ownerOf(ownerId) : null;
    if (ownerId && UUID.test(ownerId) && !owner) push({ field: 'ownerAgencyId', message: '维护单位：请从列表中选择' });
    if (owner && !canWriteKb(actor, owner)) push({ field: 'ownerAgencyId', message: '维护单位：您不能为该单位维护知识条目' });
    const due = typeof raw.reviewDueOn === 'string' && raw.reviewDueOn !== '' ? raw.reviewDueOn : null;
    if (due && /^\d{4}-\d{2}-\d{2}$/.test(due) && due <= today) push({ field: 'reviewDueOn', message: '下次审核日期：必须晚于今天' });
    if (due && /^\d{4}-\d{2}-\d{2}$/.test(due) && due > addMonths(today, 24)) push({ field: 'reviewDueOn', message: '下次审核日期：不能晚于两年后' });
    if (problems.length || !value) throw validationError(problems);
    const keywords = parseKeywords(value.keywords);
    const legalBasis = value.legalBasis?.trim() ? value.legalBasis.trim() : null;
    return {
      categoryCode: value.categoryCode,
      ownerAgencyId: value.ownerAgencyId,
      title: value.title.trim(),
      answer: value.answer.trim(),
      keywords,
      legalBasis,
      reviewedOn: today,
      reviewDueOn: due ?? addMonths(today, config.reviewIntervalMonths),
      titleLexemes: kbDocumentLexemes(value.title),
      otherLexemes: kbDocumentLexemes([value.answer, keywords.join(' '), legalBasis ?? '', findCategory(value.categoryCode)?.name ?? ''].join('\n')),
      userId: userIdOf(actor),
    };
  }

  async function ownedEntry(actor: AuditActor, id: string): Promise<KbEntry> {
    const e = await load(id);
    const owner = await agencies.getAgencyById(e.ownerAgencyId);
    if (!canWriteKb(actor, owner)) throw forbidden('只有该条目的维护单位可以修改它。');
    return e;
  }

  function stale(): never {
    throw new AppError('STALE_RECORD', KB_STALE_MESSAGE);
  }

  return {
    config,

    async searchEntries(actor, input) {
      if (!canReadKb(actor)) throw forbidden();
      const f = validateInput(KbSearchInput, input ?? {});
      const words = kbQueryLexemes(f.q ?? '');
      const tsquery = kbTsquery(words, 'all');
      const page = f.page ?? 1;
      const { total, rows } = await repo.searchEntries(db, {
        tsquery,
        categoryPrefix: f.categoryCode || null,
        ownerAgencyId: f.ownerAgencyId || null,
        status: f.status ?? 'active',
        limit: config.pageSize,
        offset: (page - 1) * config.pageSize,
      });
      return { total, page, pageSize: config.pageSize, rows: (f.q ?? '').trim() && !tsquery ? [] : rows, words };
    },

    async suggestForText(text, categoryCode, limit = 5) {
      const tsquery = kbTsquery(kbQueryLexemes(text).slice(0, 60), 'any');
      if (!tsquery) return [];
      const { rows } = await repo.searchEntries(db, { tsquery, categoryPrefix: null, ownerAgencyId: null, status: 'active', preferCategory: categoryCode, limit, offset: 0 });
      return rows;
    },

    async getEntry(actor, id) {
      if (!canReadKb(actor)) throw forbidden();
      return load(id);
    },

    async createEntry(actor, input) {
      const today = shanghaiDate(now());
      const w = await checkEntry(actor, input, today);
      const id = await db.transaction(async (tx) => {
        const newId = await repo.insertEntry(tx, w);
        await recordAudit(tx, { actor, action: 'hotline.kb.create', entityType: 'hotline_kb_entry', entityId: newId, agencyId: w.ownerAgencyId, after: { title: w.title, categoryCode: w.categoryCode, reviewDueOn: w.reviewDueOn } });
        return newId;
      });
      return load(id);
    },

    async updateEntry(actor, id, version, input) {
      const before = await ownedEntry(actor, id);
      if (before.status !== 'active') throw new AppError('ILLEGAL_TRANSITION', '该条目已停用，不能修改。');
      const w = await checkEntry(actor, input, shanghaiDate(now()));
      await db.transaction(async (tx) => {
        if (!(await repo.updateEntry(tx, id, version, w))) stale();
        await recordAudit(tx, {
          actor,
          action: 'hotline.kb.update',
          entityType: 'hotline_kb_entry',
          entityId: id,
          agencyId: w.ownerAgencyId,
          before: { title: before.title, answer: before.answer, categoryCode: before.categoryCode, ownerAgencyId: before.ownerAgencyId },
          after: { title: w.title, answer: w.answer, categoryCode: w.categoryCode, ownerAgencyId: w.ownerAgencyId },
        });
      });
      return load(id);
    },

    async confirmReview(actor, id, version) {
      const before = await ownedEntry(actor, id);
      if (before.status !== 'active') throw new AppError('ILLEGAL_TRANSITION', '该条目已停用，不能确认审核。');
      const today = shanghaiDate(now());
      const due = addMonths(today, config.reviewIntervalMonths);
      await db.transaction(async (tx) => {
        if (!(await repo.markReviewed(tx, id, version, today, due, userIdOf(actor)))) stale();
        await recordAudit(tx, { actor, action: 'hotline.kb.review', entityType: 'hotline_kb_entry', entityId: id, agencyId: before.ownerAgencyId, before: { reviewDueOn: before.reviewDueOn }, after: { reviewedOn: today, reviewDueOn: due } });
      });
      return load(id);
    },

    async retireEntry(actor, id, version, input) {
      const before = await ownedEntry(actor, id);
      const { value, fields } = parseWithAllFields<{ reason: string }>(KbRetireInput, input);
      if (!value || value.reason.trim().length < 4) throw validationError(fields.length ? fields : [{ field: 'reason', message: '停用理由：请写明停用理由（4—500 字）' }]);
      if (before.status !== 'active') throw new AppError('ILLEGAL_TRANSITION', '该条目已停用。');
      await db.transaction(async (tx) => {
        if (!(await repo.retireEntry(tx, id, version, value.reason.trim(), userIdOf(actor)))) stale();
        await recordAudit(tx, { actor, action: 'hotline.kb.retire', entityType: 'hotline_kb_entry', entityId: id, agencyId: before.ownerAgencyId, reason: value.reason.trim() });
      });
      return load(id);
    },

    async listDueForReview(actor) {
      if (!canReadKb(actor)) throw forbidden();
      const today = shanghaiDate(now());
      const isOfficeOrAgent = actor.grants.some((g) => g.role === 'office' || g.role === 'admin');
      let owners: string[] | null = null;
      if (!isOfficeOrAgent) owners = (await agencies.listAgencies()).filter((a) => canWriteKb(actor, a)).map((a) => a.id);
      const rows = await repo.listDueForReview(db, addDays(today, config.dueSoonDays), owners);
      return { today, overdue: rows.filter((e) => e.reviewDueOn < today), dueSoon: rows.filter((e) => e.reviewDueOn >= today) };
    },
  };
}
