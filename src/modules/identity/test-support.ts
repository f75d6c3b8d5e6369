/**
 * What the identity tests share: the link in the last mail to an address, and a snapshot of
 * every table a link or two-factor step could change, to prove a refused request changed nothing.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import { listOutbox, type OutboxRow } from '../../kernel/mail/index.js';

/** The newest outbox message to `to`, or throws when there is none. */
export async function lastMailTo(db: Kysely<DB>, to: string): Promise<OutboxRow> {
  const [message] = await listOutbox(db, { to }, 1);
  if (!message) throw new Error(`no mail to ${to}`);
  return message;
}

/** The path (`/ca/password-reset/…`) of the first link to this site in a mail's text (tests use http://localhost). */
export function linkPathIn(message: OutboxRow): string {
  const match = /http:\/\/localhost(\/[a-z]{2}\/[a-z-]+\/[A-Za-z0-9_-]+)/.exec(message.text_body);
  if (!match?.[1]) throw new Error(`no link in: ${message.text_body}`);
  return match[1];
}

/** Everything a refused link or code must leave as it was (rate-limit counters aside). */
export async function snapshot(db: Kysely<DB>): Promise<unknown> {
  const [users, sessions, links, codes, audit, outbox] = await Promise.all([
    db.selectFrom('users').selectAll().orderBy('id').execute(),
    db.selectFrom('sessions').selectAll().orderBy('id').execute(),
    db.selectFrom('one_time_tokens').selectAll().orderBy('id').execute(),
    db.selectFrom('recovery_codes').selectAll().orderBy('id').execute(),
    db.selectFrom('audit_log').select(['id', 'action']).orderBy('id').execute(),
    db.selectFrom('outbox').select(['id', 'to_address', 'subject']).orderBy('id').execute(),
  ]);
  return { users, sessions, links, codes, audit, outbox };
}

/** The audit actions recorded about one account, oldest first. */
export async function auditActionsFor(db: Kysely<DB>, userId: number): Promise<string[]> {
  const rows = await db.selectFrom('audit_log').select('action').where('subject_type', '=', 'user').where('subject_id', '=', String(userId)).orderBy('id').execute();
  return rows.map((row) => row.action);
}

/** A page's HTML with the entities hono/jsx escapes turned back into characters, for `toContain`. */
export async function pageText(response: Response): Promise<string> {
  const html = await response.text();
  return html.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
