/**
 * Invitations: an administrator invites an e-mail address (with a name, global roles and a
 * language); the account exists at once, without a password, and a link valid for seven days
 * lets the person set their name and password. Inviting a still-pending address again voids
 * the old link and sends a new one; an address that already has an account is refused.
 */
import { z } from 'zod';
import type { Queryable } from '../../db/types.js';
import { defineCommand } from '../../kernel/commands.js';
import { LOCALES } from '../../kernel/i18n/index.js';
import { definePolicy, hasRole } from '../../kernel/policy.js';
import { publicAccess } from '../../kernel/policy.js';
import { fieldError } from '../../kernel/validation.js';
import { composeEmail } from './emails.js';
import { openFirstSession } from './first-session.js';
import { absoluteUrl, auditAsLinkHolder, checkLink, claimLink, issueLink, linkProblem } from './links.js';
import { hashPassword, passwordProblem } from './passwords.js';
import { clientDetails, emailField, linkTokenField, nameField, passwordPair, passwordsMatch } from './schema.js';
import { requiresTwoFactor } from './sessions.js';
import { findUserByEmail, findUserById, insertUser, lockUser, updateUser, voidOneTimeTokens, type UserRow } from './store.js';

/** Only administrators invite people. */
export const invitePolicy = definePolicy<void>('identity.invite', { requiresSignIn: true }, (actor) => hasRole(actor, 'admin'));

/** A form sends no box, one value or several; `none` and '' mean no global role. */
const rolesField = z.preprocess(
  (value) => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]),
  z.array(z.string()).transform((values) => values.filter((v) => v !== '' && v !== 'none')).pipe(
    z.array(z.enum(['admin', 'official'], { error: 'identity.invite.role_invalid' })).max(2),
  ),
);

export const inviteSchema = z.object({
  email: emailField,
  name: nameField,
  roles: rolesField,
  locale: z.enum(LOCALES, { error: 'identity.invite.locale_invalid' }),
});

/** A pending invitation: an active account nobody has set a password for yet. */
function isPending(user: UserRow): boolean {
  return user.status === 'active' && user.password_hash === null;
}

/**
 * Invites a person by e-mail. Creates (or, for a pending invitation, updates) the account and
 * mails a new link in the chosen language. 422 on `email` when the address has an account.
 * @example await inviteByEmail(scopeOf(c), { email, name, roles: ['official'], locale: 'es' })
 */
export const inviteByEmail = defineCommand({
  name: 'identity.invite',
  input: inviteSchema,
  policy: invitePolicy,
  run: async (tx, input) => {
    const roles = [...new Set(input.roles)];
    const found = await findUserByEmail(tx.trx, input.email);
    let user: UserRow;
    let reinvited = false;
    if (found) {
      if (!isPending(found)) throw fieldError('email', 'identity.invite.email_taken', tx.scope.locale);
      const locked = (await lockUser(tx.trx, found.id)) ?? found;
      user = await updateUser(tx.trx, found.id, { name: input.name, roles, locale: input.locale });
      reinvited = true;
      await tx.audit({
        action: 'identity.reinvited',
        subjectType: 'user',
        subjectId: user.id,
        before: { name: locked.name, roles: locked.roles, locale: locked.locale },
        after: { name: user.name, roles: user.roles, locale: user.locale },
      });
      // A pending account may already hold a mandate: the pages naming it show the new name.
      if (user.name !== locked.name) tx.emit({ type: 'identity.reinvited', tags: ['people'], payload: { userId: user.id } });
    } else {
      user = await insertUser(tx.trx, { email: input.email, name: input.name, locale: input.locale, password_hash: null, roles, email_verified_at: null });
      await tx.audit({ action: 'identity.invited', subjectType: 'user', subjectId: user.id, after: { name: user.name, roles: user.roles, locale: user.locale } });
    }
    const token = await issueLink(tx.trx, 'invite', { userId: user.id, email: input.email, createdBy: tx.scope.actor?.id ?? null });
    const link = absoluteUrl(tx.scope.services, input.locale, `/invitation/${token}`);
    await tx.mail(
      composeEmail('invite', { to: input.email, userId: user.id, locale: input.locale, name: user.name }, { link, inviter: tx.scope.actor?.name ?? 'Teixit' }),
    );
    return { userId: user.id, reinvited };
  },
});

export const acceptInvitationSchema = z
  .object({ token: linkTokenField, name: nameField, ...passwordPair, client: clientDetails })
  .superRefine(passwordsMatch);

/**
 * The invited person sets their name and password: the link is used up, the address counts as
 * verified, and a session opens. `needsEnrolment` when their role requires two-factor.
 */
export const acceptInvitation = defineCommand({
  name: 'identity.accept_invitation',
  input: acceptInvitationSchema,
  policy: publicAccess,
  run: async (tx, input) => {
    const link = await claimLink(tx.trx, 'invite', input.token);
    const user = link.user_id === null ? undefined : await lockUser(tx.trx, link.user_id);
    if (!user || user.status !== 'active' || user.email !== link.email) throw linkProblem('unknown');
    const problem = passwordProblem(input.password, { email: user.email, name: input.name });
    if (problem) throw fieldError('password', problem, tx.scope.locale);
    const updated = await updateUser(tx.trx, user.id, {
      name: input.name,
      password_hash: await hashPassword(input.password),
      email_verified_at: user.email_verified_at ?? new Date(),
    });
    await voidOneTimeTokens(tx.trx, 'invite', { userId: user.id });
    const session = await openFirstSession(tx.trx, tx.scope.services, user.id, tx.scope.ip, input.client);
    await auditAsLinkHolder(tx, updated, {
      action: 'identity.invitation_accepted',
      subjectType: 'user',
      subjectId: user.id,
      before: { name: user.name, verified: user.email_verified_at !== null },
      after: { name: updated.name, verified: true, session: session.id },
    });
    if (updated.name !== user.name) tx.emit({ type: 'identity.invitation_accepted', tags: ['people'], payload: { userId: user.id } });
    return { sessionToken: session.token, needsEnrolment: requiresTwoFactor(updated) && updated.totp_enabled_at === null };
  },
});

/** The invited person behind a usable invitation link (for its form); throws a link problem otherwise. */
export async function findInvitation(db: Queryable, token: string): Promise<UserRow> {
  const link = await checkLink(db, 'invite', token);
  const user = link.user_id === null ? undefined : await findUserById(db, link.user_id);
  if (!user || user.status !== 'active' || user.email !== link.email) throw linkProblem('unknown');
  return user;
}
