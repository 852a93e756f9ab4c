// Test factories for tickets: each builds its own parents (agencies, agent, handler), so tests share no state.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Actor, AuditActor, Role } from '../../platform/auth/actor.ts';
import { createCalendarService } from '../../platform/calendar/index.ts';
import type { Db, Executor } from '../../platform/db/database.ts';
import { createLocalFileStorage } from '../../platform/storage/index.ts';
import type { Agency } from '../agencies/index.ts';
import { createTestAgency } from '../agencies/agencies.testing.ts';
import { createTestUser } from '../staff/staff.testing.ts';
import { insertApiClientWithKey, type ApiClient } from './api-keys.service.ts';
import type { HotlineConfig } from './hotline.config.ts';
import type { TicketState } from './hotline.workflow.ts';
import { createHotlineService, type HotlineService } from './tickets.service.ts';
import type { TicketRow } from './tickets.tables.ts';

let counter = 0;

export const SYSTEM: AuditActor = { system: 'test' };

/** A hotline service over `db` with the real calendar and files in a fresh temporary directory. */
export function createTestHotlineService(db: Db, opts: { now?: () => Date; config?: HotlineConfig; maxUploadBytes?: number } = {}): HotlineService {
  const storage = createLocalFileStorage(mkdtempSync(path.join(os.tmpdir(), 'gk-tickets-')));
  return createHotlineService({
    db,
    calendar: createCalendarService(db),
    storage,
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.config ? { config: opts.config } : {}),
    ...(opts.maxUploadBytes ? { maxUploadBytes: opts.maxUploadBytes } : {}),
  });
}

export async function createTestStaff(db: Executor, role: Role, agency: { id: string }, includeSubtree = false): Promise<Actor> {
  const grants = [{ role, agencyId: agency.id, includeSubtree }];
  const user = await createTestUser(db, { grants });
  return { userId: user.id, username: user.username, name: user.name, grants };
}

/** A 12345 center with an agent, and a handling agency with a handler. */
export async function createHotlineCast(db: Executor): Promise<{ center: Agency; agency: Agency; other: Agency; agent: Actor; handler: Actor; otherHandler: Actor }> {
  const center = await createTestAgency(db, { name: `测试12345中心${++counter}` });
  const agency = await createTestAgency(db, { divisionCode: '500103' });
  const other = await createTestAgency(db, { divisionCode: '500105' });
  return {
    center,
    agency,
    other,
    agent: await createTestStaff(db, 'agent', center),
    handler: await createTestStaff(db, 'handler', agency),
    otherHandler: await createTestStaff(db, 'handler', other),
  };
}

/** A valid intake form (strings, as a form posts them); overrides win. */
export function buildIntakeInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter++;
  return {
    channel: 'phone',
    type: 'complaint',
    urgency: 'normal',
    categoryCode: '010101',
    districtCode: '500103',
    content: `解放碑步行街附近路面有一个大坑，已经好几天了，晚上很危险（测试${counter}）`,
    address: '重庆市渝中区民族路 100 号',
    contactName: '张三',
    contactPhone: '13800138000',
    confidentiality: 'standard',
    ...overrides,
  };
}

export async function createTestApiClient(db: Db, key = `test-key-${Date.now().toString(36)}-${++counter}`): Promise<{ client: ApiClient; key: string }> {
  return { client: await insertApiClientWithKey(db, { name: `测试客户端${counter}`, key }), key };
}

/** The verbs (as the system) that bring a fresh ticket to `state` along the main path. */
const PATH: { to: TicketState; verb: string; input: (agencyId: string) => Record<string, unknown> }[] = [
  { to: 'accepted', verb: 'accept', input: () => ({}) },
  { to: 'dispatched', verb: 'dispatch', input: (a) => ({ leadAgencyId: a }) },
  { to: 'signed', verb: 'sign', input: () => ({}) },
  { to: 'handling', verb: 'contact', input: () => ({ outcome: 'reached', note: '已电话联系诉求人，说明办理安排' }) },
  { to: 'replied', verb: 'reply', input: () => ({ text: '经现场核查，已安排养护单位于三日内修复路面坑洼，感谢您的反映。' }) },
  { to: 'closed', verb: 'approve', input: () => ({}) },
  { to: 'visited', verb: 'visit', input: () => ({ satisfaction: 'satisfied', resolution: 'resolved' }) },
];

/** Takes a ticket in and walks it along the main path to `state` (as the system actor). */
export async function createTestTicket(
  service: HotlineService,
  opts: { state?: TicketState; agencyId: string; input?: Record<string, unknown>; source?: 'staff' | 'web' | 'mailbox' },
): Promise<{ ticket: TicketRow; queryCode: string }> {
  const source = opts.source ?? 'staff';
  const r = await service.intake(
    buildIntakeInput(opts.input),
    source === 'staff' ? { kind: 'staff', actor: SYSTEM } : { kind: 'citizen', channel: source },
  );
  let ticket = (await service.getTicket(SYSTEM, r.id)).ticket;
  const target = opts.state ?? 'submitted';
  for (const step of PATH) {
    if (ticket.state === target) break;
    ticket = await service.transition(SYSTEM, ticket.id, step.verb as 'accept', step.input(opts.agencyId));
  }
  if (ticket.state !== target) throw new Error(`createTestTicket: cannot reach ${target} along the main path`);
  return { ticket, queryCode: r.queryCode as string };
}
