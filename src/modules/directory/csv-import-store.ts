/**
 * SQL of the CSV import: a fixed number of statements whatever the number of rows. Reads send
 * every value of the file as one array, joined with `unnest` on the indexes; writes send every row as one JSON
 * array (`jsonb_to_recordset`), so 20,000 rows are one INSERT, one UPDATE and two link
 * statements — and never meet PostgreSQL's limit of 65,535 parameters per statement.
 */
import { sql } from 'kysely';
import type { Queryable, Trx } from '../../db/types.js';
import type { Translatable } from '../../kernel/i18n/translatable.js';
import type { LinkCandidate } from './rules.js';
import type { OrganisationColumns } from './store.js';
import type { OrganisationKind, OrganisationLevel } from './tables.js';

/** An organisation as the import compares it with a row: every column the file can set, and its links. */
export interface StoredOrganisation extends LinkCandidate, Omit<OrganisationColumns, keyof LinkCandidate> {
  /** `teixit_fold` of name and short name: how the import tells organisations apart. */
  folded_name: string;
  folded_short_name: string;
  member_of: number[];
}

/** A member_of link between two organisations of the database. */
export interface StoredLink {
  child_id: number;
  parent_id: number;
}

const level = (value: unknown): OrganisationLevel | null => (value === null ? null : (Number(value) as OrganisationLevel));

/**
 * Locks the organisations table against other writers (readers go on) until the transaction
 * ends, so that nothing changes between the import's checks and its writes: the directory's
 * commands wait for it, and it waits for them.
 */
export async function lockOrganisationsTable(trx: Trx): Promise<void> {
  await sql`LOCK TABLE organisations IN EXCLUSIVE MODE`.execute(trx);
}

/** `teixit_fold` of each value, in order: the database's own folding, so both sides fold alike. */
export async function foldAll(db: Queryable, values: readonly string[]): Promise<string[]> {
  if (values.length === 0) return [];
  const result = await sql<{ folded: string }>`
    SELECT teixit_fold(v.value) AS folded FROM unnest(${[...values]}::text[]) WITH ORDINALITY AS v(value, n) ORDER BY v.n`.execute(db);
  return result.rows.map((row) => row.folded);
}

/**
 * The organisations a file can touch or name: those with one of `externalIds`, or whose folded
 * name is one of `foldedNames`, or whose folded short name is one of `foldedShortNames` — each
 * with its member_of ids. One query.
 */
export async function findOrganisationsForImport(
  db: Queryable,
  keys: { externalIds: readonly string[]; foldedNames: readonly string[]; foldedShortNames: readonly string[] },
): Promise<StoredOrganisation[]> {
  const result = await sql<Record<string, unknown>>`
    SELECT o.id, o.name, o.short_name, o.kind, o.level, o.families, o.representative_since::text AS representative_since,
           o.district, o.website, o.description, o.external_id,
           teixit_fold(o.name) AS folded_name, teixit_fold(o.short_name) AS folded_short_name,
           coalesce((SELECT array_agg(l.parent_id ORDER BY l.parent_id) FROM organisation_links l WHERE l.child_id = o.id), '{}') AS member_of
    FROM organisations o
    WHERE o.id IN (
      -- Joins on the unique indexes, not "= ANY(array)", which would compare every organisation
      -- with every value of the file.
      SELECT m.id FROM unnest(${[...keys.externalIds]}::text[]) AS k(value) JOIN organisations m ON m.external_id = k.value
      UNION
      SELECT m.id FROM unnest(${[...keys.foldedNames]}::text[]) AS k(value) JOIN organisations m ON teixit_fold(m.name) = k.value
      UNION
      SELECT m.id FROM unnest(${[...keys.foldedShortNames]}::text[]) AS k(value) JOIN organisations m ON teixit_fold(m.short_name) = k.value
    )`.execute(db);
  return result.rows.map((row) => ({
    id: Number(row.id),
    name: row.name as string,
    short_name: row.short_name as string,
    kind: row.kind as OrganisationKind,
    level: level(row.level),
    families: row.families as string[],
    representative_since: row.representative_since as string | null,
    district: row.district as string | null,
    website: row.website as string | null,
    description: row.description as Translatable | null,
    external_id: row.external_id as string | null,
    folded_name: row.folded_name as string,
    folded_short_name: row.folded_short_name as string,
    member_of: (row.member_of as Array<number | string>).map(Number),
  }));
}

/**
 * The links around `ids`: every link below them (their members, their members' members…) and
 * the links up to their direct parents, each end as the link rules see it. One recursive query;
 * `UNION` ends it even on links that already form a circle.
 */
export async function findLinksAround(db: Queryable, ids: readonly number[]): Promise<Array<{ child: LinkCandidate; parent: LinkCandidate }>> {
  if (ids.length === 0) return [];
  const result = await sql<Record<string, unknown>>`
    WITH RECURSIVE below (child_id, parent_id) AS (
      SELECT l.child_id, l.parent_id FROM unnest(${[...ids]}::bigint[]) AS k(id) JOIN organisation_links l ON l.parent_id = k.id
      UNION
      SELECT l.child_id, l.parent_id FROM organisation_links l JOIN below b ON l.parent_id = b.child_id
    ), around (child_id, parent_id) AS (
      SELECT child_id, parent_id FROM below
      UNION
      SELECT l.child_id, l.parent_id FROM unnest(${[...ids]}::bigint[]) AS k(id) JOIN organisation_links l ON l.child_id = k.id
    )
    SELECT c.id AS c_id, c.name AS c_name, c.short_name AS c_short_name, c.kind AS c_kind, c.level AS c_level,
           p.id AS p_id, p.name AS p_name, p.short_name AS p_short_name, p.kind AS p_kind, p.level AS p_level
    FROM around a JOIN organisations c ON c.id = a.child_id JOIN organisations p ON p.id = a.parent_id`.execute(db);
  const end = (row: Record<string, unknown>, prefix: 'c' | 'p'): LinkCandidate => ({
    id: Number(row[`${prefix}_id`]),
    name: row[`${prefix}_name`] as string,
    short_name: row[`${prefix}_short_name`] as string,
    kind: row[`${prefix}_kind`] as OrganisationKind,
    level: level(row[`${prefix}_level`]),
  });
  return result.rows.map((row) => ({ child: end(row, 'c'), parent: end(row, 'p') }));
}

const RECORD_TYPE = sql`name text, short_name text, kind text, level smallint, families text[], representative_since date,
  district text, website text, description jsonb, external_id text`;

/** Inserts the organisations in one statement; returns the new id of each short name. */
export async function insertOrganisations(trx: Trx, rows: readonly OrganisationColumns[]): Promise<Map<string, number>> {
  if (rows.length === 0) return new Map();
  const result = await sql<{ id: number | string; short_name: string }>`
    INSERT INTO organisations (name, short_name, kind, level, families, representative_since, district, website, description, external_id)
    SELECT x.name, x.short_name, x.kind, x.level, x.families, x.representative_since, x.district, x.website, x.description, x.external_id
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(${RECORD_TYPE})
    RETURNING id, short_name`.execute(trx);
  return new Map(result.rows.map((row) => [row.short_name, Number(row.id)]));
}

/** Overwrites the columns of existing organisations (by id), and their updated_at, in one statement. */
export async function updateOrganisations(trx: Trx, rows: ReadonlyArray<OrganisationColumns & { id: number }>): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    UPDATE organisations o SET
      name = x.name, short_name = x.short_name, kind = x.kind, level = x.level, families = x.families,
      representative_since = x.representative_since, district = x.district, website = x.website,
      description = x.description, external_id = x.external_id, updated_at = now()
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(id bigint, ${RECORD_TYPE})
    WHERE o.id = x.id`.execute(trx);
}

/** Removes these member_of links, in one statement. */
export async function deleteLinks(trx: Trx, links: readonly StoredLink[]): Promise<void> {
  if (links.length === 0) return;
  await sql`
    DELETE FROM organisation_links l
    USING jsonb_to_recordset(${JSON.stringify(links)}::jsonb) AS x(child_id bigint, parent_id bigint)
    WHERE l.child_id = x.child_id AND l.parent_id = x.parent_id`.execute(trx);
}

/** Adds these member_of links (those already there are left), in one statement. */
export async function insertLinks(trx: Trx, links: readonly StoredLink[]): Promise<void> {
  if (links.length === 0) return;
  await sql`
    INSERT INTO organisation_links (child_id, parent_id)
    SELECT x.child_id, x.parent_id FROM jsonb_to_recordset(${JSON.stringify(links)}::jsonb) AS x(child_id bigint, parent_id bigint)
    ON CONFLICT (child_id, parent_id) DO NOTHING`.execute(trx);
}
