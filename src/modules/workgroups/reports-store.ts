/**
 * SQL of working groups' follow-up reports, and of the steering group's follow-up table (every
 * group with its members, latest report and pending requests, in one query).
 */
import { sql } from 'kysely';
import type { Queryable, Trx } from '../../db/types.js';
import type { Translatable } from '../../kernel/i18n/translatable.js';
import type { BodyState } from '../bodies/tables.js';
import { activeOn } from './store.js';

const int = (value: unknown): number => Number(value);
const intOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

export interface ReportRow {
  id: number;
  body_id: number;
  kind: 'periodic' | 'final';
  period_start: string;
  period_end: string;
  progress: string;
  next_steps: string;
  blockers: string;
  submitted_by: number | null;
  submitted_by_name: string | null;
  created_at: Date;
}

function reportQuery(db: Queryable) {
  return db
    .selectFrom('body_reports as r')
    .leftJoin('users as u', 'u.id', 'r.submitted_by')
    .select(['r.id', 'r.body_id', 'r.kind', 'r.period_start', 'r.period_end', 'r.progress', 'r.next_steps', 'r.blockers', 'r.submitted_by', 'u.name as submitted_by_name', 'r.created_at']);
}

function normaliseReport(row: ReportRow): ReportRow {
  return { ...row, id: int(row.id), body_id: int(row.body_id), submitted_by: intOrNull(row.submitted_by) };
}

/** One page of the group's reports, newest first (by submission), and how many there are. */
export async function listReports(db: Queryable, bodyId: number, offset: number, limit: number): Promise<{ rows: ReportRow[]; total: number }> {
  const [rows, total] = await Promise.all([
    reportQuery(db).where('r.body_id', '=', bodyId).orderBy('r.created_at', 'desc').orderBy('r.id', 'desc').offset(offset).limit(limit).execute(),
    db.selectFrom('body_reports').select(sql<number>`count(*)::int`.as('n')).where('body_id', '=', bodyId).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows.map(normaliseReport), total: int(total.n) };
}

/** The group's reports older than the report `beforeId` (by id, newest first), for the API's cursor. */
export async function listReportsBefore(db: Queryable, bodyId: number, beforeId: number | undefined, limit: number): Promise<ReportRow[]> {
  let query = reportQuery(db).where('r.body_id', '=', bodyId);
  if (beforeId !== undefined) query = query.where('r.id', '<', beforeId);
  const rows = await query.orderBy('r.id', 'desc').limit(limit).execute();
  return rows.map(normaliseReport);
}

/** One report, or undefined. */
export async function findReport(db: Queryable, id: number): Promise<ReportRow | undefined> {
  const row = await reportQuery(db).where('r.id', '=', id).executeTakeFirst();
  return row ? normaliseReport(row) : undefined;
}

/** The group's latest report (by period end), or undefined: the next report's period starts after it. */
export async function latestReport(db: Queryable, bodyId: number): Promise<ReportRow | undefined> {
  const row = await reportQuery(db).where('r.body_id', '=', bodyId).orderBy('r.period_end', 'desc').orderBy('r.id', 'desc').executeTakeFirst();
  return row ? normaliseReport(row) : undefined;
}

/** Has the group filed its final report? */
export async function hasFinalReport(db: Queryable, bodyId: number): Promise<boolean> {
  const row = await db.selectFrom('body_reports').select('id').where('body_id', '=', bodyId).where('kind', '=', 'final').executeTakeFirst();
  return row !== undefined;
}

export interface NewReport {
  body_id: number;
  kind: 'periodic' | 'final';
  period_start: string;
  period_end: string;
  progress: string;
  next_steps: string;
  blockers: string;
  submitted_by: number;
}

/** Inserts a report; returns its id. */
export async function insertReport(trx: Trx, report: NewReport): Promise<number> {
  const row = await trx.insertInto('body_reports').values(report).returning('id').executeTakeFirstOrThrow();
  return int(row.id);
}

// ---- the steering group's follow-up ---------------------------------------------------------

export interface FollowUpRow {
  id: number;
  slug: string;
  name: Translatable;
  state: BodyState;
  starts_on: string | null;
  sunset_on: string | null;
  report_interval_days: number | null;
  members: number;
  last_report_at: Date | null;
  has_final_report: boolean;
  pending_requests: number;
}

/**
 * Every working group with what the steering group follows: people holding a seat on `on`
 * (alternates and observers left out, as the body pages count them), the latest report and
 * whether a final one exists, pending join requests. One query, whatever the number of groups.
 */
export async function followUpRows(db: Queryable, on: string): Promise<FollowUpRow[]> {
  const rows = await db
    .selectFrom('bodies as b')
    .select([
      'b.id', 'b.slug', 'b.name', 'b.state', 'b.starts_on', 'b.sunset_on', 'b.report_interval_days',
      sql<number>`(SELECT count(DISTINCT m.person_id)::int FROM mandates m
        WHERE m.body_id = b.id AND m.role NOT IN ('alternate', 'observer') AND ${activeOn('m', on)})`.as('members'),
      sql<Date | null>`(SELECT max(r.created_at) FROM body_reports r WHERE r.body_id = b.id)`.as('last_report_at'),
      sql<boolean>`EXISTS (SELECT 1 FROM body_reports r WHERE r.body_id = b.id AND r.kind = 'final')`.as('has_final_report'),
      sql<number>`(SELECT count(*)::int FROM join_requests j WHERE j.body_id = b.id AND j.state = 'pending')`.as('pending_requests'),
    ])
    .where('b.kind', '=', 'working_group')
    .orderBy('b.id')
    .execute();
  return rows.map((r) => ({
    ...r,
    id: int(r.id),
    members: int(r.members),
    pending_requests: int(r.pending_requests),
    report_interval_days: intOrNull(r.report_interval_days),
    last_report_at: r.last_report_at === null ? null : new Date(r.last_report_at),
  }));
}

/** The working groups a person proposed, oldest first. */
export async function groupsProposedBy(db: Queryable, personId: number) {
  const rows = await db
    .selectFrom('bodies')
    .select(['id', 'slug', 'name', 'state', 'created_at'])
    .where('proposed_by', '=', personId)
    .where('kind', '=', 'working_group')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, id: int(r.id) }));
}

/** The reports a person filed, oldest first, with their group's slug. */
export async function reportsFiledBy(db: Queryable, personId: number) {
  const rows = await db
    .selectFrom('body_reports as r')
    .innerJoin('bodies as b', 'b.id', 'r.body_id')
    .select(['r.id', 'r.body_id', 'b.slug as body_slug', 'r.kind', 'r.period_start', 'r.period_end', 'r.created_at'])
    .where('r.submitted_by', '=', personId)
    .orderBy('r.id')
    .execute();
  return rows.map((r) => ({ ...r, id: int(r.id), body_id: int(r.body_id) }));
}
