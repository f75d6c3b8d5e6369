/**
 * Opening the database: PGlite in-process (default, persisted under the data directory) or a
 * PostgreSQL server (`DATABASE_URL`). Both give the same `Database` and the same JS types for
 * the same SQL, so code and tests written on one run unchanged on the other.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { existsSync, readdirSync, statfsSync } from 'node:fs';
import path from 'node:path';
import { PGlite, type ParserOptions } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql, type Dialect, type LogEvent } from 'kysely';
import pg from 'pg';
import { AppError } from '../kernel/errors.js';
import { preparedStatementName } from './compiled.js';
import { acquireDataDirLock } from './data-dir.js';
import { createDiskGuard, DEFAULT_MIN_FREE_BYTES, type DiskGuard } from './disk-guard.js';
import { PGliteDialect } from './pglite-dialect.js';
import type { Database, DB } from './types.js';

export type QueryLog = (sqlText: string, ms: number) => void;

export interface OpenDatabaseOptions {
  /** A PostgreSQL server; without it the embedded PGlite under `dataDir` is used. */
  databaseUrl?: string | undefined;
  /** Holds `pglite/` and the lock file when no URL is given. */
  dataDir: string;
  /** PGlite only: writes are refused with `AppError('disk_full')` below this. */
  minFreeBytes?: number | undefined;
  /** Called after every statement (also failed ones) with its SQL and duration. */
  log?: QueryLog | undefined;
}

/**
 * Room a fresh PGlite data directory takes when it initialises: measured ~40 MB on disk (the
 * ~0.9 GB often quoted is the process's memory during initdb, not disk).
 */
const PGLITE_INIT_BYTES = 64 * 1024 * 1024;

/**
 * Opens the database. Without `databaseUrl`: takes the data-directory lock (a second process
 * fails with a clear message), opens PGlite at `<dataDir>/pglite` and guards writes against a
 * full disk. With it: a `pg.Pool` of 10 connections, checked with one query so a wrong URL fails
 * at boot. Does not migrate: call `migrate()` from `./migrate.js`.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = createPool(options.databaseUrl);
    try {
      await pool.query('SELECT 1');
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
    return createPostgresDatabase(pool, { log: options.log });
  }

  const lock = acquireDataDirLock(options.dataDir);
  try {
    const pgliteDir = path.join(path.resolve(options.dataDir), 'pglite');
    const minFreeBytes = options.minFreeBytes ?? DEFAULT_MIN_FREE_BYTES;
    assertRoomToInitialise(options.dataDir, pgliteDir, minFreeBytes);
    const pglite = new PGlite(pgliteDir, { parsers: pgliteParsers });
    await pglite.waitReady;
    const diskGuard = createDiskGuard({ dir: options.dataDir, minFreeBytes });
    return createPGliteDatabase(pglite, { diskGuard, log: options.log, onClose: () => lock.release() });
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** PGlite would spin forever if the disk filled during its first initialisation. */
function assertRoomToInitialise(dataDir: string, pgliteDir: string, minFreeBytes: number): void {
  if (existsSync(pgliteDir) && readdirSync(pgliteDir).length > 0) return;
  const s = statfsSync(dataDir);
  const free = Number(s.bavail) * Number(s.bsize);
  if (free < PGLITE_INIT_BYTES + minFreeBytes) {
    throw new AppError('disk_full', {
      cause: new Error(
        `A new embedded database needs ${PGLITE_INIT_BYTES + minFreeBytes} bytes free to initialise; ${dataDir} has ${free}.`,
      ),
    });
  }
}

export interface WrapOptions {
  log?: QueryLog | undefined;
  diskGuard?: DiskGuard | undefined;
  /** PGlite only: see `PGliteDialectConfig.acquireTimeoutMs`. */
  acquireTimeoutMs?: number | undefined;
  /** Runs after the engine is closed (releases the lock, drops a test database…). */
  onClose?: (() => void | Promise<void>) | undefined;
}

/**
 * Wraps an open PGlite instance (created with `pgliteParsers`) as a `Database`. For tests and
 * tools that make their own instance (in memory, loaded from a dump); `close()` closes it.
 */
export function createPGliteDatabase(pglite: PGlite, options: WrapOptions = {}): Database {
  return wrap(new PGliteDialect({ pglite, diskGuard: options.diskGuard, acquireTimeoutMs: options.acquireTimeoutMs }), 'pglite', options);
}

/** A `pg.Pool` with the shared type parsers (`pgTypes`). */
export function createPool(connectionString: string, max = 10): pg.Pool {
  return new pg.Pool({ connectionString, max, types: pgTypes });
}

/** Wraps a `pg.Pool` (made by `createPool`) as a `Database`; `close()` ends the pool. */
export function createPostgresDatabase(pool: pg.Pool, options: WrapOptions = {}): Database {
  // Idle clients emit 'error' when the server goes away; unheard, that kills the process.
  pool.on('error', (error) => console.error('teixit: idle PostgreSQL connection failed:', error.message));
  // Both engines in UTC: `now()::date`, `to_char` and date arithmetic then agree (PGlite is UTC).
  pool.on('connect', (client) => {
    client.query('SET TimeZone = UTC').catch(() => undefined);
    preparePerConnection(client);
  });
  return wrap(new PostgresDialect({ pool }), 'postgres', options);
}

/**
 * Statements built once (`compileOnce`: the session lookup of every signed-in request) are sent
 * as named prepared statements: each connection parses and plans them once, instead of on every
 * call (measured on the session lookup: PostgreSQL's CPU per call fell to about a quarter, the
 * client's by a third or more). Kysely calls `client.query(sql, parameters)`; only SQL
 * registered by `compileOnce` gets a name.
 * (A pooler in transaction mode needs prepared-statement support for this, e.g. PgBouncer ≥ 1.21
 * with `max_prepared_statements`.)
 */
function preparePerConnection(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((text: unknown, ...rest: unknown[]) => {
    const name = typeof text === 'string' && rest.length === 1 && Array.isArray(rest[0]) ? preparedStatementName(text) : undefined;
    return name ? query({ name, text, values: rest[0] }) : query(text, ...rest);
  }) as typeof client.query;
}

function wrap(dialect: Dialect, kind: Database['kind'], options: WrapOptions): Database {
  const database: Database = {
    db: undefined as unknown as Kysely<DB>,
    kind,
    async exec(script: string): Promise<void> {
      // No parameters: both drivers send it with the simple protocol, which runs several
      // statements; through Kysely it takes the PGlite mutex and is logged and counted.
      await database.db.connection().execute(async (connection) => {
        try {
          await sql.raw(script).execute(connection);
        } catch (error) {
          // A script with its own BEGIN stops at the failing statement with the transaction
          // still open (and aborted): close it before the connection goes back to the pool,
          // or the next user of that connection fails with "current transaction is aborted".
          await sql`ROLLBACK`.execute(connection).catch(() => undefined);
          throw error;
        }
      });
    },
    async close(): Promise<void> {
      try {
        await database.db.destroy();
      } finally {
        await options.onClose?.();
      }
    },
  };
  const counters = new AsyncLocalStorage<Counter>();
  storages.set(database, counters);
  database.db = new Kysely<DB>({
    dialect,
    log(event: LogEvent) {
      for (let c = counters.getStore(); c; c = c.parent) c.queries++;
      options.log?.(event.query.sql, event.queryDurationMillis);
    },
  });
  return database;
}

interface Counter {
  queries: number;
  parent: Counter | undefined;
}
const storages = new WeakMap<Database, AsyncLocalStorage<Counter>>();

/**
 * Runs `fn` and counts the SQL statements it sent to `database` (BEGIN and COMMIT included):
 * for tests asserting that a page's query count does not grow with the size of its lists.
 * Scoped with AsyncLocalStorage, so statements of concurrent work outside `fn` are not counted;
 * nested calls each count their own and add up to the outer one.
 *
 * @example
 * const small = await countQueries(database, () => renderMeetingsPage(database.db, { rows: 2 }));
 * const large = await countQueries(database, () => renderMeetingsPage(database.db, { rows: 50 }));
 * expect(large.queries).toBe(small.queries);
 */
export async function countQueries<T>(
  database: Database,
  fn: () => Promise<T>,
): Promise<{ result: T; queries: number }> {
  const storage = storages.get(database);
  if (!storage) throw new Error('countQueries() needs a Database made by openDatabase() or createTestDatabase().');
  const counter: Counter = { queries: 0, parent: storage.getStore() };
  const result = await storage.run(counter, fn);
  return { result, queries: counter.queries };
}

// ---- One set of JS types for both engines --------------------------------------------------
//
// int8 (ids, count(*), sum of ints) → number on both: PGlite gives numbers, `pg` strings.
// Values beyond 2^53 stay strings rather than silently losing digits.
// date → 'YYYY-MM-DD' string on both: a Date would shift by the time zone.
// numeric → string (both by default); interval → string (`pg` would give an object).
// timestamptz → Date and json/jsonb → parsed value are already the defaults of both.

const OID = {
  INT8: 20,
  DATE: 1082,
  INTERVAL: 1186,
  TEXT_ARRAY: 1009,
  INT8_ARRAY: 1016,
  DATE_ARRAY: 1182,
  INTERVAL_ARRAY: 1187,
  NUMERIC_ARRAY: 1231,
} as const;

function parseInt8(text: string): number | string {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : text;
}

function deepMap(value: unknown, fn: (item: string) => unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => deepMap(v, fn));
  return value === null ? null : fn(value as string);
}

/** Parsers to pass to every PGlite instance (arrays follow their element's parser). */
export const pgliteParsers: ParserOptions = {
  [OID.INT8]: parseInt8,
  [OID.DATE]: (text: string) => text,
};

const pgTextArray = pg.types.getTypeParser(OID.TEXT_ARRAY as number, 'text') as (text: string) => unknown;
const pgOverrides = new Map<number, (text: string) => unknown>([
  [OID.INT8, parseInt8],
  [OID.INT8_ARRAY, (text) => deepMap(pgTextArray(text), parseInt8)],
  [OID.DATE, (text) => text],
  [OID.DATE_ARRAY, pgTextArray],
  [OID.INTERVAL, (text) => text],
  [OID.INTERVAL_ARRAY, pgTextArray],
  [OID.NUMERIC_ARRAY, pgTextArray],
]);

/**
 * Type parsers for a `pg.Pool` (`new pg.Pool({ types: pgTypes })`), per pool rather than
 * through the global `pg.types.setTypeParser`, so no other user of `pg` is affected.
 */
export const pgTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    (format === undefined || format === 'text') && pgOverrides.has(oid)
      ? pgOverrides.get(oid)
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};
