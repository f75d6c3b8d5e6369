/**
 * The organisation form's values: read from a post, shown again as typed, filled from a stored
 * organisation, and turned into the commands' input.
 */
import type { DirectoryRow } from './listings.js';

/** Every field as the form holds it: text as typed, ticked boxes as lists. */
export interface OrganisationFormValues {
  name: string;
  short_name: string;
  kind: string;
  level: string;
  families: string[];
  member_of: string[];
  /** A parent's name or short name as typed, when there are too many to list (see parent-field.ts). */
  parent_name: string;
  /** The parents ticked among those a typed name matched. */
  parent_pick: string[];
  representative_since: string;
  district: string;
  website: string;
  'description.ca': string;
  'description.es': string;
  'description.en': string;
}

type PostedForm = Record<string, string | string[]>;

const text = (form: PostedForm, name: string): string => {
  const value = form[name];
  return typeof value === 'string' ? value : '';
};
const list = (form: PostedForm, name: string): string[] => {
  const value = form[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
};

/** The values of a posted form. A list with no box ticked is empty: the form always says it all. */
export function formValuesFrom(form: PostedForm): OrganisationFormValues {
  return {
    name: text(form, 'name'),
    short_name: text(form, 'short_name'),
    kind: text(form, 'kind'),
    level: text(form, 'level'),
    families: list(form, 'families'),
    member_of: list(form, 'member_of'),
    parent_name: text(form, 'parent_name'),
    parent_pick: list(form, 'parent_pick'),
    representative_since: text(form, 'representative_since'),
    district: text(form, 'district'),
    website: text(form, 'website'),
    'description.ca': text(form, 'description.ca'),
    'description.es': text(form, 'description.es'),
    'description.en': text(form, 'description.en'),
  };
}

/** A new organisation's form: an entity, nothing else chosen. */
export const EMPTY_FORM: OrganisationFormValues = formValuesFrom({ kind: 'entity' });

/** The form filled with a stored organisation. */
export function formValuesOf(o: DirectoryRow): OrganisationFormValues {
  return {
    name: o.name,
    short_name: o.short_name,
    kind: o.kind,
    level: o.level === null ? '' : String(o.level),
    families: o.families,
    member_of: o.member_of.map(String),
    parent_name: '',
    parent_pick: [],
    representative_since: o.representative_since ?? '',
    district: o.district ?? '',
    website: o.website ?? '',
    'description.ca': o.description?.ca ?? '',
    'description.es': o.description?.es ?? '',
    'description.en': o.description?.en ?? '',
  };
}

/**
 * The commands' input from the form. A council unit has no level: the form's level radios stay
 * on the page whatever the kind (it works without JavaScript), so a level left ticked when
 * choosing "council unit" is dropped rather than refused.
 */
export function inputOf(values: OrganisationFormValues): Record<string, unknown> {
  return {
    name: values.name,
    short_name: values.short_name,
    kind: values.kind,
    level: values.kind === 'administration' ? null : values.level,
    families: values.families,
    member_of: values.member_of,
    representative_since: values.representative_since,
    district: values.district,
    website: values.website,
    description: { ca: values['description.ca'], es: values['description.es'], en: values['description.en'] },
  };
}
