/** HTTP for the bodies' pages: the tree, a body's public page, and editing a body. Thin. */
import { isAppError, type FieldErrors } from '../../kernel/errors.js';
import { scopeOf, type AppContext } from '../../kernel/http/env.js';
import { setFlash } from '../../kernel/http/flash.js';
import { readForm } from '../../kernel/http/forms.js';
import type { RouteDef } from '../../kernel/http/module.js';
import { viewContext } from '../../kernel/http/view.js';
import { pickTranslation } from '../../kernel/i18n/translatable.js';
import { AppError } from '../../kernel/errors.js';
import { publicAccess } from '../../kernel/policy.js';
import { readBodiesOverview, readBodyPage } from './bodies-read.js';
import { findBodyById, findBodyBySlug, type BodyRow } from './bodies-store.js';
import { changesFromForm, isFrozen, updateBody } from './edit-body.js';
import { manageBodies } from './policies.js';
import { BodiesTreePage } from './views/bodies-tree.js';
import { BodyPageView } from './views/body-page.js';
import { EditBodyPage, formFromBody, FrozenBodyPage } from './views/body-edit.js';

/**
 * The command's field errors as the form's fields: a refused box of a checkbox list
 * (`rules.allowed_levels.1`) is the list's error, which the error summary links to.
 */
function formErrors(fields: FieldErrors): FieldErrors {
  const errors: FieldErrors = {};
  for (const [path, message] of Object.entries(fields)) {
    const field = path.replace(/^(rules\.allowed_(?:colleges|levels))\.\d+$/, '$1');
    errors[field] ??= message;
  }
  return errors;
}

async function bodyFromPath(c: AppContext): Promise<BodyRow> {
  const body = await findBodyBySlug(c.get('services').database.db, c.req.param('slug') ?? '');
  if (!body) throw new AppError('not_found');
  return body;
}

export const bodiesPageRoutes: RouteDef[] = [
  {
    kind: 'page',
    method: 'GET',
    path: '/bodies',
    policy: publicAccess,
    cacheTags: ['bodies', 'mandates'],
    // Signed in, also what the person may do, from their mandates.
    signedInCacheTags: ['bodies', 'mandates'],
    handler: async (c) => {
      const overview = await readBodiesOverview(c.get('services').database.db);
      return c.html(<BodiesTreePage ctx={viewContext(c)} overview={overview} />);
    },
  },
  {
    kind: 'page',
    method: 'GET',
    path: '/bodies/:slug',
    policy: publicAccess,
    sample: { slug: 'ambit-participat' },
    // With the sections other modules add (page-sections.ts): its meetings and agreements.
    cacheTags: ['bodies', 'mandates', 'people', 'organisations', 'meetings'],
    // Signed in, also the person's rights here (their mandates), the composition warnings of
    // those who manage it (gender answers: people) and the group's join requests.
    signedInCacheTags: ['bodies', 'mandates', 'people', 'organisations', 'join_requests', 'meetings'],
    handler: async (c) => {
      const db = c.get('services').database.db;
      const reference = c.req.param('slug') ?? '';
      // A body's page also answers at its id (`/ca/bodies/3`, as the API names it), sending the
      // reader on to the address with its slug.
      if (/^[1-9][0-9]{0,14}$/.test(reference) && !(await findBodyBySlug(db, reference))) {
        const body = await findBodyById(db, Number(reference));
        if (body) return c.redirect(`/${c.get('locale')}/bodies/${body.slug}`, 301);
      }
      const page = await readBodyPage(db, reference, c.get('actor'));
      return c.html(<BodyPageView ctx={viewContext(c)} page={page} />);
    },
  },
  {
    kind: 'page',
    method: 'GET',
    path: '/bodies/:slug/edit',
    policy: manageBodies,
    sample: { slug: 'grup-motor' },
    handler: async (c) => {
      const body = await bodyFromPath(c);
      const ctx = viewContext(c);
      if (isFrozen(body)) return c.html(<FrozenBodyPage ctx={ctx} body={body} />, 409);
      return c.html(<EditBodyPage ctx={ctx} body={body} form={formFromBody(body)} />);
    },
  },
  {
    kind: 'page',
    method: 'POST',
    path: '/bodies/:slug/edit',
    policy: manageBodies,
    sample: { slug: 'grup-motor' },
    handler: async (c) => {
      const body = await bodyFromPath(c);
      const form = await readForm(c);
      try {
        const result = await updateBody(scopeOf(c), { ...changesFromForm(form, body.kind), body_id: body.id });
        const name = pickTranslation(result.body.name, c.get('locale')).text;
        if (result.changed) setFlash(c, 'success', 'bodies.edit.saved', { name });
        else setFlash(c, 'info', 'bodies.edit.unchanged');
        return c.redirect(`/${c.get('locale')}/bodies/${body.slug}`, 303);
      } catch (error) {
        const ctx = viewContext(c);
        if (isAppError(error, 'conflict')) return c.html(<FrozenBodyPage ctx={ctx} body={body} />, 409);
        if (!isAppError(error, 'validation_failed')) throw error;
        return c.html(<EditBodyPage ctx={ctx} body={body} form={form} errors={formErrors(error.fields)} />, 422);
      }
    },
  },
];
