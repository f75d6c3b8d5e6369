/**
 * Extending a working group's sunset date: a recorded decision of the steering group, with its
 * reason and the dates before and after. The new date re-arms the 30-day reminder (it is sent
 * for a date, and this is a new one). Also what `PATCH /bodies/{id}` calls when given `sunset_on`.
 */
import { defineCommand } from '../../kernel/commands.js';
import { AppError } from '../../kernel/errors.js';
import { formatDate, translate } from '../../kernel/i18n/index.js';
import { fieldError } from '../../kernel/validation.js';
import { latestSunset } from './dates.js';
import { loadLockedGroup, spaceToday } from './groups.js';
import { extendGroup } from './policies.js';
import { extendSchema } from './schema.js';
import { insertDecision, updateGroup, type GroupRow } from './store.js';

/** States in which a group's sunset may move: it is running, or winding down with its final report. */
const EXTENDABLE = new Set(['active', 'closing']);

/**
 * Moves the group's sunset to a later date: after the current one and after today, at most 24
 * months from today; a reason is required. The steering group and administrators only; 409 for
 * a group that is not active or closing; 422 naming the field otherwise. Audited (public).
 * @example await extendWorkingGroup(scopeOf(c), { body_id: 7, sunset_on: '2027-06-30', reason: 'Cal més temps per al catàleg' })
 */
export const extendWorkingGroup = defineCommand({
  name: 'workgroups.extend',
  input: extendSchema,
  policy: extendGroup,
  load: (tx, input) => loadLockedGroup(tx, input.body_id),
  run: async (tx, input, { group }): Promise<{ group: GroupRow; sunsetBefore: string | null }> => {
    const { locale } = tx.scope;
    if (!EXTENDABLE.has(group.state)) {
      throw new AppError('invalid_transition', {
        messageKey: 'workgroups.errors.extend_not_running',
        params: { state: translate(locale, `workgroups.states.${group.state}`) },
      });
    }
    const today = spaceToday();
    const before = group.sunset_on;
    if (before !== null && input.sunset_on <= before) {
      throw fieldError('sunset_on', 'workgroups.errors.extend_not_later', locale, { current: formatDate(locale, before) });
    }
    if (input.sunset_on <= today) throw fieldError('sunset_on', 'workgroups.errors.sunset_past', locale);
    const latest = latestSunset(today);
    if (input.sunset_on > latest) throw fieldError('sunset_on', 'workgroups.errors.sunset_too_far', locale, { latest: formatDate(locale, latest) });

    const updated = await updateGroup(tx.trx, group.id, { sunset_on: input.sunset_on });
    await insertDecision(tx.trx, {
      body_id: group.id,
      action: 'extended',
      reason: input.reason,
      sunset_before: before,
      sunset_after: input.sunset_on,
      decided_by: tx.scope.actor?.id ?? null,
    });
    await tx.audit({
      action: 'workgroups.extend',
      subjectType: 'body',
      subjectId: group.id,
      before: { sunset_on: before },
      after: { sunset_on: input.sunset_on, reason: input.reason },
      visibility: 'public',
    });
    tx.emit({ type: 'workgroups.extended', tags: ['bodies'], payload: { body_id: group.id } });
    return { group: updated, sunsetBefore: before };
  },
});
