/** SQL for the render cache's shared tag generations. */
import { sql } from 'kysely';
import type { Queryable } from '../../db/types.js';

/** Adds one to each tag's generation; returns the new values. */
export async function bumpGenerations(db: Queryable, tags: string[]): Promise<Map<string, number>> {
  const result = new Map<string, number>();
  for (const tag of [...new Set(tags)].sort()) {
    const row = await sql<{ generation: number }>`
      INSERT INTO cache_generations (tag, generation) VALUES (${tag}, 1)
      ON CONFLICT (tag) DO UPDATE SET generation = cache_generations.generation + 1, updated_at = now()
      RETURNING generation`.execute(db);
    result.set(tag, Number(row.rows[0]?.generation ?? 0));
  }
  return result;
}

export async function readGenerations(db: Queryable): Promise<Map<string, number>> {
  const rows = await db.selectFrom('cache_generations').select(['tag', 'generation']).execute();
  return new Map(rows.map((r) => [r.tag, Number(r.generation)]));
}
