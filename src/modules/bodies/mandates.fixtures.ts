/**
 * Test fixtures for mandates (used by this module's tests only): organisations, bodies and
 * mandates made straight in the database, and a command scope acting as a given person.
 */
import type { TestApp } from '../../../test/support/app.js';
import type { Actor } from '../../kernel/policy.js';
import type { RequestScope } from '../../kernel/services.js';
import { insertMandate } from './bodies-test-support.js';
import type { College, MandateRole } from './tables.js';

/** The plenary (Àmbit Participat) and the steering group exist in every fresh database. */
export const PLENARY = { id: 1, slug: 'ambit-participat' } as const;
export const STEERING = { id: 2, slug: 'grup-motor' } as const;

let counter = 0;

/** A command scope acting as this person (or as a visitor), in Catalan unless told. */
export function scopeAs(app: TestApp, actor: Pick<Actor, 'id' | 'name' | 'roles'> | null, locale: 'ca' | 'es' | 'en' = 'ca'): RequestScope {
  return { services: app.services, actor: actor ? { id: actor.id, name: actor.name, roles: actor.roles } : null, locale, requestId: null, ip: null };
}

/** An organisation in the directory; an entity of level 2, representative since 2020, unless told. */
export async function makeOrganisation(
  app: TestApp,
  options: { short_name?: string; name?: string; kind?: 'administration' | 'entity'; level?: 1 | 2 | 3 | 4 | null; representative_since?: string | null } = {},
): Promise<{ id: number; short_name: string; name: string }> {
  counter += 1;
  const kind = options.kind ?? 'entity';
  const short_name = options.short_name ?? `ORG${counter}-${Math.random().toString(36).slice(2, 7)}`;
  const name = options.name ?? `Organització ${short_name}`;
  const row = await app.services.database.db
    .insertInto('organisations')
    .values({
      short_name,
      name,
      kind,
      level: kind === 'administration' ? null : (options.level === undefined ? 2 : options.level),
      representative_since: options.representative_since === undefined ? (kind === 'entity' ? '2020-01-01' : null) : options.representative_since,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: Number(row.id), short_name, name };
}

/** A working group (active, open, levels 1–3 unless told) under the plenary. */
export async function makeWorkingGroup(
  app: TestApp,
  options: { slug?: string; state?: 'proposed' | 'active' | 'closing' | 'closed' | 'declined'; allowed_colleges?: College[]; allowed_levels?: number[] } = {},
): Promise<{ id: number; slug: string }> {
  counter += 1;
  const slug = options.slug ?? `grup-${counter}-${Math.random().toString(36).slice(2, 7)}`;
  const row = await app.services.database.db
    .insertInto('bodies')
    .values({
      slug,
      kind: 'working_group',
      parent_id: PLENARY.id,
      name: JSON.stringify({ ca: `Grup ${slug}`, es: `Grupo ${slug}`, en: `Group ${slug}` }),
      state: options.state ?? 'active',
      starts_on: '2024-01-01',
      sunset_on: '2099-12-31',
      open: true,
      allowed_colleges: options.allowed_colleges ?? [],
      allowed_levels: options.allowed_levels ?? [1, 2, 3],
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: Number(row.id), slug };
}

/** A mandate straight in the database, without the rules (to set up a state to test against). */
export function seat(
  app: TestApp,
  values: { body_id: number; person_id: number; organisation_id?: number | null; college?: College; role?: MandateRole; starts_on?: string; ends_on?: string | null },
): Promise<number> {
  return insertMandate(app.services.database.db, { ...values, starts_on: values.starts_on ?? '2024-01-01' });
}
