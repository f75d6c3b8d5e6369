/**
 * People as the space sees them: the public profile (a name and the mandates held, never an
 * e-mail, phone or gender), the search the secretariat uses to pick someone for a mandate, a
 * person's active mandates for "My space" and `/me`, and the mandates in "download my data".
 */
import { sql } from 'kysely';
import type { Queryable } from '../../db/types.js';
import { AppError } from '../../kernel/errors.js';
import type { Translatable } from '../../kernel/i18n/translatable.js';
import { spaceToday } from './membership.js';
import { foldedContains, selectMandateViews, toMandateView, type MandateView } from './mandates-store.js';
import type { BodyKind } from './tables.js';

/** A person's mandate with the body it is held in. */
export interface PersonMandate extends MandateView {
  body_slug: string;
  body_kind: BodyKind;
  body_name: Translatable;
}

export interface PublicProfile {
  person: { id: number; name: string };
  /** Held today, or starting later: not ended. Newest first. */
  current: PersonMandate[];
  /** Ended. Most recently started first. */
  past: PersonMandate[];
  /** Every organisation the person has sat for, current or past, by short name. */
  organisations: Array<{ id: number; short_name: string; name: string }>;
}

function personMandates(db: Queryable) {
  return selectMandateViews(db)
    .innerJoin('bodies as b', 'b.id', 'm.body_id')
    .select(['b.slug as body_slug', 'b.kind as body_kind', 'b.name as body_name']);
}

/**
 * The public profile of a person: two queries whatever the number of mandates. 404 for an
 * unknown or deleted account, and for someone who has never held a mandate: the space publishes
 * the names of people who act in its bodies, not the list of its accounts. A disabled person's
 * record still shows (mandates are public record).
 */
export async function publicProfile(db: Queryable, personId: number, today: string = spaceToday()): Promise<PublicProfile> {
  const person = await db.selectFrom('users').select(['id', 'name', 'status']).where('id', '=', personId).executeTakeFirst();
  if (!person || person.status === 'deleted') throw new AppError('not_found');
  const rows = await personMandates(db)
    .where('m.person_id', '=', personId)
    .orderBy('m.starts_on', 'desc')
    .orderBy('m.id', 'desc')
    .execute();
  const mandates = rows.map(toMandateView);
  if (mandates.length === 0) throw new AppError('not_found');
  const organisations = new Map<number, { id: number; short_name: string; name: string }>();
  for (const m of mandates) {
    if (m.organisation_id !== null && m.organisation_short_name !== null) {
      organisations.set(m.organisation_id, { id: m.organisation_id, short_name: m.organisation_short_name, name: m.organisation_name ?? m.organisation_short_name });
    }
  }
  return {
    person: { id: Number(person.id), name: person.name },
    current: mandates.filter((m) => m.ends_on === null || m.ends_on > today),
    past: mandates.filter((m) => m.ends_on !== null && m.ends_on <= today),
    organisations: [...organisations.values()].sort((a, b) => a.short_name.localeCompare(b.short_name, 'ca')),
  };
}

/** The person's mandates active on `on` (default today), plenary first; one query. */
export async function activeMandatesOf(db: Queryable, personId: number, on: string = spaceToday()): Promise<PersonMandate[]> {
  const rows = await personMandates(db)
    .where('m.person_id', '=', personId)
    .where('m.starts_on', '<=', sql<string>`${on}::date`)
    .where((eb) => eb.or([eb('m.ends_on', 'is', null), eb('m.ends_on', '>', sql<string>`${on}::date`)]))
    .orderBy(sql`array_position(ARRAY['plenary', 'steering', 'working_group']::text[], b.kind)`)
    .orderBy(sql`lower(b.name->>'ca')`)
    .orderBy('m.id')
    .execute();
  return rows.map(toMandateView);
}

/** Every mandate the person has held, for "download my data"; one query. */
export async function mandatesPersonalData(db: Queryable, userId: number): Promise<Record<string, unknown>> {
  const rows = await personMandates(db).where('m.person_id', '=', userId).orderBy('m.starts_on').orderBy('m.id').execute();
  return {
    mandates: rows.map(toMandateView).map((m) => ({
      body: { id: m.body_id, slug: m.body_slug, name: m.body_name },
      organisation: m.organisation_id === null ? null : { id: m.organisation_id, short_name: m.organisation_short_name, name: m.organisation_name },
      college: m.college,
      role: m.role,
      starts_on: m.starts_on,
      ends_on: m.ends_on,
      end_reason: m.end_reason,
    })),
  };
}

/** A person the secretariat may pick for a mandate, with the organisations they sit for now. */
export interface PersonCandidate {
  id: number;
  name: string;
  organisations: string[];
}

/** How many people the search shows at most: enough to pick from, a nudge to type more. */
export const CANDIDATES_SHOWN = 20;

/**
 * Active people whose name contains the words typed (accents and case ignored), or whose e-mail
 * is exactly the one typed; by name, at most `CANDIDATES_SHOWN` + 1 (the extra one says "there
 * are more"). E-mails are matched whole only, so the search cannot be used to read them letter
 * by letter, and are never shown. One query.
 */
export async function searchCandidates(db: Queryable, query: string, today: string = spaceToday()): Promise<PersonCandidate[]> {
  const q = query.trim();
  if (q === '') return [];
  const rows = await db
    .selectFrom('users as u')
    .select(['u.id', 'u.name'])
    .select(sql<string[] | null>`(SELECT array_agg(DISTINCT o.short_name ORDER BY o.short_name) FROM mandates m
      JOIN organisations o ON o.id = m.organisation_id
      WHERE m.person_id = u.id AND m.starts_on <= ${today}::date AND (m.ends_on IS NULL OR m.ends_on > ${today}::date))`.as('organisations'))
    .where('u.status', '=', 'active')
    .where((eb) =>
      q.includes('@')
        ? eb(sql`lower(u.email)`, '=', q.toLowerCase())
        : eb(sql`teixit_fold(u.name)`, 'like', foldedContains(q)),
    )
    .orderBy(sql`lower(u.name)`)
    .orderBy('u.id')
    .limit(CANDIDATES_SHOWN + 1)
    .execute();
  return rows.map((row) => ({ id: Number(row.id), name: row.name, organisations: row.organisations ?? [] }));
}


/** The person a mandate form is for, when they can hold one (active); else undefined. */
export async function findCandidate(db: Queryable, personId: number): Promise<{ id: number; name: string } | undefined> {
  const row = await db.selectFrom('users').select(['id', 'name']).where('id', '=', personId).where('status', '=', 'active').executeTakeFirst();
  return row ? { id: Number(row.id), name: row.name } : undefined;
}
