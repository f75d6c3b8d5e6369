/**
 * The session a person gets right after setting their password through a link (an invitation,
 * the first-admin setup): like signing in, whatever session this browser had ends first.
 */
import type { Queryable } from '../../db/types.js';
import { sha256 } from '../../kernel/crypto.js';
import type { Services } from '../../kernel/services.js';
import type { ClientDetails } from './schema.js';
import { openSession } from './sessions.js';
import { findLiveSession, revokeSessionById } from './store.js';

/**
 * Opens a session for `userId` inside `trx`, ending the browser's previous one. The person has
 * not enrolled in two-factor yet, so there is no code to owe: the app sends those whose role
 * requires it to enrolment.
 */
export async function openFirstSession(
  trx: Queryable,
  services: Services,
  userId: number,
  ip: string | null,
  client: ClientDetails,
): Promise<{ token: string; id: number }> {
  if (client.previous_cookie) {
    const previous = await findLiveSession(trx, sha256(client.previous_cookie));
    if (previous) await revokeSessionById(trx, previous.session.id);
  }
  return openSession(trx, services, { id: userId }, { mfaPassed: true, ip, userAgent: client.user_agent });
}
