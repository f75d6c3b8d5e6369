/**
 * The mail outbox as administrators read it: every message, newest first, and one message's
 * full text — so that without SMTP nothing is lost (an invitation link can be read here and
 * passed on by hand). Opening a message is recorded in the audit trail, since it may hold a
 * link that acts for someone else.
 */
import { z } from 'zod';
import type { Queryable } from '../../db/types.js';
import { defineCommand } from '../../kernel/commands.js';
import { AppError } from '../../kernel/errors.js';
import type { Locale } from '../../kernel/i18n/index.js';
import { findOutboxMessage, listOutbox, type OutboxRow } from '../../kernel/mail/index.js';
import { validate } from '../../kernel/validation.js';
import { viewOutbox } from './policies.js';

export const OUTBOX_PER_PAGE = 50;
export const OUTBOX_STATUSES = ['queued', 'held', 'sent', 'failed'] as const;

const blankAsUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

export const outboxQuerySchema = z.object({
  status: z.preprocess(blankAsUndefined, z.enum(OUTBOX_STATUSES, { error: 'admin.outbox.filters.status_invalid' }).optional()),
  to: z.preprocess(blankAsUndefined, z.string().trim().max(254, { error: 'admin.outbox.filters.to_invalid' }).optional()),
  before: z.coerce.number().int().positive().optional().catch(undefined),
});
export type OutboxQuery = z.output<typeof outboxQuerySchema>;

/** Reads the filters from the query string; 422 with field messages when one is wrong. */
export function parseOutboxQuery(raw: Record<string, string>, locale: Locale): OutboxQuery {
  return validate(outboxQuerySchema, raw, locale);
}

/** One page of messages, newest first, and where older ones continue. */
export async function findOutboxMessages(db: Queryable, query: OutboxQuery): Promise<{ messages: OutboxRow[]; olderThan: number | undefined }> {
  const rows = await listOutbox(db, { beforeId: query.before, to: query.to, status: query.status }, OUTBOX_PER_PAGE + 1);
  const messages = rows.slice(0, OUTBOX_PER_PAGE);
  return { messages, olderThan: rows.length > OUTBOX_PER_PAGE ? messages[messages.length - 1]?.id : undefined };
}

/**
 * One message, with a record in the audit trail that this administrator opened it (never its
 * text or address). 404 when there is no such message.
 */
export const readOutboxMessage = defineCommand({
  name: 'admin.outbox.read',
  input: z.object({ id: z.coerce.number().int().positive() }),
  policy: viewOutbox,
  run: async (tx, input): Promise<OutboxRow> => {
    const message = await findOutboxMessage(tx.trx, input.id);
    if (!message) throw new AppError('not_found');
    await tx.audit({
      action: 'admin.outbox.read',
      subjectType: 'outbox_message',
      subjectId: message.id,
      after: { status: message.status, to_user_id: message.to_user_id },
    });
    return message;
  },
});
