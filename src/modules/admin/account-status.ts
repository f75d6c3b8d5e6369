/**
 * Disabling an account and enabling it again. Disabling ends the person's sessions at once; it
 * revokes nothing else — their API tokens stop working because every request checks the
 * account's status, and work again if the account is enabled again.
 */
import { z } from 'zod';
import { defineCommand } from '../../kernel/commands.js';
import { AppError } from '../../kernel/errors.js';
import { lockActiveAdminIds, lockUser, revokeUserSessions, updateUser } from '../identity/index.js';
import { changeStatus } from './policies.js';

export const accountStatusSchema = z.object({ userId: z.coerce.number().int().positive() });

/**
 * Disables an active account and ends its sessions. Refuses (409) to disable the person asking
 * or the last active administrator; 404 for a deleted account.
 * @example const { sessionsEnded } = await disableAccount(scopeOf(c), { userId: 12 });
 */
export const disableAccount = defineCommand({
  name: 'admin.people.disable',
  input: accountStatusSchema,
  policy: changeStatus,
  run: async (tx, input) => {
    // Same lock order as changing roles: administrators, then the person.
    const admins = await lockActiveAdminIds(tx.trx);
    const person = await lockUser(tx.trx, input.userId);
    if (!person || person.status === 'deleted') throw new AppError('not_found');
    if (person.id === tx.scope.actor?.id) throw new AppError('conflict', { messageKey: 'admin.person.disable.self' });
    if (person.status !== 'active') throw new AppError('invalid_transition', { messageKey: 'admin.person.disable.already' });
    if (person.roles.includes('admin') && admins.every((id) => id === person.id)) {
      throw new AppError('conflict', { messageKey: 'admin.person.disable.last_admin' });
    }
    await updateUser(tx.trx, person.id, { status: 'disabled' });
    const sessionsEnded = await revokeUserSessions(tx.trx, person.id);
    await tx.audit({
      action: 'admin.people.disable',
      subjectType: 'user',
      subjectId: person.id,
      before: { status: person.status },
      after: { status: 'disabled', sessions_ended: sessionsEnded },
    });
    tx.emit({ type: 'identity.account_disabled', payload: { userId: person.id } });
    return { name: person.name, sessionsEnded };
  },
});

/**
 * Enables a disabled account again. The person signs in anew (their old sessions stay ended);
 * their API tokens work again. 409 when the account is not disabled.
 */
export const enableAccount = defineCommand({
  name: 'admin.people.enable',
  input: accountStatusSchema,
  policy: changeStatus,
  run: async (tx, input) => {
    const person = await lockUser(tx.trx, input.userId);
    if (!person || person.status === 'deleted') throw new AppError('not_found');
    if (person.status !== 'disabled') throw new AppError('invalid_transition', { messageKey: 'admin.person.enable.not_disabled' });
    await updateUser(tx.trx, person.id, { status: 'active' });
    await tx.audit({
      action: 'admin.people.enable',
      subjectType: 'user',
      subjectId: person.id,
      before: { status: person.status },
      after: { status: 'active' },
    });
    tx.emit({ type: 'identity.account_enabled', payload: { userId: person.id } });
    return { name: person.name };
  },
});
