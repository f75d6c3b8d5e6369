/**
 * A Kysely dialect over one PGlite instance.
 *
 * Why our own and not `kysely-pglite`: PGlite is ONE database session. A driver that lets two
 * requests use it at once lets request B's statement land inside request A's open transaction,
 * and be rolled back (or committed) with it. Here every connection holds a FIFO mutex: a single
 * query takes it for that query, a transaction from BEGIN to COMMIT/ROLLBACK. The mutex is only
 * handed on once the session is back to idle (checked with the protocol's ReadyForQuery status).
 *
 * Consequence for callers: inside a transaction use `trx`, never the outer `db` — the outer
 * query waits for a mutex its own transaction holds. That wait ends with an error after
 * `acquireTimeoutMs` instead of hanging forever.
 */
import { protocol, type PGlite, type Results } from '@electric-sql/pglite';
import {
  AbortedTransactionError,
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import { AppError } from '../kernel/errors.js';
import { mayWrite, type DiskGuard } from './disk-guard.js';

export interface PGliteDialectConfig {
  pglite: PGlite;
  /** Consulted before every statement that may write (see `mayWrite`). */
  diskGuard?: DiskGuard;
  /**
   * How long a query waits for the session before failing with `AppError('unavailable')`;
   * 0 waits forever. Default 30 s.
   */
  acquireTimeoutMs?: number;
}

/** A Kysely `Dialect` for one PGlite instance; `db.destroy()` closes the instance. */
export class PGliteDialect implements Dialect {
  readonly #config: PGliteDialectConfig;
  constructor(config: PGliteDialectConfig) {
    this.#config = config;
  }
  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.#config);
  }
  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
}

/** A strictly first-come first-served lock, so no request starves behind a stream of others. */
class FifoMutex {
  #held = false;
  readonly #waiters: Array<() => void> = [];

  acquire(timeoutMs: number): Promise<void> {
    if (!this.#held) {
      this.#held = true;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const grant = (): void => {
        if (timer) clearTimeout(timer);
        resolve();
      };
      this.#waiters.push(grant);
      if (timeoutMs > 0) {
        timer = setTimeout(() => {
          const i = this.#waiters.indexOf(grant);
          if (i >= 0) this.#waiters.splice(i, 1);
          reject(waitTimeoutError(timeoutMs));
        }, timeoutMs);
      }
    });
  }

  release(): void {
    const next = this.#waiters.shift();
    if (next) next(); // ownership passes straight on: #held stays true
    else this.#held = false;
  }
}

function waitTimeoutError(ms: number): AppError {
  return new AppError('unavailable', {
    cause: new Error(
      `Waited ${ms} ms for the embedded database, which runs one statement or transaction at a ` +
        `time. If this query was issued inside a transaction, it probably used \`db\` instead of ` +
        `\`trx\`: the transaction holds the database until it ends, so that query can never run.`,
    ),
  });
}

class PGliteDriver implements Driver {
  readonly #pglite: PGlite;
  readonly #guard: DiskGuard | undefined;
  readonly #timeoutMs: number;
  readonly #mutex = new FifoMutex();
  #destroyed = false;

  constructor(config: PGliteDialectConfig) {
    this.#pglite = config.pglite;
    this.#guard = config.diskGuard;
    this.#timeoutMs = config.acquireTimeoutMs ?? 30_000;
  }

  async init(): Promise<void> {
    await this.#pglite.waitReady;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.#destroyed) throw new Error('The PGlite database has been closed.');
    await this.#mutex.acquire(this.#timeoutMs);
    if (this.#destroyed) {
      this.#mutex.release();
      throw new Error('The PGlite database has been closed.');
    }
    return new PGliteConnection(this.#pglite, this.#guard);
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    let text = 'begin';
    if (settings.isolationLevel || settings.accessMode) {
      text = 'start transaction';
      if (settings.isolationLevel) text += ` isolation level ${settings.isolationLevel}`;
      if (settings.accessMode) text += ` ${settings.accessMode}`;
    }
    await connection.executeQuery(CompiledQuery.raw(text));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const { rows } = await connection.executeQuery<{ command?: string }>(CompiledQuery.raw('commit'));
    // PostgreSQL completes COMMIT of a transaction an error aborted with the tag ROLLBACK.
    if (rows[0]?.command === 'ROLLBACK') throw new AbortedTransactionError();
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoteIdent(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to savepoint ${quoteIdent(name)}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release savepoint ${quoteIdent(name)}`));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    if (!(connection instanceof PGliteConnection) || connection.released) return;
    connection.released = true;
    try {
      await this.#ensureIdle();
    } finally {
      this.#mutex.release();
    }
  }

  async destroy(): Promise<void> {
    if (this.#destroyed) return;
    // Let the statement or transaction in progress finish, but do not wait forever.
    let locked = false;
    try {
      await this.#mutex.acquire(this.#timeoutMs);
      locked = true;
    } catch {
      // Close anyway: the holder is stuck.
    }
    this.#destroyed = true;
    try {
      await this.#pglite.close();
    } finally {
      if (locked) this.#mutex.release();
    }
  }

  /**
   * The session must be idle before the next holder gets it: a transaction left open (a raw
   * `BEGIN` with no `COMMIT`, or a failed ROLLBACK) would swallow the next request's
   * statements. A protocol Sync returns ReadyForQuery, whose status says I(dle), T or E.
   */
  async #ensureIdle(): Promise<void> {
    if (this.#pglite.closed) return;
    const { messages } = await this.#pglite.execProtocol(protocol.serialize.sync());
    const ready = messages.find((m) => m.name === 'readyForQuery') as { status?: string } | undefined;
    if (ready?.status === undefined || ready.status === 'I') return;
    console.warn(
      'teixit: a PGlite connection was released inside an open transaction; rolling it back so ' +
        'the next request does not run inside it. Use db.transaction(), not raw BEGIN.',
    );
    await this.#pglite.exec('rollback');
  }
}

class PGliteConnection implements DatabaseConnection {
  released = false;
  readonly #pglite: PGlite;
  readonly #guard: DiskGuard | undefined;

  constructor(pglite: PGlite, guard: DiskGuard | undefined) {
    this.#pglite = pglite;
    this.#guard = guard;
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    if (this.released) {
      throw new Error('This PGlite connection was already released (a query ran after its transaction ended).');
    }
    if (this.#guard && mayWrite(compiledQuery.sql)) this.#guard.assertWritable();
    let result: Results<R> | undefined;
    if (compiledQuery.parameters.length === 0) {
      // exec() uses the simple protocol, which accepts several statements (migration scripts);
      // the last statement's result is the answer, as with `pg`.
      const results = await this.#pglite.exec(compiledQuery.sql);
      result = results[results.length - 1] as Results<R> | undefined;
    } else {
      result = await this.#pglite.query<R>(compiledQuery.sql, [...compiledQuery.parameters]);
    }
    if (!result) return { rows: [] };
    const command = result.command?.toUpperCase();
    if (command === 'COMMIT' || command === 'ROLLBACK') {
      return { rows: [{ command } as R] };
    }
    const writes = command === 'INSERT' || command === 'UPDATE' || command === 'DELETE' || command === 'MERGE';
    return {
      // rowCount is per statement; affectedRows adds up a whole multi-statement script.
      numAffectedRows: writes ? BigInt(result.rowCount ?? result.affectedRows ?? 0) : undefined,
      rows: result.rows ?? [],
    };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    // Streaming would hold the single session for as long as the consumer iterates, and the
    // `pg` side would need `pg-cursor`: refuse on both alike rather than half-support it.
    throw new Error('streamQuery() is not supported by the PGlite dialect; paginate instead.');
  }
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
