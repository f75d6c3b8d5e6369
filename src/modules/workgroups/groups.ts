/**
 * Finding a working group and the standing of the person asking about it: what every page,
 * API route and command of this module starts from.
 */
import type { Queryable, Trx } from '../../db/types.js';
import type { CommandTx } from '../../kernel/commands.js';
import { AppError } from '../../kernel/errors.js';
import { allows, authorize, type Actor, type Policy } from '../../kernel/policy.js';
import { standingOf, type Standing } from '../bodies/index.js';
import type { GroupResource } from './policies.js';
import { findGroupById, findGroupBySlug, lockGroup, type GroupRow } from './store.js';

export { spaceToday } from '../bodies/index.js';

/** A slug as the bodies table allows it: lower-case words joined by single hyphens. */
function isSlug(value: string): boolean {
  return value.length <= 80 && /^[a-z0-9-]+$/.test(value) && !value.startsWith('-') && !value.endsWith('-') && !value.includes('--');
}
/** A reference that is an id rather than a slug. */
const ID = /^[1-9][0-9]{0,14}$/;

/** The working group with this slug; 404 when there is none (or the body is not a working group). */
export async function groupBySlug(db: Queryable, slug: string | undefined): Promise<GroupRow> {
  const group = slug && isSlug(slug) ? await findGroupBySlug(db, slug) : undefined;
  if (!group) throw new AppError('not_found');
  return group;
}

/** The working group an API path names by id or slug; 404 when there is none. */
export async function groupByReference(db: Queryable, reference: string | undefined): Promise<GroupRow> {
  if (reference && ID.test(reference)) {
    const group = await findGroupById(db, Number(reference));
    if (!group) throw new AppError('not_found');
    return group;
  }
  return groupBySlug(db, reference);
}

/** The actor's standing in the space today (none for visitors). */
export function standingOfActor(db: Queryable, actor: Actor | null): Promise<Standing> {
  return standingOf(db, actor?.id ?? null);
}

/**
 * Refuses (401/403) a reader whom the policy would let act on no group at all: not for a group
 * they coordinate, nor for any other (as the steering group or an admin would be).
 */
export function authorizeForSomeGroup(policy: Policy<GroupResource>, actor: Actor | null, standing: Standing): void {
  const candidates = [...standing.coordinatorOf, 0];
  if (!candidates.some((id) => allows(policy, actor, { standing, group: { id } }))) authorize(policy, actor, { standing, group: { id: 0 } });
}

/**
 * The group a page names, for a reader the policy lets act on it (401/403 otherwise), with the
 * reader's standing. Someone no group could let act (neither steering, nor admin, nor a
 * coordinator of anything) is refused before the group is even looked up, so the answer does
 * not depend on which slugs exist.
 */
export async function groupForAction(
  db: Queryable,
  actor: Actor | null,
  slug: string | undefined,
  policy: Policy<GroupResource>,
): Promise<{ group: GroupRow; standing: Standing }> {
  const standing = await standingOfActor(db, actor);
  authorizeForSomeGroup(policy, actor, standing);
  const group = await groupBySlug(db, slug);
  authorize(policy, actor, { standing, group });
  return { group, standing };
}

/** The group, locked for the command's transaction, with the actor's standing: what its policies judge. */
export async function loadLockedGroup(tx: CommandTx, bodyId: number): Promise<GroupResource & { group: GroupRow }> {
  const group = await lockGroup(tx.trx, bodyId);
  if (!group) throw new AppError('not_found');
  return { group, standing: await standingOfActor(tx.trx, tx.scope.actor) };
}

/** The group's row, locked, or 404. */
export async function lockedGroupOr404(trx: Trx, bodyId: number): Promise<GroupRow> {
  const group = await lockGroup(trx, bodyId);
  if (!group) throw new AppError('not_found');
  return group;
}

export type { GroupRow };
