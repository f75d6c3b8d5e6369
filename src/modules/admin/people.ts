/**
 * Reading people for the administration: the searchable, paginated list and one person's
 * overview. Each runs a fixed number of queries whatever the number of accounts.
 */
import { z } from 'zod';
import type { Queryable } from '../../db/types.js';
import { AppError } from '../../kernel/errors.js';
import type { Locale } from '../../kernel/i18n/index.js';
import { validate } from '../../kernel/validation.js';
import { findUserById, listLiveSessions, requiresTwoFactor, searchUsers, type UserRow } from '../identity/index.js';

export const PEOPLE_PER_PAGE = 25;
export const GLOBAL_ROLES = ['admin', 'official'] as const;
export const ACCOUNT_STATUSES = ['active', 'disabled', 'deleted'] as const;

/** An empty select or box sends ''; that means "any". */
const blankAsUndefined = (value: unknown) => (value === '' ? undefined : value);

export const peopleQuerySchema = z.object({
  q: z.string().trim().max(200, { error: 'admin.people.filters.query_too_long' }).optional(),
  role: z.preprocess(blankAsUndefined, z.enum(GLOBAL_ROLES, { error: 'admin.people.filters.role_invalid' }).optional()),
  status: z.preprocess(blankAsUndefined, z.enum(ACCOUNT_STATUSES, { error: 'admin.people.filters.status_invalid' }).optional()),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type PeopleQuery = z.output<typeof peopleQuerySchema>;

/** The filters as the form shows them again, also when they did not validate. */
export interface PeopleFilterValues {
  q: string;
  role: string;
  status: string;
}

export interface PeoplePage {
  people: UserRow[];
  total: number;
  page: number;
  totalPages: number;
}

/** Reads the list's filters from the query string; 422 with field messages when one is wrong. */
export function parsePeopleQuery(raw: Record<string, string>, locale: Locale): PeopleQuery {
  return validate(peopleQuerySchema, raw, locale);
}

/** One page of the people list, 25 at a time, by name. */
export async function findPeople(db: Queryable, query: PeopleQuery): Promise<PeoplePage> {
  const filter = { query: query.q || undefined, role: query.role, status: query.status };
  const { rows, total } = await searchUsers(db, filter, (query.page - 1) * PEOPLE_PER_PAGE, PEOPLE_PER_PAGE);
  return { people: rows, total, page: query.page, totalPages: Math.max(1, Math.ceil(total / PEOPLE_PER_PAGE)) };
}

export interface PersonOverview {
  person: UserRow;
  liveSessions: number;
  /** An admin or official who has not set up two-step verification yet. */
  owesTwoFactor: boolean;
  /** Invited, and has not set a password yet. */
  invitationPending: boolean;
}

/** The record id in a path (`/admin/people/12`), or 404 for anything that is not one. */
export function idFromPath(param: string | undefined): number {
  const id = Number(param);
  if (!Number.isSafeInteger(id) || id < 1 || String(id) !== param) throw new AppError('not_found');
  return id;
}

/** One person and the facts the administration shows about them; 404 when there is none. */
export async function personOverview(db: Queryable, id: number): Promise<PersonOverview> {
  const person = await findUserById(db, id);
  if (!person) throw new AppError('not_found');
  const sessions = person.status === 'active' ? await listLiveSessions(db, id) : [];
  return {
    person,
    liveSessions: sessions.length,
    owesTwoFactor: person.status === 'active' && requiresTwoFactor(person) && person.totp_enabled_at === null,
    invitationPending: isInvitationPending(person),
  };
}

/** Invited and not yet accepted: an active account without a password. */
export function isInvitationPending(person: Pick<UserRow, 'status' | 'password_hash'>): boolean {
  return person.status === 'active' && person.password_hash === null;
}
