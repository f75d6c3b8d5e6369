/**
 * A working group's follow-up reports for the steering group: period, progress, next steps and
 * blockers. Periodic while the group runs; once it is `closing`, its final report, which lets
 * the steering group close it. Reports are public record.
 */
import type { Queryable } from '../../db/types.js';
import { defineCommand } from '../../kernel/commands.js';
import { AppError } from '../../kernel/errors.js';
import { formatDate, translate } from '../../kernel/i18n/index.js';
import { fieldError } from '../../kernel/validation.js';
import { addDays } from './dates.js';
import { groupName, mailPeople } from './emails.js';
import { loadLockedGroup, spaceToday } from './groups.js';
import { fileReport } from './policies.js';
import { reportSchema } from './schema.js';
import { hasFinalReport, insertReport, latestReport, listReports, type ReportRow } from './reports-store.js';
import { steeringMemberIds, type GroupRow } from './store.js';

export const REPORTS_PER_PAGE = 20;

/** States in which a group reports: running, or closing with its final report due. */
const REPORTING = new Set(['active', 'closing']);

/** The refusal for a group that does not take reports now (proposed, declined, closed), or null. */
export function reportRefusal(group: Pick<GroupRow, 'state'>): AppError | null {
  if (REPORTING.has(group.state)) return null;
  return new AppError('invalid_transition', { messageKey: `workgroups.errors.report_${group.state}` });
}

/** What the new-report form suggests: the period from the day after the last one (or the group's start) to today. */
export async function suggestedPeriod(db: Queryable, group: GroupRow): Promise<{ period_start: string; period_end: string }> {
  const today = spaceToday();
  const last = await latestReport(db, group.id);
  let start = last ? addDays(last.period_end, 1) : (group.starts_on ?? today);
  if (start > today) start = today;
  return { period_start: start, period_end: today };
}

/** One page of a group's reports, newest first. */
export async function reportsPage(db: Queryable, groupId: number, page: number): Promise<{ rows: ReportRow[]; total: number; page: number; totalPages: number }> {
  const { rows, total } = await listReports(db, groupId, (page - 1) * REPORTS_PER_PAGE, REPORTS_PER_PAGE);
  return { rows, total, page, totalPages: Math.max(1, Math.ceil(total / REPORTS_PER_PAGE)) };
}

/**
 * Files a report for an active or closing group: its coordinators and administrators. A final
 * report only while the group is closing, and only one; the period cannot end after today nor
 * start before the group did. When the final report is in, the steering group is e-mailed that
 * the group can be closed. Audited (public).
 */
export const fileGroupReport = defineCommand({
  name: 'workgroups.reports.file',
  input: reportSchema,
  policy: fileReport,
  load: (tx, input) => loadLockedGroup(tx, input.body_id),
  run: async (tx, input, { group }): Promise<{ id: number; group: GroupRow }> => {
    const { locale, actor } = tx.scope;
    if (!actor) throw new AppError('unauthenticated');
    const refusal = reportRefusal(group);
    if (refusal) throw refusal;
    if (input.kind === 'final') {
      if (group.state !== 'closing') throw fieldError('kind', 'workgroups.errors.final_only_when_closing', locale);
      if (await hasFinalReport(tx.trx, group.id)) throw new AppError('conflict', { messageKey: 'workgroups.errors.final_already_filed' });
    }
    const today = spaceToday();
    if (input.period_end > today) throw fieldError('period_end', 'workgroups.errors.period_in_future', locale);
    if (group.starts_on !== null && input.period_start < group.starts_on) {
      throw fieldError('period_start', 'workgroups.errors.period_before_start', locale, { start: formatDate(locale, group.starts_on) });
    }
    const id = await insertReport(tx.trx, {
      body_id: group.id,
      kind: input.kind,
      period_start: input.period_start,
      period_end: input.period_end,
      progress: input.progress,
      next_steps: input.next_steps,
      blockers: input.blockers,
      submitted_by: actor.id,
    });
    await tx.audit({
      action: 'workgroups.reports.file',
      subjectType: 'body_report',
      subjectId: id,
      after: { body_id: group.id, kind: input.kind, period_start: input.period_start, period_end: input.period_end },
      visibility: 'public',
    });
    tx.emit({ type: 'workgroups.report_filed', tags: ['bodies'], payload: { body_id: group.id, id } });
    if (input.kind === 'final') {
      await mailPeople(tx.trx, tx.scope.services, (await steeringMemberIds(tx.trx, today)).filter((person) => person !== actor.id), 'final_report', {
        params: (to) => ({ group: groupName(group.name, to), person: actor.name, kind: translate(to, 'workgroups.reports.kinds.final') }),
        path: `/bodies/${group.slug}/close`,
      });
    }
    return { id, group };
  },
});
