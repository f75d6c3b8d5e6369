/**
 * Choosing an organisation on the proposal and join forms, without script, however large the
 * directory. With few entities to choose from (the demo's few dozen), the form lists them all.
 * With more (a space of 5,000), listing them would make a page of hundreds of kilobytes that a
 * phone and a screen reader wade through: the person types the name or short name instead, and
 * the form resolves it — one entity found is chosen; several are listed to pick from, with what
 * was typed kept; none is said so. At most two queries.
 */
import type { Queryable } from '../../db/types.js';
import type { FieldErrors } from '../../kernel/errors.js';
import type { Locale } from '../../kernel/i18n/index.js';
import { translate } from '../../kernel/i18n/index.js';
import { ORGANISATIONS_LISTED, organisationsOfLevels, type OrganisationOption } from './store.js';

/** The longest name the form takes to search by. */
const TYPED_MAX = 200;

export interface OrganisationField {
  /** `list`: every entity in a plain choice; `search`: the person types the name. */
  mode: 'list' | 'search';
  /** All of them (`list`), or those matching what was typed (`search`; none before typing). */
  options: OrganisationOption[];
  /** More matched than are listed. */
  more: boolean;
  /** What the person typed (`search`). */
  typed: string;
}

/** The field for entities of `levels`, with the matches of `typed` when the person must type. */
export async function organisationField(db: Queryable, levels: readonly number[], typed = ''): Promise<OrganisationField> {
  const all = await organisationsOfLevels(db, levels);
  if (all.length <= ORGANISATIONS_LISTED) return { mode: 'list', options: all, more: false, typed: '' };
  const text = typed.trim().slice(0, TYPED_MAX);
  if (text === '') return { mode: 'search', options: [], more: false, typed: '' };
  const matches = await organisationsOfLevels(db, levels, text);
  return { mode: 'search', options: matches.slice(0, ORGANISATIONS_LISTED), more: matches.length > ORGANISATIONS_LISTED, typed: text };
}

export interface ResolvedOrganisation {
  /** The organisation id to give the command ('' for none). */
  id: string;
  field: OrganisationField;
  /** Why the typed name chose nothing (several matched, or none), in the request's language. */
  error?: string;
}

/**
 * The organisation a sent form names: the one picked in the list, else the one entity whose
 * name or short name is what was typed (or the only one containing it). `noMatchKey` says no
 * entity matched, for the form's own wording.
 */
export async function resolveOrganisation(
  db: Queryable,
  levels: readonly number[],
  form: { organisation_id: string; organisation_name: string },
  locale: Locale,
  noMatchKey: string,
): Promise<ResolvedOrganisation> {
  const field = await organisationField(db, levels, form.organisation_name);
  if (form.organisation_id !== '' || field.mode === 'list' || field.typed === '') return { id: form.organisation_id, field };
  const exact = field.options.filter((o) => o.exact);
  const only = exact.length === 1 ? exact[0] : field.options.length === 1 && !field.more ? field.options[0] : undefined;
  if (only) return { id: String(only.id), field };
  const error = field.options.length === 0
    ? translate(locale, noMatchKey, { typed: field.typed })
    : translate(locale, 'workgroups.errors.organisation_ambiguous', { typed: field.typed });
  return { id: '', field, error };
}

/**
 * A refused form's errors placed on the organisation field the page shows: when the person
 * types the name and no list of matches is shown, a message about the organisation goes beside
 * the box; the name that chose nothing (`resolved.error`) says why there.
 */
export function organisationErrors(errors: FieldErrors, resolved: Pick<ResolvedOrganisation, 'field' | 'error'>): FieldErrors {
  const placed: FieldErrors = { ...errors };
  if (resolved.error !== undefined) {
    delete placed.organisation_id;
    placed.organisation_name = resolved.error;
  } else if (resolved.field.mode === 'search' && resolved.field.options.length === 0 && placed.organisation_id !== undefined) {
    placed.organisation_name = placed.organisation_id;
    delete placed.organisation_id;
  }
  return placed;
}
