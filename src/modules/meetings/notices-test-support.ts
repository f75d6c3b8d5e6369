/**
 * For the notices' and answers' tests: sending a notice the way a meeting command does (inside
 * a command's transaction), reading the outbox with its attachments, seating people.
 */
import { z } from 'zod';
import type { TestApp } from '../../../test/support/app.js';
import { defineCommand } from '../../kernel/commands.js';
import { publicAccess } from '../../kernel/policy.js';
import type { RequestScope } from '../../kernel/services.js';
import type { MailAttachment } from '../../kernel/tables.js';
import type { MandateRole } from '../bodies/tables.js';
import { sendNotices } from './notices.js';

/** A command that only sends the notice, as Part A's convene / update / cancel do after their change. */
export const sendNoticesCommand = defineCommand({
  name: 'test.meetings.send_notices',
  input: z.object({ meeting_id: z.number(), occasion: z.enum(['convened', 'updated', 'cancelled']) }),
  policy: publicAccess,
  run: (tx, input) => sendNotices(tx, input.meeting_id, input.occasion),
});

/** A system scope (no actor), in Catalan. */
export function systemScope(app: TestApp): RequestScope {
  return { services: app.services, actor: null, locale: 'ca', requestId: null, ip: null };
}

export interface OutboxMail {
  id: number;
  to_address: string;
  locale: string;
  subject: string;
  text_body: string;
  attachments: MailAttachment[];
}

/** The e-mails written to this address, oldest first. */
export async function outboxTo(app: TestApp, address: string | null): Promise<OutboxMail[]> {
  if (!address) return [];
  const rows = await app.services.database.db
    .selectFrom('outbox')
    .select(['id', 'to_address', 'locale', 'subject', 'text_body', 'attachments'])
    .where('to_address', '=', address.toLowerCase())
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ ...row, id: Number(row.id), attachments: typeof row.attachments === 'string' ? (JSON.parse(row.attachments) as MailAttachment[]) : row.attachments }));
}

/** The text of an attachment. */
export function attachmentText(attachment: MailAttachment | undefined): string {
  return attachment ? Buffer.from(attachment.content, 'base64').toString('utf8') : '';
}

/** The answer links of an e-mail, by answer. */
export function answerLinks(text: string): Record<string, string> {
  const links: Record<string, string> = {};
  for (const match of text.matchAll(/https?:\/\/[^\s]+\/answer\/([^\s?]+)\?answer=(\w+)/g)) links[match[2] ?? ''] = match[0];
  return links;
}

/** The path (no host) of an absolute link, for `agent.get`. */
export function pathOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}

/** A seat in a body, from 2020 (role `member` unless told). */
export async function seat(
  app: TestApp,
  bodyId: number,
  personId: number,
  options: { role?: MandateRole; organisation_id?: number | null; ends_on?: string | null } = {},
): Promise<number> {
  const row = await app.services.database.db
    .insertInto('mandates')
    .values({
      body_id: bodyId,
      person_id: personId,
      organisation_id: options.organisation_id ?? null,
      college: options.organisation_id ? 'entity' : 'trajectory',
      role: options.role ?? 'member',
      starts_on: '2020-01-01',
      ends_on: options.ends_on ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}
