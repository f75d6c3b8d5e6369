/**
 * SQL of working groups' lives: the group's row (a `working_group` body), its recorded
 * decisions, who to tell (coordinators, the steering group), the organisations people come
 * from, and the groups due a sunset reminder. Join requests and reports have their own stores
 * (requests-store.ts, reports-store.ts). Every list is read in a fixed number of queries.
 */
import { sql, type Selectable } from 'kysely';
import type { Queryable, Trx } from '../../db/types.js';
import type { Translatable } from '../../kernel/i18n/translatable.js';
import type { BodiesTable, BodyDecisionAction, BodyState, Charter, College } from '../bodies/tables.js';

/** A working group as stored: a `bodies` row of kind `working_group`. */
export type GroupRow = Selectable<BodiesTable>;

const int = (value: unknown): number => Number(value);
const intOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

function normalise(row: GroupRow): GroupRow {
  return { ...row, id: int(row.id), parent_id: intOrNull(row.parent_id), proposed_by: intOrNull(row.proposed_by) };
}

/** A mandate is active on day d when starts_on <= d and (ends_on is null or d < ends_on). */
export function activeOn(alias: string, on: string) {
  return sql<boolean>`(${sql.ref(`${alias}.starts_on`)} <= ${on}::date AND (${sql.ref(`${alias}.ends_on`)} IS NULL OR ${sql.ref(`${alias}.ends_on`)} > ${on}::date))`;
}

// ---- the group ------------------------------------------------------------------------------

/** The working group with this id, or undefined (also for the plenary and the steering group). */
export async function findGroupById(db: Queryable, id: number): Promise<GroupRow | undefined> {
  const row = await db.selectFrom('bodies').selectAll().where('id', '=', id).where('kind', '=', 'working_group').executeTakeFirst();
  return row ? normalise(row) : undefined;
}

/** The working group with this slug, or undefined. */
export async function findGroupBySlug(db: Queryable, slug: string): Promise<GroupRow | undefined> {
  const row = await db.selectFrom('bodies').selectAll().where('slug', '=', slug).where('kind', '=', 'working_group').executeTakeFirst();
  return row ? normalise(row) : undefined;
}

/** The working group's row locked for the rest of the transaction, or undefined. */
export async function lockGroup(trx: Trx, id: number): Promise<GroupRow | undefined> {
  const row = await trx.selectFrom('bodies').selectAll().where('id', '=', id).where('kind', '=', 'working_group').forUpdate().executeTakeFirst();
  return row ? normalise(row) : undefined;
}

/** The plenary's id: working groups hang from it. */
export async function findPlenaryId(db: Queryable): Promise<number | undefined> {
  const row = await db.selectFrom('bodies').select('id').where('kind', '=', 'plenary').orderBy('id').executeTakeFirst();
  return row ? int(row.id) : undefined;
}

/**
 * Serializes the choice of new slugs for the rest of the transaction, so two groups proposed
 * at once with the same name get `name` and `name-2` rather than one failing on the unique key.
 */
export async function lockSlugChoice(trx: Trx): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${7_463_008})`.execute(trx);
}

/** The slugs taken among `base` and `base-<anything>`. */
export async function slugsLike(db: Queryable, base: string): Promise<string[]> {
  const rows = await db
    .selectFrom('bodies')
    .select('slug')
    .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
    .execute();
  return rows.map((r) => r.slug);
}

export interface NewGroup {
  slug: string;
  parent_id: number;
  name: Translatable;
  purpose: Translatable;
  charter: Charter;
  sunset_on: string;
  allowed_levels: number[];
  report_interval_days: number;
  proposed_by: number;
}

/** Inserts a proposed, open working group, last among the plenary's children; returns its row. */
export async function insertGroup(trx: Trx, group: NewGroup): Promise<GroupRow> {
  const row = await trx
    .insertInto('bodies')
    .values({
      slug: group.slug,
      kind: 'working_group',
      parent_id: group.parent_id,
      name: JSON.stringify(group.name),
      purpose: JSON.stringify(group.purpose),
      state: 'proposed',
      sunset_on: group.sunset_on,
      charter: JSON.stringify(group.charter),
      open: true,
      allowed_levels: group.allowed_levels,
      report_interval_days: group.report_interval_days,
      proposed_by: group.proposed_by,
      position: sql<number>`(SELECT coalesce(max(position), 0) + 1 FROM bodies WHERE parent_id = ${group.parent_id})`,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return normalise(row);
}

/** The changes a lifecycle step makes to a group's row. */
export interface GroupChanges {
  state?: BodyState;
  starts_on?: string;
  sunset_on?: string;
  open?: boolean;
  sunset_reminded_for?: string;
}

/** Writes the changes and stamps `updated_at`; returns the row as it now is. */
export async function updateGroup(trx: Trx, id: number, changes: GroupChanges): Promise<GroupRow> {
  const row = await trx
    .updateTable('bodies')
    .set({ ...changes, updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return normalise(row);
}

/** Records the organisation the proposer acts for. */
export async function insertProposalOrganisation(trx: Trx, bodyId: number, organisationId: number): Promise<void> {
  await trx.insertInto('working_group_proposals').values({ body_id: bodyId, organisation_id: organisationId }).execute();
}

/** The organisation the proposer acts for, or null when they proposed as an individual. */
export async function findProposalOrganisation(db: Queryable, bodyId: number): Promise<{ id: number; name: string } | null> {
  const row = await db
    .selectFrom('working_group_proposals as p')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select(['o.id', 'o.name'])
    .where('p.body_id', '=', bodyId)
    .executeTakeFirst();
  return row ? { id: int(row.id), name: row.name } : null;
}

// ---- decisions ------------------------------------------------------------------------------

export interface NewDecision {
  body_id: number;
  action: BodyDecisionAction;
  reason?: string;
  sunset_before?: string | null;
  sunset_after?: string | null;
  decided_by: number | null;
}

/** Records a step of the group's life (proposed, approved, declined, extended, closing, closed). */
export async function insertDecision(trx: Trx, decision: NewDecision): Promise<void> {
  await trx
    .insertInto('body_decisions')
    .values({
      body_id: decision.body_id,
      action: decision.action,
      reason: decision.reason ?? '',
      sunset_before: decision.sunset_before ?? null,
      sunset_after: decision.sunset_after ?? null,
      decided_by: decision.decided_by,
    })
    .execute();
}

// ---- people and organisations ---------------------------------------------------------------

export interface PersonName {
  id: number;
  name: string;
}

/** Names of people by id (public: the names of people acting in the space). */
export async function peopleNames(db: Queryable, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [int(r.id), r.name]));
}

/** The ids of the group's coordinators on `on`. */
export async function coordinatorIds(db: Queryable, bodyId: number, on: string): Promise<number[]> {
  const rows = await db
    .selectFrom('mandates as m')
    .select('m.person_id')
    .distinct()
    .where('m.body_id', '=', bodyId)
    .where('m.role', '=', 'coordinator')
    .where(activeOn('m', on))
    .execute();
  return rows.map((r) => int(r.person_id));
}

/** The ids of the steering group's members on `on` (any role but alternate or observer, as standing counts them). */
export async function steeringMemberIds(db: Queryable, on: string): Promise<number[]> {
  const rows = await db
    .selectFrom('mandates as m')
    .innerJoin('bodies as b', 'b.id', 'm.body_id')
    .select('m.person_id')
    .distinct()
    .where('b.kind', '=', 'steering')
    .where('m.role', 'not in', ['alternate', 'observer'])
    .where(activeOn('m', on))
    .execute();
  return rows.map((r) => int(r.person_id));
}

/**
 * Who answers for the steering group on `on`: its members, or — while it has none, as in a space
 * just set up — the active administrators, who may make its decisions too.
 */
export async function steeringOrAdminIds(db: Queryable, on: string): Promise<number[]> {
  const steering = await steeringMemberIds(db, on);
  if (steering.length > 0) return steering;
  const admins = await db.selectFrom('users').select('id').where(sql<boolean>`'admin' = ANY(roles)`).where('status', '=', 'active').orderBy('id').execute();
  return admins.map((r) => int(r.id));
}

/** Does the person hold an active mandate (any role) in the group on `on`? */
export async function isActiveMember(db: Queryable, bodyId: number, personId: number, on: string): Promise<boolean> {
  const row = await db
    .selectFrom('mandates as m')
    .select('m.id')
    .where('m.body_id', '=', bodyId)
    .where('m.person_id', '=', personId)
    .where(activeOn('m', on))
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Ends every mandate of the group still active on `on`, as of `on` (a mandate that began that
 * very day ends the day after, the first day the table's dates allow). Returns their ids.
 */
export async function endActiveMandates(trx: Trx, bodyId: number, on: string, reason: string): Promise<number[]> {
  const rows = await trx
    .updateTable('mandates as m')
    .set({
      ends_on: sql<string>`greatest(${on}::date, m.starts_on + 1)`,
      end_reason: reason,
      updated_at: new Date(),
    })
    .where('m.body_id', '=', bodyId)
    .where((eb) => eb.or([eb('m.ends_on', 'is', null), eb('m.ends_on', '>', sql<string>`${on}::date`)]))
    .returning('m.id')
    .execute();
  return rows.map((r) => int(r.id));
}

export interface OrganisationOption {
  id: number;
  name: string;
  level: number | null;
  /** Its name or short name is exactly what was typed (accents and case aside). */
  exact?: boolean;
}

/** How many organisations a form lists in a plain choice; with more, the person types the name. */
export const ORGANISATIONS_LISTED = 100;

/** `typed` as a LIKE pattern on folded text: contains it, accents and case aside, wildcards literal. */
function foldedContains(typed: string) {
  const escaped = typed.replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql<string>`'%' || teixit_fold(${escaped}) || '%'`;
}

/**
 * Entities of the given levels — who a person may say they come from — by name, at most
 * `ORGANISATIONS_LISTED` + 1 (the extra one says there are more): all of them, or those whose
 * name or short name contains `typed` (accents and case aside), the exact matches first. One query.
 */
export async function organisationsOfLevels(db: Queryable, levels: readonly number[], typed = ''): Promise<OrganisationOption[]> {
  if (levels.length === 0) return [];
  const q = typed.trim();
  let query = db
    .selectFrom('organisations')
    .select(['id', 'name', 'level', sql<boolean>`${q === '' ? sql`false` : sql`(teixit_fold(name) = teixit_fold(${q}) OR teixit_fold(short_name) = teixit_fold(${q}))`}`.as('exact')])
    .where('kind', '=', 'entity')
    .where(sql<boolean>`level = ANY(${[...levels]}::smallint[])`);
  if (q !== '') {
    const pattern = foldedContains(q);
    query = query.where((eb) => eb.or([eb(sql`teixit_fold(name)`, 'like', pattern), eb(sql`teixit_fold(short_name)`, 'like', pattern)]));
  }
  const rows = await query.orderBy(sql`exact`, 'desc').orderBy(sql`lower(name)`).orderBy('id').limit(ORGANISATIONS_LISTED + 1).execute();
  return rows.map((r) => ({ id: int(r.id), name: r.name, level: intOrNull(r.level), exact: r.exact === true }));
}

/** One organisation, if it exists. */
export async function findOrganisation(db: Queryable, id: number): Promise<OrganisationOption & { kind: string } | undefined> {
  const row = await db.selectFrom('organisations').select(['id', 'name', 'level', 'kind']).where('id', '=', id).executeTakeFirst();
  return row ? { id: int(row.id), name: row.name, level: intOrNull(row.level), kind: row.kind } : undefined;
}

// ---- sunset reminders -----------------------------------------------------------------------

/**
 * Active groups whose sunset falls on or before `until` and whose reminder for that date has
 * not gone out, locked for the rest of the transaction. Rows another process holds are
 * skipped: that process is reminding them.
 */
export async function lockGroupsDueReminder(trx: Trx, until: string): Promise<GroupRow[]> {
  const rows = await trx
    .selectFrom('bodies')
    .selectAll()
    .where('kind', '=', 'working_group')
    .where('state', '=', 'active')
    .where('sunset_on', '<=', sql<string>`${until}::date`)
    .where(sql<boolean>`sunset_reminded_for IS DISTINCT FROM sunset_on`)
    .orderBy('id')
    .forUpdate()
    .skipLocked()
    .execute();
  return rows.map(normalise);
}

/** Coordinators of each of the groups on `on`: body id → person ids. One query. */
export async function coordinatorsOfGroups(db: Queryable, bodyIds: readonly number[], on: string): Promise<Map<number, number[]>> {
  const byGroup = new Map<number, number[]>();
  if (bodyIds.length === 0) return byGroup;
  const rows = await db
    .selectFrom('mandates as m')
    .select(['m.body_id', 'm.person_id'])
    .distinct()
    .where('m.body_id', 'in', [...bodyIds])
    .where('m.role', '=', 'coordinator')
    .where(activeOn('m', on))
    .execute();
  for (const row of rows) {
    const list = byGroup.get(int(row.body_id)) ?? [];
    list.push(int(row.person_id));
    byGroup.set(int(row.body_id), list);
  }
  return byGroup;
}

export type { BodyState, Charter, College };
