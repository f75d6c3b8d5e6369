/**
 * Identity: accounts, passwords, sessions, two-factor authentication and API tokens. Other
 * modules reach people's accounts only through what this file exports.
 */
import type { Authenticator } from '../../app.js';
import type { TeixitModule } from '../../kernel/http/module.js';
import { identityRoutes } from './routes.js';
import { seedIdentityDemo } from './seed.js';
import { resolveApiToken, resolveSession } from './sessions.js';

export { hashPassword, passwordProblem } from './passwords.js';
export { requiresTwoFactor } from './sessions.js';
export { findUserById, findUserByEmail, type UserRow } from './store.js';

export const authenticator: Authenticator = {
  session: (services, cookieValue) => resolveSession(services, cookieValue),
  token: (services, bearer) => resolveApiToken(services, bearer),
};

export const identityModule: TeixitModule = {
  name: 'identity',
  routes: identityRoutes,
  seedDemo: seedIdentityDemo,
};
