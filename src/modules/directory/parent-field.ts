/**
 * Choosing an organisation's parents (the federations it belongs to) on its form, without
 * script, however large the directory. With few possible parents (the demo's dozen), the form
 * lists them all as boxes to tick. With more (a space of 5,000 organisations has about 500), the
 * form shows the parents already chosen, ticked so they can be removed, and a box to type
 * another's name or short name: one organisation found is added; several are listed to tick,
 * with the rest of the form kept; none is said so. The link rules (`rules.ts`) judge the result
 * when it is saved, as with ticked boxes. At most three queries, whatever the directory's size.
 */
import type { Queryable } from '../../db/types.js';
import { translate, type Locale } from '../../kernel/i18n/index.js';
import { listOrganisationRefs, listParentOptions, PARENTS_LISTED, searchParentOptions, type OrganisationRef } from './listings.js';
import type { OrganisationFormValues } from './organisation-form.js';

/** The longest name the form searches by (the name box's `maxlength`). */
export const PARENT_NAME_MAX = 200;

export type ParentField =
  /** Every possible parent, as boxes to tick. */
  | { mode: 'list'; options: OrganisationRef[] }
  /**
   * Too many to list: the parents chosen (`chosen`, ticked), what was typed, and the possible
   * parents it matched when it matched several (`matches`; `more` when there are more than listed).
   */
  | { mode: 'search'; chosen: OrganisationRef[]; typed: string; matches: OrganisationRef[]; more: boolean };

export interface ResolvedParents {
  /** The form's values with a parent the typed name found added to `member_of` (and the name then cleared). */
  values: OrganisationFormValues;
  field: ParentField;
  /** Why the typed name added nothing (several matched, or none), in the request's language; for `parent_name`. */
  error?: string;
}

export interface ResolveOptions {
  locale: Locale;
  /** The organisation being changed (never its own parent); null for a new one. */
  editingId: number | null;
  /** Organisations already loaded (an edited one's parents), so naming the chosen ones needs no query. */
  known?: readonly OrganisationRef[];
}

const isId = (value: string) => /^[0-9]{1,15}$/.test(value);

/** `ids` named, in the order the rules list parents (level, then name): from `known` when all are, else one query. */
async function refsOf(db: Queryable, ids: readonly string[], known: readonly OrganisationRef[]): Promise<OrganisationRef[]> {
  const wanted = [...new Set(ids.filter(isId).map(Number))];
  const byId = new Map(known.map((o) => [o.id, o]));
  if (wanted.every((id) => byId.has(id))) {
    const refs = wanted.map((id) => byId.get(id)!);
    return refs.sort((a, b) => (b.level ?? 0) - (a.level ?? 0) || a.name.localeCompare(b.name, 'ca'));
  }
  return listOrganisationRefs(db, wanted);
}

/**
 * The parents field for the form's `values`, and the parent a typed name adds: the possible
 * parents ticked among the matches of an earlier name (`parent_pick`), else the one whose name
 * or short name is exactly what was typed, else the only one containing it. A name matching
 * only parents already chosen adds nothing and is not an error.
 */
export async function resolveParents(db: Queryable, values: OrganisationFormValues, options: ResolveOptions): Promise<ResolvedParents> {
  const cleared = { ...values, parent_name: '', parent_pick: [] };
  const all = await listParentOptions(db);
  if (all.length <= PARENTS_LISTED) return { values: cleared, field: { mode: 'list', options: all } };

  const known = [...(options.known ?? [])];
  const chosenIds = [...values.member_of];
  const add = (ids: readonly string[]) => {
    for (const id of ids) if (!chosenIds.includes(id)) chosenIds.push(id);
  };
  const typed = values.parent_name.trim().slice(0, PARENT_NAME_MAX);
  let unresolved: { typed: string; matches: OrganisationRef[]; more: boolean; error: string } | undefined;

  if (values.parent_pick.length > 0) {
    // The matches of an earlier name, ticked: they answer that name.
    add(values.parent_pick);
  } else if (typed !== '') {
    const found = await searchParentOptions(db, typed, options.editingId);
    const listed = found.slice(0, PARENTS_LISTED);
    const more = found.length > PARENTS_LISTED;
    known.push(...listed);
    const exact = listed.filter((o) => o.exact);
    const fresh = listed.filter((o) => !chosenIds.includes(String(o.id)));
    const only = exact.length === 1 ? exact[0] : fresh.length === 1 && !more ? fresh[0] : undefined;
    if (only) add([String(only.id)]);
    else if (listed.length === 0) {
      unresolved = { typed, matches: [], more: false, error: translate(options.locale, 'directory.form.errors.parent_no_match', { typed }) };
    } else if (fresh.length > 0 || more) {
      unresolved = { typed, matches: fresh, more, error: translate(options.locale, 'directory.form.errors.parent_ambiguous', { typed }) };
    }
  }

  const chosen = await refsOf(db, chosenIds, known);
  if (unresolved) {
    const { error, ...shown } = unresolved;
    return { values: { ...cleared, member_of: chosenIds, parent_name: values.parent_name }, field: { mode: 'search', chosen, ...shown }, error };
  }
  return { values: { ...cleared, member_of: chosenIds }, field: { mode: 'search', chosen, typed: '', matches: [], more: false } };
}
