/**
 * Who may do what with an account here: only its own person, and only while it is active. Each
 * action has its own name, so the route × persona table and the audit trail speak the same words.
 */
import { definePolicy, type Actor, type Policy } from '../../kernel/policy.js';

/** The account a command changes, as the policy judges it. */
export interface OwnAccount {
  id: number;
  status: string;
}

/**
 * At a route there is no account loaded yet (`undefined`): any signed-in person passes. In a
 * command the loaded account must be the actor's own and still active.
 */
function ownActiveAccount(actor: Actor | null, account: OwnAccount | void): boolean {
  if (actor === null) return false;
  if (!account) return true;
  return account.id === actor.id && account.status === 'active';
}

function ownAccountPolicy(name: string): Policy<OwnAccount | void> {
  return definePolicy<OwnAccount | void>(name, { requiresSignIn: true }, ownActiveAccount);
}

/** "My space", the signed-in person's start page. */
export const viewMySpace = ownAccountPolicy('account.my_space');
/** The account page and its forms. */
export const viewAccount = ownAccountPolicy('account.view');
/** Asking for a new link to confirm one's e-mail address. */
export const requestVerification = ownAccountPolicy('account.request_verification');
/** Name, language and gender. */
export const updateProfile = ownAccountPolicy('account.update_profile');
export const changePasswordPolicy = ownAccountPolicy('account.change_password');
/** Seeing, ending one, or ending all other browser sessions. */
export const manageSessions = ownAccountPolicy('account.manage_sessions');
/** Creating and revoking personal API tokens. */
export const manageApiTokens = ownAccountPolicy('account.manage_api_tokens');
export const downloadData = ownAccountPolicy('account.download_data');
export const deleteAccountPolicy = ownAccountPolicy('account.delete');
