/**
 * The working groups' part of deleting an account (the manifest's `onAccountDeleted`): the
 * person's pending requests to join are withdrawn, so no coordinator is left answering someone
 * who has gone, and the statements they wrote about themselves are emptied. What is public
 * record stays: the groups they proposed, the reports they filed, their past mandates (shown
 * under their pseudonym).
 */
import type { CommandTx } from '../../kernel/commands.js';
import { forgetRequestsOf } from './requests-store.js';

/** Runs inside the account deletion's transaction. Audited (internal), without the statements. */
export async function forgetDeletedPerson(tx: CommandTx, userId: number): Promise<void> {
  const { withdrawn, statementsEmptied } = await forgetRequestsOf(tx.trx, userId);
  if (withdrawn.length === 0 && statementsEmptied === 0) return;
  await tx.audit({
    action: 'workgroups.join_requests.forget',
    subjectType: 'user',
    subjectId: userId,
    after: { withdrawn_request_ids: withdrawn.map((request) => request.id), statements_emptied: statementsEmptied },
  });
  for (const request of withdrawn) tx.emit({ type: 'workgroups.join_withdrawn', tags: ['join_requests'], payload: { body_id: request.body_id, id: request.id } });
}
