/**
 * Personal API tokens: `tx_` and 43 random characters, shown once when created; only their
 * SHA-256 is stored. A token acts as its person on `/api/v1` until it is revoked.
 */
import { z } from 'zod';
import { defineCommand } from '../../kernel/commands.js';
import { randomToken, sha256 } from '../../kernel/crypto.js';
import { AppError } from '../../kernel/errors.js';
import { fieldError } from '../../kernel/validation.js';
import { insertApiToken, listApiTokens, revokeApiToken as revokeApiTokenRow, type ApiTokenRow } from '../identity/index.js';
import { lockOwnAccount } from './own-account.js';
import { manageApiTokens } from './policies.js';

/** Enough for every script and system a person runs; a bound so a leaked session cannot mint thousands. */
export const MAX_LIVE_TOKENS = 25;

export const newTokenSchema = z.object({
  name: z
    .string({ error: 'account.tokens.name_required' })
    .trim()
    .min(1, { error: 'account.tokens.name_required' })
    .max(100, { error: 'account.tokens.name_too_long' }),
});

/** Creates a token named after its use; returns it in full, the only time it can be seen. */
export const createApiToken = defineCommand({
  name: 'account.create_api_token',
  input: newTokenSchema,
  policy: manageApiTokens,
  load: lockOwnAccount,
  run: async (tx, input, user): Promise<{ token: string; row: ApiTokenRow }> => {
    const live = await listApiTokens(tx.trx, user.id);
    if (live.length >= MAX_LIVE_TOKENS) throw fieldError('name', 'account.tokens.too_many', tx.scope.locale, { max: MAX_LIVE_TOKENS });
    const token = `tx_${randomToken(32)}`;
    const row = await insertApiToken(tx.trx, { user_id: user.id, name: input.name, token_hash: sha256(token) });
    await tx.audit({ action: 'account.create_api_token', subjectType: 'api_token', subjectId: row.id, after: { name: row.name, user: user.id } });
    return { token, row };
  },
});

/** Revokes one of the person's own tokens; someone else's, or one already revoked, is 404. */
export const revokeApiToken = defineCommand({
  name: 'account.revoke_api_token',
  input: z.object({ token_id: z.coerce.number().int().positive() }),
  policy: manageApiTokens,
  load: lockOwnAccount,
  run: async (tx, input, user) => {
    const revoked = await revokeApiTokenRow(tx.trx, input.token_id, user.id);
    if (revoked === 0) throw new AppError('not_found');
    await tx.audit({ action: 'account.revoke_api_token', subjectType: 'api_token', subjectId: input.token_id, after: { user: user.id } });
  },
});
