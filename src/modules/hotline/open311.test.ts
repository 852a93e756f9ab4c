import { describe, expect, it } from 'vitest';
import { AppError, validationError } from '../../platform/http/errors.ts';
import { DEFAULT_HOTLINE_CONFIG as config, resolveHotlineConfig } from './hotline.config.ts';
import { TICKET_STATE_IDS } from './hotline.workflow.ts';
import {
  PERSONAL_FIELDS,
  assertNoPersonalFields,
  buildDiscovery,
  buildServiceDefinition,
  buildServiceList,
  checkOpen311Document,
  escapeXml,
  formatOf,
  open311Error,
  open311ErrorsFromAppError,
  parseRequestsQuery,
  renderOpen311,
  statesForStatus,
  toOpen311Status,
  toServiceRequest,
  validatePostRequest,
  type PostContext,
  type PublicTicketView,
} from './open311.ts';
import { leafCategories } from './taxonomy.ts';

const mask = (s: string) => s.replace(/1[3-9]\d{9}/g, (m) => `${m.slice(0, 3)}****${m.slice(7)}`);
const opts = { maskText: mask, coordinateDecimals: 4 };

const view: PublicTicketView = {
  number: '20251020000123',
  state: 'handling',
  categoryCode: '010101',
  description: '八一路口路面有个大坑，请联系我 13812345678',
  confidentiality: 'standard',
  agencyName: '渝中区城市管理局',
  serviceNotice: '承办单位将在派单后 15 个工作日内办理并答复（法定节假日顺延）。',
  createdAt: new Date('2025-10-20T09:00:00+08:00'),
  updatedAt: new Date('2025-10-20T10:00:00+08:00'),
  handleDueAt: new Date('2025-11-10T23:59:59.999+08:00'),
  address: '渝中区八一路与邹容路交叉口',
  addressId: null,
  zipcode: '400010',
  lat: 29.557812345,
  long: 106.577298765,
  mediaUrl: 'https://example.gov.cn/media/1.jpg',
};

describe('services', () => {
  it('lists every leaf category as a realtime service, valid against the schema', () => {
    const list = buildServiceList();
    expect(checkOpen311Document('services', list)).toEqual([]);
    expect(list).toHaveLength(leafCategories().length);
    expect(list.find((s) => s.service_code === '010101')).toEqual({
      service_code: '010101',
      service_name: '道路破损',
      description: '城市道路路面坑洼、破损、塌陷',
      metadata: true,
      type: 'realtime',
      keywords: '道路,路面,坑洼,塌陷,破损',
      group: '城乡建设',
    });
    expect(list.find((s) => s.service_code === '110101')?.keywords).toBeNull();
  });
  it('defines the attributes of a service', () => {
    const def = buildServiceDefinition('020101');
    expect(checkOpen311Document('serviceDefinition', def)).toEqual([]);
    expect(def?.attributes[0]).toMatchObject({ variable: true, code: 'period', datatype: 'singlevaluelist', required: true, order: 1, values: [{ key: 'day' }, { key: 'night' }] });
    expect(buildServiceDefinition('010102')).toEqual({ service_code: '010102', attributes: [] });
    expect(buildServiceDefinition('0101')).toBeNull();
    expect(buildServiceDefinition('999999')).toBeNull();
  });
  it('publishes a discovery document', () => {
    const d = buildDiscovery({ baseUrl: 'https://gongkai.example.gov.cn/', contact: '12345 政务服务便民热线', keyService: '请在控制台申请 API 密钥', changeset: new Date('2025-10-01T00:00:00Z') });
    expect(checkOpen311Document('discovery', d)).toEqual([]);
    expect(d.endpoints[0]?.url).toBe('https://gongkai.example.gov.cn/open311/v2');
  });
});

describe('service requests out', () => {
  it('maps every stage to open or closed with Chinese notes', () => {
    for (const s of TICKET_STATE_IDS) {
      const r = toServiceRequest({ ...view, state: s }, opts);
      expect(checkOpen311Document('requests', [r]), s).toEqual([]);
      expect(r.status_notes).toBeTruthy();
    }
    expect(toOpen311Status('handling')).toEqual({ status: 'open', notes: '承办单位正在办理' });
    expect(toOpen311Status('merged').status).toBe('closed');
    const open = statesForStatus('open');
    const closed = statesForStatus('closed');
    expect([...open, ...closed].sort()).toEqual([...TICKET_STATE_IDS].sort());
    expect(closed).toEqual(['closed', 'visited', 'merged', 'declined', 'transferred', 'withdrawn']);
  });
  it('writes the spec fields, masking free text and rounding coordinates', () => {
    const r = toServiceRequest(view, opts);
    expect(r).toMatchObject({
      service_request_id: '20251020000123',
      status: 'open',
      service_name: '道路破损',
      service_code: '010101',
      description: '八一路口路面有个大坑，请联系我 138****5678',
      agency_responsible: '渝中区城市管理局',
      requested_datetime: '2025-10-20T01:00:00.000Z',
      expected_datetime: '2025-11-10T15:59:59.999Z',
      lat: 29.5578,
      long: 106.5773,
      zipcode: '400010',
    });
  });
  it('explains merged, declined and transferred tickets, and shows the released reply when closed', () => {
    expect(toServiceRequest({ ...view, state: 'merged', mergedIntoNumber: '20251020000100' }, opts).status_notes).toBe('重复诉求，已并入工单 20251020000100 统一办理，答复将一并告知');
    expect(toServiceRequest({ ...view, state: 'declined', declineReason: 'litigation' }, opts).status_notes).toBe('不予受理：应当通过诉讼程序解决');
    expect(toServiceRequest({ ...view, state: 'transferred', transferLine: '119' }, opts).status_notes).toBe('已转接消防救援（119）处置');
    const closed = toServiceRequest({ ...view, state: 'visited', publicReply: '已修补。如有问题请联系 13912345678' }, opts);
    expect(closed.status_notes).toBe('已办结，已回访。答复：已修补。如有问题请联系 139****5678');
    expect(closed.expected_datetime).toBeNull();
  });
  it('hides content and place of a fully confidential ticket (GB/T 33358)', () => {
    const r = toServiceRequest({ ...view, state: 'closed', confidentiality: 'full', publicReply: '已处理' }, opts);
    expect(r).toMatchObject({ description: '（诉求人要求保密，内容不予公开）', address: null, lat: null, long: null, zipcode: null, media_url: null, status_notes: '已办结' });
  });
});

describe('personal fields never go out', () => {
  it('are not copied even when the caller hands a row that has them', () => {
    const row = { ...view, email: 'a@b.cn', phone: '13812345678', first_name: '张', last_name: '三', contactPhone: '13812345678' };
    const r = toServiceRequest(row as unknown as PublicTicketView, opts);
    const json = renderOpen311('requests', [r], 'json').body;
    for (const f of [...PERSONAL_FIELDS, 'contactPhone']) expect(json).not.toContain(`"${f}"`);
    expect(json).not.toContain('13812345678');
  });
  it('make every serializer refuse the document', () => {
    const r = { ...toServiceRequest(view, opts), phone: '13812345678' };
    expect(() => renderOpen311('requests', [r], 'json')).toThrow('Open311 输出不得包含个人信息字段：$[0].phone');
    expect(() => renderOpen311('requests', [r], 'xml')).toThrow(/个人信息字段/);
    expect(() => assertNoPersonalFields({ a: [{ b: { email: 'x' } }] })).toThrow('$.a[0].b.email');
    expect(() => assertNoPersonalFields({ contact: '12345' })).not.toThrow();
  });
  it('cannot be passed in a typed view', () => {
    // @ts-expect-error a view with the citizen's phone does not type-check
    toServiceRequest({ ...view, phone: '13812345678' }, opts);
    // @ts-expect-error nor with our contact columns
    toServiceRequest({ ...view, contactName: '张三' }, opts);
    expect(checkOpen311Document('requests', [{ ...toServiceRequest(view, opts), email: 'a@b.cn' }])).not.toEqual([]);
  });
});

describe('rendering', () => {
  it('writes JSON and XML with the spec element names', () => {
    const services = renderOpen311('services', buildServiceList().slice(0, 1), 'xml');
    expect(services.contentType).toBe('text/xml; charset=utf-8');
    expect(services.body).toMatch(/^<\?xml version="1\.0" encoding="utf-8"\?><services><service><service_code>010101<\/service_code><service_name>道路破损<\/service_name>/);
    expect(services.body).toContain('<metadata>true</metadata><type>realtime</type>');
    const def = renderOpen311('serviceDefinition', buildServiceDefinition('020101') as NonNullable<ReturnType<typeof buildServiceDefinition>>, 'xml').body;
    expect(def).toContain('<service_definition><service_code>020101</service_code><attributes><attribute><variable>true</variable>');
    expect(def).toContain('<values><value><key>day</key><name>昼间（6时至22时）</name></value>');
    expect(def).toContain('<datatype_description></datatype_description>');
    const reqs = renderOpen311('requests', [toServiceRequest(view, opts)], 'xml').body;
    expect(reqs).toContain('<service_requests><request><service_request_id>20251020000123</service_request_id><status>open</status>');
    expect(reqs).toContain('<address_id></address_id>');
    const errs = renderOpen311('errors', [{ code: 403, description: 'api_key：无效' }], 'xml').body;
    expect(errs).toBe('<?xml version="1.0" encoding="utf-8"?><errors><error><code>403</code><description>api_key：无效</description></error></errors>');
    const disc = renderOpen311('discovery', buildDiscovery({ baseUrl: 'https://x.gov.cn', contact: 'c', keyService: 'k', changeset: new Date(0) }), 'xml').body;
    expect(disc).toContain('<endpoints><endpoint><specification>http://wiki.open311.org/GeoReport_v2</specification>');
    expect(disc).toContain('<formats><format>text/xml</format><format>application/json</format></formats>');
    const post = renderOpen311('postResponse', [{ service_request_id: '1', service_notice: null, account_id: null }], 'json');
    expect(post).toEqual({ contentType: 'application/json; charset=utf-8', body: '[{"service_request_id":"1","service_notice":null,"account_id":null}]' });
    expect(renderOpen311('tokens', [{ service_request_id: '1', token: 'abc' }], 'xml').body).toContain('<service_requests><request><service_request_id>1</service_request_id><token>abc</token></request></service_requests>');
  });
  it('escapes XML and drops characters XML cannot carry', () => {
    expect(escapeXml('<a href="x">&\'\u0001</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
  });
  it('reads the format from the path', () => {
    expect(formatOf('services.json')).toBe('json');
    expect(formatOf('requests/1.xml')).toBe('xml');
    expect(formatOf('services')).toBeNull();
  });
  it('validates the POST response and token shapes', () => {
    expect(checkOpen311Document('postResponse', [{ token: 't-1', service_notice: null, account_id: null }])).toEqual([]);
    expect(checkOpen311Document('postResponse', [{ service_request_id: '1', token: 't', service_notice: null, account_id: null }])).not.toEqual([]);
    expect(checkOpen311Document('postResponse', [])).not.toEqual([]);
    expect(checkOpen311Document('tokens', [{ service_request_id: null, token: 't-1' }])).toEqual([]);
    expect(checkOpen311Document('errors', [{ code: 200, description: 'ok' }])).not.toEqual([]);
    expect(checkOpen311Document('errors', [])).not.toEqual([]);
  });
});

describe('POST requests.json validation', () => {
  const good = {
    api_key: 'demo-open311-key',
    service_code: '020101',
    lat: '29.5578',
    long: '106.5772',
    description: '工地夜间施工，噪音很大',
    email: 'citizen@example.cn',
    first_name: '三',
    last_name: '张',
    phone: '138 1234 5678',
    media_url: 'https://example.cn/p.jpg',
    'attribute[period]': 'night',
    client_token: 'app-2025-10-20-0001',
  };
  const ctx = { config, isValidApiKey: (k: string) => k === 'demo-open311-key' };
  const errorsOf = (form: Record<string, unknown>, c: PostContext = ctx) => {
    const r = validatePostRequest(form, c);
    if (r.ok) throw new Error('expected errors');
    return r;
  };

  it('accepts a complete request and reads attributes', () => {
    const r = validatePostRequest(good, ctx);
    expect(r).toEqual({
      ok: true,
      value: expect.objectContaining({ serviceCode: '020101', lat: 29.5578, long: 106.5772, phone: '138 1234 5678', attributes: { period: 'night' }, clientToken: 'app-2025-10-20-0001' }),
    });
    const nested = validatePostRequest({ ...good, 'attribute[period]': undefined, attribute: { period: ['day'] } }, ctx);
    expect(nested.ok && nested.value.attributes).toEqual({ period: 'day' });
    const byAddress = validatePostRequest({ api_key: 'demo-open311-key', service_code: '010102', address_string: '渝中区八一路 18 号', description: '井盖丢了' }, ctx);
    expect(byAddress.ok && byAddress.value).toMatchObject({ lat: null, long: null, addressString: '渝中区八一路 18 号' });
  });
  it('answers 403 for a wrong or missing api_key, and says nothing else', () => {
    expect(errorsOf({ ...good, api_key: 'wrong', service_code: 'nope' })).toEqual({ ok: false, status: 403, errors: [{ code: 403, description: 'api_key：缺少或无效的 API 密钥，请向12345中心申请' }] });
    expect(errorsOf({ ...good, api_key: '' }).status).toBe(403);
    expect(validatePostRequest({ ...good, api_key: 'anything' }, { config }).ok).toBe(true);
  });
  it.each([
    ['an unknown service_code', { service_code: '999999' }, 'service_code：未知的服务代码“999999”'],
    ['a missing service_code', { service_code: '' }, 'service_code：必须填写'],
    ['a missing location', { lat: undefined, long: undefined }, 'location：必须提供位置'],
    ['lat without long', { long: undefined }, 'lat/long：纬度和经度必须同时提供'],
    ['a latitude out of range', { lat: '91' }, 'lat：纬度 91 超出范围'],
    ['a longitude out of range', { long: '-181.5' }, 'long：经度 -181.5 超出范围'],
    ['coordinates that are not numbers', { lat: '29.5°N' }, 'lat/long：必须是十进制数字'],
    ['a place outside the city', { lat: '39.9042', long: '116.4074' }, 'lat/long：位置不在本市辖区范围内'],
    ['a description over the limit', { description: '长'.repeat(4001) }, 'description：不能超过 4000 个字（现有 4001 个）'],
    ['no description and no photo', { description: '  ', media_url: undefined }, 'description：必须填写诉求内容'],
    ['a bad media_url', { media_url: 'javascript:alert(1)' }, 'media_url：必须是 http 或 https 网址'],
    ['a bad email', { email: 'not-an-email' }, 'email：电子邮箱格式不正确'],
    ['a bad phone', { phone: '电话' }, 'phone：电话号码格式不正确'],
    ['a long name', { first_name: '名'.repeat(51) }, 'first_name：不能超过 50 个字'],
    ['a missing required attribute', { 'attribute[period]': undefined }, 'attribute[period]（噪声发生时段）：必须填写'],
    ['an attribute value not in the list', { 'attribute[period]': 'noon' }, '“noon”不是可选值'],
    ['two values for a single-value list', { 'attribute[period][]': ['day', 'night'], 'attribute[period]': undefined }, '只能选择一项'],
    ['a bad client_token', { client_token: 'x' }, 'client_token：须为 8 至 64 位'],
  ])('answers 400 for %s', (_name, patch, message) => {
    const r = errorsOf({ ...good, ...patch });
    expect(r.status).toBe(400);
    expect(r.errors.some((e) => e.code === 400 && e.description.includes(message)), JSON.stringify(r.errors)).toBe(true);
    expect(checkOpen311Document('errors', r.errors)).toEqual([]);
  });
  it('lists every problem at once', () => {
    const r = errorsOf({ api_key: 'demo-open311-key', service_code: '999999', lat: '95', long: '106', description: '' });
    expect(r.errors.map((e) => e.description.split('：')[0])).toEqual(['service_code', 'lat', 'description']);
  });
  it('checks number and datetime attributes', () => {
    const wages = { api_key: 'k', service_code: '050101', address_string: '渝中区某工地', description: '拖欠农民工工资' };
    expect(validatePostRequest({ ...wages, 'attribute[workers]': '12' }, { config }).ok).toBe(true);
    expect(errorsOf({ ...wages, 'attribute[workers]': '十二' }, { config }).errors[0]?.description).toContain('必须是数字');
    const when = [{ code: 'when', description: '发生时间', datatype: 'datetime' as const, required: true, order: 1 }];
    const c = { config, attributesOf: () => when };
    expect(validatePostRequest({ ...wages, 'attribute[when]': '2025-10-20T09:00:00+08:00' }, c).ok).toBe(true);
    expect(errorsOf({ ...wages, 'attribute[when]': '昨天' }, c).errors[0]?.description).toContain('ISO 8601');
  });
  it('accepts numbers from a JSON body', () => {
    const r = validatePostRequest({ ...good, lat: 29.5578, long: 106.5772 }, ctx);
    expect(r.ok && [r.value.lat, r.value.long]).toEqual([29.5578, 106.5772]);
  });
  it('accepts any valid coordinate when the city sets no bounds', () => {
    const open = resolveHotlineConfig({ open311: { bounds: null } });
    expect(validatePostRequest({ ...good, lat: '39.9042', long: '116.4074' }, { config: open }).ok).toBe(true);
  });
});

describe('GET requests.json query', () => {
  const now = new Date('2025-10-20T12:00:00+08:00');
  const ok = (q: Record<string, unknown>) => {
    const r = parseRequestsQuery(q, config, now);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r.value;
  };
  it('defaults to the last 90 days and 1000 results', () => {
    const q = ok({});
    expect(q.end).toEqual(now);
    expect(now.getTime() - q.start.getTime()).toBe(90 * 86_400_000);
    expect(q).toMatchObject({ ids: null, serviceCodes: null, statuses: null, page: 1, pageSize: 1000 });
  });
  it('reads lists, dates and statuses', () => {
    const q = ok({ service_request_id: '1, 2,3', service_code: '010101,010102', start_date: '2025-10-01', end_date: '2025-10-20T00:00:00Z', status: 'open,closed,open', page: '2', page_size: '50' });
    expect(q).toMatchObject({ ids: ['1', '2', '3'], serviceCodes: ['010101', '010102'], statuses: ['open', 'closed'], page: 2, pageSize: 50 });
    expect(q.start.toISOString()).toBe('2025-09-30T16:00:00.000Z');
    const onlyStart = ok({ start_date: '2025-10-01T00:00:00+08:00' });
    expect(onlyStart.end).toEqual(now);
    const onlyEnd = ok({ end_date: '2025-10-01T00:00:00+08:00' });
    expect(onlyEnd.end.getTime() - onlyEnd.start.getTime()).toBe(90 * 86_400_000);
  });
  it.each([
    [{ status: 'pending' }, 'status：只能是 open 或 closed'],
    [{ start_date: 'yesterday' }, 'start_date：必须是带时区的日期时间'],
    [{ end_date: '2025-10-20T00:00:00' }, 'end_date：必须是带时区的日期时间'],
    [{ start_date: '2025-10-20', end_date: '2025-10-01' }, 'start_date：不能晚于 end_date'],
    [{ start_date: '2025-01-01', end_date: '2025-10-01' }, '查询跨度不能超过 90 天'],
    [{ page: '0' }, 'page：必须是正整数'],
    [{ page_size: '5000' }, 'page_size：必须是 1 至 1000 的整数'],
  ])('refuses %j', (q, message) => {
    const r = parseRequestsQuery(q, config, now);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.status).toBe(400);
      expect(r.errors.map((e) => e.description).join('；')).toContain(message);
    }
  });
});

describe('errors', () => {
  it('turns an AppError into the spec list', () => {
    expect(open311ErrorsFromAppError(validationError([{ field: 'description', message: '诉求内容：必须填写' }]))).toEqual({
      status: 400,
      errors: [{ code: 400, description: 'description：诉求内容：必须填写' }],
    });
    expect(open311ErrorsFromAppError(new AppError('NOT_FOUND', '没有这个工单'))).toEqual({ status: 404, errors: [{ code: 404, description: '没有这个工单' }] });
    expect(open311Error(404, 'service_code 不存在')).toEqual({ status: 404, errors: [{ code: 404, description: 'service_code 不存在' }] });
  });
});
