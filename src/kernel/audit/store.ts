/** SQL for the audit trail. The table is append-only (a trigger refuses UPDATE and DELETE). */
import { sql } from 'kysely';
import type { Queryable } from '../../db/types.js';

export const GENESIS_HASH = '0'.repeat(64);
/** Serializes appends so each entry chains to the one before it, across processes. */
const AUDIT_CHAIN_LOCK = 7_463_002;

export interface AuditRow {
  id: number;
  at: Date;
  actor_id: number | null;
  actor_name: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  before: unknown;
  after: unknown;
  visibility: 'public' | 'internal';
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

/** Takes the chain lock for the rest of the transaction and returns the last entry's hash. */
export async function lockChainHead(trx: Queryable): Promise<string> {
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`.execute(trx);
  const last = await trx.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return last?.hash ?? GENESIS_HASH;
}

export async function insertAuditRow(trx: Queryable, row: Omit<AuditRow, 'id'>): Promise<number> {
  const inserted = await trx
    .insertInto('audit_log')
    .values({
      ...row,
      before: row.before === null ? null : JSON.stringify(row.before),
      after: row.after === null ? null : JSON.stringify(row.after),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** Entries in chain order, `batch` at a time after `afterId`. */
export async function auditBatch(db: Queryable, afterId: number, batch: number): Promise<AuditRow[]> {
  return (await db.selectFrom('audit_log').selectAll().where('id', '>', afterId).orderBy('id').limit(batch).execute()) as AuditRow[];
}

export interface AuditFilter {
  actorId?: number | undefined;
  action?: string | undefined;
  subjectType?: string | undefined;
  subjectId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  beforeId?: number | undefined;
  visibility?: 'public' | undefined;
}

/** Newest first, keyset-paginated by id. */
export async function searchAudit(db: Queryable, filter: AuditFilter, limit: number): Promise<AuditRow[]> {
  let query = db.selectFrom('audit_log').selectAll();
  if (filter.actorId !== undefined) query = query.where('actor_id', '=', filter.actorId);
  if (filter.action) query = query.where('action', 'like', `${filter.action.replace(/[%_\\]/g, '\\$&')}%`);
  if (filter.subjectType) query = query.where('subject_type', '=', filter.subjectType);
  if (filter.subjectId) query = query.where('subject_id', '=', filter.subjectId);
  if (filter.from) query = query.where('at', '>=', filter.from);
  if (filter.to) query = query.where('at', '<', filter.to);
  if (filter.beforeId !== undefined) query = query.where('id', '<', filter.beforeId);
  if (filter.visibility) query = query.where('visibility', '=', filter.visibility);
  return (await query.orderBy('id', 'desc').limit(limit).execute()) as AuditRow[];
}

/** The distinct action names recorded, for the filter's choices. */
export async function auditActions(db: Queryable): Promise<string[]> {
  const rows = await db.selectFrom('audit_log').select('action').distinct().orderBy('action').execute();
  return rows.map((r) => r.action);
}
