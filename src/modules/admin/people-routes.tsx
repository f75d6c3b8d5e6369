/** HTTP for the people list, one person's page, their roles and their account's state. Thin. */
import type { AppError } from '../../kernel/errors.js';
import { isAppError } from '../../kernel/errors.js';
import { scopeOf, type AppContext } from '../../kernel/http/env.js';
import { setFlash } from '../../kernel/http/flash.js';
import { readForm } from '../../kernel/http/forms.js';
import type { RouteDef } from '../../kernel/http/module.js';
import { viewContext } from '../../kernel/http/view.js';
import { disableAccount, enableAccount } from './account-status.js';
import { findPeople, parsePeopleQuery, idFromPath, personOverview } from './people.js';
import { changeRoles, changeStatus, listPeople } from './policies.js';
import { changePersonRoles } from './roles.js';
import { PeopleListPage } from './views/people.js';
import { PersonPage, StatusConfirmPage } from './views/person.js';

const personPath = (c: AppContext, id: number) => `/${c.get('locale')}/admin/people/${id}`;

/** A form sends no box, one value or several; the page shows back what was ticked. */
function formList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** The refusal a command gave, in the page's language, for the errors that mean "not now". */
function refusalOf(error: unknown): AppError | null {
  if (isAppError(error, 'conflict') || isAppError(error, 'invalid_transition')) return error;
  return null;
}

/** The confirmation page for disabling or enabling, refusing up front what would be refused anyway. */
/**
 * Disables or re-enables the account after its confirmation page; a refusal (yourself, the last
 * admin) shows the confirmation page again with the reason, changing nothing.
 */
async function applyStatusChange(c: AppContext, change: 'disable' | 'enable') {
  const id = idFromPath(c.req.param('id'));
  try {
    if (change === 'disable') {
      const result = await disableAccount(scopeOf(c), { userId: id });
      setFlash(c, 'success', 'admin.person.disable.done', { name: result.name, count: result.sessionsEnded });
    } else {
      const result = await enableAccount(scopeOf(c), { userId: id });
      setFlash(c, 'success', 'admin.person.enable.done', { name: result.name });
    }
    return c.redirect(personPath(c, id), 303);
  } catch (error) {
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    const ctx = viewContext(c);
    const overview = await personOverview(c.get('services').database.db, id);
    return c.html(<StatusConfirmPage ctx={ctx} overview={overview} change={change} refusal={ctx.t(refusal.messageKey)} />, 409);
  }
}

async function statusConfirmation(c: AppContext, change: 'disable' | 'enable') {
  const id = idFromPath(c.req.param('id'));
  const ctx = viewContext(c);
  const overview = await personOverview(c.get('services').database.db, id);
  if (overview.person.status === 'deleted') return c.redirect(personPath(c, id), 303);
  let refusal: string | undefined;
  if (change === 'disable' && id === ctx.user?.id) refusal = ctx.t('admin.person.disable.self');
  else if (change === 'disable' && overview.person.status !== 'active') refusal = ctx.t('admin.person.disable.already');
  else if (change === 'enable' && overview.person.status !== 'disabled') refusal = ctx.t('admin.person.enable.not_disabled');
  return c.html(<StatusConfirmPage ctx={ctx} overview={overview} change={change} refusal={refusal} />, refusal ? 409 : 200);
}

// Route samples name nobody (`999999`): the route × persona test posts empty forms to them, and
// must not take anyone's roles or disable an account on the way.
export const peopleRoutes: RouteDef[] = [
  {
    kind: 'page',
    method: 'GET',
    path: '/admin/people',
    policy: listPeople,
    handler: async (c) => {
      const ctx = viewContext(c);
      const raw = c.req.query();
      const filters = { q: raw.q ?? '', role: raw.role ?? '', status: raw.status ?? '' };
      try {
        const query = parsePeopleQuery(raw, ctx.locale);
        const result = await findPeople(c.get('services').database.db, query);
        return c.html(<PeopleListPage ctx={ctx} filters={filters} result={result} />);
      } catch (error) {
        if (!isAppError(error, 'validation_failed')) throw error;
        return c.html(<PeopleListPage ctx={ctx} filters={filters} errors={error.fields} />, 422);
      }
    },
  },
  {
    kind: 'page',
    method: 'GET',
    path: '/admin/people/:id',
    policy: listPeople,
    sample: { id: '999999' },
    handler: async (c) => {
      const overview = await personOverview(c.get('services').database.db, idFromPath(c.req.param('id')));
      return c.html(<PersonPage ctx={viewContext(c)} overview={overview} />);
    },
  },
  {
    kind: 'page',
    method: 'POST',
    path: '/admin/people/:id/roles',
    policy: changeRoles,
    sample: { id: '999999' },
    handler: async (c) => {
      const id = idFromPath(c.req.param('id'));
      const form = await readForm(c);
      try {
        const result = await changePersonRoles(scopeOf(c), { userId: id, roles: form.roles });
        if (!result.changed) setFlash(c, 'info', 'admin.person.roles.unchanged');
        else setFlash(c, 'success', result.mustEnrolTwoFactor ? 'admin.person.roles.changed_enrol' : 'admin.person.roles.changed', { name: result.name });
        // An administrator who gave up the role can no longer open the person's page.
        if (id === c.get('actor')?.id && !result.roles.includes('admin')) return c.redirect(`/${c.get('locale')}`, 303);
        return c.redirect(personPath(c, id), 303);
      } catch (error) {
        if (!isAppError(error, 'validation_failed') && !isAppError(error, 'conflict')) throw error;
        const ctx = viewContext(c);
        const message = error.code === 'validation_failed' ? Object.values(error.fields)[0] : ctx.t(error.messageKey);
        const overview = await personOverview(c.get('services').database.db, id);
        return c.html(<PersonPage ctx={ctx} overview={overview} roles={formList(form.roles)} errors={{ roles: message ?? ctx.t('admin.person.roles.invalid') }} />, error.status as 409);
      }
    },
  },
  {
    kind: 'page',
    method: 'GET',
    path: '/admin/people/:id/disable',
    policy: changeStatus,
    sample: { id: '999999' },
    handler: (c) => statusConfirmation(c, 'disable'),
  },
  {
    kind: 'page',
    method: 'POST',
    path: '/admin/people/:id/disable',
    policy: changeStatus,
    sample: { id: '999999' },
    handler: (c) => applyStatusChange(c, 'disable'),
  },
  {
    kind: 'page',
    method: 'GET',
    path: '/admin/people/:id/enable',
    policy: changeStatus,
    sample: { id: '999999' },
    handler: (c) => statusConfirmation(c, 'enable'),
  },
  {
    kind: 'page',
    method: 'POST',
    path: '/admin/people/:id/enable',
    policy: changeStatus,
    sample: { id: '999999' },
    handler: (c) => applyStatusChange(c, 'enable'),
  },
];
