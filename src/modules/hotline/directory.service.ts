// 派单目录 use-cases and dispatch suggestions. The directory (category × district → 主办 agency, with 协办) is kept by
// the 12345 center (2025 意见: 派单目录 动态更新, 依据三定/权责清单); suggestions combine it with the classifier trained
// on past tickets (hotline.retrain job) and keyword rules (classifier.ts suggestAgencies).
import { Type } from 'typebox';
import type { Actor, AuditActor, Role } from '../../platform/auth/actor.ts';
import { forbidden } from '../../platform/auth/guard.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError, validationError, type FieldError, STALE_MESSAGE } from '../../platform/http/errors.ts';
import { checkInput, validateInput } from '../../platform/http/validate.ts';
import type { Agency, AgencyService } from '../agencies/index.ts';
import {
  buildDirectory,
  compileClassifier,
  districtFeature,
  keywordRulesFromDirectory,
  labelGroupsFromDirectory,
  parseClassifier,
  suggestAgencies,
  trainClassifier,
  type AgencySuggestion,
  type ClassifierModel,
  type CompiledClassifier,
  type DirectoryEntry,
} from './classifier.ts';
import * as repo from './directory.repository.ts';
import { DEFAULT_HOTLINE_CONFIG, type HotlineConfig } from './hotline.config.ts';
import { parseKeywords } from './kb.text.ts';
import { categoryLabel, findCategory } from './taxonomy.ts';

/** The 12345 center maintains the directory: its agents, and the 公开办 supervising. */
export const DIRECTORY_MANAGERS: readonly Role[] = ['agent', 'office'];
export const DIRECTORY_READERS: readonly Role[] = ['agent', 'office', 'admin', 'handler', 'head'];

const isSystem = (a: AuditActor): a is { system: string } => 'system' in a;

export function canManageDirectory(actor: AuditActor | null | undefined): boolean {
  if (!actor) return false;
  return isSystem(actor) || actor.grants.some((g) => DIRECTORY_MANAGERS.includes(g.role));
}

export function canReadDirectory(actor: AuditActor | null | undefined): boolean {
  if (!actor) return false;
  return isSystem(actor) || actor.grants.some((g) => DIRECTORY_READERS.includes(g.role));
}

const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const UUID_RE = new RegExp(UUID);

export const DirectoryEntryInput = Type.Object(
  {
    categoryCode: Type.String({ title: '诉求分类', pattern: '^[0-9]{2}([0-9]{2}){0,2}$', errorMessage: '请从列表中选择' }),
    divisionCode: Type.Optional(Type.String({ title: '区县', pattern: '^([0-9]{6})?$', errorMessage: '请从列表中选择' })),
    agencyId: Type.String({ title: '主办单位', pattern: UUID, errorMessage: '请从列表中选择' }),
    assistingAgencyIds: Type.Optional(Type.Array(Type.String({ pattern: UUID }), { title: '协办单位', maxItems: 10, errorMessage: '请从列表中选择' })),
    basis: Type.Optional(Type.String({ title: '权责清单依据', maxLength: 500 })),
  },
  { additionalProperties: false },
);

export const DirectoryRemoveInput = Type.Object(
  {
    version: Type.Integer({ title: '版本', minimum: 1 }),
    reason: Type.String({ title: '删除理由', minLength: 4, maxLength: 500, errorMessage: '请写明删除理由（4—500 字）' }),
  },
  { additionalProperties: false },
);

export const KeywordRuleInput = Type.Object(
  {
    keywords: Type.String({ title: '关键词', minLength: 1, maxLength: 300, errorMessage: '请填写至少一个关键词（用逗号或空格分隔）' }),
    agencyId: Type.String({ title: '承办单位', pattern: UUID, errorMessage: '请从列表中选择' }),
    divisionCode: Type.Optional(Type.String({ title: '区县', pattern: '^([0-9]{6})?$', errorMessage: '请从列表中选择' })),
    weight: Type.Optional(Type.String({ title: '权重', pattern: '^(0?\\.[0-9]{1,2}|1(\\.0{1,2})?)$', errorMessage: '应为 0.01 到 1 之间的小数' })),
    note: Type.Optional(Type.String({ title: '说明', maxLength: 200 })),
  },
  { additionalProperties: false },
);

export interface District {
  divisionCode: string;
  name: string;
}

export interface DirectoryView {
  rows: (repo.DirectoryRow & { categoryLabel: string; districtName: string; assistingNames: string[] })[];
  districts: District[];
  canManage: boolean;
  /** the dispatch classifier in use */
  model: { trainedAt: Date; sampleCount: number } | null;
  /** the center's own keyword rules (those derived from the category tree are not listed) */
  keywordRules: (repo.KeywordRuleRow & { districtName: string })[];
}

export interface SuggestionView extends AgencySuggestion {
  agencyId: string;
  assistingAgencyIds: string[];
}

export interface DirectoryService {
  /** The 区县 a ticket may be in: the district governments under the root. */
  listDistricts(): Promise<District[]>;
  /** Throws FORBIDDEN. */
  listEntries(actor: Actor): Promise<DirectoryView>;
  /** Sets category × district → agency (replacing any entry there). Throws VALIDATION_FAILED (every field), FORBIDDEN. */
  setEntry(actor: AuditActor, input: unknown): Promise<repo.DirectoryRow>;
  /** Removes an entry with a reason (audited). Throws VALIDATION_FAILED, FORBIDDEN, NOT_FOUND, STALE_RECORD. */
  removeEntry(actor: AuditActor, id: string, input: unknown): Promise<void>;
  /** Adds a keyword rule (audited). Throws VALIDATION_FAILED (every field), FORBIDDEN. */
  addKeywordRule(actor: AuditActor, input: unknown): Promise<repo.KeywordRuleRow>;
  /** Removes a keyword rule with a reason (audited). Throws VALIDATION_FAILED, FORBIDDEN, NOT_FOUND. */
  removeKeywordRule(actor: AuditActor, id: string, input: unknown): Promise<void>;
  /** The top agencies for a ticket with scores and reasons (派单目录 + classifier + keyword rules). */
  suggest(input: { text: string; categoryCode: string | null; districtCode: string | null }): Promise<SuggestionView[]>;
  /** Retrains the classifier from past tickets and stores it. Returns the sample count (0: nothing to learn from, nothing stored). Throws FORBIDDEN. */
  retrain(actor: AuditActor): Promise<{ samples: number; labels: number; modelId: number | null }>;
  /** The stored model's summary, or null. */
  modelInfo(): Promise<{ trainedAt: Date; sampleCount: number } | null>;
}

export interface DirectoryServiceOptions {
  db: Db;
  agencies: Pick<AgencyService, 'listAgencies'>;
  config?: HotlineConfig;
}

export function createDirectoryService(opts: DirectoryServiceOptions): DirectoryService {
  const { db, agencies } = opts;
  const config = opts.config ?? DEFAULT_HOTLINE_CONFIG;
  let cached: { id: number; compiled: CompiledClassifier } | null = null;

  async function districtsOf(all: readonly Agency[]): Promise<District[]> {
    const roots = new Set(all.filter((a) => a.parentId === null).map((a) => a.id));
    const out = new Map<string, string>();
    for (const a of all) {
      if (a.kind !== 'government' || a.retiredAt || !a.parentId || !roots.has(a.parentId)) continue;
      if (!out.has(a.divisionCode)) out.set(a.divisionCode, a.shortName.replace(/政府$/, '') || a.name);
    }
    return [...out].map(([divisionCode, name]) => ({ divisionCode, name })).sort((x, y) => x.divisionCode.localeCompare(y.divisionCode));
  }

  async function model(): Promise<CompiledClassifier | null> {
    const latest = await repo.latestModel(db);
    if (!latest) return null;
    if (cached?.id === latest.id) return cached.compiled;
    try {
      const m: ClassifierModel = parseClassifier(latest.model);
      cached = { id: latest.id, compiled: compileClassifier(m) };
      return cached.compiled;
    } catch {
      return null; // a broken model is ignored: the directory and keyword rules still suggest
    }
  }

  function entriesByCode(rows: readonly repo.DirectoryRow[], codeOf: Map<string, string>): DirectoryEntry[] {
    return rows.map((r) => ({
      categoryCode: r.categoryCode,
      district: r.divisionCode,
      agencyCode: r.agencyCode,
      assistingCodes: r.assistingAgencyIds.map((id) => codeOf.get(id)).filter((c): c is string => !!c),
    }));
  }

  return {
    async listDistricts() {
      return districtsOf(await agencies.listAgencies());
    },

    async listEntries(actor) {
      if (!canReadDirectory(actor)) throw forbidden();
      const all = await agencies.listAgencies({ includeRetired: true });
      const names = new Map(all.map((a) => [a.id, a.name]));
      const districts = await districtsOf(all);
      const dn = new Map(districts.map((d) => [d.divisionCode, d.name]));
      const rows = (await repo.listDirectory(db)).map((r) => ({
        ...r,
        categoryLabel: categoryLabel(r.categoryCode),
        districtName: r.divisionCode ? (dn.get(r.divisionCode) ?? r.divisionCode) : '全市',
        assistingNames: r.assistingAgencyIds.map((id) => names.get(id) ?? id),
      }));
      const latest = await repo.latestModel(db);
      const keywordRules = (await repo.listKeywordRules(db)).map((k) => ({ ...k, districtName: k.divisionCode ? (dn.get(k.divisionCode) ?? k.divisionCode) : '全市' }));
      return { rows, districts, canManage: canManageDirectory(actor), model: latest ? { trainedAt: latest.trainedAt, sampleCount: latest.sampleCount } : null, keywordRules };
    },

    async setEntry(actor, input) {
      if (!canManageDirectory(actor)) throw forbidden('只有12345热线中心可以维护派单目录。');
      const raw = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
      const checked = checkInput(DirectoryEntryInput, input);
      const value = checked.value;
      const fields: FieldError[] = [...checked.fields];
      const push = (f: FieldError) => {
        if (!fields.some((x) => x.field === f.field)) fields.push(f);
      };
      const all = await agencies.listAgencies();
      const live = new Map(all.filter((a) => !a.retiredAt).map((a) => [a.id, a]));
      if (typeof raw.categoryCode === 'string' && raw.categoryCode && !findCategory(raw.categoryCode)) push({ field: 'categoryCode', message: '诉求分类：请从列表中选择' });
      const division = typeof raw.divisionCode === 'string' && raw.divisionCode ? raw.divisionCode : null;
      if (division && !(await districtsOf(all)).some((d) => d.divisionCode === division)) push({ field: 'divisionCode', message: '区县：请从列表中选择' });
      if (typeof raw.agencyId === 'string' && UUID_RE.test(raw.agencyId) && !live.has(raw.agencyId)) push({ field: 'agencyId', message: '主办单位：请从列表中选择' });
      const assisting = Array.isArray(raw.assistingAgencyIds) ? (raw.assistingAgencyIds as unknown[]).filter((x): x is string => typeof x === 'string') : [];
      if (assisting.some((id) => UUID_RE.test(id) && !live.has(id))) push({ field: 'assistingAgencyIds', message: '协办单位：请从列表中选择' });
      if (new Set(assisting).size !== assisting.length) push({ field: 'assistingAgencyIds', message: '协办单位：不能重复' });
      if (typeof raw.agencyId === 'string' && assisting.includes(raw.agencyId)) push({ field: 'assistingAgencyIds', message: '协办单位：不能同时是主办单位' });
      if (fields.length || !value) throw validationError(fields);
      const w: repo.DirectoryWrite = {
        categoryCode: value.categoryCode,
        divisionCode: division,
        agencyId: value.agencyId,
        assistingAgencyIds: assisting,
        basis: value.basis?.trim() ? value.basis.trim() : null,
        userId: isSystem(actor) ? null : actor.userId,
      };
      const id = await db.transaction(async (tx) => {
        const { id: entryId, before } = await repo.upsertEntry(tx, w);
        await recordAudit(tx, {
          actor,
          action: before ? 'hotline.directory.update' : 'hotline.directory.create',
          entityType: 'hotline_directory',
          entityId: entryId,
          agencyId: w.agencyId,
          before: before ? { agencyId: before.agencyId, assistingAgencyIds: before.assistingAgencyIds } : null,
          after: { categoryCode: w.categoryCode, divisionCode: w.divisionCode, agencyId: w.agencyId, assistingAgencyIds: w.assistingAgencyIds },
        });
        return entryId;
      });
      const row = (await repo.listDirectory(db)).find((r) => r.id === id);
      if (!row) throw new AppError('INTERNAL', '派单目录保存失败');
      return row;
    },

    async removeEntry(actor, id, input) {
      if (!canManageDirectory(actor)) throw forbidden('只有12345热线中心可以维护派单目录。');
      const value = validateInput(DirectoryRemoveInput, input);
      const row = UUID_RE.test(id) ? (await repo.listDirectory(db)).find((r) => r.id === id) : undefined;
      if (!row) throw new AppError('NOT_FOUND', '未找到该派单目录条目。');
      await db.transaction(async (tx) => {
        if (!(await repo.deleteEntry(tx, id, value.version))) throw new AppError('STALE_RECORD', STALE_MESSAGE);
        await recordAudit(tx, { actor, action: 'hotline.directory.remove', entityType: 'hotline_directory', entityId: id, agencyId: row.agencyId, reason: value.reason, before: { categoryCode: row.categoryCode, divisionCode: row.divisionCode, agencyId: row.agencyId } });
      });
    },

    async addKeywordRule(actor, input) {
      if (!canManageDirectory(actor)) throw forbidden('只有12345热线中心可以维护关键词规则。');
      const raw = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
      const checked = checkInput(KeywordRuleInput, input);
      const value = checked.value;
      const fields: FieldError[] = [...checked.fields];
      const push = (f: FieldError) => {
        if (!fields.some((x) => x.field === f.field)) fields.push(f);
      };
      const all = await agencies.listAgencies();
      const keywords = parseKeywords(typeof raw.keywords === 'string' ? raw.keywords : '').filter((k) => k.length <= 30);
      if (typeof raw.keywords === 'string' && raw.keywords.trim() && keywords.length === 0) push({ field: 'keywords', message: '关键词：每个关键词不超过 30 个字' });
      if (typeof raw.agencyId === 'string' && UUID_RE.test(raw.agencyId) && !all.some((a) => a.id === raw.agencyId && !a.retiredAt)) push({ field: 'agencyId', message: '承办单位：请从列表中选择' });
      const division = typeof raw.divisionCode === 'string' && raw.divisionCode ? raw.divisionCode : null;
      if (division && !(await districtsOf(all)).some((d) => d.divisionCode === division)) push({ field: 'divisionCode', message: '区县：请从列表中选择' });
      if (typeof raw.weight === 'string' && /^[0-9.]+$/.test(raw.weight) && !(Number(raw.weight) > 0)) push({ field: 'weight', message: '权重：应为 0.01 到 1 之间的小数' });
      if (fields.length || !value) throw validationError(fields);
      const w = { keywords, agencyId: value.agencyId, divisionCode: division, weight: value.weight ? Number(value.weight) : 1, note: value.note?.trim() || null, userId: isSystem(actor) ? null : actor.userId };
      const id = await db.transaction(async (tx) => {
        const newId = await repo.insertKeywordRule(tx, w);
        await recordAudit(tx, { actor, action: 'hotline.keyword_rule.create', entityType: 'hotline_keyword_rule', entityId: newId, agencyId: w.agencyId, after: { keywords: w.keywords, divisionCode: w.divisionCode, weight: w.weight } });
        return newId;
      });
      const row = (await repo.listKeywordRules(db)).find((r) => r.id === id);
      if (!row) throw new AppError('INTERNAL', '关键词规则保存失败');
      return row;
    },

    async removeKeywordRule(actor, id, input) {
      if (!canManageDirectory(actor)) throw forbidden('只有12345热线中心可以维护关键词规则。');
      const reason = validateInput(Type.Object({ reason: DirectoryRemoveInput.properties.reason }, { additionalProperties: false }), input).reason;
      const row = UUID_RE.test(id) ? (await repo.listKeywordRules(db)).find((r) => r.id === id) : undefined;
      if (!row) throw new AppError('NOT_FOUND', '未找到该关键词规则。');
      await db.transaction(async (tx) => {
        await repo.deleteKeywordRule(tx, id);
        await recordAudit(tx, { actor, action: 'hotline.keyword_rule.remove', entityType: 'hotline_keyword_rule', entityId: id, agencyId: row.agencyId, reason, before: { keywords: row.keywords, divisionCode: row.divisionCode } });
      });
    },

    async suggest(input) {
      const all = await agencies.listAgencies();
      const live = all.filter((a) => !a.retiredAt);
      const codeOf = new Map(live.map((a) => [a.id, a.code]));
      const byCode = new Map(live.map((a) => [a.code, a]));
      const entries = entriesByCode(await repo.listDirectory(db), codeOf);
      const directory = buildDirectory(entries);
      const districts = await districtsOf(all);
      const list = suggestAgencies(
        { text: input.text, categoryCode: input.categoryCode, district: input.districtCode },
        {
          directory,
          model: await model(),
          // the center's own rules (weight as set, 1 by default) beside those derived from the category tree (0.8)
          keywordRules: [
            ...keywordRulesFromDirectory(entries),
            ...(await repo.listKeywordRules(db)).map((k) => ({ keywords: k.keywords, agencyCode: k.agencyCode, weight: k.weight, district: k.divisionCode })),
          ],
          weights: config.dispatch.weights,
          k: config.dispatch.suggestions,
          names: { agencies: new Map(live.map((a) => [a.code, a.name])), districts: new Map(districts.map((d) => [d.divisionCode, d.name])) },
        },
      );
      return list
        .filter((s) => byCode.has(s.agencyCode))
        .map((s) => ({ ...s, agencyId: (byCode.get(s.agencyCode) as Agency).id, assistingAgencyIds: s.assistingCodes.map((c) => byCode.get(c)?.id).filter((x): x is string => !!x) }));
    },

    async retrain(actor) {
      if (!canManageDirectory(actor)) throw forbidden('只有12345热线中心可以重新训练派单模型。');
      const samples = await repo.trainingTickets(db, 200_000);
      if (samples.length === 0) return { samples: 0, labels: 0, modelId: null };
      const all = await agencies.listAgencies();
      const codeOf = new Map(all.map((a) => [a.id, a.code]));
      const groups = labelGroupsFromDirectory(entriesByCode(await repo.listDirectory(db), codeOf));
      // the same groupOf and districtFeature as suggestions use (README: Dispatch suggestions)
      const m = trainClassifier(
        samples.map((s) => ({ text: s.text, label: s.agencyCode, features: districtFeature(s.districtCode) })),
        { groupOf: (label) => groups.get(label) ?? label, trainedAt: new Date() },
      );
      const modelId = await db.transaction(async (tx) => {
        const newId = await repo.insertModel(tx, m, samples.length);
        await recordAudit(tx, { actor, action: 'hotline.classifier.retrain', entityType: 'hotline_classifier_model', entityId: String(newId), after: { samples: samples.length, labels: m.labels.length } });
        return newId;
      });
      return { samples: samples.length, labels: m.labels.length, modelId };
    },

    async modelInfo() {
      const latest = await repo.latestModel(db);
      return latest ? { trainedAt: latest.trainedAt, sampleCount: latest.sampleCount } : null;
    },
  };
}
