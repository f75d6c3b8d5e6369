/**
 * SQL for what the directory lists: the public directory (filters, accent-free search, pages of
 * 25), the API's keyset pages, an organisation's federations and members, its people's current
 * mandates, and the organisations a form offers as parents (all, or those a typed name finds).
 * Each is one query (or two, with a count) whatever the number of rows.
 */
import { sql, type SelectQueryBuilder } from 'kysely';
import type { DB, Queryable } from '../../db/types.js';
import type { Translatable } from '../../kernel/i18n/translatable.js';
import { toOrganisationRow, type OrganisationWithParents } from './store.js';
import type { OrganisationKind, OrganisationLevel } from './tables.js';

/** What the directory and the API filter by; absent means "any". */
export interface OrganisationFilter {
  q?: string | undefined;
  kind?: OrganisationKind | undefined;
  level?: OrganisationLevel | undefined;
  family?: string | undefined;
  district?: string | undefined;
  /** True: recognised as representative; false: not. */
  representative?: boolean | undefined;
}

/** `%` and `_` typed in a search mean themselves, not LIKE's wildcards. */
function likeEscaped(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

type OrganisationsQuery<O> = SelectQueryBuilder<DB & { o: DB['organisations'] }, 'o', O>;

function filtered<O>(query: OrganisationsQuery<O>, filter: OrganisationFilter): OrganisationsQuery<O> {
  let q = query;
  const text = filter.q?.trim();
  if (text) {
    const pattern = `%${likeEscaped(text)}%`;
    q = q.where((eb) =>
      eb.or([
        eb(sql`teixit_fold(o.name)`, 'like', sql`teixit_fold(${pattern}) ESCAPE '\\'`),
        eb(sql`teixit_fold(o.short_name)`, 'like', sql`teixit_fold(${pattern}) ESCAPE '\\'`),
      ]),
    );
  }
  if (filter.kind) q = q.where('o.kind', '=', filter.kind);
  if (filter.level) q = q.where('o.level', '=', filter.level);
  if (filter.family) q = q.where(sql<boolean>`${filter.family} = ANY(o.families)`);
  if (filter.district) q = q.where('o.district', '=', filter.district);
  if (filter.representative === true) q = q.where('o.representative_since', 'is not', null);
  if (filter.representative === false) q = q.where('o.representative_since', 'is', null);
  return q;
}

/** A parent as lists show it: enough for a link and its level. */
export interface OrganisationRef {
  id: number;
  name: string;
  short_name: string;
  kind: OrganisationKind;
  level: OrganisationLevel | null;
}

/** A row of the directory: the organisation, with the short names of the organisations it belongs to. */
export type DirectoryRow = OrganisationWithParents & { parents: OrganisationRef[] };

const parentsColumn = sql<OrganisationRef[]>`coalesce((
  SELECT json_agg(json_build_object('id', p.id, 'name', p.name, 'short_name', p.short_name, 'kind', p.kind, 'level', p.level) ORDER BY p.level DESC, teixit_fold(p.name))
  FROM organisation_links l JOIN organisations p ON p.id = l.parent_id
  WHERE l.child_id = o.id), '[]')`;

function toRef(ref: OrganisationRef): OrganisationRef {
  return { id: Number(ref.id), name: ref.name, short_name: ref.short_name, kind: ref.kind, level: ref.level === null ? null : (Number(ref.level) as OrganisationLevel) };
}

function toDirectoryRow(row: Record<string, unknown> & { parents: OrganisationRef[] }): DirectoryRow {
  const parents = row.parents.map(toRef);
  return { ...toOrganisationRow(row), member_of: parents.map((p) => p.id).sort((a, b) => a - b), parents };
}

/**
 * One page of the directory, by name (accents and capitals aside), and how many match in all:
 * two queries whatever the page.
 */
export async function searchOrganisations(db: Queryable, filter: OrganisationFilter, offset: number, limit: number): Promise<{ rows: DirectoryRow[]; total: number }> {
  const rows = await filtered(db.selectFrom('organisations as o').selectAll('o').select(parentsColumn.as('parents')), filter)
    .orderBy(sql`teixit_fold(o.name)`)
    .orderBy('o.id')
    .offset(offset)
    .limit(limit)
    .execute();
  const count = await filtered(db.selectFrom('organisations as o').select(sql<number>`count(*)::int`.as('total')), filter).executeTakeFirstOrThrow();
  return { rows: rows.map((row) => toDirectoryRow(row as never)), total: Number(count.total) };
}

/**
 * Up to `limit` organisations after the one with id `afterId` (null: from the start), by id: the
 * API's keyset pages, stable while organisations are added. One query.
 */
export async function listOrganisationsAfter(db: Queryable, filter: OrganisationFilter, afterId: number | null, limit: number): Promise<DirectoryRow[]> {
  let query = filtered(db.selectFrom('organisations as o').selectAll('o').select(parentsColumn.as('parents')), filter);
  if (afterId !== null) query = query.where('o.id', '>', afterId);
  const rows = await query.orderBy('o.id').limit(limit).execute();
  return rows.map((row) => toDirectoryRow(row as never));
}

/** One organisation as the directory shows it (with its parents), or undefined. */
export async function findDirectoryRow(db: Queryable, id: number): Promise<DirectoryRow | undefined> {
  const row = await db.selectFrom('organisations as o').selectAll('o').select(parentsColumn.as('parents')).where('o.id', '=', id).executeTakeFirst();
  return row ? toDirectoryRow(row as never) : undefined;
}

/** The organisations directly below `id`, highest level first, then by name. One query. */
export async function listMembers(db: Queryable, id: number): Promise<OrganisationRef[]> {
  const rows = await db
    .selectFrom('organisation_links as l')
    .innerJoin('organisations as o', 'o.id', 'l.child_id')
    .select(['o.id', 'o.name', 'o.short_name', 'o.kind', 'o.level'])
    .where('l.parent_id', '=', id)
    .orderBy(sql`o.level DESC NULLS LAST`)
    .orderBy(sql`teixit_fold(o.name)`)
    .execute();
  return rows.map(toRef);
}

/** A person's seat in a body on behalf of an organisation, as the organisation's page shows it. */
export interface OrganisationMandate {
  id: number;
  person_id: number;
  person_name: string;
  body_slug: string;
  body_name: Translatable;
  role: DB['mandates']['role'];
  college: DB['mandates']['college'];
  starts_on: string;
}

/**
 * The mandates held on behalf of organisation `id` on day `today` (`starts_on <= today` and no
 * end, or an end after today), by body and then person. Deleted accounts keep their pseudonym,
 * as everywhere a past record names them. One query.
 */
export async function listActiveMandates(db: Queryable, id: number, today: string): Promise<OrganisationMandate[]> {
  const rows = await db
    .selectFrom('mandates as m')
    .innerJoin('bodies as b', 'b.id', 'm.body_id')
    .innerJoin('users as u', 'u.id', 'm.person_id')
    .select(['m.id', 'm.person_id', 'u.name as person_name', 'b.slug as body_slug', 'b.name as body_name', 'm.role', 'm.college', 'm.starts_on'])
    .where('m.organisation_id', '=', id)
    .where('m.starts_on', '<=', today)
    .where((eb) => eb.or([eb('m.ends_on', 'is', null), eb('m.ends_on', '>', today)]))
    .orderBy('b.kind')
    .orderBy('b.position')
    .orderBy('b.id')
    .orderBy(sql`teixit_fold(u.name)`)
    .execute();
  return rows.map((row) => ({ ...row, id: Number(row.id), person_id: Number(row.person_id) }));
}

/** How many possible parents the organisation form lists as boxes to tick; with more, the person types a name. */
export const PARENTS_LISTED = 100;

/** Entities of level 2 and above: the only organisations that can be anyone's parent. */
function parentsOnly<O>(query: OrganisationsQuery<O>): OrganisationsQuery<O> {
  return query.where('o.kind', '=', 'entity').where('o.level', '>=', 2);
}

/**
 * The organisations a form may offer as parents: entities of level 2 and above, highest level
 * first, then by name (a level-1 organisation or a council unit is never anyone's parent). At
 * most `PARENTS_LISTED` + 1: the extra one says there are too many to list. One query.
 */
export async function listParentOptions(db: Queryable): Promise<OrganisationRef[]> {
  const rows = await parentsOnly(db.selectFrom('organisations as o').select(['o.id', 'o.name', 'o.short_name', 'o.kind', 'o.level']))
    .orderBy('o.level', 'desc')
    .orderBy(sql`teixit_fold(o.name)`)
    .orderBy('o.id')
    .limit(PARENTS_LISTED + 1)
    .execute();
  return rows.map(toRef);
}

/** A possible parent a typed name found; `exact` when its name or short name is what was typed (accents and capitals aside). */
export type ParentMatch = OrganisationRef & { exact: boolean };

/**
 * The possible parents whose name or short name contains `typed`, accents and capitals aside
 * (the directory search's folding), other than organisation `exceptId`: exact matches first,
 * then by level and name. At most `PARENTS_LISTED` + 1. One query.
 */
export async function searchParentOptions(db: Queryable, typed: string, exceptId: number | null): Promise<ParentMatch[]> {
  const text = typed.trim();
  if (text === '') return [];
  const exact = sql<boolean>`(teixit_fold(o.name) = teixit_fold(${text}) OR teixit_fold(o.short_name) = teixit_fold(${text}))`;
  let query = filtered(parentsOnly(db.selectFrom('organisations as o').select(['o.id', 'o.name', 'o.short_name', 'o.kind', 'o.level', exact.as('exact')])), { q: text });
  if (exceptId !== null) query = query.where('o.id', '<>', exceptId);
  const rows = await query
    .orderBy(sql`exact`, 'desc')
    .orderBy('o.level', 'desc')
    .orderBy(sql`teixit_fold(o.name)`)
    .orderBy('o.id')
    .limit(PARENTS_LISTED + 1)
    .execute();
  return rows.map((row) => ({ ...toRef(row), exact: row.exact === true }));
}

/** The organisations of `ids` that exist, highest level first, then by name. One query. */
export async function listOrganisationRefs(db: Queryable, ids: readonly number[]): Promise<OrganisationRef[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('organisations as o')
    .select(['o.id', 'o.name', 'o.short_name', 'o.kind', 'o.level'])
    .where('o.id', 'in', [...ids])
    .orderBy(sql`o.level DESC NULLS LAST`)
    .orderBy(sql`teixit_fold(o.name)`)
    .orderBy('o.id')
    .execute();
  return rows.map(toRef);
}
