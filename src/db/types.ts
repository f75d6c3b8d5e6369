/**
 * The database as Kysely sees it. Each capability declares its tables in its own file and this
 * interface gathers them; add a module's tables here with one `extends`.
 */
import type { Kysely, Transaction } from 'kysely';
import type { KernelTables } from '../kernel/tables.js';
import type { IdentityTables } from '../modules/identity/tables.js';
import type { DirectoryTables } from '../modules/directory/tables.js';
import type { BodiesTables } from '../modules/bodies/tables.js';
import type { WorkgroupsTables } from '../modules/workgroups/tables.js';
import type { MeetingsTables } from '../modules/meetings/tables.js';

export interface DB extends KernelTables, IdentityTables, DirectoryTables, BodiesTables, WorkgroupsTables, MeetingsTables {}

export type Db = Kysely<DB>;
export type Trx = Transaction<DB>;
/** Either the database or an open transaction: what stores accept. */
export type Queryable = Kysely<DB> | Transaction<DB>;

/** An open database: the Kysely instance plus what only the connection knows. */
export interface Database {
  db: Kysely<DB>;
  kind: 'pglite' | 'postgres';
  /** Runs a multi-statement SQL script (migrations, restore). */
  exec(script: string): Promise<void>;
  close(): Promise<void>;
}
