/**
 * E-mail verification: a link mailed at sign-up (and again on request from the account page)
 * proves the person reads that address. The link works once, for three days, and only for the
 * address it was sent to: if the account's address changed since, the link is void.
 */
import { z } from 'zod';
import { defineCommand, type CommandTx } from '../../kernel/commands.js';
import { AppError } from '../../kernel/errors.js';
import { definePolicy } from '../../kernel/policy.js';
import { publicAccess } from '../../kernel/policy.js';
import { hitRateLimits } from '../../kernel/rate-limit/index.js';
import type { RequestScope } from '../../kernel/services.js';
import { composeEmail } from './emails.js';
import { absoluteUrl, auditAsLinkHolder, claimLink, issueLink, linkProblem } from './links.js';
import { linkTokenField } from './schema.js';
import { lockUser, updateUser, voidOneTimeTokens, type UserRow } from './store.js';

/** A signed-in person asks for a new verification link for their own address. */
export const sendOwnVerification = definePolicy<void>('identity.verify_email.send', { requiresSignIn: true }, (actor) => actor !== null);

/**
 * Issues a verification link for the person's current address and puts the mail in the outbox,
 * inside the caller's command (sign-up, first admin, or a re-send).
 */
export async function mailVerificationLink(tx: CommandTx, user: Pick<UserRow, 'id' | 'email' | 'name' | 'locale'>): Promise<void> {
  if (!user.email) return;
  const token = await issueLink(tx.trx, 'verify', { userId: user.id, email: user.email });
  const link = absoluteUrl(tx.scope.services, user.locale, `/verify-email/${token}`);
  await tx.mail(composeEmail('verify', { to: user.email, userId: user.id, locale: user.locale, name: user.name }, { link }));
}

const resendVerification = defineCommand({
  name: 'identity.send_verification',
  input: z.object({}),
  policy: sendOwnVerification,
  run: async (tx) => {
    const user = await lockUser(tx.trx, tx.scope.actor?.id ?? 0);
    if (!user?.email) throw new AppError('not_found');
    if (user.email_verified_at) throw new AppError('conflict', { messageKey: 'identity.verify.already_verified' });
    await mailVerificationLink(tx, user);
    await tx.audit({ action: 'identity.verification_sent', subjectType: 'user', subjectId: user.id });
  },
});

/**
 * Sends the signed-in person a new verification link (the older one stops working). 409 when
 * the address is already verified; 429 after five requests in an hour.
 * @example await sendVerificationEmail(scopeOf(c)); setFlash(c, 'success', 'identity.verify.sent');
 */
export async function sendVerificationEmail(scope: RequestScope): Promise<void> {
  if (scope.actor) await hitRateLimits(scope.services.database.db, [{ key: `verify:user:${scope.actor.id}`, max: 5, windowSeconds: 3600 }]);
  await resendVerification(scope, {});
}

/**
 * Marks the address behind the link as verified. A link that is unknown, used, expired or for
 * an address the account no longer has changes nothing.
 */
export const verifyEmail = defineCommand({
  name: 'identity.verify_email',
  input: z.object({ token: linkTokenField }),
  policy: publicAccess,
  run: async (tx, input) => {
    const link = await claimLink(tx.trx, 'verify', input.token);
    const user = link.user_id === null ? undefined : await lockUser(tx.trx, link.user_id);
    if (!user || user.status !== 'active' || user.email !== link.email) throw linkProblem('unknown');
    await voidOneTimeTokens(tx.trx, 'verify', { userId: user.id });
    if (user.email_verified_at) return;
    await updateUser(tx.trx, user.id, { email_verified_at: new Date() });
    await auditAsLinkHolder(tx, user, { action: 'identity.email_verified', subjectType: 'user', subjectId: user.id, before: { verified: false }, after: { verified: true } });
  },
});
