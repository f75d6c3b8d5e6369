/** Kysely types of the kernel's tables (migration 0001). */
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json = ColumnType<unknown, string | undefined, string>;

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_id: number | null;
  actor_name: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  before: Json | null;
  after: Json | null;
  visibility: ColumnType<'public' | 'internal', 'public' | 'internal' | undefined, never>;
  request_id: string | null;
  prev_hash: string;
  hash: string;
}

export interface OutboxTable {
  id: Generated<number>;
  to_address: string;
  to_user_id: number | null;
  locale: Generated<string>;
  subject: string;
  text_body: string;
  html_body: string | null;
  attachments: JSONColumnType<MailAttachment[], string | undefined, string>;
  status: Generated<'queued' | 'held' | 'sent' | 'failed'>;
  attempts: Generated<number>;
  last_error: string | null;
  message_id: string | null;
  created_at: Timestamp;
  sent_at: NullableTimestamp;
}

export interface MailAttachment {
  filename: string;
  contentType: string;
  /** base64 */
  content: string;
}

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  payload: Json;
  unique_key: string | null;
  status: Generated<'pending' | 'done' | 'failed'>;
  run_at: Timestamp;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_until: NullableTimestamp;
  last_error: string | null;
  created_at: Timestamp;
  finished_at: NullableTimestamp;
}

export interface RateLimitsTable {
  key: string;
  window_start: Date | string;
  hits: Generated<number>;
}

export interface SettingsTable {
  key: string;
  value: Json;
  updated_at: Timestamp;
}

export interface CacheGenerationsTable {
  tag: string;
  generation: Generated<number>;
  updated_at: Timestamp;
}

export interface SchemaMigrationsTable {
  id: string;
  applied_at: Timestamp;
}

export interface KernelTables {
  audit_log: AuditLogTable;
  outbox: OutboxTable;
  jobs: JobsTable;
  rate_limits: RateLimitsTable;
  settings: SettingsTable;
  cache_generations: CacheGenerationsTable;
  schema_migrations: SchemaMigrationsTable;
}
