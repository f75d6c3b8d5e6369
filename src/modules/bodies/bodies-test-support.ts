/**
 * Records the bodies' tests set up straight in the database (working groups in any state, their
 * decisions, organisations, mandates), so each test says only what it needs. Tests only.
 */
import type { Queryable } from '../../db/types.js';
import type { Translatable } from '../../kernel/i18n/translatable.js';
import { addDays } from '../workgroups/dates.js';
import { spaceToday } from './membership.js';
import type { BodyDecisionAction, BodyKind, BodyState, Charter, College, MandateRole } from './tables.js';

let counter = 0;

/** A full charter in the three languages, marked with `tag` so a test can find its words. */
export function charterFor(tag: string): Charter {
  return {
    objectives: { ca: `Objectius ${tag}`, es: `Objetivos ${tag}`, en: `Objectives ${tag}` },
    method: { ca: `Mètode ${tag}`, es: `Método ${tag}`, en: `Method ${tag}` },
    cadence: { ca: `Cada mes ${tag}`, es: `Cada mes ${tag}`, en: `Monthly ${tag}` },
    deliverables: { ca: `Lliuraments ${tag}`, es: `Entregables ${tag}`, en: `Deliverables ${tag}` },
  };
}

export interface GroupOptions {
  slug?: string;
  name?: Translatable;
  state?: BodyState;
  kind?: BodyKind;
  parent_id?: number | null;
  /** Days from today; the default is 120. */
  sunsetInDays?: number;
  open?: boolean;
  charter?: Charter | null;
  purpose?: Translatable | null;
  seats_per_entity?: number | null;
  allowed_colleges?: College[];
  allowed_levels?: number[];
  report_interval_days?: number | null;
}

/** A working group (below the plenary, id 1) in the given state; returns its id and slug. */
export async function insertGroup(db: Queryable, options: GroupOptions = {}): Promise<{ id: number; slug: string }> {
  counter += 1;
  const slug = options.slug ?? `grup-${counter}-${Math.random().toString(36).slice(2, 7)}`;
  const kind = options.kind ?? 'working_group';
  const today = spaceToday();
  const row = await db
    .insertInto('bodies')
    .values({
      slug,
      kind,
      parent_id: options.parent_id === undefined ? 1 : options.parent_id,
      name: JSON.stringify(options.name ?? { ca: `Grup ${counter}`, es: `Grupo ${counter}`, en: `Group ${counter}` }),
      purpose: options.purpose === null ? null : JSON.stringify(options.purpose ?? { ca: `Finalitat del grup ${counter}` }),
      state: options.state ?? 'active',
      starts_on: kind === 'working_group' ? addDays(today, -30) : null,
      sunset_on: kind === 'working_group' ? addDays(today, options.sunsetInDays ?? 120) : null,
      charter: kind !== 'working_group' || options.charter === null ? null : JSON.stringify(options.charter ?? charterFor(String(counter))),
      open: options.open ?? false,
      seats_per_entity: options.seats_per_entity ?? null,
      allowed_colleges: options.allowed_colleges ?? [],
      allowed_levels: options.allowed_levels ?? [1, 2, 3],
      report_interval_days: options.report_interval_days === undefined ? (kind === 'working_group' ? 90 : null) : options.report_interval_days,
    })
    .returning(['id', 'slug'])
    .executeTakeFirstOrThrow();
  return { id: Number(row.id), slug: row.slug };
}

/** A recorded decision about a body. */
export async function insertDecision(
  db: Queryable,
  decision: { body_id: number; action: BodyDecisionAction; reason?: string; sunset_before?: string | null; sunset_after?: string | null; decided_by?: number | null; created_at?: string },
): Promise<void> {
  await db
    .insertInto('body_decisions')
    .values({
      body_id: decision.body_id,
      action: decision.action,
      reason: decision.reason ?? '',
      sunset_before: decision.sunset_before ?? null,
      sunset_after: decision.sunset_after ?? null,
      decided_by: decision.decided_by ?? null,
      ...(decision.created_at ? { created_at: decision.created_at } : {}),
    })
    .execute();
}

/** An organisation of the directory; an entity of `level` unless it is a council unit. */
export async function insertOrganisation(
  db: Queryable,
  options: { short_name?: string; name?: string; kind?: 'entity' | 'administration'; level?: 1 | 2 | 3 | 4; representative_since?: string | null } = {},
): Promise<{ id: number; short_name: string; name: string }> {
  counter += 1;
  const short_name = options.short_name ?? `ORG${counter}`;
  const name = options.name ?? `Organització ${counter}`;
  const kind = options.kind ?? 'entity';
  const row = await db
    .insertInto('organisations')
    .values({
      name,
      short_name,
      kind,
      level: kind === 'entity' ? (options.level ?? 2) : null,
      families: [],
      representative_since: options.representative_since === undefined ? '2020-01-01' : options.representative_since,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: Number(row.id), short_name, name };
}

/** A mandate straight in the table (the rules are the mandates module's to test). */
export async function insertMandate(
  db: Queryable,
  mandate: { body_id: number; person_id: number; organisation_id?: number | null; college?: College; role?: MandateRole; starts_on?: string; ends_on?: string | null },
): Promise<number> {
  const row = await db
    .insertInto('mandates')
    .values({
      body_id: mandate.body_id,
      person_id: mandate.person_id,
      organisation_id: mandate.organisation_id ?? null,
      college: mandate.college ?? (mandate.organisation_id ? 'entity' : 'trajectory'),
      role: mandate.role ?? 'member',
      starts_on: mandate.starts_on ?? '2024-01-15',
      ends_on: mandate.ends_on ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** A person with no login (a name and, optionally, a declared gender). */
export async function insertPerson(db: Queryable, name: string, gender: string | null = null, email: string | null = null): Promise<number> {
  const row = await db
    .insertInto('users')
    .values({ email: email ?? `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}.${Math.random().toString(36).slice(2, 8)}@example.org`, name, password_hash: null, roles: [], gender })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}
