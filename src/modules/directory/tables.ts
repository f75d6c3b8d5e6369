/** Kysely types of the directory's tables (migration 0002). */
import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { Translatable } from '../../kernel/i18n/translatable.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type OrganisationKind = 'administration' | 'entity';
/** 1 an organisation, 2 a federation or network, 3 a confederation, 4 a platform of confederations. */
export type OrganisationLevel = 1 | 2 | 3 | 4;

export interface OrganisationsTable {
  id: Generated<number>;
  name: string;
  short_name: string;
  kind: OrganisationKind;
  /** Null for council units (`administration`), 1–4 for entities. */
  level: OrganisationLevel | null;
  families: ColumnType<string[], string[] | undefined, string[]>;
  /** `YYYY-MM-DD`: recognised as a representative entity of the space since that day. */
  representative_since: string | null;
  district: string | null;
  website: string | null;
  description: JSONColumnType<Translatable | null, string | null | undefined, string | null>;
  external_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** member_of: `child_id` belongs to `parent_id` (a higher level). */
export interface OrganisationLinksTable {
  child_id: number;
  parent_id: number;
  created_at: Timestamp;
}

export interface DirectoryTables {
  organisations: OrganisationsTable;
  organisation_links: OrganisationLinksTable;
}
