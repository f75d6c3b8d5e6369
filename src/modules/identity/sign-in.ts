/**
 * Signing in and out. A wrong password and an unknown e-mail get the same answer and cost the
 * same time. Attempts are limited per account and per address; every attempt is audited.
 */
import { z } from 'zod';
import { appendAudit } from '../../kernel/audit/index.js';
import { sha256 } from '../../kernel/crypto.js';
import { AppError } from '../../kernel/errors.js';
import type { Locale } from '../../kernel/i18n/index.js';
import { hitRateLimits, type Limit } from '../../kernel/rate-limit/index.js';
import type { RequestScope } from '../../kernel/services.js';
import { validate } from '../../kernel/validation.js';
import { verifyPassword } from './passwords.js';
import { openSession } from './sessions.js';
import { findUserByEmail, revokeSessionById, findLiveSession } from './store.js';

export const signInSchema = z.object({
  email: z.string({ error: 'identity.sign_in.email_required' }).trim().toLowerCase().min(1, { error: 'identity.sign_in.email_required' }).max(254),
  password: z.string({ error: 'identity.sign_in.password_required' }).min(1, { error: 'identity.sign_in.password_required' }).max(1024),
});

/** Per account and per address: enough for a person who mistypes, too few for guessing. */
export function signInLimits(email: string, ip: string | null): Limit[] {
  return [
    { key: `sign-in:account:${sha256(email)}`, max: 10, windowSeconds: 15 * 60 },
    { key: `sign-in:ip:${ip ?? 'unknown'}`, max: 50, windowSeconds: 15 * 60 },
  ];
}

export interface SignedIn {
  token: string;
  sessionId: number;
  userId: number;
  needsSecondFactor: boolean;
  /** The person's own language, where they land once signed in. */
  locale: Locale;
}

/**
 * Checks the e-mail and password and opens a session. Throws 401 (`identity.sign_in.bad_credentials`)
 * for any wrong pair, 403 for a disabled account, 429 past the limits.
 */
export async function signIn(scope: RequestScope, raw: unknown, details: { userAgent: string | null; previousCookie?: string | undefined }): Promise<SignedIn> {
  const input = validate(signInSchema, raw, scope.locale);
  const { db } = scope.services.database;
  await hitRateLimits(db, signInLimits(input.email, scope.ip));
  const user = await findUserByEmail(db, input.email);
  const ok = await verifyPassword(user?.password_hash ?? null, input.password);
  const meta = { actorId: user?.id ?? null, actorName: user?.name ?? null, requestId: scope.requestId };
  if (!user || !ok) {
    await db.transaction().execute((trx) =>
      appendAudit(trx, { action: 'identity.sign_in_failed', subjectType: 'user', subjectId: user?.id ?? null, after: { ip: scope.ip } }, meta),
    );
    throw new AppError('unauthenticated', { messageKey: 'identity.sign_in.bad_credentials' });
  }
  if (user.status !== 'active') {
    throw new AppError('forbidden', { messageKey: 'identity.sign_in.disabled' });
  }
  return db.transaction().execute(async (trx) => {
    // Rotation: whatever session this browser had ends; the new one has a new value.
    if (details.previousCookie) {
      const previous = await findLiveSession(trx, sha256(details.previousCookie));
      if (previous) await revokeSessionById(trx, previous.session.id);
    }
    const needsSecondFactor = user.totp_enabled_at !== null;
    const session = await openSession(trx, scope.services, user, { mfaPassed: !needsSecondFactor, ip: scope.ip, userAgent: details.userAgent });
    await appendAudit(trx, { action: 'identity.signed_in', subjectType: 'user', subjectId: user.id, after: { session: session.id, ip: scope.ip } }, meta);
    return { token: session.token, sessionId: session.id, userId: user.id, needsSecondFactor, locale: user.locale };
  });
}

/** Ends the session behind this cookie. */
export async function signOut(scope: RequestScope, sessionId: number, userId: number): Promise<void> {
  await scope.services.database.db.transaction().execute(async (trx) => {
    await revokeSessionById(trx, sessionId);
    await appendAudit(trx, { action: 'identity.signed_out', subjectType: 'user', subjectId: userId, after: { session: sessionId } }, {
      actorId: userId,
      actorName: scope.actor?.name ?? null,
      requestId: scope.requestId,
    });
  });
}

/** A safe place to go after signing in: a path on this site, never another origin. */
export function safeNext(next: unknown, fallback: string): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return fallback;
  return /^\/(ca|es|en)(\/|$|\?)/.test(next) ? next : fallback;
}
