/**
 * Two-factor authentication with TOTP (RFC 6238, 30-second steps, 6 digits) and single-use
 * recovery codes. A code is accepted at most once: the last used step is stored.
 */
import { randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { appendAudit } from '../../kernel/audit/index.js';
import { sha256 } from '../../kernel/crypto.js';
import { AppError } from '../../kernel/errors.js';
import { hitRateLimits } from '../../kernel/rate-limit/index.js';
import type { RequestScope } from '../../kernel/services.js';
import { fieldError } from '../../kernel/validation.js';
import { claimTotpStep, consumeRecoveryCode, findUserById, markSessionMfaPassed } from './store.js';

const PERIOD = 30;

function totpFor(secretBase32: string, label = 'Teixit'): TOTP {
  return new TOTP({ issuer: 'Teixit', label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secretBase32) });
}

/** A new random secret, base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export function totpUri(secretBase32: string, label: string): string {
  return totpFor(secretBase32, label).toString();
}

/** The time step a code belongs to (current or adjacent), or null when it is wrong. */
export function matchTotp(secretBase32: string, code: string, now = Date.now()): number | null {
  const clean = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(clean)) return null;
  const delta = totpFor(secretBase32).validate({ token: clean, window: 1, timestamp: now });
  if (delta === null) return null;
  return Math.floor(now / 1000 / PERIOD) + delta;
}

/** The code an authenticator app would show now (for tests and the CLI only). */
export function currentTotpCode(secretBase32: string, now = Date.now()): string {
  return totpFor(secretBase32).generate({ timestamp: now });
}

/** Ten recovery codes like `7kq2-9fzm-x4tp`, shown once; only their hashes are kept. */
export function newRecoveryCodes(): string[] {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const group = () => Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join('');
  return Array.from({ length: 10 }, () => `${group()}-${group()}-${group()}`);
}

export function hashRecoveryCode(code: string): string {
  return sha256(code.trim().toLowerCase().replace(/\s+/g, ''));
}

/**
 * Completes sign-in with a TOTP code or a recovery code. A code already used, a wrong code and
 * too many attempts are refused; the session then counts as fully signed in.
 */
export async function passSecondFactor(scope: RequestScope, sessionId: number, userId: number, rawCode: unknown): Promise<void> {
  const code = typeof rawCode === 'string' ? rawCode.trim() : '';
  if (code === '') throw fieldError('code', 'identity.two_factor.code_required', scope.locale);
  const { db } = scope.services.database;
  await hitRateLimits(db, [{ key: `2fa:user:${userId}`, max: 10, windowSeconds: 15 * 60 }]);
  await db.transaction().execute(async (trx) => {
    const user = await findUserById(trx, userId);
    if (!user?.totp_secret || !user.totp_enabled_at) throw new AppError('forbidden');
    const meta = { actorId: user.id, actorName: user.name, requestId: scope.requestId };
    let method: 'totp' | 'recovery_code';
    const step = matchTotp(user.totp_secret, code);
    if (step !== null) {
      if (!(await claimTotpStep(trx, user.id, step))) throw fieldError('code', 'identity.two_factor.code_reused', scope.locale);
      method = 'totp';
    } else if (/^[a-z0-9]{4}-?[a-z0-9]{4}-?[a-z0-9]{4}$/i.test(code) && (await consumeRecoveryCode(trx, user.id, hashRecoveryCode(formatRecovery(code))))) {
      method = 'recovery_code';
    } else {
      throw fieldError('code', 'identity.two_factor.code_wrong', scope.locale);
    }
    await markSessionMfaPassed(trx, sessionId);
    await appendAudit(trx, { action: 'identity.second_factor_passed', subjectType: 'user', subjectId: user.id, after: { method, session: sessionId } }, meta);
  });
}

function formatRecovery(code: string): string {
  const clean = code.toLowerCase().replace(/[^a-z0-9]/g, '');
  return `${clean.slice(0, 4)}-${clean.slice(4, 8)}-${clean.slice(8, 12)}`;
}
