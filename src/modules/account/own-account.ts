/** Loading the actor's own account inside a command, locked so concurrent changes queue up. */
import type { CommandTx } from '../../kernel/commands.js';
import { AppError } from '../../kernel/errors.js';
import type { RequestScope } from '../../kernel/services.js';
import { lockUser, type UserRow } from '../identity/index.js';

/**
 * The signed-in person's account row, locked for the rest of the transaction. A visitor gets
 * 401; an account that no longer exists gets 404 (the policy then refuses a disabled one).
 */
export async function lockOwnAccount(tx: CommandTx): Promise<UserRow> {
  const actor = tx.scope.actor;
  if (!actor) throw new AppError('unauthenticated');
  const user = await lockUser(tx.trx, actor.id);
  if (!user) throw new AppError('not_found');
  return user;
}

/** The acting person's id, for reads outside commands (routes are already behind a policy). */
export function actorId(scope: RequestScope): number {
  if (!scope.actor) throw new AppError('unauthenticated');
  return scope.actor.id;
}
