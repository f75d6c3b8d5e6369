/**
 * SQL for mandates: reading them with their people's and organisations' public names (lists,
 * API pages, one by id), locking a body while its seats are counted, and the organisations a
 * person may sit for in a body. Each read is one query, whatever the number of rows.
 */
import { sql } from 'kysely';
import type { Queryable } from '../../db/types.js';
import type { Translatable } from '../../kernel/i18n/translatable.js';
import { spaceToday } from './membership.js';
import type { BodyKind, BodyState, College, MandateRole } from './tables.js';

/** A mandate as pages and the API read it: with the person's and the organisation's public names. */
export interface MandateView {
  id: number;
  body_id: number;
  person_id: number;
  person_name: string;
  /** The person deleted their account: their name is a pseudonym and they have no public profile. */
  person_deleted: boolean;
  organisation_id: number | null;
  organisation_short_name: string | null;
  organisation_name: string | null;
  college: College;
  role: MandateRole;
  starts_on: string;
  ends_on: string | null;
  end_reason: string | null;
}

/** The order members are listed in: who leads first (chair, coordinators, secretary…), who stands in last. */
const ROLE_ORDER: readonly MandateRole[] = ['chair', 'coordinator', 'secretary', 'council_liaison', 'member', 'alternate', 'observer'];

/** A body's mandates as its pages list them on a day. */
export interface MandatesInTime {
  /** Held on the day: who leads first, then everyone by name. */
  current: MandateView[];
  /** Starting later: the soonest first. */
  upcoming: MandateView[];
  /** Ended: the most recent first. */
  past: MandateView[];
}

/** Splits mandates into held, upcoming and ended on `today`, each in the order pages list them. */
export function mandatesInTime(mandates: readonly MandateView[], today: string): MandatesInTime {
  const byName = (a: MandateView, b: MandateView) => a.person_name.localeCompare(b.person_name, 'ca');
  return {
    current: mandates
      .filter((m) => m.starts_on <= today && (m.ends_on === null || today < m.ends_on))
      .sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || byName(a, b)),
    upcoming: mandates.filter((m) => m.starts_on > today).sort((a, b) => a.starts_on.localeCompare(b.starts_on) || byName(a, b)),
    past: mandates
      .filter((m) => m.ends_on !== null && m.ends_on <= today)
      .sort((a, b) => (b.ends_on ?? '').localeCompare(a.ends_on ?? '') || byName(a, b)),
  };
}

/** The body as the mandate rules read it (locked while a mandate is added). */
export interface MandateBody {
  id: number;
  slug: string;
  kind: BodyKind;
  state: BodyState;
  name: Translatable;
  seats_per_entity: number | null;
  allowed_colleges: College[];
  allowed_levels: number[];
}

/** The mandate `m` holds on day `on`. */
export function activeOn(on: string) {
  return sql<boolean>`(m.starts_on <= ${on}::date AND (m.ends_on IS NULL OR m.ends_on > ${on}::date))`;
}

/** Mandates with their person's and organisation's public names, ready to filter. */
export function selectMandateViews(db: Queryable) {
  return db
    .selectFrom('mandates as m')
    .innerJoin('users as u', 'u.id', 'm.person_id')
    .leftJoin('organisations as o', 'o.id', 'm.organisation_id')
    .select([
      'm.id', 'm.body_id', 'm.person_id', 'u.name as person_name', sql<boolean>`(u.status = 'deleted')`.as('person_deleted'), 'm.organisation_id',
      'o.short_name as organisation_short_name', 'o.name as organisation_name',
      'm.college', 'm.role', 'm.starts_on', 'm.ends_on', 'm.end_reason',
    ]);
}

/**
 * The mandates of these bodies, one query: those active on `activeOn` (default today), or every
 * mandate — past, current and future — with `includePast`. Newest first within a body.
 */
export async function listMandates(
  db: Queryable,
  bodyIds: readonly number[],
  opts: { activeOn?: string; includePast?: boolean } = {},
): Promise<MandateView[]> {
  if (bodyIds.length === 0) return [];
  let query = selectMandateViews(db)
    .where('m.body_id', 'in', [...new Set(bodyIds)]);
  if (!opts.includePast) query = query.where(activeOn(opts.activeOn ?? spaceToday()));
  const rows = await query.orderBy('m.body_id').orderBy('m.starts_on', 'desc').orderBy('u.name').orderBy('m.id').execute();
  return rows.map(toMandateView);
}

/**
 * One page of a body's mandates by id, for the API: all of them, or only those held (`active`)
 * or not held (`active: false`) on `on`. `limit` rows after `afterId`; one query.
 */
export async function pageMandates(
  db: Queryable,
  bodyId: number,
  opts: { active?: boolean | undefined; on: string; afterId?: number | undefined; limit: number },
): Promise<MandateView[]> {
  let query = selectMandateViews(db)
    .where('m.body_id', '=', bodyId);
  if (opts.active === true) query = query.where(activeOn(opts.on));
  if (opts.active === false) query = query.where(sql<boolean>`NOT ${activeOn(opts.on)}`);
  if (opts.afterId !== undefined) query = query.where('m.id', '>', opts.afterId);
  const rows = await query.orderBy('m.id').limit(opts.limit).execute();
  return rows.map(toMandateView);
}

/** One mandate with its names, or null. */
export async function findMandate(db: Queryable, id: number): Promise<MandateView | null> {
  const row = await selectMandateViews(db)
    .where('m.id', '=', id)
    .executeTakeFirst();
  return row ? toMandateView(row) : null;
}

/** A row of `selectMandateViews` (and of any query extending it) with its ids as numbers. */
export function toMandateView<T extends {
  id: number; body_id: number; person_id: number; person_name: string; person_deleted: boolean; organisation_id: number | null;
  organisation_short_name: string | null; organisation_name: string | null; college: College; role: MandateRole;
  starts_on: string; ends_on: string | null; end_reason: string | null;
}>(row: T): T & MandateView {
  return {
    ...row,
    id: Number(row.id),
    body_id: Number(row.body_id),
    person_id: Number(row.person_id),
    organisation_id: row.organisation_id === null ? null : Number(row.organisation_id),
  };
}

/** Loads the body the mandate rules judge, locking its row so seats are counted one at a time. */
export async function lockMandateBody(db: Queryable, bodyId: number): Promise<MandateBody | null> {
  const row = await db
    .selectFrom('bodies')
    .select(['id', 'slug', 'kind', 'state', 'name', 'seats_per_entity', 'allowed_colleges', 'allowed_levels'])
    .where('id', '=', bodyId)
    .forUpdate()
    .executeTakeFirst();
  return row ? { ...row, id: Number(row.id), allowed_levels: row.allowed_levels.map(Number) } : null;
}

/**
 * A LIKE pattern for "contains these letters", accents and case ignored (compare it with
 * `teixit_fold(column)`); `%` and `_` typed by a person are letters, not wildcards.
 */
export function foldedContains(typed: string) {
  const escaped = typed.replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql<string>`'%' || teixit_fold(${escaped}) || '%'`;
}

/** An organisation a person may sit for in a body. */
export interface EligibleOrganisation {
  id: number;
  short_name: string;
  name: string;
  kind: 'administration' | 'entity';
}

/** How many organisations the form's list holds at most; past that, the form asks to search. */
export const ELIGIBLE_SHOWN = 200;

/**
 * The organisations a person may sit for in this body on `on`: council units when the council
 * college may sit, and entities of an allowed level — representative ones only where the body
 * counts seats per representative entity. Optionally narrowed by a search on the (short) name;
 * by short name, at most `ELIGIBLE_SHOWN` + 1 (the extra one says "there are more"), the one
 * `alsoId` names first (so a choice survives a narrower list). One query.
 */
export async function eligibleOrganisations(
  db: Queryable,
  body: Pick<MandateBody, 'seats_per_entity' | 'allowed_colleges' | 'allowed_levels'>,
  options: { q?: string; on?: string; alsoId?: number | undefined } = {},
): Promise<EligibleOrganisation[]> {
  const on = options.on ?? spaceToday();
  const allows = (college: College) => body.allowed_colleges.length === 0 || body.allowed_colleges.includes(college);
  const q = options.q?.trim() ?? '';
  let query = db
    .selectFrom('organisations')
    .select(['id', 'short_name', 'name', 'kind'])
    .where((eb) => {
      const kinds = [];
      if (allows('council')) kinds.push(eb('kind', '=', 'administration'));
      if (allows('entity')) {
        const entity = [eb('kind', '=', 'entity')];
        if (body.allowed_levels.length > 0) entity.push(eb('level', 'in', body.allowed_levels as (1 | 2 | 3 | 4)[]));
        if (body.seats_per_entity !== null) {
          entity.push(eb('representative_since', 'is not', null), eb('representative_since', '<=', sql<string>`${on}::date`));
        }
        kinds.push(eb.and(entity));
      }
      return kinds.length > 0 ? eb.or(kinds) : sql<boolean>`false`;
    });
  if (q !== '') {
    const pattern = foldedContains(q);
    query = query.where((eb) => {
      const matches = [eb(sql`teixit_fold(name)`, 'like', pattern), eb(sql`teixit_fold(short_name)`, 'like', pattern)];
      // The one already chosen stays in the list whatever the search.
      if (options.alsoId !== undefined) matches.push(eb('id', '=', options.alsoId));
      return eb.or(matches);
    });
  }
  if (options.alsoId !== undefined) query = query.orderBy(sql`id = ${options.alsoId}`, 'desc');
  const rows = await query.orderBy(sql`lower(short_name)`).orderBy('id').limit(ELIGIBLE_SHOWN + 1).execute();
  const list = rows.map((row) => ({ ...row, id: Number(row.id) }));
  // Back in name order (the chosen one was only read first to be sure it fits the limit).
  if (options.alsoId !== undefined) list.sort((a, b) => a.short_name.toLowerCase().localeCompare(b.short_name.toLowerCase()) || a.id - b.id);
  return list;
}
