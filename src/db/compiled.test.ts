/**
 * A statement built once answers every call with that call's arguments, on the database and in
 * transactions, counted like any other; on PostgreSQL each connection prepares it once, by name.
 * Runs on TEIXIT_TEST_DB.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arg, compileOnce, preparedStatementName } from './compiled.js';
import { countQueries } from './connect.js';
import { createTestDatabase, testEngine, type TestDatabase } from './test-database.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await database.db
    .insertInto('settings')
    .values([
      { key: 'compiled.a', value: JSON.stringify('first') },
      { key: 'compiled.b', value: JSON.stringify('second') },
      { key: 'compiled.c', value: JSON.stringify('third') },
    ])
    .execute();
}, 120_000);
afterAll(async () => {
  await database?.drop();
});

let builds = 0;
const settingsBetween = compileOnce<[string, string], { key: string }>((db) => {
  builds += 1;
  return db.selectFrom('settings').select('key').where('key', '>=', arg<string>(0)).where('key', '<=', arg<string>(1)).where('key', 'like', 'compiled.%').orderBy('key');
});

describe(`statements built once (now: ${testEngine()})`, () => {
  it('builds the statement on the first call only, and gives each call its own arguments', async () => {
    const first = await settingsBetween(database.db, 'compiled.a', 'compiled.b');
    const second = await settingsBetween(database.db, 'compiled.b', 'compiled.c');
    const none = await settingsBetween(database.db, 'compiled.x', 'compiled.z');
    expect(first.map((r) => r.key)).toEqual(['compiled.a', 'compiled.b']);
    expect(second.map((r) => r.key)).toEqual(['compiled.b', 'compiled.c']);
    expect(none).toEqual([]);
    expect(builds).toBe(1);
  });

  it('runs inside a transaction, which sees its own writes, and is counted', async () => {
    const counted = await countQueries(database, () =>
      database.db.transaction().execute(async (trx) => {
        await trx.insertInto('settings').values({ key: 'compiled.bb', value: JSON.stringify('inside') }).execute();
        const rows = await settingsBetween(trx, 'compiled.b', 'compiled.c');
        await trx.deleteFrom('settings').where('key', '=', 'compiled.bb').execute();
        return rows.map((r) => r.key);
      }),
    );
    expect(counted.result).toEqual(['compiled.b', 'compiled.bb', 'compiled.c']);
    // BEGIN, the insert, the statement, the delete, COMMIT.
    expect(counted.queries).toBe(5);
  });

  it('is prepared by name on each PostgreSQL connection, and only there', async () => {
    const { sql: text } = database.db.selectFrom('settings').select('key').where('key', '>=', 'a').where('key', '<=', 'b').where('key', 'like', 'compiled.%').orderBy('key').compile();
    const name = preparedStatementName(text);
    expect(name).toMatch(/^teixit_\d+$/);
    expect(preparedStatementName('SELECT 1')).toBeUndefined();
    // One transaction holds one connection: the statement and the look at what it prepared.
    const prepared = await database.db.transaction().execute(async (trx) => {
      await settingsBetween(trx, 'compiled.a', 'compiled.c');
      await settingsBetween(trx, 'compiled.a', 'compiled.c');
      const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM pg_prepared_statements WHERE name = ${name}`.execute(trx);
      return rows[0]?.n;
    });
    expect(prepared).toBe(database.kind === 'postgres' ? 1 : 0);
  });
});
