// TypeBox input schemas of the 知识库 (the form and any future API use the same).
import { Type, type Static } from 'typebox';

const UUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const DATE = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';

export const KbEntryInput = Type.Object(
  {
    categoryCode: Type.String({ title: '诉求分类', pattern: '^[0-9]{2}([0-9]{2}){0,2}$', errorMessage: '请从列表中选择' }),
    ownerAgencyId: Type.String({ title: '维护单位', pattern: UUID, errorMessage: '请从列表中选择' }),
    title: Type.String({ title: '标题（常见问题）', minLength: 2, maxLength: 200 }),
    answer: Type.String({ title: '答复口径', minLength: 10, maxLength: 10000 }),
    keywords: Type.Optional(Type.String({ title: '关键词', maxLength: 500 })),
    legalBasis: Type.Optional(Type.String({ title: '政策依据', maxLength: 1000 })),
    reviewDueOn: Type.Optional(Type.String({ title: '下次审核日期', pattern: DATE, errorMessage: '应为日期（YYYY-MM-DD）' })),
  },
  { additionalProperties: false },
);
export type KbEntryInput = Static<typeof KbEntryInput>;

export const KbRetireInput = Type.Object(
  { reason: Type.String({ title: '停用理由', minLength: 4, maxLength: 500, errorMessage: '请写明停用理由（4—500 字）' }) },
  { additionalProperties: false },
);
export type KbRetireInput = Static<typeof KbRetireInput>;

export const KbSearchInput = Type.Object(
  {
    q: Type.Optional(Type.String({ title: '关键词', maxLength: 200 })),
    categoryCode: Type.Optional(Type.String({ title: '诉求分类', pattern: '^([0-9]{2}([0-9]{2}){0,2})?$', errorMessage: '请从列表中选择' })),
    ownerAgencyId: Type.Optional(Type.String({ title: '维护单位', pattern: `(${UUID})|^$`, errorMessage: '请从列表中选择' })),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('retired'), Type.Literal('all')], { title: '状态' })),
    page: Type.Optional(Type.Integer({ title: '页码', minimum: 1, maximum: 1000 })),
  },
  { additionalProperties: false },
);
export type KbSearchInput = Static<typeof KbSearchInput>;

export const KB_STATUSES = { active: '在用', retired: '已停用' } as const;
export type KbStatus = keyof typeof KB_STATUSES;

/** One entry as the service returns it. */
export interface KbEntry {
  id: string;
  categoryCode: string;
  ownerAgencyId: string;
  ownerAgencyName: string;
  title: string;
  answer: string;
  keywords: string[];
  legalBasis: string | null;
  reviewedOn: string;
  reviewDueOn: string;
  status: KbStatus;
  retiredAt: Date | null;
  retiredReason: string | null;
  usedCount: number;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A search hit: the entry and its relevance (0 when listed without words). */
export interface KbHit extends KbEntry {
  rank: number;
}
