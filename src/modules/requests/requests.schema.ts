// TypeBox shapes of the JSON API (documented in OpenAPI) and the service's submission check. The finer rules
// (check digits, which fields a kind needs) are in checkSubmission, which lists every problem at once.
import { Type, type Static } from 'typebox';
import type { FieldError } from '../../platform/http/errors.ts';
import {
  APPLICANT_CATEGORIES,
  APPLICANT_CATEGORY_IDS,
  checkIdNumber,
  ID_TYPE_IDS,
  ID_TYPES,
  kindOfCategory,
  normalizeIdNumber,
  PROVISION_FORM_IDS,
  type ApplicantCategory,
  type ApplicantKind,
  type IdType,
  type ProvisionForm,
} from './taxonomy.ts';

const str = (title: string, maxLength: number, description?: string) => Type.String({ title, maxLength, ...(description ? { description } : {}) });

/** POST /api/v1/requests: the same submission as the portal form (the identity proof as base64). */
export const SubmitRequestBody = Type.Object(
  {
    agencyCode: Type.String({ title: '受理机关', description: '受理机关的代码（GET /api/v1/agencies 的 code）', maxLength: 40 }),
    applicantCategory: Type.Enum([...APPLICANT_CATEGORY_IDS], { title: '申请人类别', description: Object.entries(APPLICANT_CATEGORIES).map(([k, v]) => `${k}=${v}`).join('，') }),
    name: str('姓名', 50, '自然人的姓名；法人或其他组织的联系人姓名'),
    organizationName: Type.Optional(str('组织名称', 100)),
    idType: Type.Optional(Type.Enum([...ID_TYPE_IDS], { title: '证件类型', description: '自然人的身份证件类型；法人或其他组织为 credit_code' })),
    idNumber: str('证件号码', 30, '自然人的证件号码；法人或其他组织的统一社会信用代码'),
    phone: str('联系电话', 30),
    address: str('通信地址', 200),
    email: Type.Optional(str('电子邮箱', 100)),
    postalCode: Type.Optional(str('邮政编码', 6)),
    description: str('所需政府信息的名称或内容描述', 4000),
    documentNumber: Type.Optional(str('文号', 60)),
    provisionForm: Type.Enum([...PROVISION_FORM_IDS], { title: '获取信息的方式' }),
    identityProof: Type.Object(
      { filename: str('文件名', 200), contentBase64: Type.String({ title: '文件内容（base64）', maxLength: 14_000_000 }) },
      { title: '身份证明', description: '身份证件或营业执照等的扫描件或照片：PDF、OFD、PNG、JPEG（条例 第二十九条）' },
    ),
    idempotencyKey: Type.Optional(Type.String({ title: '幂等键', description: '同一键重复提交只生成一件申请', pattern: '^[A-Za-z0-9_-]{16,64}$' })),
  },
  { additionalProperties: false },
);
export type SubmitRequestBody = Static<typeof SubmitRequestBody>;

export const ReceiptResponse = Type.Object({
  number: Type.String({ description: '申请编号' }),
  queryCode: Type.String({ description: '查询码（仅此一次返回）' }),
  agencyName: Type.String(),
  submittedAt: Type.String(),
});

export const StatusResponse = Type.Object({
  number: Type.String(),
  agencyName: Type.String(),
  stage: Type.String({ description: '条例第四十五条的办理环节：登记、审核、办理、答复、归档' }),
  state: Type.String(),
  receivedOn: Type.Union([Type.String(), Type.Null()]),
  dueOn: Type.Union([Type.String(), Type.Null()]),
  outcome: Type.Union([Type.String(), Type.Null()]),
  repliedOn: Type.Union([Type.String(), Type.Null()]),
  servedOn: Type.Union([Type.String(), Type.Null()]),
  correctionDueOn: Type.Union([Type.String(), Type.Null()], { description: '待补正时：补正期限（条例 第三十条）' }),
});

/** A checked submission. */
export interface Submission {
  agencyId: string;
  applicantCategory: ApplicantCategory;
  kind: ApplicantKind;
  name: string;
  organizationName: string | null;
  idType: IdType;
  idNumber: string;
  phone: string;
  address: string;
  email: string | null;
  postalCode: string | null;
  description: string;
  documentNumber: string | null;
  provisionForm: ProvisionForm;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function text(raw: Record<string, unknown>, key: string): string {
  const v = raw[key];
  return typeof v === 'string' ? v.trim() : '';
}

/**
 * Checks an application (form or API) and names every problem at once: missing fields, the ID number's check
 * digit (GB 11643), the credit code's check character (GB 32100), lengths (条例 第二十九条 required contents).
 */
export function checkSubmission(input: unknown): { ok: true; value: Submission } | { ok: false; fields: FieldError[] } {
  const raw = input && typeof input === 'object' ? (input as Record<string, unknown>) : {};
  const fields: FieldError[] = [];
  const need = (field: string, message: string) => fields.push({ field, message });
  const limit = (field: string, title: string, max: number, required: boolean): string => {
    const v = text(raw, field);
    if (required && v === '') need(field, `${title}：必须填写`);
    else if (v.length > max) need(field, `${title}：不能超过 ${max} 个字`);
    return v;
  };

  const agencyId = text(raw, 'agencyId');
  if (agencyId === '') need('agencyId', '受理机关：必须选择');
  else if (!UUID.test(agencyId)) need('agencyId', '受理机关：不是有效的机关');

  const categoryRaw = text(raw, 'applicantCategory');
  const category = (APPLICANT_CATEGORY_IDS as string[]).includes(categoryRaw) ? (categoryRaw as ApplicantCategory) : null;
  if (!category) need('applicantCategory', categoryRaw === '' ? '申请人类别：必须选择（年度报告按类别统计）' : '申请人类别：不是允许的选项');
  const kind: ApplicantKind = category ? kindOfCategory(category) : 'natural_person';

  const name = limit('name', kind === 'organization' ? '联系人姓名' : '姓名', 50, true);
  const organizationName = kind === 'organization' ? limit('organizationName', '组织名称', 100, true) : '';

  let idType: IdType = kind === 'organization' ? 'credit_code' : 'resident_id';
  if (kind === 'natural_person') {
    const t = text(raw, 'idType');
    if (t === '') need('idType', '证件类型：必须选择');
    else if (!(ID_TYPE_IDS as string[]).includes(t) || ID_TYPES[t as IdType].kind !== 'natural_person') need('idType', '证件类型：不是允许的选项');
    else idType = t as IdType;
  }
  const idTitle = kind === 'organization' ? '统一社会信用代码' : '证件号码';
  const idRaw = text(raw, 'idNumber');
  if (idRaw === '') need('idNumber', `${idTitle}：必须填写`);
  else if (idRaw.length > 30) need('idNumber', `${idTitle}：不能超过 30 个字符`);
  else if (!fields.some((f) => f.field === 'idType')) {
    const problem = checkIdNumber(kind, idType, idRaw);
    if (problem) need('idNumber', `${idTitle}：${problem}`);
  }

  const phone = limit('phone', '联系电话', 30, true);
  if (phone !== '' && !/^[0-9+\-() ]{5,30}$/.test(phone)) need('phone', '联系电话：只能包含数字、空格和 + - ( )');
  const address = limit('address', '通信地址', 200, true);
  const email = limit('email', '电子邮箱', 100, false);
  if (email !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) need('email', '电子邮箱：格式不正确');
  const postalCode = limit('postalCode', '邮政编码', 6, false);
  if (postalCode !== '' && !/^\d{6}$/.test(postalCode)) need('postalCode', '邮政编码：应为 6 位数字');
  const description = limit('description', '所需政府信息的名称或内容描述', 4000, true);
  const documentNumber = limit('documentNumber', '文号', 60, false);
  const provision = text(raw, 'provisionForm');
  if (provision === '') need('provisionForm', '获取信息的方式：必须选择');
  else if (!(PROVISION_FORM_IDS as string[]).includes(provision)) need('provisionForm', '获取信息的方式：不是允许的选项');
  if (provision === 'email' && email === '' && !fields.some((f) => f.field === 'email')) need('email', '电子邮箱：选择以电子邮件获取信息的，必须填写');

  if (fields.length > 0 || !category) return { ok: false, fields };
  return {
    ok: true,
    value: {
      agencyId: agencyId.toLowerCase(),
      applicantCategory: category,
      kind,
      name,
      organizationName: organizationName || null,
      idType,
      idNumber: normalizeIdNumber(idRaw),
      phone,
      address,
      email: email || null,
      postalCode: postalCode || null,
      description,
      documentNumber: documentNumber || null,
      provisionForm: provision as ProvisionForm,
    },
  };
}
