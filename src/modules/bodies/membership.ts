/**
 * Standing: what a person's active mandates let them do in the space — sit in the secretariat,
 * in the steering group, coordinate working groups. Global roles (admin, official) live on the
 * account; everything scoped to a body comes from here.
 */
import { sql } from 'kysely';
import type { Queryable } from '../../db/types.js';
import { todayInSpace } from '../../kernel/i18n/index.js';

export interface Standing {
  /** An active `secretary` mandate in the plenary or the steering group. */
  secretariat: boolean;
  /** An active mandate in the steering group, in any role but `alternate` or `observer`. */
  steering: boolean;
  /** The working groups in which the person holds an active `coordinator` mandate. */
  coordinatorOf: ReadonlySet<number>;
  /** Every body in which the person holds an active mandate, in any role. */
  memberOf: ReadonlySet<number>;
}

/** A visitor's standing, and anyone's without an active mandate. */
export const NO_STANDING: Standing = Object.freeze({
  secretariat: false,
  steering: false,
  coordinatorOf: new Set<number>(),
  memberOf: new Set<number>(),
});

/** Today in the space's time zone (Barcelona), as `YYYY-MM-DD`: the day mandates are judged on. */
export function spaceToday(now: Date = new Date()): string {
  return todayInSpace(now);
}

/**
 * What the person's active mandates (on `on`, default today) let them do; one query.
 * Visitors (null) have no standing.
 */
export async function standingOf(db: Queryable, personId: number | null, on: string = spaceToday()): Promise<Standing> {
  if (personId === null) return NO_STANDING;
  const rows = await db
    .selectFrom('mandates as m')
    .innerJoin('bodies as b', 'b.id', 'm.body_id')
    .select(['m.body_id', 'm.role', 'b.kind'])
    .where('m.person_id', '=', personId)
    .where('m.starts_on', '<=', sql<string>`${on}::date`)
    .where((eb) => eb.or([eb('m.ends_on', 'is', null), eb('m.ends_on', '>', sql<string>`${on}::date`)]))
    .execute();
  let secretariat = false;
  let steering = false;
  const coordinatorOf = new Set<number>();
  const memberOf = new Set<number>();
  for (const row of rows) {
    const bodyId = Number(row.body_id);
    memberOf.add(bodyId);
    if (row.role === 'secretary' && (row.kind === 'plenary' || row.kind === 'steering')) secretariat = true;
    if (row.kind === 'steering' && row.role !== 'alternate' && row.role !== 'observer') steering = true;
    if (row.kind === 'working_group' && row.role === 'coordinator') coordinatorOf.add(bodyId);
  }
  return { secretariat, steering, coordinatorOf, memberOf };
}
