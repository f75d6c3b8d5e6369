/**
 * SQL for `teixit backup` and `teixit restore`: the catalog of the public schema (tables, the
 * tables each references, insertable columns, primary keys, sequences), rows read as JSON text
 * through a cursor, and rows written back from JSON. Engine-neutral PostgreSQL, so a backup of
 * the embedded database restores into a server and back.
 */
import { sql } from 'kysely';
import type { Queryable } from '../db/types.js';

export interface TableInfo {
  name: string;
  /** Columns a row can be inserted with (not generated), in table order. */
  columns: string[];
  /** Primary key columns, in key order (empty without one). */
  primaryKey: string[];
  /** Other tables of the schema this one has foreign keys to (itself included when it does). */
  references: string[];
}

/** Every ordinary table of the public schema, by name. */
export async function listTables(db: Queryable): Promise<TableInfo[]> {
  const [tables, columns, keys] = await Promise.all([
    sql<{ name: string; references: string[] }>`
      SELECT c.relname::text AS name,
             coalesce(array_agg(DISTINCT p.relname::text) FILTER (WHERE p.relname IS NOT NULL), '{}') AS references
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_constraint f ON f.conrelid = c.oid AND f.contype = 'f'
      LEFT JOIN pg_class p ON p.oid = f.confrelid
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      GROUP BY c.relname
      ORDER BY c.relname`.execute(db),
    sql<{ table: string; column: string }>`
      SELECT c.relname::text AS table, a.attname::text AS column
      FROM pg_attribute a
      JOIN pg_class c ON c.oid = a.attrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      ORDER BY c.relname, a.attnum`.execute(db),
    sql<{ table: string; column: string }>`
      SELECT c.relname::text AS table, a.attname::text AS column
      FROM pg_index i
      JOIN pg_class c ON c.oid = i.indrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY (i.indkey::int2[])
      WHERE n.nspname = 'public' AND i.indisprimary
      ORDER BY c.relname, array_position(i.indkey::int2[], a.attnum)`.execute(db),
  ]);
  const byTable = (rows: Array<{ table: string; column: string }>, table: string) => rows.filter((r) => r.table === table).map((r) => r.column);
  return tables.rows.map((t) => ({
    name: t.name,
    columns: byTable(columns.rows, t.name),
    primaryKey: byTable(keys.rows, t.name),
    references: t.references,
  }));
}

/** How many rows `table` has. */
export async function countRows(db: Queryable, table: string): Promise<number> {
  const result = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(`public.${table}`)}`.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}

/**
 * Yields the rows of `table`, in primary key order, as JSON object text (`row_to_json`: exact
 * for every type, including bigint and numeric), `batchSize` at a time, through a cursor of the
 * caller's transaction so the whole table is never in memory at once.
 */
export async function* readRowsAsJson(trx: Queryable, table: TableInfo, batchSize = 1000): AsyncGenerator<string[]> {
  const order = table.primaryKey.length > 0 ? sql` ORDER BY ${sql.join(table.primaryKey.map((c) => sql.ref(`t.${c}`)))}` : sql``;
  await sql`DECLARE teixit_backup NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS line FROM ${sql.table(`public.${table.name}`)} AS t${order}`.execute(trx);
  try {
    for (;;) {
      const batch = await sql<{ line: string }>`FETCH FORWARD ${sql.lit(batchSize)} FROM teixit_backup`.execute(trx);
      if (batch.rows.length === 0) return;
      yield batch.rows.map((r) => r.line);
    }
  } finally {
    await sql`CLOSE teixit_backup`.execute(trx);
  }
}

export interface SequenceState {
  name: string;
  /** The last value handed out (a bigint, as text), or null if none was yet. */
  last_value: string | null;
}

/** Where every sequence of the public schema stands (identity columns have one each). */
export async function listSequences(db: Queryable): Promise<SequenceState[]> {
  const result = await sql<SequenceState>`
    SELECT sequencename::text AS name, last_value::text AS last_value
    FROM pg_sequences WHERE schemaname = 'public' ORDER BY sequencename`.execute(db);
  return result.rows;
}

/** Sets a sequence so the next value it hands out follows `lastValue`. */
export async function setSequence(trx: Queryable, name: string, lastValue: string): Promise<void> {
  await sql`SELECT setval(format('%I.%I', 'public', ${name}::text)::regclass, ${lastValue}::bigint, true)`.execute(trx);
}

/**
 * Inserts rows given as a JSON array text (objects keyed by column) into `table`, keeping their
 * ids (`OVERRIDING SYSTEM VALUE` for identity columns). One statement, so rows of a table that
 * references itself may come in any order: foreign keys are checked at its end.
 */
export async function insertRowsFromJson(trx: Queryable, table: string, columns: readonly string[], jsonArray: string): Promise<void> {
  const list = sql.join(columns.map((c) => sql.ref(c)));
  const target = sql.table(`public.${table}`);
  await sql`INSERT INTO ${target} (${list}) OVERRIDING SYSTEM VALUE
    SELECT ${list} FROM jsonb_populate_recordset(NULL::${target}, ${jsonArray}::jsonb)`.execute(trx);
}

/** The ids of the migrations applied, in order; null when the database was never migrated. */
export async function appliedMigrations(db: Queryable): Promise<string[] | null> {
  const exists = await sql<{ found: boolean }>`SELECT to_regclass('public.schema_migrations') IS NOT NULL AS found`.execute(db);
  if (!exists.rows[0]?.found) return null;
  const rows = await sql<{ id: string }>`SELECT id FROM schema_migrations ORDER BY id`.execute(db);
  return rows.rows.map((r) => r.id);
}

export async function runMigrationScripts(trx: Queryable, scripts: ReadonlyArray<{ id: string; script: string }>): Promise<void> {
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
    id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`.execute(trx);
  for (const migration of scripts) await sql.raw(migration.script).execute(trx);
}
