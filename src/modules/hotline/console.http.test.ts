import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createDeps, type Deps } from '../../deps.ts';
import type { Role } from '../../platform/auth/actor.ts';
import { syncCalendarFromPackage } from '../../platform/calendar/calendar.sync.ts';
import type { Database } from '../../platform/db/database.ts';
import { createTestDatabase } from '../../platform/db/testing.ts';
import type { Agency } from '../agencies/index.ts';
import { createTestAgency } from '../agencies/agencies.testing.ts';
import { signInAs } from '../staff/staff.testing.ts';
import { verbInputOf } from './console.routes.tsx';
import { TICKET_TRANSITIONS, TICKET_VERBS } from './hotline.workflow.ts';

let database: Database;
let deps: Deps;
let app: App;
let root: Agency;
let district: Agency;
let dept: Agency;
let otherDept: Agency;
type Session = { cookie: string; csrfToken: string };
let agent: Session;
let handler: Session;
let otherHandler: Session;
let editor: Session;

const session = (role: Role, at: Agency) => signInAs(app, database.db, [{ role, agencyId: at.id, includeSubtree: false }]);
const get = (url: string, s: Session) => app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
function post(url: string, s: Session, fields: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  body.append('_csrf', s.csrfToken);
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  return app.inject({ method: 'POST', url, headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() });
}
async function ticketCount(): Promise<number> {
  const r = await database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM tickets`);
  return Number(r.rows[0]?.n);
}
async function stateOf(id: string): Promise<{ state: string; version: number }> {
  const r = await database.db.execute<{ state: string; version: number }>(sql`SELECT state, version FROM tickets WHERE id = ${id}`);
  return { state: String(r.rows[0]?.state), version: Number(r.rows[0]?.version) };
}
async function act(id: string, verb: string, s: Session, fields: Record<string, string | string[]> = {}) {
  const { version } = await stateOf(id);
  const prefixed = Object.fromEntries(Object.entries(fields).map(([k, v]) => [`${verb}.${k}`, v]));
  return post(`/console/hotline/tickets/${id}/${verb}`, s, { version: String(version), ...prefixed });
}

const call = {
  channel: 'phone',
  type: 'complaint',
  urgency: 'normal',
  categoryCode: '010101',
  districtCode: '500103',
  address: '渝中区民族路100号',
  content: '解放碑民族路路面有个大坑，已经好几天了，晚上骑车很危险',
  contactName: '张三',
  contactPhone: '13800138000',
  confidentiality: 'standard',
};

beforeAll(async () => {
  database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'gk-hotline-desk-')) });
  deps = createDeps(config, database);
  app = await buildApp(deps, { logger: false });
  await syncCalendarFromPackage(database.db);
  root = await createTestAgency(database.db, { kind: 'government' });
  district = await createTestAgency(database.db, { parentId: root.id, kind: 'government', divisionCode: '500103', shortName: '渝中区政府' });
  dept = await createTestAgency(database.db, { parentId: district.id, divisionCode: '500103', name: '测试渝中区城市管理局' });
  otherDept = await createTestAgency(database.db, { parentId: district.id, divisionCode: '500103' });
  agent = await session('agent', root);
  handler = await session('handler', dept);
  otherHandler = await session('handler', otherDept);
  editor = await session('editor', dept);
  await deps.hotlineConsole.directory.setEntry({ system: 'test' }, { categoryCode: '010101', divisionCode: '500103', agencyId: dept.id });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('verbInputOf', () => {
  it('takes only the verb’s own fields and resolves 其他单位', () => {
    expect(verbInputOf('reply', { 'reply.text': 'x', 'sign.other': 'y', version: '3' })).toEqual({ text: 'x' });
    expect(verbInputOf('dispatch', { 'dispatch.leadAgencyId': 'other', 'dispatch.otherAgencyId': 'a1', 'dispatch.assistingAgencyIds': ['a2'] })).toEqual({ leadAgencyId: 'a1', assistingAgencyIds: ['a2'] });
    expect(verbInputOf('dispatch', { 'dispatch.leadAgencyId': 'a3', 'dispatch.otherAgencyId': 'a1' })).toEqual({ leadAgencyId: 'a3' });
  });
});

describe('the 12345 desks', () => {
  let id = '';

  it('the intake form shows every bad field at once, keeps the input and writes nothing', async () => {
    expect((await get('/console/hotline/intake', agent)).statusCode).toBe(200);
    const before = await ticketCount();
    const res = await post('/console/hotline/intake', agent, { ...call, type: '', content: '', contactPhone: '12', address: '保留的地址' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('诉求类型：');
    expect(res.body).toContain('诉求内容');
    expect(res.body).toContain('保留的地址');
    expect(await ticketCount()).toBe(before);
  });

  it('an agent takes a call, sees the suggested agency with its score and dispatches to it', async () => {
    const res = await post('/console/hotline/intake', agent, call);
    expect(res.statusCode).toBe(303);
    id = String(res.headers.location).split('/').pop() ?? '';
    expect((await stateOf(id)).state).toBe('accepted');
    const page = await get(`/console/hotline/tickets/${id}`, agent);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('推荐 1：测试渝中区城市管理局');
    expect(page.body).toContain('派单目录：');
    const m = /name="dispatch\.leadAgencyId" value="([0-9a-f-]{36})" checked/.exec(page.body);
    expect(m?.[1]).toBe(dept.id);
    const done = await act(id, 'dispatch', agent, { leadAgencyId: dept.id });
    expect(done.statusCode).toBe(303);
    expect((await stateOf(id)).state).toBe('dispatched');
  });

  it('the handler sees it on the desk, signs, contacts and replies; a repeated 签收 is an illegal transition', async () => {
    const desk = await get('/console/hotline', handler);
    expect(desk.statusCode).toBe(200);
    expect(desk.body).toContain('待签收');
    expect(desk.body).toContain(`/console/hotline/tickets/${id}`);
    expect((await act(id, 'sign', handler)).statusCode).toBe(303);
    const again = await act(id, 'sign', handler);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('不能签收');
    const noReason = await act(id, 'requestReturn', handler, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('退单理由：必须填写');
    expect((await stateOf(id)).state).toBe('signed');
    expect((await act(id, 'contact', handler, { outcome: 'reached', note: '已电话联系张先生' })).statusCode).toBe(303);
    const short = await act(id, 'reply', handler, { text: '已处理' });
    expect(short.statusCode).toBe(400);
    expect(short.body).toContain('答复内容：至少');
    expect((await act(id, 'reply', handler, { text: '经现场核查，已安排养护单位于三日内修复该处路面坑洼，感谢您的反映。' })).statusCode).toBe(303);
    expect((await stateOf(id)).state).toBe('replied');
  });

  it('the center approves, the callback records 不满意 and the ticket is reopened', async () => {
    expect((await act(id, 'approve', agent)).statusCode).toBe(303);
    expect((await act(id, 'visit', agent, { satisfaction: 'dissatisfied', resolution: 'unresolved', note: '来电人称坑仍未修复' })).statusCode).toBe(303);
    const page = await get(`/console/hotline/tickets/${id}`, agent);
    expect(page.body).toContain('不满意');
    expect((await act(id, 'reopen', agent, { reason: '经核实路面仍未修复，诉求合理' })).statusCode).toBe(303);
    expect((await stateOf(id)).state).toBe('dispatched');
  });

  it('refuses other roles and agencies on every route', async () => {
    expect((await get('/console/hotline', editor)).statusCode).toBe(403);
    expect((await get('/console/hotline/intake', handler)).statusCode).toBe(403);
    expect((await post('/console/hotline/intake', handler, call)).statusCode).toBe(403);
    expect((await get(`/console/hotline/tickets/${id}`, otherHandler)).statusCode).toBe(403);
    expect((await get(`/console/hotline/tickets/${id}`, editor)).statusCode).toBe(403);
    const before = await stateOf(id);
    expect((await act(id, 'sign', otherHandler)).statusCode).toBe(403);
    expect((await act(id, 'urge', handler, { note: '催一下办理进度' })).statusCode).toBe(403);
    expect((await post(`/console/hotline/tickets/${id}/kb-answer`, handler, { version: String(before.version), entryId: root.id })).statusCode).toBe(403);
    expect(await stateOf(id)).toEqual(before);
    expect((await post(`/console/hotline/tickets/${id}/nonsense`, agent, {})).statusCode).toBe(404);
  });

  it('answers a 咨询 from the knowledge base and counts the entry’s use', async () => {
    const kbEntry = await deps.hotlineConsole.kb.createEntry({ system: 'test' }, { categoryCode: '090302', ownerAgencyId: dept.id, title: '公积金提取材料', answer: '提取住房公积金需提供身份证、购房合同和本人银行卡，可在线办理。' });
    const res = await post('/console/hotline/intake', agent, { ...call, type: 'consultation', categoryCode: '090302', content: '请问公积金提取需要什么材料' });
    const cid = String(res.headers.location).split('/').pop() ?? '';
    const page = await get(`/console/hotline/tickets/${cid}`, agent);
    expect(page.body).toContain('公积金提取材料');
    expect(page.body).toContain('采用此口径直接答复');
    const { version } = await stateOf(cid);
    expect((await post(`/console/hotline/tickets/${cid}/kb-answer`, agent, { version: String(version), entryId: kbEntry.id })).statusCode).toBe(303);
    expect((await stateOf(cid)).state).toBe('closed');
    expect((await deps.hotlineConsole.kb.getEntry({ system: 'test' }, kbEntry.id)).usedCount).toBe(1);
  });

  it('every verb on a declined ticket is an illegal transition (409, Chinese message, nothing written)', async () => {
    const res = await post('/console/hotline/intake', agent, { ...call, content: '反映的事项应当通过诉讼程序解决，来电人坚持登记' });
    const did = String(res.headers.location).split('/').pop() ?? '';
    expect((await act(did, 'decline', agent, { reason: 'litigation' })).statusCode).toBe(303);
    const before = await stateOf(did);
    expect(before.state).toBe('declined');
    for (const verb of TICKET_VERBS) {
      const who = TICKET_TRANSITIONS[verb].by === 'agency' ? handler : agent;
      const r = await act(did, verb, who, { reason: '测试非法状态的理由', note: '测试非法状态的说明', text: '测试非法状态的答复内容，足够长的一段话。' });
      // agency verbs on a ticket without a lead agency are refused by the policy before the state is looked at
      if (TICKET_TRANSITIONS[verb].by === 'agency') expect(r.statusCode, verb).toBe(403);
      else {
        expect(r.statusCode, verb).toBe(409);
        expect(r.body, verb).toContain('不予受理，不能');
      }
    }
    expect(await stateOf(did)).toEqual(before);
  });
});

describe('side paths at the desks', () => {
  async function takeCall(fields: Record<string, string> = {}): Promise<string> {
    const res = await post('/console/hotline/intake', agent, { ...call, ...fields });
    expect(res.statusCode).toBe(303);
    return String(res.headers.location).split('/').pop() ?? '';
  }

  it('shows a likely duplicate and merges (并单)', async () => {
    const text = '较场口十字路口的井盖不见了，很危险，容易掉下去';
    const first = await takeCall({ categoryCode: '010102', address: '渝中区较场口十字路口', content: text });
    const second = await takeCall({ categoryCode: '010102', address: '渝中区较场口十字路口', content: `${text}，请尽快处理` });
    const page = await get(`/console/hotline/tickets/${second}`, agent);
    expect(page.body).toContain('并入工单');
    const firstNumber = (await database.db.execute<{ number: string }>(sql`SELECT number FROM tickets WHERE id = ${first}`)).rows[0]?.number;
    expect(page.body).toContain(`${firstNumber}：诉求类别相同`);
    expect((await act(second, 'merge', agent, { targetId: first })).statusCode).toBe(303);
    expect((await stateOf(second)).state).toBe('merged');
  });

  it('prompts and records a transfer to 110', async () => {
    const id = await takeCall({ categoryCode: '100101', content: '楼下有人持刀打架，现在还在打，请快来人' });
    const page = await get(`/console/hotline/tickets/${id}`, agent);
    expect(page.body).toContain('可能需要转接紧急热线');
    expect(page.body).toContain('公安报警（110）');
    const bad = await act(id, 'transferEmergency', agent, { line: '999' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('转接号码：只能是110、119、120或122');
    expect((await act(id, 'transferEmergency', agent, { line: '110', note: '已转110指挥中心' })).statusCode).toBe(303);
    expect((await stateOf(id)).state).toBe('transferred');
    const events = await database.db.execute<{ payload: Record<string, unknown> }>(sql`SELECT payload FROM ticket_events WHERE ticket_id = ${id} AND verb = 'transferEmergency'`);
    expect(JSON.stringify(events.rows[0]?.payload)).toContain('110');
  });

  it('退单 with a reason, the center reassigns to the suggested other unit; 延期 is requested and approved', async () => {
    const id = await takeCall({ content: '民族路北段人行道旁路面塌陷，已经围起来但一直没人修' });
    expect((await act(id, 'dispatch', agent, { leadAgencyId: dept.id })).statusCode).toBe(303);
    expect((await act(id, 'requestReturn', handler, { reason: '该路段由区政府直管，不属本局养护范围' })).statusCode).toBe(303);
    expect((await stateOf(id)).state).toBe('return_requested');
    const page = await get(`/console/hotline/tickets/${id}`, agent);
    expect(page.body).toContain('改派');
    const same = await act(id, 'reassign', agent, { leadAgencyId: dept.id });
    expect(same.statusCode).toBe(409);
    expect(same.body).toContain('改派须选择其他承办单位');
    expect((await act(id, 'reassign', agent, { leadAgencyId: 'other', otherAgencyId: otherDept.id })).statusCode).toBe(303);
    const lead = await database.db.execute<{ lead_agency_id: string }>(sql`SELECT lead_agency_id FROM tickets WHERE id = ${id}`);
    expect(lead.rows[0]?.lead_agency_id).toBe(otherDept.id);
    expect((await act(id, 'sign', otherHandler)).statusCode).toBe(303);
    expect((await act(id, 'contact', otherHandler, { outcome: 'reached', note: '已联系来电人说明情况' })).statusCode).toBe(303);
    const tooLong = await act(id, 'requestExtension', otherHandler, { workdays: '99', reason: '需协调施工单位' });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('延期天数：必须是1到15之间的工作日数');
    expect((await act(id, 'requestExtension', otherHandler, { workdays: '5', reason: '需协调施工单位进场' })).statusCode).toBe(303);
    expect((await act(id, 'approveExtension', agent, { workdays: '5' })).statusCode).toBe(303);
    expect((await stateOf(id)).state).toBe('handling');
  });
});
