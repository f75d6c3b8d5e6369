/**
 * Account: the signed-in person's own place — "My space" (`/me`), their start page, and the
 * account page (`/account`): name, language, password, two-factor state, sessions, API tokens,
 * gender, "download my data" and "delete my account". Accounts themselves belong to identity;
 * this module only ever acts on the actor's own.
 */
import type { TeixitModule } from '../../kernel/http/module.js';
import type { ModuleList } from './download-data.js';
import { accountRoutes } from './routes.js';

export type { MySpaceBlock, MySpaceHook, MySpaceModule } from './my-space.js';

/**
 * The account module for an application whose modules `listModules` returns: "download my data"
 * asks each for its `personalData`, "My space" for its `mySpace` block, and deleting an account
 * calls each one's `onAccountDeleted` in the deletion's transaction.
 * @example export const modules: TeixitModule[] = [siteModule, identityModule, accountModule(() => modules)];
 */
export function accountModule(listModules: ModuleList): TeixitModule {
  return { name: 'account', routes: accountRoutes(listModules) };
}
