// Console form bodies (all strings, repeated fields as arrays) → items service input, and back to the values a
// re-rendered form shows. Nothing is judged here: anything odd is passed on for the service's schema to name.

import type { FieldError } from '../../platform/http/errors.ts';
import type { AttachmentUpload, RevisionRecord } from './items.schema.ts';

type Body = Record<string, unknown>;

export function bodyOf(raw: unknown): Body {
  return raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Body) : {};
}

function str(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
  return '';
}

function list(v: unknown): string[] {
  const all = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return all.filter((x): x is string => typeof x === 'string').map((s) => s.trim()).filter((s) => s !== '');
}

/** A checkbox: present as 1/on/true when ticked, absent otherwise. */
function ticked(v: unknown): boolean {
  const s = str(v);
  return s === '1' || s === 'on' || s === 'true';
}

/** The hidden `version` field; NaN when missing or not a number (the service answers STALE_RECORD). */
export function versionFromForm(raw: unknown): number {
  const v = str(bodyOf(raw).version);
  return /^\d{1,9}$/.test(v) ? Number(v) : Number.NaN;
}

/** Everything the drafting form shows, as the browser sends it back. */
export interface DraftFormValues {
  agencyId: string;
  title: string;
  documentNumber: string;
  writtenDate: string;
  recipients: string;
  subject: string;
  genre: string;
  policyTags: string[];
  /** comma- or space-separated */
  keywords: string;
  summary: string;
  bodyHtml: string;
  disclosureMode: string;
  /** 不予公开: a legal reason id (EX14-SECRET …) */
  withholdReason: string;
  /** 依申请公开: why it is not proactive, in words */
  withholdNote: string;
  isMajorPolicy: boolean;
  interpretationForm: string;
  interpretsItemIds: string[];
  coIssuerAgencyIds: string[];
  catalogNodeIds: string[];
  changeNote: string;
  isMinorChange: boolean;
  /** the revision's version (edit only) */
  version: string;
}

export const EMPTY_DRAFT_VALUES: DraftFormValues = {
  agencyId: '',
  title: '',
  documentNumber: '',
  writtenDate: '',
  recipients: '',
  subject: '',
  genre: '',
  policyTags: [],
  keywords: '',
  summary: '',
  bodyHtml: '',
  disclosureMode: 'proactive',
  withholdReason: '',
  withholdNote: '',
  isMajorPolicy: false,
  interpretationForm: '',
  interpretsItemIds: [],
  coIssuerAgencyIds: [],
  catalogNodeIds: [],
  changeNote: '',
  isMinorChange: false,
  version: '',
};

export function draftValuesFromBody(raw: unknown): DraftFormValues {
  const b = bodyOf(raw);
  return {
    agencyId: str(b.agencyId).trim(),
    title: str(b.title),
    documentNumber: str(b.documentNumber),
    writtenDate: str(b.writtenDate),
    recipients: str(b.recipients),
    subject: str(b.subject),
    genre: str(b.genre),
    policyTags: list(b.policyTags),
    keywords: str(b.keywords),
    summary: str(b.summary),
    bodyHtml: str(b.bodyHtml),
    disclosureMode: str(b.disclosureMode) || 'proactive',
    withholdReason: str(b.withholdReason),
    withholdNote: str(b.withholdNote),
    isMajorPolicy: ticked(b.isMajorPolicy),
    interpretationForm: str(b.interpretationForm),
    interpretsItemIds: list(b.interpretsItemIds),
    coIssuerAgencyIds: list(b.coIssuerAgencyIds),
    catalogNodeIds: list(b.catalogNodeIds),
    changeNote: str(b.changeNote),
    isMinorChange: ticked(b.isMinorChange),
    version: str(b.version),
  };
}

/** An open revision as the edit form shows it. */
export function draftValuesFromRevision(r: RevisionRecord, agencyId: string): DraftFormValues {
  const mode = r.disclosureMode;
  return {
    agencyId,
    title: r.title,
    documentNumber: r.documentNumber ?? '',
    writtenDate: r.writtenDate,
    recipients: r.recipients ?? '',
    subject: r.subject,
    genre: r.genre,
    policyTags: r.policyTags,
    keywords: r.keywords.join('，'),
    summary: r.summary ?? '',
    bodyHtml: r.bodyHtml,
    disclosureMode: mode,
    withholdReason: mode === 'withheld' ? (r.withholdReason ?? '') : '',
    withholdNote: mode === 'on_request' ? (r.withholdReason ?? '') : '',
    isMajorPolicy: r.isMajorPolicy,
    interpretationForm: r.interpretationForm ?? '',
    interpretsItemIds: r.interpretsItemIds,
    coIssuerAgencyIds: r.coIssuerIds,
    catalogNodeIds: r.catalogNodeIds,
    changeNote: r.changeNote ?? '',
    isMinorChange: r.isMinorChange,
    version: String(r.version),
  };
}

/** The drafting form → NewItemDraft (create) or ItemDraftChanges (edit: every field is sent, so all are set). */
export function draftInputFromValues(v: DraftFormValues, mode: 'create' | 'update'): Record<string, unknown> {
  // one field in the service, two controls on the form: a legal reason to pick, or words for 依申请公开
  const withholdReason = v.disclosureMode === 'on_request' ? v.withholdNote.trim() : v.disclosureMode === 'withheld' ? v.withholdReason : '';
  const input: Record<string, unknown> = {
    title: v.title.trim(),
    documentNumber: v.documentNumber.trim(),
    writtenDate: v.writtenDate.trim(),
    recipients: v.recipients.trim(),
    subject: v.subject,
    genre: v.genre,
    policyTags: v.policyTags,
    keywords: v.keywords
      .split(/[，,、;；\s]+/)
      .map((k) => k.trim())
      .filter((k) => k !== ''),
    summary: v.summary.trim(),
    bodyHtml: v.bodyHtml,
    disclosureMode: v.disclosureMode,
    withholdReason,
    isMajorPolicy: v.isMajorPolicy,
    interpretsItemIds: v.interpretsItemIds,
    coIssuerAgencyIds: v.coIssuerAgencyIds,
    catalogNodeIds: v.catalogNodeIds,
    changeNote: v.changeNote.trim(),
    isMinorChange: v.isMinorChange,
  };
  // an enum: no choice is no value (the service asks for it when the genre is 政策解读)
  if (v.interpretationForm !== '') input.interpretationForm = v.interpretationForm;
  if (mode === 'create' && v.agencyId !== '') input.agencyId = v.agencyId;
  return input;
}

/** The service names one field for the 不公开理由; on the form it sits at the control the chosen mode uses. */
export function draftFieldErrors(v: DraftFormValues, fields: readonly FieldError[]): FieldError[] {
  return fields.map((f) => (f.field === 'withholdReason' && v.disclosureMode === 'on_request' ? { ...f, field: 'withholdNote' } : f));
}

/** A verb form's text fields, trimmed (the service's schema names what is missing). */
export function textFields(raw: unknown, names: readonly string[]): Record<string, string> {
  const b = bodyOf(raw);
  return Object.fromEntries(names.map((n) => [n, str(b[n]).trim()]));
}

/** 发布: the change note, 细微修改 and a 重大政策's exception reason; empty ones are left out. */
export function publishInputFromForm(raw: unknown): Record<string, unknown> {
  const b = bodyOf(raw);
  const out: Record<string, unknown> = {};
  const note = str(b.changeNote).trim();
  if (note !== '') out.changeNote = note;
  if (ticked(b.isMinorChange)) out.isMinorChange = true;
  const exception = str(b.interpretationException).trim();
  if (exception !== '') out.interpretationException = exception;
  return out;
}

/** 新建修订 */
export function createRevisionInputFromForm(raw: unknown): Record<string, unknown> {
  const b = bodyOf(raw);
  const note = str(b.changeNote).trim();
  return { ...(note !== '' ? { changeNote: note } : {}), ...(ticked(b.isMinorChange) ? { isMinorChange: true } : {}) };
}

/** 宣布失效或废止: an empty 替代文件 is none. */
export function revokeInputFromForm(raw: unknown): Record<string, unknown> {
  const b = bodyOf(raw);
  const replaced = str(b.replacedByItemId).trim();
  return { validity: str(b.validity), effectiveDate: str(b.effectiveDate).trim(), reason: str(b.reason).trim(), ...(replaced !== '' ? { replacedByItemId: replaced } : {}) };
}

/** 保留个人信息: the finding (type and text, from hidden fields) and the reviewer's reason. */
export function privacyOverrideInputFromForm(raw: unknown): Record<string, unknown> {
  const b = bodyOf(raw);
  return { type: str(b.type), text: str(b.text), reason: str(b.reason).trim() };
}

/** A parsed multipart body: the text fields and at most the first file. */
export interface MultipartForm {
  fields: Record<string, string>;
  file: AttachmentUpload | null;
}

/** The upload of an attachment form; an empty file input (no name, no bytes) is no file. */
export function attachmentUploadFromForm(form: MultipartForm): AttachmentUpload | null {
  const f = form.file;
  if (!f || (f.filename === '' && f.bytes.byteLength === 0)) return null;
  return f;
}
