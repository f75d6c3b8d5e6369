/** Kysely types of the identity module's tables (migration 0001). */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type GlobalRole = 'admin' | 'official';
export type UserStatus = 'active' | 'disabled' | 'deleted';
export type Locale = 'ca' | 'es' | 'en';

export interface UsersTable {
  id: Generated<number>;
  email: string | null;
  name: string;
  locale: Generated<Locale>;
  password_hash: string | null;
  roles: ColumnType<GlobalRole[], GlobalRole[] | undefined, GlobalRole[]>;
  status: Generated<UserStatus>;
  email_verified_at: NullableTimestamp;
  totp_secret: string | null;
  totp_enabled_at: NullableTimestamp;
  totp_last_step: number | null;
  gender: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  id: Generated<number>;
  token_hash: string;
  user_id: number;
  mfa_passed: Generated<boolean>;
  ip: string | null;
  user_agent: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: NullableTimestamp;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: Timestamp;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface OneTimeTokensTable {
  id: Generated<number>;
  purpose: 'reset' | 'verify' | 'invite' | 'first_admin';
  token_hash: string;
  user_id: number | null;
  email: string | null;
  created_by: number | null;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface RecoveryCodesTable {
  id: Generated<number>;
  user_id: number;
  code_hash: string;
  used_at: NullableTimestamp;
}

export interface IdentityTables {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  one_time_tokens: OneTimeTokensTable;
  recovery_codes: RecoveryCodesTable;
}
