/** Kysely types of the bodies' tables (migration 0003): bodies, mandates, join requests, reports, decisions. */
import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { Translatable } from '../../kernel/i18n/translatable.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T extends object> = JSONColumnType<T, string, string>;
type NullableJson<T extends object> = JSONColumnType<T | null, string | null | undefined, string | null>;

export const BODY_KINDS = ['plenary', 'steering', 'working_group'] as const;
export type BodyKind = (typeof BODY_KINDS)[number];
export const BODY_STATES = ['proposed', 'active', 'closing', 'closed', 'declined'] as const;
export type BodyState = (typeof BODY_STATES)[number];
export const COLLEGES = ['council', 'entity', 'trajectory', 'non_articulated', 'expert'] as const;
export type College = (typeof COLLEGES)[number];
export const MANDATE_ROLES = ['chair', 'coordinator', 'secretary', 'member', 'alternate', 'observer', 'council_liaison'] as const;
export type MandateRole = (typeof MANDATE_ROLES)[number];
export const JOIN_REQUEST_STATES = ['pending', 'accepted', 'declined', 'withdrawn'] as const;
export type JoinRequestState = (typeof JOIN_REQUEST_STATES)[number];
export const BODY_DECISION_ACTIONS = ['proposed', 'approved', 'declined', 'extended', 'closing', 'closed'] as const;
export type BodyDecisionAction = (typeof BODY_DECISION_ACTIONS)[number];

/** A working group's charter (proposta inicial de funcionament); every part is translatable. */
export interface Charter {
  objectives: Translatable;
  method: Translatable;
  cadence: Translatable;
  deliverables: Translatable;
}

export interface BodiesTable {
  id: Generated<number>;
  slug: string;
  kind: BodyKind;
  parent_id: number | null;
  name: Json<Translatable>;
  purpose: NullableJson<Translatable>;
  state: ColumnType<BodyState, BodyState | undefined, BodyState>;
  /** `YYYY-MM-DD` */
  starts_on: string | null;
  /** `YYYY-MM-DD`; required for working groups. */
  sunset_on: string | null;
  charter: NullableJson<Charter>;
  open: ColumnType<boolean, boolean | undefined, boolean>;
  /** Seats per representative entity; null: no limit. */
  seats_per_entity: number | null;
  /** Colleges that may sit; empty: any. */
  allowed_colleges: ColumnType<College[], College[] | undefined, College[]>;
  /** Organisation levels that may sit; empty: any. */
  allowed_levels: ColumnType<number[], number[] | undefined, number[]>;
  report_interval_days: number | null;
  sunset_reminded_for: string | null;
  proposed_by: number | null;
  position: ColumnType<number, number | undefined, number>;
  /** Meeting rules (migration 0010); null: the default for the body's kind (meetings/rules.ts). */
  notice_days: number | null;
  dossier_days: number | null;
  quorum_basis: ColumnType<'members' | 'organisations', 'members' | 'organisations' | undefined, 'members' | 'organisations'>;
  quorum_percent: ColumnType<number, number | undefined, number>;
  meetings_public: boolean | null;
  named_votes: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Active on day d when starts_on <= d and (ends_on is null or d < ends_on). */
export interface MandatesTable {
  id: Generated<number>;
  body_id: number;
  person_id: number;
  organisation_id: number | null;
  college: College;
  role: MandateRole;
  starts_on: string;
  ends_on: string | null;
  end_reason: string | null;
  created_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface JoinRequestsTable {
  id: Generated<number>;
  body_id: number;
  person_id: number;
  organisation_id: number | null;
  statement: ColumnType<string, string | undefined, string>;
  state: ColumnType<JoinRequestState, JoinRequestState | undefined, JoinRequestState>;
  decided_by: number | null;
  decided_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  decision_reason: string | null;
  mandate_id: number | null;
  created_at: Timestamp;
}

export interface BodyReportsTable {
  id: Generated<number>;
  body_id: number;
  kind: ColumnType<'periodic' | 'final', 'periodic' | 'final' | undefined, 'periodic' | 'final'>;
  period_start: string;
  period_end: string;
  progress: string;
  next_steps: ColumnType<string, string | undefined, string>;
  blockers: ColumnType<string, string | undefined, string>;
  submitted_by: number | null;
  created_at: Timestamp;
}

export interface BodyDecisionsTable {
  id: Generated<number>;
  body_id: number;
  action: BodyDecisionAction;
  reason: ColumnType<string, string | undefined, string>;
  sunset_before: string | null;
  sunset_after: string | null;
  decided_by: number | null;
  created_at: Timestamp;
}

export interface BodiesTables {
  bodies: BodiesTable;
  mandates: MandatesTable;
  join_requests: JoinRequestsTable;
  body_reports: BodyReportsTable;
  body_decisions: BodyDecisionsTable;
}
