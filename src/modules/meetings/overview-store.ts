/**
 * The short lists other pages show of meetings: a body's next and last meetings and latest
 * agreements (its page), and a person's coming meetings with their answer (My space). One query
 * each.
 */
import { sql } from 'kysely';
import type { Queryable } from '../../db/types.js';
import type { Translatable } from '../../kernel/i18n/translatable.js';
import type { Answer, MeetingState, MinutesState } from './tables.js';

export interface MeetingLine {
  id: number;
  title: Translatable;
  starts_at: Date;
  state: MeetingState;
  minutes_state: MinutesState;
  upcoming: boolean;
}

/** A body's next meetings (drafts too for those who run them) and the last ones held, `shown` of each. */
export async function meetingsAroundNow(db: Queryable, bodyId: number, withDrafts: boolean, shown: number): Promise<MeetingLine[]> {
  const states = withDrafts ? ['draft', 'convened'] : ['convened'];
  const result = await sql<MeetingLine>`
    (SELECT id, title, starts_at, state, minutes_state, true AS upcoming FROM meetings
      WHERE body_id = ${bodyId} AND ends_at >= now() AND state IN (${sql.join(states)})
      ORDER BY starts_at, id LIMIT ${shown})
    UNION ALL
    (SELECT id, title, starts_at, state, minutes_state, false AS upcoming FROM meetings
      WHERE body_id = ${bodyId} AND state = 'held'
      ORDER BY starts_at DESC, id DESC LIMIT ${shown})`.execute(db);
  return result.rows.map((m) => ({ ...m, id: Number(m.id) }));
}

export interface AgreementLine {
  id: number;
  year: number;
  number: number;
  text: Translatable;
  adopted_on: string;
}

/** A body's latest agreements, newest first. */
export async function latestAgreementsOf(db: Queryable, bodyId: number, shown: number): Promise<AgreementLine[]> {
  const rows = await db
    .selectFrom('agreements')
    .select(['id', 'year', 'number', 'text', 'adopted_on'])
    .where('body_id', '=', bodyId)
    .orderBy('adopted_on', 'desc')
    .orderBy('id', 'desc')
    .limit(shown)
    .execute();
  return rows.map((a) => ({ ...a, id: Number(a.id) }));
}

export interface ComingMeeting {
  id: number;
  title: Translatable;
  body_name: Translatable;
  starts_at: Date;
  answer: Answer | null;
}

/** The convened meetings still to come in the bodies where the person holds an active mandate, soonest first, with their answer. */
export async function comingMeetingsOf(db: Queryable, personId: number, today: string, limit: number): Promise<ComingMeeting[]> {
  const rows = await db
    .selectFrom('meetings as m')
    .innerJoin('bodies as b', 'b.id', 'm.body_id')
    .leftJoin('meeting_answers as a', (join) => join.onRef('a.meeting_id', '=', 'm.id').on('a.person_id', '=', personId))
    .select(['m.id', 'm.title', 'b.name as body_name', 'm.starts_at', 'a.answer'])
    .where('m.state', '=', 'convened')
    .where('m.ends_at', '>=', new Date())
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('mandates as md')
          .select('md.id')
          .whereRef('md.body_id', '=', 'm.body_id')
          .where('md.person_id', '=', personId)
          .where('md.starts_on', '<=', today)
          .where((inner) => inner.or([inner('md.ends_on', 'is', null), inner('md.ends_on', '>', today)])),
      ),
    )
    .orderBy('m.starts_at')
    .orderBy('m.id')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
}
