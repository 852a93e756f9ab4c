import { Type, type Static } from 'typebox';
import { GENRE_IDS, POLICY_CATEGORY_IDS, TOPIC_IDS, VALIDITY_IDS } from './taxonomy.ts';

// Mirrors migrations/0003 (agency codes) and the uuid form of catalog node ids.
const AGENCY_CODE_PATTERN = '^[a-z0-9][a-z0-9-]{1,39}$';
const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const YEAR_OR_DATE_PATTERN = '^[0-9]{4}(-[0-9]{2}-[0-9]{2})?$';

export const PAGE_SIZE = 20;
/** Deeper pages are refused: 500 pages of 20 is 10 000 results, more than anyone reads; narrow the search instead. */
export const MAX_PAGE = 500;
export const MAX_QUERY_LENGTH = 100;

export const SORTS = ['relevance', 'date'] as const;
export type SearchSort = (typeof SORTS)[number];
export const DATE_FIELDS = ['published', 'written'] as const;
export type DateField = (typeof DATE_FIELDS)[number];

/** GET /api/v1/items, /search, /search.rss and /search.atom: every parameter optional. */
export const SearchQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ title: '关键词', maxLength: MAX_QUERY_LENGTH, description: '多个词之间为“且”；用引号括起的词组须相邻出现；可直接输入发文字号，如 渝府办发〔2018〕76号' })),
    agency: Type.Optional(Type.String({ title: '发布机关', pattern: AGENCY_CODE_PATTERN, errorMessage: '应为机关代码，如 cq-bgt', description: '机关代码；默认含下级机关' })),
    subtree: Type.Optional(Type.Enum(['1', '0'], { title: '含下级机关', errorMessage: '只能是 1（含下级机关）或 0（仅本机关）', description: '1（默认）含下级机关发布的信息；0 仅本机关' })),
    node: Type.Optional(Type.String({ title: '目录', pattern: UUID_PATTERN, errorMessage: '不是有效的目录编号', description: '主动公开基本目录节点的编号，含其下级节点' })),
    subject: Type.Optional(Type.Enum([...TOPIC_IDS], { title: '主题分类', errorMessage: '不是允许的主题分类', description: '主题分类编号；大类含其小类' })),
    type: Type.Optional(Type.Enum([...GENRE_IDS], { title: '体裁', errorMessage: '不是允许的体裁' })),
    tag: Type.Optional(Type.Enum([...POLICY_CATEGORY_IDS], { title: '政策类别', errorMessage: '不是允许的政策类别', description: '五类政策信息' })),
    from: Type.Optional(Type.String({ title: '起始时间', pattern: YEAR_OR_DATE_PATTERN, errorMessage: '应为年份（如 2018）或日期（如 2018-03-01）' })),
    to: Type.Optional(Type.String({ title: '截止时间', pattern: YEAR_OR_DATE_PATTERN, errorMessage: '应为年份（如 2018）或日期（如 2018-12-31）' })),
    dateField: Type.Optional(Type.Enum([...DATE_FIELDS], { title: '时间依据', errorMessage: '只能是 published（发布日期）或 written（成文日期）', description: 'from/to 按发布日期（默认）或成文日期' })),
    validity: Type.Optional(Type.Enum([...VALIDITY_IDS], { title: '有效性', errorMessage: '只能是 valid（有效）、expired（失效）或 repealed（废止）' })),
    sort: Type.Optional(Type.Enum([...SORTS], { title: '排序', errorMessage: '只能是 relevance（相关度）或 date（发布日期）', description: '有关键词时默认按相关度，否则按发布日期（新的在前）' })),
    page: Type.Optional(Type.Integer({ title: '页码', minimum: 1, maximum: MAX_PAGE })),
  },
  { additionalProperties: false },
);
export type SearchQuery = Static<typeof SearchQuery>;

export const SearchHitView = Type.Object({
  indexNumber: Type.String({ description: '索引号' }),
  title: Type.String({ description: '标题' }),
  documentNumber: Type.Union([Type.String(), Type.Null()], { description: '发文字号' }),
  agencies: Type.Array(Type.String(), { description: '发布机关（联合发文时为全部发文机关，主办机关在前）' }),
  writtenDate: Type.String({ description: '成文日期 YYYY-MM-DD' }),
  publishedDate: Type.String({ description: '发布日期 YYYY-MM-DD' }),
  validity: Type.Enum([...VALIDITY_IDS], { description: '有效性：valid 有效、expired 失效、repealed 废止' }),
  url: Type.String({ description: '信息页面地址' }),
  snippet: Type.String({ description: 'HTML 摘要：命中的词以 <mark> 标出，其余文字均已转义' }),
});
export type SearchHitView = Static<typeof SearchHitView>;

export const SearchResponse = Type.Object({
  total: Type.Integer({ description: '结果数；totalIsEstimate 为 true 时是抽样估计' }),
  totalIsEstimate: Type.Boolean({ description: '常见词的结果数为抽样估计（约数）' }),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  items: Type.Array(SearchHitView),
});
export type SearchResponse = Static<typeof SearchResponse>;
