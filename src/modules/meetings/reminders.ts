/**
 * The day-before reminder: once a convened meeting is less than a day away, each person with an
 * active mandate in its body who has not answered the notice gets one e-mail, in their language,
 * with the answer links again. It goes once per start time (`meetings.reminded_for`, written in
 * the same transaction as the e-mails): a meeting moved to another time is reminded again, one
 * convened less than a day ahead is not (its notice has just gone out).
 *
 * It runs as a job (`meetings.notice_reminders`), which each server process with background jobs
 * on enqueues soon after starting and then every hour; the job's unique key keeps one pending.
 */
import { sql } from 'kysely';
import type { Queryable } from '../../db/types.js';
import { appendAudit } from '../../kernel/audit/index.js';
import { todayInSpace, type Locale } from '../../kernel/i18n/index.js';
import { enqueuePeriodicRun, registerJobHandler, startPeriodicJob } from '../../kernel/jobs/index.js';
import { enqueueMail } from '../../kernel/mail/index.js';
import type { Services } from '../../kernel/services.js';
import { mandateActiveOn } from './answers.js';
import { composeNotice, loadNoticeContent, type NoticeRecipient } from './notices.js';
import { findMeeting } from './store.js';

export const NOTICE_REMINDERS_JOB = 'meetings.notice_reminders';
/** How long before the start the reminder is due. */
export const REMINDER_BEFORE_MS = 24 * 3_600_000;
const EVERY_MS = 3_600_000;
const FIRST_AFTER_MS = 60_000;

const asLocale = (value: string): Locale => (value === 'es' || value === 'en' ? value : 'ca');

/**
 * Sends every reminder due at `now`: convened meetings starting within the next day, convened
 * more than a day ahead of their start, not yet reminded for this start time. One transaction;
 * a fixed number of queries plus, per meeting, its lookup, one update, one audit entry and the
 * e-mails. Returns how many meetings were reminded.
 */
export async function sendNoticeReminders(services: Services, now: Date = new Date()): Promise<number> {
  return services.database.db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('meetings as m')
      .select(['m.id', 'm.starts_at', 'm.reminded_for'])
      .where('m.state', '=', 'convened')
      .where('m.starts_at', '>', now)
      .where('m.starts_at', '<=', new Date(now.getTime() + REMINDER_BEFORE_MS))
      .where((eb) => eb.or([eb('m.reminded_for', 'is', null), eb('m.reminded_for', '<>', eb.ref('m.starts_at'))]))
      .where(sql<boolean>`m.convened_at <= m.starts_at - interval '1 day'`)
      .orderBy('m.id')
      .forUpdate()
      .skipLocked()
      .execute();
    if (due.length === 0) return 0;
    const ids = due.map((row) => Number(row.id));
    const today = todayInSpace(now);
    const pending = await trx
      .selectFrom('meetings as m')
      .innerJoin('mandates as md', 'md.body_id', 'm.body_id')
      .innerJoin('users as u', 'u.id', 'md.person_id')
      .leftJoin('meeting_answers as a', (join) => join.onRef('a.meeting_id', '=', 'm.id').onRef('a.person_id', '=', 'u.id'))
      .select(['m.id as meeting_id', 'u.id', 'u.email', 'u.name', 'u.locale'])
      .distinct()
      .where('m.id', 'in', ids)
      .where(mandateActiveOn(today))
      .where('u.status', '=', 'active')
      .where('u.email', 'is not', null)
      .where('a.person_id', 'is', null)
      .orderBy('m.id')
      .orderBy('u.id')
      .execute();
    const content = await loadNoticeContent(trx, ids);
    for (const row of due) {
      const id = Number(row.id);
      const found = await findMeeting(trx, id);
      if (!found) continue;
      let sent = 0;
      for (const person of pending.filter((p) => Number(p.meeting_id) === id)) {
        const recipient: NoticeRecipient = { id: Number(person.id), email: person.email ?? '', name: person.name, locale: asLocale(person.locale) };
        await enqueueMail(trx, services, composeNotice(services, 'reminder', recipient, found, content));
        sent += 1;
      }
      await trx.updateTable('meetings').set({ reminded_for: row.starts_at }).where('id', '=', id).execute();
      await appendAudit(
        trx,
        { action: 'meetings.notice_reminder', subjectType: 'meeting', subjectId: id, before: { reminded_for: row.reminded_for }, after: { reminded_for: row.starts_at, emails: sent } },
        { actorId: null, actorName: null, requestId: null },
      );
    }
    return due.length;
  });
}

/** Enqueues a reminder run now, unless one is already pending. */
export function scheduleNoticeReminders(db: Queryable): Promise<void> {
  return enqueuePeriodicRun(db, NOTICE_REMINDERS_JOB);
}

registerJobHandler(NOTICE_REMINDERS_JOB, async (services) => {
  await sendNoticeReminders(services);
});

/**
 * Schedules reminder runs from this process: a minute after start, then hourly. Does nothing
 * when background jobs are off here (another process runs them). Returns the stop function.
 */
export function startNoticeReminders(services: Services): () => void {
  return startPeriodicJob(services, NOTICE_REMINDERS_JOB, { firstAfterMs: FIRST_AFTER_MS, everyMs: EVERY_MS });
}
