/**
 * `teixit restore <file>`: loads a backup made by `teixit backup` into an EMPTY database —
 * embedded or server, whichever kind made the backup. In one transaction it rebuilds the schema
 * the backup was made with (its migrations), inserts every row with its original id, and sets
 * every sequence where it stood; then migrations newer than the backup run as on any start. A
 * missing, damaged or incomplete file, or a database that is not empty, changes nothing.
 */
import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { sql } from 'kysely';
import { openDatabase } from '../db/connect.js';
import { listMigrations, lockMigrations, migrate } from '../db/migrate.js';
import type { Database, Trx } from '../db/types.js';
import { BACKUP_FORMAT, BACKUP_VERSION } from './backup.js';
import { EXIT, fail, terminal, type CliOutput } from './io.js';
import type { CliCommand } from './index.js';
import {
  appliedMigrations, countRows, insertRowsFromJson, listTables, runMigrationScripts, setSequence, type TableInfo,
} from './store.js';

/** A reason to refuse the restore that the person can act on; its message is shown as it is. */
class RestoreRefused extends Error {}

/** Rows per INSERT, and the most JSON text one INSERT carries. */
const BATCH_ROWS = 500;
const BATCH_CHARS = 4 * 1024 * 1024;

interface Header {
  created_at: string;
  engine: string;
  migrations: string[];
}

/** The lines of a gzipped text file; errors of the file or of gunzip surface in the loop. */
async function* gzippedLines(file: string): AsyncGenerator<string> {
  const gunzip = createGunzip();
  const source = createReadStream(file);
  source.on('error', (error) => gunzip.destroy(error));
  source.pipe(gunzip);
  const decoder = new StringDecoder('utf8');
  let carry = '';
  for await (const chunk of gunzip) {
    const parts = (carry + decoder.write(chunk as Buffer)).split('\n');
    carry = parts.pop() ?? '';
    yield* parts;
  }
  carry += decoder.end();
  if (carry !== '') yield carry;
}

function parseObject(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // not JSON: the caller says what it expected instead
  }
  return undefined;
}

function parseSection(line: string, lineNumber: number, file: string): Record<string, unknown> {
  const section = parseObject(line);
  if (!section) throw new RestoreRefused(`${file} is damaged: line ${lineNumber} is not a JSON object.`);
  return section;
}

function readHeader(line: string | undefined, file: string): Header {
  const header = line === undefined ? undefined : parseObject(line);
  if (!header || header.format !== BACKUP_FORMAT) throw new RestoreRefused(`${file} is not a Teixit backup (made by "teixit backup").`);
  if (header.version !== BACKUP_VERSION) throw new RestoreRefused(`${file} is a Teixit backup of format version ${String(header.version)}; this Teixit reads version ${BACKUP_VERSION}.`);
  const migrations = header.migrations;
  if (!Array.isArray(migrations) || !migrations.every((m) => typeof m === 'string')) throw new RestoreRefused(`${file} is damaged: its list of migrations is unreadable.`);
  return { created_at: String(header.created_at), engine: String(header.engine), migrations };
}

/**
 * Tables whose first rows the migrations write themselves (0003: the plenary and the steering
 * group). A new database has them, so they do not make it "not empty"; the restore replaces them
 * with the backup's own rows, which may have been edited since.
 */
const ROWS_FROM_MIGRATIONS = ['bodies'];

/**
 * Says why `trx`'s database cannot take the backup, or which way it is empty: `fresh` (no
 * tables at all) or `migrated` (the backup's schema is there, with no rows yet).
 */
async function judgeTarget(trx: Trx, backupMigrations: string[]): Promise<'fresh' | 'migrated'> {
  // `lockMigrations` has just created the (empty) bookkeeping table if it was missing.
  const tables = (await listTables(trx)).filter((t) => t.name !== 'schema_migrations');
  if (tables.length === 0) return 'fresh';
  const withRows: string[] = [];
  for (const table of tables) {
    if (ROWS_FROM_MIGRATIONS.includes(table.name)) continue;
    if ((await countRows(trx, table.name)) > 0) withRows.push(table.name);
  }
  const applied = (await appliedMigrations(trx)) ?? [];
  if (withRows.length === 0 && applied.join() === backupMigrations.join()) return 'migrated';
  const what = withRows.length > 0 ? `it has data (in ${withRows.slice(0, 5).join(', ')}${withRows.length > 5 ? '…' : ''})` : `its schema is at another migration (${applied.at(-1) ?? 'none'})`;
  throw new RestoreRefused(
    `The database is not empty: ${what}. A backup is restored only into an empty database, so nothing is overwritten. ` +
      'Use a new TEIXIT_DATA_DIR, or create a new database for DATABASE_URL, and do not start Teixit on it before restoring.',
  );
}

interface Loaded {
  tables: number;
  rows: number;
}

/** Reads the sections after the header and inserts their rows; checks every count and the end line. */
async function loadRows(trx: Trx, lines: AsyncGenerator<string>, file: string, skipTables: Set<string>): Promise<Loaded> {
  const target = new Map((await listTables(trx)).map((t) => [t.name, t]));
  let lineNumber = 1;
  let table: { info: TableInfo; columns: string[]; expected: number; seen: number; selfReferencing: boolean } | undefined;
  let batch: string[] = [];
  let batchChars = 0;
  const loaded: Loaded = { tables: 0, rows: 0 };

  const flush = async () => {
    if (table && batch.length > 0 && !skipTables.has(table.info.name)) await insertRowsFromJson(trx, table.info.name, table.columns, `[${batch.join(',')}]`);
    batch = [];
    batchChars = 0;
  };
  const closeTable = async () => {
    if (!table) return;
    await flush();
    if (table.seen !== table.expected) throw new RestoreRefused(`${file} is incomplete: table ${table.info.name} should have ${table.expected} rows, it has ${table.seen}.`);
    loaded.tables += 1;
    loaded.rows += table.seen;
    table = undefined;
  };

  for await (const line of lines) {
    lineNumber += 1;
    if (table && table.seen < table.expected) {
      if (!line.startsWith('{')) throw new RestoreRefused(`${file} is damaged: line ${lineNumber} is not a row.`);
      batch.push(line);
      batchChars += line.length;
      table.seen += 1;
      // A table that references itself goes in one statement: its foreign keys are checked at the end of it.
      if (!table.selfReferencing && (batch.length >= BATCH_ROWS || batchChars >= BATCH_CHARS)) await flush();
      continue;
    }
    await closeTable();
    const section = parseSection(line, lineNumber, file);
    if (typeof section.table === 'string') {
      const info = target.get(section.table);
      const columns = section.columns;
      if (!info) throw new RestoreRefused(`${file} holds a table "${section.table}" that this database's schema does not have.`);
      if (!Array.isArray(columns) || !columns.every((c) => typeof c === 'string' && info.columns.includes(c))) {
        throw new RestoreRefused(`${file} holds columns of "${section.table}" that this database's schema does not have.`);
      }
      const expected = Number(section.rows);
      if (!Number.isSafeInteger(expected) || expected < 0) throw new RestoreRefused(`${file} is damaged: line ${lineNumber} has no row count.`);
      table = { info, columns: columns as string[], expected, seen: 0, selfReferencing: info.references.includes(info.name) };
    } else if (Array.isArray(section.sequences)) {
      for (const s of section.sequences as Array<{ name?: unknown; last_value?: unknown }>) {
        if (typeof s.name === 'string' && typeof s.last_value === 'string') await setSequence(trx, s.name, s.last_value);
      }
    } else if (section.end === BACKUP_FORMAT) {
      if (section.tables !== loaded.tables || section.rows !== loaded.rows) throw new RestoreRefused(`${file} is damaged: its totals do not match its contents.`);
      for await (const extra of lines) if (extra.trim() !== '') throw new RestoreRefused(`${file} is damaged: there is more after its end.`);
      return loaded;
    } else {
      throw new RestoreRefused(`${file} is damaged: line ${lineNumber} is not a part of a backup.`);
    }
  }
  throw new RestoreRefused(`${file} is incomplete: it stops before the end of the backup (was the copy cut short?).`);
}

/** Restores `file` into `database`, which must be empty. Returns the exit code. */
export async function restoreDatabase(database: Database, file: string, io: CliOutput): Promise<number> {
  const source = path.resolve(file);
  try {
    await access(source);
  } catch {
    return fail(io, `There is no file ${source}: nothing was restored.`);
  }
  let loaded: Loaded;
  let header: Header;
  const lines = gzippedLines(source);
  try {
    header = readHeader((await lines.next()).value as string | undefined, source);
    const known = await listMigrations();
    const unknown = header.migrations.filter((id) => !known.some((m) => m.id === id));
    if (unknown.length > 0) {
      throw new RestoreRefused(`${source} was made by a newer Teixit (it has migration ${unknown.join(', ')}, unknown here). Upgrade Teixit, then restore.`);
    }
    const scripts = known.slice(0, header.migrations.length);
    if (scripts.map((m) => m.id).join() !== header.migrations.join()) throw new RestoreRefused(`${source} has migrations this Teixit does not apply in that order: ${header.migrations.join(', ')}.`);
    loaded = await database.db.transaction().execute(async (trx) => {
      await lockMigrations(trx);
      const state = await judgeTarget(trx, header.migrations);
      if (state === 'fresh') await runMigrationScripts(trx, scripts);
      // Nothing refers to these rows yet (every other table is empty): the backup's take their place.
      const present = new Set((await listTables(trx)).map((t) => t.name));
      for (const name of ROWS_FROM_MIGRATIONS) if (present.has(name)) await sql`DELETE FROM ${sql.table(name)}`.execute(trx);
      // A migrated target already lists its migrations; a fresh one gets the backup's rows.
      return loadRows(trx, lines, source, new Set(state === 'migrated' ? ['schema_migrations'] : []));
    });
  } catch (error) {
    return fail(io, `${describeFailure(error, source)} Nothing was restored.`);
  } finally {
    await lines.return(undefined); // closes the file when the restore stopped before its end
  }
  const newer = await migrate(database);
  io.out(`Restored ${loaded.rows} rows of ${loaded.tables} tables from ${source} (made ${header.created_at} on ${header.engine}) into the ${database.kind} database.`);
  if (newer.length > 0) io.out(`Then applied ${newer.length} newer migration(s): ${newer.join(', ')}.`);
  return EXIT.ok;
}

function describeFailure(error: unknown, file: string): string {
  if (error instanceof RestoreRefused) return error.message;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR') return `${file} is not a Teixit backup, or it is damaged (it does not unzip: ${(error as Error).message}).`;
  return `The restore failed: ${(error as Error).message}.`;
}

const USAGE = `Usage: teixit restore <file>

Loads a backup made by "teixit backup" into the configured database (a new TEIXIT_DATA_DIR, or
an empty DATABASE_URL), which must be empty.`;

/** `teixit restore <file>` */
export const restoreCommand: CliCommand = async (config, args) => {
  if (args.length !== 1 || args[0]?.startsWith('-')) {
    terminal.err(USAGE);
    return EXIT.usage;
  }
  try {
    await access(path.resolve(args[0] ?? ''));
  } catch {
    return fail(terminal, `There is no file ${path.resolve(args[0] ?? '')}: nothing was restored.`);
  }
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, minFreeBytes: config.minFreeBytes });
  try {
    return await restoreDatabase(database, args[0] ?? '', terminal);
  } finally {
    await database.close();
  }
};
