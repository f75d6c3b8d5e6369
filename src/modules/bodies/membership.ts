/**
 * Standing: what a person's active mandates let them do in the space — sit in the secretariat,
 * in the steering group, coordinate working groups. Global roles (admin, official) live on the
 * account; everything scoped to a body comes from here.
 */
import { sql } from 'kysely';
import { arg, compileOnce } from '../../db/compiled.js';
import type { Queryable } from '../../db/types.js';
import { todayInSpace } from '../../kernel/i18n/index.js';
import type { BodyKind, MandateRole } from './tables.js';

export interface Standing {
  /** An active `secretary` mandate in the plenary or the steering group. */
  secretariat: boolean;
  /** An active mandate in the steering group, in any role but `alternate` or `observer`. */
  steering: boolean;
  /** The working groups in which the person holds an active `coordinator` mandate. */
  coordinatorOf: ReadonlySet<number>;
  /** Every body in which the person holds an active mandate, in any role. */
  memberOf: ReadonlySet<number>;
  /** The bodies whose meetings the person runs: an active `chair`, `coordinator` or `secretary` mandate there. */
  runsMeetingsOf: ReadonlySet<number>;
}

/** A visitor's standing, and anyone's without an active mandate. */
export const NO_STANDING: Standing = Object.freeze({
  secretariat: false,
  steering: false,
  coordinatorOf: new Set<number>(),
  memberOf: new Set<number>(),
  runsMeetingsOf: new Set<number>(),
});

/** Today in the space's time zone (Barcelona), as `YYYY-MM-DD`: the day mandates are judged on. */
export function spaceToday(now: Date = new Date()): string {
  return todayInSpace(now);
}

// Runs on most signed-in pages (and on every request for the follow-up): built once and, on a
// PostgreSQL server, prepared once per connection (see compileOnce).
const activeRolesQuery = compileOnce<[number, string], { body_id: number; role: MandateRole; kind: BodyKind }>((db) =>
  db
    .selectFrom('mandates as m')
    .innerJoin('bodies as b', 'b.id', 'm.body_id')
    .select(['m.body_id', 'm.role', 'b.kind'])
    .where('m.person_id', '=', arg<number>(0))
    .where('m.starts_on', '<=', sql<string>`${arg<string>(1)}::date`)
    .where((eb) => eb.or([eb('m.ends_on', 'is', null), eb('m.ends_on', '>', sql<string>`${arg<string>(1)}::date`)])),
);

/**
 * What the person's active mandates (on `on`, default today) let them do; one query.
 * Visitors (null) have no standing.
 */
export async function standingOf(db: Queryable, personId: number | null, on: string = spaceToday()): Promise<Standing> {
  if (personId === null) return NO_STANDING;
  const rows = await activeRolesQuery(db, personId, on);
  return standingFrom(rows.map((row) => ({ body_id: row.body_id, role: row.role, body_kind: row.kind })));
}

/**
 * The standing that these active mandates give, for a caller that has already read them (My
 * space lists them anyway): no query.
 */
export function standingFrom(mandates: ReadonlyArray<{ body_id: number; role: MandateRole; body_kind: BodyKind }>): Standing {
  let secretariat = false;
  let steering = false;
  const coordinatorOf = new Set<number>();
  const memberOf = new Set<number>();
  const runsMeetingsOf = new Set<number>();
  for (const mandate of mandates) {
    const bodyId = Number(mandate.body_id);
    const kind = mandate.body_kind;
    memberOf.add(bodyId);
    if (mandate.role === 'secretary' && (kind === 'plenary' || kind === 'steering')) secretariat = true;
    if (kind === 'steering' && mandate.role !== 'alternate' && mandate.role !== 'observer') steering = true;
    if (kind === 'working_group' && mandate.role === 'coordinator') coordinatorOf.add(bodyId);
    if (mandate.role === 'chair' || mandate.role === 'coordinator' || mandate.role === 'secretary') runsMeetingsOf.add(bodyId);
  }
  return { secretariat, steering, coordinatorOf, memberOf, runsMeetingsOf };
}
