/** HTTP for inviting people; the invitation itself is identity's `inviteByEmail`. Thin. */
import { isAppError, type FieldErrors } from '../../kernel/errors.js';
import { scopeOf, type AppContext } from '../../kernel/http/env.js';
import { setFlash } from '../../kernel/http/flash.js';
import { formString, readForm } from '../../kernel/http/forms.js';
import type { RouteDef } from '../../kernel/http/module.js';
import { viewContext } from '../../kernel/http/view.js';
import { inviteByEmail } from '../identity/index.js';
import { pendingInvitations } from './invitations.js';
import { manageInvitations } from './policies.js';
import { InvitationsPage, type InvitationValues } from './views/invitations.js';

/** Field errors keyed by the form's names (`roles.0` → `roles`), the first message per field. */
function formErrors(fields: FieldErrors): FieldErrors {
  const errors: FieldErrors = {};
  for (const [path, message] of Object.entries(fields)) {
    const name = path.split('.')[0] || 'email';
    errors[name] ??= message;
  }
  return errors;
}

async function renderInvitations(c: AppContext, values?: InvitationValues, errors?: FieldErrors) {
  const { config, database } = c.get('services');
  const pending = await pendingInvitations(database.db);
  const page = <InvitationsPage ctx={viewContext(c)} pending={pending} smtpConfigured={config.smtpUrl !== undefined} values={values} errors={errors} />;
  return c.html(page, errors ? 422 : 200);
}

export const invitationRoutes: RouteDef[] = [
  {
    kind: 'page',
    method: 'GET',
    path: '/admin/invitations',
    policy: manageInvitations,
    handler: (c) => renderInvitations(c),
  },
  {
    kind: 'page',
    method: 'POST',
    path: '/admin/invitations',
    policy: manageInvitations,
    handler: async (c) => {
      const form = await readForm(c);
      const roles = form.roles === undefined ? [] : Array.isArray(form.roles) ? form.roles : [form.roles];
      const values: InvitationValues = { email: formString(form, 'email'), name: formString(form, 'name'), roles, locale: formString(form, 'locale') };
      try {
        const result = await inviteByEmail(scopeOf(c), { email: values.email, name: values.name, roles, locale: values.locale });
        setFlash(c, 'success', result.reinvited ? 'admin.invitations.reinvited' : 'admin.invitations.sent', { name: values.name.trim(), email: values.email.trim().toLowerCase() });
        return c.redirect(`/${c.get('locale')}/admin/invitations`, 303);
      } catch (error) {
        if (!isAppError(error, 'validation_failed')) throw error;
        return renderInvitations(c, values, formErrors(error.fields));
      }
    },
  },
];
