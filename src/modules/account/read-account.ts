/** What the account pages show: the person's own account, live sessions and API tokens. */
import { AppError } from '../../kernel/errors.js';
import type { AppContext, SessionAccount } from '../../kernel/http/env.js';
import type { RequestScope } from '../../kernel/services.js';
import { findUserById, listApiTokens, listLiveSessions, type ApiTokenRow, type SessionRow, type UserRow } from '../identity/index.js';
import { actorId } from './own-account.js';

/**
 * The signed-in person's account as this request's session lookup already read it: for pages
 * showing only what it holds (name, e-mail, roles, gender, verification, 2FA), no second query.
 */
export function sessionAccount(c: AppContext): SessionAccount {
  const session = c.get('session');
  if (!session || !c.get('actor')) throw new AppError('unauthenticated');
  return session.account;
}

/** The signed-in person's account row, read from the database (with language and password state). */
export async function loadOwnAccount(scope: RequestScope): Promise<UserRow> {
  const user = await findUserById(scope.services.database.db, actorId(scope));
  if (!user) throw new AppError('not_found');
  return user;
}

export interface AccountOverview {
  user: UserRow;
  sessions: SessionRow[];
  tokens: ApiTokenRow[];
}

/** Everything the account page lists, in three queries whatever the counts. */
export async function loadAccountOverview(scope: RequestScope): Promise<AccountOverview> {
  const { db } = scope.services.database;
  const user = await loadOwnAccount(scope);
  const sessions = await listLiveSessions(db, user.id);
  const tokens = await listApiTokens(db, user.id);
  return { user, sessions, tokens };
}
