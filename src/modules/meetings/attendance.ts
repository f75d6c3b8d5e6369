/**
 * Recording who attended a meeting: the secretary (whoever runs the body's meetings) replaces
 * the whole attendance set at once — the form and `PUT /meetings/{id}/attendance` both send it
 * entire. Allowed once a convened meeting has started, or when it is held; never for a draft, a
 * cancelled meeting, one still to come, nor once its minutes are approved (they list the
 * attendees, frozen).
 *
 * Each row is checked against the body on the meeting's day:
 * - a guest: any existing account (never counted for quorum); its organisation, if given, any
 *   organisation of the directory;
 * - someone standing in for a member (`on_behalf_of`): any existing account; the member must hold
 *   a seat that day, not be present themselves, and have only one stand-in; the row takes the
 *   member's organisation and college (an alternate counts for the member's organisation);
 * - anyone else must hold a mandate in the body that day (a seat, or an alternate or observer
 *   mandate); the row takes that mandate's organisation and college.
 * Bad rows are refused all together (422, a message per field `items.N.<field>`); nothing changes.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import { defineCommand } from '../../kernel/commands.js';
import { AppError, type FieldErrors } from '../../kernel/errors.js';
import { translate, type Locale } from '../../kernel/i18n/index.js';
import type { Queryable } from '../../db/types.js';
import type { College } from '../bodies/tables.js';
import { manageMeetings, type MeetingResource } from './policies.js';
import { loadMeetingAttendance, type Attendance, type MeetingAttendance } from './quorum.js';
import { ID, meetingFor, touchMeeting, type MeetingAccess, type MeetingRow } from './store.js';

/** The most rows one save takes (a plenary has a few hundred seats at most). */
export const MAX_ATTENDEES = 2000;

/** Why attendance cannot be recorded for this meeting now (409), or null when it can. */
export function attendanceRefusal(meeting: Pick<MeetingRow, 'state' | 'minutes_state' | 'starts_at'>, now: Date = new Date()): AppError | null {
  const key = (reason: string) => new AppError('conflict', { messageKey: `meetings_attendance.refused.${reason}` });
  if (meeting.minutes_state === 'approved') return key('minutes_approved');
  if (meeting.state === 'draft') return key('draft');
  if (meeting.state === 'cancelled') return key('cancelled');
  if (meeting.state === 'convened' && new Date(meeting.starts_at).getTime() > now.getTime()) return key('not_started');
  return null;
}

const idInput = z
  .union([z.string(), z.number()])
  .transform((value, ctx) => {
    const text = String(value);
    if (!ID.test(text)) {
      ctx.addIssue({ code: 'custom', message: 'meetings_attendance.errors.id_invalid' });
      return z.NEVER;
    }
    return Number(text);
  });

export const attendanceItemSchema = z.object({
  person_id: idInput,
  organisation_id: idInput.nullish(),
  on_behalf_of: idInput.nullish(),
  guest: z.boolean().optional(),
});

export const attendanceInputSchema = z.object({
  meeting_id: z.number().int().positive(),
  items: z.array(attendanceItemSchema).max(MAX_ATTENDEES, { message: 'meetings_attendance.errors.too_many' }),
});

export type AttendanceItemInput = z.input<typeof attendanceItemSchema>;
type AttendanceItem = z.output<typeof attendanceItemSchema>;

const err = (locale: Locale, key: string, params?: Record<string, string | number>) => translate(locale, `meetings_attendance.errors.${key}`, params);

/** Existing (not deleted) accounts among these ids: one query. */
async function existingPeople(db: Queryable, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('users').select('id').where('id', 'in', ids).where('status', '<>', 'deleted').execute();
  return new Set(rows.map((row) => Number(row.id)));
}

/** Organisations among these ids, with their kind: one query. */
async function organisationKinds(db: Queryable, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('organisations').select(['id', 'kind']).where('id', 'in', ids).execute();
  return new Map(rows.map((row) => [Number(row.id), row.kind]));
}

/**
 * Checks every row against the body on the day and turns it into what is stored; throws one 422
 * naming every bad field. Two queries at most, whatever the number of rows.
 */
export async function checkAttendance(db: Queryable, items: readonly AttendanceItem[], body: MeetingAttendance, locale: Locale): Promise<Attendance[]> {
  const members = new Map(body.members.map((member) => [member.person_id, member]));
  const others = new Map([...body.observers, ...body.alternates].map((person) => [person.person_id, person]));
  const ids = new Set<number>();
  for (const item of items) {
    ids.add(item.person_id);
    if (item.on_behalf_of != null) ids.add(item.on_behalf_of);
  }
  const guestOrganisations = [...new Set(items.filter((item) => item.guest && item.organisation_id != null).map((item) => item.organisation_id as number))];
  const [people, organisations] = await Promise.all([existingPeople(db, [...ids]), organisationKinds(db, guestOrganisations)]);

  const errors: FieldErrors = {};
  const fail = (index: number, field: string, key: string, params?: Record<string, string | number>) => {
    errors[`items.${index}.${field}`] ??= err(locale, key, params);
  };
  const seenPeople = new Set<number>();
  const presentThemselves = new Set(items.filter((item) => !item.guest && item.on_behalf_of == null).map((item) => item.person_id));
  const standIns = new Map<number, number>();
  const rows: Attendance[] = [];

  items.forEach((item, index) => {
    if (seenPeople.has(item.person_id)) return fail(index, 'person_id', 'duplicate');
    seenPeople.add(item.person_id);
    if (!people.has(item.person_id)) return fail(index, 'person_id', 'person_unknown');
    const guest = item.guest === true;
    if (guest) {
      if (item.on_behalf_of != null) return fail(index, 'on_behalf_of', 'guest_stands_in');
      const organisationId = item.organisation_id ?? null;
      let college: College = 'trajectory';
      if (organisationId !== null) {
        const kind = organisations.get(organisationId);
        if (kind === undefined) return fail(index, 'organisation_id', 'organisation_unknown');
        college = kind === 'administration' ? 'council' : 'entity';
      }
      rows.push({ person_id: item.person_id, organisation_id: organisationId, college, on_behalf_of: null, guest: true });
      return;
    }
    if (item.on_behalf_of != null) {
      const member = members.get(item.on_behalf_of);
      if (item.on_behalf_of === item.person_id) return fail(index, 'on_behalf_of', 'stands_in_for_self');
      if (!member) return fail(index, 'on_behalf_of', 'not_a_member');
      if (presentThemselves.has(member.person_id)) return fail(index, 'on_behalf_of', 'member_present');
      if (standIns.has(member.person_id)) return fail(index, 'on_behalf_of', 'already_represented');
      standIns.set(member.person_id, item.person_id);
      if (item.organisation_id != null && item.organisation_id !== member.organisation_id) return fail(index, 'organisation_id', 'organisation_not_seat');
      rows.push({ person_id: item.person_id, organisation_id: member.organisation_id, college: member.college, on_behalf_of: member.person_id, guest: false });
      return;
    }
    const seat = members.get(item.person_id) ?? others.get(item.person_id);
    if (!seat) return fail(index, 'person_id', 'not_in_body');
    if (item.organisation_id != null && item.organisation_id !== seat.organisation_id) return fail(index, 'organisation_id', 'organisation_not_seat');
    rows.push({ person_id: item.person_id, organisation_id: seat.organisation_id, college: seat.college, on_behalf_of: null, guest: false });
  });
  if (Object.keys(errors).length > 0) throw new AppError('validation_failed', { fields: errors });
  return rows;
}

/** A row as the audit trail keeps it: who, for whom, as what. */
const audited = (row: Attendance) => ({ person_id: row.person_id, organisation_id: row.organisation_id, college: row.college, on_behalf_of: row.on_behalf_of, guest: row.guest });
const byPerson = (a: { person_id: number }, b: { person_id: number }) => a.person_id - b.person_id;

type Loaded = MeetingResource & { access: MeetingAccess };

/**
 * Replaces a meeting's attendance with `items`. Those who run the body's meetings; audited with
 * the set before and after (public when the body's meetings are). Returns the attendance and
 * quorum as now recorded.
 */
export const recordAttendance = defineCommand({
  name: 'meetings.attendance.record',
  input: attendanceInputSchema,
  policy: manageMeetings,
  load: async (tx, input): Promise<Loaded> => {
    const access = await meetingFor(tx.trx, tx.scope.actor, input.meeting_id, manageMeetings, { forUpdate: true });
    return { ...access.resource, access };
  },
  run: async (tx, input, { access }): Promise<MeetingAttendance> => {
    const { meeting, body } = access;
    const refusal = attendanceRefusal(meeting);
    if (refusal) throw refusal;
    const before = await loadMeetingAttendance(tx.trx, meeting, body.rules);
    const rows = await checkAttendance(tx.trx, input.items, before, tx.scope.locale);
    await tx.trx.deleteFrom('meeting_attendance').where('meeting_id', '=', meeting.id).execute();
    if (rows.length > 0) {
      const recordedBy = tx.scope.actor?.id ?? null;
      await tx.trx
        .insertInto('meeting_attendance')
        .values(rows.map((row) => ({ ...row, meeting_id: meeting.id, recorded_by: recordedBy, recorded_at: sql<Date>`now()` })))
        .execute();
    }
    await touchMeeting(tx.trx, meeting.id);
    await tx.audit({
      action: 'meetings.attendance.record',
      subjectType: 'meeting',
      subjectId: meeting.id,
      before: before.attendees.map(audited).sort(byPerson),
      after: rows.map(audited).sort(byPerson),
      visibility: body.rules.public ? 'public' : 'internal',
    });
    tx.emit({ type: 'meetings.attendance_recorded', tags: ['meetings'], payload: { meeting_id: meeting.id } });
    return loadMeetingAttendance(tx.trx, meeting, body.rules);
  },
});

/**
 * The account a form's text names: an e-mail address (exactly, any case) or a name (accents and
 * case aside) that only one account has. One query.
 */
export async function personByText(db: Queryable, text: string): Promise<{ id: number; name: string } | 'none' | 'ambiguous'> {
  const query = text.trim();
  if (query === '') return 'none';
  const rows = await db
    .selectFrom('users')
    .select(['id', 'name'])
    .where('status', '<>', 'deleted')
    .where((eb) => (query.includes('@') ? eb(sql`lower(email)`, '=', query.toLowerCase()) : eb(sql`teixit_fold(name)`, '=', sql`teixit_fold(${query})`)))
    .limit(2)
    .execute();
  const [first, second] = rows;
  if (!first) return 'none';
  if (second) return 'ambiguous';
  return { id: Number(first.id), name: first.name };
}
