/**
 * Composition of bodies: who sits, counted by college and by organisation, and the warnings the
 * space's rules ask the secretariat to watch (Barcelona's participation regulation): gender
 * parity, the experts' share, colleges left empty, delegates whose entity lost its recognition.
 * Computed on read, never stored: they follow the mandates and the directory as they change.
 */
import { sql } from 'kysely';
import type { Queryable } from '../../db/types.js';
import type { Translate } from '../../kernel/i18n/index.js';
import { allows, type Actor } from '../../kernel/policy.js';
import { listRunningBodies, type BodyName } from './bodies-store.js';
import { spaceToday, type Standing } from './membership.js';
import { manageMandates } from './policies.js';
import { COLLEGES, type College, type MandateRole } from './tables.js';

export type WarningCode = 'parity' | 'experts' | 'empty_college' | 'lost_representation';

/** A rule breach to show; its message is `mandates.warnings.<code>` with these params. */
export interface CompositionWarning {
  code: WarningCode;
  params: Record<string, string | number>;
}

export interface Composition {
  /** Members: active mandates that hold a seat (every role but `alternate` and `observer`). */
  total: number;
  byCollege: Record<College, number>;
  /** Members sitting for each organisation, by short name. */
  byOrganisation: Array<{ organisation_id: number; short_name: string; name: string; seats: number }>;
  warnings: CompositionWarning[];
}

/** Roles that sit without holding a seat: they are not counted as members. */
export const SEATLESS_ROLES: ReadonlySet<MandateRole> = new Set<MandateRole>(['alternate', 'observer']);

/** Gender parity: no declared gender above this share of the members who declared one. */
export const PARITY_MAX_SHARE = 0.6;
/** Experts: at most this share of the members. */
export const EXPERTS_MAX_SHARE = 1 / 3;

const DECLARED_GENDERS = ['woman', 'man', 'non_binary'] as const;

/**
 * Composition of each body on a day (default today); two queries for any number of bodies.
 * Bodies that do not exist are left out of the map.
 */
export async function compositionOf(db: Queryable, bodyIds: readonly number[], on: string = spaceToday()): Promise<Map<number, Composition>> {
  const result = new Map<number, Composition>();
  if (bodyIds.length === 0) return result;
  const ids = [...new Set(bodyIds)];
  const bodies = await db
    .selectFrom('bodies')
    .select(['id', 'seats_per_entity', 'allowed_colleges'])
    .where('id', 'in', ids)
    .execute();
  // One row per active mandate: bodies hold tens of members, not thousands. Gender is read only
  // to be counted here and never leaves this function.
  const rows = await db
    .selectFrom('mandates as m')
    .innerJoin('users as u', 'u.id', 'm.person_id')
    .leftJoin('organisations as o', 'o.id', 'm.organisation_id')
    .select([
      'm.body_id', 'm.college', 'm.role', 'm.organisation_id', 'u.name as person_name', 'u.gender',
      'o.short_name', 'o.name as organisation_name',
      sql<boolean>`(o.representative_since IS NOT NULL AND o.representative_since <= ${on}::date)`.as('representative'),
    ])
    .where('m.body_id', 'in', ids)
    .where('m.starts_on', '<=', sql<string>`${on}::date`)
    .where((eb) => eb.or([eb('m.ends_on', 'is', null), eb('m.ends_on', '>', sql<string>`${on}::date`)]))
    .orderBy('u.name')
    .execute();

  for (const body of bodies) {
    const id = Number(body.id);
    const mine = rows.filter((row) => Number(row.body_id) === id);
    const members = mine.filter((row) => !SEATLESS_ROLES.has(row.role));
    const byCollege = Object.fromEntries(COLLEGES.map((college) => [college, 0])) as Record<College, number>;
    const organisations = new Map<number, { organisation_id: number; short_name: string; name: string; seats: number }>();
    for (const row of members) {
      byCollege[row.college] += 1;
      if (row.organisation_id !== null && row.short_name !== null) {
        const organisationId = Number(row.organisation_id);
        const entry = organisations.get(organisationId) ??
          { organisation_id: organisationId, short_name: row.short_name, name: row.organisation_name ?? row.short_name, seats: 0 };
        entry.seats += 1;
        organisations.set(organisationId, entry);
      }
    }
    const warnings: CompositionWarning[] = [];

    const genders = { woman: 0, man: 0, non_binary: 0 };
    for (const row of members) {
      if ((DECLARED_GENDERS as readonly (string | null)[]).includes(row.gender)) genders[row.gender as keyof typeof genders] += 1;
    }
    const declared = genders.woman + genders.man + genders.non_binary;
    const largest = Math.max(genders.woman, genders.man, genders.non_binary);
    if (declared > 0 && largest / declared > PARITY_MAX_SHARE) {
      warnings.push({
        code: 'parity',
        params: { declared, women: genders.woman, men: genders.man, non_binary: genders.non_binary, share: Math.round((100 * largest) / declared) },
      });
    }

    if (members.length > 0 && byCollege.expert / members.length > EXPERTS_MAX_SHARE) {
      warnings.push({ code: 'experts', params: { experts: byCollege.expert, total: members.length } });
    }

    // Experts are an optional complement capped at a third, not a constituency the body needs:
    // a body without experts is as the rules want it, so only the other colleges must be filled.
    for (const college of body.allowed_colleges) {
      if (college !== 'expert' && byCollege[college] === 0) warnings.push({ code: 'empty_college', params: { college } });
    }

    // Only bodies that seat representative entities (those with seats per entity) require the
    // recognition; a working group welcomes any organisation of an allowed level.
    if (body.seats_per_entity !== null) {
      for (const row of mine) {
        if (row.college === 'entity' && row.organisation_id !== null && !row.representative) {
          warnings.push({ code: 'lost_representation', params: { person: row.person_name, organisation: row.short_name ?? '' } });
        }
      }
    }

    result.set(id, {
      total: members.length,
      byCollege,
      byOrganisation: [...organisations.values()].sort((a, b) => a.short_name.localeCompare(b.short_name, 'ca')),
      warnings,
    });
  }
  return result;
}

/**
 * Who reads a warning. Those who may manage the body's mandates (`bodies.mandates.manage`) read
 * the counts behind the parity warning; anyone else reads only that the body is beyond 60/40:
 * in a small body, counts of women, men and non-binary members would tell a reader a member's
 * declared gender.
 */
export type WarningAudience = 'managers' | 'public';

/**
 * A warning's message in the request's language (college codes become their names), as the
 * audience may read it.
 * @example warningMessage(t, { code: 'experts', params: { experts: 5, total: 12 } }, 'public')
 */
export function warningMessage(t: Translate, warning: CompositionWarning, audience: WarningAudience): string {
  if (warning.code === 'parity' && audience === 'public') return t('mandates.warnings.parity_public');
  const params = { ...warning.params };
  if (warning.code === 'empty_college' && typeof params.college === 'string') params.college = t(`mandates.colleges.${params.college}`);
  return t(`mandates.warnings.${warning.code}`, params);
}

/** A running body whose composition breaks a rule, with how many warnings it has. */
export type WatchedBody = BodyName & { warnings: number };

/**
 * The running bodies (active or closing) whose mandates this person manages and whose
 * composition has warnings on `on`: any body for admins, officials and the secretariat, their
 * own groups for coordinators. No query for someone with neither a global role nor a mandate;
 * at most three otherwise, whatever the number of bodies.
 */
export async function bodiesToWatch(db: Queryable, actor: Actor, standing: Standing, on: string = spaceToday()): Promise<WatchedBody[]> {
  if (actor.roles.length === 0 && standing.memberOf.size === 0) return [];
  const managed = (await listRunningBodies(db)).filter((body) => allows(manageMandates, actor, { standing, body }));
  if (managed.length === 0) return [];
  const compositions = await compositionOf(db, managed.map((body) => body.id), on);
  return managed
    .map((body) => ({ ...body, warnings: compositions.get(body.id)?.warnings.length ?? 0 }))
    .filter((body) => body.warnings > 0);
}
