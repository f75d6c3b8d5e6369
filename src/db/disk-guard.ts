/**
 * A guard against writing to the embedded database on a full disk.
 *
 * Why: PostgreSQL on a full disk answers `53100 disk_full` and stays up, but PGlite spins at
 * 100 % CPU forever inside the write. So before every statement that may write, the PGlite
 * dialect asks this guard, and the request fails fast with `AppError('disk_full')` (HTTP 507)
 * while reads keep working.
 */
import { statfsSync } from 'node:fs';
import { AppError } from '../kernel/errors.js';

/** What the guard needs of `fs.statfsSync`: blocks available to us and their size. */
export type StatFs = (dir: string) => { bavail: number | bigint; bsize: number | bigint };

export interface DiskGuardOptions {
  /** A directory on the file system that holds the data. */
  dir: string;
  /** Below this many free bytes, writes are refused. */
  minFreeBytes: number;
  /** Injectable for tests; defaults to `fs.statfsSync`. */
  statfs?: StatFs;
  /** How long one reading of the free space is trusted (ms). */
  cacheMs?: number;
  /** Injectable clock for tests. */
  now?: () => number;
}

export interface DiskGuard {
  /** Throws `AppError('disk_full')` when the disk has less free space than the minimum. */
  assertWritable(): void;
}

/**
 * Default free-space floor for an embedded database: room for WAL segments and a checkpoint
 * after the last write we let through, since a write that passes the check may still grow.
 */
export const DEFAULT_MIN_FREE_BYTES = 256 * 1024 * 1024;

/**
 * Creates a guard that reads the free space of `dir` at most once per `cacheMs` (statfs costs a
 * system call; a write-heavy request must not pay it per statement) and refuses below the floor.
 */
export function createDiskGuard(options: DiskGuardOptions): DiskGuard {
  const statfs: StatFs = options.statfs ?? ((dir) => statfsSync(dir));
  const cacheMs = options.cacheMs ?? 1000;
  const now = options.now ?? Date.now;
  let checkedAt = Number.NEGATIVE_INFINITY;
  let freeBytes = Number.POSITIVE_INFINITY;
  return {
    assertWritable() {
      const t = now();
      if (t - checkedAt >= cacheMs) {
        const s = statfs(options.dir);
        freeBytes = Number(s.bavail) * Number(s.bsize);
        checkedAt = t;
      }
      if (freeBytes < options.minFreeBytes) {
        throw new AppError('disk_full', {
          params: { freeBytes, minFreeBytes: options.minFreeBytes },
          cause: new Error(
            `Refusing to write: ${options.dir} has ${freeBytes} bytes free, below the minimum of ` +
              `${options.minFreeBytes} (the embedded database would hang on a full disk).`,
          ),
        });
      }
    },
  };
}

/** First words of statements that, with no write keyword anywhere in them, do not write. */
const READ_FIRST_WORDS = new Set([
  'select', 'values', 'table', 'with', 'show', 'explain',
  'begin', 'start', 'commit', 'end', 'rollback', 'abort', 'savepoint', 'release',
  'set', 'reset', 'discard', 'deallocate', 'fetch', 'close',
]);

/**
 * Words that make a statement (or a multi-statement script) a possible writer wherever they
 * appear: DML and DDL, `SELECT … INTO`, row locks (`FOR UPDATE/SHARE` write the tuple header and
 * WAL), sequences, `EXPLAIN ANALYZE` (runs the statement), NOTIFY (its queue lives on disk).
 */
const WRITE_WORDS =
  /\b(insert|update|delete|merge|into|upsert|create|alter|drop|truncate|copy|grant|revoke|comment|vacuum|analy[sz]e|cluster|reindex|refresh|import|load|call|do|notify|pg_notify|listen|share|nextval|setval|lo_\w+|prepare|execute|security|checkpoint)\b/;

/**
 * True unless the SQL is plainly a read or transaction control. Decided from the text alone, so
 * it errs towards "may write": a false "may write" costs one cached statfs reading, a false
 * "read" could hang the process. Comments, string literals and quoted identifiers are removed
 * first, so `"updated_at"` or `'delete'` do not count; dollar-quoted bodies are kept and scanned.
 * (A SELECT calling a function that writes cannot be seen from the text; the free-space floor
 * leaves room for it.)
 */
export function mayWrite(sqlText: string): boolean {
  const text = stripCommentsAndLiterals(sqlText).toLowerCase();
  const first = /[a-z_]+/.exec(text)?.[0];
  if (first === undefined) return false; // empty statement
  if (!READ_FIRST_WORDS.has(first)) return true;
  return WRITE_WORDS.test(text);
}

function stripCommentsAndLiterals(sqlText: string): string {
  return sqlText
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/--[^\n]*/g, ' ')
    .replace(/'(?:[^']|'')*'/g, "''")
    .replace(/"(?:[^"]|"")*"/g, '""');
}
