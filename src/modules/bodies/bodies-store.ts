/**
 * SQL for reading and changing bodies themselves: one by id or slug, the whole tree in one
 * query, a working group's recorded decisions, and the API's filtered, cursor-paged list.
 * Mandates and composition have their own files (mandates.ts, composition.ts).
 */
import { sql, type Selectable, type Updateable } from 'kysely';
import type { Queryable, Trx } from '../../db/types.js';
import type { BodiesTable, BodyDecisionAction, BodyKind, BodyState } from './tables.js';

/** A body as stored (migration 0003): translatable `name`/`purpose`, charter, rules, dates. */
export type BodyRow = Selectable<BodiesTable>;

/** A body in a list, with how many people hold a seat in it on the day asked. */
export type BodyListItem = BodyRow & { members: number };

/** The order bodies are shown in: the plenary, then the steering group, then working groups. */
export const KIND_ORDER: readonly BodyKind[] = ['plenary', 'steering', 'working_group'];
/** Working groups by state: the running ones first, the finished and refused ones last. */
export const STATE_ORDER: readonly BodyState[] = ['active', 'closing', 'proposed', 'closed', 'declined'];

/** A slug is lower-case words joined by single hyphens, at most 80 characters, as the table's check says. */
function isSlug(value: string): boolean {
  return /^[a-z0-9-]{1,80}$/.test(value) && !value.startsWith('-') && !value.endsWith('-') && !value.includes('--');
}
/** A path or API reference that is a body's id rather than its slug. */
const ID = /^[1-9][0-9]{0,14}$/;

function normalise<T extends { id: number; parent_id: number | null; proposed_by: number | null }>(row: T): T {
  return { ...row, id: Number(row.id), parent_id: row.parent_id === null ? null : Number(row.parent_id), proposed_by: row.proposed_by === null ? null : Number(row.proposed_by) };
}

const kindRank = sql<number>`array_position(ARRAY['plenary', 'steering', 'working_group']::text[], b.kind)`;
const stateRank = sql<number>`array_position(ARRAY['active', 'closing', 'proposed', 'closed', 'declined']::text[], b.state)`;

/**
 * People holding a seat in the body on `on`: active mandates, alternates and observers left out
 * (the same count as `compositionOf`'s `total`).
 */
function membersOn(on: string) {
  return sql<number>`(SELECT count(DISTINCT m.person_id)::int FROM mandates m
    WHERE m.body_id = b.id AND m.role NOT IN ('alternate', 'observer')
      AND m.starts_on <= ${on}::date AND (m.ends_on IS NULL OR m.ends_on > ${on}::date))`;
}

/** The body with this id, or undefined. */
export async function findBodyById(db: Queryable, id: number): Promise<BodyRow | undefined> {
  const row = await db.selectFrom('bodies').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? normalise(row) : undefined;
}

/** The body with this slug, or undefined (also for anything that cannot be a slug). */
export async function findBodyBySlug(db: Queryable, slug: string): Promise<BodyRow | undefined> {
  if (!isSlug(slug)) return undefined;
  const row = await db.selectFrom('bodies').selectAll().where('slug', '=', slug).executeTakeFirst();
  return row ? normalise(row) : undefined;
}

/**
 * The body a reference names: digits are an id, anything else a slug (slugs made of digits
 * alone are then reachable by id only). Undefined when there is none.
 */
export async function findBody(db: Queryable, reference: string): Promise<BodyRow | undefined> {
  if (ID.test(reference)) return findBodyById(db, Number(reference));
  return findBodyBySlug(db, reference);
}

/** The body's row locked for the rest of the transaction, or undefined. */
export async function lockBody(trx: Trx, id: number): Promise<BodyRow | undefined> {
  const row = await trx.selectFrom('bodies').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  return row ? normalise(row) : undefined;
}

/** The columns of a body that editing may change. */
export type BodyChanges = Pick<
  Updateable<BodiesTable>,
  'name' | 'purpose' | 'open' | 'seats_per_entity' | 'allowed_colleges' | 'allowed_levels' | 'report_interval_days' | 'charter'
>;

/** Writes the changed columns and stamps `updated_at`; returns the row as it now is. */
export async function updateBodyRow(trx: Trx, id: number, changes: BodyChanges): Promise<BodyRow> {
  const row = await trx
    .updateTable('bodies')
    .set({ ...changes, updated_at: sql`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return normalise(row);
}

/**
 * Every body, in the order the tree shows them (kind, then state, position and Catalan name),
 * each with its members on `on`; one query.
 */
export async function listBodyTree(db: Queryable, on: string): Promise<BodyListItem[]> {
  const rows = await db
    .selectFrom('bodies as b')
    .selectAll('b')
    .select(membersOn(on).as('members'))
    .orderBy(kindRank)
    .orderBy(stateRank)
    .orderBy('b.position')
    .orderBy(sql`lower(b.name->>'ca')`)
    .orderBy('b.id')
    .execute();
  return rows.map((row) => ({ ...normalise(row), members: Number(row.members) }));
}

/**
 * The working groups below a body (its children, and its children's children: a group may hang
 * from the steering group), in tree order, each with its members on `on`; one query.
 */
export async function listWorkingGroupsUnder(db: Queryable, bodyId: number, on: string): Promise<BodyListItem[]> {
  const rows = await db
    .selectFrom('bodies as b')
    .selectAll('b')
    .select(membersOn(on).as('members'))
    .where('b.kind', '=', 'working_group')
    .where((eb) =>
      eb.or([
        eb('b.parent_id', '=', bodyId),
        eb('b.parent_id', 'in', eb.selectFrom('bodies as p').select('p.id').where('p.parent_id', '=', bodyId)),
      ]),
    )
    .orderBy(stateRank)
    .orderBy('b.position')
    .orderBy(sql`lower(b.name->>'ca')`)
    .orderBy('b.id')
    .execute();
  return rows.map((row) => ({ ...normalise(row), members: Number(row.members) }));
}

/** A body as a short list names it. */
export type BodyName = Pick<BodyRow, 'id' | 'slug' | 'kind' | 'name'>;

/** The bodies that are running (active or closing), in tree order; one query. */
export async function listRunningBodies(db: Queryable): Promise<BodyName[]> {
  const rows = await db
    .selectFrom('bodies as b')
    .select(['b.id', 'b.slug', 'b.kind', 'b.name'])
    .where('b.state', 'in', ['active', 'closing'])
    .orderBy(kindRank)
    .orderBy('b.position')
    .orderBy(sql`lower(b.name->>'ca')`)
    .orderBy('b.id')
    .execute();
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
}

/** A recorded decision of a working group's life, with the name of who took it. */
export interface BodyDecisionView {
  id: number;
  action: BodyDecisionAction;
  reason: string;
  sunset_before: string | null;
  sunset_after: string | null;
  decided_by_name: string | null;
  created_at: Date;
}

/** The body's decisions, oldest first; one query. */
export async function listBodyDecisions(db: Queryable, bodyId: number): Promise<BodyDecisionView[]> {
  const rows = await db
    .selectFrom('body_decisions as d')
    .leftJoin('users as u', 'u.id', 'd.decided_by')
    .select(['d.id', 'd.action', 'd.reason', 'd.sunset_before', 'd.sunset_after', 'd.created_at', 'u.name as decided_by_name'])
    .where('d.body_id', '=', bodyId)
    .orderBy('d.created_at')
    .orderBy('d.id')
    .execute();
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
}

export interface BodyListFilters {
  kind?: BodyKind | undefined;
  state?: BodyState | undefined;
  /** The parent's id. */
  parentId?: number | undefined;
  /** Only bodies with a greater id (the cursor). */
  afterId?: number | undefined;
  limit: number;
}

/** Bodies by id, filtered, `limit` of them after the cursor; one query. */
export async function listBodies(db: Queryable, filters: BodyListFilters): Promise<BodyRow[]> {
  let query = db.selectFrom('bodies').selectAll();
  if (filters.kind) query = query.where('kind', '=', filters.kind);
  if (filters.state) query = query.where('state', '=', filters.state);
  if (filters.parentId !== undefined) query = query.where('parent_id', '=', filters.parentId);
  if (filters.afterId !== undefined) query = query.where('id', '>', filters.afterId);
  const rows = await query.orderBy('id').limit(filters.limit).execute();
  return rows.map(normalise);
}
