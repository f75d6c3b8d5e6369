/**
 * The first administrator: the link printed when the platform starts with no accounts
 * (`first-admin.ts`) opens a form for a name, an e-mail and a password. The link is the only
 * gate; it works once. The new administrator is signed in and must then enrol in two-factor.
 */
import { z } from 'zod';
import type { Queryable } from '../../db/types.js';
import { defineCommand } from '../../kernel/commands.js';
import { publicAccess } from '../../kernel/policy.js';
import { fieldError } from '../../kernel/validation.js';
import { openFirstSession } from './first-session.js';
import { auditAsLinkHolder, checkLink, claimLink } from './links.js';
import { hashPassword, passwordProblem } from './passwords.js';
import { clientDetails, emailField, linkTokenField, nameField, passwordPair, passwordsMatch } from './schema.js';
import { findUserByEmail, insertUser } from './store.js';
import { mailVerificationLink } from './verification.js';

export const firstAdminSchema = z
  .object({ token: linkTokenField, name: nameField, email: emailField, ...passwordPair, client: clientDetails })
  .superRefine(passwordsMatch);

/** Throws a link problem unless the first-admin link can still be used (for showing its form). */
export async function checkSetupLink(db: Queryable, token: string): Promise<void> {
  await checkLink(db, 'first_admin', token);
}

/**
 * Creates the first administrator through the setup link and opens their session. Their address
 * gets a verification link like any new account's. 422 for a bad field (the link stays usable).
 */
export const createFirstAdmin = defineCommand({
  name: 'identity.create_first_admin',
  input: firstAdminSchema,
  policy: publicAccess,
  run: async (tx, input) => {
    await claimLink(tx.trx, 'first_admin', input.token);
    if (await findUserByEmail(tx.trx, input.email)) throw fieldError('email', 'identity.setup.email_taken', tx.scope.locale);
    const problem = passwordProblem(input.password, { email: input.email, name: input.name });
    if (problem) throw fieldError('password', problem, tx.scope.locale);
    const user = await insertUser(tx.trx, {
      email: input.email,
      name: input.name,
      locale: tx.scope.locale,
      password_hash: await hashPassword(input.password),
      roles: ['admin'],
      email_verified_at: null,
    });
    await mailVerificationLink(tx, user);
    const session = await openFirstSession(tx.trx, tx.scope.services, user.id, tx.scope.ip, input.client);
    await auditAsLinkHolder(tx, user, {
      action: 'identity.first_admin_created',
      subjectType: 'user',
      subjectId: user.id,
      after: { name: user.name, roles: user.roles, session: session.id },
    });
    return { sessionToken: session.token };
  },
});
