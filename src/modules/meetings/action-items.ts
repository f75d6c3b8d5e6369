/**
 * Action items of an agreement: who does what by when. Added by whoever runs the body's
 * meetings (the owner — a person with an active mandate in the body, or an organisation such a
 * mandate represents — and a due date not before the meeting); moved along (in progress, done,
 * dropped) by their owner, someone representing the owner organisation, or whoever runs the
 * meetings, who may also change the rest. Done records the day. Audited; public when the body's
 * meetings are.
 */
import { z } from 'zod';
import { defineCommand } from '../../kernel/commands.js';
import { AppError } from '../../kernel/errors.js';
import { todayInSpace } from '../../kernel/i18n/index.js';
import { allows, type Actor } from '../../kernel/policy.js';
import { standingOf } from '../bodies/index.js';
import { actionItemFields, actionItemSchema, adoptedOn, auditVisibility, checkActionItem, checkDueDate, checkOwner, idSchema, insertActionItem } from './agreements.js';
import { findActionItem, findAgreement, organisationsRepresentedBy, ownersOfBody, type ActionItemRow } from './agreements-store.js';
import { manageMeetings, runsMeetings, updateActionItem, viewMeeting, type ActionItemResource } from './policies.js';
import type { Queryable } from '../../db/types.js';
import { fieldError } from '../../kernel/validation.js';
import { findMeeting, meetingFor, meetingResource, type MeetingAccess } from './store.js';
import { ACTION_STATES, type ActionState } from './tables.js';

export const addActionItemSchema = z.object({ agreement_id: idSchema }).and(actionItemSchema);

export const changeActionItemSchema = z.object({
  action_item_id: idSchema,
  state: z.enum(ACTION_STATES, 'meetings_agreements.errors.state').optional(),
  title: actionItemFields.title.optional(),
  owner_person_id: actionItemFields.owner_person_id,
  owner_organisation_id: actionItemFields.owner_organisation_id,
  due_on: actionItemFields.due_on.optional(),
});

/** An action item with its meeting, and what the asker may do with it. */
export interface ActionItemAccess {
  item: ActionItemRow;
  meeting: MeetingAccess;
  resource: ActionItemResource;
  /** May change everything (runs the body's meetings), not only the state. */
  manages: boolean;
}

/**
 * The action item `id` names, for someone who may see it (its meeting's readers, and its owner
 * or whoever represents the owner organisation): 404 otherwise. `forUpdate` locks the item.
 */
export async function actionItemFor(db: Queryable, actor: Actor | null, id: number, options: { forUpdate?: boolean } = {}): Promise<ActionItemAccess> {
  const item = await findActionItem(db, id, options);
  if (!item) throw new AppError('not_found');
  const agreement = await findAgreement(db, item.agreement_id);
  const found = agreement ? await findMeeting(db, agreement.meeting_id) : undefined;
  if (!found) throw new AppError('not_found');
  const today = todayInSpace();
  const standing = await standingOf(db, actor?.id ?? null, today);
  const representing = actor ? await organisationsRepresentedBy(db, actor.id, today) : new Set<number>();
  const base = meetingResource(standing, found.body);
  const resource: ActionItemResource = { ...base, item, representing };
  if (!allows(viewMeeting, actor, base) && !allows(updateActionItem, actor, resource)) throw new AppError('not_found');
  return { item, meeting: { ...found, standing, resource: base }, resource, manages: runsMeetings(actor, base) };
}

/** Adds an action item to an agreement (whoever runs the body's meetings). */
export const addActionItem = defineCommand({
  name: 'meetings.action_items.add',
  input: addActionItemSchema,
  policy: manageMeetings,
  load: async (tx, input) => {
    const agreement = await findAgreement(tx.trx, input.agreement_id);
    if (!agreement) throw new AppError('not_found');
    const access = await meetingFor(tx.trx, tx.scope.actor, agreement.meeting_id, manageMeetings);
    return { ...access.resource, access, agreementId: agreement.id };
  },
  run: async (tx, input, { access, agreementId }): Promise<{ id: number }> => {
    const owners = await ownersOfBody(tx.trx, access.body.id, todayInSpace());
    checkActionItem(input, owners, adoptedOn(access.meeting), tx.scope.locale, '');
    const id = await insertActionItem(tx, access, agreementId, input);
    tx.emit({ type: 'meetings.action_item_added', tags: ['meetings'], payload: { id, agreement_id: agreementId } });
    return { id };
  },
});

/**
 * Changes an action item. Its state: its owner, whoever represents the owner organisation, or
 * whoever runs the meetings; its title, owner and due date: only the latter (403 otherwise).
 * Done records today as the day it was done; leaving done forgets it.
 */
export const changeActionItem = defineCommand({
  name: 'meetings.action_items.update',
  input: changeActionItemSchema,
  policy: updateActionItem,
  load: async (tx, input) => {
    const access = await actionItemFor(tx.trx, tx.scope.actor, input.action_item_id, { forUpdate: true });
    return { ...access.resource, access };
  },
  run: async (tx, input, { access }): Promise<{ id: number; state: ActionState }> => {
    const { item, meeting } = access;
    const locale = tx.scope.locale;
    const changesMore = input.title !== undefined || input.owner_person_id !== undefined || input.owner_organisation_id !== undefined || input.due_on !== undefined;
    if (changesMore && !access.manages) throw new AppError('forbidden');
    const today = todayInSpace();
    const owner =
      input.owner_person_id !== undefined || input.owner_organisation_id !== undefined
        ? { owner_person_id: input.owner_person_id ?? null, owner_organisation_id: input.owner_organisation_id ?? null }
        : { owner_person_id: item.owner_person_id, owner_organisation_id: item.owner_organisation_id };
    if ((owner.owner_person_id === null) === (owner.owner_organisation_id === null)) throw fieldError('owner', 'meetings_agreements.errors.owner_one', locale);
    const next = {
      title: input.title ?? item.title,
      ...owner,
      due_on: input.due_on ?? item.due_on,
      state: input.state ?? item.state,
    };
    const ownerChanged = next.owner_person_id !== item.owner_person_id || next.owner_organisation_id !== item.owner_organisation_id;
    if (ownerChanged) checkOwner(next, await ownersOfBody(tx.trx, meeting.body.id, today), locale, 'owner');
    if (input.due_on !== undefined) checkDueDate(input.due_on, adoptedOn(meeting.meeting), locale, 'due_on');
    const doneOn = next.state === 'done' ? (item.state === 'done' ? item.done_on : today) : null;
    await tx.trx
      .updateTable('action_items')
      .set({ title: next.title, owner_person_id: next.owner_person_id, owner_organisation_id: next.owner_organisation_id, due_on: next.due_on, state: next.state, done_on: doneOn, updated_at: new Date() })
      .where('id', '=', item.id)
      .execute();
    await tx.audit({
      action: 'meetings.action_items.update',
      subjectType: 'action_item',
      subjectId: item.id,
      before: { title: item.title, owner_person_id: item.owner_person_id, owner_organisation_id: item.owner_organisation_id, due_on: item.due_on, state: item.state, done_on: item.done_on },
      after: { ...next, done_on: doneOn },
      visibility: auditVisibility(meeting),
    });
    tx.emit({ type: 'meetings.action_item_updated', tags: ['meetings'], payload: { id: item.id, agreement_id: item.agreement_id } });
    return { id: item.id, state: next.state };
  },
});
