/**
 * SQL for the directory's organisations and their member_of links: single records, the writes
 * of the commands and the demo seed. The lists (directory, API, an organisation's page) are in
 * `listings.ts`.
 */
import { sql } from 'kysely';
import type { Queryable, Trx } from '../../db/types.js';
import type { Translatable } from '../../kernel/i18n/translatable.js';
import type { LinkCandidate } from './rules.js';
import type { OrganisationKind, OrganisationLevel } from './tables.js';

/** Every stored column of an organisation a person or a file sets. */
export interface OrganisationColumns {
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
}

export interface OrganisationRow extends OrganisationColumns {
  id: number;
  created_at: Date;
  updated_at: Date;
}

/** An organisation with the ids of the organisations it is a member of. */
export type OrganisationWithParents = OrganisationRow & { member_of: number[] };

/** A new organisation: the optional columns may be left out. */
export type NewOrganisation = Omit<OrganisationColumns, OptionalColumn> & Partial<Pick<OrganisationColumns, OptionalColumn>>;
type OptionalColumn = 'district' | 'website' | 'description' | 'external_id';

/**
 * Inserts the organisations whose short name is not taken yet, in one statement, and leaves
 * the existing ones as they are. Returns the id of every given short name (new or existing).
 */
export async function insertMissingOrganisations(trx: Queryable, organisations: readonly NewOrganisation[]): Promise<Map<string, number>> {
  if (organisations.length === 0) return new Map();
  await trx
    .insertInto('organisations')
    .values(organisations.map((o) => ({ ...columnsOf(o), external_id: o.external_id ?? null })))
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

/** The member_of ids of an organisation, as one column of a select. */
const memberOfColumn = sql<number[]>`coalesce((SELECT array_agg(l.parent_id ORDER BY l.parent_id) FROM organisation_links l WHERE l.child_id = o.id), '{}')`;

/** Every organisation by level (highest first) and name, each with its member_of ids, in one query. */
export async function listOrganisations(db: Queryable): Promise<OrganisationWithParents[]> {
  const rows = await db
    .selectFrom('organisations as o')
    .selectAll('o')
    .select(memberOfColumn.as('member_of'))
    .orderBy(sql`o.level DESC NULLS FIRST`)
    .orderBy(sql`lower(o.name)`)
    .execute();
  return rows.map((r) => ({ ...r, id: Number(r.id), member_of: r.member_of.map(Number) })) as OrganisationWithParents[];
}

/** A row as both engines return it, with the types the rest of the module expects. */
export function toOrganisationRow(row: Record<string, unknown>): OrganisationRow {
  return {
    ...(row as unknown as OrganisationRow),
    id: Number(row.id),
    level: row.level === null ? null : (Number(row.level) as OrganisationLevel),
  };
}

/** One organisation with its member_of ids, or undefined. */
export async function findOrganisation(db: Queryable, id: number): Promise<OrganisationWithParents | undefined> {
  const row = await db.selectFrom('organisations as o').selectAll('o').select(memberOfColumn.as('member_of')).where('o.id', '=', id).executeTakeFirst();
  return row ? { ...toOrganisationRow(row), member_of: row.member_of.map(Number) } : undefined;
}

/** Locks an organisation's row for the rest of the transaction and reads it with its member_of ids. */
export async function lockOrganisation(trx: Trx, id: number): Promise<OrganisationWithParents | undefined> {
  const row = await trx.selectFrom('organisations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) return undefined;
  const parents = await trx.selectFrom('organisation_links').select('parent_id').where('child_id', '=', id).orderBy('parent_id').execute();
  return { ...toOrganisationRow(row), member_of: parents.map((p) => Number(p.parent_id)) };
}

/** Any number, so long as no other lock of the application uses it (audit 7_463_002, migrations 7_463_001). */
const DIRECTORY_LINKS_LOCK = 7_463_010;

/**
 * Serialises changes to levels, kinds and member_of links for the rest of the transaction. The
 * link rules read other organisations' levels and links; two writers checking at once could
 * each pass and together break them (one lowers a federation while the other adds a member to
 * it). Every writer of links or levels (the commands, the CSV import) takes it first.
 */
export async function lockDirectoryLinks(trx: Trx): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${DIRECTORY_LINKS_LOCK})`.execute(trx);
}

const candidateColumns = ['o.id', 'o.short_name', 'o.name', 'o.kind', 'o.level'] as const;
const toCandidate = (row: { id: number; short_name: string; name: string; kind: OrganisationKind; level: OrganisationLevel | null }): LinkCandidate => ({
  id: Number(row.id),
  short_name: row.short_name,
  name: row.name,
  kind: row.kind,
  level: row.level === null ? null : (Number(row.level) as OrganisationLevel),
});

/** The organisations of `ids` that exist, as the link rules see them, in the order of `ids`. */
export async function findLinkCandidates(db: Queryable, ids: readonly number[]): Promise<LinkCandidate[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('organisations as o').select(candidateColumns).where('o.id', 'in', [...ids]).execute();
  const byId = new Map(rows.map((row) => [Number(row.id), toCandidate(row)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** The organisations directly below `id` (its members), as the link rules see them. */
export async function findMemberCandidates(db: Queryable, id: number): Promise<LinkCandidate[]> {
  const rows = await db
    .selectFrom('organisation_links as l')
    .innerJoin('organisations as o', 'o.id', 'l.child_id')
    .select(candidateColumns)
    .where('l.parent_id', '=', id)
    .orderBy('o.id')
    .execute();
  return rows.map(toCandidate);
}

/** Which organisation already uses this name or short name (accents and capitals aside), other than `exceptId`. */
export async function findNameClashes(
  db: Queryable,
  names: { name: string; short_name: string },
  exceptId: number | null,
): Promise<{ name: LinkCandidate | undefined; short_name: LinkCandidate | undefined }> {
  let query = db
    .selectFrom('organisations as o')
    .select(candidateColumns)
    .select([
      sql<boolean>`teixit_fold(o.name) = teixit_fold(${names.name})`.as('same_name'),
      sql<boolean>`teixit_fold(o.short_name) = teixit_fold(${names.short_name})`.as('same_short_name'),
    ])
    .where((eb) => eb.or([eb(sql`teixit_fold(o.name)`, '=', sql`teixit_fold(${names.name})`), eb(sql`teixit_fold(o.short_name)`, '=', sql`teixit_fold(${names.short_name})`)]));
  if (exceptId !== null) query = query.where('o.id', '<>', exceptId);
  const rows = await query.execute();
  const name = rows.find((row) => row.same_name);
  const shortName = rows.find((row) => row.same_short_name);
  return { name: name && toCandidate(name), short_name: shortName && toCandidate(shortName) };
}

/** The stored columns of an organisation, as the commands write them. */
export type OrganisationValues = Omit<NewOrganisation, 'external_id'>;

function columnsOf(values: OrganisationValues) {
  return {
    name: values.name,
    short_name: values.short_name,
    kind: values.kind,
    level: values.level,
    families: values.families,
    representative_since: values.representative_since,
    district: values.district ?? null,
    website: values.website ?? null,
    description: values.description ? JSON.stringify(values.description) : null,
  };
}

/** Inserts one organisation; returns its id. */
export async function insertOrganisation(trx: Trx, values: OrganisationValues): Promise<number> {
  const row = await trx.insertInto('organisations').values(columnsOf(values)).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Overwrites an organisation's columns (all of them) and its updated_at. */
export async function updateOrganisationRow(trx: Trx, id: number, values: OrganisationValues): Promise<void> {
  await trx.updateTable('organisations').set({ ...columnsOf(values), updated_at: sql`now()` }).where('id', '=', id).execute();
}

/** Makes `parentIds` the organisation's member_of links: removes the others, adds the missing. */
export async function replaceParents(trx: Trx, childId: number, parentIds: readonly number[]): Promise<void> {
  let removal = trx.deleteFrom('organisation_links').where('child_id', '=', childId);
  if (parentIds.length > 0) removal = removal.where('parent_id', 'not in', [...parentIds]);
  await removal.execute();
  await insertMissingOrganisationLinks(trx, parentIds.map((parent_id) => ({ child_id: childId, parent_id })));
}
