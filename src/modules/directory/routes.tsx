/**
 * HTTP for the directory's pages: the public directory and organisation pages, and the forms
 * that add and change organisations. Thin: reading is in `directory.ts`, writing in
 * `organisations.ts`. Paths take `:id{[0-9]+}` so `/organisations/new`, `/import` and
 * `/export.csv` never reach the organisation routes.
 */
import { isAppError, type FieldErrors } from '../../kernel/errors.js';
import { scopeOf, type AppContext } from '../../kernel/http/env.js';
import { setFlash } from '../../kernel/http/flash.js';
import { readForm } from '../../kernel/http/forms.js';
import type { RouteDef } from '../../kernel/http/module.js';
import { viewContext } from '../../kernel/http/view.js';
import { translate } from '../../kernel/i18n/index.js';
import { allows } from '../../kernel/policy.js';
import { validate } from '../../kernel/validation.js';
import { filterValuesOf, findDirectoryPage, loadOrganisationForEdit, loadOrganisationPage, organisationIdFromPath, parseDirectoryQuery } from './directory.js';
import type { DirectoryRow } from './listings.js';
import { EMPTY_FORM, formValuesFrom, formValuesOf, inputOf, type OrganisationFormValues } from './organisation-form.js';
import { createOrganisation, updateOrganisation } from './organisations.js';
import { resolveParents, type ResolvedParents } from './parent-field.js';
import { crossFieldProblems, organisationFieldsSchema } from './schema.js';
import { importOrganisationsPolicy, manageOrganisations, viewDirectory } from './policies.js';
import { DirectoryPage } from './views/directory.js';
import { OrganisationPage } from './views/organisation.js';
import { OrganisationFormPage } from './views/organisation-form.js';

/** The field a 409 of the commands is about, so the form can show it there. */
const CONFLICT_FIELDS: Record<string, string> = {
  'directory.errors.short_name_taken': 'short_name',
  'directory.errors.name_taken': 'name',
  'directory.errors.name_or_short_name_taken': 'short_name',
};

/**
 * What the form shows for a refused save: the field messages of a 422 (a list's item errors,
 * `member_of.0`, shown on the list), or a 409's message on its field. Other errors are rethrown.
 */
function formErrorsOf(c: AppContext, error: unknown): { status: 409 | 422; errors: FieldErrors } {
  if (isAppError(error, 'validation_failed')) {
    const errors: FieldErrors = {};
    for (const [path, message] of Object.entries(error.fields)) {
      const field = /^(member_of|families)\.\d+$/.test(path) ? (path.split('.')[0] ?? path) : path;
      errors[field] ??= message;
    }
    return { status: 422, errors };
  }
  if (isAppError(error, 'conflict')) {
    const field = CONFLICT_FIELDS[error.messageKey] ?? 'name';
    return { status: 409, errors: { [field]: translate(c.get('locale'), error.messageKey, error.params) } };
  }
  throw error;
}

const db = (c: AppContext) => c.get('services').database.db;

/** The form's fields in page order, so the error summary lists them as the page shows them. */
const FIELD_ORDER = ['name', 'short_name', 'kind', 'level', 'member_of', 'parent_name', 'parent_pick', 'families', 'representative_since', 'district', 'website', 'description', 'description.ca', 'description.es', 'description.en'];

function inPageOrder(errors: FieldErrors): FieldErrors {
  const rank = (field: string) => (FIELD_ORDER.includes(field) ? FIELD_ORDER.indexOf(field) : FIELD_ORDER.length);
  return Object.fromEntries(Object.entries(errors).sort(([a], [b]) => rank(a) - rank(b)));
}

/**
 * What else is wrong with a form whose typed parent name added nothing, so every mistake is
 * said at once: the fields' own checks, without the database's (names in use, link rules),
 * which run when the form is saved.
 */
function otherFormErrors(c: AppContext, values: OrganisationFormValues): FieldErrors {
  try {
    const fields = validate(organisationFieldsSchema, inputOf(values), c.get('locale'));
    const problems = crossFieldProblems(fields);
    return Object.fromEntries(Object.entries(problems).map(([field, key]) => [field, translate(c.get('locale'), key)]));
  } catch (error) {
    return formErrorsOf(c, error).errors;
  }
}

/**
 * The form as `resolved` says (values, and the parents as boxes or as a name to type). With the
 * parents to type and none chosen there is no box for a `member_of` message: it goes beside
 * the name box.
 */
function renderForm(c: AppContext, resolved: ResolvedParents, options: { errors?: FieldErrors; status?: 409 | 422; editing?: DirectoryRow } = {}) {
  let errors = options.errors;
  if (errors?.member_of !== undefined && resolved.field.mode === 'search' && resolved.field.chosen.length === 0) {
    const { member_of: message, ...rest } = errors;
    errors = { ...rest, parent_name: rest.parent_name ?? message };
  }
  const page = <OrganisationFormPage ctx={viewContext(c)} values={resolved.values} parents={resolved.field} errors={errors && inPageOrder(errors)} editing={options.editing} />;
  return c.html(page, options.status ?? 200);
}

/**
 * Saves the form with `save`, or sends it back: first the parent a typed name adds (or, when
 * it adds none, why, with the form's other mistakes, and nothing saved), then the commands' own
 * refusals. `editing` is the stored organisation, for the page's title when it is sent back.
 */
async function saveForm(
  c: AppContext,
  posted: OrganisationFormValues,
  editingId: number | null,
  save: (input: Record<string, unknown>) => Promise<Response>,
  editing: () => Promise<DirectoryRow | undefined>,
) {
  const resolved = await resolveParents(db(c), posted, { locale: c.get('locale'), editingId });
  if (resolved.error !== undefined) {
    const errors = { ...otherFormErrors(c, resolved.values), parent_name: resolved.error };
    return renderForm(c, resolved, { errors, status: 422, editing: await editing() });
  }
  try {
    return await save(inputOf(resolved.values));
  } catch (error) {
    const { status, errors } = formErrorsOf(c, error);
    return renderForm(c, resolved, { errors, status, editing: await editing() });
  }
}

/**
 * The directory for the query string's filters, or (422) the filter form with what is wrong in
 * them: the directory page, and the CSV export's answer to filters it cannot take.
 */
export async function directoryPage(c: AppContext) {
  const ctx = viewContext(c);
  const raw = c.req.query();
  const filters = filterValuesOf(raw);
  const may = { canManage: allows(manageOrganisations, c.get('actor'), undefined), canImport: allows(importOrganisationsPolicy, c.get('actor'), undefined) };
  try {
    const query = parseDirectoryQuery(raw, ctx.locale);
    const result = await findDirectoryPage(db(c), query);
    return c.html(<DirectoryPage ctx={ctx} filters={filters} result={result} {...may} />);
  } catch (error) {
    if (!isAppError(error, 'validation_failed')) throw error;
    return c.html(<DirectoryPage ctx={ctx} filters={filters} errors={error.fields} {...may} />, 422);
  }
}

// Samples: organisation 1 exists only where the demo or a test made it; the route × persona
// test reads a 404 for it as "allowed", and its empty posts are refused before anything changes.
export const directoryRoutes: RouteDef[] = [
  {
    kind: 'page',
    method: 'GET',
    path: '/organisations',
    policy: viewDirectory,
    cacheTags: ['organisations'],
    // Signed in, the same list (with the managers' buttons, from the person's roles).
    signedInCacheTags: ['organisations'],
    handler: directoryPage,
  },
  {
    kind: 'page',
    method: 'GET',
    path: '/organisations/new',
    policy: manageOrganisations,
    handler: async (c) => renderForm(c, await resolveParents(db(c), EMPTY_FORM, { locale: c.get('locale'), editingId: null })),
  },
  {
    kind: 'page',
    method: 'POST',
    path: '/organisations/new',
    policy: manageOrganisations,
    handler: async (c) => {
      const posted = formValuesFrom(await readForm(c));
      const save = async (input: Record<string, unknown>) => {
        const saved = await createOrganisation(scopeOf(c), input);
        setFlash(c, 'success', 'directory.flash.created', { name: saved.name });
        return c.redirect(`/${c.get('locale')}/organisations/${saved.id}`, 303);
      };
      return saveForm(c, posted, null, save, () => Promise.resolve(undefined));
    },
  },
  {
    kind: 'page',
    method: 'GET',
    path: '/organisations/:id{[0-9]+}',
    policy: viewDirectory,
    cacheTags: ['organisations', 'mandates', 'people', 'bodies'],
    signedInCacheTags: ['organisations', 'mandates', 'people', 'bodies'],
    sample: { id: '1' },
    handler: async (c) => {
      const data = await loadOrganisationPage(db(c), organisationIdFromPath(c.req.param('id')));
      const canManage = allows(manageOrganisations, c.get('actor'), undefined);
      return c.html(<OrganisationPage ctx={viewContext(c)} data={data} canManage={canManage} />);
    },
  },
  {
    kind: 'page',
    method: 'GET',
    path: '/organisations/:id{[0-9]+}/edit',
    policy: manageOrganisations,
    sample: { id: '1' },
    handler: async (c) => {
      const organisation = await loadOrganisationForEdit(db(c), organisationIdFromPath(c.req.param('id')));
      const resolved = await resolveParents(db(c), formValuesOf(organisation), { locale: c.get('locale'), editingId: organisation.id, known: organisation.parents });
      return renderForm(c, resolved, { editing: organisation });
    },
  },
  {
    kind: 'page',
    method: 'POST',
    path: '/organisations/:id{[0-9]+}/edit',
    policy: manageOrganisations,
    sample: { id: '1' },
    handler: async (c) => {
      const id = organisationIdFromPath(c.req.param('id'));
      const posted = formValuesFrom(await readForm(c));
      const save = async (input: Record<string, unknown>) => {
        const saved = await updateOrganisation(scopeOf(c), { ...input, id });
        if (saved.changed) setFlash(c, 'success', 'directory.flash.updated', { name: saved.name });
        else setFlash(c, 'info', 'directory.flash.unchanged');
        return c.redirect(`/${c.get('locale')}/organisations/${id}`, 303);
      };
      // The title and breadcrumbs name the organisation as stored, not as typed.
      return saveForm(c, posted, id, save, () => loadOrganisationForEdit(db(c), id));
    },
  },
];
