/**
 * The sunset reminder: thirty days before an active group's sunset date, its coordinators and
 * the steering group get an e-mail (each in their language) saying the group ends soon and that
 * it can be extended or moved to closing. The reminder is recorded per date
 * (`bodies.sunset_reminded_for`) in the same transaction as the e-mails, so it goes out once per
 * date whatever the number of processes or runs; an extension sets a new date and re-arms it.
 *
 * It runs as a job (`workgroups.sunset_reminders`), which each server process with background
 * jobs on (`TEIXIT_JOBS`) enqueues soon after starting and then every hour; the job's unique key
 * keeps one pending at a time across processes.
 */
import type { Queryable } from '../../db/types.js';
import { appendAudit } from '../../kernel/audit/index.js';
import { enqueuePeriodicRun, registerJobHandler, startPeriodicJob } from '../../kernel/jobs/index.js';
import type { Services } from '../../kernel/services.js';
import { addDays, daysBetween, SUNSET_REMINDER_DAYS } from './dates.js';
import { groupName, loadRecipients, mailRecipients, spokenDate } from './emails.js';
import { spaceToday } from './groups.js';
import { coordinatorsOfGroups, lockGroupsDueReminder, steeringMemberIds, updateGroup } from './store.js';

export const SUNSET_REMINDERS_JOB = 'workgroups.sunset_reminders';
const EVERY_MS = 3_600_000;
const FIRST_AFTER_MS = 60_000;

/**
 * Sends every reminder due on `today`: active groups whose sunset is at most 30 days away and
 * whose reminder for that date has not gone out. One transaction; a fixed number of queries
 * plus one update, one audit entry and the e-mails per group. Returns how many groups were
 * reminded.
 */
export async function sendSunsetReminders(services: Services, today: string = spaceToday()): Promise<number> {
  return services.database.db.transaction().execute(async (trx) => {
    const due = await lockGroupsDueReminder(trx, addDays(today, SUNSET_REMINDER_DAYS));
    if (due.length === 0) return 0;
    const coordinators = await coordinatorsOfGroups(trx, due.map((g) => g.id), today);
    const steering = await steeringMemberIds(trx, today);
    const recipients = await loadRecipients(trx, [...steering, ...[...coordinators.values()].flat()]);
    for (const group of due) {
      const sunset = group.sunset_on ?? today;
      const people = [...(coordinators.get(group.id) ?? []), ...steering];
      const sent = await mailRecipients(trx, services, recipients, people, 'sunset_reminder', {
        params: (to) => ({ group: groupName(group.name, to), sunset: spokenDate(sunset, to), days: Math.max(0, daysBetween(today, sunset)) }),
        path: `/bodies/${group.slug}`,
      });
      await updateGroup(trx, group.id, { sunset_reminded_for: sunset });
      await appendAudit(
        trx,
        { action: 'workgroups.sunset_reminder', subjectType: 'body', subjectId: group.id, before: { sunset_reminded_for: group.sunset_reminded_for }, after: { sunset_reminded_for: sunset, emails: sent } },
        { actorId: null, actorName: null, requestId: null },
      );
    }
    return due.length;
  });
}

/** Enqueues a reminder run now, unless one is already pending. */
export function scheduleSunsetReminders(db: Queryable): Promise<void> {
  return enqueuePeriodicRun(db, SUNSET_REMINDERS_JOB);
}

registerJobHandler(SUNSET_REMINDERS_JOB, async (services) => {
  await sendSunsetReminders(services);
});

/**
 * Schedules reminder runs from this process: a minute after start, then hourly. Does nothing
 * when background jobs are off here (another process runs them). Returns the stop function.
 */
export function startSunsetReminders(services: Services): () => void {
  return startPeriodicJob(services, SUNSET_REMINDERS_JOB, { firstAfterMs: FIRST_AFTER_MS, everyMs: EVERY_MS });
}
