// Input schemas of the items service (TypeBox, Chinese titles for the error summary) and the shapes it returns.
// Patterns and limits mirror migrations/0010 and 0011; the finer rules (文号, dates, 公开属性) are item-rules.ts.

import { Type, type Static, type TEnum } from 'typebox';
import { FINDING_TYPES } from '../../platform/privacy/index.ts';
import type { attachments, itemRevisions, items } from './disclosure.tables.ts';
import { DISCLOSURE_MODE_IDS, GENRE_IDS, INTERPRETATION_FORM_IDS, POLICY_CATEGORY_IDS } from './taxonomy.ts';

const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

/** A choice among stable taxonomy ids. */
function oneOf<const T extends string>(ids: readonly T[], options: { title: string; errorMessage?: string }): TEnum<T[]> {
  return Type.Enum([...ids], options);
}

const uuid = (title: string) => Type.String({ title, pattern: UUID_PATTERN, errorMessage: '不是有效的编号' });
const uuids = (title: string, maxItems = 20) => Type.Array(Type.String({ pattern: UUID_PATTERN }), { title, maxItems, errorMessage: `含有无效的编号，或超过 ${maxItems} 项` });

/** The fields of a draft revision, shared by createDraft and updateDraft. An empty string clears an optional text. */
const draftFields = {
  title: Type.String({ title: '标题', maxLength: 300 }),
  /** 发文字号: 〔〕, [] and () accepted, stored as 〔〕 */
  documentNumber: Type.Optional(Type.String({ title: '发文字号', maxLength: 60 })),
  writtenDate: Type.String({ title: '成文日期', maxLength: 10 }),
  /** empty until published; an import keeps the old page's date */
  publishedDate: Type.Optional(Type.String({ title: '发布日期', maxLength: 10 })),
  subject: Type.String({ title: '主题分类', minLength: 1, maxLength: 60 }),
  genre: oneOf(GENRE_IDS, { title: '体裁' }),
  policyTags: Type.Optional(Type.Array(oneOf(POLICY_CATEGORY_IDS, { title: '政策类别' }), { title: '政策类别', maxItems: 5 })),
  keywords: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { title: '关键词', maxItems: 10, errorMessage: '最多 10 个，每个不超过 20 个字' })),
  summary: Type.Optional(Type.String({ title: '内容概述', maxLength: 500 })),
  /** HTML; sanitized against an allow-list on every save */
  bodyHtml: Type.Optional(Type.String({ title: '正文', maxLength: 2_000_000 })),
  disclosureMode: Type.Optional(oneOf(DISCLOSURE_MODE_IDS, { title: '公开属性' })),
  withholdReason: Type.Optional(Type.String({ title: '不公开理由', maxLength: 500 })),
  isMajorPolicy: Type.Optional(Type.Boolean({ title: '重大政策' })),
  interpretationForm: Type.Optional(oneOf(INTERPRETATION_FORM_IDS, { title: '解读形式' })),
  /** for 政策解读: the policy items it interprets */
  interpretsItemIds: Type.Optional(uuids('所解读的政策')),
  /** 联合发文: the other issuing agencies */
  coIssuerAgencyIds: Type.Optional(uuids('联合发文机关')),
  catalogNodeIds: Type.Optional(uuids('目录节点')),
  /** 主送机关 */
  recipients: Type.Optional(Type.String({ title: '主送机关', maxLength: 500 })),
  /** required on a revision of a published item unless the change is minor */
  changeNote: Type.Optional(Type.String({ title: '修改说明', maxLength: 1000 })),
  isMinorChange: Type.Optional(Type.Boolean({ title: '细微修改' })),
};

/** Input to createDraft. Without `agencyId`, an interpretation belongs to the agency that drafted its policy (谁起草、谁解读). */
export const NewItemDraft = Type.Object({ agencyId: Type.Optional(uuid('发布机构')), ...draftFields }, { additionalProperties: false });
export type NewItemDraft = Static<typeof NewItemDraft>;

/** Input to updateDraft: the fields to change. The owning agency never changes (it holds the 索引号). */
export const ItemDraftChanges = Type.Object(
  {
    title: Type.Optional(draftFields.title),
    documentNumber: draftFields.documentNumber,
    writtenDate: Type.Optional(draftFields.writtenDate),
    publishedDate: draftFields.publishedDate,
    subject: Type.Optional(draftFields.subject),
    genre: Type.Optional(draftFields.genre),
    policyTags: draftFields.policyTags,
    keywords: draftFields.keywords,
    summary: draftFields.summary,
    bodyHtml: draftFields.bodyHtml,
    disclosureMode: draftFields.disclosureMode,
    withholdReason: draftFields.withholdReason,
    isMajorPolicy: draftFields.isMajorPolicy,
    interpretationForm: draftFields.interpretationForm,
    interpretsItemIds: draftFields.interpretsItemIds,
    coIssuerAgencyIds: draftFields.coIssuerAgencyIds,
    catalogNodeIds: draftFields.catalogNodeIds,
    recipients: draftFields.recipients,
    changeNote: draftFields.changeNote,
    isMinorChange: draftFields.isMinorChange,
  },
  { additionalProperties: false },
);
export type ItemDraftChanges = Static<typeof ItemDraftChanges>;

/** 退回修改 */
export const ReturnToDraftInput = Type.Object({ comment: Type.String({ title: '退回意见', maxLength: 1000 }) }, { additionalProperties: false });
export type ReturnToDraftInput = Static<typeof ReturnToDraftInput>;

/** One privacy finding kept as it is, with the reason (issue 4). */
export const PrivacyOverrideInput = Type.Object(
  {
    type: oneOf(FINDING_TYPES, { title: '个人信息类型' }),
    text: Type.String({ title: '保留的内容', minLength: 1, maxLength: 200 }),
    reason: Type.String({ title: '保留理由', minLength: 2, maxLength: 500, errorMessage: '请写明保留理由（2—500 字）' }),
  },
  { additionalProperties: false },
);
export type PrivacyOverrideInput = Static<typeof PrivacyOverrideInput>;

/** 发布: what the reviewer may add when publishing. */
export const PublishInput = Type.Object(
  {
    changeNote: Type.Optional(draftFields.changeNote),
    isMinorChange: draftFields.isMinorChange,
    /** 重大政策 without a ready interpretation: why it may go out first */
    interpretationException: Type.Optional(Type.String({ title: '先行发布的例外理由', maxLength: 500 })),
    /** findings kept with a reason; stored (and audited) only if the publication goes through */
    privacyOverrides: Type.Optional(Type.Array(PrivacyOverrideInput, { title: '保留的个人信息', maxItems: 200 })),
  },
  { additionalProperties: false },
);
export type PublishInput = Static<typeof PublishInput>;

/** 新建修订 of a published item: the change note (or 细微修改) belongs to the new revision. */
export const CreateRevisionInput = Type.Object({ changeNote: draftFields.changeNote, isMinorChange: draftFields.isMinorChange }, { additionalProperties: false });
export type CreateRevisionInput = Static<typeof CreateRevisionInput>;

/** 撤回: the dated notice the public sees. */
export const WithdrawInput = Type.Object({ notice: Type.String({ title: '撤回说明', maxLength: 1000 }) }, { additionalProperties: false });
export type WithdrawInput = Static<typeof WithdrawInput>;

/** 宣布失效或废止 */
export const RevokeInput = Type.Object(
  {
    validity: Type.Union([Type.Literal('expired'), Type.Literal('repealed')], { title: '有效性', errorMessage: '请选择失效或废止' }),
    effectiveDate: Type.String({ title: '失效或废止日期', maxLength: 10 }),
    reason: Type.String({ title: '理由', maxLength: 1000 }),
    replacedByItemId: Type.Optional(Type.Union([uuid('替代文件'), Type.Literal(''), Type.Null()], { title: '替代文件', errorMessage: '不是有效的编号' })),
  },
  { additionalProperties: false },
);
export type RevokeInput = Static<typeof RevokeInput>;

/** 撤销发布 (an error): the reason the URL's 410 page shows. */
export const UnpublishInput = Type.Object({ reason: Type.String({ title: '撤销发布理由', maxLength: 1000 }) }, { additionalProperties: false });
export type UnpublishInput = Static<typeof UnpublishInput>;

/** The console's item list. */
export const ConsoleItemFilters = Type.Object(
  {
    agencyId: Type.Optional(uuid('机构')),
    /** the open revision's state, or the item's public status */
    state: Type.Optional(Type.Union([Type.Literal('draft'), Type.Literal('submitted'), Type.Literal('published'), Type.Literal('withdrawn'), Type.Literal('unpublished'), Type.Literal('revoked')], { title: '状态' })),
    genre: Type.Optional(oneOf(GENRE_IDS, { title: '体裁' })),
    q: Type.Optional(Type.String({ title: '标题或文号', maxLength: 100 })),
    page: Type.Optional(Type.Integer({ title: '页码', minimum: 1, maximum: 10_000 })),
    pageSize: Type.Optional(Type.Integer({ title: '每页条数', minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);
export type ConsoleItemFilters = Static<typeof ConsoleItemFilters>;

/** An attachment upload as the route hands it over (multipart). */
export interface AttachmentUpload {
  filename: string;
  bytes: Uint8Array;
}

// ---------------------------------------------------------------------------------------------------------------
// What the service returns
// ---------------------------------------------------------------------------------------------------------------

export type ItemRecord = typeof items.$inferSelect;

/** A revision with what it proposes for the item-level tables (migrations/0011). */
export type RevisionRecord = typeof itemRevisions.$inferSelect & {
  coIssuerIds: string[];
  catalogNodeIds: string[];
  interpretsItemIds: string[];
  editedBy: string[];
};

export type AttachmentRecord = typeof attachments.$inferSelect & { privacyConfirmedAt: Date | null };
