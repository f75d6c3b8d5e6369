/**
 * SQL the account module needs beyond identity's: what the kernel's tables hold about one
 * person (their audit entries and the mail sent to them), for "download my data" and deletion.
 */
import type { Queryable } from '../../db/types.js';

/** The audit entries a person made, oldest first, `limit` after `afterId` (keyset). */
export async function auditEntriesByActor(db: Queryable, actorId: number, afterId: number, limit: number) {
  return db
    .selectFrom('audit_log')
    .select(['id', 'at', 'action', 'subject_type', 'subject_id', 'before', 'after'])
    .where('actor_id', '=', actorId)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** The messages written to a person, by account or by address, oldest first. */
export async function mailToPerson(db: Queryable, userId: number, email: string | null) {
  let query = db.selectFrom('outbox').select(['id', 'created_at', 'to_address', 'subject', 'text_body', 'status', 'sent_at']);
  query = email === null ? query.where('to_user_id', '=', userId) : query.where((eb) => eb.or([eb('to_user_id', '=', userId), eb('to_address', '=', email)]));
  return query.orderBy('id').execute();
}

/**
 * Forgets the mail a deleted person was sent: the outbox keeps addresses and message bodies
 * that administrators can read, and nothing of it is needed once the account is gone.
 */
export async function deleteMailToPerson(trx: Queryable, userId: number, email: string | null): Promise<number> {
  let query = trx.deleteFrom('outbox');
  query = email === null ? query.where('to_user_id', '=', userId) : query.where((eb) => eb.or([eb('to_user_id', '=', userId), eb('to_address', '=', email)]));
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}
