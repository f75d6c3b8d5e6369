/**
 * Who may do what in the administration: administrators only, one named rule per action, so the
 * route × persona table and the audit trail speak of the same things.
 */
import { definePolicy, hasRole, type Actor } from '../../kernel/policy.js';

const isAdmin = (actor: Actor | null): boolean => hasRole(actor, 'admin');

/** The administration's overview page. */
export const viewAdministration = definePolicy<void>('admin.view', { requiresSignIn: true }, isAdmin);
/** The list of people and each person's page. */
export const listPeople = definePolicy<void>('admin.people.list', { requiresSignIn: true }, isAdmin);
/** Giving or taking the global roles `admin` and `official`. */
export const changeRoles = definePolicy<void>('admin.people.change_roles', { requiresSignIn: true }, isAdmin);
/** Disabling an account, or enabling it again. */
export const changeStatus = definePolicy<void>('admin.people.change_status', { requiresSignIn: true }, isAdmin);
/** The invitation form and the pending invitations. */
export const manageInvitations = definePolicy<void>('admin.invitations.manage', { requiresSignIn: true }, isAdmin);
/** The audit trail. */
export const viewAudit = definePolicy<void>('admin.audit.view', { requiresSignIn: true }, isAdmin);
/** Recomputing the audit chain's hashes. */
export const verifyAudit = definePolicy<void>('admin.audit.verify', { requiresSignIn: true }, isAdmin);
/** The mail outbox and its messages. */
export const viewOutbox = definePolicy<void>('admin.outbox.view', { requiresSignIn: true }, isAdmin);
