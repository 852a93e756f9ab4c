// Pure checks on an item's metadata, shared by the drafting form, the API and the importer.
// Each returns one Chinese message per bad field (GOV.UK error summary), nothing when all is well.

import { isIsoDate, type IsoDate } from '../../platform/calendar/workdays.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { parseDocumentNumber, type DocumentNumber } from './document-number.ts';
import { isWithholdingReason, type DisclosureMode, type GenreId } from './taxonomy.ts';

// item_revisions_title_check: char_length(title) BETWEEN 2 AND 300
export const TITLE_MIN_LENGTH = 2;
export const TITLE_MAX_LENGTH = 300;

export interface ItemMetadataInput {
  title: string;
  genre: GenreId;
  /** as typed; empty for none */
  documentNumber: string;
  writtenDate: string;
  /** empty until published (imports carry the old page's date) */
  publishedDate: string;
}

/** The checks behind 标题, 发文字号, 成文日期 and 发布日期; `today` in Asia/Shanghai. */
export function checkItemMetadata(input: ItemMetadataInput, today: IsoDate): { errors: FieldError[]; documentNumber: DocumentNumber | null } {
  const errors: FieldError[] = [];
  const title = input.title.trim();
  if (title === '') errors.push({ field: 'title', message: '请填写标题' });
  else if ([...title].length < TITLE_MIN_LENGTH) errors.push({ field: 'title', message: `标题至少 ${TITLE_MIN_LENGTH} 个字` });
  else if ([...title].length > TITLE_MAX_LENGTH) errors.push({ field: 'title', message: `标题不能超过 ${TITLE_MAX_LENGTH} 个字` });

  let documentNumber: DocumentNumber | null = null;
  // 规章 carry a 政府令 number (规章制定程序条例 第三十条), not a 〔年份〕 发文字号, so only other genres are parsed.
  if (input.documentNumber.trim() !== '' && input.genre !== 'rule') {
    const parsed = parseDocumentNumber(input.documentNumber);
    if (parsed.ok) documentNumber = parsed.value;
    else errors.push({ field: 'documentNumber', message: `发文字号有误：${parsed.reason}` });
  }

  const written = input.writtenDate.trim();
  const hasWritten = isIsoDate(written);
  if (written === '') errors.push({ field: 'writtenDate', message: '请填写成文日期' });
  else if (!hasWritten) errors.push({ field: 'writtenDate', message: '成文日期不是有效日期（格式：2018-06-06）' });
  else if (written > today) errors.push({ field: 'writtenDate', message: '成文日期不能晚于今天' });

  const published = input.publishedDate.trim();
  if (published !== '') {
    if (!isIsoDate(published)) errors.push({ field: 'publishedDate', message: '发布日期不是有效日期（格式：2018-06-13）' });
    else if (hasWritten && published < written) errors.push({ field: 'publishedDate', message: '发布日期不能早于成文日期' });
    else if (published > today) errors.push({ field: 'publishedDate', message: '发布日期不能晚于今天' });
  }
  // [INF] numbering runs per 代字 per year, so the 文号 year is the 成文 year (or next to it, around New Year);
  // a wider gap is a typing slip in one of the two
  if (documentNumber && hasWritten && Math.abs(documentNumber.year - Number(written.slice(0, 4))) > 1) {
    errors.push({ field: 'documentNumber', message: `发文字号年份 ${documentNumber.year} 与成文日期 ${written} 相差过大，请核对` });
  }
  return { errors, documentNumber };
}

export interface DisclosureDecisionInput {
  mode: DisclosureMode;
  /**
   * item_revisions.withhold_reason: for 不予公开 a WITHHOLDING_REASONS id (EX14-SECRET …); for 依申请公开 the
   * stated reason why it is not proactive; empty for 主动公开.
   */
  withholdReason: string;
}

/**
 * 公开属性 decided when drafting. 国办发〔2016〕80号 §一（一）: 拟不公开的，要依法依规说明理由.
 * 渝府办发〔2018〕76号（一）: 以公开为常态、不公开为例外 — 主动公开 needs no reason; any other choice does.
 */
export function checkDisclosureDecision(input: DisclosureDecisionInput): FieldError[] {
  const reason = input.withholdReason.trim();
  switch (input.mode) {
    case 'proactive':
      return reason === '' ? [] : [{ field: 'withholdReason', message: '主动公开的信息不应填写不公开的理由' }];
    case 'on_request':
      if (reason === '') return [{ field: 'withholdReason', message: '依申请公开须说明不主动公开的理由' }];
      if (isWithholdingReason(reason)) return [{ field: 'withholdReason', message: '依申请公开不适用不予公开的法定理由，请用文字说明' }];
      return [];
    case 'withheld':
      // 条例 第十四、十五、十六条
      if (reason === '') return [{ field: 'withholdReason', message: '不予公开须选择法定理由（条例第十四、十五、十六条）' }];
      if (!isWithholdingReason(reason)) return [{ field: 'withholdReason', message: `不认识的不予公开理由：${reason}` }];
      return [];
    default: {
      const unreachable: never = input.mode;
      return unreachable;
    }
  }
}
