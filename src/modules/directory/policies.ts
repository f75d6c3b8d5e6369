/**
 * Who may do what in the directory: everyone reads it (organisations are public record);
 * administrators and council officials keep it (issue 3 §7).
 */
import { definePolicy, hasRole, type Actor } from '../../kernel/policy.js';

const keepsTheDirectory = (actor: Actor | null): boolean => hasRole(actor, 'admin') || hasRole(actor, 'official');

/** The public directory, each organisation's page, and reading them through the API. */
export const viewDirectory = definePolicy<void>('directory.organisations.view', { requiresSignIn: false }, () => true);
/** Creating organisations and changing them: every field, member_of links included. */
export const manageOrganisations = definePolicy<void>('directory.organisations.manage', { requiresSignIn: true }, keepsTheDirectory);
/** Importing organisations from a CSV file (the page and its upload): the same people, who keep the directory. */
export const importOrganisationsPolicy = definePolicy<void>('directory.organisations.import', { requiresSignIn: true }, keepsTheDirectory);
