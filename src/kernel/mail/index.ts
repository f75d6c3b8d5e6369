/**
 * Outgoing mail goes through the outbox: a message is a row written in the same transaction as
 * the change it tells of, then a job delivers it over SMTP (`SMTP_URL`). Without SMTP the
 * message is `held`: administrators read it on the outbox page. Nothing is silently dropped.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { Queryable } from '../../db/types.js';
import type { MailAttachment } from '../tables.js';
import { enqueueJob, registerJobHandler } from '../jobs/index.js';
import type { Services } from '../services.js';
import { findOutboxMessage, insertOutboxMessage, markOutboxAttemptFailed, markOutboxSent } from './store.js';

export { listOutbox, findOutboxMessage, type OutboxRow } from './store.js';

export interface MailMessage {
  to: string;
  toUserId?: number | null;
  locale: string;
  subject: string;
  text: string;
  html?: string | null;
  attachments?: MailAttachment[];
}

const DELIVER = 'mail.deliver';
const MAX_ATTEMPTS = 6;

/** Writes the message to the outbox inside `trx` and, when SMTP is configured, schedules delivery. */
export async function enqueueMail(trx: Queryable, services: Pick<Services, 'config'>, message: MailMessage): Promise<number> {
  const canSend = services.config.smtpUrl !== undefined;
  const id = await insertOutboxMessage(trx, {
    to_address: message.to.toLowerCase(),
    to_user_id: message.toUserId ?? null,
    locale: message.locale,
    subject: message.subject,
    text_body: message.text,
    html_body: message.html ?? null,
    attachments: message.attachments ?? [],
    status: canSend ? 'queued' : 'held',
  });
  if (canSend) await enqueueJob(trx, DELIVER, { outboxId: id }, { maxAttempts: MAX_ATTEMPTS });
  return id;
}

const transports = new Map<string, Transporter>();
function transportFor(url: string): Transporter {
  let transport = transports.get(url);
  if (!transport) {
    transport = nodemailer.createTransport(url);
    transports.set(url, transport);
  }
  return transport;
}

async function deliver(services: Services, payload: Record<string, unknown>): Promise<void> {
  const { db } = services.database;
  const id = Number(payload.outboxId);
  const message = await findOutboxMessage(db, id);
  if (!message || message.status === 'sent') return;
  const url = services.config.smtpUrl;
  if (!url) return;
  try {
    const info = await transportFor(url).sendMail({
      from: services.config.mailFrom,
      to: message.to_address,
      subject: message.subject,
      text: message.text_body,
      ...(message.html_body ? { html: message.html_body } : {}),
      headers: { 'Content-Language': message.locale },
      attachments: message.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.content, 'base64') })),
    });
    await markOutboxSent(db, id, typeof info.messageId === 'string' ? info.messageId : null);
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    const row = await findOutboxMessage(db, id);
    await markOutboxAttemptFailed(db, id, text, (row?.attempts ?? 0) + 1 >= MAX_ATTEMPTS);
    throw error;
  }
}

registerJobHandler(DELIVER, deliver);
