// Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2), the wire format only: JSON Schemas of every response,
// written from the spec text; JSON and XML serializers with the spec's element names; the mapping from our ticket
// stages to status open/closed + status_notes; and validation of POST requests and GET requests queries, returning the
// spec's errors [{code, description}] with the HTTP status. Apps written for 311 elsewhere must work unchanged.
//
// Personal fields (email, first_name, last_name, phone, device_id) come in on POST and never go out: the output types
// cannot hold them (checked at compile time below) and every serializer refuses an object that carries one.
import { Type, type Static, type TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import type { AppError } from '../../platform/http/errors.ts';
import type { HotlineConfig } from './hotline.config.ts';
import type { TicketState } from './hotline.workflow.ts';
import {
  DECLINE_REASONS,
  EMERGENCY_LINES,
  categoryPath,
  findCategory,
  isLeafCategory,
  leafCategories,
  type Category,
  type CategoryAttribute,
  type Confidentiality,
  type DeclineReason,
  type EmergencyLine,
} from './taxonomy.ts';

// ---------------------------------------------------------------------------------------------------------------
// Schemas

const NullableString = Type.Union([Type.String(), Type.Null()]);
/** "All date/time fields must be formatted in a common subset of ISO 8601 … Timezone information must be included." */
const DateTime = Type.String({ format: 'date-time' });
const NullableDateTime = Type.Union([DateTime, Type.Null()]);

/** GET Service List: one element of services.json. */
export const Open311ServiceSchema = Type.Object(
  {
    service_code: Type.String({ minLength: 1 }),
    service_name: Type.String({ minLength: 1 }),
    description: NullableString,
    /** true: GET service definition lists attributes for this service */
    metadata: Type.Boolean(),
    type: Type.Union([Type.Literal('realtime'), Type.Literal('batch'), Type.Literal('blackbox')]),
    /** comma-separated list of tags */
    keywords: NullableString,
    group: NullableString,
  },
  { additionalProperties: false },
);
export const Open311ServiceListSchema = Type.Array(Open311ServiceSchema);

export const Open311AttributeValueSchema = Type.Object({ key: Type.String({ minLength: 1 }), name: Type.String({ minLength: 1 }) }, { additionalProperties: false });

/** GET Service Definition: one attribute. */
export const Open311AttributeSchema = Type.Object(
  {
    /** true: user input is needed; false: information only */
    variable: Type.Boolean(),
    code: Type.String({ minLength: 1 }),
    datatype: Type.Union([
      Type.Literal('string'),
      Type.Literal('number'),
      Type.Literal('datetime'),
      Type.Literal('text'),
      Type.Literal('singlevaluelist'),
      Type.Literal('multivaluelist'),
    ]),
    required: Type.Boolean(),
    datatype_description: NullableString,
    order: Type.Integer({ minimum: 0 }),
    description: Type.String({ minLength: 1 }),
    values: Type.Optional(Type.Array(Open311AttributeValueSchema)),
  },
  { additionalProperties: false },
);

export const Open311ServiceDefinitionSchema = Type.Object(
  { service_code: Type.String({ minLength: 1 }), attributes: Type.Array(Open311AttributeSchema) },
  { additionalProperties: false },
);

/** POST Service Request response: a service_request_id (realtime) or a token (batch), never both. */
export const Open311PostResponseSchema = Type.Array(
  Type.Union([
    Type.Object(
      { service_request_id: Type.String({ minLength: 1 }), service_notice: NullableString, account_id: NullableString },
      { additionalProperties: false },
    ),
    Type.Object({ token: Type.String({ minLength: 1 }), service_notice: NullableString, account_id: NullableString }, { additionalProperties: false }),
  ]),
  { minItems: 1 },
);

/** GET Service Requests / GET Service Request: one request. */
export const Open311ServiceRequestSchema = Type.Object(
  {
    service_request_id: Type.String({ minLength: 1 }),
    status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
    status_notes: NullableString,
    service_name: NullableString,
    service_code: NullableString,
    description: NullableString,
    agency_responsible: NullableString,
    service_notice: NullableString,
    requested_datetime: DateTime,
    updated_datetime: NullableDateTime,
    expected_datetime: NullableDateTime,
    address: NullableString,
    address_id: NullableString,
    zipcode: NullableString,
    lat: Type.Union([Type.Number({ minimum: -90, maximum: 90 }), Type.Null()]),
    long: Type.Union([Type.Number({ minimum: -180, maximum: 180 }), Type.Null()]),
    media_url: Type.Union([Type.String({ format: 'uri' }), Type.Null()]),
  },
  { additionalProperties: false },
);
export const Open311ServiceRequestListSchema = Type.Array(Open311ServiceRequestSchema);

/** GET service_request_id from a token. */
export const Open311TokenResponseSchema = Type.Array(
  Type.Object({ service_request_id: NullableString, token: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
);

/** Service Discovery (http://wiki.open311.org/Service_Discovery). */
export const Open311DiscoverySchema = Type.Object(
  {
    changeset: DateTime,
    contact: Type.String({ minLength: 1 }),
    key_service: Type.String({ minLength: 1 }),
    endpoints: Type.Array(
      Type.Object(
        {
          specification: Type.String({ format: 'uri' }),
          url: Type.String({ format: 'uri' }),
          changeset: DateTime,
          type: Type.Union([Type.Literal('production'), Type.Literal('test')]),
          formats: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1 },
    ),
  },
  { additionalProperties: false },
);

/** Errors: "an array of one or more errors", each {code, description}; code is the HTTP status. */
export const Open311ErrorsSchema = Type.Array(
  Type.Object({ code: Type.Integer({ minimum: 400, maximum: 599 }), description: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
  { minItems: 1 },
);

export type Open311Service = Static<typeof Open311ServiceSchema>;
export type Open311Attribute = Static<typeof Open311AttributeSchema>;
export type Open311ServiceDefinition = Static<typeof Open311ServiceDefinitionSchema>;
export type Open311PostResponse = Static<typeof Open311PostResponseSchema>;
export type Open311ServiceRequest = Static<typeof Open311ServiceRequestSchema>;
export type Open311TokenResponse = Static<typeof Open311TokenResponseSchema>;
export type Open311Discovery = Static<typeof Open311DiscoverySchema>;
export type Open311Error = Static<typeof Open311ErrorsSchema>[number];

/** The response kinds, with their schema, XML root and item element names. */
export const OPEN311_DOCUMENTS = {
  services: { schema: Open311ServiceListSchema, root: 'services' },
  serviceDefinition: { schema: Open311ServiceDefinitionSchema, root: 'service_definition' },
  postResponse: { schema: Open311PostResponseSchema, root: 'service_requests' },
  requests: { schema: Open311ServiceRequestListSchema, root: 'service_requests' },
  tokens: { schema: Open311TokenResponseSchema, root: 'service_requests' },
  discovery: { schema: Open311DiscoverySchema, root: 'discovery' },
  errors: { schema: Open311ErrorsSchema, root: 'errors' },
} as const satisfies Record<string, { schema: TSchema; root: string }>;
export type Open311DocumentKind = keyof typeof OPEN311_DOCUMENTS;

export interface Open311Documents {
  services: Open311Service[];
  serviceDefinition: Open311ServiceDefinition;
  postResponse: Open311PostResponse;
  requests: Open311ServiceRequest[];
  tokens: Open311TokenResponse;
  discovery: Open311Discovery;
  errors: Open311Error[];
}

const checkers = Object.fromEntries(Object.entries(OPEN311_DOCUMENTS).map(([k, v]) => [k, Compile(v.schema as TSchema)])) as Record<
  Open311DocumentKind,
  ReturnType<typeof Compile>
>;

/** Schema errors of a document, as 'path message' strings; [] = valid. */
export function checkOpen311Document(kind: Open311DocumentKind, value: unknown): string[] {
  const c = checkers[kind];
  if (c.Check(value)) return [];
  return [...c.Errors(value)].map((e) => `${e.instancePath || '/'} ${e.message}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Personal fields

/** POST fields about the person; never in any output. */
export const PERSONAL_FIELDS = ['email', 'first_name', 'last_name', 'phone', 'device_id'] as const;
export type PersonalField = (typeof PERSONAL_FIELDS)[number];
/** Names our ticket rows may use for the citizen's contact; also never in output. */
export const CONTACT_FIELDS = ['citizenContact', 'contactName', 'contactPhone', 'contactEmail', 'contactAddress', 'idNumber'] as const;
type ContactField = (typeof CONTACT_FIELDS)[number];

/** An object type that cannot carry a personal or contact field. */
export type WithoutPersonal = { [K in PersonalField | ContactField]?: never };

type NoPersonalKeys<T> = Extract<keyof T, PersonalField | ContactField> extends never ? true : false;
// Compile-time proof that no output shape has room for personal data; adding one to a schema breaks the build.
const OUTPUTS_ARE_PUBLIC: [
  NoPersonalKeys<Open311Service>,
  NoPersonalKeys<Open311Attribute>,
  NoPersonalKeys<Open311ServiceRequest>,
  NoPersonalKeys<Open311PostResponse[number]>,
  NoPersonalKeys<Open311TokenResponse[number]>,
  NoPersonalKeys<Open311Discovery>,
  NoPersonalKeys<Open311Error>,
] = [true, true, true, true, true, true, true];
void OUTPUTS_ARE_PUBLIC;

const FORBIDDEN_KEYS: ReadonlySet<string> = new Set<string>([...PERSONAL_FIELDS, ...CONTACT_FIELDS]);

/** Throws if any object inside `value` has a personal or contact key. Every serializer calls it. */
export function assertNoPersonalFields(value: unknown, path = '$'): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => assertNoPersonalFields(v, `${path}[${i}]`));
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (FORBIDDEN_KEYS.has(k)) throw new Error(`Open311 输出不得包含个人信息字段：${path}.${k}`);
      assertNoPersonalFields(v, `${path}.${k}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Serializers

const XML_ITEM: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
};

// characters XML 1.0 cannot carry at all
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(s: string): string {
  return s.replace(XML_INVALID, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function xmlNode(name: string, value: unknown): string {
  if (value === null || value === undefined) return `<${name}></${name}>`;
  if (Array.isArray(value)) {
    const item = XML_ITEM[name];
    if (!item) throw new Error(`no XML item name for ${name}`);
    return `<${name}>${value.map((v) => xmlNode(item, v)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value).map(([k, v]) => xmlNode(k, v)).join('')}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

export interface Rendered {
  contentType: string;
  body: string;
}

/**
 * A response document as JSON or XML (the spec's element names: <services><service>, <service_requests><request>,
 * <errors><error>, <service_definition>, <discovery>). Refuses personal fields.
 */
export function renderOpen311<K extends Open311DocumentKind>(kind: K, doc: Open311Documents[K], format: 'json' | 'xml'): Rendered {
  assertNoPersonalFields(doc);
  if (format === 'json') return { contentType: 'application/json; charset=utf-8', body: JSON.stringify(doc) };
  return { contentType: 'text/xml; charset=utf-8', body: `<?xml version="1.0" encoding="utf-8"?>${xmlNode(OPEN311_DOCUMENTS[kind].root, doc)}` };
}

/** 'json' | 'xml' from a path like 'services.json', or null. */
export function formatOf(path: string): 'json' | 'xml' | null {
  const m = /\.(json|xml)$/.exec(path);
  return m ? (m[1] as 'json' | 'xml') : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Services

function toOpen311Attribute(a: CategoryAttribute): Open311Attribute {
  const out: Open311Attribute = {
    variable: true,
    code: a.code,
    datatype: a.datatype,
    required: a.required,
    datatype_description: a.datatypeDescription ?? null,
    order: a.order,
    description: a.description,
  };
  if (a.values) out.values = a.values.map((v) => ({ key: v.key, name: v.name }));
  return out;
}

/** GET services: every leaf category, grouped by its top level. */
export function buildServiceList(categories: readonly Category[] = leafCategories()): Open311Service[] {
  return categories.map((c) => ({
    service_code: c.code,
    service_name: c.name,
    description: c.description ?? categoryPath(c.code).map((p) => p.name).join(' / '),
    metadata: (c.attributes?.length ?? 0) > 0,
    type: 'realtime',
    keywords: c.keywords?.length ? c.keywords.join(',') : null,
    group: categoryPath(c.code)[0]?.name ?? null,
  }));
}

/** GET services/{service_code}: its attributes, or null for an unknown code. */
export function buildServiceDefinition(code: string): Open311ServiceDefinition | null {
  if (!isLeafCategory(code)) return null;
  const c = findCategory(code) as Category;
  return { service_code: code, attributes: [...(c.attributes ?? [])].sort((a, b) => a.order - b.order).map(toOpen311Attribute) };
}

export function buildDiscovery(opts: { baseUrl: string; contact: string; keyService: string; changeset: Date; type?: 'production' | 'test' }): Open311Discovery {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const at = opts.changeset.toISOString();
  return {
    changeset: at,
    contact: opts.contact,
    key_service: opts.keyService,
    endpoints: [
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: `${base}/open311/v2`,
        changeset: at,
        type: opts.type ?? 'production',
        formats: ['text/xml', 'application/json'],
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Requests out

export type Open311Status = 'open' | 'closed';

const STATUS_NOTES: Record<TicketState, [Open311Status, string]> = {
  submitted: ['open', '已收到，等待12345中心受理'],
  accepted: ['open', '已受理，等待派单'],
  dispatched: ['open', '已派单至承办单位，等待签收'],
  signed: ['open', '承办单位已签收，将先行联系诉求人'],
  handling: ['open', '承办单位正在办理'],
  extension_requested: ['open', '承办单位正在办理（已申请延期）'],
  return_requested: ['open', '正在重新确定承办单位'],
  replied: ['open', '承办单位已答复，12345中心审核中'],
  closed: ['closed', '已办结'],
  visited: ['closed', '已办结，已回访'],
  merged: ['closed', '重复诉求，已并入其他工单统一办理'],
  declined: ['closed', '不予受理'],
  transferred: ['closed', '已转接紧急热线处置'],
  withdrawn: ['closed', '诉求人已撤回'],
};

/** Our stage → GeoReport status and the stage in Chinese for status_notes. */
export function toOpen311Status(state: TicketState): { status: Open311Status; notes: string } {
  const [status, notes] = STATUS_NOTES[state];
  return { status, notes };
}

/** The states a GeoReport status filter means (for the repository's WHERE). */
export function statesForStatus(status: Open311Status): TicketState[] {
  return (Object.entries(STATUS_NOTES) as [TicketState, [Open311Status, string]][]).filter(([, [s]]) => s === status).map(([k]) => k);
}

/** What a ticket may show publicly. It has no room for the citizen's contact (see WithoutPersonal). */
export interface PublicTicketView {
  number: string;
  state: TicketState;
  categoryCode: string | null;
  description: string;
  confidentiality: Confidentiality;
  /** the lead agency's name */
  agencyName: string | null;
  serviceNotice: string | null;
  createdAt: Date;
  updatedAt: Date | null;
  /** the 办理 deadline */
  handleDueAt: Date | null;
  address: string | null;
  addressId: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  mediaUrl: string | null;
  mergedIntoNumber?: string | null;
  declineReason?: DeclineReason | null;
  transferLine?: EmergencyLine | null;
  /** the reply as released by the privacy gate */
  publicReply?: string | null;
}

export interface ToRequestOptions {
  /** the privacy gate's masking (phone numbers, ID numbers, names … in free text); required so no caller forgets it */
  maskText: (text: string) => string;
  coordinateDecimals: number;
}

const round = (v: number | null, d: number) => (v === null ? null : Number(v.toFixed(d)));

/** A ticket as a GeoReport service request. Fully confidential tickets show neither content nor place. */
export function toServiceRequest(view: PublicTicketView & WithoutPersonal, opts: ToRequestOptions): Open311ServiceRequest {
  const { status, notes: stage } = toOpen311Status(view.state);
  let notes = stage;
  if (view.state === 'merged' && view.mergedIntoNumber) notes = `重复诉求，已并入工单 ${view.mergedIntoNumber} 统一办理，答复将一并告知`;
  if (view.state === 'declined' && view.declineReason) notes = `不予受理：${DECLINE_REASONS[view.declineReason].name}`;
  if (view.state === 'transferred' && view.transferLine) notes = `已转接${EMERGENCY_LINES[view.transferLine]}处置`;
  const hidden = view.confidentiality === 'full';
  if ((view.state === 'closed' || view.state === 'visited') && view.publicReply && !hidden) {
    const reply = opts.maskText(view.publicReply);
    notes = `${notes}。答复：${reply.length > 500 ? `${reply.slice(0, 500)}…` : reply}`;
  }
  const category = view.categoryCode ? findCategory(view.categoryCode) : undefined;
  return {
    service_request_id: view.number,
    status,
    status_notes: notes,
    service_name: category?.name ?? null,
    service_code: view.categoryCode,
    description: hidden ? '（诉求人要求保密，内容不予公开）' : opts.maskText(view.description),
    agency_responsible: view.agencyName,
    service_notice: view.serviceNotice,
    requested_datetime: view.createdAt.toISOString(),
    updated_datetime: view.updatedAt ? view.updatedAt.toISOString() : null,
    expected_datetime: status === 'open' && view.handleDueAt ? view.handleDueAt.toISOString() : null,
    address: hidden || !view.address ? null : opts.maskText(view.address),
    address_id: hidden ? null : view.addressId,
    zipcode: hidden ? null : view.zipcode,
    lat: hidden ? null : round(view.lat, opts.coordinateDecimals),
    long: hidden ? null : round(view.long, opts.coordinateDecimals),
    media_url: hidden ? null : view.mediaUrl,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Requests in

export type Open311Result<T> = { ok: true; value: T } | { ok: false; status: number; errors: Open311Error[] };

const fail = <T>(status: number, errors: Open311Error[]): Open311Result<T> => ({ ok: false, status, errors });
const err = (code: number, description: string): Open311Error => ({ code, description });

export interface Open311PostInput {
  apiKey: string;
  jurisdictionId: string | null;
  serviceCode: string;
  lat: number | null;
  long: number | null;
  addressString: string | null;
  addressId: string | null;
  description: string | null;
  mediaUrl: string | null;
  /** personal: stored as the ticket's confidential contact, never output */
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  deviceId: string | null;
  accountId: string | null;
  attributes: Record<string, string | string[]>;
  /** our extension: the same client_token twice creates one ticket (idempotent POST) */
  clientToken: string | null;
}

export interface PostContext {
  config: HotlineConfig;
  /** default: the taxonomy's leaves */
  isKnownServiceCode?: (code: string) => boolean;
  /** the attributes a service asks (default: the taxonomy's) */
  attributesOf?: (code: string) => readonly CategoryAttribute[];
  /** the key's validity (the service looks it up); without it only presence is checked */
  isValidApiKey?: (key: string) => boolean;
}

function str(v: unknown): string | null {
  if (Array.isArray(v)) v = v[0];
  // a JSON body may carry numbers (lat, long); form bodies carry strings
  if (typeof v === 'number' && Number.isFinite(v)) v = String(v);
  if (typeof v !== 'string') return null;
  const t = v.trim();
  return t.length ? t : null;
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^[+\d][\d\s()-]{4,19}$/;
const CLIENT_TOKEN = /^[A-Za-z0-9_.:-]{8,64}$/;

/** attribute[code] / attribute[code][] keys (node querystring) or a nested attribute object (qs). */
function readAttributes(form: Record<string, unknown>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const put = (code: string, v: unknown) => {
    const list = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string').map((x) => x.trim()).filter(Boolean);
    if (!list.length) return;
    const prev = out[code];
    const merged = prev === undefined ? list : [...(Array.isArray(prev) ? prev : [prev]), ...list];
    out[code] = merged.length === 1 ? (merged[0] as string) : merged;
  };
  for (const [k, v] of Object.entries(form)) {
    const m = /^attribute\[([^\]]+)\](\[\])?$/.exec(k);
    if (m) put(m[1] as string, v);
  }
  const nested = form.attribute;
  if (nested && typeof nested === 'object' && !Array.isArray(nested)) for (const [k, v] of Object.entries(nested)) put(k, v);
  return out;
}

function checkAttributes(attrs: Record<string, string | string[]>, defs: readonly CategoryAttribute[], errors: Open311Error[]): void {
  for (const d of defs) {
    const v = attrs[d.code];
    const label = `attribute[${d.code}]（${d.description}）`;
    if (v === undefined) {
      if (d.required) errors.push(err(400, `${label}：必须填写`));
      continue;
    }
    const list = Array.isArray(v) ? v : [v];
    switch (d.datatype) {
      case 'singlevaluelist':
      case 'multivaluelist': {
        const keys = new Set((d.values ?? []).map((x) => x.key));
        if (d.datatype === 'singlevaluelist' && list.length > 1) errors.push(err(400, `${label}：只能选择一项`));
        const bad = list.filter((x) => !keys.has(x));
        if (bad.length) errors.push(err(400, `${label}：“${bad.join('、')}”不是可选值（可选：${[...keys].join('、')}）`));
        break;
      }
      case 'number':
        if (list.length > 1 || !DECIMAL.test(list[0] as string)) errors.push(err(400, `${label}：必须是数字`));
        break;
      case 'datetime':
        if (list.length > 1 || !Number.isFinite(Date.parse(list[0] as string))) errors.push(err(400, `${label}：必须是带时区的日期时间（ISO 8601）`));
        break;
      case 'string':
      case 'text':
        if (list.length > 1) errors.push(err(400, `${label}：只能填写一个值`));
        else if ((list[0] as string).length > (d.datatype === 'string' ? 200 : 2000)) errors.push(err(400, `${label}：内容过长`));
        break;
      default: {
        const never: never = d.datatype;
        throw new Error(`unknown datatype ${String(never)}`);
      }
    }
  }
}

/**
 * Validates a POST requests.json form. An absent or wrong api_key is 403 and nothing else is said; otherwise every
 * problem is listed, each as a spec error with code 400. Nothing is written by the caller unless ok.
 */
export function validatePostRequest(form: Record<string, unknown>, ctx: PostContext): Open311Result<Open311PostInput> {
  const apiKey = str(form.api_key);
  if (!apiKey || (ctx.isValidApiKey && !ctx.isValidApiKey(apiKey))) {
    return fail(403, [err(403, 'api_key：缺少或无效的 API 密钥，请向12345中心申请')]);
  }
  const errors: Open311Error[] = [];
  const known = ctx.isKnownServiceCode ?? isLeafCategory;
  const serviceCode = str(form.service_code);
  if (!serviceCode) errors.push(err(400, 'service_code：必须填写'));
  else if (!known(serviceCode)) errors.push(err(400, `service_code：未知的服务代码“${serviceCode}”，请先查询 services.json`));

  const latRaw = str(form.lat);
  const longRaw = str(form.long);
  let lat: number | null = null;
  let long: number | null = null;
  if (latRaw !== null || longRaw !== null) {
    if (latRaw === null || longRaw === null) errors.push(err(400, 'lat/long：纬度和经度必须同时提供'));
    else if (!DECIMAL.test(latRaw) || !DECIMAL.test(longRaw)) errors.push(err(400, 'lat/long：必须是十进制数字（WGS84）'));
    else {
      lat = Number(latRaw);
      long = Number(longRaw);
      const b = ctx.config.open311.bounds;
      if (lat < -90 || lat > 90) errors.push(err(400, `lat：纬度 ${latRaw} 超出范围（-90 至 90）`));
      if (long < -180 || long > 180) errors.push(err(400, `long：经度 ${longRaw} 超出范围（-180 至 180）`));
      if (lat >= -90 && lat <= 90 && long >= -180 && long <= 180 && b && (lat < b.minLat || lat > b.maxLat || long < b.minLong || long > b.maxLong)) {
        errors.push(err(400, 'lat/long：位置不在本市辖区范围内（坐标须为 WGS84）'));
      }
    }
  }
  const addressString = str(form.address_string);
  const addressId = str(form.address_id);
  if (latRaw === null && longRaw === null && !addressString && !addressId) {
    errors.push(err(400, 'location：必须提供位置（lat 和 long，或 address_string，或 address_id）'));
  }
  if (addressString && addressString.length > 200) errors.push(err(400, 'address_string：不能超过 200 个字'));

  const description = str(form.description);
  const mediaUrl = str(form.media_url);
  const max = ctx.config.text.descriptionMaxLength;
  if (!description && !mediaUrl) errors.push(err(400, 'description：必须填写诉求内容（或提供 media_url 图片）'));
  if (description && [...description].length > max) errors.push(err(400, `description：不能超过 ${max} 个字（现有 ${[...description].length} 个）`));
  if (mediaUrl) {
    let okUrl: boolean;
    try {
      const u = new URL(mediaUrl);
      okUrl = (u.protocol === 'https:' || u.protocol === 'http:') && mediaUrl.length <= 2000;
    } catch {
      okUrl = false;
    }
    if (!okUrl) errors.push(err(400, 'media_url：必须是 http 或 https 网址'));
  }

  const email = str(form.email);
  if (email && (email.length > 254 || !EMAIL.test(email))) errors.push(err(400, 'email：电子邮箱格式不正确'));
  const phone = str(form.phone);
  if (phone && !PHONE.test(phone)) errors.push(err(400, 'phone：电话号码格式不正确'));
  const firstName = str(form.first_name);
  const lastName = str(form.last_name);
  if (firstName && firstName.length > 50) errors.push(err(400, 'first_name：不能超过 50 个字'));
  if (lastName && lastName.length > 50) errors.push(err(400, 'last_name：不能超过 50 个字'));
  const deviceId = str(form.device_id);
  const accountId = str(form.account_id);
  if (deviceId && deviceId.length > 100) errors.push(err(400, 'device_id：不能超过 100 个字符'));
  if (accountId && accountId.length > 100) errors.push(err(400, 'account_id：不能超过 100 个字符'));
  const clientToken = str(form.client_token);
  if (clientToken && !CLIENT_TOKEN.test(clientToken)) errors.push(err(400, 'client_token：须为 8 至 64 位字母、数字或 _ . : -'));

  const attributes = readAttributes(form);
  if (serviceCode && known(serviceCode)) {
    const defs = ctx.attributesOf ? ctx.attributesOf(serviceCode) : (findCategory(serviceCode)?.attributes ?? []);
    checkAttributes(attributes, defs, errors);
  }
  if (errors.length) return fail(400, errors);
  return {
    ok: true,
    value: {
      apiKey,
      jurisdictionId: str(form.jurisdiction_id),
      serviceCode: serviceCode as string,
      lat,
      long,
      addressString,
      addressId,
      description,
      mediaUrl,
      email,
      firstName,
      lastName,
      phone,
      deviceId,
      accountId,
      attributes,
      clientToken,
    },
  };
}

export interface RequestsQuery {
  /** when given, the other filters are ignored (spec) */
  ids: string[] | null;
  serviceCodes: string[] | null;
  start: Date;
  end: Date;
  statuses: Open311Status[] | null;
  page: number;
  pageSize: number;
}

const DAY = 86_400_000;

function parseDateParam(v: string): Date | null {
  // the spec wants w3c datetimes with a zone; a bare date is taken as Shanghai midnight
  const s = /^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00+08:00` : v;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(s)) return null;
  const t = Date.parse(s);
  return Number.isFinite(t) ? new Date(t) : null;
}

function list(v: unknown): string[] | null {
  const s = str(v);
  if (!s) return null;
  const items = s.split(',').map((x) => x.trim()).filter(Boolean);
  return items.length ? items : null;
}

/**
 * GET requests.json filters: service_request_id (comma list), service_code (comma list), start_date, end_date
 * (span ≤ the configured 90 days; default the last 90 days), status (open,closed), and the common page/page_size
 * extension (wiki GeoReport_v2/Extensions).
 */
export function parseRequestsQuery(query: Record<string, unknown>, config: HotlineConfig, now: Date): Open311Result<RequestsQuery> {
  const errors: Open311Error[] = [];
  const spanMs = config.open311.defaultQueryDays * DAY;
  const ids = list(query.service_request_id);
  const serviceCodes = list(query.service_code);
  const startRaw = str(query.start_date);
  const endRaw = str(query.end_date);
  const start = startRaw ? parseDateParam(startRaw) : null;
  const end = endRaw ? parseDateParam(endRaw) : null;
  if (startRaw && !start) errors.push(err(400, 'start_date：必须是带时区的日期时间，例如 2025-10-01T00:00:00+08:00'));
  if (endRaw && !end) errors.push(err(400, 'end_date：必须是带时区的日期时间，例如 2025-10-31T23:59:59+08:00'));
  if (start && end && start > end) errors.push(err(400, 'start_date：不能晚于 end_date'));
  if (start && end && end.getTime() - start.getTime() > spanMs) errors.push(err(400, `start_date/end_date：查询跨度不能超过 ${config.open311.defaultQueryDays} 天`));
  const statusList = list(query.status);
  if (statusList && statusList.some((s) => s !== 'open' && s !== 'closed')) errors.push(err(400, 'status：只能是 open 或 closed'));
  const pageRaw = str(query.page);
  const sizeRaw = str(query.page_size);
  const page = pageRaw === null ? 1 : Number(pageRaw);
  const pageSize = sizeRaw === null ? config.open311.maxResults : Number(sizeRaw);
  if (!Number.isInteger(page) || page < 1) errors.push(err(400, 'page：必须是正整数'));
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > config.open311.maxResults) errors.push(err(400, `page_size：必须是 1 至 ${config.open311.maxResults} 的整数`));
  if (ids && ids.length > config.open311.maxResults) errors.push(err(400, `service_request_id：一次最多查询 ${config.open311.maxResults} 个`));
  if (errors.length) return fail(400, errors);
  const e = end ?? (start ? new Date(Math.min(start.getTime() + spanMs, Math.max(now.getTime(), start.getTime()))) : now);
  const s = start ?? new Date(e.getTime() - spanMs);
  return {
    ok: true,
    value: { ids, serviceCodes, start: s, end: e, statuses: statusList ? ([...new Set(statusList)] as Open311Status[]) : null, page, pageSize },
  };
}

/** The spec error list for one of our AppErrors (one entry per bad field), for routes under /open311. */
export function open311ErrorsFromAppError(e: AppError): { status: number; errors: Open311Error[] } {
  const status = e.status;
  const errors = e.fields.length ? e.fields.map((f) => err(status, `${f.field}：${f.message}`)) : [err(status, e.message)];
  return { status, errors };
}

/** A single spec error. */
export function open311Error(status: number, description: string): { status: number; errors: Open311Error[] } {
  return { status, errors: [err(status, description)] };
}
