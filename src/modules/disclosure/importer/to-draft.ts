// From a parsed page to the input of a new draft item (the write path of `gongkai import`), and the keys that
// tell whether a page was imported before: the same 发文字号, or the same title and date.

import type { IsoDate } from '../../../platform/calendar/workdays.ts';
import type { FieldError } from '../../../platform/http/errors.ts';
import { checkDisclosureDecision, checkItemMetadata } from '../item-rules.ts';
import { sanitizeBodyHtml } from '../sanitize.ts';
import { DEFAULT_DISCLOSURE_MODE, isTopicId, type DisclosureMode, type GenreId } from '../taxonomy.ts';
import type { ParsedPage } from './parse-page.ts';
import type { ImportedParagraph } from './structure.ts';
import { compact } from './text.ts';

/** The fields of a new draft revision (item_revisions) plus what the service resolves: agency and issuers. */
export interface ImportedDraftInput {
  /** agencies.code of the owning agency (`--agency`) */
  agencyCode: string | null;
  /** 发文机关 as printed on the page; the service matches them to agencies (联合发文 → item_agencies) */
  issuerNames: string[];
  title: string;
  /** normalized 发文字号 (its parts go to doc_prefix/doc_year/doc_serial, the lookup key to doc_key) */
  documentNumber: string | null;
  writtenDate: IsoDate;
  /** the old page's 发布日期, kept as the item's 发布日期 when it is published */
  publishedDate: IsoDate | null;
  /** 主题分类 id */
  subject: string;
  genre: GenreId;
  disclosureMode: DisclosureMode;
  withholdReason: string | null;
  /** 主送机关, as one line */
  recipients: string | null;
  bodyHtml: string;
  /** names only: the files themselves are fetched and checked separately */
  attachmentNames: string[];
  importKeys: ImportKeys;
}

export interface ImportKeys {
  /** the normalized 发文字号, when there is one */
  documentNumber: string | null;
  /** compact title + '|' + 成文日期 (or 发布日期) */
  titleDate: string | null;
}

export function importKeysOf(page: Pick<ParsedPage, 'title' | 'documentNumber' | 'writtenDate' | 'publishedDate'>): ImportKeys {
  const date = page.writtenDate ?? page.publishedDate;
  return { documentNumber: page.documentNumber, titleDate: page.title && date ? `${compact(page.title)}|${date}` : null };
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Body HTML from imported paragraphs. The page title is the only <h1>, so the highest heading present becomes
 * <h2> and the rest follow without skipping a level (axe heading-order).
 */
export function paragraphsToHtml(paragraphs: readonly ImportedParagraph[], siteOrigin?: string): string {
  const levels = [...new Set(paragraphs.filter((p) => p.kind === 'heading').map((p) => p.level ?? 1))].sort((a, b) => a - b);
  const html = paragraphs
    .map((p) => {
      if (p.kind === 'paragraph') return `<p>${escapeHtml(p.text)}</p>`;
      const h = Math.min(6, 2 + levels.indexOf(p.level ?? 1));
      return `<h${h}>${escapeHtml(p.text)}</h${h}>`;
    })
    .join('\n');
  return sanitizeBodyHtml(html, siteOrigin ? { siteOrigin } : {});
}

export interface DraftOptions {
  agencyCode?: string | null;
  /** Asia/Shanghai date, for the “not in the future” checks */
  today: IsoDate;
  subject?: string;
  genre?: GenreId;
}

export type DraftConversion = { ok: true; input: ImportedDraftInput; warnings: string[] } | { ok: false; errors: FieldError[] };

/** Maps a parsed page to a draft item's input, or the reasons it cannot be one (no title, no 成文日期, bad dates). */
export function toDraftItemInput(page: ParsedPage, options: DraftOptions): DraftConversion {
  const warnings: string[] = [];
  const writtenDate = page.writtenDate ?? page.publishedDate;
  if (!page.writtenDate && page.publishedDate) warnings.push('页面未注明成文日期，暂以发布日期代替');
  const genre: GenreId = options.genre ?? (page.documentNumber ? 'other_document' : 'notice');
  const { errors } = checkItemMetadata({ title: page.title ?? '', genre, documentNumber: page.documentNumber ?? '', writtenDate: writtenDate ?? '', publishedDate: page.publishedDate ?? '' }, options.today);
  if (page.paragraphs.length === 0) errors.push({ field: 'body', message: '未识别到正文' });
  // a page marked 依申请公开/不予公开 needs a person to record the reason (国办发〔2016〕80号 §一（一）)
  errors.push(...checkDisclosureDecision({ mode: page.disclosureMode ?? DEFAULT_DISCLOSURE_MODE, withholdReason: '' }));
  if (options.subject !== undefined && !isTopicId(options.subject)) errors.push({ field: 'subject', message: `不认识的主题分类：${options.subject}` });
  if (errors.length > 0 || !writtenDate || !page.title) return { ok: false, errors };
  const subject = options.subject ?? 'other';
  if (options.subject === undefined) warnings.push('主题分类未指定，暂定为“其他”，请在发布前修改');
  if (!page.disclosureMode) warnings.push('页面未注明公开属性；已在网站公开的页面按主动公开导入');
  return {
    ok: true,
    warnings,
    input: {
      agencyCode: options.agencyCode ?? null,
      issuerNames: page.issuer ? [page.issuer] : [],
      title: page.title,
      documentNumber: page.documentNumber,
      writtenDate,
      publishedDate: page.publishedDate,
      subject,
      genre,
      disclosureMode: page.disclosureMode ?? DEFAULT_DISCLOSURE_MODE,
      withholdReason: null,
      recipients: page.recipients.length > 0 ? page.recipients.join('，') : null,
      bodyHtml: paragraphsToHtml(page.paragraphs),
      attachmentNames: page.attachments,
      importKeys: importKeysOf(page),
    },
  };
}
