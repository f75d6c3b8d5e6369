/** SQL for people's accounts, sessions, API tokens, single-use links and recovery codes. */
import { sql } from 'kysely';
import { arg, compileOnce } from '../../db/compiled.js';
import type { Queryable } from '../../db/types.js';
import type { GlobalRole, Locale, UserStatus } from './tables.js';

export interface UserRow {
  id: number;
  email: string | null;
  name: string;
  locale: Locale;
  password_hash: string | null;
  roles: GlobalRole[];
  status: UserStatus;
  email_verified_at: Date | null;
  totp_secret: string | null;
  totp_enabled_at: Date | null;
  totp_last_step: number | null;
  gender: string | null;
  created_at: Date;
  updated_at: Date;
}

export async function findUserById(db: Queryable, id: number): Promise<UserRow | undefined> {
  return (await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()) as UserRow | undefined;
}

export async function findUserByEmail(db: Queryable, email: string): Promise<UserRow | undefined> {
  return (await db.selectFrom('users').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst()) as UserRow | undefined;
}

/** Locks the row for the rest of the transaction (concurrent edits of one account queue up). */
export async function lockUser(trx: Queryable, id: number): Promise<UserRow | undefined> {
  return (await trx.selectFrom('users').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()) as UserRow | undefined;
}

export async function insertUser(
  trx: Queryable,
  user: { email: string; name: string; locale: Locale; password_hash: string | null; roles: GlobalRole[]; email_verified_at: Date | null },
): Promise<UserRow> {
  return (await trx
    .insertInto('users')
    .values({ ...user, email: user.email.toLowerCase() })
    .returningAll()
    .executeTakeFirstOrThrow()) as UserRow;
}

export type UserPatch = Partial<Pick<UserRow, 'email' | 'name' | 'locale' | 'password_hash' | 'roles' | 'status' | 'email_verified_at' | 'totp_secret' | 'totp_enabled_at' | 'totp_last_step' | 'gender'>>;

export async function updateUser(trx: Queryable, id: number, patch: UserPatch): Promise<UserRow> {
  return (await trx
    .updateTable('users')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()) as UserRow;
}

/**
 * Accepts a TOTP step only if it is newer than the last accepted one: an atomic compare-and-set,
 * so the same code cannot sign in twice even from two requests at once.
 */
export async function claimTotpStep(trx: Queryable, userId: number, step: number): Promise<boolean> {
  const result = await trx
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface PeopleFilter {
  query?: string | undefined;
  role?: GlobalRole | undefined;
  status?: UserStatus | undefined;
}

/** Accented letters of Catalan and Spanish, and the plain letter each is searched as; `·` goes. */
const ACCENTED = 'àáâäãèéêëìíîïòóôöõùúûüçñ·';
const PLAIN = 'aaaaaeeeeiiiiooooouuuucn';

/** Lower case without accents, the same way as `translate(lower(…), ACCENTED, PLAIN)` in SQL. */
function foldForSearch(text: string): string {
  return [...text.toLowerCase()]
    .map((ch) => {
      const at = ACCENTED.indexOf(ch);
      return at < 0 ? ch : (PLAIN[at] ?? '');
    })
    .join('');
}

/**
 * A page of accounts by name, with the total, for the administration list. The text matches
 * the name or the e-mail, ignoring case and accents ("nuria" finds "Núria").
 */
export async function searchUsers(db: Queryable, filter: PeopleFilter, offset: number, limit: number): Promise<{ rows: UserRow[]; total: number }> {
  let query = db.selectFrom('users');
  if (filter.query) {
    const like = `%${foldForSearch(filter.query).replace(/[%_\\]/g, '\\$&')}%`;
    const name = sql`translate(lower(name), ${ACCENTED}, ${PLAIN})`;
    query = query.where((eb) => eb.or([eb(name, 'like', like), eb('email', 'like', like)]));
  }
  if (filter.role) query = query.where(sql<boolean>`${filter.role} = ANY(roles)`);
  if (filter.status) query = query.where('status', '=', filter.status);
  else query = query.where('status', '!=', 'deleted');
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy(sql`lower(name)`).orderBy('id').offset(offset).limit(limit).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as UserRow[], total: Number(count.n) };
}

// Sessions ------------------------------------------------------------------------------------

export interface SessionRow {
  id: number;
  token_hash: string;
  user_id: number;
  mfa_passed: boolean;
  ip: string | null;
  user_agent: string | null;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
}

export async function insertSession(
  trx: Queryable,
  session: { token_hash: string; user_id: number; mfa_passed: boolean; ip: string | null; user_agent: string | null; expires_at: Date },
): Promise<number> {
  const row = await trx.insertInto('sessions').values(session).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** A live session and what the pages need of its person, as the session lookup reads them. */
export interface LiveSession {
  session: Pick<SessionRow, 'id' | 'user_id' | 'mfa_passed' | 'created_at' | 'last_seen_at'>;
  user: Pick<UserRow, 'id' | 'email' | 'name' | 'locale' | 'roles' | 'status' | 'gender' | 'totp_enabled_at' | 'email_verified_at'>;
}

type LiveSessionRow = Omit<LiveSession['session'], 'id' | 'created_at'> & LiveSession['user'] & { s_id: number; s_created_at: Date };

// Runs on every signed-in request: built once (see compileOnce), with only the columns used.
const liveSessionQuery = compileOnce<[string, Date], LiveSessionRow>((db) =>
  db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.id as s_id', 's.user_id', 's.mfa_passed', 's.created_at as s_created_at', 's.last_seen_at'])
    .select(['u.id', 'u.email', 'u.name', 'u.locale', 'u.roles', 'u.status', 'u.gender', 'u.totp_enabled_at', 'u.email_verified_at'])
    .where('s.token_hash', '=', arg<string>(0))
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', arg<Date>(1)),
);

/** The live session with this token hash and its person, in one query. */
export async function findLiveSession(db: Queryable, tokenHash: string): Promise<LiveSession | undefined> {
  const [row] = await liveSessionQuery(db, tokenHash, new Date());
  if (!row) return undefined;
  return {
    session: { id: row.s_id, user_id: row.user_id, mfa_passed: row.mfa_passed, created_at: row.s_created_at, last_seen_at: row.last_seen_at },
    user: {
      id: row.id, email: row.email, name: row.name, locale: row.locale, roles: row.roles, status: row.status, gender: row.gender,
      totp_enabled_at: row.totp_enabled_at, email_verified_at: row.email_verified_at,
    },
  };
}

export async function touchSession(db: Queryable, id: number, expiresAt: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: new Date(), expires_at: expiresAt }).where('id', '=', id).execute();
}

export async function markSessionMfaPassed(trx: Queryable, id: number): Promise<void> {
  await trx.updateTable('sessions').set({ mfa_passed: true }).where('id', '=', id).execute();
}

export async function revokeSessionById(trx: Queryable, id: number, userId?: number): Promise<number> {
  let query = trx.updateTable('sessions').set({ revoked_at: new Date() }).where('id', '=', id).where('revoked_at', 'is', null);
  if (userId !== undefined) query = query.where('user_id', '=', userId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Ends every session of a person, except `keepId` when given. */
export async function revokeUserSessions(trx: Queryable, userId: number, keepId?: number): Promise<number> {
  let query = trx.updateTable('sessions').set({ revoked_at: new Date() }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (keepId !== undefined) query = query.where('id', '!=', keepId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function listLiveSessions(db: Queryable, userId: number): Promise<SessionRow[]> {
  return (await db
    .selectFrom('sessions')
    .selectAll()
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', new Date())
    .orderBy('last_seen_at', 'desc')
    .limit(100)
    .execute()) as SessionRow[];
}

// API tokens ----------------------------------------------------------------------------------

export interface ApiTokenRow {
  id: number;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export async function insertApiToken(trx: Queryable, token: { user_id: number; name: string; token_hash: string }): Promise<ApiTokenRow> {
  return (await trx.insertInto('api_tokens').values(token).returningAll().executeTakeFirstOrThrow()) as ApiTokenRow;
}

/** The live token with this hash and its person's current state. */
export async function findLiveApiToken(db: Queryable, tokenHash: string): Promise<{ token: ApiTokenRow; user: UserRow } | undefined> {
  const row = await db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['t.id as t_id', 't.last_used_at', 'u.id', 'u.name', 'u.roles', 'u.status', 'u.locale'])
    .where('t.token_hash', '=', tokenHash)
    .where('t.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    token: { id: row.t_id, last_used_at: row.last_used_at } as ApiTokenRow,
    user: { id: row.id, name: row.name, roles: row.roles, status: row.status, locale: row.locale } as UserRow,
  };
}

export async function touchApiToken(db: Queryable, id: number): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: new Date() }).where('id', '=', id).execute();
}

export async function listApiTokens(db: Queryable, userId: number): Promise<ApiTokenRow[]> {
  return (await db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).where('revoked_at', 'is', null).orderBy('id', 'desc').execute()) as ApiTokenRow[];
}

export async function revokeApiToken(trx: Queryable, id: number, userId: number): Promise<number> {
  const result = await trx.updateTable('api_tokens').set({ revoked_at: new Date() }).where('id', '=', id).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function revokeUserApiTokens(trx: Queryable, userId: number): Promise<void> {
  await trx.updateTable('api_tokens').set({ revoked_at: new Date() }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
}

// Single-use links ----------------------------------------------------------------------------

export type LinkPurpose = 'reset' | 'verify' | 'invite' | 'first_admin';

export interface OneTimeTokenRow {
  id: number;
  purpose: LinkPurpose;
  token_hash: string;
  user_id: number | null;
  email: string | null;
  created_by: number | null;
  expires_at: Date;
  used_at: Date | null;
  created_at: Date;
}

export async function insertOneTimeToken(
  trx: Queryable,
  token: { purpose: LinkPurpose; token_hash: string; user_id: number | null; email: string | null; created_by: number | null; expires_at: Date },
): Promise<number> {
  const row = await trx.insertInto('one_time_tokens').values(token).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** The link, locked for the transaction, whatever its state (the caller says why it is refused). */
export async function lockOneTimeToken(trx: Queryable, purpose: LinkPurpose, tokenHash: string): Promise<OneTimeTokenRow | undefined> {
  return (await trx
    .selectFrom('one_time_tokens')
    .selectAll()
    .where('purpose', '=', purpose)
    .where('token_hash', '=', tokenHash)
    .forUpdate()
    .executeTakeFirst()) as OneTimeTokenRow | undefined;
}

export async function findOneTimeToken(db: Queryable, purpose: LinkPurpose, tokenHash: string): Promise<OneTimeTokenRow | undefined> {
  return (await db.selectFrom('one_time_tokens').selectAll().where('purpose', '=', purpose).where('token_hash', '=', tokenHash).executeTakeFirst()) as
    | OneTimeTokenRow
    | undefined;
}

export async function markOneTimeTokenUsed(trx: Queryable, id: number): Promise<void> {
  await trx.updateTable('one_time_tokens').set({ used_at: new Date() }).where('id', '=', id).execute();
}

/** Voids a person's unused links of one purpose (a new reset link replaces the old). */
export async function voidOneTimeTokens(trx: Queryable, purpose: LinkPurpose, match: { userId?: number; email?: string }): Promise<void> {
  let query = trx.updateTable('one_time_tokens').set({ used_at: new Date() }).where('purpose', '=', purpose).where('used_at', 'is', null);
  if (match.userId !== undefined) query = query.where('user_id', '=', match.userId);
  if (match.email !== undefined) query = query.where('email', '=', match.email);
  await query.execute();
}

export async function listPendingInvitations(db: Queryable, limit: number): Promise<OneTimeTokenRow[]> {
  return (await db
    .selectFrom('one_time_tokens')
    .selectAll()
    .where('purpose', '=', 'invite')
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date())
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()) as OneTimeTokenRow[];
}

// Recovery codes ------------------------------------------------------------------------------

export async function replaceRecoveryCodes(trx: Queryable, userId: number, codeHashes: string[]): Promise<void> {
  await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  if (codeHashes.length > 0) await trx.insertInto('recovery_codes').values(codeHashes.map((code_hash) => ({ user_id: userId, code_hash }))).execute();
}

/** Uses a recovery code once; true when it was valid and unused. */
export async function consumeRecoveryCode(trx: Queryable, userId: number, codeHash: string): Promise<boolean> {
  const result = await trx
    .updateTable('recovery_codes')
    .set({ used_at: new Date() })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function countUnusedRecoveryCodes(db: Queryable, userId: number): Promise<number> {
  const row = await db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countUsers(db: Queryable): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks one of the person's own sessions as past the second factor (after enrolling in it). */
export async function markUserSessionMfaPassed(trx: Queryable, sessionId: number, userId: number): Promise<void> {
  await trx.updateTable('sessions').set({ mfa_passed: true }).where('id', '=', sessionId).where('user_id', '=', userId).execute();
}

// Own account (the account module) -----------------------------------------------------------

/**
 * Locks every active administrator's row and returns their ids: deciding whether the last
 * administrator may leave must not race with another administrator leaving at the same time.
 */
export async function lockActiveAdminIds(trx: Queryable): Promise<number[]> {
  const rows = await trx
    .selectFrom('users')
    .select('id')
    .where(sql<boolean>`'admin' = ANY(roles)`)
    .where('status', '=', 'active')
    .orderBy('id')
    .forUpdate()
    .execute();
  return rows.map((row) => Number(row.id));
}

/** Every session a person has had, without the token hash, for "download my data". */
export async function sessionsForExport(db: Queryable, userId: number) {
  return db
    .selectFrom('sessions')
    .select(['id', 'ip', 'user_agent', 'mfa_passed', 'created_at', 'last_seen_at', 'expires_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
}

/** Every API token a person has had, without the token hash, for "download my data". */
export async function apiTokensForExport(db: Queryable, userId: number) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'created_at', 'last_used_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
}

// Administration (the admin module) ------------------------------------------------------------

/** Accounts by id, in one query, for lists that show who did or received something. */
export async function findUsersByIds(db: Queryable, ids: readonly number[]): Promise<UserRow[]> {
  if (ids.length === 0) return [];
  return (await db.selectFrom('users').selectAll().where('id', 'in', [...new Set(ids)]).execute()) as UserRow[];
}
