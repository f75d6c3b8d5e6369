/** Kysely types of the meetings' tables (migration 0010): meetings, agenda, dossier, answers, attendance, minutes, agreements, action items. */
import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { Translatable } from '../../kernel/i18n/translatable.js';
import type { College } from '../bodies/tables.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T extends object> = JSONColumnType<T, string, string>;
type NullableJson<T extends object> = JSONColumnType<T | null, string | null | undefined, string | null>;

export const MEETING_KINDS = ['ordinary', 'extraordinary'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const MEETING_FORMATS = ['in_person', 'online', 'hybrid'] as const;
export type MeetingFormat = (typeof MEETING_FORMATS)[number];
export const MEETING_STATES = ['draft', 'convened', 'held', 'cancelled'] as const;
export type MeetingState = (typeof MEETING_STATES)[number];
export const MINUTES_STATES = ['none', 'draft', 'circulated', 'approved'] as const;
export type MinutesState = (typeof MINUTES_STATES)[number];
export const AGENDA_KINDS = ['information', 'deliberation', 'decision'] as const;
export type AgendaKind = (typeof AGENDA_KINDS)[number];
export const ANSWERS = ['attending', 'excused', 'alternate'] as const;
export type Answer = (typeof ANSWERS)[number];
export const AGREEMENT_METHODS = ['consensus', 'vote'] as const;
export type AgreementMethod = (typeof AGREEMENT_METHODS)[number];
export const ACTION_STATES = ['open', 'in_progress', 'done', 'dropped'] as const;
export type ActionState = (typeof ACTION_STATES)[number];
export const QUORUM_BASES = ['members', 'organisations'] as const;
export type QuorumBasis = (typeof QUORUM_BASES)[number];

/** A vote's result: counts per option (and per college), and each voter's option when the body names votes. */
export interface VoteResult {
  options: Array<{ label: string; count: number; by_college?: Partial<Record<College, number>> }>;
  named?: Array<{ person_id: number; name: string; option: number }>;
}

export interface StoredFilesTable {
  id: Generated<number>;
  sha256: string;
  media_type: string;
  byte_size: number;
  content: Uint8Array;
  uploaded_by: number | null;
  created_at: Timestamp;
}

export interface MeetingsTable {
  id: Generated<number>;
  body_id: number;
  kind: ColumnType<MeetingKind, MeetingKind | undefined, MeetingKind>;
  format: ColumnType<MeetingFormat, MeetingFormat | undefined, MeetingFormat>;
  title: Json<Translatable>;
  description: ColumnType<string, string | undefined, string>;
  starts_at: Timestamp;
  ends_at: Timestamp;
  place: string | null;
  online_url: string | null;
  state: ColumnType<MeetingState, MeetingState | undefined, MeetingState>;
  urgency_reason: string | null;
  cancel_reason: string | null;
  convened_at: NullableTimestamp;
  cancelled_at: NullableTimestamp;
  sequence: ColumnType<number, number | undefined, number>;
  reminded_for: NullableTimestamp;
  minutes_state: ColumnType<MinutesState, MinutesState | undefined, MinutesState>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AgendaItemsTable {
  id: Generated<number>;
  meeting_id: number;
  position: number;
  kind: ColumnType<AgendaKind, AgendaKind | undefined, AgendaKind>;
  title: Json<Translatable>;
  description: ColumnType<string, string | undefined, string>;
  presenter: ColumnType<string, string | undefined, string>;
  duration_minutes: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AgendaItemLinksTable {
  agenda_item_id: number;
  target_type: string;
  target_id: number;
  position: ColumnType<number, number | undefined, number>;
}

export interface DossierEntriesTable {
  id: Generated<number>;
  meeting_id: number;
  agenda_item_id: number | null;
  title: string;
  file_id: number | null;
  file_name: string | null;
  url: string | null;
  added_by: number | null;
  created_at: Timestamp;
}

export interface MeetingAnswersTable {
  meeting_id: number;
  person_id: number;
  answer: Answer;
  alternate_id: number | null;
  via: ColumnType<'site' | 'link' | 'api', 'site' | 'link' | 'api' | undefined, 'site' | 'link' | 'api'>;
  answered_at: Timestamp;
}

export interface MeetingAttendanceTable {
  meeting_id: number;
  person_id: number;
  organisation_id: number | null;
  college: College;
  on_behalf_of: number | null;
  guest: ColumnType<boolean, boolean | undefined, boolean>;
  recorded_by: number | null;
  recorded_at: Timestamp;
}

export type MinutesRecordState = Exclude<MinutesState, 'none'>;

export interface MinutesTable {
  id: Generated<number>;
  meeting_id: number;
  corrects_id: number | null;
  state: ColumnType<MinutesRecordState, MinutesRecordState | undefined, MinutesRecordState>;
  place: string | null;
  started_at: NullableTimestamp;
  ended_at: NullableTimestamp;
  summary: ColumnType<string, string | undefined, string>;
  /** Per agenda item id: the markdown summary of its deliberation. */
  deliberations: JSONColumnType<Record<string, string>, string | undefined, string>;
  objections_until: string | null;
  circulated_at: NullableTimestamp;
  approved_at: NullableTimestamp;
  approved_in: number | null;
  content: NullableJson<Record<string, unknown>>;
  content_hash: string | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MinutesObjectionsTable {
  id: Generated<number>;
  minutes_id: number;
  person_id: number | null;
  text: string;
  created_at: Timestamp;
}

export interface AgreementsTable {
  id: Generated<number>;
  body_id: number;
  meeting_id: number;
  agenda_item_id: number;
  year: number;
  number: number;
  text: Json<Translatable>;
  search_text: ColumnType<string, string | undefined, string>;
  method: AgreementMethod;
  result: NullableJson<VoteResult>;
  /** `YYYY-MM-DD` */
  adopted_on: string;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ActionItemsTable {
  id: Generated<number>;
  agreement_id: number;
  body_id: number;
  title: string;
  owner_person_id: number | null;
  owner_organisation_id: number | null;
  /** `YYYY-MM-DD` */
  due_on: string;
  state: ColumnType<ActionState, ActionState | undefined, ActionState>;
  done_on: string | null;
  reminded: ColumnType<string[], string[] | undefined, string[]>;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MeetingsTables {
  stored_files: StoredFilesTable;
  meetings: MeetingsTable;
  agenda_items: AgendaItemsTable;
  agenda_item_links: AgendaItemLinksTable;
  dossier_entries: DossierEntriesTable;
  meeting_answers: MeetingAnswersTable;
  meeting_attendance: MeetingAttendanceTable;
  minutes: MinutesTable;
  minutes_objections: MinutesObjectionsTable;
  agreements: AgreementsTable;
  action_items: ActionItemsTable;
}
