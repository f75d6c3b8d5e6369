/**
 * Attendance and quorum of a meeting. Who sits in the body is judged on the meeting's day (the
 * date of `starts_at` on Barcelona's clock): mandates active that day. A seat is a mandate in any
 * role but `alternate` and `observer`; a person with several seats in the body is one member
 * (their first seat, by role, names their organisation and college).
 *
 * What counts, from the recorded attendance:
 * - a seated member present as themselves counts for themselves;
 * - a person present `on_behalf_of` a seated member (their alternate, or whoever the secretary
 *   recorded in their place) counts for that member, and so for the member's organisation —
 *   whoever that person is (if they hold a seat of their own too, they also count for it);
 * - guests never count; nor does an alternate or observer present for no one.
 *
 * Basis `members`: distinct seated members present or represented / seated members.
 * Basis `organisations`: distinct organisations with a seated member present or represented /
 * organisations holding a seat; a seat held without an organisation (trajectory, non-articulated
 * economies, experts sitting as individuals) counts as one unit of its own, as an organisation
 * would.
 * The per-college breakdown is always in members (present or represented / seated), whatever
 * the basis, so its rows add up to the seats.
 * Quorum is reached when present × 100 ≥ percent × total (and there is at least one seat).
 */
import { sql } from 'kysely';
import type { Queryable } from '../../db/types.js';
import { todayInSpace } from '../../kernel/i18n/index.js';
import { COLLEGES, type College, type MandateRole } from '../bodies/tables.js';
import type { MeetingRules } from './rules.js';
import type { QuorumBasis } from './tables.js';

/** A seated member of the body on the meeting's day. */
export interface Seat {
  person_id: number;
  organisation_id: number | null;
  college: College;
}

/** One recorded attendee. */
export interface Attendance {
  person_id: number;
  organisation_id: number | null;
  college: College;
  on_behalf_of: number | null;
  guest: boolean;
}

export interface CollegeCount {
  present: number;
  total: number;
}

export interface Quorum {
  basis: QuorumBasis;
  /** The share needed, in percent. */
  percent: number;
  present: number;
  total: number;
  /** present / total in whole percent, rounded down (0 when there is no seat). */
  share: number;
  reached: boolean;
  by_college: Record<College, CollegeCount>;
}

/** The unit a seat counts as on the organisations basis: its organisation, or the person sitting alone. */
function unitOf(seat: Seat): string {
  return seat.organisation_id === null ? `person:${seat.person_id}` : `organisation:${seat.organisation_id}`;
}

/** The seated members who are present or represented, by person id. */
export function representedMembers(seats: readonly Seat[], attendance: readonly Attendance[]): Set<number> {
  const seated = new Set(seats.map((seat) => seat.person_id));
  const represented = new Set<number>();
  for (const row of attendance) {
    if (row.guest) continue;
    if (seated.has(row.person_id)) represented.add(row.person_id);
    if (row.on_behalf_of !== null && seated.has(row.on_behalf_of)) represented.add(row.on_behalf_of);
  }
  return represented;
}

/** Quorum from the seats on the day and who attended; pure. */
export function computeQuorum(seats: readonly Seat[], attendance: readonly Attendance[], rules: Pick<MeetingRules, 'quorumBasis' | 'quorumPercent'>): Quorum {
  // One seat per person (the first given).
  const byPerson = new Map<number, Seat>();
  for (const seat of seats) if (!byPerson.has(seat.person_id)) byPerson.set(seat.person_id, seat);
  const members = [...byPerson.values()];
  const represented = representedMembers(members, attendance);

  const by_college = Object.fromEntries(COLLEGES.map((college) => [college, { present: 0, total: 0 }])) as Record<College, CollegeCount>;
  for (const seat of members) {
    const count = by_college[seat.college];
    count.total += 1;
    if (represented.has(seat.person_id)) count.present += 1;
  }

  let present: number;
  let total: number;
  if (rules.quorumBasis === 'organisations') {
    const units = new Set(members.map(unitOf));
    const presentUnits = new Set(members.filter((seat) => represented.has(seat.person_id)).map(unitOf));
    present = presentUnits.size;
    total = units.size;
  } else {
    present = represented.size;
    total = members.length;
  }
  const reached = total > 0 && present * 100 >= rules.quorumPercent * total;
  const share = total === 0 ? 0 : Math.floor((present * 100) / total);
  return { basis: rules.quorumBasis, percent: rules.quorumPercent, present, total, share, reached, by_college };
}

/** The day the body's composition is judged on for a meeting: the date its start reads in Barcelona. */
export function meetingDay(startsAt: Date | string): string {
  return todayInSpace(new Date(startsAt));
}

/** A member of the body on the day, as the attendance form and the minutes show them. */
export interface MemberRow extends Seat {
  name: string;
  organisation: string | null;
  role: MandateRole;
}

/** Someone with an `alternate` (or `observer`) mandate in the body on the day, and no seat. */
export interface AlternateRow {
  person_id: number;
  name: string;
  organisation_id: number | null;
  organisation: string | null;
  college: College;
}

/** A recorded attendee with the names the pages, the API and the minutes show. */
export interface AttendeeRow extends Attendance {
  name: string;
  organisation: string | null;
  /** The name of the member they stood in for. */
  on_behalf_of_name: string | null;
}

export interface MeetingAttendance {
  /** `YYYY-MM-DD`: the day the body's composition is read for. */
  day: string;
  /** Seated members, by college, organisation and name. */
  members: MemberRow[];
  /** People with an alternate mandate in the body on the day (and no seat). */
  alternates: AlternateRow[];
  /** People with an observer mandate in the body on the day (and no seat nor alternate mandate). */
  observers: AlternateRow[];
  /** Who attended, ordered by organisation (individuals last) then name. */
  attendees: AttendeeRow[];
  quorum: Quorum;
}

/** Seats before other roles, so a person's first row names the seat they count for. */
const ROLE_ORDER: Record<MandateRole, number> = { chair: 0, secretary: 1, coordinator: 2, member: 3, council_liaison: 4, alternate: 5, observer: 6 };
const NOT_SEATS: ReadonlySet<MandateRole> = new Set(['alternate', 'observer']);

const collator = new Intl.Collator('ca', { sensitivity: 'base' });

/** The body's mandates active on `day`, with names: one query. */
async function mandatesOn(db: Queryable, bodyId: number, day: string) {
  const rows = await db
    .selectFrom('mandates as m')
    .innerJoin('users as u', 'u.id', 'm.person_id')
    .leftJoin('organisations as o', 'o.id', 'm.organisation_id')
    .select(['m.id', 'm.person_id', 'm.organisation_id', 'm.college', 'm.role', 'u.name', 'o.name as organisation'])
    .where('m.body_id', '=', bodyId)
    .where('m.starts_on', '<=', sql<string>`${day}::date`)
    .where((eb) => eb.or([eb('m.ends_on', 'is', null), eb('m.ends_on', '>', sql<string>`${day}::date`)]))
    .execute();
  return rows.map((row) => ({ ...row, id: Number(row.id), person_id: Number(row.person_id), organisation_id: row.organisation_id === null ? null : Number(row.organisation_id) }));
}

/** The recorded attendance of a meeting, with names: one query. */
async function attendanceOf(db: Queryable, meetingId: number): Promise<AttendeeRow[]> {
  const rows = await db
    .selectFrom('meeting_attendance as a')
    .innerJoin('users as u', 'u.id', 'a.person_id')
    .leftJoin('organisations as o', 'o.id', 'a.organisation_id')
    .leftJoin('users as b', 'b.id', 'a.on_behalf_of')
    .select(['a.person_id', 'a.organisation_id', 'a.college', 'a.on_behalf_of', 'a.guest', 'u.name', 'o.name as organisation', 'b.name as on_behalf_of_name'])
    .where('a.meeting_id', '=', meetingId)
    .execute();
  return rows.map((row) => ({
    ...row,
    person_id: Number(row.person_id),
    organisation_id: row.organisation_id === null ? null : Number(row.organisation_id),
    on_behalf_of: row.on_behalf_of === null ? null : Number(row.on_behalf_of),
  }));
}

/** Organisations by name, people sitting alone after them; then by name. */
export function byOrganisationThenName<T extends { organisation: string | null; name: string }>(a: T, b: T): number {
  if (a.organisation !== b.organisation) {
    if (a.organisation === null) return 1;
    if (b.organisation === null) return -1;
    const byOrg = collator.compare(a.organisation, b.organisation);
    if (byOrg !== 0) return byOrg;
  }
  return collator.compare(a.name, b.name);
}

/**
 * The loader every part showing attendance uses (the meeting page, the attendance form, the
 * API, the minutes): the body's members and alternates on the meeting's day, who attended and
 * the quorum. Two queries, whatever the number of members or attendees.
 */
export async function loadMeetingAttendance(
  db: Queryable,
  meeting: { id: number; body_id: number; starts_at: Date | string },
  rules: Pick<MeetingRules, 'quorumBasis' | 'quorumPercent'>,
): Promise<MeetingAttendance> {
  const day = meetingDay(meeting.starts_at);
  const [mandates, attendees] = await Promise.all([mandatesOn(db, meeting.body_id, day), attendanceOf(db, meeting.id)]);
  mandates.sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.id - b.id);
  const members: MemberRow[] = [];
  const alternates: AlternateRow[] = [];
  const observers: AlternateRow[] = [];
  // Seats come first (ROLE_ORDER): a person is a member, else an alternate, else an observer.
  const seen = new Set<number>();
  for (const mandate of mandates) {
    if (seen.has(mandate.person_id)) continue;
    seen.add(mandate.person_id);
    const person = { person_id: mandate.person_id, organisation_id: mandate.organisation_id, college: mandate.college, name: mandate.name, organisation: mandate.organisation };
    if (!NOT_SEATS.has(mandate.role)) members.push({ ...person, role: mandate.role });
    else (mandate.role === 'alternate' ? alternates : observers).push(person);
  }
  const collegeOrder = (college: College) => COLLEGES.indexOf(college);
  members.sort((a, b) => collegeOrder(a.college) - collegeOrder(b.college) || byOrganisationThenName(a, b));
  alternates.sort(byOrganisationThenName);
  observers.sort(byOrganisationThenName);
  attendees.sort(byOrganisationThenName);
  return { day, members, alternates, observers, attendees, quorum: computeQuorum(members, attendees, rules) };
}

/** Attendees grouped by the organisation they represented (people sitting alone last, as one group with a null organisation). */
export function attendeesByOrganisation(attendees: readonly AttendeeRow[]): Array<{ organisation_id: number | null; organisation: string | null; people: AttendeeRow[] }> {
  const groups: Array<{ organisation_id: number | null; organisation: string | null; people: AttendeeRow[] }> = [];
  const index = new Map<string, number>();
  for (const attendee of [...attendees].sort(byOrganisationThenName)) {
    const key = attendee.organisation_id === null ? 'none' : String(attendee.organisation_id);
    let at = index.get(key);
    if (at === undefined) {
      at = groups.length;
      index.set(key, at);
      groups.push({ organisation_id: attendee.organisation_id, organisation: attendee.organisation, people: [] });
    }
    groups[at]?.people.push(attendee);
  }
  return groups;
}
