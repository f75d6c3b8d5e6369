/**
 * Ending browser sessions from the account page: one at a time (a lost phone, a shared
 * computer), or every one but this browser's. An ended session stops working on its next request.
 */
import { z } from 'zod';
import { defineCommand } from '../../kernel/commands.js';
import { AppError } from '../../kernel/errors.js';
import { revokeSessionById, revokeUserSessions } from '../identity/index.js';
import { lockOwnAccount } from './own-account.js';
import { manageSessions } from './policies.js';

/** Ends one of the person's own sessions; someone else's, or one already ended, is 404. */
export const revokeSession = defineCommand({
  name: 'account.revoke_session',
  input: z.object({ session_id: z.coerce.number().int().positive() }),
  policy: manageSessions,
  load: lockOwnAccount,
  run: async (tx, input, user) => {
    const ended = await revokeSessionById(tx.trx, input.session_id, user.id);
    if (ended === 0) throw new AppError('not_found');
    await tx.audit({ action: 'account.revoke_session', subjectType: 'session', subjectId: input.session_id, after: { user: user.id } });
  },
});

/** Ends every session of the person except `keep_session_id` (this browser's); returns how many. */
export const signOutOtherSessions = defineCommand({
  name: 'account.sign_out_other_sessions',
  input: z.object({ keep_session_id: z.number().int().positive() }),
  policy: manageSessions,
  load: lockOwnAccount,
  run: async (tx, input, user) => {
    const ended = await revokeUserSessions(tx.trx, user.id, input.keep_session_id);
    await tx.audit({ action: 'account.sign_out_other_sessions', subjectType: 'user', subjectId: user.id, after: { sessions_ended: ended } });
    return ended;
  },
});
