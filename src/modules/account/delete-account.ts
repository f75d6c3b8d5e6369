/**
 * Deleting one's own account. The account is not removed but pseudonymised: what the person
 * wrote in public stays, attributed to "Persona eliminada 7F3A"; their e-mail, password, second
 * factor, roles and gender go, every session and token ends, and the mail kept for them is
 * forgotten. Every module's `onAccountDeleted` hook then settles and forgets its own part (the
 * working groups withdraw pending requests to join and drop their statements), in the same
 * transaction. The last active administrator cannot leave: the space would have nobody to run it.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { defineCommand } from '../../kernel/commands.js';
import { AppError } from '../../kernel/errors.js';
import { hitRateLimits } from '../../kernel/rate-limit/index.js';
import type { RequestScope } from '../../kernel/services.js';
import { fieldError } from '../../kernel/validation.js';
import {
  lockActiveAdminIds, replaceRecoveryCodes, revokeUserApiTokens, revokeUserSessions, updateUser, verifyPassword, voidOneTimeTokens,
  type UserRow,
} from '../identity/index.js';
import { passwordCheckLimits } from './change-password.js';
import type { ModuleList } from './download-data.js';
import { actorId, lockOwnAccount } from './own-account.js';
import { deleteAccountPolicy } from './policies.js';
import { deleteMailToPerson } from './store.js';

/** The name a deleted account goes by, in Catalan, the language of record: "Persona eliminada 7F3A". */
export function newPseudonym(): string {
  return `Persona eliminada ${randomBytes(2).toString('hex').toUpperCase()}`;
}

/**
 * Is this person the only active administrator? Asked by the confirmation page, so it can say so
 * before the person types their password; the command asks again under lock.
 */
export async function isLastActiveAdmin(scope: RequestScope, user: Pick<UserRow, 'id' | 'roles'>): Promise<boolean> {
  if (!user.roles.includes('admin')) return false;
  const admins = await scope.services.database.db.transaction().execute((trx) => lockActiveAdminIds(trx));
  return !admins.some((id) => id !== user.id);
}

export const deleteAccountSchema = z.object({
  password: z.string({ error: 'account.delete.password_required' }).min(1, { error: 'account.delete.password_required' }).max(1024),
});

/** The deletion command for an application whose modules `listModules` returns. */
const makeDeleteAccountCommand = (listModules: ModuleList) => defineCommand({
  name: 'account.delete',
  input: deleteAccountSchema,
  policy: deleteAccountPolicy,
  // Lock order as in the admin module's commands (the admins, then the person), so a deletion
  // and a concurrent change of roles cannot deadlock.
  load: async (tx) => {
    if (tx.scope.actor?.roles.includes('admin')) await lockActiveAdminIds(tx.trx);
    return lockOwnAccount(tx);
  },
  run: async (tx, input, user) => {
    if (!(await verifyPassword(user.password_hash, input.password))) {
      throw fieldError('password', 'account.delete.password_wrong', tx.scope.locale);
    }
    if (user.roles.includes('admin')) {
      const admins = await lockActiveAdminIds(tx.trx);
      if (!admins.some((id) => id !== user.id)) throw new AppError('conflict', { messageKey: 'account.delete.last_admin' });
    }
    const pseudonym = newPseudonym();
    await updateUser(tx.trx, user.id, {
      email: null,
      name: pseudonym,
      password_hash: null,
      totp_secret: null,
      totp_enabled_at: null,
      totp_last_step: null,
      roles: [],
      status: 'deleted',
      gender: null,
      email_verified_at: null,
    });
    await replaceRecoveryCodes(tx.trx, user.id, []);
    for (const purpose of ['reset', 'verify', 'invite'] as const) await voidOneTimeTokens(tx.trx, purpose, { userId: user.id });
    const sessionsEnded = await revokeUserSessions(tx.trx, user.id);
    await revokeUserApiTokens(tx.trx, user.id);
    await deleteMailToPerson(tx.trx, user.id, user.email);
    for (const module of listModules()) {
      if (module.onAccountDeleted) await module.onAccountDeleted(tx, user.id);
    }
    await tx.audit({
      action: 'account.delete',
      subjectType: 'user',
      subjectId: user.id,
      before: { status: user.status, roles: user.roles },
      after: { status: 'deleted', name: pseudonym, sessions_ended: sessionsEnded },
    });
    // Public pages that show people's names carry the `people` tag.
    tx.emit({ type: 'account.deleted', tags: ['people'], payload: { userId: user.id } });
  },
});

/**
 * Deletes the signed-in person's account after checking their password (limited like any
 * password check), asking each module of `listModules` to forget its part. A wrong password is
 * a field error; the last active administrator gets 409.
 * @example const deleteAccount = makeDeleteAccount(() => modules); await deleteAccount(scope, { password });
 */
export function makeDeleteAccount(listModules: ModuleList): (scope: RequestScope, raw: unknown) => Promise<void> {
  const command = makeDeleteAccountCommand(listModules);
  return async (scope, raw) => {
    await hitRateLimits(scope.services.database.db, passwordCheckLimits(actorId(scope)));
    await command(scope, raw);
  };
}
