/** SQL for the mail outbox. */
import type { Queryable } from '../../db/types.js';
import type { MailAttachment } from '../tables.js';

export interface OutboxRow {
  id: number;
  to_address: string;
  to_user_id: number | null;
  locale: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  attachments: MailAttachment[];
  status: 'queued' | 'held' | 'sent' | 'failed';
  attempts: number;
  last_error: string | null;
  message_id: string | null;
  created_at: Date;
  sent_at: Date | null;
}

export async function insertOutboxMessage(
  trx: Queryable,
  message: Pick<OutboxRow, 'to_address' | 'to_user_id' | 'locale' | 'subject' | 'text_body' | 'html_body' | 'attachments' | 'status'>,
): Promise<number> {
  const row = await trx
    .insertInto('outbox')
    .values({ ...message, attachments: JSON.stringify(message.attachments) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findOutboxMessage(db: Queryable, id: number): Promise<OutboxRow | undefined> {
  return (await db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst()) as OutboxRow | undefined;
}

export async function markOutboxSent(db: Queryable, id: number, messageId: string | null): Promise<void> {
  await db
    .updateTable('outbox')
    .set((eb) => ({ status: 'sent', sent_at: new Date(), message_id: messageId, attempts: eb('attempts', '+', 1), last_error: null }))
    .where('id', '=', id)
    .execute();
}

export async function markOutboxAttemptFailed(db: Queryable, id: number, error: string, final: boolean): Promise<void> {
  await db
    .updateTable('outbox')
    .set((eb) => ({ status: final ? 'failed' : 'queued', attempts: eb('attempts', '+', 1), last_error: error.slice(0, 2000) }))
    .where('id', '=', id)
    .execute();
}

/** Newest first, keyset by id; optionally only messages to one address. */
export async function listOutbox(
  db: Queryable,
  filter: { beforeId?: number | undefined; to?: string | undefined; status?: OutboxRow['status'] | undefined },
  limit: number,
): Promise<OutboxRow[]> {
  let query = db.selectFrom('outbox').selectAll();
  if (filter.beforeId !== undefined) query = query.where('id', '<', filter.beforeId);
  if (filter.to) query = query.where('to_address', '=', filter.to.toLowerCase());
  if (filter.status) query = query.where('status', '=', filter.status);
  return (await query.orderBy('id', 'desc').limit(limit).execute()) as OutboxRow[];
}
