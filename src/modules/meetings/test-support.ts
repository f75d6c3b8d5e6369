/**
 * Meetings straight in the tables, for tests of what is built on them (the commands that make
 * them are tested on their own). Bodies, people, organisations and mandates: bodies-test-support.
 */
import type { Queryable } from '../../db/types.js';
import type { AgendaKind, MeetingFormat, MeetingState, MinutesState } from './tables.js';

let counter = 0;

export interface MeetingOptions {
  body_id?: number;
  title?: string;
  starts_at?: Date | string;
  ends_at?: Date | string;
  state?: MeetingState;
  minutes_state?: MinutesState;
  format?: MeetingFormat;
  place?: string | null;
  online_url?: string | null;
  cancel_reason?: string | null;
}

/** A meeting (default: the plenary's, convened, in person, a week from now, two hours long). */
export async function insertMeeting(db: Queryable, options: MeetingOptions = {}): Promise<number> {
  counter += 1;
  const starts = options.starts_at ? new Date(options.starts_at) : new Date(Date.now() + 7 * 24 * 3600_000);
  const ends = options.ends_at ? new Date(options.ends_at) : new Date(starts.getTime() + 2 * 3600_000);
  const format = options.format ?? 'in_person';
  const state = options.state ?? 'convened';
  const row = await db
    .insertInto('meetings')
    .values({
      body_id: options.body_id ?? 1,
      title: JSON.stringify({ ca: options.title ?? `Sessió ${counter}` }),
      starts_at: starts,
      ends_at: ends,
      format,
      place: options.place !== undefined ? options.place : format === 'online' ? null : 'Can Batlló, Barcelona',
      online_url: options.online_url !== undefined ? options.online_url : format === 'in_person' ? null : 'https://meet.example.org/sessio',
      state,
      convened_at: state === 'draft' ? null : new Date(starts.getTime() - 10 * 24 * 3600_000),
      cancel_reason: state === 'cancelled' ? (options.cancel_reason ?? 'Motiu de prova') : null,
      cancelled_at: state === 'cancelled' ? new Date() : null,
      minutes_state: options.minutes_state ?? 'none',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** An agenda item at the end of the meeting's agenda. */
export async function insertAgendaItem(db: Queryable, meetingId: number, options: { title?: string; kind?: AgendaKind; position?: number } = {}): Promise<number> {
  counter += 1;
  let position = options.position;
  if (position === undefined) {
    const last = await db.selectFrom('agenda_items').select((eb) => eb.fn.max('position').as('max')).where('meeting_id', '=', meetingId).executeTakeFirst();
    position = Number(last?.max ?? 0) + 1;
  }
  const row = await db
    .insertInto('agenda_items')
    .values({ meeting_id: meetingId, position, kind: options.kind ?? 'decision', title: JSON.stringify({ ca: options.title ?? `Punt ${counter}` }) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}
