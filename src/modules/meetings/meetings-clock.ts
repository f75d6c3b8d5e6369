/**
 * Visitors' copies of the meetings' pages say what turns at an instant, not at midnight: a
 * meeting still to come or already past (lists, calendars, the body's page), a dossier whose
 * deadline has passed ("dossier late"). Nothing is written then, so no command's event drops
 * those copies: this does. Once a minute it asks whether any convened or held meeting started
 * or ended, or any convened meeting's dossier deadline passed, since it last asked — one query —
 * and if so drops the pages tagged 'meetings'. (What turns at midnight, such as overdue action
 * items, goes with the bodies' change of day: those pages carry the 'bodies' tag.)
 */
import { sql, type RawBuilder } from 'kysely';
import type { Queryable } from '../../db/types.js';
import type { Services } from '../../kernel/services.js';
import { dossierDeadlineSql } from './dossier.js';

/** Did a meeting start or end, or a dossier deadline pass, in `(since, until]`? One query. */
export async function meetingInstantPassed(db: Queryable, since: Date, until: Date): Promise<boolean> {
  const within = (instant: RawBuilder<Date>) => sql<boolean>`(${instant} > ${since} AND ${instant} <= ${until})`;
  const row = await db
    .selectFrom('meetings as m')
    .innerJoin('bodies as b', 'b.id', 'm.body_id')
    .select('m.id')
    .where('m.state', 'in', ['convened', 'held'])
    .where((eb) =>
      eb.or([
        eb.and([eb('m.starts_at', '>', since), eb('m.starts_at', '<=', until)]),
        eb.and([eb('m.ends_at', '>', since), eb('m.ends_at', '<=', until)]),
        eb.and([eb('m.state', '=', 'convened'), within(dossierDeadlineSql)]),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Looks once a minute; returns the function that stops it. */
export function startMeetingsClock(services: Services, everyMs = 60_000): () => void {
  let since = new Date();
  let looking = false;
  const look = async () => {
    const until = new Date();
    if (await meetingInstantPassed(services.database.db, since, until)) {
      await services.events.publish([{ type: 'meetings.clock', tags: ['meetings'] }], (error) =>
        services.logger.warn({ err: error }, "dropping the meetings' pages when a meeting started or ended failed"),
      );
    }
    since = until;
  };
  const timer = setInterval(() => {
    if (looking) return;
    looking = true;
    look()
      .catch((error: unknown) => services.logger.warn({ err: error }, "looking for meetings that started or ended failed"))
      .finally(() => {
        looking = false;
      });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
