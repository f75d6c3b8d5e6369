/**
 * Migrations run once: a second `migrate()` applies nothing, also when two start together; and
 * every test database is a private, fully migrated copy. Runs on TEIXIT_TEST_DB.
 */
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPGliteDatabase, createPool, createPostgresDatabase, pgliteParsers } from './connect.js';
import { listMigrations, migrate } from './migrate.js';
import { createTestDatabase, testEngine, type TestDatabase } from './test-database.js';
import type { Database } from './types.js';

/** A brand-new, empty database on the engine under test, and how to get rid of it. */
async function emptyDatabase(): Promise<{ database: Database; dispose: () => Promise<void> }> {
  if (testEngine() === 'pglite') {
    const database = createPGliteDatabase(await PGlite.create({ parsers: pgliteParsers }));
    return { database, dispose: () => database.close() };
  }
  const serverUrl = process.env.TEST_DATABASE_URL!;
  const name = `teixit_m_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = createPostgresDatabase(createPool(url.toString(), 4));
  return {
    database,
    dispose: async () => {
      await database.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

describe(`migrations (on ${testEngine()})`, () => {
  it('run once: the first migrate() applies every file, a second one nothing, even when both start together', async () => {
    const ids = (await listMigrations()).map((m) => m.id);
    expect(ids.length).toBeGreaterThan(0);
    const { database, dispose } = await emptyDatabase();
    try {
      const [a, b] = await Promise.all([migrate(database), migrate(database)]);
      expect([a, b].sort((x, y) => y.length - x.length)).toEqual([ids, []]);
      expect(await migrate(database)).toEqual([]);
      const applied = await database.db.selectFrom('schema_migrations').select('id').orderBy('id').execute();
      expect(applied.map((r) => r.id)).toEqual(ids);
    } finally {
      await dispose();
    }
  }, 120_000);
});

describe('test databases', () => {
  let one: TestDatabase;
  let two: TestDatabase;
  beforeAll(async () => {
    [one, two] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([one?.drop(), two?.drop()]);
  });

  it('come migrated, with nothing left to apply', async () => {
    expect(one.kind).toBe(testEngine());
    expect(await migrate(one)).toEqual([]);
  });

  it('are private to their caller', async () => {
    await one.db.insertInto('settings').values({ key: 'only-in-one', value: '1' }).execute();
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM settings`.execute(two.db);
    expect(rows[0]!.n).toBe(0);
  });
});
