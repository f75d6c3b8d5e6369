/**
 * A person's part of "download my data" from the working groups: their requests to join (with
 * the statements only coordinators read), the groups they proposed and the reports they filed.
 */
import type { Queryable } from '../../db/types.js';
import { groupsProposedBy, reportsFiledBy } from './reports-store.js';
import { joinRequestsOf } from './requests-store.js';

/** Everything this module holds about the person, in a fixed number of queries. */
export async function workgroupsPersonalData(db: Queryable, userId: number): Promise<Record<string, unknown>> {
  // One after another: inside the download's transaction, PGlite has one session.
  const requests = await joinRequestsOf(db, userId);
  const proposed = await groupsProposedBy(db, userId);
  const reports = await reportsFiledBy(db, userId);
  return {
    join_requests: requests.map((r) => ({
      id: String(r.id),
      group: { id: String(r.body_id), slug: r.body_slug, name: r.body_name },
      organisation: r.organisation_id === null ? null : { id: String(r.organisation_id), name: r.organisation_name },
      statement: r.statement,
      state: r.state,
      asked_at: r.created_at,
      decided_at: r.decided_at,
      decision_reason: r.decision_reason,
    })),
    proposed_working_groups: proposed.map((g) => ({ id: String(g.id), slug: g.slug, name: g.name, state: g.state, proposed_at: g.created_at })),
    reports_filed: reports.map((r) => ({
      id: String(r.id),
      group: { id: String(r.body_id), slug: r.body_slug },
      kind: r.kind,
      period_start: r.period_start,
      period_end: r.period_end,
      filed_at: r.created_at,
    })),
  };
}
