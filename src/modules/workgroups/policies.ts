/**
 * Who may do what in a working group's life (issue 3 §7), one named rule per action. Global roles
 * come from the account (admin, official); standing in the space (steering group, secretariat,
 * coordinator of *this* group) from active mandates, loaded with `standingOf` and passed in with
 * the group. Routes whose answer depends on the group are gated by `signedIn` (or `publicAccess`)
 * and check these rules once the group is loaded.
 */
import { definePolicy, hasRole, type Actor } from '../../kernel/policy.js';
import type { Standing } from '../bodies/index.js';

/** A working group, judged for someone whose standing is known. */
export interface GroupResource {
  standing: Standing;
  group: { id: number };
}

const isAdmin = (actor: Actor | null): boolean => hasRole(actor, 'admin');
const coordinates = ({ standing, group }: GroupResource): boolean => standing.coordinatorOf.has(group.id);

/** Any signed-in person may propose a working group (it then waits for the steering group). */
export const proposeGroup = definePolicy<void>('workgroups.propose', { requiresSignIn: true }, (actor) => actor !== null);

/** Approving or declining a proposed group: the steering group, and administrators. */
export const decideProposal = definePolicy<GroupResource>(
  'workgroups.decide',
  { requiresSignIn: true },
  (actor, { standing }) => actor !== null && (standing.steering || isAdmin(actor)),
);

/** Asking to join an open, active group: any signed-in person (the group's state decides the rest). */
export const askToJoin = definePolicy<void>('workgroups.join', { requiresSignIn: true }, (actor) => actor !== null);

/**
 * Reading a group's pending join requests (with the requesters' statements) and accepting or
 * declining them: the group's coordinators, the steering group, and administrators.
 */
export const manageJoinRequests = definePolicy<GroupResource>(
  'workgroups.join_requests.manage',
  { requiresSignIn: true },
  (actor, resource) => actor !== null && (coordinates(resource) || resource.standing.steering || isAdmin(actor)),
);

/** Withdrawing a join request: only the person who made it. */
export const withdrawOwnRequest = definePolicy<{ person_id: number }>(
  'workgroups.join_requests.withdraw',
  { requiresSignIn: true },
  (actor, request) => actor !== null && actor.id === request.person_id,
);

/** Extending a group's sunset date: the steering group, and administrators. */
export const extendGroup = definePolicy<GroupResource>(
  'workgroups.extend',
  { requiresSignIn: true },
  (actor, { standing }) => actor !== null && (standing.steering || isAdmin(actor)),
);

/** Moving an active group to `closing` (its final report is then due): the steering group, the group's coordinators, administrators. */
export const startClosing = definePolicy<GroupResource>(
  'workgroups.start_closing',
  { requiresSignIn: true },
  (actor, resource) => actor !== null && (resource.standing.steering || coordinates(resource) || isAdmin(actor)),
);

/** Closing a group once its final report is in: the steering group, and administrators. */
export const closeGroup = definePolicy<GroupResource>(
  'workgroups.close',
  { requiresSignIn: true },
  (actor, { standing }) => actor !== null && (standing.steering || isAdmin(actor)),
);

/** Filing a group's follow-up report: its coordinators, and administrators. */
export const fileReport = definePolicy<GroupResource>(
  'workgroups.reports.file',
  { requiresSignIn: true },
  (actor, resource) => actor !== null && (coordinates(resource) || isAdmin(actor)),
);

/** Reading a group's reports, its charter and its decisions: everyone (public record). */
export const readGroup = definePolicy<void>('workgroups.read', { requiresSignIn: false }, () => true);

/**
 * The steering group's follow-up of every working group (page, CSV, "My space" block): the
 * steering group, the secretariat, administrators and officials.
 */
export const viewFollowUp = definePolicy<Standing>(
  'workgroups.follow_up.view',
  { requiresSignIn: true },
  (actor, standing) => actor !== null && (standing.steering || standing.secretariat || isAdmin(actor) || hasRole(actor, 'official')),
);
