import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { sql } from 'kysely';
import type { Database, Queryable } from './types.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
/** Any number, as long as it is the same in every process: serializes concurrent migrators. */
const MIGRATION_LOCK = 7_463_001;

export interface Migration {
  id: string;
  script: string;
}

/** The numbered `.sql` files of `src/db/migrations`, in order. */
export async function listMigrations(): Promise<Migration[]> {
  const files = (await readdir(MIGRATIONS_DIR)).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
  return Promise.all(
    files.map(async (file) => ({
      id: path.basename(file, '.sql'),
      script: await readFile(path.join(MIGRATIONS_DIR, file), 'utf8'),
    })),
  );
}

/**
 * Applies every migration not yet applied, in one transaction under an advisory lock, so two
 * processes starting together never run one twice. Returns the ids it applied.
 */
export async function migrate(database: Database): Promise<string[]> {
  const migrations = await listMigrations();
  return database.db.transaction().execute(async (trx) => {
    await lockMigrations(trx);
    const done = await sql<{ id: string }>`SELECT id FROM schema_migrations`.execute(trx);
    const applied = new Set(done.rows.map((r) => r.id));
    const pending = migrations.filter((m) => !applied.has(m.id));
    await applyMigrationScripts(trx, pending);
    return pending.map((m) => m.id);
  });
}

/**
 * Takes the migrators' advisory lock for the rest of the transaction and makes sure the
 * bookkeeping table exists. A restore takes the same lock, so it never interleaves with a
 * server starting (and migrating) on the same database.
 */
export async function lockMigrations(trx: Queryable): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx);
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
    id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`.execute(trx);
}

/** Runs migration scripts in order inside the caller's transaction, recording each as applied. */
export async function applyMigrationScripts(trx: Queryable, scripts: ReadonlyArray<Migration>): Promise<void> {
  for (const migration of scripts) {
    await sql.raw(migration.script).execute(trx);
    await sql`INSERT INTO schema_migrations (id) VALUES (${migration.id}) ON CONFLICT (id) DO NOTHING`.execute(trx);
  }
}
