/** HTTP for the person's data: downloading it, and deleting the account. */
import { deleteCookie } from 'hono/cookie';
import { isAppError } from '../../kernel/errors.js';
import { SESSION_COOKIE } from '../../kernel/http/cookies.js';
import { scopeOf } from '../../kernel/http/env.js';
import { setFlash } from '../../kernel/http/flash.js';
import { readForm } from '../../kernel/http/forms.js';
import type { RouteDef } from '../../kernel/http/module.js';
import { viewContext } from '../../kernel/http/view.js';
import { isLastActiveAdmin, makeDeleteAccount } from './delete-account.js';
import { makeDownloadMyData, type ModuleList } from './download-data.js';
import { refusedFields } from './form-failure.js';
import { deleteAccountPolicy, downloadData, viewAccount } from './policies.js';
import { loadOwnAccount, sessionAccount } from './read-account.js';
import { DeleteAccountPage } from './views/delete-account.js';

/** The data and deletion routes; the download and the deletion ask every module in `listModules` for its part. */
export function dataRoutes(listModules: ModuleList): RouteDef[] {
  const downloadMyData = makeDownloadMyData(listModules);
  const deleteAccount = makeDeleteAccount(listModules);
  return [
    {
      kind: 'page',
      method: 'POST',
      path: '/account/data',
      policy: downloadData,
      handler: async (c) => {
        const data = await downloadMyData(scopeOf(c), {});
        const day = new Date().toISOString().slice(0, 10);
        return c.body(JSON.stringify(data, null, 2), 200, {
          'Content-Type': 'application/json; charset=utf-8',
          'Content-Disposition': `attachment; filename="teixit-my-data-${day}.json"`,
          'Cache-Control': 'no-store',
        });
      },
    },
    {
      kind: 'page',
      method: 'GET',
      path: '/account/delete',
      policy: viewAccount,
      handler: async (c) => {
        const user = sessionAccount(c);
        return c.html(<DeleteAccountPage ctx={viewContext(c)} user={user} lastAdmin={await isLastActiveAdmin(scopeOf(c), user)} />);
      },
    },
    {
      kind: 'page',
      method: 'POST',
      path: '/account/delete',
      policy: deleteAccountPolicy,
      handler: async (c) => {
        const scope = scopeOf(c);
        const form = await readForm(c);
        try {
          await deleteAccount(scope, form);
        } catch (error) {
          const user = await loadOwnAccount(scope);
          if (isAppError(error, 'conflict')) {
            c.status(409);
            return c.html(<DeleteAccountPage ctx={viewContext(c)} user={user} lastAdmin />);
          }
          const errors = refusedFields(error);
          c.status(422);
          return c.html(<DeleteAccountPage ctx={viewContext(c)} user={user} lastAdmin={false} errors={errors} />);
        }
        deleteCookie(c, SESSION_COOKIE, { path: '/' });
        setFlash(c, 'info', 'account.flash.deleted');
        return c.redirect(`/${c.get('locale')}`, 303);
      },
    },
  ];
}
