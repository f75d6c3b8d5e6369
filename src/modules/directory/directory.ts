/**
 * Reading the directory for its pages: the filtered, searchable list of organisations (25 a
 * page), one organisation with its federations, members and people's current mandates, and the
 * organisation the edit form starts from. Each runs a fixed number of queries whatever the sizes.
 */
import { z } from 'zod';
import type { Queryable } from '../../db/types.js';
import { AppError } from '../../kernel/errors.js';
import type { Locale } from '../../kernel/i18n/index.js';
import { validate } from '../../kernel/validation.js';
import {
  findDirectoryRow,
  listActiveMandates,
  listMembers,
  searchOrganisations,
  type DirectoryRow,
  type OrganisationFilter,
  type OrganisationMandate,
  type OrganisationRef,
} from './listings.js';
import { DISTRICTS, FAMILIES, ORGANISATION_KINDS, todayInBarcelona } from './schema.js';
import type { OrganisationLevel } from './tables.js';

export const ORGANISATIONS_PER_PAGE = 25;
export const QUERY_MAX = 200;

/** An empty select or box sends ''; that means "any". */
const blankAsUndefined = (value: unknown) => (value === '' ? undefined : value);

export const directoryQuerySchema = z.object({
  q: z.string().trim().max(QUERY_MAX, { error: 'directory.filters.errors.query_too_long' }).optional(),
  kind: z.preprocess(blankAsUndefined, z.enum(ORGANISATION_KINDS, { error: 'directory.filters.errors.kind_invalid' }).optional()),
  level: z.preprocess(blankAsUndefined, z.enum(['1', '2', '3', '4'], { error: 'directory.filters.errors.level_invalid' }).optional()),
  family: z.preprocess(blankAsUndefined, z.enum(FAMILIES, { error: 'directory.filters.errors.family_invalid' }).optional()),
  district: z.preprocess(blankAsUndefined, z.enum(DISTRICTS, { error: 'directory.filters.errors.district_invalid' }).optional()),
  representative: z.preprocess(blankAsUndefined, z.enum(['yes', 'no'], { error: 'directory.filters.errors.representative_invalid' }).optional()),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type DirectoryQuery = z.output<typeof directoryQuerySchema>;

/** The filters as the form shows them again, also when they did not validate. */
export interface DirectoryFilterValues {
  q: string;
  kind: string;
  level: string;
  family: string;
  district: string;
  representative: string;
}

/** What the query string says, as the filter form shows it back. */
export function filterValuesOf(raw: Record<string, string>): DirectoryFilterValues {
  return {
    q: raw.q ?? '',
    kind: raw.kind ?? '',
    level: raw.level ?? '',
    family: raw.family ?? '',
    district: raw.district ?? '',
    representative: raw.representative ?? '',
  };
}

/** Reads the directory's filters from the query string; 422 with field messages when one is wrong. */
export function parseDirectoryQuery(raw: Record<string, string>, locale: Locale): DirectoryQuery {
  return validate(directoryQuerySchema, raw, locale);
}

export interface DirectoryPage {
  organisations: DirectoryRow[];
  total: number;
  page: number;
  totalPages: number;
}

/** The directory's filters (not its page) as the list queries take them: the page and the CSV export select alike. */
export function organisationFilterOf(query: DirectoryQuery): OrganisationFilter {
  return {
    q: query.q || undefined,
    kind: query.kind,
    level: query.level ? (Number(query.level) as OrganisationLevel) : undefined,
    family: query.family,
    district: query.district,
    representative: query.representative === undefined ? undefined : query.representative === 'yes',
  };
}

/** One page of the directory, 25 organisations at a time, by name. */
export async function findDirectoryPage(db: Queryable, query: DirectoryQuery): Promise<DirectoryPage> {
  const filter = organisationFilterOf(query);
  const { rows, total } = await searchOrganisations(db, filter, (query.page - 1) * ORGANISATIONS_PER_PAGE, ORGANISATIONS_PER_PAGE);
  return { organisations: rows, total, page: query.page, totalPages: Math.max(1, Math.ceil(total / ORGANISATIONS_PER_PAGE)) };
}

/** The record id in a path (`/organisations/12`), or 404 for anything that is not one. */
export function organisationIdFromPath(param: string | undefined): number {
  const id = Number(param);
  if (!Number.isSafeInteger(id) || id < 1 || String(id) !== param) throw new AppError('not_found');
  return id;
}

export interface OrganisationPage {
  organisation: DirectoryRow;
  members: OrganisationRef[];
  mandates: OrganisationMandate[];
}

/** An organisation, its members and its people's mandates today; 404 when there is none. Three queries. */
export async function loadOrganisationPage(db: Queryable, id: number, today = todayInBarcelona()): Promise<OrganisationPage> {
  const organisation = await findDirectoryRow(db, id);
  if (!organisation) throw new AppError('not_found');
  const [members, mandates] = [await listMembers(db, id), await listActiveMandates(db, id, today)];
  return { organisation, members, mandates };
}

/** An organisation for its edit form; 404 when there is none. */
export async function loadOrganisationForEdit(db: Queryable, id: number): Promise<DirectoryRow> {
  const organisation = await findDirectoryRow(db, id);
  if (!organisation) throw new AppError('not_found');
  return organisation;
}
