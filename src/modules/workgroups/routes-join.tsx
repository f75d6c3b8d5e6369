/**
 * HTTP for joining a working group: ask (`/bodies/:slug/join`), withdraw one's own request
 * (`/join/withdraw`), and the coordinators' list of pending requests with accept and decline
 * (`/join-requests`, `/join-requests/:id`). Thin: the rules are the commands'.
 */
import { AppError, type FieldErrors } from '../../kernel/errors.js';
import { scopeOf, type AppContext } from '../../kernel/http/env.js';
import { setFlash } from '../../kernel/http/flash.js';
import { formString, readForm } from '../../kernel/http/forms.js';
import type { RouteDef } from '../../kernel/http/module.js';
import { viewContext } from '../../kernel/http/view.js';
import { allows, signedIn } from '../../kernel/policy.js';
import type { Standing } from '../bodies/index.js';
import { manageMandates } from '../bodies/policies.js';
import { formFieldErrors, formRefusal } from './form-errors.js';
import { groupBySlug, groupForAction, type GroupRow } from './groups.js';
import { askToJoinGroup, collegesFor, decideJoinRequest, defaultCollege, joinRefusal, personalJoinRefusal, withdrawJoinRequest } from './join.js';
import { askToJoin, manageJoinRequests } from './policies.js';
import { LEVELS } from './schema.js';
import { findJoinRequest, findPendingRequest, listJoinRequests } from './requests-store.js';
import { organisationErrors, organisationField, resolveOrganisation, type ResolvedOrganisation } from './organisation-field.js';
import { JoinPage, JoinPendingPage, JoinRequestsPage, type JoinRequestsPageProps, type JoinValues } from './views/join.js';
import { RefusalPage } from './views/parts.js';

/** How many pending requests the coordinators' page lists at once. */
const PENDING_SHOWN = 200;

const requestsPath = (c: AppContext, group: GroupRow) => `/${c.get('locale')}/bodies/${group.slug}/join-requests`;

function joinRefusalPage(c: AppContext, group: GroupRow, error: AppError) {
  const ctx = viewContext(c);
  return c.html(<RefusalPage ctx={ctx} group={group} title={ctx.t('workgroups.join.title')} message={ctx.t(error.messageKey, error.params)} />, 409);
}

/** The levels whose entities may ask to join the group. */
const levelsOf = (group: GroupRow): readonly number[] => (group.allowed_levels.length > 0 ? group.allowed_levels : LEVELS);

/** The form, empty or sent back with what was typed and its errors (422). */
async function renderJoinForm(c: AppContext, group: GroupRow, sentBack?: { values: JoinValues; errors: FieldErrors; resolved: ResolvedOrganisation }) {
  const field = sentBack?.resolved.field ?? (await organisationField(c.get('services').database.db, levelsOf(group)));
  const errors = sentBack ? organisationErrors(sentBack.errors, sentBack.resolved) : undefined;
  return c.html(<JoinPage ctx={viewContext(c)} group={group} organisations={field} values={sentBack?.values} errors={errors} />, sentBack ? 422 : 200);
}

async function renderRequests(c: AppContext, group: GroupRow, standing: Standing, sentBack?: JoinRequestsPageProps['sentBack'], status: 200 | 409 | 422 = 200) {
  const requests = await listJoinRequests(c.get('services').database.db, group.id, { state: 'pending', limit: PENDING_SHOWN });
  const colleges = (request: (typeof requests)[number]) => ({ options: collegesFor(request), suggested: defaultCollege(request) });
  // The bodies module's mandate form: the group's coordinators, the secretariat, admins and officials (not every steering member).
  const canAddMembers = group.state === 'active' && allows(manageMandates, c.get('actor'), { standing, body: group });
  return c.html(<JoinRequestsPage ctx={viewContext(c)} group={group} requests={requests} colleges={colleges} canAddMembers={canAddMembers} sentBack={sentBack} />, status);
}

export const joinRoutes: RouteDef[] = [
  {
    kind: 'page',
    method: 'GET',
    path: '/bodies/:slug/join',
    policy: askToJoin,
    sample: { slug: 'grup-motor' },
    handler: async (c) => {
      const db = c.get('services').database.db;
      const group = await groupBySlug(db, c.req.param('slug'));
      const actor = c.get('actor');
      if (!actor) throw new AppError('unauthenticated');
      const closed = joinRefusal(group);
      if (closed) return joinRefusalPage(c, group, closed);
      const pending = await findPendingRequest(db, group.id, actor.id);
      if (pending) return c.html(<JoinPendingPage ctx={viewContext(c)} group={group} request={pending} />);
      const personal = await personalJoinRefusal(db, group, actor.id, c.get('locale'));
      if (personal) return joinRefusalPage(c, group, personal);
      return renderJoinForm(c, group);
    },
  },
  {
    kind: 'page',
    method: 'POST',
    path: '/bodies/:slug/join',
    policy: askToJoin,
    sample: { slug: 'grup-motor' },
    handler: async (c) => {
      const db = c.get('services').database.db;
      const group = await groupBySlug(db, c.req.param('slug'));
      const form = await readForm(c);
      const values: JoinValues = {
        as: formString(form, 'as'),
        organisation_id: formString(form, 'organisation_id'),
        organisation_name: formString(form, 'organisation_name'),
        statement: formString(form, 'statement'),
      };
      // An organisation typed by name rather than picked: the one it names, or a reason (several
      // match, none does) that the command's refusal of an empty choice then carries.
      const resolved: ResolvedOrganisation = values.as === 'organisation'
        ? await resolveOrganisation(db, levelsOf(group), values, c.get('locale'), 'workgroups.errors.organisation_no_match_levels')
        : { id: values.organisation_id, field: await organisationField(db, levelsOf(group), values.organisation_name) };
      try {
        await askToJoinGroup(scopeOf(c), { body_id: group.id, as: values.as, organisation_id: resolved.id, statement: values.statement });
        setFlash(c, 'success', 'workgroups.join.done');
        return c.redirect(`/${c.get('locale')}/bodies/${group.slug}/join`, 303);
      } catch (error) {
        const refused = formRefusal(error);
        if (!refused) throw error;
        if (refused.code !== 'validation_failed') return joinRefusalPage(c, group, refused);
        return renderJoinForm(c, group, { values: { ...values, organisation_id: resolved.id }, errors: formFieldErrors(refused.fields), resolved });
      }
    },
  },
  {
    kind: 'page',
    method: 'POST',
    path: '/bodies/:slug/join/withdraw',
    policy: askToJoin,
    sample: { slug: 'grup-motor' },
    handler: async (c) => {
      const db = c.get('services').database.db;
      const group = await groupBySlug(db, c.req.param('slug'));
      const form = await readForm(c);
      const requestId = formString(form, 'request_id');
      // A request of another group is not found here, as on the coordinators' page.
      if (/^[1-9][0-9]{0,14}$/.test(requestId) && (await findJoinRequest(db, Number(requestId)))?.body_id !== group.id) throw new AppError('not_found');
      try {
        await withdrawJoinRequest(scopeOf(c), { request_id: requestId });
      } catch (error) {
        const refused = formRefusal(error);
        if (!refused) throw error;
        if (refused.code === 'validation_failed') throw new AppError('not_found');
        return joinRefusalPage(c, group, refused);
      }
      setFlash(c, 'success', 'workgroups.join.withdrawn');
      return c.redirect(`/${c.get('locale')}/bodies/${group.slug}`, 303);
    },
  },
  {
    kind: 'page',
    method: 'GET',
    path: '/bodies/:slug/join-requests',
    policy: signedIn,
    sample: { slug: 'grup-motor' },
    handler: async (c) => {
      const { group, standing } = await groupForAction(c.get('services').database.db, c.get('actor'), c.req.param('slug'), manageJoinRequests);
      c.header('Cache-Control', 'private, no-store');
      return renderRequests(c, group, standing);
    },
  },
  {
    kind: 'page',
    method: 'POST',
    path: '/bodies/:slug/join-requests/:id{[0-9]{1,15}}',
    policy: signedIn,
    sample: { slug: 'grup-motor', id: '999999' },
    handler: async (c) => {
      const db = c.get('services').database.db;
      const { group, standing } = await groupForAction(db, c.get('actor'), c.req.param('slug'), manageJoinRequests);
      const requestId = Number(c.req.param('id'));
      const form = await readForm(c);
      const college = formString(form, `college_${requestId}`) || formString(form, 'college');
      const reason = formString(form, `reason_${requestId}`) || formString(form, 'reason');
      // A request of another group is not found here, whoever asks.
      if ((await findJoinRequest(db, requestId))?.body_id !== group.id) throw new AppError('not_found');
      try {
        const result = await decideJoinRequest(scopeOf(c), { request_id: requestId, decision: formString(form, 'decision'), college, reason });
        setFlash(c, 'success', result.mandateId === null ? 'workgroups.join_requests.declined' : 'workgroups.join_requests.accepted', { name: result.request.person_name });
        return c.redirect(requestsPath(c, group), 303);
      } catch (error) {
        const refused = formRefusal(error);
        if (!refused) throw error;
        const ctx = viewContext(c);
        // The form's own fields get their message beside them; a rule of the mandate about the
        // person or the organisation (a disabled account, a level the group no longer admits)
        // is said above the request.
        const errors: FieldErrors = {};
        const others: string[] = [];
        for (const [field, message] of Object.entries(refused.fields)) {
          if (field === 'college' || field === 'reason') errors[`${field}_${requestId}`] = message;
          else others.push(message);
        }
        const message = refused.code === 'validation_failed' ? others.join(' ') : ctx.t(refused.messageKey, refused.params);
        const sentBack = { requestId, college, reason, errors, refusal: message === '' ? undefined : message };
        return renderRequests(c, group, standing, sentBack, refused.status as 409 | 422);
      }
    },
  },
];
