/**
 * Action item reminders: an e-mail to the owner a week before the due date and on the due date
 * — to the person, or for an organisation to its people holding active mandates in the body —
 * each once (recorded in `action_items.reminded` in the same transaction as the e-mails), each
 * in the recipient's language. A missed run (the server was down) still sends within a couple of
 * days; an item added later than a week before its due date gets only the due-date one unless
 * it is still within that window.
 *
 * It runs as a job (`meetings.action_reminders`), enqueued by each process with background jobs
 * on soon after starting and then every hour; the job's unique key keeps one pending at a time.
 */
import { sql, type SqlBool } from 'kysely';
import type { Queryable } from '../../db/types.js';
import { appendAudit } from '../../kernel/audit/index.js';
import { formatDate, todayInSpace, translate, type Locale } from '../../kernel/i18n/index.js';
import { pickTranslation, type Translatable } from '../../kernel/i18n/translatable.js';
import { enqueuePeriodicRun, registerJobHandler, startPeriodicJob } from '../../kernel/jobs/index.js';
import { enqueueMail } from '../../kernel/mail/index.js';
import type { Services } from '../../kernel/services.js';
import { absoluteUrl, findUsersByIds } from '../identity/index.js';
import { addDays } from './time.js';

export const ACTION_REMINDERS_JOB = 'meetings.action_reminders';
const EVERY_MS = 3_600_000;
const FIRST_AFTER_MS = 90_000;

/** How late a reminder may still go out after a missed day. */
const GRACE_DAYS = 2;

const asLocale = (value: string): Locale => (value === 'es' || value === 'en' ? value : 'ca');

interface DueItem {
  id: number;
  agreement_id: number;
  body_id: number;
  title: string;
  due_on: string;
  owner_person_id: number | null;
  owner_organisation_id: number | null;
  reminded: string[];
  body_name: Translatable;
  year: number;
  number: number;
}

/**
 * Sends every reminder due on the day `now` falls on in Barcelona: 'week' for open items due in
 * 5–7 days, 'due' for those due today (or up to two days ago, after a missed run). One
 * transaction; a fixed number of queries plus an update, an audit entry and the e-mails per
 * item. Returns how many reminders went out.
 */
export async function sendActionReminders(services: Services, now: Date = new Date()): Promise<number> {
  const today = todayInSpace(now);
  const weekFrom = addDays(today, 7 - GRACE_DAYS);
  const weekTo = addDays(today, 7);
  const dueFrom = addDays(today, -GRACE_DAYS);
  return services.database.db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('action_items as x')
      .innerJoin('agreements as a', 'a.id', 'x.agreement_id')
      .innerJoin('bodies as b', 'b.id', 'x.body_id')
      .select(['x.id', 'x.agreement_id', 'x.body_id', 'x.title', 'x.due_on', 'x.owner_person_id', 'x.owner_organisation_id', 'x.reminded', 'b.name as body_name', 'a.year', 'a.number'])
      .where('x.state', 'in', ['open', 'in_progress'])
      .where((eb) =>
        eb.or([
          sql<SqlBool>`(x.due_on BETWEEN ${weekFrom}::date AND ${weekTo}::date AND NOT ('week' = ANY(x.reminded)))`,
          sql<SqlBool>`(x.due_on BETWEEN ${dueFrom}::date AND ${today}::date AND NOT ('due' = ANY(x.reminded)))`,
        ]),
      )
      .orderBy('x.id')
      .forUpdate('x')
      .execute();
    if (rows.length === 0) return 0;
    const items: DueItem[] = rows.map((row) => ({
      ...row,
      id: Number(row.id),
      agreement_id: Number(row.agreement_id),
      body_id: Number(row.body_id),
      owner_person_id: row.owner_person_id === null ? null : Number(row.owner_person_id),
      owner_organisation_id: row.owner_organisation_id === null ? null : Number(row.owner_organisation_id),
      year: Number(row.year),
      number: Number(row.number),
    }));
    // The people acting for owner organisations: active mandates in the item's body.
    const orgItems = items.filter((item) => item.owner_organisation_id !== null);
    const representatives = new Map<string, number[]>();
    if (orgItems.length > 0) {
      const mandates = await trx
        .selectFrom('mandates')
        .select(['body_id', 'organisation_id', 'person_id'])
        .where('organisation_id', 'in', [...new Set(orgItems.map((item) => item.owner_organisation_id ?? 0))])
        .where('body_id', 'in', [...new Set(orgItems.map((item) => item.body_id))])
        .where('starts_on', '<=', today)
        .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>', today)]))
        .execute();
      for (const mandate of mandates) {
        const key = `${Number(mandate.body_id)}:${Number(mandate.organisation_id)}`;
        representatives.set(key, [...(representatives.get(key) ?? []), Number(mandate.person_id)]);
      }
    }
    const recipientsOf = (item: DueItem): number[] =>
      item.owner_person_id !== null ? [item.owner_person_id] : [...new Set(representatives.get(`${item.body_id}:${item.owner_organisation_id ?? 0}`) ?? [])].sort((a, b) => a - b);
    const people = new Map((await findUsersByIds(trx, [...new Set(items.flatMap(recipientsOf))])).map((person) => [Number(person.id), person]));
    let sent = 0;
    for (const item of items) {
      const kind: 'week' | 'due' = item.due_on > today ? 'week' : 'due';
      let emails = 0;
      for (const personId of recipientsOf(item)) {
        const person = people.get(personId);
        if (!person || person.status !== 'active' || !person.email) continue;
        const locale = asLocale(person.locale);
        const params = {
          name: person.name,
          title: item.title,
          date: formatDate(locale, item.due_on, 'long'),
          body: pickTranslation(item.body_name, locale).text,
          number: `${item.year}/${item.number}`,
          link: absoluteUrl(services, locale, `/agreements/${item.agreement_id}`),
          actions: absoluteUrl(services, locale, '/actions'),
        };
        const t = (key: string) => translate(locale, `meetings_agreements.emails.${key}`, params);
        await enqueueMail(trx, services, { to: person.email, toUserId: personId, locale, subject: t(`${kind}.subject`), text: `${[t('greeting'), t(`${kind}.body`), t('signature')].join('\n\n')}\n` });
        emails += 1;
      }
      const reminded = [...item.reminded.filter((r) => r !== kind), kind];
      // Past the week's window already: the week reminder is not sent late after the due one.
      if (kind === 'due' && !reminded.includes('week')) reminded.unshift('week');
      await trx.updateTable('action_items').set({ reminded }).where('id', '=', item.id).execute();
      await appendAudit(
        trx,
        { action: 'meetings.action_items.remind', subjectType: 'action_item', subjectId: item.id, before: { reminded: item.reminded }, after: { reminded, kind, emails } },
        { actorId: null, actorName: null, requestId: null },
      );
      sent += 1;
    }
    return sent;
  });
}

/** Enqueues a reminder run now, unless one is already pending. */
export function scheduleActionReminders(db: Queryable): Promise<void> {
  return enqueuePeriodicRun(db, ACTION_REMINDERS_JOB);
}

registerJobHandler(ACTION_REMINDERS_JOB, async (services) => {
  await sendActionReminders(services);
});

/**
 * Schedules reminder runs from this process: shortly after start, then hourly. Does nothing when
 * background jobs are off here (another process runs them). Returns the stop function.
 */
export function startActionReminders(services: Services): () => void {
  return startPeriodicJob(services, ACTION_REMINDERS_JOB, { firstAfterMs: FIRST_AFTER_MS, everyMs: EVERY_MS });
}
