/**
 * Browser sessions: a random cookie value whose SHA-256 is the only thing stored. A session ends
 * after idle time, after its maximum age, when revoked, or when its person is disabled.
 */
import type { Queryable } from '../../db/types.js';
import { randomToken, sha256 } from '../../kernel/crypto.js';
import type { SessionState } from '../../kernel/http/env.js';
import type { Actor } from '../../kernel/policy.js';
import type { Services } from '../../kernel/services.js';
import { findLiveApiToken, findLiveSession, insertSession, touchApiToken, touchSession, type UserRow } from './store.js';
import { AppError, isAppError } from '../../kernel/errors.js';

/** Roles whose holders must use two-factor authentication. */
export const ROLES_REQUIRING_2FA = ['admin', 'official'] as const;

export function requiresTwoFactor(user: Pick<UserRow, 'roles'>): boolean {
  return user.roles.some((role) => (ROLES_REQUIRING_2FA as readonly string[]).includes(role));
}

/** Opens a session for `user`; returns the cookie value (shown once, never stored). */
export async function openSession(
  trx: Queryable,
  services: Services,
  user: Pick<UserRow, 'id'>,
  details: { mfaPassed: boolean; ip: string | null; userAgent: string | null },
): Promise<{ token: string; id: number }> {
  const token = randomToken(32);
  const id = await insertSession(trx, {
    token_hash: sha256(token),
    user_id: user.id,
    mfa_passed: details.mfaPassed,
    ip: details.ip,
    user_agent: details.userAgent?.slice(0, 300) ?? null,
    expires_at: new Date(Date.now() + services.config.sessionIdleMinutes * 60_000),
  });
  return { token, id };
}

/**
 * Last-seen times are bookkeeping: on a full disk they are skipped, so people can still read
 * (a real write then fails with its own clear 507).
 */
async function bestEffort(touch: Promise<void>): Promise<void> {
  try {
    await touch;
  } catch (error) {
    if (!isAppError(error, 'disk_full')) throw error;
  }
}

/** How often a session's last-seen time is written: not on every request. */
const TOUCH_EVERY_MS = 60_000;

/** Resolves a session cookie to its state and person, or null when it is no longer valid. */
export async function resolveSession(services: Services, cookieValue: string): Promise<{ state: SessionState; actor: Actor } | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(cookieValue)) return null;
  const { db } = services.database;
  const found = await findLiveSession(db, sha256(cookieValue));
  if (!found) return null;
  const { session, user } = found;
  if (user.status !== 'active') return null;
  const maxAgeMs = services.config.sessionMaxDays * 24 * 3600 * 1000;
  if (session.created_at.getTime() + maxAgeMs < Date.now()) return null;
  if (Date.now() - session.last_seen_at.getTime() > TOUCH_EVERY_MS) {
    const idleEnd = Date.now() + services.config.sessionIdleMinutes * 60_000;
    await bestEffort(touchSession(db, session.id, new Date(Math.min(idleEnd, session.created_at.getTime() + maxAgeMs))));
  }
  return {
    state: {
      id: session.id,
      userId: user.id,
      mfaPending: user.totp_enabled_at !== null && !session.mfa_passed,
      mfaEnrollmentRequired: user.totp_enabled_at === null && requiresTwoFactor(user),
      locale: user.locale,
      account: {
        id: user.id, name: user.name, email: user.email, roles: user.roles, gender: user.gender,
        email_verified_at: user.email_verified_at, totp_enabled_at: user.totp_enabled_at,
      },
    },
    actor: { id: user.id, name: user.name, roles: user.roles },
  };
}

/** Resolves an API bearer token to its person; 401 when unknown, revoked or the person is disabled. */
export async function resolveApiToken(services: Services, bearer: string): Promise<Actor> {
  const { db } = services.database;
  if (!/^tx_[A-Za-z0-9_-]{20,100}$/.test(bearer)) throw new AppError('invalid_token');
  const found = await findLiveApiToken(db, sha256(bearer));
  if (!found || found.user.status !== 'active') throw new AppError('invalid_token');
  if (!found.token.last_used_at || Date.now() - found.token.last_used_at.getTime() > TOUCH_EVERY_MS) {
    await bestEffort(touchApiToken(db, found.token.id));
  }
  return { id: found.user.id, name: found.user.name, roles: found.user.roles };
}
