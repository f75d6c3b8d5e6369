/**
 * The first administrator of an empty platform: a single-use link printed at start, valid for a
 * day, that lets whoever runs the server create the first admin account.
 */
import { randomToken, sha256 } from '../../kernel/crypto.js';
import type { Services } from '../../kernel/services.js';
import { insertOneTimeToken, voidOneTimeTokens } from './store.js';

/** Creates a new first-admin link (voiding any earlier one) and returns its URL. */
export async function createFirstAdminLink(services: Services): Promise<string> {
  const token = randomToken(32);
  await services.database.db.transaction().execute(async (trx) => {
    await voidOneTimeTokens(trx, 'first_admin', {});
    await insertOneTimeToken(trx, {
      purpose: 'first_admin',
      token_hash: sha256(token),
      user_id: null,
      email: null,
      created_by: null,
      expires_at: new Date(Date.now() + 24 * 3600 * 1000),
    });
  });
  return `${services.config.publicUrl}/ca/setup/${token}`;
}
