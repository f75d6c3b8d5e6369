/**
 * Enrolling in two-factor authentication, and managing it afterwards. The new secret is not
 * stored until the person proves their app has it by typing a code: until then it travels in
 * the form, signed with the server's secret and bound to the person, so nobody can slip in a
 * secret of their choosing. Enrolling gives ten recovery codes, shown once; only their hashes
 * are kept. Turning two-factor off asks for the password and is refused where a role requires it.
 */
import QRCode from 'qrcode';
import { z } from 'zod';
import { defineCommand, type CommandTx } from '../../kernel/commands.js';
import { safeEqual, sign } from '../../kernel/crypto.js';
import { AppError } from '../../kernel/errors.js';
import { definePolicy } from '../../kernel/policy.js';
import { hitRateLimits } from '../../kernel/rate-limit/index.js';
import type { RequestScope, Services } from '../../kernel/services.js';
import { fieldError } from '../../kernel/validation.js';
import { verifyPassword } from './passwords.js';
import { requiresTwoFactor } from './sessions.js';
import { countUnusedRecoveryCodes, findUserById, lockUser, markUserSessionMfaPassed, replaceRecoveryCodes, updateUser, type UserRow } from './store.js';
import { hashRecoveryCode, matchTotp, newRecoveryCodes, newTotpSecret, totpUri } from './two-factor.js';

/** A signed-in person manages their own two-factor authentication. */
export const manageTwoFactor = definePolicy<void>('identity.two_factor.manage', { requiresSignIn: true }, (actor) => actor !== null);

function offerSignature(services: Services, userId: number, secret: string): string {
  return sign(services.secret, `totp-enrolment|${userId}|${secret}`);
}

export interface EnrolmentOffer {
  secret: string;
  signature: string;
  /** The `otpauth://` URI the QR code holds. */
  uri: string;
  /** The QR code as an SVG `data:` URL for an `<img>`. */
  qrCode: string;
}

/**
 * A secret to enrol with and its QR code. Pass `previous` (the secret and signature posted back
 * with a wrong code) to keep showing the same one, so the person need not scan again.
 */
export async function enrolmentOffer(services: Services, user: Pick<UserRow, 'id' | 'email' | 'name'>, previous?: { secret: string; signature: string }): Promise<EnrolmentOffer> {
  const keep = previous && /^[A-Z2-7]{16,64}$/.test(previous.secret) && safeEqual(previous.signature, offerSignature(services, user.id, previous.secret));
  const secret = keep ? previous.secret : newTotpSecret();
  const uri = totpUri(secret, user.email ?? user.name);
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  return { secret, signature: offerSignature(services, user.id, secret), uri, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}

/** The person's two-factor state for their account page. */
export async function twoFactorState(services: Services, userId: number): Promise<{ user: UserRow; unusedCodes: number } | null> {
  const { db } = services.database;
  const [user, unusedCodes] = await Promise.all([findUserById(db, userId), countUnusedRecoveryCodes(db, userId)]);
  return user ? { user, unusedCodes } : null;
}

/** Ten new recovery codes for the person, replacing any earlier ones; returns them in clear, once. */
async function issueRecoveryCodes(tx: CommandTx, userId: number): Promise<string[]> {
  const codes = newRecoveryCodes();
  await replaceRecoveryCodes(tx.trx, userId, codes.map(hashRecoveryCode));
  return codes;
}

async function loadSelf(tx: CommandTx): Promise<UserRow> {
  const user = tx.scope.actor ? await lockUser(tx.trx, tx.scope.actor.id) : undefined;
  if (!user) throw new AppError('unauthenticated');
  return user;
}

const confirmSchema = z.object({
  secret: z.string().max(128),
  signature: z.string().max(128),
  code: z.string({ error: 'identity.two_factor.code_required' }).trim().min(1, { error: 'identity.two_factor.code_required' }).max(20),
  session_id: z.number().int(),
});

const confirm = defineCommand({
  name: 'identity.enrol_two_factor',
  input: confirmSchema,
  policy: manageTwoFactor,
  run: async (tx, input) => {
    const user = await loadSelf(tx);
    if (user.totp_enabled_at) throw new AppError('conflict', { messageKey: 'identity.enrol.already_on' });
    if (!/^[A-Z2-7]{16,64}$/.test(input.secret) || !safeEqual(input.signature, offerSignature(tx.scope.services, user.id, input.secret))) {
      throw new AppError('bad_request', { messageKey: 'identity.enrol.offer_invalid' });
    }
    const step = matchTotp(input.secret, input.code);
    if (step === null) throw fieldError('code', 'identity.two_factor.code_wrong', tx.scope.locale);
    // The step just used is recorded, so the same code cannot also sign in.
    await updateUser(tx.trx, user.id, { totp_secret: input.secret, totp_enabled_at: new Date(), totp_last_step: step });
    const codes = await issueRecoveryCodes(tx, user.id);
    // The person just proved the second factor: this session owes no code.
    await markUserSessionMfaPassed(tx.trx, input.session_id, user.id);
    await tx.audit({ action: 'identity.two_factor_enabled', subjectType: 'user', subjectId: user.id, before: { two_factor: false }, after: { two_factor: true, recovery_codes: codes.length } });
    return codes;
  },
});

/**
 * Turns two-factor on with the offered secret once the code from the person's app matches; the
 * current session counts as having passed it. Returns the ten recovery codes to show once.
 */
export async function confirmEnrolment(scope: RequestScope, sessionId: number, raw: Record<string, unknown>): Promise<string[]> {
  if (scope.actor) await hitRateLimits(scope.services.database.db, [{ key: `2fa-enrol:user:${scope.actor.id}`, max: 10, windowSeconds: 15 * 60 }]);
  return confirm(scope, { ...raw, session_id: sessionId });
}

const passwordSchema = z.object({
  password: z.string({ error: 'identity.enrol.password_required' }).min(1, { error: 'identity.enrol.password_required' }).max(1024),
});

async function checkOwnPassword(tx: CommandTx, user: UserRow, password: string): Promise<void> {
  if (!(await verifyPassword(user.password_hash, password))) throw fieldError('password', 'identity.enrol.password_wrong', tx.scope.locale);
}

const regenerate = defineCommand({
  name: 'identity.regenerate_recovery_codes',
  input: passwordSchema,
  policy: manageTwoFactor,
  run: async (tx, input) => {
    const user = await loadSelf(tx);
    if (!user.totp_enabled_at) throw new AppError('conflict', { messageKey: 'identity.enrol.not_on' });
    await checkOwnPassword(tx, user, input.password);
    const codes = await issueRecoveryCodes(tx, user.id);
    await tx.audit({ action: 'identity.recovery_codes_regenerated', subjectType: 'user', subjectId: user.id, after: { recovery_codes: codes.length } });
    return codes;
  },
});

const disable = defineCommand({
  name: 'identity.disable_two_factor',
  input: passwordSchema,
  policy: manageTwoFactor,
  run: async (tx, input) => {
    const user = await loadSelf(tx);
    if (!user.totp_enabled_at) throw new AppError('conflict', { messageKey: 'identity.enrol.not_on' });
    if (requiresTwoFactor(user)) throw new AppError('forbidden', { messageKey: 'identity.enrol.required_by_role' });
    await checkOwnPassword(tx, user, input.password);
    await updateUser(tx.trx, user.id, { totp_secret: null, totp_enabled_at: null, totp_last_step: null });
    await replaceRecoveryCodes(tx.trx, user.id, []);
    await tx.audit({ action: 'identity.two_factor_disabled', subjectType: 'user', subjectId: user.id, before: { two_factor: true }, after: { two_factor: false } });
  },
});

/** Password tries are limited like sign-in attempts: the form must not become a way to guess. */
async function limitPasswordTries(scope: RequestScope): Promise<void> {
  if (scope.actor) await hitRateLimits(scope.services.database.db, [{ key: `password-check:user:${scope.actor.id}`, max: 10, windowSeconds: 15 * 60 }]);
}

/** New recovery codes (the old ones stop working), after the current password. Returns them to show once. */
export async function regenerateRecoveryCodes(scope: RequestScope, raw: unknown): Promise<string[]> {
  await limitPasswordTries(scope);
  return regenerate(scope, raw);
}

/** Turns two-factor off after the current password; 403 for roles that require it. */
export async function disableTwoFactor(scope: RequestScope, raw: unknown): Promise<void> {
  await limitPasswordTries(scope);
  await disable(scope, raw);
}
