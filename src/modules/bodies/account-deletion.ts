/**
 * The bodies' part of deleting an account (the manifest's `onAccountDeleted`). A person who has
 * gone no longer sits anywhere: the mandates they hold end today, so their seat is free for
 * someone else and the body's members and composition stop counting them; mandates that had not
 * started yet were never held and go. What they held stays as public record, under their
 * pseudonym.
 */
import { sql } from 'kysely';
import type { CommandTx } from '../../kernel/commands.js';
import { translate } from '../../kernel/i18n/index.js';
import { spaceToday } from './membership.js';

/** Runs inside the account deletion's transaction; audited (internal, as the deletion is). */
export async function endMandatesOfDeletedPerson(tx: CommandTx, userId: number): Promise<void> {
  const today = spaceToday();
  // Not started yet, and no accepted join request points at it: never held, nothing to keep.
  const dropped = await tx.trx
    .deleteFrom('mandates as m')
    .where('m.person_id', '=', userId)
    .where('m.starts_on', '>', sql<string>`${today}::date`)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('join_requests as j').select('j.id').whereRef('j.mandate_id', '=', 'm.id'))))
    .returning(['m.id', 'm.body_id'])
    .execute();
  // Held now, or kept above: they end today (one that began today ends tomorrow, the first day
  // the table's dates allow).
  const ended = await tx.trx
    .updateTable('mandates as m')
    .set({
      ends_on: sql<string>`greatest(${today}::date, m.starts_on + 1)`,
      end_reason: translate('ca', 'mandates.end.account_deleted_reason'),
      updated_at: new Date(),
    })
    .where('m.person_id', '=', userId)
    .where((eb) => eb.or([eb('m.ends_on', 'is', null), eb('m.ends_on', '>', sql<string>`${today}::date`)]))
    .returning(['m.id', 'm.body_id'])
    .execute();
  if (dropped.length === 0 && ended.length === 0) return;
  await tx.audit({
    action: 'bodies.mandates.account_deleted',
    subjectType: 'user',
    subjectId: userId,
    after: { ended_mandate_ids: ended.map((m) => Number(m.id)), dropped_mandate_ids: dropped.map((m) => Number(m.id)), ends_on: today },
  });
  const bodyIds = [...new Set([...dropped, ...ended].map((m) => Number(m.body_id)))];
  tx.emit({ type: 'bodies.mandates_ended', tags: ['bodies', 'mandates', 'people', 'organisations'], payload: { person_id: userId, body_ids: bodyIds } });
}
