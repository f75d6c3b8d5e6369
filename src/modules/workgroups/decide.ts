/**
 * The steering group's decision on a proposed working group: approve it (it starts today, open
 * to join, its proposer its first coordinator) or decline it with a reason. Both are recorded
 * decisions, public, and the proposer hears of them by e-mail in their language.
 */
import { defineCommand } from '../../kernel/commands.js';
import { AppError } from '../../kernel/errors.js';
import { formatDate, translate, type Locale } from '../../kernel/i18n/index.js';
import { addMandateInTx } from '../bodies/index.js';
import { findUserById } from '../identity/index.js';
import { groupName, mailPeople, spokenDate } from './emails.js';
import { loadLockedGroup, spaceToday } from './groups.js';
import { decideProposal } from './policies.js';
import { decisionSchema } from './schema.js';
import { findProposalOrganisation, insertDecision, updateGroup, type GroupRow } from './store.js';

export interface ProposalDecided {
  group: GroupRow;
  decision: 'approve' | 'decline';
  /** The proposer's coordinator mandate, when one was created. */
  coordinatorMandateId: number | null;
}

/** The refusal for a group that is not `proposed` any more (or never was). */
export function notAwaitingDecision(): AppError {
  return new AppError('invalid_transition', { messageKey: 'workgroups.errors.not_awaiting_decision' });
}

/**
 * Approves or declines a proposed group (409 in any other state). Approving makes it `active`
 * from today and gives its proposer a coordinator mandate starting today — for the organisation
 * they proposed it for (college `entity`), or as an individual: college `trajectory`, the
 * college of people who take part on their own path rather than for an organisation. (The
 * secretariat can change it later, as with any mandate.) A proposer whose account is no longer
 * active gets no mandate; the group then waits for a coordinator added by the secretariat.
 * Declining needs a reason. The steering group and administrators only. Audited (public).
 */
export const decideOnProposal = defineCommand({
  name: 'workgroups.decide',
  input: decisionSchema,
  policy: decideProposal,
  load: (tx, input) => loadLockedGroup(tx, input.body_id),
  run: async (tx, input, { group }): Promise<ProposalDecided> => {
    const { locale, actor } = tx.scope;
    if (group.state !== 'proposed') throw notAwaitingDecision();
    const today = spaceToday();
    const proposer = group.proposed_by === null ? undefined : await findUserById(tx.trx, group.proposed_by);
    const content = (path: string) => ({
      params: (to: Locale) => ({ group: groupName(group.name, to), reason: input.reason || translate(to, 'workgroups.emails.no_reason'), sunset: group.sunset_on ? spokenDate(group.sunset_on, to) : '' }),
      path,
    });

    if (input.decision === 'decline') {
      const updated = await updateGroup(tx.trx, group.id, { state: 'declined', open: false });
      await insertDecision(tx.trx, { body_id: group.id, action: 'declined', reason: input.reason, decided_by: actor?.id ?? null });
      await tx.audit({
        action: 'workgroups.decline',
        subjectType: 'body',
        subjectId: group.id,
        before: { state: group.state },
        after: { state: 'declined', reason: input.reason },
        visibility: 'public',
      });
      tx.emit({ type: 'workgroups.declined', tags: ['bodies'], payload: { body_id: group.id } });
      if (proposer) await mailPeople(tx.trx, tx.scope.services, [proposer.id], 'declined', content(`/bodies/${group.slug}`));
      return { group: updated, decision: 'decline', coordinatorMandateId: null };
    }

    // The table requires a sunset after the start: a proposal whose date has passed while it
    // waited cannot start today.
    if (group.sunset_on === null || group.sunset_on <= today) {
      throw new AppError('conflict', { messageKey: 'workgroups.errors.approve_sunset_passed', params: { sunset: group.sunset_on ? formatDate(locale, group.sunset_on) : '' } });
    }
    const updated = await updateGroup(tx.trx, group.id, { state: 'active', starts_on: today });
    await insertDecision(tx.trx, { body_id: group.id, action: 'approved', reason: input.reason, decided_by: actor?.id ?? null });

    let coordinatorMandateId: number | null = null;
    if (proposer && proposer.status === 'active') {
      const organisation = await findProposalOrganisation(tx.trx, group.id);
      coordinatorMandateId = await addMandateInTx(tx, { id: group.id }, {
        person_id: proposer.id,
        organisation_id: organisation?.id ?? null,
        college: organisation ? 'entity' : 'trajectory',
        role: 'coordinator',
        starts_on: today,
      });
    }
    await tx.audit({
      action: 'workgroups.approve',
      subjectType: 'body',
      subjectId: group.id,
      before: { state: group.state },
      after: { state: 'active', starts_on: today, reason: input.reason, coordinator_mandate_id: coordinatorMandateId },
      visibility: 'public',
    });
    tx.emit({ type: 'workgroups.approved', tags: ['bodies', 'mandates'], payload: { body_id: group.id } });
    if (proposer) {
      await mailPeople(tx.trx, tx.scope.services, [proposer.id], coordinatorMandateId === null ? 'approved' : 'approved_coordinator', content(`/bodies/${group.slug}`));
    }
    return { group: updated, decision: 'approve', coordinatorMandateId };
  },
});
