// 催办 reminders for near-due and overdue tickets at the handling agency (fsou 部门规则: 超期次日发催办通知 [C]; the
// interval is local practice [U]). Each reminder is an ordinary `urge` transition by the system actor, so it leaves an
// event, an audit row and counts in urge_count. Safe to run twice: a ticket urged within the interval is skipped.
import { sql } from 'drizzle-orm';
import type { AuditActor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { isAppError } from '../../platform/http/errors.ts';
import { CLOCK_NAMES, type HotlineService } from './tickets.service.ts';

export const REMINDER_ACTOR: AuditActor = { system: 'hotline.reminders' };

export interface ReminderOptions {
  /** a ticket is urged again only after this many hours [U] */
  minHoursBetween: number;
  now?: Date;
}

export const DEFAULT_REMINDER_OPTIONS: ReminderOptions = { minHoursBetween: 24 };

/** Urges every near-due or overdue ticket at an agency that was not urged within the interval. Returns the counts. */
export async function runHotlineReminders(deps: { db: Db; hotline: HotlineService }, opts: ReminderOptions = DEFAULT_REMINDER_OPTIONS): Promise<{ urged: number; skipped: number }> {
  const queues = await deps.hotline.queues(REMINDER_ACTOR, { limit: 5000 });
  const rows = [...queues.overdue, ...queues.nearDue].filter((q) => ['dispatched', 'signed', 'handling', 'extension_requested', 'return_requested'].includes(q.ticket.state));
  if (!rows.length) return { urged: 0, skipped: 0 };
  const now = opts.now ?? queues.now;
  const since = new Date(now.getTime() - opts.minHoursBetween * 3_600_000);
  const ids = rows.map((q) => q.ticket.id);
  const recent = await deps.db.execute<{ ticket_id: string }>(sql`SELECT DISTINCT ticket_id FROM ticket_events
    WHERE verb = 'urge' AND at > ${since} AND ticket_id = ANY(${sql.param(ids)}::uuid[])`);
  const skip = new Set(recent.rows.map((r) => r.ticket_id));
  let urged = 0;
  let skipped = 0;
  for (const q of rows) {
    if (skip.has(q.ticket.id)) {
      skipped++;
      continue;
    }
    const note = `系统催办：${CLOCK_NAMES[q.clock.clock]}时限${q.clock.state.label}，请抓紧办理。`;
    try {
      await deps.hotline.transition(REMINDER_ACTOR, q.ticket.id, 'urge', { note }, { version: q.ticket.version });
      urged++;
    } catch (err) {
      // the ticket moved on meanwhile (signed, replied …): nothing to urge
      if (isAppError(err) && ['STALE_RECORD', 'ILLEGAL_TRANSITION', 'CONFLICT'].includes(err.code)) skipped++;
      else throw err;
    }
  }
  return { urged, skipped };
}
