/**
 * `teixit backup <file>`: a consistent copy of the whole database — every table of the public
 * schema, the migrations applied and where each sequence stands — read inside one REPEATABLE
 * READ transaction (a snapshot: writes made meanwhile by a running server are either all in or
 * all out) and written as gzipped JSON lines. `teixit restore` loads it into an empty database
 * of either kind. The format, line by line:
 *
 *   {"format":"teixit-backup","version":1,"created_at":…,"engine":"pglite","migrations":[…]}
 *   {"table":"users","columns":[…],"rows":2}      then that many rows, one JSON object a line,
 *   …                                             tables in an order where each follows those it references
 *   {"sequences":[{"name":"users_id_seq","last_value":"2"},…]}
 *   {"end":"teixit-backup","tables":14,"rows":120}
 */
import { existsSync, readdirSync } from 'node:fs';
import { rename, stat, unlink } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { openDatabase } from '../db/connect.js';
import type { Database } from '../db/types.js';
import { EXIT, fail, terminal, type CliOutput } from './io.js';
import type { CliCommand } from './index.js';
import { appliedMigrations, countRows, listSequences, listTables, readRowsAsJson, type TableInfo } from './store.js';

export const BACKUP_FORMAT = 'teixit-backup';
export const BACKUP_VERSION = 1;

/**
 * Orders tables so that each comes after the tables it references (a table referencing itself
 * is its own business: its rows go in one statement). Tables caught in a cycle of references
 * between each other come last, by name.
 */
export function orderByReferences(tables: readonly TableInfo[]): TableInfo[] {
  const names = new Set(tables.map((t) => t.name));
  const done = new Set<string>();
  const ordered: TableInfo[] = [];
  let pending = [...tables].sort((a, b) => a.name.localeCompare(b.name));
  while (pending.length > 0) {
    const ready = pending.filter((t) => t.references.every((r) => r === t.name || done.has(r) || !names.has(r)));
    if (ready.length === 0) {
      ordered.push(...pending);
      break;
    }
    for (const t of ready) {
      ordered.push(t);
      done.add(t.name);
    }
    pending = pending.filter((t) => !done.has(t.name));
  }
  return ordered;
}

/**
 * Writes the backup of `database` to `file` (gzipped). Writes to a temporary file beside it and
 * renames it into place at the end, so a failed backup never leaves a half file under that name.
 */
export async function backupDatabase(database: Database, file: string, io: CliOutput): Promise<number> {
  const target = path.resolve(file);
  if (!existsSync(path.dirname(target))) return fail(io, `The folder ${path.dirname(target)} does not exist: nothing was written.`);
  const partial = `${target}.partial-${process.pid}`;
  let totalRows = 0;
  let tableCount = 0;
  try {
    await database.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (trx) => {
        // The first statement fixes the snapshot; sequences read after it are at or past every id it holds.
        const migrations = (await appliedMigrations(trx)) ?? [];
        const tables = orderByReferences(await listTables(trx));
        const sequences = await listSequences(trx);
        async function* lines(): AsyncGenerator<string> {
          yield `${JSON.stringify({ format: BACKUP_FORMAT, version: BACKUP_VERSION, created_at: new Date().toISOString(), engine: database.kind, migrations })}\n`;
          for (const table of tables) {
            const rows = await countRows(trx, table.name);
            yield `${JSON.stringify({ table: table.name, columns: table.columns, rows })}\n`;
            for await (const batch of readRowsAsJson(trx, table)) yield `${batch.join('\n')}\n`;
            totalRows += rows;
            tableCount += 1;
          }
          yield `${JSON.stringify({ sequences })}\n`;
          yield `${JSON.stringify({ end: BACKUP_FORMAT, tables: tableCount, rows: totalRows })}\n`;
        }
        await pipeline(Readable.from(lines()), createGzip(), createWriteStream(partial, { flags: 'wx', mode: 0o600 }));
      });
    await rename(partial, target);
  } catch (error) {
    await unlink(partial).catch(() => undefined);
    return fail(io, `The backup failed and nothing was written to ${target}: ${(error as Error).message}`);
  }
  const { size } = await stat(target);
  io.out(`Backed up ${totalRows} rows of ${tableCount} tables (${database.kind}) to ${target} (${formatBytes(size)}).`);
  io.out('Restore it into an empty database with: teixit restore <file>');
  return EXIT.ok;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const USAGE = `Usage: teixit backup <file>

Writes a consistent copy of the whole database (embedded, or DATABASE_URL's) to <file>,
gzipped. For the embedded database, stop the server first (it holds the data directory).`;

/** `teixit backup <file>` */
export const backupCommand: CliCommand = async (config, args) => {
  if (args.length !== 1 || args[0]?.startsWith('-')) {
    terminal.err(USAGE);
    return EXIT.usage;
  }
  const pgliteDir = path.join(config.dataDir, 'pglite');
  if (!config.databaseUrl && !(existsSync(pgliteDir) && readdirSync(pgliteDir).length > 0)) {
    return fail(terminal, `There is no embedded database in ${config.dataDir} (TEIXIT_DATA_DIR), and DATABASE_URL is not set: nothing to back up.`);
  }
  // A backup only reads: it must work even on a nearly full disk, when it is most wanted.
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, minFreeBytes: 0 });
  try {
    return await backupDatabase(database, args[0] ?? '', terminal);
  } finally {
    await database.close();
  }
};
