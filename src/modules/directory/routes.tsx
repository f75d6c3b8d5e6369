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
import {
  filterValuesOf,
  findDirectoryPage,
  loadOrganisationForEdit,
  loadOrganisationPage,
  loadParentOptions,
  organisationIdFromPath,
  parseDirectoryQuery,
} from './directory.js';
import type { DirectoryRow } from './listings.js';
import { EMPTY_FORM, formValuesFrom, formValuesOf, inputOf, type OrganisationFormValues } from './organisation-form.js';
import { createOrganisation, updateOrganisation } from './organisations.js';
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

async function renderForm(c: AppContext, values: OrganisationFormValues, options: { errors?: FieldErrors; status?: 409 | 422; editing?: DirectoryRow } = {}) {
  const parentOptions = await loadParentOptions(db(c));
  return c.html(<OrganisationFormPage ctx={viewContext(c)} values={values} parentOptions={parentOptions} errors={options.errors} editing={options.editing} />, options.status ?? 200);
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
    handler: directoryPage,
  },
  {
    kind: 'page',
    method: 'GET',
    path: '/organisations/new',
    policy: manageOrganisations,
    handler: (c) => renderForm(c, EMPTY_FORM),
  },
  {
    kind: 'page',
    method: 'POST',
    path: '/organisations/new',
    policy: manageOrganisations,
    handler: async (c) => {
      const values = formValuesFrom(await readForm(c));
      try {
        const saved = await createOrganisation(scopeOf(c), inputOf(values));
        setFlash(c, 'success', 'directory.flash.created', { name: saved.name });
        return c.redirect(`/${c.get('locale')}/organisations/${saved.id}`, 303);
      } catch (error) {
        const { status, errors } = formErrorsOf(c, error);
        return renderForm(c, values, { errors, status });
      }
    },
  },
  {
    kind: 'page',
    method: 'GET',
    path: '/organisations/:id{[0-9]+}',
    policy: viewDirectory,
    cacheTags: ['organisations', 'mandates', 'people', 'bodies'],
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
      return renderForm(c, formValuesOf(organisation), { editing: organisation });
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
      const values = formValuesFrom(await readForm(c));
      try {
        const saved = await updateOrganisation(scopeOf(c), { ...inputOf(values), id });
        if (saved.changed) setFlash(c, 'success', 'directory.flash.updated', { name: saved.name });
        else setFlash(c, 'info', 'directory.flash.unchanged');
        return c.redirect(`/${c.get('locale')}/organisations/${id}`, 303);
      } catch (error) {
        const { status, errors } = formErrorsOf(c, error);
        // The title and breadcrumbs name the organisation as stored, not as typed.
        const organisation = await loadOrganisationForEdit(db(c), id);
        return renderForm(c, values, { errors, status, editing: organisation });
      }
    },
  },
];
