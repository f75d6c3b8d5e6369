/**
 * The end of a working group's life: it moves to `closing` (its final report is then due, and
 * nobody joins any more), and, once that report is in, to `closed`. A closed group is frozen —
 * nobody joins, reports or sits in it any more — and its pages stay readable: its charter,
 * reports and decisions are record.
 */
import { defineCommand } from '../../kernel/commands.js';
import { AppError } from '../../kernel/errors.js';
import { translate } from '../../kernel/i18n/index.js';
import { fieldError } from '../../kernel/validation.js';
import { groupName, mailPeople, spokenDate } from './emails.js';
import { loadLockedGroup, spaceToday } from './groups.js';
import { closeGroup, startClosing } from './policies.js';
import { closeSchema } from './schema.js';
import { hasFinalReport } from './reports-store.js';
import { declinePendingRequests } from './requests-store.js';
import { coordinatorIds, endActiveMandates, insertDecision, updateGroup, type GroupRow } from './store.js';

/**
 * Moves an active group to `closing`, with a reason: the steering group, the group's
 * coordinators or administrators. 409 from any other state. The coordinators are e-mailed that
 * the final report is now due. Requests to join still pending can no longer be accepted, so
 * they are declined, and each person who asked is told why. Audited (public, with the ids of
 * the declined requests and nothing of who made them).
 */
export const moveToClosing = defineCommand({
  name: 'workgroups.start_closing',
  input: closeSchema,
  policy: startClosing,
  load: (tx, input) => loadLockedGroup(tx, input.body_id),
  run: async (tx, input, { group }): Promise<GroupRow> => {
    const { locale, actor } = tx.scope;
    if (group.state !== 'active') {
      throw new AppError('invalid_transition', { messageKey: 'workgroups.errors.closing_not_active', params: { state: translate(locale, `workgroups.states.${group.state}`) } });
    }
    if (input.reason === '') throw fieldError('reason', 'workgroups.errors.closing_reason_required', locale);
    const updated = await updateGroup(tx.trx, group.id, { state: 'closing' });
    await insertDecision(tx.trx, { body_id: group.id, action: 'closing', reason: input.reason, decided_by: actor?.id ?? null });
    const declined = await declinePendingRequests(tx.trx, group.id, actor?.id ?? null, translate('ca', 'workgroups.close.request_decline_reason'));
    for (const request of declined) tx.emit({ type: 'workgroups.join_declined', tags: ['join_requests'], payload: { body_id: group.id, id: request.id } });
    await tx.audit({
      action: 'workgroups.start_closing',
      subjectType: 'body',
      subjectId: group.id,
      before: { state: group.state },
      after: { state: 'closing', reason: input.reason, declined_join_request_ids: declined.map((request) => request.id) },
      visibility: 'public',
    });
    tx.emit({ type: 'workgroups.closing', tags: ['bodies'], payload: { body_id: group.id } });
    const coordinators = (await coordinatorIds(tx.trx, group.id, spaceToday())).filter((id) => id !== actor?.id);
    await mailPeople(tx.trx, tx.scope.services, coordinators, 'closing', {
      params: (to) => ({ group: groupName(group.name, to), reason: input.reason, sunset: group.sunset_on ? spokenDate(group.sunset_on, to) : '' }),
      path: `/bodies/${group.slug}/reports/new`,
    });
    await mailPeople(tx.trx, tx.scope.services, declined.map((request) => request.person_id), 'join_closed', {
      params: (to) => ({ group: groupName(group.name, to) }),
      path: `/bodies/${group.slug}`,
    });
    return updated;
  },
});

/**
 * Closes a group in `closing` once its final report exists (409 otherwise, saying the report is
 * due): the steering group or administrators. The mandates still held in it end today, so
 * people's pages show them as history ("2025–2026: member"). Audited (public).
 */
export const closeWorkingGroup = defineCommand({
  name: 'workgroups.close',
  input: closeSchema,
  policy: closeGroup,
  load: (tx, input) => loadLockedGroup(tx, input.body_id),
  run: async (tx, input, { group }): Promise<GroupRow> => {
    const { locale, actor } = tx.scope;
    if (group.state !== 'closing') {
      throw new AppError('invalid_transition', { messageKey: 'workgroups.errors.close_not_closing', params: { state: translate(locale, `workgroups.states.${group.state}`) } });
    }
    if (!(await hasFinalReport(tx.trx, group.id))) throw new AppError('conflict', { messageKey: 'workgroups.errors.final_report_due' });
    const today = spaceToday();
    const ended = await endActiveMandates(tx.trx, group.id, today, translate('ca', 'workgroups.close.mandate_end_reason'));
    const updated = await updateGroup(tx.trx, group.id, { state: 'closed', open: false });
    await insertDecision(tx.trx, { body_id: group.id, action: 'closed', reason: input.reason, decided_by: actor?.id ?? null });
    await tx.audit({
      action: 'workgroups.close',
      subjectType: 'body',
      subjectId: group.id,
      before: { state: group.state },
      after: { state: 'closed', reason: input.reason, ended_mandate_ids: ended },
      visibility: 'public',
    });
    tx.emit({ type: 'workgroups.closed', tags: ['bodies', 'mandates', 'people', 'organisations'], payload: { body_id: group.id } });
    return updated;
  },
});
