import { Type, type Static } from 'typebox';
import { agencies, AGENCY_KINDS, type AgencyKind } from './agencies.tables.ts';

/** One agency row as the services return it. */
export type Agency = typeof agencies.$inferSelect;

export const AGENCY_KIND_IDS = Object.keys(AGENCY_KINDS) as AgencyKind[];

/** The field names of an agency's input, for forms and error messages. */
export type AgencyField = keyof NewAgency;

// Patterns mirror the CHECK constraints of migrations/0003__agencies__init.sql.
const CODE_PATTERN = '^[a-z0-9][a-z0-9-]{1,39}$';
const DIVISION_PATTERN = '^[0-9]{6}$';
const CREDIT_PATTERN = '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$';
// at least 7 digits: 023-63899114, 63899114, +86 23 6389 9114, 023-63899114转8001
const PHONE_PATTERN = '^(?=(?:[^0-9]*[0-9]){7})[0-9+][0-9 ()+\\-转,，、]{6,39}$';
const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const EMAIL_PATTERN = '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$';

/** The editable fields of an agency, shared by create and update. */
const agencyFields = {
  name: Type.String({ title: '机关名称', minLength: 2, maxLength: 100 }),
  shortName: Type.String({ title: '简称', minLength: 1, maxLength: 30 }),
  kind: Type.Union([Type.Literal('government'), Type.Literal('department'), Type.Literal('dispatched'), Type.Literal('authorized')], { title: '机关类型' }),
  divisionCode: Type.String({ title: '行政区划代码', pattern: DIVISION_PATTERN, errorMessage: '应为 6 位数字' }),
  creditCode: Type.String({ title: '统一社会信用代码', pattern: CREDIT_PATTERN, errorMessage: '应为 18 位，由数字和大写字母（不含 I、O、Z、S、V）组成' }),
  isDemo: Type.Optional(Type.Boolean({ title: '演示数据' })),
  docPrefix: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 20 }), Type.Null()], { title: '机关代字', maxLength: 20 })),
  officeName: Type.String({ title: '信息公开工作机构名称', minLength: 2, maxLength: 100 }),
  officeAddress: Type.String({ title: '办公地址', minLength: 2, maxLength: 200 }),
  officePhone: Type.String({ title: '联系电话', pattern: PHONE_PATTERN, errorMessage: '应为电话号码，如 023-63899000' }),
  officeHours: Type.String({ title: '办公时间', minLength: 2, maxLength: 100 }),
  officeFax: Type.Optional(Type.Union([Type.String({ pattern: PHONE_PATTERN }), Type.Null()], { title: '传真', errorMessage: '应为传真号码，如 023-63899001' })),
  officeEmail: Type.Optional(Type.Union([Type.String({ pattern: EMAIL_PATTERN, maxLength: 100 }), Type.Null()], { title: '电子邮箱', errorMessage: '应为有效的电子邮箱' })),
  sortOrder: Type.Optional(Type.Integer({ title: '排序', minimum: 0, maximum: 99999 })),
  fourEyes: Type.Optional(Type.Boolean({ title: '发布需审核（双人复核）' })),
};

/** Input to createAgency. `parentId` null or absent makes a root agency. */
export const NewAgency = Type.Object(
  {
    code: Type.String({ title: '机关代码', pattern: CODE_PATTERN, errorMessage: '应为 2–40 位小写字母、数字或连字符，且以字母或数字开头' }),
    parentId: Type.Optional(Type.Union([Type.String({ pattern: UUID_PATTERN }), Type.Null()], { title: '上级机关', errorMessage: '不是有效的机关' })),
    ...agencyFields,
  },
  { additionalProperties: false },
);
export type NewAgency = Static<typeof NewAgency>;
// the schema's kinds are exactly AGENCY_KINDS
const _kindsMatch: [AgencyKind, NewAgency['kind']] extends [NewAgency['kind'], AgencyKind] ? true : never = true;
void _kindsMatch;

/** Input to updateAgency: the fields to change. The code stays stable (it is in URLs and links). */
export const AgencyChanges = Type.Object(
  {
    parentId: Type.Optional(Type.Union([Type.String({ pattern: UUID_PATTERN }), Type.Null()], { title: '上级机关', errorMessage: '不是有效的机关' })),
    name: Type.Optional(agencyFields.name),
    shortName: Type.Optional(agencyFields.shortName),
    kind: Type.Optional(agencyFields.kind),
    divisionCode: Type.Optional(agencyFields.divisionCode),
    creditCode: Type.Optional(agencyFields.creditCode),
    isDemo: agencyFields.isDemo,
    docPrefix: agencyFields.docPrefix,
    officeName: Type.Optional(agencyFields.officeName),
    officeAddress: Type.Optional(agencyFields.officeAddress),
    officePhone: Type.Optional(agencyFields.officePhone),
    officeHours: Type.Optional(agencyFields.officeHours),
    officeFax: agencyFields.officeFax,
    officeEmail: agencyFields.officeEmail,
    sortOrder: agencyFields.sortOrder,
    fourEyes: agencyFields.fourEyes,
  },
  { additionalProperties: false },
);
export type AgencyChanges = Static<typeof AgencyChanges>;

export const RetireAgency = Type.Object(
  { reason: Type.String({ title: '撤销原因', minLength: 2, maxLength: 500 }) },
  { additionalProperties: false },
);
export type RetireAgency = Static<typeof RetireAgency>;

/** Public JSON shape of an agency (API). */
export const AgencyView = Type.Object(
  {
    code: Type.String({ description: '机关代码（稳定）' }),
    name: Type.String({ description: '机关名称' }),
    shortName: Type.String({ description: '简称' }),
    kind: Type.String({ description: '机关类型代码：government 人民政府 / department 政府部门 / dispatched 派出机构 / authorized 法律法规授权组织' }),
    kindName: Type.String({ description: '机关类型（中文）' }),
    divisionCode: Type.String({ description: '行政区划代码' }),
    creditCode: Type.String({ description: '统一社会信用代码' }),
    isDemo: Type.Boolean({ description: '是否演示数据（演示信用代码仅校验位有效）' }),
    docPrefix: Type.Union([Type.String(), Type.Null()], { description: '机关代字' }),
    parentCode: Type.Union([Type.String(), Type.Null()], { description: '上级机关代码' }),
    depth: Type.Integer({ description: '层级（根为 0）' }),
    retiredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: '撤销时间；未撤销为 null' }),
    office: Type.Object(
      {
        name: Type.String({ description: '政府信息公开工作机构' }),
        address: Type.String({ description: '办公地址' }),
        phone: Type.String({ description: '联系电话' }),
        hours: Type.String({ description: '办公时间' }),
        fax: Type.Union([Type.String(), Type.Null()], { description: '传真' }),
        email: Type.Union([Type.String(), Type.Null()], { description: '电子邮箱' }),
      },
      { description: '政府信息公开工作机构（条例 第十二条）' },
    ),
  },
);
export type AgencyView = Static<typeof AgencyView>;
