/**
 * Joining an open working group: a person asks, for an organisation of a level the group admits
 * (self-declared: the coordinators check it) or as an individual with a short statement of their
 * profile; the coordinators accept (a `member` mandate from today) or decline; the person hears
 * either way. A person may withdraw their own pending request.
 */
import type { Queryable } from '../../db/types.js';
import { defineCommand, type CommandTx } from '../../kernel/commands.js';
import { AppError } from '../../kernel/errors.js';
import { formatDate, translate, type Locale } from '../../kernel/i18n/index.js';
import { fieldError } from '../../kernel/validation.js';
import { addMandateInTx } from '../bodies/index.js';
import type { College } from '../bodies/tables.js';
import { groupName, mailPeople } from './emails.js';
import { lockedGroupOr404, spaceToday, standingOfActor } from './groups.js';
import { askToJoin, manageJoinRequests, withdrawOwnRequest } from './policies.js';
import { INDIVIDUAL_COLLEGES, joinDecisionSchema, joinSchema, withdrawSchema } from './schema.js';
import { findJoinRequest, findPendingRequest, insertJoinRequest, lockJoinRequest, settleJoinRequest, type JoinRequestRow } from './requests-store.js';
import { coordinatorIds, findOrganisation, isActiveMember, steeringOrAdminIds, type GroupRow } from './store.js';

/**
 * Why nobody may ask to join this group now, or null when they may: only `active` groups that
 * are `open` take requests. The message names the group's state.
 */
export function joinRefusal(group: Pick<GroupRow, 'state' | 'open'>): AppError | null {
  if (group.state !== 'active') return new AppError('invalid_transition', { messageKey: `workgroups.errors.join_${group.state}` });
  if (!group.open) return new AppError('conflict', { messageKey: 'workgroups.errors.join_not_open' });
  return null;
}

/**
 * Why this person may not ask (already a member, or a request already pending), or null.
 * Reads with `db`: the command passes its transaction.
 */
export async function personalJoinRefusal(
  db: Queryable,
  group: GroupRow,
  personId: number,
  locale: Locale,
): Promise<AppError | null> {
  if (await isActiveMember(db, group.id, personId, spaceToday())) return new AppError('conflict', { messageKey: 'workgroups.errors.already_member' });
  const pending = await findPendingRequest(db, group.id, personId);
  if (pending) return new AppError('conflict', { messageKey: 'workgroups.errors.already_asked', params: { date: formatDate(locale, pending.created_at, 'long') } });
  return null;
}

/**
 * The people who hear of a new request: the coordinators, or the steering group when the group
 * has none (the administrators while the steering group has nobody either).
 */
async function reviewersOf(db: Queryable, groupId: number): Promise<number[]> {
  const today = spaceToday();
  const coordinators = await coordinatorIds(db, groupId, today);
  return coordinators.length > 0 ? coordinators : steeringOrAdminIds(db, today);
}

/**
 * Asks to join an active, open group (409 otherwise, naming the state; 409 for a member or a
 * second pending request). For an organisation, it must be an entity of a level the group
 * admits (422 otherwise); as an individual, a statement of up to 1,000 characters is required.
 * The coordinators are e-mailed. Audited (internal: the statement is for the coordinators).
 */
export const askToJoinGroup = defineCommand({
  name: 'workgroups.join',
  input: joinSchema,
  policy: askToJoin,
  run: async (tx, input): Promise<{ id: number; group: GroupRow }> => {
    const { locale, actor } = tx.scope;
    if (!actor) throw new AppError('unauthenticated');
    // Locked, so two requests of one person cannot both pass the duplicate check.
    const group = await lockedGroupOr404(tx.trx, input.body_id);
    const refusal = joinRefusal(group) ?? (await personalJoinRefusal(tx.trx, group, actor.id, locale));
    if (refusal) throw refusal;
    let organisationName: string | null = null;
    if (input.organisation_id !== null) {
      const organisation = await findOrganisation(tx.trx, input.organisation_id);
      if (!organisation || organisation.kind !== 'entity') throw fieldError('organisation_id', 'workgroups.errors.organisation_unknown', locale);
      if (group.allowed_levels.length > 0 && (organisation.level === null || !group.allowed_levels.includes(organisation.level))) {
        throw fieldError('organisation_id', 'workgroups.errors.organisation_level_not_allowed', locale, {
          organisation: organisation.name,
          levels: new Intl.ListFormat(locale, { type: 'conjunction' }).format(group.allowed_levels.map(String)),
        });
      }
      organisationName = organisation.name;
    }
    const id = await insertJoinRequest(tx.trx, { body_id: group.id, person_id: actor.id, organisation_id: input.organisation_id, statement: input.statement });
    await tx.audit({
      action: 'workgroups.join',
      subjectType: 'join_request',
      subjectId: id,
      after: { body_id: group.id, person_id: actor.id, organisation_id: input.organisation_id },
    });
    tx.emit({ type: 'workgroups.join_requested', tags: ['join_requests'], payload: { body_id: group.id, id } });
    await mailPeople(tx.trx, tx.scope.services, await reviewersOf(tx.trx, group.id), 'join_requested', {
      params: (to) => ({
        group: groupName(group.name, to),
        person: actor.name,
        as: organisationName ? translate(to, 'workgroups.emails.as_organisation', { organisation: organisationName }) : translate(to, 'workgroups.emails.as_individual'),
      }),
      path: `/bodies/${group.slug}/join-requests`,
    });
    return { id, group };
  },
});

/** The college an accepted person sits in unless the coordinator picks another. */
export function defaultCollege(request: Pick<JoinRequestRow, 'organisation_id'>): College {
  return request.organisation_id === null ? 'trajectory' : 'entity';
}

/** The colleges a coordinator may choose from on accepting this request. */
export function collegesFor(request: Pick<JoinRequestRow, 'organisation_id'>): readonly College[] {
  return request.organisation_id === null ? INDIVIDUAL_COLLEGES : ['entity'];
}

export interface JoinRequestDecided {
  request: JoinRequestRow;
  group: GroupRow;
  mandateId: number | null;
}

/**
 * The request and its group, both locked for the command: the group first, then the request,
 * in the same order whoever answers or withdraws it, so two such commands never wait on each
 * other. 404 when there is no such request.
 */
async function lockRequestWithGroup(tx: CommandTx, requestId: number): Promise<{ group: GroupRow; request: JoinRequestRow }> {
  const unlocked = await findJoinRequest(tx.trx, requestId);
  if (!unlocked) throw new AppError('not_found');
  const group = await lockedGroupOr404(tx.trx, unlocked.body_id);
  const request = await lockJoinRequest(tx.trx, requestId);
  if (!request) throw new AppError('not_found');
  return { group, request };
}

/**
 * Accepts or declines a pending request: the group's coordinators, the steering group or
 * administrators. Accepting needs an active group and creates the person's `member` mandate from
 * today, in the same transaction, under every rule of the body; the college is the coordinator's
 * choice (`entity` for an organisation's person; `trajectory` by default for an individual).
 * 409 for a request already settled. The requester is e-mailed either way. Audited.
 */
export const decideJoinRequest = defineCommand({
  name: 'workgroups.join_requests.decide',
  input: joinDecisionSchema,
  policy: manageJoinRequests,
  load: async (tx, input) => ({ ...(await lockRequestWithGroup(tx, input.request_id)), standing: await standingOfActor(tx.trx, tx.scope.actor) }),
  run: async (tx, input, { group, request }): Promise<JoinRequestDecided> => {
    const { locale, actor } = tx.scope;
    if (request.state !== 'pending') {
      throw new AppError('invalid_transition', { messageKey: 'workgroups.errors.request_settled', params: { state: translate(locale, `workgroups.join_requests.states.${request.state}`) } });
    }
    const reason = input.reason === '' ? null : input.reason;
    const content = (kind: 'join_accepted' | 'join_declined') => ({
      kind,
      params: (to: Locale) => ({ group: groupName(group.name, to), reason: reason ?? translate(to, 'workgroups.emails.no_reason') }),
      path: `/bodies/${group.slug}`,
    });

    if (input.decision === 'decline') {
      await settleJoinRequest(tx.trx, request.id, { state: 'declined', decided_by: actor?.id ?? null, decision_reason: reason });
      await tx.audit({ action: 'workgroups.join_requests.decline', subjectType: 'join_request', subjectId: request.id, before: { state: 'pending' }, after: { state: 'declined', reason } });
      tx.emit({ type: 'workgroups.join_declined', tags: ['join_requests'], payload: { body_id: group.id, id: request.id } });
      const mail = content('join_declined');
      await mailPeople(tx.trx, tx.scope.services, [request.person_id], mail.kind, mail);
      return { request: { ...request, state: 'declined', decision_reason: reason }, group, mandateId: null };
    }

    if (group.state !== 'active') {
      throw new AppError('invalid_transition', { messageKey: 'workgroups.errors.accept_not_active', params: { state: translate(locale, `workgroups.states.${group.state}`) } });
    }
    const college = input.college ?? defaultCollege(request);
    if (!collegesFor(request).includes(college)) throw fieldError('college', request.organisation_id === null ? 'workgroups.errors.college_individual' : 'workgroups.errors.college_organisation', locale);
    if (await isActiveMember(tx.trx, group.id, request.person_id, spaceToday())) {
      throw new AppError('conflict', { messageKey: 'workgroups.errors.requester_already_member', params: { person: request.person_name } });
    }
    const mandateId = await addMandateInTx(tx, { id: group.id }, {
      person_id: request.person_id,
      organisation_id: request.organisation_id,
      college,
      role: 'member',
      starts_on: spaceToday(),
    });
    await settleJoinRequest(tx.trx, request.id, { state: 'accepted', decided_by: actor?.id ?? null, decision_reason: reason, mandate_id: mandateId });
    await tx.audit({
      action: 'workgroups.join_requests.accept',
      subjectType: 'join_request',
      subjectId: request.id,
      before: { state: 'pending' },
      after: { state: 'accepted', college, mandate_id: mandateId, reason },
    });
    tx.emit({ type: 'workgroups.join_accepted', tags: ['join_requests'], payload: { body_id: group.id, id: request.id } });
    const mail = content('join_accepted');
    await mailPeople(tx.trx, tx.scope.services, [request.person_id], mail.kind, mail);
    return { request: { ...request, state: 'accepted', decision_reason: reason, mandate_id: mandateId }, group, mandateId };
  },
});

/** Withdraws the actor's own pending request (409 once settled). Audited. */
export const withdrawJoinRequest = defineCommand({
  name: 'workgroups.join_requests.withdraw',
  input: withdrawSchema,
  policy: withdrawOwnRequest,
  load: async (tx, input) => {
    const { group, request } = await lockRequestWithGroup(tx, input.request_id);
    return Object.assign(request, { group });
  },
  run: async (tx, _input, request): Promise<JoinRequestDecided> => {
    const { locale, actor } = tx.scope;
    if (request.state !== 'pending') {
      throw new AppError('invalid_transition', { messageKey: 'workgroups.errors.request_settled', params: { state: translate(locale, `workgroups.join_requests.states.${request.state}`) } });
    }
    await settleJoinRequest(tx.trx, request.id, { state: 'withdrawn', decided_by: actor?.id ?? null, decision_reason: null });
    await tx.audit({ action: 'workgroups.join_requests.withdraw', subjectType: 'join_request', subjectId: request.id, before: { state: 'pending' }, after: { state: 'withdrawn' } });
    tx.emit({ type: 'workgroups.join_withdrawn', tags: ['join_requests'], payload: { body_id: request.body_id, id: request.id } });
    const { group, ...rest } = request;
    return { request: { ...rest, state: 'withdrawn' }, group, mandateId: null };
  },
});
