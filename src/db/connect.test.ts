/**
 * The same SQL gives the same JS values on PGlite and on PostgreSQL, scripts run whole, and
 * query counting sees exactly the statements of the work it wraps. Runs on TEIXIT_TEST_DB.
 */
import { mkdtempSync, existsSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countQueries, openDatabase } from './connect.js';
import { LOCK_FILE } from './data-dir.js';
import { createTestDatabase, testEngine, type TestDatabase } from './test-database.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await database.exec(`
    CREATE TABLE type_probe (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, day date, amount numeric(10,2));
    INSERT INTO type_probe (day, amount) VALUES ('2024-02-29', 12.50), ('2024-03-01', NULL);
  `);
}, 120_000);
afterAll(async () => {
  await database?.drop();
});

describe(`result types are the same on every engine (now: ${testEngine()})`, () => {
  it('count(*) and bigint are numbers, also in arrays', async () => {
    const count = await database.db
      .selectFrom('settings')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(0);
    const { rows } = await sql<{ n: unknown; big: unknown; bigs: unknown; id: unknown }>`
      SELECT count(*) AS n, 9007199254740991::bigint AS big, ARRAY[1, NULL, 3]::bigint[] AS bigs,
             (SELECT max(id) FROM type_probe) AS id`.execute(database.db);
    expect(rows[0]).toEqual({ n: 1, big: 9007199254740991, bigs: [1, null, 3], id: 2 });
  });

  it("a date is a 'YYYY-MM-DD' string, never a Date, with no time-zone shift", async () => {
    const rows = await sql<{ day: unknown }>`SELECT day FROM type_probe ORDER BY id`.execute(database.db);
    expect(rows.rows.map((r) => r.day)).toEqual(['2024-02-29', '2024-03-01']);
    const { rows: more } = await sql<{ d: unknown; ds: unknown; param: unknown }>`
      SELECT '1999-12-31'::date AS d, ARRAY['2000-01-01'::date, NULL] AS ds, ${'2024-06-30'}::date AS param`.execute(
      database.db,
    );
    expect(more[0]).toEqual({ d: '1999-12-31', ds: ['2000-01-01', null], param: '2024-06-30' });
  });

  it('numeric and interval are strings, timestamptz a Date, json and jsonb parsed', async () => {
    const { rows } = await sql<Record<string, unknown>>`
      SELECT amount, ARRAY[1.5]::numeric[] AS amounts, '1 day 02:00:00'::interval AS span,
             '2024-01-02T03:04:05Z'::timestamptz AS at, '{"a": [1, "x"]}'::jsonb AS jb,
             '{"b": null}'::json AS j, ${JSON.stringify({ c: true })}::jsonb AS jparam
      FROM type_probe WHERE id = 1`.execute(database.db);
    const row = rows[0]!;
    expect(row.amount).toBe('12.50');
    expect(row.amounts).toEqual(['1.5']);
    expect(row.span).toBe('1 day 02:00:00');
    expect(row.at).toBeInstanceOf(Date);
    expect((row.at as Date).toISOString()).toBe('2024-01-02T03:04:05.000Z');
    expect(row.jb).toEqual({ a: [1, 'x'] });
    expect(row.j).toEqual({ b: null });
    expect(row.jparam).toEqual({ c: true });
  });

  it('the session time zone is UTC on both engines', async () => {
    const { rows } = await sql<{ tz: string }>`SELECT current_setting('TimeZone') AS tz`.execute(database.db);
    expect(['UTC', 'Etc/UTC']).toContain(rows[0]!.tz);
  });

  it('inserts, updates and deletes report how many rows they touched', async () => {
    const { db } = database;
    const inserted = await db
      .insertInto('settings')
      .values([
        { key: 'n:a', value: '1' },
        { key: 'n:b', value: '2' },
      ])
      .executeTakeFirstOrThrow();
    expect(inserted.numInsertedOrUpdatedRows).toBe(2n);
    const updated = await db.updateTable('settings').set({ value: '3' }).where('key', 'like', 'n:%').executeTakeFirstOrThrow();
    expect(updated.numUpdatedRows).toBe(2n);
    const deleted = await db.deleteFrom('settings').where('key', '=', 'n:a').executeTakeFirstOrThrow();
    expect(deleted.numDeletedRows).toBe(1n);
    await db.deleteFrom('settings').where('key', 'like', 'n:%').execute();
  });
});

describe('exec() runs a whole multi-statement script', () => {
  it('runs every statement, and a failing script leaves nothing behind inside a transaction', async () => {
    await database.exec(`
      CREATE TABLE script_probe (x int);
      INSERT INTO script_probe VALUES (1);
      INSERT INTO script_probe VALUES (2), (3);`);
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM script_probe`.execute(database.db);
    expect(rows[0]!.n).toBe(3);
    await expect(
      database.exec('BEGIN; INSERT INTO script_probe VALUES (4); SELECT 1/0; COMMIT;'),
    ).rejects.toThrow(/division by zero/);
    const after = await sql<{ n: number }>`SELECT count(*) AS n FROM script_probe`.execute(database.db);
    expect(after.rows[0]!.n).toBe(3);
  });
});

describe('countQueries counts the statements of the work it wraps, and only those', () => {
  it('counts each statement, BEGIN and COMMIT included', async () => {
    const { db } = database;
    const plain = await countQueries(database, async () => {
      await db.selectFrom('settings').selectAll().execute();
      await db.selectFrom('users').selectAll().execute();
      return 'done';
    });
    expect(plain).toEqual({ result: 'done', queries: 2 });
    const inTransaction = await countQueries(database, () =>
      db.transaction().execute(async (trx) => {
        await trx.selectFrom('settings').selectAll().execute();
      }),
    );
    expect(inTransaction.queries).toBe(3);
  });

  it('does not count concurrent work outside it; nested counts add up to the outer one', async () => {
    const { db } = database;
    const noise = Promise.all(Array.from({ length: 10 }, () => db.selectFrom('jobs').selectAll().execute()));
    const outer = await countQueries(database, async () => {
      await db.selectFrom('settings').selectAll().execute();
      const inner = await countQueries(database, async () => {
        await Promise.all([db.selectFrom('users').selectAll().execute(), db.selectFrom('outbox').selectAll().execute()]);
      });
      expect(inner.queries).toBe(2);
    });
    await noise;
    expect(outer.queries).toBe(3);
  });

  it('counts failed statements too', async () => {
    const counted = await countQueries(database, async () => {
      await sql`SELECT 1/0`.execute(database.db).catch(() => undefined);
    });
    expect(counted.queries).toBe(1);
  });
});

describe.skipIf(testEngine() !== 'pglite')('the embedded database on disk', () => {
  let dir = '';
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('persists across a close and reopen, holds the lock while open and releases it on close', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'teixit-disk-'));
    const first = await openDatabase({ dataDir: dir });
    expect(first.kind).toBe('pglite');
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(true);
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/already has it open.*corrupt/s);
    await first.exec('CREATE TABLE kept (x int); INSERT INTO kept VALUES (42);');
    await first.close();
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);

    const second = await openDatabase({ dataDir: dir });
    try {
      const { rows } = await sql<{ x: number }>`SELECT x FROM kept`.execute(second.db);
      expect(rows).toEqual([{ x: 42 }]);
    } finally {
      await second.close();
    }
  }, 120_000);
});

describe.skipIf(testEngine() !== 'postgres')('a PostgreSQL server', () => {
  it('is opened from a URL, and a wrong URL fails at open', async () => {
    const url = process.env.TEST_DATABASE_URL!;
    const server = await openDatabase({ databaseUrl: url, dataDir: '/nonexistent' });
    try {
      expect(server.kind).toBe('postgres');
      const { rows } = await sql<{ n: unknown }>`SELECT count(*) AS n FROM pg_database WHERE false`.execute(server.db);
      expect(rows[0]!.n).toBe(0);
    } finally {
      await server.close();
    }
    const wrong = new URL(url);
    wrong.pathname = '/teixit_no_such_database';
    await expect(openDatabase({ databaseUrl: wrong.toString(), dataDir: '/nonexistent' })).rejects.toThrow(
      /does not exist/,
    );
  });
});
