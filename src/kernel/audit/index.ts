/**
 * The audit trail: every command appends who did what to which record, with before and after.
 * Entries are chained by hash (each hash covers the previous one), so editing or removing a past
 * entry — even straight in the database — is detected by `verifyAuditChain` (`teixit audit verify`).
 */
import type { Queryable } from '../../db/types.js';
import { sha256 } from '../crypto.js';
import { stableStringify, toJsonValue } from '../stable-json.js';
import { auditBatch, GENESIS_HASH, insertAuditRow, lockChainHead, type AuditRow } from './store.js';

export { searchAudit, auditActions, type AuditFilter, type AuditRow } from './store.js';

export interface AuditInput {
  action: string;
  subjectType: string;
  subjectId?: string | number | null;
  before?: unknown;
  after?: unknown;
  visibility?: 'public' | 'internal';
}

export interface AuditMeta {
  actorId: number | null;
  actorName: string | null;
  requestId: string | null;
}

function entryHash(prevHash: string, row: Omit<AuditRow, 'id' | 'hash' | 'prev_hash'>): string {
  return sha256(
    prevHash +
      stableStringify({
        at: row.at.toISOString(),
        actor_id: row.actor_id,
        actor_name: row.actor_name,
        action: row.action,
        subject_type: row.subject_type,
        subject_id: row.subject_id,
        before: row.before,
        after: row.after,
        visibility: row.visibility,
        request_id: row.request_id,
      }),
  );
}

/** Appends one entry inside the caller's transaction. */
export async function appendAudit(trx: Queryable, input: AuditInput, meta: AuditMeta): Promise<void> {
  const prevHash = await lockChainHead(trx);
  const row = {
    at: new Date(),
    actor_id: meta.actorId,
    actor_name: meta.actorName,
    action: input.action,
    subject_type: input.subjectType,
    subject_id: input.subjectId === undefined || input.subjectId === null ? null : String(input.subjectId),
    before: input.before === undefined ? null : toJsonValue(input.before),
    after: input.after === undefined ? null : toJsonValue(input.after),
    visibility: input.visibility ?? 'internal',
    request_id: meta.requestId,
  } as const;
  await insertAuditRow(trx, { ...row, prev_hash: prevHash, hash: entryHash(prevHash, row) });
}

export interface ChainReport {
  ok: boolean;
  entries: number;
  /** The first entry whose hash or link does not match, when broken. */
  brokenAt?: number;
}

/** Recomputes every hash in order; reports the first entry that does not match. */
export async function verifyAuditChain(db: Queryable): Promise<ChainReport> {
  let prevHash = GENESIS_HASH;
  let afterId = 0;
  let entries = 0;
  for (;;) {
    const rows = await auditBatch(db, afterId, 1000);
    if (rows.length === 0) return { ok: true, entries };
    for (const row of rows) {
      if (row.prev_hash !== prevHash || entryHash(prevHash, row) !== row.hash) {
        return { ok: false, entries, brokenAt: row.id };
      }
      prevHash = row.hash;
      afterId = row.id;
      entries += 1;
    }
  }
}
