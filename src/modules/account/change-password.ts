/**
 * Changing one's password: the current one first (so a borrowed, unlocked browser is not
 * enough), then the new one twice. Every other session ends; this one stays. The person gets an
 * e-mail saying so, in case it was not them.
 */
import { z } from 'zod';
import { defineCommand } from '../../kernel/commands.js';
import { translate } from '../../kernel/i18n/index.js';
import { hitRateLimits, type Limit } from '../../kernel/rate-limit/index.js';
import type { RequestScope } from '../../kernel/services.js';
import { fieldError } from '../../kernel/validation.js';
import { hashPassword, newPasswordSchema, passwordProblem, revokeUserSessions, updateUser, verifyPassword } from '../identity/index.js';
import { actorId, lockOwnAccount } from './own-account.js';
import { changePasswordPolicy } from './policies.js';

/** Checking the current password is a guess like any other: limited per account. */
export function passwordCheckLimits(userId: number): Limit[] {
  return [{ key: `account:password-check:${userId}`, max: 10, windowSeconds: 15 * 60 }];
}

export const changePasswordSchema = z
  .object({
    current_password: z.string({ error: 'account.password.current_required' }).min(1, { error: 'account.password.current_required' }).max(1024),
    new_password: newPasswordSchema,
    new_password_confirmation: z.string({ error: 'account.password.confirmation_required' }).min(1, { error: 'account.password.confirmation_required' }),
    /** The session that stays open (set by the server, never by the form). */
    keep_session_id: z.number().int().nullable(),
  })
  .refine((input) => input.new_password === input.new_password_confirmation, {
    error: 'account.password.confirmation_mismatch',
    path: ['new_password_confirmation'],
  });

const changePasswordCommand = defineCommand({
  name: 'account.change_password',
  input: changePasswordSchema,
  policy: changePasswordPolicy,
  load: lockOwnAccount,
  run: async (tx, input, user) => {
    const { locale } = tx.scope;
    if (!(await verifyPassword(user.password_hash, input.current_password))) {
      throw fieldError('current_password', 'account.password.current_wrong', locale);
    }
    const problem = passwordProblem(input.new_password, user);
    if (problem) throw fieldError('new_password', problem, locale);
    if (input.new_password === input.current_password) throw fieldError('new_password', 'account.password.same_as_current', locale);
    await updateUser(tx.trx, user.id, { password_hash: await hashPassword(input.new_password) });
    const ended = await revokeUserSessions(tx.trx, user.id, input.keep_session_id ?? undefined);
    await tx.audit({ action: 'account.change_password', subjectType: 'user', subjectId: user.id, after: { other_sessions_ended: ended } });
    if (user.email) {
      const t = (key: string) => translate(user.locale, key);
      await tx.mail({
        to: user.email,
        toUserId: user.id,
        locale: user.locale,
        subject: t('account.password.mail_subject'),
        text: `${t('account.password.mail_body')}\n\n${tx.scope.services.config.publicUrl}/${user.locale}/password-reset\n`,
      });
    }
  },
});

/**
 * Changes the signed-in person's password, keeping the session `sessionId` open and ending the
 * others. A wrong current password is a field error (422) and changes nothing.
 */
export async function changePassword(scope: RequestScope, sessionId: number | null, form: Record<string, unknown>): Promise<void> {
  await hitRateLimits(scope.services.database.db, passwordCheckLimits(actorId(scope)));
  await changePasswordCommand(scope, { ...form, keep_session_id: sessionId });
}
