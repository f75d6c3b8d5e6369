/**
 * Password reset by e-mailed link. Asking for a link answers the same whether the address has
 * an account or not; asking is limited per address and per network address. The link works
 * once, for an hour, and a new one voids the older; using it sets the new password and ends
 * every session of the person, who then signs in again.
 */
import { z } from 'zod';
import { defineCommand } from '../../kernel/commands.js';
import { sha256 } from '../../kernel/crypto.js';
import { hitRateLimits, type Limit } from '../../kernel/rate-limit/index.js';
import type { RequestScope } from '../../kernel/services.js';
import { publicAccess } from '../../kernel/policy.js';
import { fieldError, validate } from '../../kernel/validation.js';
import { composeEmail } from './emails.js';
import { absoluteUrl, auditAsLinkHolder, claimLink, issueLink, linkProblem } from './links.js';
import { hashPassword, passwordProblem } from './passwords.js';
import { emailField, linkTokenField, passwordPair, passwordsMatch } from './schema.js';
import { findUserByEmail, lockUser, revokeUserSessions, updateUser, voidOneTimeTokens } from './store.js';

export const resetRequestSchema = z.object({ email: emailField });

/** A person who lost their password asks a few times at most; a script asking for many is stopped. */
export function resetLimits(email: string, ip: string | null): Limit[] {
  return [
    { key: `reset:account:${sha256(email)}`, max: 5, windowSeconds: 3600 },
    { key: `reset:ip:${ip ?? 'unknown'}`, max: 20, windowSeconds: 3600 },
  ];
}

const sendResetLink = defineCommand({
  name: 'identity.request_password_reset',
  input: resetRequestSchema,
  policy: publicAccess,
  run: async (tx, input) => {
    const user = await findUserByEmail(tx.trx, input.email);
    // No account, or one that cannot sign in: nothing is sent, and the answer is the same.
    if (!user || user.status !== 'active' || !user.email) return;
    const token = await issueLink(tx.trx, 'reset', { userId: user.id, email: user.email });
    const link = absoluteUrl(tx.scope.services, user.locale, `/password-reset/${token}`);
    await tx.mail(composeEmail('reset', { to: user.email, userId: user.id, locale: user.locale, name: user.name }, { link }));
    await tx.audit({ action: 'identity.password_reset_requested', subjectType: 'user', subjectId: user.id, after: { ip: tx.scope.ip } });
  },
});

/**
 * Mails a reset link to the address if it has an active account; otherwise does nothing. The
 * caller answers the same either way. Throws 422 for a malformed address, 429 past the limits.
 */
export async function requestPasswordReset(scope: RequestScope, raw: unknown): Promise<void> {
  const input = validate(resetRequestSchema, raw, scope.locale);
  await hitRateLimits(scope.services.database.db, resetLimits(input.email, scope.ip));
  await sendResetLink(scope, input);
}

export const resetPasswordSchema = z.object({ token: linkTokenField, ...passwordPair }).superRefine(passwordsMatch);

/**
 * Sets a new password through a reset link: the link is used up, the person's e-mail counts as
 * verified (they read the mail), and all their sessions end. A link that is unknown, used or
 * expired changes nothing.
 */
export const resetPassword = defineCommand({
  name: 'identity.reset_password',
  input: resetPasswordSchema,
  policy: publicAccess,
  run: async (tx, input) => {
    const link = await claimLink(tx.trx, 'reset', input.token);
    const user = link.user_id === null ? undefined : await lockUser(tx.trx, link.user_id);
    if (!user || user.status !== 'active' || user.email !== link.email) throw linkProblem('unknown');
    const problem = passwordProblem(input.password, { email: user.email, name: user.name });
    if (problem) throw fieldError('password', problem, tx.scope.locale);
    await updateUser(tx.trx, user.id, { password_hash: await hashPassword(input.password), email_verified_at: user.email_verified_at ?? new Date() });
    await voidOneTimeTokens(tx.trx, 'reset', { userId: user.id });
    const ended = await revokeUserSessions(tx.trx, user.id);
    await auditAsLinkHolder(tx, user, { action: 'identity.password_reset', subjectType: 'user', subjectId: user.id, after: { sessions_ended: ended } });
  },
});
