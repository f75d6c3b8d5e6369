/**
 * A body's meeting rules: how much notice a meeting needs, when its dossier must be complete,
 * how quorum is counted, whether its meetings and minutes are public, and whether votes are
 * named. Stored per body (null: the default for its kind, from the sector's rhythms).
 */
import type { BodyKind } from '../bodies/tables.js';
import type { QuorumBasis } from './tables.js';

export interface MeetingRules {
  /** Days between the notice and the meeting. */
  noticeDays: number;
  /** Days before the meeting by which the dossier must be complete. */
  dossierDays: number;
  quorumBasis: QuorumBasis;
  /** Share of members (or represented organisations) needed, in percent. */
  quorumPercent: number;
  /** Meetings, agendas and minutes seen by anyone (true) or only by the body's members. */
  public: boolean;
  /** Votes recorded with each voter's name. */
  namedVotes: boolean;
}

/** The sector's rhythms: 10 days' notice for the plenary, 5 for the steering group, 3 for working groups. */
export const DEFAULT_NOTICE_DAYS: Record<BodyKind, number> = { plenary: 10, steering: 5, working_group: 3 };
export const DEFAULT_DOSSIER_DAYS: Record<BodyKind, number> = { plenary: 5, steering: 2, working_group: 1 };
/** The plenary's and the steering group's meetings are public unless they say otherwise. */
export const DEFAULT_PUBLIC: Record<BodyKind, boolean> = { plenary: true, steering: true, working_group: false };

export interface BodyRulesColumns {
  kind: BodyKind;
  notice_days: number | null;
  dossier_days: number | null;
  quorum_basis: QuorumBasis;
  quorum_percent: number;
  meetings_public: boolean | null;
  named_votes: boolean;
}

export function meetingRules(body: BodyRulesColumns): MeetingRules {
  return {
    noticeDays: body.notice_days ?? DEFAULT_NOTICE_DAYS[body.kind],
    dossierDays: body.dossier_days ?? DEFAULT_DOSSIER_DAYS[body.kind],
    quorumBasis: body.quorum_basis,
    quorumPercent: body.quorum_percent,
    public: body.meetings_public ?? DEFAULT_PUBLIC[body.kind],
    namedVotes: body.named_votes,
  };
}
