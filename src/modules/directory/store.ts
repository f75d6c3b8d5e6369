/** SQL for the directory's organisations and their member_of links. */
import { sql } from 'kysely';
import type { Queryable } from '../../db/types.js';
import type { Translatable } from '../../kernel/i18n/translatable.js';
import type { OrganisationKind, OrganisationLevel } from './tables.js';

export interface OrganisationRow {
  id: number;
  name: string;
  short_name: string;
  kind: OrganisationKind;
  level: OrganisationLevel | null;
  families: string[];
  representative_since: string | null;
  district: string | null;
  website: string | null;
  description: Translatable | null;
  external_id: string | null;
  created_at: Date;
  updated_at: Date;
}

/** An organisation with the ids of the organisations it is a member of. */
export type OrganisationWithParents = OrganisationRow & { member_of: number[] };

export interface NewOrganisation {
  name: string;
  short_name: string;
  kind: OrganisationKind;
  level: OrganisationLevel | null;
  families: string[];
  representative_since: string | null;
  district?: string | null;
  website?: string | null;
  description?: Translatable | null;
  external_id?: string | null;
}

/**
 * Inserts the organisations whose short name is not taken yet, in one statement, and leaves
 * the existing ones as they are. Returns the id of every given short name (new or existing).
 */
export async function insertMissingOrganisations(trx: Queryable, organisations: readonly NewOrganisation[]): Promise<Map<string, number>> {
  if (organisations.length === 0) return new Map();
  await trx
    .insertInto('organisations')
    .values(
      organisations.map((o) => ({
        name: o.name,
        short_name: o.short_name,
        kind: o.kind,
        level: o.level,
        families: o.families,
        representative_since: o.representative_since,
        district: o.district ?? null,
        website: o.website ?? null,
        description: o.description ? JSON.stringify(o.description) : null,
        external_id: o.external_id ?? null,
      })),
    )
    .onConflict((oc) => oc.column('short_name').doNothing())
    .execute();
  return findOrganisationIdsByShortName(trx, organisations.map((o) => o.short_name));
}

/** Ids by short name, for the short names that exist. */
export async function findOrganisationIdsByShortName(db: Queryable, shortNames: readonly string[]): Promise<Map<string, number>> {
  if (shortNames.length === 0) return new Map();
  const rows = await db.selectFrom('organisations').select(['id', 'short_name']).where('short_name', 'in', [...new Set(shortNames)]).execute();
  return new Map(rows.map((r) => [r.short_name, Number(r.id)]));
}

/** Adds member_of links that are not there yet, in one statement. */
export async function insertMissingOrganisationLinks(trx: Queryable, links: ReadonlyArray<{ child_id: number; parent_id: number }>): Promise<void> {
  if (links.length === 0) return;
  await trx
    .insertInto('organisation_links')
    .values(links.map((l) => ({ child_id: l.child_id, parent_id: l.parent_id })))
    .onConflict((oc) => oc.columns(['child_id', 'parent_id']).doNothing())
    .execute();
}

/** Every organisation by level (highest first) and name, each with its member_of ids, in one query. */
export async function listOrganisations(db: Queryable): Promise<OrganisationWithParents[]> {
  const rows = await db
    .selectFrom('organisations as o')
    .selectAll('o')
    .select(
      sql<number[]>`coalesce((SELECT array_agg(l.parent_id ORDER BY l.parent_id) FROM organisation_links l WHERE l.child_id = o.id), '{}')`.as('member_of'),
    )
    .orderBy(sql`o.level DESC NULLS FIRST`)
    .orderBy(sql`lower(o.name)`)
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id), member_of: r.member_of.map(Number) })) as OrganisationWithParents[];
}
