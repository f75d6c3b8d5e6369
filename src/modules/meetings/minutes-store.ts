/**
 * The minutes (acta) in the tables: a meeting's minutes rows (the current one is the newest: a
 * correction is always newer than the approved minutes it corrects), their objections, and what
 * the acta is made of — the agenda, who attended on whose behalf, the agreements and their
 * action items. Each read is one query, whatever the meeting's size.
 */
import type { Selectable } from 'kysely';
import type { Queryable, Trx } from '../../db/types.js';
import type { Translatable } from '../../kernel/i18n/translatable.js';
import type { College } from '../bodies/tables.js';
import type { ActionItemRow, AgreementRow } from './agreements-store.js';
import type { AgendaKind, MinutesRecordState, MinutesTable } from './tables.js';

export type MinutesRow = Omit<Selectable<MinutesTable>, 'deliberations'> & { deliberations: Record<string, string> };

function normalise(row: Selectable<MinutesTable>): MinutesRow {
  return {
    ...row,
    id: Number(row.id),
    meeting_id: Number(row.meeting_id),
    corrects_id: row.corrects_id === null ? null : Number(row.corrects_id),
    approved_in: row.approved_in === null ? null : Number(row.approved_in),
    created_by: row.created_by === null ? null : Number(row.created_by),
    deliberations: (typeof row.deliberations === 'string' ? JSON.parse(row.deliberations) : row.deliberations) ?? {},
    content: typeof row.content === 'string' ? (JSON.parse(row.content) as Record<string, unknown>) : row.content,
    objections_until: row.objections_until === null ? null : dateOnly(row.objections_until),
  };
}

/** A `date` column as `YYYY-MM-DD`, however the driver hands it back. */
function dateOnly(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).slice(0, 10);
}

/** Every minutes row of a meeting, oldest first (the last one is the current). */
export async function minutesOfMeeting(db: Queryable, meetingId: number): Promise<MinutesRow[]> {
  const rows = await db.selectFrom('minutes').selectAll().where('meeting_id', '=', meetingId).orderBy('id').execute();
  return rows.map(normalise);
}

/**
 * The meeting's current minutes (the open ones, or the last approved), or undefined. `forUpdate`
 * locks the row; `approvedOnly` gives the last approved minutes (what a reader outside the body sees).
 */
export async function currentMinutes(db: Queryable, meetingId: number, options: { forUpdate?: boolean; approvedOnly?: boolean } = {}): Promise<MinutesRow | undefined> {
  let query = db.selectFrom('minutes').selectAll().where('meeting_id', '=', meetingId).orderBy('id', 'desc').limit(1);
  if (options.approvedOnly) query = query.where('state', '=', 'approved');
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? normalise(row) : undefined;
}

export interface MinutesFields {
  place: string;
  started_at: Date;
  ended_at: Date;
  summary: string;
  deliberations: Record<string, string>;
}

export async function insertMinutes(trx: Trx, values: MinutesFields & { meeting_id: number; corrects_id: number | null; created_by: number | null }): Promise<number> {
  const row = await trx
    .insertInto('minutes')
    .values({ ...values, deliberations: JSON.stringify(values.deliberations) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function updateMinutesFields(trx: Trx, id: number, values: MinutesFields): Promise<void> {
  await trx
    .updateTable('minutes')
    .set({ ...values, deliberations: JSON.stringify(values.deliberations), updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function markCirculated(trx: Trx, id: number, objectionsUntil: string): Promise<void> {
  await trx.updateTable('minutes').set({ state: 'circulated', objections_until: objectionsUntil, circulated_at: new Date(), updated_at: new Date() }).where('id', '=', id).execute();
}

export async function markApproved(trx: Trx, id: number, values: { approved_in: number; content: unknown; content_hash: string }): Promise<Date> {
  const now = new Date();
  await trx
    .updateTable('minutes')
    .set({ state: 'approved', approved_in: values.approved_in, approved_at: now, content: JSON.stringify(values.content), content_hash: values.content_hash, updated_at: now })
    .where('id', '=', id)
    .execute();
  return now;
}

/** The meeting's `minutes_state` follows its current minutes. */
export async function mirrorMinutesState(trx: Trx, meetingId: number, state: MinutesRecordState): Promise<void> {
  await trx.updateTable('meetings').set({ minutes_state: state, updated_at: new Date() }).where('id', '=', meetingId).execute();
}

export interface ObjectionRow {
  id: number;
  minutes_id: number;
  person_id: number | null;
  person_name: string | null;
  text: string;
  created_at: Date;
}

/** The objections sent to these minutes, oldest first, with who sent them. */
export async function objectionsOf(db: Queryable, minutesId: number): Promise<ObjectionRow[]> {
  const rows = await db
    .selectFrom('minutes_objections as o')
    .leftJoin('users as u', 'u.id', 'o.person_id')
    .select(['o.id', 'o.minutes_id', 'o.person_id', 'u.name as person_name', 'o.text', 'o.created_at'])
    .where('o.minutes_id', '=', minutesId)
    .orderBy('o.id')
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id), minutes_id: Number(r.minutes_id), person_id: r.person_id === null ? null : Number(r.person_id), person_name: r.person_name ?? null }));
}

export async function insertObjection(trx: Trx, values: { minutes_id: number; person_id: number; text: string }): Promise<number> {
  const row = await trx.insertInto('minutes_objections').values(values).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export interface AgendaEntry {
  id: number;
  position: number;
  kind: AgendaKind;
  title: Translatable;
  presenter: string;
}

/** The meeting's agenda, in order. */
export async function agendaOfMeeting(db: Queryable, meetingId: number): Promise<AgendaEntry[]> {
  const rows = await db
    .selectFrom('agenda_items')
    .select(['id', 'position', 'kind', 'title', 'presenter'])
    .where('meeting_id', '=', meetingId)
    .orderBy('position')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id), position: Number(r.position) }));
}

export interface AttendeeRow {
  person_id: number;
  person_name: string;
  organisation_id: number | null;
  organisation_name: string | null;
  organisation_short_name: string | null;
  college: College;
  guest: boolean;
  on_behalf_of: number | null;
  on_behalf_of_name: string | null;
}

/** Who attended, as the secretary recorded it, with the organisations they represented. */
export async function attendeesOfMeeting(db: Queryable, meetingId: number): Promise<AttendeeRow[]> {
  const rows = await db
    .selectFrom('meeting_attendance as a')
    .innerJoin('users as u', 'u.id', 'a.person_id')
    .leftJoin('organisations as o', 'o.id', 'a.organisation_id')
    .leftJoin('users as b', 'b.id', 'a.on_behalf_of')
    .select([
      'a.person_id',
      'u.name as person_name',
      'a.organisation_id',
      'o.name as organisation_name',
      'o.short_name as organisation_short_name',
      'a.college',
      'a.guest',
      'a.on_behalf_of',
      'b.name as on_behalf_of_name',
    ])
    .where('a.meeting_id', '=', meetingId)
    .orderBy('u.name')
    .orderBy('a.person_id')
    .execute();
  return rows.map((r) => ({
    ...r,
    person_id: Number(r.person_id),
    organisation_id: r.organisation_id === null ? null : Number(r.organisation_id),
    organisation_name: r.organisation_name ?? null,
    organisation_short_name: r.organisation_short_name ?? null,
    on_behalf_of: r.on_behalf_of === null ? null : Number(r.on_behalf_of),
    on_behalf_of_name: r.on_behalf_of_name ?? null,
  }));
}

/** An agreement as the minutes record it (the register's row, without its body, meeting and item). */
export type AgreementEntry = Pick<AgreementRow, 'id' | 'agenda_item_id' | 'year' | 'number' | 'text' | 'method' | 'result' | 'adopted_on'>;

/** An action item as the minutes record it. */
export type ActionEntry = Pick<ActionItemRow, 'id' | 'agreement_id' | 'title' | 'owner_person_name' | 'owner_organisation_name' | 'due_on'>;

/** The meeting's agreements in number order, and their action items: two queries. */
export async function agreementsOfMeeting(db: Queryable, meetingId: number): Promise<{ agreements: AgreementEntry[]; actions: ActionEntry[] }> {
  const rows = await db
    .selectFrom('agreements')
    .select(['id', 'agenda_item_id', 'year', 'number', 'text', 'method', 'result', 'adopted_on'])
    .where('meeting_id', '=', meetingId)
    .orderBy('year')
    .orderBy('number')
    .execute();
  const agreements = rows.map((r) => ({ ...r, id: Number(r.id), agenda_item_id: Number(r.agenda_item_id), year: Number(r.year), number: Number(r.number), adopted_on: dateOnly(r.adopted_on) }));
  const actionRows = await db
    .selectFrom('action_items as i')
    .innerJoin('agreements as g', 'g.id', 'i.agreement_id')
    .leftJoin('users as u', 'u.id', 'i.owner_person_id')
    .leftJoin('organisations as o', 'o.id', 'i.owner_organisation_id')
    .select(['i.id', 'i.agreement_id', 'i.title', 'u.name as owner_person_name', 'o.name as owner_organisation_name', 'i.due_on'])
    .where('g.meeting_id', '=', meetingId)
    .orderBy('i.id')
    .execute();
  const actions = actionRows.map((r) => ({
    ...r,
    id: Number(r.id),
    agreement_id: Number(r.agreement_id),
    owner_person_name: r.owner_person_name ?? null,
    owner_organisation_name: r.owner_organisation_name ?? null,
    due_on: dateOnly(r.due_on),
  }));
  return { agreements, actions };
}

/** The people with an active mandate in the body on `day` (alternates and observers too: all may read and object). */
export async function bodyMemberIds(db: Queryable, bodyId: number, day: string): Promise<number[]> {
  const rows = await db
    .selectFrom('mandates')
    .select('person_id')
    .distinct()
    .where('body_id', '=', bodyId)
    .where('starts_on', '<=', day)
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>', day)]))
    .execute();
  return rows.map((r) => Number(r.person_id));
}

export interface ApprovingCandidate {
  id: number;
  title: Translatable;
  starts_at: Date;
  state: string;
}

/** Meetings of the body that may approve minutes of a meeting starting at `from`: it and later ones that are held or have started. */
export async function approvingCandidates(db: Queryable, bodyId: number, meetingId: number, from: Date, now: Date): Promise<ApprovingCandidate[]> {
  const rows = await db
    .selectFrom('meetings')
    .select(['id', 'title', 'starts_at', 'state'])
    .where('body_id', '=', bodyId)
    .where((eb) =>
      eb.or([
        eb('id', '=', meetingId),
        eb.and([eb('starts_at', '>', from), eb.or([eb('state', '=', 'held'), eb.and([eb('state', '=', 'convened'), eb('starts_at', '<=', now)])])]),
      ]),
    )
    .orderBy('starts_at')
    .limit(30)
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/** A meeting's title, body and start, to judge or name an approving meeting. */
export async function meetingBrief(db: Queryable, id: number): Promise<{ id: number; body_id: number; title: Translatable; starts_at: Date; state: string } | undefined> {
  const row = await db.selectFrom('meetings').select(['id', 'body_id', 'title', 'starts_at', 'state']).where('id', '=', id).executeTakeFirst();
  return row ? { ...row, id: Number(row.id), body_id: Number(row.body_id) } : undefined;
}
