/** HTTP for "My space" and the account page; the forms behind them are in the routes-*.tsx files. */
import { scopeOf } from '../../kernel/http/env.js';
import type { RouteDef } from '../../kernel/http/module.js';
import { viewContext } from '../../kernel/http/view.js';
import { requiresTwoFactor } from '../identity/index.js';
import type { ModuleList } from './download-data.js';
import { collectMySpaceBlocks, mySpaceTags, type MySpaceModule } from './my-space.js';
import { viewAccount, viewMySpace } from './policies.js';
import { loadAccountOverview, sessionAccount } from './read-account.js';
import { dataRoutes } from './routes-data.js';
import { profileRoutes } from './routes-profile.js';
import { securityRoutes } from './routes-security.js';
import { AccountPage } from './views/account-page.js';
import { MySpacePage } from './views/my-space.js';

/** Every route of the account module; `listModules` gives the modules whose hooks it asks. */
export function accountRoutes(listModules: ModuleList): RouteDef[] {
  return [
    {
      kind: 'page',
      method: 'GET',
      path: '/me',
      policy: viewMySpace,
      signedInCacheTags: () => mySpaceTags(listModules() as readonly MySpaceModule[]),
      handler: async (c) => {
        const scope = scopeOf(c);
        const ctx = viewContext(c);
        const user = sessionAccount(c);
        const blocks = await collectMySpaceBlocks(listModules() as readonly MySpaceModule[], scope, ctx);
        return c.html(<MySpacePage ctx={ctx} user={user} twoFactorRequired={requiresTwoFactor(user)} blocks={blocks} />);
      },
    },
    {
      kind: 'page',
      method: 'GET',
      path: '/account',
      policy: viewAccount,
      handler: async (c) => {
        const overview = await loadAccountOverview(scopeOf(c));
        return c.html(<AccountPage ctx={viewContext(c)} overview={overview} currentSessionId={c.get('session')?.id ?? null} />);
      },
    },
    ...profileRoutes,
    ...securityRoutes,
    ...dataRoutes(listModules),
  ];
}
