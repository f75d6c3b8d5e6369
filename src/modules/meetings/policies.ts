/**
 * Who may do what with a body's meetings, one named rule per action. Standing comes from active
 * mandates (`standingOf`): the space's secretariat (a secretary of the plenary or the steering
 * group) and whoever chairs, coordinates or is secretary of the body run its meetings;
 * administrators may do everything. Routes whose answer depends on the meeting are gated by
 * `publicAccess` or `signedIn` and check these rules once the meeting is loaded.
 */
import { definePolicy, hasRole, type Actor } from '../../kernel/policy.js';
import type { Standing } from '../bodies/index.js';

/** A body's meeting (or the body itself), judged for someone whose standing is known. */
export interface MeetingResource {
  standing: Standing;
  body: { id: number };
  /** Whether the body's meetings are public (its rules). */
  public: boolean;
}

const isAdmin = (actor: Actor | null): boolean => hasRole(actor, 'admin');

/** Runs the body's meetings: convenes, edits the agenda and dossier, records attendance, writes minutes and agreements. */
export function runsMeetings(actor: Actor | null, { standing, body }: MeetingResource): boolean {
  return actor !== null && (isAdmin(actor) || standing.secretariat || standing.runsMeetingsOf.has(body.id));
}

/** Sits in the body (any active mandate). */
export function isMember(actor: Actor | null, { standing, body }: MeetingResource): boolean {
  return actor !== null && standing.memberOf.has(body.id);
}

/** Seeing a meeting, its agenda, dossier, attendance, minutes and agreements: anyone when the body's meetings are public; otherwise its members and those who run them. */
export const viewMeeting = definePolicy<MeetingResource>(
  'meetings.view',
  { requiresSignIn: false },
  (actor, resource) => resource.public || isMember(actor, resource) || runsMeetings(actor, resource),
);

/** Creating, editing, convening, cancelling a meeting; its agenda and dossier; attendance; minutes; agreements and action items. */
export const manageMeetings = definePolicy<MeetingResource>('meetings.manage', { requiresSignIn: true }, runsMeetings);

/** Answering a notice (attending, excused, sending an alternate): a member of the body. */
export const answerNotice = definePolicy<MeetingResource>('meetings.answer', { requiresSignIn: true }, isMember);

/** Sending an objection to circulated minutes: a member of the body (or someone who runs its meetings). */
export const objectToMinutes = definePolicy<MeetingResource>(
  'meetings.minutes.object',
  { requiresSignIn: true },
  (actor, resource) => isMember(actor, resource) || runsMeetings(actor, resource),
);

/** An action item, judged for someone: its owner, someone acting for its owner organisation, or who runs the body's meetings. */
export interface ActionItemResource extends MeetingResource {
  item: { owner_person_id: number | null; owner_organisation_id: number | null };
  /** Organisations the actor represents in an active mandate. */
  representing: ReadonlySet<number>;
}

/** Moving an action item along (in progress, done, dropped). */
export const updateActionItem = definePolicy<ActionItemResource>(
  'meetings.action_items.update',
  { requiresSignIn: true },
  (actor, resource) =>
    actor !== null &&
    (resource.item.owner_person_id === actor.id ||
      (resource.item.owner_organisation_id !== null && resource.representing.has(resource.item.owner_organisation_id)) ||
      runsMeetings(actor, resource)),
);

/** "My actions": any signed-in person's own list. */
export const viewOwnActions = definePolicy<void>('meetings.action_items.own', { requiresSignIn: true }, (actor) => actor !== null);
