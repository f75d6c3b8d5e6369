/**
 * Open sign-up, when the platform allows it (`TEIXIT_OPEN_SIGNUP=on`; off by default). Anyone
 * creates an account with a name, an e-mail and a password, and gets a verification link. The
 * answer never tells whether an address already has an account: its owner gets a notice by
 * e-mail instead, and both paths do the same costly work (the password is hashed either way).
 */
import { z } from 'zod';
import { defineCommand } from '../../kernel/commands.js';
import { sha256 } from '../../kernel/crypto.js';
import { AppError } from '../../kernel/errors.js';
import { publicAccess } from '../../kernel/policy.js';
import { hitRateLimits, type Limit } from '../../kernel/rate-limit/index.js';
import type { RequestScope } from '../../kernel/services.js';
import { fieldError, validate } from '../../kernel/validation.js';
import { composeEmail } from './emails.js';
import { absoluteUrl } from './links.js';
import { hashPassword, newPasswordSchema, passwordProblem } from './passwords.js';
import { emailField, nameField } from './schema.js';
import { findUserByEmail, insertUser } from './store.js';
import { mailVerificationLink } from './verification.js';

export const signUpSchema = z.object({ name: nameField, email: emailField, password: newPasswordSchema });

/** A few accounts per address and network address an hour: enough for people, not for scripts. */
export function signUpLimits(email: string, ip: string | null): Limit[] {
  return [
    { key: `sign-up:account:${sha256(email)}`, max: 3, windowSeconds: 3600 },
    { key: `sign-up:ip:${ip ?? 'unknown'}`, max: 10, windowSeconds: 3600 },
  ];
}

const createAccount = defineCommand({
  name: 'identity.sign_up',
  input: signUpSchema,
  policy: publicAccess,
  run: async (tx, input) => {
    const problem = passwordProblem(input.password, { email: input.email, name: input.name });
    if (problem) throw fieldError('password', problem, tx.scope.locale);
    const passwordHash = await hashPassword(input.password);
    const existing = await findUserByEmail(tx.trx, input.email);
    if (existing) {
      if (existing.status === 'active' && existing.email) {
        const links = { sign_in: absoluteUrl(tx.scope.services, existing.locale, '/sign-in'), reset: absoluteUrl(tx.scope.services, existing.locale, '/password-reset') };
        await tx.mail(composeEmail('sign_up_existing', { to: existing.email, userId: existing.id, locale: existing.locale, name: existing.name }, links));
      }
      await tx.audit({ action: 'identity.sign_up_existing_address', subjectType: 'user', subjectId: existing.id, after: { ip: tx.scope.ip } });
      return;
    }
    const user = await insertUser(tx.trx, { email: input.email, name: input.name, locale: tx.scope.locale, password_hash: passwordHash, roles: [], email_verified_at: null });
    await mailVerificationLink(tx, user);
    await tx.audit({ action: 'identity.signed_up', subjectType: 'user', subjectId: user.id, after: { name: user.name, locale: user.locale } });
  },
});

/**
 * Creates an account from the sign-up form, or mails the owner of an existing address a notice;
 * the caller answers the same either way. 404 when open sign-up is off; 422 for a bad field;
 * 429 past the limits.
 */
export async function signUp(scope: RequestScope, raw: unknown): Promise<void> {
  if (!scope.services.config.openSignup) throw new AppError('not_found');
  const input = validate(signUpSchema, raw, scope.locale);
  await hitRateLimits(scope.services.database.db, signUpLimits(input.email, scope.ip));
  await createAccount(scope, input);
}
