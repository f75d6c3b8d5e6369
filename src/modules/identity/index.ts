/**
 * Identity: accounts, passwords, sessions, two-factor authentication and API tokens. Other
 * modules reach people's accounts only through what this file exports.
 */
import type { Authenticator } from '../../app.js';
import type { TeixitModule } from '../../kernel/http/module.js';
import { identityRoutes } from './routes.js';
import { invitationRoutes } from './routes-invitations.js';
import { recoveryRoutes } from './routes-recovery.js';
import { setupRoutes } from './routes-setup.js';
import { signUpRoutes } from './routes-sign-up.js';
import { twoFactorRoutes } from './routes-two-factor.js';
import { verificationRoutes } from './routes-verification.js';
import { seedIdentityDemo } from './seed.js';
import { resolveApiToken, resolveSession } from './sessions.js';
import { rememberLanguage } from './language.js';

export { hashPassword, passwordProblem } from './passwords.js';
export { requiresTwoFactor } from './sessions.js';
export { findUserById, findUserByEmail, type UserRow } from './store.js';
// For the CLI (`teixit user create`, `teixit token create`) and the first start.
export { countUsers, insertApiToken, insertUser } from './store.js';
export { absoluteUrl, issueLink } from './links.js';
export { emailField, nameField } from './schema.js';
// For the account module (a person's own account page, data download and deletion).
export { newPasswordSchema, verifyPassword } from './passwords.js';
export {
  apiTokensForExport, listApiTokens, listLiveSessions, lockActiveAdminIds, lockUser, replaceRecoveryCodes,
  revokeApiToken, revokeSessionById, revokeUserApiTokens, revokeUserSessions, sessionsForExport, updateUser, voidOneTimeTokens,
  type ApiTokenRow, type SessionRow,
} from './store.js';
export type { GlobalRole, Locale as AccountLocale } from './tables.js';
// For the admin module (people list, roles, disabling accounts, invitations).
export { findUsersByIds, listPendingInvitations, searchUsers, type OneTimeTokenRow, type PeopleFilter } from './store.js';
export type { UserStatus } from './tables.js';

// Invitations (the admin module's invite form) and e-mail verification (the account page).
export { inviteByEmail, inviteSchema, invitePolicy } from './invitations.js';
export { sendVerificationEmail } from './verification.js';

export const authenticator: Authenticator = {
  session: (services, cookieValue) => resolveSession(services, cookieValue),
  token: (services, bearer) => resolveApiToken(services, bearer),
  rememberLanguage: (scope, locale) => rememberLanguage(scope, { locale }),
};

export const identityModule: TeixitModule = {
  name: 'identity',
  routes: [...identityRoutes, ...recoveryRoutes, ...verificationRoutes, ...invitationRoutes, ...signUpRoutes, ...twoFactorRoutes, ...setupRoutes],
  seedDemo: seedIdentityDemo,
};
