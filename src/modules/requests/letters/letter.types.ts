import type { OutcomeCode, ReplyContent } from '../taxonomy.ts';

/** Everything a 政府信息公开申请答复告知书 says. Dates are 'YYYY-MM-DD' (Asia/Shanghai working-day dates). */
export interface ReplyLetterInput {
  /** the replying agency: the letterhead and the 落款 */
  agencyName: string;
  /** the applicant (自然人 name or 法人/其他组织 名称): the salutation */
  applicantName: string;
  /** the application's number, e.g. YSQ2026000123 */
  requestNumber: string;
  /** 收到申请之日 (条例 第三十一条) */
  receivedOn: string;
  /** what was asked for: 所需政府信息的名称、文号或者特征性描述 (条例 第二十九条) */
  requestDescription: string;
  outcome: OutcomeCode;
  /** the reply's content, as validated by validateReply for the outcome */
  content: ReplyContent;
  /** the date of the reply (成文日期 of the letter) */
  repliedOn: string;
  /** the letter's own number, e.g. 渝中府办依复〔2026〕12号; composed from the config and the request number when absent */
  letterNumber?: string | undefined;
  /** where to seek a remedy (行政复议法 第二十条; 行政诉讼法 第四十六条) */
  remedy: {
    /** the 行政复议机关, e.g. 重庆市渝中区人民政府 */
    reviewBody: string;
    /** the court; absent: “人民法院” */
    court?: string | undefined;
  };
  /** 联系人、联系电话 printed under the 落款, optional */
  contact?: string | undefined;
}

/** The letter laid out as text, shared by the DOCX and PDF renderers. Every string is plain text (no markup). */
export interface ReplyLetter {
  /** the agency's name above the title (版头) */
  issuer: string;
  title: string;
  /** 〔年〕号 line */
  number: string;
  /** “张三：” */
  salutation: string;
  /** body paragraphs, each indented two characters */
  paragraphs: string[];
  /** 如对本答复不服… */
  remedy: string;
  /** 特此告知。 */
  closing: string;
  /** 落款: the agency */
  signature: string;
  /** 成文日期, e.g. 2026年11月28日 */
  date: string;
  /** optional 联系人/电话 line */
  contact: string | null;
}
