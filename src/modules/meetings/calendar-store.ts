/**
 * SQL for the calendars: the public feeds (one query each, whatever the number of meetings) and
 * the calendar pages' meetings, filtered in SQL by what the reader may see so a page's query
 * count and its pagination never depend on the rows.
 *
 * Whether a body's meetings are public is its `meetings_public`, or the default for its kind
 * (`DEFAULT_PUBLIC`) when unset: the same rule as `meetingRules`, written once here as SQL.
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { DB, Queryable } from '../../db/types.js';
import type { Translatable } from '../../kernel/i18n/translatable.js';
import type { BodyKind } from '../bodies/tables.js';
import { DEFAULT_PUBLIC, meetingRules } from './rules.js';
import { BODY_RULE_COLUMNS, type MeetingRow } from './store.js';
import type { MeetingState } from './tables.js';

/** A meeting as the calendars show it: the event's fields and its body's name and slug. */
export type CalendarMeeting = Pick<MeetingRow, 'id' | 'body_id' | 'title' | 'starts_at' | 'ends_at' | 'place' | 'online_url' | 'state' | 'sequence' | 'description' | 'format'> & {
  body_name: Translatable;
  body_slug: string;
};

/** What the feeds publish: meetings that were called (drafts never), cancelled ones as such. */
export const FEED_STATES: readonly MeetingState[] = ['convened', 'held', 'cancelled'];
/** How far back a feed goes: a year of past meetings, then everything ahead. */
export const FEED_DAYS_BACK = 366;

const PUBLIC_KINDS = (Object.keys(DEFAULT_PUBLIC) as BodyKind[]).filter((kind) => DEFAULT_PUBLIC[kind]);

/** SQL: the body `b`'s meetings are public (its own setting, else its kind's default). */
export function bodyIsPublic(eb: ExpressionBuilder<DB & { b: DB['bodies'] }, 'b'>): Expression<SqlBool> {
  const byKind = PUBLIC_KINDS.length > 0 ? eb('b.kind', 'in', PUBLIC_KINDS) : sql<boolean>`false`;
  return eb.fn.coalesce('b.meetings_public', byKind) as unknown as Expression<SqlBool>;
}

const MEETING_COLUMNS = [
  'm.id',
  'm.body_id',
  'm.title',
  'm.starts_at',
  'm.ends_at',
  'm.place',
  'm.online_url',
  'm.state',
  'm.sequence',
  'm.description',
  'm.format',
] as const;

function normalise<T extends { id: number; body_id: number; sequence: number }>(row: T): T {
  return { ...row, id: Number(row.id), body_id: Number(row.body_id), sequence: Number(row.sequence) };
}

/** Where a feed starts: a year before `now`. */
export function feedSince(now: Date = new Date()): Date {
  return new Date(now.getTime() - FEED_DAYS_BACK * 24 * 3600_000);
}

/** Every public body's called meetings from a year back onwards, oldest first. One query. */
export async function publicFeedMeetings(db: Queryable, now: Date = new Date()): Promise<CalendarMeeting[]> {
  const rows = await db
    .selectFrom('meetings as m')
    .innerJoin('bodies as b', 'b.id', 'm.body_id')
    .select([...MEETING_COLUMNS, 'b.name as body_name', 'b.slug as body_slug'])
    .where('m.state', 'in', FEED_STATES)
    .where('m.starts_at', '>=', feedSince(now))
    .where((eb) => bodyIsPublic(eb))
    .orderBy('m.starts_at')
    .orderBy('m.id')
    .execute();
  return rows.map(normalise);
}

export interface BodyFeed {
  body: { id: number; slug: string; name: Translatable; public: boolean };
  meetings: CalendarMeeting[];
}

/** A digit string is an id; anything else a slug (as the bodies module reads references). */
const ID = /^[1-9][0-9]{0,14}$/;

/**
 * The body a reference (id or slug) names, whether its meetings are public, and its called
 * meetings from a year back onwards — in one query. Undefined when there is no such body.
 */
export async function bodyFeed(db: Queryable, reference: string, now: Date = new Date()): Promise<BodyFeed | undefined> {
  if (!ID.test(reference) && !/^[a-z0-9-]{1,80}$/.test(reference)) return undefined;
  const since = feedSince(now);
  const rows = await db
    .selectFrom('bodies as b')
    .leftJoin('meetings as m', (join) =>
      join
        .onRef('m.body_id', '=', 'b.id')
        .on('m.state', 'in', FEED_STATES)
        .on('m.starts_at', '>=', since),
    )
    .select([
      'b.id as b_id',
      'b.slug as b_slug',
      'b.name as b_name',
      'b.kind as b_kind',
      ...BODY_RULE_COLUMNS,
      ...MEETING_COLUMNS,
    ])
    .where(ID.test(reference) ? 'b.id' : 'b.slug', '=', ID.test(reference) ? Number(reference) : reference)
    .orderBy('m.starts_at')
    .orderBy('m.id')
    .execute();
  const first = rows[0];
  if (!first) return undefined;
  const rules = meetingRules({ ...first, kind: first.b_kind });
  const body = { id: Number(first.b_id), slug: first.b_slug, name: first.b_name, public: rules.public };
  const meetings: CalendarMeeting[] = [];
  for (const row of rows) {
    if (row.id === null || row.title === null || row.starts_at === null || row.ends_at === null || row.state === null) continue;
    meetings.push({
      id: Number(row.id),
      body_id: body.id,
      title: row.title,
      starts_at: row.starts_at,
      ends_at: row.ends_at,
      place: row.place,
      online_url: row.online_url,
      state: row.state,
      sequence: Number(row.sequence ?? 0),
      description: row.description ?? '',
      format: row.format ?? 'in_person',
      body_name: body.name,
      body_slug: body.slug,
    });
  }
  return { body, meetings };
}

/**
 * Whose meetings a reader of a calendar page sees: everything (administrators and the
 * secretariat), or public bodies' plus those of the bodies they sit in; drafts only of the
 * bodies whose meetings they run.
 */
export type CalendarAudience = { all: true } | { all: false; memberOf: readonly number[]; runs: readonly number[] };

export interface CalendarQuery {
  audience: CalendarAudience;
  /** Only this body's meetings. */
  bodyId?: number;
  /** Meetings starting at or after this instant. */
  from: Date;
  /** Meetings starting before this instant (none: no end). */
  until?: Date;
  /** A page of meetings (`limit` rows after `offset`), with the total. */
  limit?: number;
  offset?: number;
}

/** The meetings a calendar page shows, oldest first, with how many match in all. One query. */
export async function calendarMeetings(db: Queryable, query: CalendarQuery): Promise<{ rows: CalendarMeeting[]; total: number }> {
  const { audience } = query;
  let q = db
    .selectFrom('meetings as m')
    .innerJoin('bodies as b', 'b.id', 'm.body_id')
    .select([...MEETING_COLUMNS, 'b.name as body_name', 'b.slug as body_slug', sql<string>`count(*) over ()`.as('total')])
    .where('m.starts_at', '>=', query.from);
  if (query.until) q = q.where('m.starts_at', '<', query.until);
  if (query.bodyId !== undefined) q = q.where('m.body_id', '=', query.bodyId);
  if (!audience.all) {
    const memberOf = [...audience.memberOf, ...audience.runs];
    const runs = [...audience.runs];
    q = q.where((eb) => eb.or([bodyIsPublic(eb), ...(memberOf.length > 0 ? [eb('m.body_id', 'in', memberOf)] : [])]));
    q = q.where((eb) => eb.or([eb('m.state', '<>', 'draft'), ...(runs.length > 0 ? [eb('m.body_id', 'in', runs)] : [])]));
  }
  q = q.orderBy('m.starts_at').orderBy('m.id');
  if (query.limit !== undefined) q = q.limit(query.limit).offset(query.offset ?? 0);
  const rows = await q.execute();
  const total = rows[0] ? Number(rows[0].total) : 0;
  return { rows: rows.map(({ total: _total, ...row }) => normalise(row)), total };
}
