/**
 * A person's part of "download my data" from meetings, and what is forgotten when they delete
 * their account. Kept: the public record (attendance, agreements and the action items they
 * owned, shown under their pseudonym). Forgotten: their answers to notices of meetings not yet
 * held, and the objections they sent to circulated minutes (read by few).
 */
import { sql } from 'kysely';
import type { Queryable } from '../../db/types.js';
import type { CommandTx } from '../../kernel/commands.js';

/** Everything this module holds about the person, in a fixed number of queries. */
export async function meetingsPersonalData(db: Queryable, userId: number): Promise<Record<string, unknown>> {
  // One after another: inside the download's transaction, PGlite has one session.
  const answers = await db
    .selectFrom('meeting_answers as a')
    .innerJoin('meetings as m', 'm.id', 'a.meeting_id')
    .select(['a.meeting_id', 'm.title', 'm.starts_at', 'a.answer', 'a.alternate_id', 'a.via', 'a.answered_at'])
    .where('a.person_id', '=', userId)
    .orderBy('m.starts_at')
    .execute();
  const attendance = await db
    .selectFrom('meeting_attendance as a')
    .innerJoin('meetings as m', 'm.id', 'a.meeting_id')
    .select(['a.meeting_id', 'm.title', 'm.starts_at', 'a.organisation_id', 'a.college', 'a.on_behalf_of', 'a.guest'])
    .where('a.person_id', '=', userId)
    .orderBy('m.starts_at')
    .execute();
  const objections = await db
    .selectFrom('minutes_objections as o')
    .innerJoin('minutes as mi', 'mi.id', 'o.minutes_id')
    .select(['o.id', 'mi.meeting_id', 'o.text', 'o.created_at'])
    .where('o.person_id', '=', userId)
    .orderBy('o.id')
    .execute();
  const actions = await db
    .selectFrom('action_items')
    .select(['id', 'agreement_id', 'title', 'due_on', 'state', 'done_on'])
    .where('owner_person_id', '=', userId)
    .orderBy('due_on')
    .execute();
  return {
    meeting_answers: answers.map((a) => ({
      meeting_id: String(a.meeting_id),
      meeting: a.title,
      starts_at: a.starts_at,
      answer: a.answer,
      alternate_id: a.alternate_id === null ? null : String(a.alternate_id),
      via: a.via,
      answered_at: a.answered_at,
    })),
    meeting_attendance: attendance.map((a) => ({
      meeting_id: String(a.meeting_id),
      meeting: a.title,
      starts_at: a.starts_at,
      organisation_id: a.organisation_id === null ? null : String(a.organisation_id),
      college: a.college,
      on_behalf_of: a.on_behalf_of === null ? null : String(a.on_behalf_of),
      guest: a.guest,
    })),
    minutes_objections: objections.map((o) => ({ id: String(o.id), meeting_id: String(o.meeting_id), text: o.text, sent_at: o.created_at })),
    action_items: actions.map((a) => ({ id: String(a.id), agreement_id: String(a.agreement_id), title: a.title, due_on: a.due_on, state: a.state, done_on: a.done_on })),
  };
}

/** Runs inside the account deletion's transaction. Audited (internal), without the texts. */
export async function forgetMeetingsOf(tx: CommandTx, userId: number): Promise<void> {
  const answers = await tx.trx
    .deleteFrom('meeting_answers')
    .where('person_id', '=', userId)
    .where('meeting_id', 'in', (eb) => eb.selectFrom('meetings').select('id').where('state', 'in', ['draft', 'convened']).where('starts_at', '>', sql<Date>`now()`))
    .returning('meeting_id')
    .execute();
  const objections = await tx.trx.deleteFrom('minutes_objections').where('person_id', '=', userId).returning('id').execute();
  if (answers.length === 0 && objections.length === 0) return;
  await tx.audit({
    action: 'meetings.forget_person',
    subjectType: 'user',
    subjectId: userId,
    after: { answers_removed_for: answers.map((a) => String(a.meeting_id)), objections_removed: objections.map((o) => String(o.id)) },
  });
  tx.emit({ type: 'meetings.person_forgotten', tags: ['meetings'], payload: { person_id: userId } });
}
