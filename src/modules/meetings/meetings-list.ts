/**
 * Lists of meetings a reader may see: a body's (upcoming first, then past), everyone's visible
 * ones (`/meetings`), and the API's filtered, cursor-paged list. One query each. Who sees what:
 * a body's meetings when they are public (its rules) or the reader sits in the body; drafts
 * only for who runs the body's meetings (the secretariat and admins run them all).
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { DB, Queryable } from '../../db/types.js';
import type { Translatable } from '../../kernel/i18n/translatable.js';
import { hasRole, type Actor } from '../../kernel/policy.js';
import type { Standing } from '../bodies/index.js';
import type { BodyKind } from '../bodies/tables.js';
import { DEFAULT_PUBLIC } from './rules.js';
import type { MeetingFormat, MeetingKind, MeetingState, MinutesState } from './tables.js';

export const MEETINGS_PER_PAGE = 20;

/** SQL: are body `b`'s meetings public (its setting, or the default for its kind)? */
export function bodyMeetingsPublicSql() {
  const kinds = (Object.keys(DEFAULT_PUBLIC) as BodyKind[]).filter((kind) => DEFAULT_PUBLIC[kind]);
  return sql<boolean>`coalesce(b.meetings_public, b.kind IN (${sql.join(kinds)}))`;
}

/** Does the reader run every body's meetings (an administrator, the secretariat)? */
export function runsAllMeetings(actor: Actor | null, standing: Standing): boolean {
  return actor !== null && (hasRole(actor, 'admin') || standing.secretariat);
}

type MeetingsEb = ExpressionBuilder<DB & { m: DB['meetings']; b: DB['bodies'] }, 'm' | 'b'>;

/** The condition on `meetings m` joined to `bodies b` that keeps what the reader may see. */
export function visibleMeetings(actor: Actor | null, standing: Standing): ((eb: MeetingsEb) => Expression<SqlBool>) | null {
  if (runsAllMeetings(actor, standing)) return null;
  const seated = [...new Set([...standing.memberOf, ...standing.runsMeetingsOf])];
  const runs = [...standing.runsMeetingsOf];
  return (eb) =>
    eb.and([
      eb.or([eb(bodyMeetingsPublicSql(), '=', true), ...(seated.length > 0 ? [eb('m.body_id', 'in', seated)] : [])]),
      eb.or([eb('m.state', '<>', 'draft'), ...(runs.length > 0 ? [eb('m.body_id', 'in', runs)] : [])]),
    ]);
}

/** A meeting in a list, with its body's name and slug. */
export interface MeetingListItem {
  id: number;
  body_id: number;
  body_slug: string;
  body_name: Translatable;
  title: Translatable;
  kind: MeetingKind;
  format: MeetingFormat;
  place: string | null;
  online_url: string | null;
  starts_at: Date;
  ends_at: Date;
  state: MeetingState;
  minutes_state: MinutesState;
  urgency_reason: string | null;
  cancel_reason: string | null;
  sequence: number;
  description: string;
}

const LIST_COLUMNS = [
  'm.id',
  'm.body_id',
  'b.slug as body_slug',
  'b.name as body_name',
  'm.title',
  'm.kind',
  'm.format',
  'm.place',
  'm.online_url',
  'm.starts_at',
  'm.ends_at',
  'm.state',
  'm.minutes_state',
  'm.urgency_reason',
  'm.cancel_reason',
  'm.sequence',
  'm.description',
] as const;

function normalise<T extends { id: number; body_id: number; sequence: number; starts_at: Date; ends_at: Date }>(row: T): T {
  return { ...row, id: Number(row.id), body_id: Number(row.body_id), sequence: Number(row.sequence), starts_at: new Date(row.starts_at), ends_at: new Date(row.ends_at) };
}

export interface MeetingsPage {
  rows: MeetingListItem[];
  total: number;
  page: number;
  totalPages: number;
}

/**
 * One page of the meetings the reader may see (of one body, or of all): those not yet over
 * first, soonest first; then the past ones, latest first. One query.
 */
export async function meetingsPage(db: Queryable, options: { actor: Actor | null; standing: Standing; bodyId?: number; page: number; now?: Date }): Promise<MeetingsPage> {
  const now = options.now ?? new Date();
  const perPage = MEETINGS_PER_PAGE;
  let query = db
    .selectFrom('meetings as m')
    .innerJoin('bodies as b', 'b.id', 'm.body_id')
    .select([...LIST_COLUMNS])
    .select(sql<string>`count(*) over ()`.as('total'));
  if (options.bodyId !== undefined) query = query.where('m.body_id', '=', options.bodyId);
  const filter = visibleMeetings(options.actor, options.standing);
  if (filter) query = query.where(filter);
  const rows = await query
    .orderBy(sql`(m.ends_at < ${now})`)
    .orderBy(sql`CASE WHEN m.ends_at >= ${now} THEN m.starts_at END`, 'asc')
    .orderBy('m.starts_at', 'desc')
    .orderBy('m.id', 'desc')
    .limit(perPage)
    .offset((options.page - 1) * perPage)
    .execute();
  const total = Number(rows[0]?.total ?? 0);
  return {
    rows: rows.map(({ total: _total, ...row }) => normalise(row) as MeetingListItem),
    total,
    page: options.page,
    totalPages: Math.max(1, Math.ceil(total / perPage)),
  };
}

export interface ApiMeetingFilters {
  bodyId?: number | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  state?: MeetingState | undefined;
  /** The last id of the previous page. */
  afterId?: number | undefined;
  limit: number;
}

/** The API's list: by start, then id; `limit` rows after the cursor's meeting. One query. */
export async function meetingsForApi(db: Queryable, actor: Actor | null, standing: Standing, filters: ApiMeetingFilters): Promise<MeetingListItem[]> {
  let query = db.selectFrom('meetings as m').innerJoin('bodies as b', 'b.id', 'm.body_id').select([...LIST_COLUMNS]);
  const filter = visibleMeetings(actor, standing);
  if (filter) query = query.where(filter);
  if (filters.bodyId !== undefined) query = query.where('m.body_id', '=', filters.bodyId);
  if (filters.from) query = query.where('m.ends_at', '>', filters.from);
  if (filters.to) query = query.where('m.starts_at', '<', filters.to);
  if (filters.state) query = query.where('m.state', '=', filters.state);
  if (filters.afterId !== undefined) {
    query = query.where(sql<boolean>`(m.starts_at, m.id) > (SELECT c.starts_at, c.id FROM meetings c WHERE c.id = ${filters.afterId})`);
  }
  const rows = await query.orderBy('m.starts_at').orderBy('m.id').limit(filters.limit).execute();
  return rows.map((row) => normalise(row) as MeetingListItem);
}
