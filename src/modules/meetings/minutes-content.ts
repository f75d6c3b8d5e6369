/**
 * The acta as one document: what the law asks of minutes — the body and the meeting, place,
 * start and end, who attended (by organisation), the agenda with the main points of deliberation
 * under each item, and every agreement with its method, result and action items. Draft minutes
 * are shown from it as built now; approved minutes keep it frozen (`minutes.content`), and its
 * SHA-256 over the stable JSON form (`minutes.content_hash`) is shown and written to the audit
 * chain, so anyone can recompute it.
 */
import type { Queryable } from '../../db/types.js';
import { sha256 } from '../../kernel/crypto.js';
import type { Translatable } from '../../kernel/i18n/translatable.js';
import { stableStringify, toJsonValue } from '../../kernel/stable-json.js';
import type { College } from '../bodies/tables.js';
import { agendaOfMeeting, agreementsOfMeeting, attendeesOfMeeting, type AttendeeRow, type MinutesRow } from './minutes-store.js';
import type { MeetingWithBody } from './store.js';
import type { AgendaKind, AgreementMethod, VoteResult } from './tables.js';

export const MINUTES_FORMAT = 'teixit.minutes/1';

export interface MinutesAttendee {
  id: number;
  name: string;
  college: College;
  guest: boolean;
  /** The member an alternate stood in for. */
  on_behalf_of: { id: number; name: string } | null;
}

export interface MinutesAttendanceGroup {
  /** null: people who sat as individuals (no organisation). */
  organisation: { id: number; name: string; short_name: string } | null;
  people: MinutesAttendee[];
}

export interface MinutesAction {
  id: number;
  title: string;
  owner_person: string | null;
  owner_organisation: string | null;
  due_on: string;
}

export interface MinutesAgreement {
  id: number;
  /** Its number within the body and year: `2026/7`. */
  number: string;
  text: Translatable;
  method: AgreementMethod;
  result: VoteResult | null;
  adopted_on: string;
  action_items: MinutesAction[];
}

export interface MinutesItem {
  id: number;
  position: number;
  kind: AgendaKind;
  title: Translatable;
  presenter: string;
  /** Main points of its deliberation (markdown); '' when none were written. */
  deliberation: string;
  agreements: MinutesAgreement[];
}

export interface MinutesDocument {
  format: string;
  minutes_id: number;
  /** The approved minutes these correct, or null. */
  corrects: number | null;
  body: { id: number; slug: string; name: Translatable };
  meeting: { id: number; title: Translatable; kind: string; format: string; scheduled_start: string; scheduled_end: string; online_url: string | null };
  place: string | null;
  started_at: string | null;
  ended_at: string | null;
  /** Opening and anything outside the items (markdown). */
  summary: string;
  attendance: MinutesAttendanceGroup[];
  agenda: MinutesItem[];
}

function iso(value: Date | string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

/** Attendees grouped by the organisation they represented (by name), individuals last. */
export function groupAttendees(rows: readonly AttendeeRow[]): MinutesAttendanceGroup[] {
  const groups = new Map<number | null, MinutesAttendanceGroup>();
  for (const row of rows) {
    let group = groups.get(row.organisation_id);
    if (!group) {
      group = {
        organisation: row.organisation_id === null ? null : { id: row.organisation_id, name: row.organisation_name ?? '', short_name: row.organisation_short_name ?? '' },
        people: [],
      };
      groups.set(row.organisation_id, group);
    }
    group.people.push({
      id: row.person_id,
      name: row.person_name,
      college: row.college,
      guest: row.guest,
      on_behalf_of: row.on_behalf_of === null ? null : { id: row.on_behalf_of, name: row.on_behalf_of_name ?? '' },
    });
  }
  return [...groups.values()].sort((a, b) => {
    if (a.organisation === null) return 1;
    if (b.organisation === null) return -1;
    return a.organisation.name.localeCompare(b.organisation.name, 'ca') || a.organisation.id - b.organisation.id;
  });
}

/** The acta as it reads now, from the minutes row and the meeting's agenda, attendance and agreements (four queries). */
export async function buildMinutesDocument(db: Queryable, found: MeetingWithBody, minutes: MinutesRow): Promise<MinutesDocument> {
  const { meeting, body } = found;
  const [agenda, attendees, { agreements, actions }] = await Promise.all([agendaOfMeeting(db, meeting.id), attendeesOfMeeting(db, meeting.id), agreementsOfMeeting(db, meeting.id)]);
  const actionsByAgreement = new Map<number, MinutesAction[]>();
  for (const action of actions) {
    const list = actionsByAgreement.get(action.agreement_id) ?? [];
    list.push({ id: action.id, title: action.title, owner_person: action.owner_person_name, owner_organisation: action.owner_organisation_name, due_on: action.due_on });
    actionsByAgreement.set(action.agreement_id, list);
  }
  const agreementsByItem = new Map<number, MinutesAgreement[]>();
  for (const agreement of agreements) {
    const list = agreementsByItem.get(agreement.agenda_item_id) ?? [];
    list.push({
      id: agreement.id,
      number: `${agreement.year}/${agreement.number}`,
      text: agreement.text,
      method: agreement.method,
      result: agreement.result ?? null,
      adopted_on: agreement.adopted_on,
      action_items: actionsByAgreement.get(agreement.id) ?? [],
    });
    agreementsByItem.set(agreement.agenda_item_id, list);
  }
  const document: MinutesDocument = {
    format: MINUTES_FORMAT,
    minutes_id: minutes.id,
    corrects: minutes.corrects_id,
    body: { id: body.id, slug: body.slug, name: body.name },
    meeting: {
      id: meeting.id,
      title: meeting.title,
      kind: meeting.kind,
      format: meeting.format,
      scheduled_start: iso(meeting.starts_at) ?? '',
      scheduled_end: iso(meeting.ends_at) ?? '',
      online_url: meeting.online_url,
    },
    place: minutes.place,
    started_at: iso(minutes.started_at),
    ended_at: iso(minutes.ended_at),
    summary: minutes.summary,
    attendance: groupAttendees(attendees),
    agenda: agenda.map((item) => ({
      id: item.id,
      position: item.position,
      kind: item.kind,
      title: item.title,
      presenter: item.presenter,
      deliberation: minutes.deliberations[String(item.id)] ?? '',
      agreements: agreementsByItem.get(item.id) ?? [],
    })),
  };
  // Exactly what jsonb will hand back (no undefined, dates as text), so the hash recomputes.
  return toJsonValue(document) as MinutesDocument;
}

/** The SHA-256 (hex) of the document's stable JSON: keys sorted at every level. */
export function minutesHash(content: unknown): string {
  return sha256(stableStringify(content));
}
