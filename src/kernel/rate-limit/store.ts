/** SQL for fixed-window rate-limit counters, shared by every process on the database. */
import { sql } from 'kysely';
import type { Queryable } from '../../db/types.js';

/** Adds one hit to `key` in the window starting at `windowStart`; returns the window's hits. */
export async function countHit(db: Queryable, key: string, windowStart: Date): Promise<number> {
  const result = await sql<{ hits: number }>`
    INSERT INTO rate_limits (key, window_start, hits) VALUES (${key}, ${windowStart}, 1)
    ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limits.hits + 1
    RETURNING hits`.execute(db);
  return Number(result.rows[0]?.hits ?? 0);
}

/** Hits so far in the window, without adding one. */
export async function peekHits(db: Queryable, key: string, windowStart: Date): Promise<number> {
  const row = await db.selectFrom('rate_limits').select('hits').where('key', '=', key).where('window_start', '=', windowStart).executeTakeFirst();
  return row?.hits ?? 0;
}

export async function deleteOldWindows(db: Queryable, before: Date): Promise<void> {
  await db.deleteFrom('rate_limits').where('window_start', '<', before).execute();
}
