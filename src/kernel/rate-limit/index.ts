/**
 * Rate limits kept in the database (fixed windows), so they hold across processes and restarts.
 * Over the limit: `AppError('rate_limited')` with the seconds until the window ends.
 */
import type { Queryable } from '../../db/types.js';
import { AppError } from '../errors.js';
import { countHit, deleteOldWindows, peekHits } from './store.js';

export interface Limit {
  /** A name for the counter, e.g. `sign-in:ip:1.2.3.4`. */
  key: string;
  max: number;
  windowSeconds: number;
}

function windowOf(limit: Limit, now: number): { start: Date; retryAfter: number } {
  const size = limit.windowSeconds * 1000;
  const start = Math.floor(now / size) * size;
  return { start: new Date(start), retryAfter: Math.max(1, Math.ceil((start + size - now) / 1000)) };
}

/** Counts one attempt against every limit; throws 429 when any is exceeded. */
export async function hitRateLimits(db: Queryable, limits: Limit[], now = Date.now()): Promise<void> {
  for (const limit of limits) {
    const window = windowOf(limit, now);
    const hits = await countHit(db, limit.key, window.start);
    if (hits > limit.max) throw new AppError('rate_limited', { retryAfter: window.retryAfter, params: { seconds: window.retryAfter } });
  }
}

/** Throws 429 if a limit is already exhausted, without counting (check before expensive work). */
export async function assertUnderRateLimits(db: Queryable, limits: Limit[], now = Date.now()): Promise<void> {
  for (const limit of limits) {
    const window = windowOf(limit, now);
    if ((await peekHits(db, limit.key, window.start)) >= limit.max) {
      throw new AppError('rate_limited', { retryAfter: window.retryAfter, params: { seconds: window.retryAfter } });
    }
  }
}

/** Forgets windows older than a day. */
export async function pruneRateLimits(db: Queryable, now = Date.now()): Promise<void> {
  await deleteOldWindows(db, new Date(now - 24 * 3600 * 1000));
}
