/**
 * SQL of agreements (acords) and their action items: the register (the whole space's or one
 * body's) in one query whatever its size, one agreement with its meeting and agenda item, the
 * action items of many agreements at once, and the numbering (per body and year, under the
 * body's row lock so two secretaries never take the same number).
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Queryable, Trx } from '../../db/types.js';
import type { Translatable } from '../../kernel/i18n/translatable.js';
import type { BodyKind } from '../bodies/tables.js';
import type { ActionState, AgreementMethod, MinutesState, VoteResult } from './tables.js';

const int = (value: unknown): number => Number(value);
const intOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

/** Which bodies' agreements a reader sees: every body (administrators, the secretariat) or the public ones plus these. */
export type AgreementVisibility = { all: true } | { all: false; bodyIds: readonly number[] };

/** SQL: are the meetings of the body `b` public (its own setting, or its kind's default)? */
export const bodyMeetingsPublic = sql<boolean>`coalesce(b.meetings_public, b.kind <> 'working_group')`;

/** SQL condition: the body `b` is one the reader sees. */
export function visibleBody(visibility: AgreementVisibility): Expression<SqlBool> {
  if (visibility.all) return sql<SqlBool>`true`;
  if (visibility.bodyIds.length === 0) return sql<SqlBool>`${bodyMeetingsPublic}`;
  return sql<SqlBool>`(${bodyMeetingsPublic} OR b.id IN (${sql.join(visibility.bodyIds.map((id) => sql`${id}`))}))`;
}

export interface AgreementRow {
  id: number;
  body_id: number;
  body_slug: string;
  body_kind: BodyKind;
  body_name: Translatable;
  meeting_id: number;
  meeting_title: Translatable;
  meeting_starts_at: Date;
  minutes_state: MinutesState;
  agenda_item_id: number;
  agenda_item_title: Translatable;
  agenda_item_position: number;
  year: number;
  number: number;
  text: Translatable;
  method: AgreementMethod;
  result: VoteResult | null;
  adopted_on: string;
  created_at: Date;
  updated_at: Date;
}

function agreementQuery(db: Queryable) {
  return db
    .selectFrom('agreements as a')
    .innerJoin('bodies as b', 'b.id', 'a.body_id')
    .innerJoin('meetings as m', 'm.id', 'a.meeting_id')
    .innerJoin('agenda_items as i', 'i.id', 'a.agenda_item_id')
    .select([
      'a.id',
      'a.body_id',
      'b.slug as body_slug',
      'b.kind as body_kind',
      'b.name as body_name',
      'a.meeting_id',
      'm.title as meeting_title',
      'm.starts_at as meeting_starts_at',
      'm.minutes_state',
      'a.agenda_item_id',
      'i.title as agenda_item_title',
      'i.position as agenda_item_position',
      'a.year',
      'a.number',
      'a.text',
      'a.method',
      'a.result',
      'a.adopted_on',
      'a.created_at',
      'a.updated_at',
    ]);
}

type RawAgreement = Awaited<ReturnType<ReturnType<typeof agreementQuery>['executeTakeFirstOrThrow']>>;

function normaliseAgreement(row: RawAgreement): AgreementRow {
  return {
    ...row,
    id: int(row.id),
    body_id: int(row.body_id),
    meeting_id: int(row.meeting_id),
    agenda_item_id: int(row.agenda_item_id),
    agenda_item_position: int(row.agenda_item_position),
    year: int(row.year),
    number: int(row.number),
  };
}

/** One agreement with its body, meeting and agenda item, or undefined. */
export async function findAgreement(db: Queryable, id: number): Promise<AgreementRow | undefined> {
  const row = await agreementQuery(db).where('a.id', '=', id).executeTakeFirst();
  return row ? normaliseAgreement(row) : undefined;
}

/** The agreements of one meeting, in agenda order then number. */
export async function agreementsOfMeeting(db: Queryable, meetingId: number): Promise<AgreementRow[]> {
  const rows = await agreementQuery(db).where('a.meeting_id', '=', meetingId).orderBy('i.position').orderBy('a.year').orderBy('a.number').execute();
  return rows.map(normaliseAgreement);
}

export interface RegisterFilter {
  /** Words to find in the text (any language, accents and capitals ignored). */
  q?: string | undefined;
  bodyId?: number | undefined;
  meetingId?: number | undefined;
  year?: number | undefined;
  /** Adopted on or after (`YYYY-MM-DD`). */
  from?: string | undefined;
  /** Adopted on or before. */
  to?: string | undefined;
  method?: AgreementMethod | undefined;
  /** The last agreement of the previous page: the page starts after it (newest first). */
  after?: number | undefined;
  limit: number;
  visibility: AgreementVisibility;
  /** Today, for counting overdue action items. */
  today: string;
}

export interface RegisterRow extends AgreementRow {
  open_actions: number;
  overdue_actions: number;
}

/** A LIKE pattern matching `word` anywhere, its wildcards taken literally. */
function containsPattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * One page of the register, newest first (adoption date, then id), with each agreement's open
 * and overdue action items counted: one query, whatever the register's size. Fetches `limit`
 * rows; ask for one more to know whether a next page exists.
 */
export async function registerPage(db: Queryable, filter: RegisterFilter): Promise<RegisterRow[]> {
  let query = agreementQuery(db)
    .select([
      sql<number>`(SELECT count(*) FROM action_items x WHERE x.agreement_id = a.id AND x.state IN ('open', 'in_progress'))::int`.as('open_actions'),
      sql<number>`(SELECT count(*) FROM action_items x WHERE x.agreement_id = a.id AND x.state IN ('open', 'in_progress') AND x.due_on < ${filter.today}::date)::int`.as('overdue_actions'),
    ])
    .where(visibleBody(filter.visibility));
  const words = (filter.q ?? '').split(/\s+/).filter((w) => w !== '').slice(0, 10);
  for (const word of words) query = query.where(sql<SqlBool>`a.search_text LIKE teixit_fold(${containsPattern(word)})`);
  if (filter.bodyId !== undefined) query = query.where('a.body_id', '=', filter.bodyId);
  if (filter.meetingId !== undefined) query = query.where('a.meeting_id', '=', filter.meetingId);
  if (filter.year !== undefined) query = query.where('a.year', '=', filter.year);
  if (filter.from !== undefined) query = query.where('a.adopted_on', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('a.adopted_on', '<=', filter.to);
  if (filter.method !== undefined) query = query.where('a.method', '=', filter.method);
  if (filter.after !== undefined) {
    query = query.where(sql<SqlBool>`(a.adopted_on, a.id) < (SELECT c.adopted_on, c.id FROM agreements c WHERE c.id = ${filter.after})`);
  }
  const rows = await query.orderBy('a.adopted_on', 'desc').orderBy('a.id', 'desc').limit(filter.limit).execute();
  return rows.map((row) => ({ ...normaliseAgreement(row), open_actions: int(row.open_actions), overdue_actions: int(row.overdue_actions) }));
}

/** The bodies whose agreements a reader may filter the register by (those they see), by name. */
export async function registerBodies(db: Queryable, visibility: AgreementVisibility): Promise<Array<{ id: number; slug: string; name: Translatable }>> {
  const rows = await db
    .selectFrom('bodies as b')
    .select(['b.id', 'b.slug', 'b.name'])
    .where(visibleBody(visibility))
    .where((eb) => eb.exists(eb.selectFrom('agreements as a').select('a.id').whereRef('a.body_id', '=', 'b.id')))
    .orderBy('b.id')
    .execute();
  return rows.map((row) => ({ ...row, id: int(row.id) }));
}

export interface ActionItemRow {
  id: number;
  agreement_id: number;
  body_id: number;
  title: string;
  owner_person_id: number | null;
  owner_person_name: string | null;
  owner_organisation_id: number | null;
  owner_organisation_name: string | null;
  due_on: string;
  state: ActionState;
  done_on: string | null;
  reminded: string[];
  created_at: Date;
  updated_at: Date;
}

function actionQuery(db: Queryable) {
  return db
    .selectFrom('action_items as x')
    .leftJoin('users as u', 'u.id', 'x.owner_person_id')
    .leftJoin('organisations as o', 'o.id', 'x.owner_organisation_id')
    .select([
      'x.id',
      'x.agreement_id',
      'x.body_id',
      'x.title',
      'x.owner_person_id',
      'u.name as owner_person_name',
      'x.owner_organisation_id',
      'o.name as owner_organisation_name',
      'x.due_on',
      'x.state',
      'x.done_on',
      'x.reminded',
      'x.created_at',
      'x.updated_at',
    ]);
}

type RawAction = Awaited<ReturnType<ReturnType<typeof actionQuery>['executeTakeFirstOrThrow']>>;

function normaliseAction(row: RawAction): ActionItemRow {
  return {
    ...row,
    id: int(row.id),
    agreement_id: int(row.agreement_id),
    body_id: int(row.body_id),
    owner_person_id: intOrNull(row.owner_person_id),
    owner_organisation_id: intOrNull(row.owner_organisation_id),
  };
}

/** The action items of these agreements, by due date: one query. */
export async function actionItemsOf(db: Queryable, agreementIds: readonly number[]): Promise<ActionItemRow[]> {
  if (agreementIds.length === 0) return [];
  const rows = await actionQuery(db).where('x.agreement_id', 'in', [...agreementIds]).orderBy('x.due_on').orderBy('x.id').execute();
  return rows.map(normaliseAction);
}

/** The action items of one meeting's agreements: one query (empty or not). */
export async function actionItemsOfMeeting(db: Queryable, meetingId: number): Promise<ActionItemRow[]> {
  const rows = await actionQuery(db)
    .innerJoin('agreements as a', 'a.id', 'x.agreement_id')
    .where('a.meeting_id', '=', meetingId)
    .orderBy('x.due_on')
    .orderBy('x.id')
    .execute();
  return rows.map(normaliseAction);
}

/** One action item, or undefined; `forUpdate` locks it. */
export async function findActionItem(db: Queryable, id: number, options: { forUpdate?: boolean } = {}): Promise<ActionItemRow | undefined> {
  let query = actionQuery(db).where('x.id', '=', id);
  if (options.forUpdate) query = query.forUpdate('x');
  const row = await query.executeTakeFirst();
  return row ? normaliseAction(row) : undefined;
}

/** SQL condition on the action item `x`: an active mandate on `today` with the owner organisation. */
function representsOwnerOrganisation(personId: number, today: string) {
  return sql<SqlBool>`x.owner_organisation_id IN (SELECT r.organisation_id FROM mandates r WHERE r.person_id = ${personId} AND r.organisation_id IS NOT NULL AND r.starts_on <= ${today}::date AND (r.ends_on IS NULL OR r.ends_on > ${today}::date))`;
}

export interface OwnActionRow extends ActionItemRow {
  body_slug: string;
  body_name: Translatable;
  agreement_year: number;
  agreement_number: number;
  agreement_text: Translatable;
}

export interface ActionFilter {
  /** Items owned by this person, or by an organisation they represent in an active mandate. */
  ownerPersonId?: number | undefined;
  state?: ActionState | undefined;
  /** Only items still to do (open or in progress). */
  pending?: boolean | undefined;
  /** Only open or in-progress items past their due date. */
  overdue?: boolean | undefined;
  /** Bodies the reader sees (the API's list); omitted: no restriction (the person's own list). */
  visibility?: AgreementVisibility | undefined;
  /** The last item of the previous page (by id, descending). */
  after?: number | undefined;
  /** The order: by due date (the page) or newest id first (the API's cursor). */
  order: 'due' | 'id';
  limit: number;
  today: string;
}

/** Action items with their agreement's number and body, filtered: one query. */
export async function listActionItems(db: Queryable, filter: ActionFilter): Promise<OwnActionRow[]> {
  let query = actionQuery(db)
    .innerJoin('agreements as a', 'a.id', 'x.agreement_id')
    .innerJoin('bodies as b', 'b.id', 'x.body_id')
    .select(['b.slug as body_slug', 'b.name as body_name', 'a.year as agreement_year', 'a.number as agreement_number', 'a.text as agreement_text']);
  if (filter.ownerPersonId !== undefined) {
    const personId = filter.ownerPersonId;
    query = query.where((eb) => eb.or([eb('x.owner_person_id', '=', personId), representsOwnerOrganisation(personId, filter.today)]));
  }
  if (filter.visibility) query = query.where(visibleBody(filter.visibility));
  if (filter.state !== undefined) query = query.where('x.state', '=', filter.state);
  if (filter.pending) query = query.where('x.state', 'in', ['open', 'in_progress']);
  if (filter.overdue) query = query.where('x.state', 'in', ['open', 'in_progress']).where(sql<SqlBool>`x.due_on < ${filter.today}::date`);
  if (filter.after !== undefined) query = query.where('x.id', '<', filter.after);
  query = filter.order === 'due' ? query.orderBy('x.due_on').orderBy('x.id') : query.orderBy('x.id', 'desc');
  const rows = await query.limit(filter.limit).execute();
  return rows.map((row) => ({ ...normaliseAction(row), body_slug: row.body_slug, body_name: row.body_name, agreement_text: row.agreement_text, agreement_year: int(row.agreement_year), agreement_number: int(row.agreement_number) }));
}

/** Who may own an action item of a body: people with an active mandate there, and the organisations those mandates represent. */
export interface BodyOwners {
  people: Map<number, string>;
  organisations: Map<number, string>;
}

/** The body's possible owners on `today`: one query. */
export async function ownersOfBody(db: Queryable, bodyId: number, today: string): Promise<BodyOwners> {
  const rows = await db
    .selectFrom('mandates as md')
    .innerJoin('users as u', 'u.id', 'md.person_id')
    .leftJoin('organisations as o', 'o.id', 'md.organisation_id')
    .select(['md.person_id', 'u.name as person_name', 'md.organisation_id', 'o.name as organisation_name'])
    .where('md.body_id', '=', bodyId)
    .where('md.starts_on', '<=', today)
    .where((eb) => eb.or([eb('md.ends_on', 'is', null), eb('md.ends_on', '>', today)]))
    .orderBy('u.name')
    .execute();
  const owners: BodyOwners = { people: new Map(), organisations: new Map() };
  for (const row of rows) {
    owners.people.set(int(row.person_id), row.person_name);
    if (row.organisation_id !== null) owners.organisations.set(int(row.organisation_id), row.organisation_name ?? '');
  }
  return owners;
}

/** The organisations the person represents in an active mandate on `today` (any body). */
export async function organisationsRepresentedBy(db: Queryable, personId: number, today: string): Promise<Set<number>> {
  const rows = await db
    .selectFrom('mandates')
    .select('organisation_id')
    .distinct()
    .where('person_id', '=', personId)
    .where('organisation_id', 'is not', null)
    .where('starts_on', '<=', today)
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>', today)]))
    .execute();
  return new Set(rows.map((row) => int(row.organisation_id)));
}

/** Locks the body's row (inside a transaction), so its next agreement number is taken once. */
export async function lockBodyForNumbering(trx: Trx, bodyId: number): Promise<void> {
  await trx.selectFrom('bodies').select('id').where('id', '=', bodyId).forUpdate().execute();
}

/** The next number of the body's agreements in `year` (1 for the first); call after `lockBodyForNumbering`. */
export async function nextAgreementNumber(trx: Trx, bodyId: number, year: number): Promise<number> {
  const row = await trx
    .selectFrom('agreements')
    .select(sql<number>`coalesce(max(number), 0)::int + 1`.as('next'))
    .where('body_id', '=', bodyId)
    .where('year', '=', year)
    .executeTakeFirstOrThrow();
  return int(row.next);
}

/** The accent-free text of every language, for the register's search. */
export function searchTextOf(text: Translatable) {
  return sql<string>`teixit_fold(${[text.ca, text.es ?? '', text.en ?? ''].filter((t) => t !== '').join('\n')})`;
}

/** The agenda item with the meeting it belongs to, or undefined. */
export async function findAgendaItem(db: Queryable, id: number): Promise<{ id: number; meeting_id: number; title: Translatable; position: number } | undefined> {
  const row = await db.selectFrom('agenda_items').select(['id', 'meeting_id', 'title', 'position']).where('id', '=', id).executeTakeFirst();
  return row ? { ...row, id: int(row.id), meeting_id: int(row.meeting_id), position: int(row.position) } : undefined;
}

/** The names of these people, by id (named votes). */
export async function personNames(db: Queryable, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((row) => [int(row.id), row.name]));
}

export interface OverdueGroupAction {
  id: number;
  title: string;
  due_on: string;
  owner_name: string | null;
  agreement_id: number;
  agreement_year: number;
  agreement_number: number;
}

export interface OverdueGroup {
  body_id: number;
  slug: string;
  name: Translatable;
  items: OverdueGroupAction[];
}

/**
 * Each working group's overdue action items (open or in progress, due before `today`), for the
 * steering group's page: one query, groups by name order, items by due date.
 */
export async function overdueActionsByGroup(db: Queryable, today: string): Promise<OverdueGroup[]> {
  const rows = await db
    .selectFrom('action_items as x')
    .innerJoin('bodies as b', 'b.id', 'x.body_id')
    .innerJoin('agreements as a', 'a.id', 'x.agreement_id')
    .leftJoin('users as u', 'u.id', 'x.owner_person_id')
    .leftJoin('organisations as o', 'o.id', 'x.owner_organisation_id')
    .select(['x.id', 'x.title', 'x.due_on', 'u.name as person_name', 'o.name as organisation_name', 'x.agreement_id', 'a.year', 'a.number', 'b.id as body_id', 'b.slug', 'b.name'])
    .where('b.kind', '=', 'working_group')
    .where('x.state', 'in', ['open', 'in_progress'])
    .where(sql<SqlBool>`x.due_on < ${today}::date`)
    .orderBy('b.id')
    .orderBy('x.due_on')
    .orderBy('x.id')
    .execute();
  const groups = new Map<number, OverdueGroup>();
  for (const row of rows) {
    const bodyId = int(row.body_id);
    let group = groups.get(bodyId);
    if (!group) {
      group = { body_id: bodyId, slug: row.slug, name: row.name, items: [] };
      groups.set(bodyId, group);
    }
    group.items.push({
      id: int(row.id),
      title: row.title,
      due_on: row.due_on,
      owner_name: row.person_name ?? row.organisation_name ?? null,
      agreement_id: int(row.agreement_id),
      agreement_year: int(row.year),
      agreement_number: int(row.number),
    });
  }
  return [...groups.values()];
}
