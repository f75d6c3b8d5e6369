/**
 * What an organisation is made of, as input: the fixed lists (kinds, levels, sector families,
 * Barcelona's districts) and the zod schemas the form, the API and the CSV import validate
 * with. Messages are catalog keys of the `directory` namespace.
 */
import { z } from 'zod';
import { todayInSpace } from '../../kernel/i18n/index.js';
import { translatableSchema, type Translatable } from '../../kernel/i18n/translatable.js';
import type { OrganisationKind, OrganisationLevel } from './tables.js';

export const ORGANISATION_KINDS = ['entity', 'administration'] as const satisfies readonly OrganisationKind[];
export const ORGANISATION_LEVELS = [1, 2, 3, 4] as const satisfies readonly OrganisationLevel[];

/**
 * The sector families an organisation can belong to (the ones the space's registry uses); each
 * has a label in `directory.families.<code>`.
 */
export const FAMILIES = [
  'cooperative',
  'mutual',
  'association',
  'foundation',
  'network',
  'solidarity_economy',
  'social_third_sector',
  'insertion_enterprise',
  'special_employment_centre',
  'ethical_finance',
  'community_economy',
  'commons_collaborative_economy',
  'cooperative_hub',
  'public_administration',
] as const;
export type Family = (typeof FAMILIES)[number];

/** Barcelona's ten districts, by their official names' slugs; labels in `directory.districts.<code>`. */
export const DISTRICTS = [
  'ciutat_vella',
  'eixample',
  'sants_montjuic',
  'les_corts',
  'sarria_sant_gervasi',
  'gracia',
  'horta_guinardo',
  'nou_barris',
  'sant_andreu',
  'sant_marti',
] as const;
export type District = (typeof DISTRICTS)[number];

export const NAME_MAX = 200;
export const SHORT_NAME_MAX = 60;
export const WEBSITE_MAX = 500;
export const DESCRIPTION_MAX = 5000;
/** More parents than any organisation of the sector has; a bound on what one request can ask. */
export const MEMBER_OF_MAX = 50;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** No recognition predates the space; this also keeps out years PostgreSQL has no date for (year 0). */
const EARLIEST_DATE = '1900-01-01';

/** True for a real calendar date written `YYYY-MM-DD` (not 2026-02-30). */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * `31/1/2022` (as people write a date here, and as a spreadsheet in Catalan or Spanish saves one)
 * → `2022-01-31`; '' → null; anything else as it is, for the checks to judge. The form's date
 * box sends `YYYY-MM-DD`, but a browser without one sends what was typed, and the messages give
 * `10/03/2022` as the example.
 */
export function isoDateOf(text: string): string | null {
  if (text === '') return null;
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (!dmy) return text;
  const [, day = '', month = '', year = ''] = dmy;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** Today's date in Barcelona, `YYYY-MM-DD`. */
export function todayInBarcelona(now: Date = new Date()): string {
  return todayInSpace(now);
}

/** True for an absolute http(s) address a browser can open, without spaces. */
export function isWebAddress(value: string): boolean {
  if (!/^https?:\/\/\S+$/i.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

/** Families in the order of `FAMILIES`, once each; codes outside the list (older data) last. */
export function orderedFamilies(families: readonly string[]): string[] {
  const known = FAMILIES.filter((family) => families.includes(family));
  const unknown = families.filter((family, index) => !(FAMILIES as readonly string[]).includes(family) && families.indexOf(family) === index);
  return [...known, ...unknown];
}

/** A translatable text without its empty translations; null when even Catalan is empty. */
export function compactTranslatable(value: { ca?: unknown; es?: unknown; en?: unknown } | null | undefined): Translatable | null {
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
  const ca = text(value?.ca);
  if (!ca) return null;
  const es = text(value?.es);
  const en = text(value?.en);
  return { ca, ...(es ? { es } : {}), ...(en ? { en } : {}) };
}

/** '' and null mean "none"; anything else is left for the schema to judge. */
const blankAsNull = (value: unknown) => (value === '' || value === undefined ? null : value);
/** A form sends no value, one, or several for a list. */
const asList = (value: unknown) => (value === undefined || value === null || value === '' ? [] : Array.isArray(value) ? value : [value]);

const name = z
  .string({ error: 'directory.form.errors.name_required' })
  .trim()
  .min(1, { error: 'directory.form.errors.name_required' })
  .max(NAME_MAX, { error: 'directory.form.errors.name_too_long' });

const shortName = z
  .string({ error: 'directory.form.errors.short_name_required' })
  .trim()
  .min(1, { error: 'directory.form.errors.short_name_required' })
  .max(SHORT_NAME_MAX, { error: 'directory.form.errors.short_name_too_long' });

const kind = z.enum(ORGANISATION_KINDS, { error: 'directory.form.errors.kind_invalid' });

const level = z.preprocess(
  blankAsNull,
  z.coerce
    .number({ error: 'directory.form.errors.level_invalid' })
    .int({ error: 'directory.form.errors.level_invalid' })
    .min(1, { error: 'directory.form.errors.level_invalid' })
    .max(4, { error: 'directory.form.errors.level_invalid' })
    .transform((n) => n as OrganisationLevel)
    .nullable(),
);

const families = z.preprocess(
  asList,
  z
    .array(z.enum(FAMILIES, { error: 'directory.form.errors.family_invalid' }), { error: 'directory.form.errors.family_invalid' })
    .max(FAMILIES.length, { error: 'directory.form.errors.family_invalid' })
    .transform(orderedFamilies),
);

const memberOf = z.preprocess(
  asList,
  z
    .array(
      z
        .union([z.number(), z.string().trim().regex(/^[0-9]{1,15}$/)], { error: 'directory.form.errors.member_of_invalid' })
        .transform(Number)
        .pipe(
          z
            .number({ error: 'directory.form.errors.member_of_invalid' })
            .int({ error: 'directory.form.errors.member_of_invalid' })
            .positive({ error: 'directory.form.errors.member_of_invalid' })
            .max(Number.MAX_SAFE_INTEGER, { error: 'directory.form.errors.member_of_invalid' }),
        ),
      { error: 'directory.form.errors.member_of_invalid' },
    )
    .max(MEMBER_OF_MAX, { error: 'directory.form.errors.member_of_too_many' })
    .transform((ids) => [...new Set(ids)].sort((a, b) => a - b)),
);

const representativeSince = z.preprocess(
  (value) => (typeof value === 'string' ? isoDateOf(value.trim()) : blankAsNull(value)),
  z
    .string({ error: 'directory.form.errors.date_invalid' })
    .refine((date) => isIsoDate(date) && date >= EARLIEST_DATE, { error: 'directory.form.errors.date_invalid' })
    .refine((date) => date <= todayInBarcelona(), { error: 'directory.form.errors.date_future' })
    .nullable(),
);

const district = z.preprocess(blankAsNull, z.enum(DISTRICTS, { error: 'directory.form.errors.district_invalid' }).nullable());

const website = z.preprocess(
  // The scheme in lower case, as browsers write it and the table's check expects.
  (value) => (typeof value === 'string' ? (value.trim() === '' ? null : value.trim().replace(/^https?:/i, (scheme) => scheme.toLowerCase())) : blankAsNull(value)),
  z
    .string({ error: 'directory.form.errors.website_invalid' })
    .max(WEBSITE_MAX, { error: 'directory.form.errors.website_too_long' })
    .refine(isWebAddress, { error: 'directory.form.errors.website_invalid' })
    .nullable(),
);

/** A description with no text in any language is no description. */
const description = z.preprocess(
  (value) => {
    if (value === undefined || value === null || value === '') return null;
    if (typeof value === 'object' && !Array.isArray(value)) {
      const texts = Object.values(value as Record<string, unknown>);
      if (texts.every((text) => text === undefined || text === null || (typeof text === 'string' && text.trim() === ''))) return null;
    }
    return value;
  },
  translatableSchema(DESCRIPTION_MAX)
    .extend({
      ca: z
        .string({ error: 'directory.form.errors.description_ca_required' })
        .trim()
        .min(1, { error: 'directory.form.errors.description_ca_required' })
        .max(DESCRIPTION_MAX, { error: 'directory.form.errors.description_too_long' }),
    })
    .strip()
    .transform((value) => compactTranslatable(value) ?? { ca: value.ca })
    .nullable(),
);

/** Every field of an organisation, as a create command (and the CSV import) takes it. */
export const organisationFieldsSchema = z.object({
  name,
  short_name: shortName,
  kind,
  level: level.default(null),
  families: families.default([]),
  member_of: memberOf.default([]),
  representative_since: representativeSince.default(null),
  district: district.default(null),
  website: website.default(null),
  description: description.default(null),
});
export type OrganisationFields = z.output<typeof organisationFieldsSchema>;

/** The fields a change may carry: any subset of them, the rest staying as they are. */
export const organisationChangesSchema = z.object({
  name: name.optional(),
  short_name: shortName.optional(),
  kind: kind.optional(),
  level: level.optional(),
  families: families.optional(),
  member_of: memberOf.optional(),
  representative_since: representativeSince.optional(),
  district: district.optional(),
  website: website.optional(),
  description: description.optional(),
});
export type OrganisationChanges = z.output<typeof organisationChangesSchema>;

/**
 * The rules between fields, once the whole organisation is known: an entity has a level and a
 * council unit none, and only an entity can be recognised as representative. Field → message
 * key; empty when it all holds.
 */
export function crossFieldProblems(o: Pick<OrganisationFields, 'kind' | 'level' | 'representative_since'>): Record<string, string> {
  const problems: Record<string, string> = {};
  if (o.kind === 'entity' && o.level === null) problems.level = 'directory.form.errors.level_required';
  if (o.kind === 'administration' && o.level !== null) problems.level = 'directory.form.errors.level_not_for_council';
  if (o.kind === 'administration' && o.representative_since !== null) problems.representative_since = 'directory.form.errors.representative_not_for_council';
  return problems;
}
