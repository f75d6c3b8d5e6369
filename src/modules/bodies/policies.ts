/**
 * Who may do what with bodies and mandates (issue 3 §7), one named rule per action. Global
 * roles come from the account (admin, official); standing in the space from active mandates
 * (`standingOf`), passed in with the resource.
 */
import { definePolicy, hasRole, type Actor } from '../../kernel/policy.js';
import type { Standing } from './membership.js';
import type { BodyKind } from './tables.js';

const isAdminOrOfficial = (actor: Actor | null): boolean => hasRole(actor, 'admin') || hasRole(actor, 'official');

/** Creating and editing bodies (name, purpose, rules): admins and officials. */
export const manageBodies = definePolicy<void>('bodies.manage', { requiresSignIn: true }, isAdminOrOfficial);

/** A body's mandates, judged for someone whose standing is known. */
export interface MandatesResource {
  standing: Standing;
  body: { id: number; kind: BodyKind };
}

/**
 * Adding, ending and reading the secretariat's view of a body's mandates: admins, officials and
 * the secretariat for every body; a working group's coordinators for their own group.
 */
export const manageMandates = definePolicy<MandatesResource>(
  'bodies.mandates.manage',
  { requiresSignIn: true },
  (actor, { standing, body }) =>
    actor !== null &&
    (isAdminOrOfficial(actor) ||
      standing.secretariat ||
      (body.kind === 'working_group' && standing.coordinatorOf.has(body.id))),
);
