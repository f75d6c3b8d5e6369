/**
 * Single-use links sent by e-mail (password reset, e-mail verification, invitation) and the
 * first-admin link. Only the SHA-256 of a link's token is stored; a new link of one purpose
 * voids the person's older ones; using a link marks it used in the same transaction as the
 * change it allows, so a link works once even when two requests race.
 */
import type { Queryable } from '../../db/types.js';
import { appendAudit, type AuditInput } from '../../kernel/audit/index.js';
import type { CommandTx } from '../../kernel/commands.js';
import { randomToken, sha256 } from '../../kernel/crypto.js';
import { AppError } from '../../kernel/errors.js';
import type { Locale } from '../../kernel/i18n/index.js';
import type { Services } from '../../kernel/services.js';
import { findOneTimeToken, insertOneTimeToken, lockOneTimeToken, markOneTimeTokenUsed, voidOneTimeTokens, type LinkPurpose, type OneTimeTokenRow } from './store.js';

const HOUR = 3600 * 1000;

/** How long each kind of link works; the e-mails say the same in words. */
export const LINK_LIFETIME_MS: Record<LinkPurpose, number> = {
  reset: HOUR,
  verify: 3 * 24 * HOUR,
  invite: 7 * 24 * HOUR,
  first_admin: 24 * HOUR,
};

/** Why a link cannot be used. */
export type LinkProblem = 'unknown' | 'expired' | 'used';

const PROBLEM_PREFIX = 'identity.links.problem.';

/** The error for a link that cannot be used; routes turn it into a page that says why. */
export function linkProblem(reason: LinkProblem): AppError {
  return new AppError('bad_request', { messageKey: `${PROBLEM_PREFIX}${reason}` });
}

/** The reason behind an error thrown by `linkProblem`, or null for any other error. */
export function linkProblemOf(error: unknown): LinkProblem | null {
  if (!(error instanceof AppError) || !error.messageKey.startsWith(PROBLEM_PREFIX)) return null;
  const reason = error.messageKey.slice(PROBLEM_PREFIX.length);
  return reason === 'unknown' || reason === 'expired' || reason === 'used' ? reason : null;
}

/**
 * Creates a link for `purpose`, voiding the unused ones of the same person (by account, or by
 * e-mail when there is no account yet). Returns the token, which only goes into the e-mail.
 */
export async function issueLink(
  trx: Queryable,
  purpose: LinkPurpose,
  target: { userId: number | null; email: string | null; createdBy?: number | null },
): Promise<string> {
  if (target.userId !== null) await voidOneTimeTokens(trx, purpose, { userId: target.userId });
  else if (target.email !== null) await voidOneTimeTokens(trx, purpose, { email: target.email });
  const token = randomToken(32);
  await insertOneTimeToken(trx, {
    purpose,
    token_hash: sha256(token),
    user_id: target.userId,
    email: target.email,
    created_by: target.createdBy ?? null,
    expires_at: new Date(Date.now() + LINK_LIFETIME_MS[purpose]),
  });
  return token;
}

function judge(row: OneTimeTokenRow | undefined): OneTimeTokenRow {
  if (!row) throw linkProblem('unknown');
  if (row.used_at !== null) throw linkProblem('used');
  if (row.expires_at.getTime() <= Date.now()) throw linkProblem('expired');
  return row;
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

/** The link behind `token` if it can still be used (for showing its form); throws a link problem otherwise. */
export async function checkLink(db: Queryable, purpose: LinkPurpose, token: string): Promise<OneTimeTokenRow> {
  if (!TOKEN_SHAPE.test(token)) throw linkProblem('unknown');
  return judge(await findOneTimeToken(db, purpose, sha256(token)));
}

/**
 * Uses the link inside `trx`: locks it, refuses it when unknown, used or expired, and marks it
 * used. If the transaction later fails, the link is unused again.
 */
export async function claimLink(trx: Queryable, purpose: LinkPurpose, token: string): Promise<OneTimeTokenRow> {
  if (!TOKEN_SHAPE.test(token)) throw linkProblem('unknown');
  const row = judge(await lockOneTimeToken(trx, purpose, sha256(token)));
  await markOneTimeTokenUsed(trx, row.id);
  return row;
}

/** The absolute address of a page, for e-mails: `https://…/ca/password-reset/abc`. */
export function absoluteUrl(services: Pick<Services, 'config'>, locale: Locale, path: string): string {
  return `${services.config.publicUrl}/${locale}${path}`;
}

/**
 * Audits what someone did through a link as that person: they proved they read the mail, even
 * though they were not signed in.
 */
export async function auditAsLinkHolder(tx: CommandTx, person: { id: number; name: string }, entry: AuditInput): Promise<void> {
  await appendAudit(tx.trx, entry, { actorId: person.id, actorName: person.name, requestId: tx.scope.requestId });
}
