// Use-cases of the annual report: compute, edit the text, enter or import outside figures, publish, the
// deadline board and reminders. Policy checks, transactions and audit rows are here; SQL is in the repository.
import type { Actor, AuditActor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { shanghaiDate } from '../../platform/calendar/workdays.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError, validationError, type FieldError, STALE_MESSAGE } from '../../platform/http/errors.ts';
import { validateInput } from '../../platform/http/validate.ts';
import type { Agency, AgencyService } from '../agencies/index.ts';
import type { CatalogService } from '../disclosure/catalog.service.ts';
import type { ItemsService } from '../disclosure/index.ts';
import { REVIEW_RESULT_IDS, reviewColumnOf, REVIEW_CASE_KIND_IDS, type ReviewCaseKind, type ReviewResult } from '../requests/index.ts';
import { DEFAULT_REPORT_CONFIG, deadlineFor, type ReportConfig } from './report.config.ts';
import { REQUEST_COLUMNS, unexplained, validateReport, type KeyAreaCount, type ReportTables, type Violation } from './report.format.ts';
import { checkImportRows, parseCsv, parseXlsx } from './report.import.ts';
import { canOnReport, mayAnywhere, type ReportAction } from './report.policy.ts';
import * as repo from './report.repository.ts';
import { OutsideFiguresInput, ReportTextInput } from './report.schema.ts';
import { requestRowsOf, reviewRowOf } from './report.tally.ts';
import { renderReportBodyHtml, reportTitle } from './views/report-document.tsx';

export interface AnnualReport {
  agency: { id: string; code: string; name: string; kind: string };
  year: number;
  subtree: boolean;
  tables: ReportTables;
  keyAreas: KeyAreaCount[];
  /** 信息处理费 collected (元), on applications concluded in the year */
  feeCollectedYuan: number;
  /** applications received per month */
  perMonth: number[];
  violations: Violation[];
  /** what the reader must know: the calendar of the year not entered, the applications not yet recorded */
  notices: string[];
  computedAt: string;
}

export interface ReportDraft {
  overview: string;
  problems: string;
  assessment: string;
  otherMatters: string;
  explanations: Record<string, string>;
  state: 'new' | 'draft' | 'published';
  version: number;
  publishedAt: Date | null;
  itemId: string | null;
}

export interface ReportView {
  report: AnnualReport;
  draft: ReportDraft;
  outside: repo.OutsideFiguresRow | undefined;
  unexplained: Violation[];
  isGovernment: boolean;
}

export type PublishReportResult = { ok: true; itemId: string; indexNumber: string } | { ok: false; reason: 'violations'; message: string; violations: Violation[] } | { ok: false; reason: 'item'; message: string };

export interface BoardRow {
  agencyId: string;
  code: string;
  name: string;
  depth: number;
  deadline: string;
  status: 'on_time' | 'late' | 'draft' | 'missing';
  publishedOn: string | null;
}

export interface ReportService {
  /** Computes the tables of `agency`'s report for `year` (over its subtree when asked). FORBIDDEN, VALIDATION_FAILED. */
  computeReport(actor: AuditActor, agency: Agency, year: unknown, opts?: { subtree?: boolean }): Promise<AnnualReport>;
  /** The editor's view: the computed (or, once published, the published) report, the draft text, the outside figures. */
  getReportView(actor: AuditActor, agencyId: string, year: unknown, opts?: { subtree?: boolean }): Promise<ReportView>;
  /** Saves 一、五、六 and explanations; VALIDATION_FAILED, FORBIDDEN, STALE_RECORD, ILLEGAL_TRANSITION (published). */
  saveText(actor: AuditActor, agencyId: string, year: unknown, version: number, input: unknown): Promise<void>;
  /** The outside figures of one agency and year, from the form; VALIDATION_FAILED, FORBIDDEN. */
  saveOutsideFigures(actor: AuditActor, agencyId: string, year: unknown, input: unknown): Promise<void>;
  /** An XLSX or CSV of outside figures: every row checked, all written or none; VALIDATION_FAILED (row and column named), FORBIDDEN. */
  importOutsideFigures(actor: AuditActor, file: { filename: string; bytes: Uint8Array }): Promise<{ rows: number }>;
  /** Publishes as an item in the 政府信息公开年报 column; refused (a value) with unexplained violations. FORBIDDEN, ILLEGAL_TRANSITION, STALE_RECORD. */
  publishReport(actor: AuditActor, agencyId: string, year: unknown, version: number): Promise<PublishReportResult>;
  /** Which agencies of the subtree published `year`'s report by their deadline (条例 第四十九条). FORBIDDEN. */
  deadlineBoard(actor: Actor, rootAgencyId: string, year: unknown): Promise<{ root: Agency; year: number; rows: BoardRow[] }>;
  /** Records due reminders (the job); the number recorded. */
  sendReminders(today?: string): Promise<number>;
}

export interface ReportServiceOptions {
  db: Db;
  agencies: AgencyService;
  calendar: { coverage(): Promise<number[]> };
  catalog: Pick<CatalogService, 'ensureCatalog'>;
  items: Pick<ItemsService, 'createDraft' | 'submit' | 'confirmSecrecyReview' | 'publish'>;
  config?: ReportConfig;
  now?: () => Date;
}

const TEXT_DEFAULTS = { overview: '', problems: '', assessment: '', otherMatters: '' };

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function createReportService(o: ReportServiceOptions): ReportService {
  const { db } = o;
  const config = o.config ?? DEFAULT_REPORT_CONFIG;
  const now = o.now ?? (() => new Date());

  function parseYear(year: unknown): number {
    const text = typeof year === 'number' ? String(year) : typeof year === 'string' ? year.trim() : '';
    const n = /^\d{4}$/.test(text) ? Number(text) : NaN;
    const max = Number(shanghaiDate(now()).slice(0, 4));
    if (!Number.isInteger(n) || n < 2008 || n > max) {
      // 条例 (2007) took effect on 2008-05-01: no report before 2008
      throw validationError([{ field: 'year', message: `年度：应为 2008 至 ${max} 之间的四位年份` }]);
    }
    return n;
  }

  function require(actor: AuditActor, action: ReportAction, agency: Agency): void {
    if (!canOnReport(actor, action, agency)) throw new AppError('FORBIDDEN', '您没有权限进行此操作或查看此页面。如需开通，请联系本单位的系统管理员。');
  }

  const userIdOf = (a: AuditActor): string | null => ('system' in a ? null : a.userId);

  async function compute(agency: Agency, year: number, subtree: boolean, previousCarriedOut: number[] | null): Promise<AnnualReport> {
    const scope = { agencyId: agency.id, subtree };
    const notices: string[] = [];
    const coverage = await o.calendar.coverage();
    if (!coverage.includes(year)) notices.push(`${year} 年的工作日历（国务院办公厅节假日安排）尚未录入：按工作日计算的期限和逾期情况只按周一至周五推算，请管理员录入后再发布。`);
    const docs = await repo.countDocuments(db, scope, year);
    const zero = { issued: 0, repealed: 0, inForce: 0 };
    const doc = (g: string) => {
      const d = docs.find((x) => x.genre === g);
      return d ? { issued: d.issued, repealed: d.repealed, inForce: d.inForce } : { ...zero };
    };
    const outside = await repo.sumOutsideFigures(db, scope, year);
    if (outside.licensing === null && outside.penalty === null && outside.enforcement === null && outside.feesWanYuan === null) {
      notices.push('行政许可、行政处罚、行政强制和行政事业性收费的数字来自其他系统，尚未录入或导入。');
    }
    let requestRows = requestRowsOf({ new: [], carriedIn: [], carriedOut: [], concluded: [] });
    let review = reviewRowOf([]);
    let feeCollectedYuan = 0;
    let perMonth = Array.from({ length: 12 }, () => 0);
    if (await repo.hasRequestTables(db)) {
      requestRows = requestRowsOf(await repo.countRequests(db, scope, year));
      const cases = await repo.countReviewCases(db, scope, year);
      review = reviewRowOf(
        cases
          .filter((c) => (REVIEW_CASE_KIND_IDS as readonly string[]).includes(c.kind))
          .map((c) => ({ column: reviewColumnOf(c.kind as ReviewCaseKind, ((REVIEW_RESULT_IDS as readonly string[]).includes(c.result) ? c.result : 'other') as ReviewResult), n: c.n })),
      );
      const extras = await repo.requestExtras(db, scope, year);
      feeCollectedYuan = extras.feeYuan;
      perMonth = extras.perMonth;
    } else {
      notices.push('依申请公开的办理记录尚未在本平台登记，第三、四部分暂为 0。');
    }
    const tables: ReportTables = {
      active: { rules: doc('rule'), normative: doc('normative'), ...outside },
      requests: { columns: [...REQUEST_COLUMNS], rows: requestRows.rows },
      review,
    };
    return {
      agency: { id: agency.id, code: agency.code, name: agency.name, kind: agency.kind },
      year,
      subtree,
      tables,
      keyAreas: await repo.countKeyAreas(db, scope, year),
      feeCollectedYuan,
      perMonth,
      violations: [...validateReport(tables, previousCarriedOut), ...requestRows.issues],
      notices,
      computedAt: now().toISOString(),
    };
  }

  /** V6 compares with last year's published report; without one the carried-out figure is the same query, so nothing to compare. */
  async function previousCarriedOut(agencyId: string, year: number, subtree: boolean): Promise<number[] | null> {
    const prev = await repo.findReport(db, agencyId, year - 1);
    if (prev?.state !== 'published') return null;
    const snap = prev.snapshot as { report?: AnnualReport } | null;
    if (!snap?.report || snap.report.subtree !== subtree) return null;
    return snap.report.tables.requests.rows.carried_out;
  }

  function draftOf(r: repo.ReportRecord | undefined): ReportDraft {
    if (!r) return { ...TEXT_DEFAULTS, explanations: {}, state: 'new', version: 0, publishedAt: null, itemId: null };
    return { overview: r.overview, problems: r.problems, assessment: r.assessment, otherMatters: r.otherMatters, explanations: r.explanations, state: r.state, version: r.version, publishedAt: r.publishedAt, itemId: r.itemId };
  }

  async function computeFor(agency: Agency, year: number, subtree: boolean): Promise<AnnualReport> {
    return compute(agency, year, subtree, await previousCarriedOut(agency.id, year, subtree));
  }

  return {
    async computeReport(actor, agency, yearInput, opts = {}) {
      const year = parseYear(yearInput);
      require(actor, 'report.read', agency);
      return computeFor(agency, year, opts.subtree ?? false);
    },

    async getReportView(actor, agencyId, yearInput, opts = {}) {
      const year = parseYear(yearInput);
      const agency = await o.agencies.getAgencyById(agencyId);
      require(actor, 'report.read', agency);
      const record = await repo.findReport(db, agency.id, year);
      const draft = draftOf(record);
      const snapshot = record?.state === 'published' ? (record.snapshot as { report: AnnualReport }) : null;
      const report = snapshot?.report ?? (await computeFor(agency, year, opts.subtree ?? record?.subtree ?? false));
      return { report, draft, outside: await repo.findOutsideFigures(db, agency.id, year), unexplained: unexplained(report.violations, draft.explanations), isGovernment: agency.kind === 'government' };
    },

    async saveText(actor, agencyId, yearInput, version, input) {
      const year = parseYear(yearInput);
      const agency = await o.agencies.getAgencyById(agencyId);
      require(actor, 'report.edit', agency);
      const value = validateInput(ReportTextInput, input);
      const explanations = Object.fromEntries(Object.entries(value.explanations ?? {}).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v !== ''));
      await db.transaction(async (tx) => {
        const existing = (await repo.findReportForUpdate(tx, agency.id, year)) ?? (await repo.insertReport(tx, agency.id, year, value.subtree ?? false));
        if (existing.state === 'published') throw new AppError('ILLEGAL_TRANSITION', '该年度报告已发布，不能再修改。');
        if (version !== 0 && existing.version !== version) throw new AppError('STALE_RECORD', STALE_MESSAGE);
        const saved = await repo.updateReportText(tx, existing.id, existing.version, {
          overview: value.overview.trim(),
          problems: value.problems.trim(),
          assessment: (value.assessment ?? '').trim(),
          otherMatters: value.otherMatters.trim(),
          explanations,
          subtree: value.subtree ?? existing.subtree,
          userId: userIdOf(actor),
        });
        if (!saved) throw new AppError('STALE_RECORD', STALE_MESSAGE);
        await recordAudit(tx, { actor, action: 'report.save', entityType: 'annual_report', entityId: saved.id, agencyId: agency.id, after: { year, explanations: Object.keys(explanations), subtree: saved.subtree } });
      });
    },

    async saveOutsideFigures(actor, agencyId, yearInput, input) {
      const year = parseYear(yearInput);
      const agency = await o.agencies.getAgencyById(agencyId);
      require(actor, 'report.edit', agency);
      const value = validateInput(OutsideFiguresInput, input);
      await db.transaction(async (tx) => {
        const before = await repo.findOutsideFigures(tx, agency.id, year);
        await repo.upsertOutsideFigures(tx, { ...value, agencyId: agency.id, year, source: 'form', userId: userIdOf(actor) });
        await recordAudit(tx, { actor, action: 'report.outside_figures', entityType: 'report_outside_figures', entityId: `${agency.id}/${year}`, agencyId: agency.id, before: before ?? null, after: { year, ...value, source: 'form' } });
      });
    },

    async importOutsideFigures(actor, file) {
      if (!mayAnywhere(actor, 'report.edit')) throw new AppError('FORBIDDEN', '您没有权限进行此操作或查看此页面。如需开通，请联系本单位的系统管理员。');
      const name = file.filename.toLowerCase();
      let table: string[][];
      try {
        if (name.endsWith('.csv')) table = parseCsv(new TextDecoder('utf-8', { fatal: true }).decode(file.bytes));
        else if (name.endsWith('.xlsx')) table = await parseXlsx(file.bytes);
        else throw validationError([{ field: 'file', message: '文件：只接受 .xlsx 或 .csv（UTF-8）文件' }]);
      } catch (err) {
        if (err instanceof AppError) throw err;
        throw validationError([{ field: 'file', message: '文件：无法读取，请确认是 .xlsx 或 UTF-8 编码的 .csv 文件' }]);
      }
      const all = await o.agencies.listAgencies();
      const byCode = new Map(all.map((a) => [a.code, a]));
      const { rows, errors } = checkImportRows(table, { agencyCodes: new Set(byCode.keys()), minYear: 2008, maxYear: Number(shanghaiDate(now()).slice(0, 4)) });
      const forbiddenRows: FieldError[] = [];
      rows.forEach((r, i) => {
        const agency = byCode.get(r.agencyCode);
        if (agency && !canOnReport(actor, 'report.edit', agency)) forbiddenRows.push({ field: 'file', message: `第 ${i + 2} 行“机关代码”：您无权录入“${agency.name}”的数字` });
      });
      if (errors.length || forbiddenRows.length) throw validationError([...errors, ...forbiddenRows], `导入文件有 ${errors.length + forbiddenRows.length} 处问题，未写入任何数据：${[...errors, ...forbiddenRows].slice(0, 5).map((e) => e.message).join('；')}`);
      await db.transaction(async (tx) => {
        for (const r of rows) {
          const agency = byCode.get(r.agencyCode)!;
          const old = await repo.findOutsideFigures(tx, agency.id, r.year);
          const keep = <T>(v: T | undefined, before: T | null | undefined): T | null => (v === undefined ? (before ?? null) : v);
          await repo.upsertOutsideFigures(tx, {
            agencyId: agency.id,
            year: r.year,
            licensing: keep(r.licensing, old?.licensing),
            penalty: keep(r.penalty, old?.penalty),
            enforcement: keep(r.enforcement, old?.enforcement),
            feesWanYuan: keep(r.feesWanYuan, old?.feesWanYuan),
            source: 'import',
            userId: userIdOf(actor),
          });
        }
        await recordAudit(tx, { actor, action: 'report.outside_figures_import', entityType: 'report_outside_figures', entityId: file.filename.slice(0, 200), after: { rows: rows.map((r) => ({ ...r })) } });
      });
      return { rows: rows.length };
    },

    async publishReport(actor, agencyId, yearInput, version) {
      const year = parseYear(yearInput);
      const agency = await o.agencies.getAgencyById(agencyId);
      require(actor, 'report.publish', agency);
      if (year >= Number(shanghaiDate(now()).slice(0, 4))) throw new AppError('ILLEGAL_TRANSITION', `${year} 年度尚未结束，不能发布该年度的报告。`);
      const record = await repo.findReport(db, agency.id, year);
      if (!record) throw new AppError('ILLEGAL_TRANSITION', '请先保存报告正文（一、五、六部分），再发布。');
      if (record.state === 'published') throw new AppError('ILLEGAL_TRANSITION', '该年度报告已经发布。');
      if (record.version !== version) throw new AppError('STALE_RECORD', STALE_MESSAGE);
      const report = await computeFor(agency, year, record.subtree);
      const open = unexplained(report.violations, record.explanations);
      if (open.length) return { ok: false, reason: 'violations', message: `报告有 ${open.length} 处校验问题未修正或说明，不能发布。`, violations: open };

      const draft = draftOf(record);
      await o.catalog.ensureCatalog(agency.id);
      const node = await repo.findTemplateNodeId(db, agency.id, 'annual_reports');
      const title = reportTitle(agency.name, year);
      const drafter: AuditActor = { system: 'report' };
      const reviewer: AuditActor = { system: 'report.publish' };
      const created = await o.items.createDraft(drafter, {
        agencyId: agency.id,
        title,
        writtenDate: shanghaiDate(now()),
        subject: 'general_affairs.openness',
        genre: 'annual_report',
        summary: `${agency.name} ${year} 年政府信息公开工作年度报告（条例 第四十九条、第五十条）`,
        bodyHtml: renderReportBodyHtml(report, draft, agency.kind === 'government'),
        disclosureMode: 'proactive',
        ...(node ? { catalogNodeIds: [node] } : {}),
      });
      const submitted = await o.items.submit(drafter, created.revision.id, created.revision.version);
      const reviewed = await o.items.confirmSecrecyReview(reviewer, submitted.id, submitted.version);
      const published = await o.items.publish(reviewer, reviewed.id, reviewed.version);
      if (!published.ok) return { ok: false, reason: 'item', message: published.message };

      await db.transaction(async (tx) => {
        const marked = await repo.markPublished(tx, record.id, record.version, { snapshot: { report, draft }, itemId: published.item.id, userId: userIdOf(actor) });
        if (!marked) throw new AppError('STALE_RECORD', STALE_MESSAGE);
        await recordAudit(tx, { actor, action: 'report.publish', entityType: 'annual_report', entityId: record.id, agencyId: agency.id, after: { year, itemId: published.item.id, indexNumber: published.indexNumber, explained: Object.keys(record.explanations) } });
      });
      return { ok: true, itemId: published.item.id, indexNumber: published.indexNumber };
    },

    async deadlineBoard(actor, rootAgencyId, yearInput) {
      const year = parseYear(yearInput);
      const root = await o.agencies.getAgencyById(rootAgencyId);
      require(actor, 'report.board', root);
      const rows = await repo.listBoard(db, root.id, year);
      return {
        root,
        year,
        rows: rows.map((r) => {
          const deadline = deadlineFor(r.kind, year, config);
          const publishedOn = r.publishedAt ? shanghaiDate(r.publishedAt) : null;
          const status: BoardRow['status'] = publishedOn ? (publishedOn <= deadline ? 'on_time' : 'late') : r.state ? 'draft' : 'missing';
          return { agencyId: r.agencyId, code: r.code, name: r.name, depth: r.depth - root.ancestors.length, deadline, status, publishedOn };
        }),
      };
    },

    async sendReminders(today = shanghaiDate(now())) {
      const year = Number(today.slice(0, 4)) - 1;
      let sent = 0;
      for (const a of await repo.listUnpublished(db, year)) {
        const due = deadlineFor(a.kind, year, config);
        const left = daysBetween(today, due);
        for (const d of config.reminderDaysBefore) {
          if (left < 0 || left > d) continue;
          await db.transaction(async (tx) => {
            if (await repo.insertReminder(tx, a.agencyId, year, due, d)) {
              sent++;
              await recordAudit(tx, { actor: { system: 'report.reminders' }, action: 'report.remind', entityType: 'agency', entityId: a.agencyId, agencyId: a.agencyId, after: { year, due, daysLeft: left, message: `${a.name}的${year}年政府信息公开工作年度报告应于 ${due} 前发布（条例 第四十九条），尚余 ${left} 天。` } });
            }
          });
        }
      }
      return sent;
    },
  };
}
