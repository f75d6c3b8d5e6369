/**
 * Statements built once. Kysely builds, freezes and compiles a query's tree on every call, which
 * for a small hot query (the session lookup runs on every signed-in request) costs more CPU than
 * the driver's round trip. `compileOnce` builds and compiles the statement on its first use; each
 * call after that only puts its arguments in the parameters' places and sends the same SQL. On a
 * PostgreSQL server the statement is also prepared once per connection, under a name (see
 * `preparedStatementName` and connect.ts), so the server does not parse and plan it each time.
 */
import type { Compilable, CompiledQuery } from 'kysely';
import type { Queryable } from './types.js';

/** Where an argument goes in a statement built once: see `arg`. */
class Arg {
  constructor(readonly index: number) {}
}

/** The SQL of every statement built once, and the name it is prepared under on PostgreSQL. */
const statementNames = new Map<string, string>();

/**
 * The name to prepare `sqlText` under on a PostgreSQL connection, when it is a statement built
 * once; undefined for any other SQL, which is sent unnamed (parsed and planned on each call).
 */
export function preparedStatementName(sqlText: string): string | undefined {
  return statementNames.get(sqlText);
}

/**
 * Stands for the `index`-th argument (from 0) of the statement's calls, where the builder wants
 * a value: `.where('token_hash', '=', arg<string>(0))`. Only for values (parameters), never for
 * names or the statement's shape, which are fixed when it is built.
 */
export function arg<T>(index: number): T {
  return new Arg(index) as unknown as T;
}

/**
 * Builds `build`'s statement once and returns a function running it with the given arguments,
 * on the database or inside a transaction, logged and counted like any other statement.
 *
 * @example
 * const byEmail = compileOnce<[string], { id: number }>((db) =>
 *   db.selectFrom('users').select('id').where('email', '=', arg<string>(0)));
 * const rows = await byEmail(db, 'ada@example.org');
 */
export function compileOnce<Args extends unknown[], Row>(build: (db: Queryable) => Compilable<Row>): (db: Queryable, ...args: Args) => Promise<Row[]> {
  let compiled: CompiledQuery<Row> | undefined;
  return async (db, ...args) => {
    // The SQL is the same on both engines (one PostgreSQL compiler), so one copy serves every database.
    if (!compiled) {
      compiled = build(db).compile();
      if (!statementNames.has(compiled.sql)) statementNames.set(compiled.sql, `teixit_${statementNames.size + 1}`);
    }
    const parameters = compiled.parameters.map((value) => (value instanceof Arg ? args[value.index] : value));
    const { rows } = await db.executeQuery<Row>({ ...compiled, parameters });
    return rows;
  };
}
