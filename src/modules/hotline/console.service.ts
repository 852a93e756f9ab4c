// The hotline desks: what the agent (坐席, the 12345 center) and the handler (承办人) see and need beside the tickets
// service (tickets.service.ts owns every transition): queues by state and clock, dispatch suggestions (派单目录 +
// classifier + keyword rules), knowledge-base answers for 咨询, duplicates for 并单, emergency prompts.
import type { Actor, AuditActor, Role } from '../../platform/auth/actor.ts';
import { forbidden } from '../../platform/auth/guard.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { AgencyService } from '../agencies/index.ts';
import type { DuplicateMatch } from './duplicates.ts';
import type { District, DirectoryService, SuggestionView } from './directory.service.ts';
import type { TicketState, TicketVerb } from './hotline.workflow.ts';
import * as kbRepo from './kb.repository.ts';
import type { KbHit } from './kb.schema.ts';
import type { KbService } from './kb.service.ts';
import { detectEmergency, type EmergencyLine } from './taxonomy.ts';
import { canTakeVerb } from './tickets.policy.ts';
import type { HotlineService, QueueRow, TicketDetail } from './tickets.service.ts';
import type { TicketRow } from './tickets.tables.ts';

/** Everyone who works at a hotline desk or supervises one. */
export const DESK_ROLES: readonly Role[] = ['agent', 'handler', 'head', 'office', 'admin'];
const CENTER: readonly Role[] = ['agent'];
const AGENCY: readonly Role[] = ['handler', 'head'];

export function mayUseDesk(actor: Actor | null | undefined): boolean {
  return !!actor && actor.grants.some((g) => DESK_ROLES.includes(g.role));
}

export interface DeskList {
  key: string;
  title: string;
  states: TicketState[];
  total: number;
  rows: TicketRow[];
}

export interface Desk {
  isCenter: boolean;
  isAgency: boolean;
  overdue: QueueRow[];
  nearDue: QueueRow[];
  lists: DeskList[];
}

export interface TicketPage {
  detail: TicketDetail;
  districtName: string | null;
  /** top agencies to dispatch to, when 派单/改派 is possible */
  suggestions: SuggestionView[];
  /** knowledge-base answers, when 直接答复 is possible */
  answers: KbHit[];
  duplicates: { ticket: TicketRow; match: DuplicateMatch }[];
  emergency: { line: EmergencyLine; words: string[] }[];
  /** every live agency, for 派单 to another unit and 协办 */
  agencies: { id: string; name: string }[];
}

export interface DeskService {
  /** Queues and per-state lists for the actor's desk. Throws FORBIDDEN. */
  desk(actor: Actor): Promise<Desk>;
  /** One ticket with everything its forms need. Throws FORBIDDEN, NOT_FOUND. */
  ticketPage(actor: Actor, id: string): Promise<TicketPage>;
  /** 直接答复 with a knowledge-base entry's answer (counts the entry's use). Throws like transition, and NOT_FOUND. */
  answerFromKnowledgeBase(actor: AuditActor, ticketId: string, entryId: string, version: number): Promise<TicketRow>;
  listDistricts(): Promise<District[]>;
}

const CENTER_LISTS: { key: string; title: string; states: TicketState[] }[] = [
  { key: 'intake', title: '待受理、待派单', states: ['submitted', 'accepted'] },
  { key: 'returns', title: '退单待审', states: ['return_requested'] },
  { key: 'extensions', title: '延期待审', states: ['extension_requested'] },
  { key: 'review', title: '答复待审核', states: ['replied'] },
  { key: 'callback', title: '待回访', states: ['closed'] },
];

const AGENCY_LISTS: { key: string; title: string; states: TicketState[] }[] = [
  { key: 'sign', title: '待签收', states: ['dispatched'] },
  { key: 'contact', title: '待先行联系', states: ['signed'] },
  { key: 'handling', title: '办理中', states: ['handling', 'extension_requested'] },
  { key: 'waiting', title: '退单审核中', states: ['return_requested'] },
];

export interface DeskServiceOptions {
  db: Db;
  hotline: HotlineService;
  kb: KbService;
  directory: DirectoryService;
  agencies: Pick<AgencyService, 'listAgencies'>;
}

export function createDeskService(opts: DeskServiceOptions): DeskService {
  const { db, hotline, kb, directory, agencies } = opts;

  return {
    async desk(actor) {
      if (!mayUseDesk(actor)) throw forbidden();
      const isCenter = actor.grants.some((g) => CENTER.includes(g.role) || g.role === 'office' || g.role === 'admin');
      const isAgency = actor.grants.some((g) => AGENCY.includes(g.role));
      const queues = await hotline.queues(actor);
      const defs = [...(isCenter ? CENTER_LISTS : []), ...(isAgency && !isCenter ? AGENCY_LISTS : [])];
      const lists: DeskList[] = [];
      for (const d of defs) {
        const { total, rows } = await hotline.listTickets(actor, { states: d.states, page: 1, pageSize: 20 });
        lists.push({ ...d, total, rows });
      }
      return { isCenter, isAgency, overdue: queues.overdue, nearDue: queues.nearDue, lists };
    },

    async ticketPage(actor, id) {
      if (!mayUseDesk(actor)) throw forbidden();
      const detail = await hotline.getTicket(actor, id);
      const t = detail.ticket;
      const has = (v: TicketVerb) => detail.actions.includes(v);
      const text = [t.title, t.content].filter(Boolean).join('\n');
      const districts = await directory.listDistricts();
      const suggestions = has('dispatch') || has('reassign') ? await directory.suggest({ text, categoryCode: t.categoryCode, districtCode: t.districtCode }) : [];
      const answers = has('answerDirectly') && t.type === 'consultation' ? await kb.suggestForText(text, t.categoryCode, 3) : [];
      const duplicates = has('merge') ? await hotline.findDuplicateCandidates(actor, id) : [];
      const emergency = has('transferEmergency') ? detectEmergency(t.content) : [];
      const all = has('dispatch') || has('reassign') ? (await agencies.listAgencies()).filter((a) => !a.retiredAt).map((a) => ({ id: a.id, name: a.name })) : [];
      return {
        detail,
        districtName: t.districtCode ? (districts.find((d) => d.divisionCode === t.districtCode)?.name ?? t.districtCode) : null,
        suggestions,
        answers,
        duplicates: duplicates.filter((d) => d.ticket.id !== id),
        emergency,
        agencies: all,
      };
    },

    async answerFromKnowledgeBase(actor, ticketId, entryId, version) {
      if (!canTakeVerb(actor, 'answerDirectly', null)) throw forbidden();
      const entry = await kb.getEntry(actor, entryId);
      if (entry.status !== 'active') throw new AppError('CONFLICT', '该知识条目已停用，不能用于答复。');
      const row = await hotline.transition(actor, ticketId, 'answerDirectly', { answer: entry.answer, knowledgeEntryId: entry.id }, { version });
      await kbRepo.countUse(db, entry.id);
      return row;
    },

    listDistricts: () => directory.listDistricts(),
  };
}
