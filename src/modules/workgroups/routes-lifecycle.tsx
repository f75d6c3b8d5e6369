/**
 * HTTP for the steering group's decisions on a working group: approve or decline a proposal
 * (`/bodies/:slug/decision`), extend its sunset (`/extend`), move it to closing and close it
 * (`/close`). Each page checks the reader against the group (403), then its state (409).
 */
import type { AppError, FieldErrors } from '../../kernel/errors.js';
import { scopeOf, type AppContext } from '../../kernel/http/env.js';
import { setFlash } from '../../kernel/http/flash.js';
import { formString, readForm } from '../../kernel/http/forms.js';
import type { RouteDef } from '../../kernel/http/module.js';
import { viewContext } from '../../kernel/http/view.js';
import { formatDate, translate, type Locale } from '../../kernel/i18n/index.js';
import { pickTranslation } from '../../kernel/i18n/translatable.js';
import { allows, signedIn, type Policy } from '../../kernel/policy.js';
import type { Standing } from '../bodies/index.js';
import { closeWorkingGroup, moveToClosing } from './close.js';
import { addDays, latestSunset } from './dates.js';
import { decideOnProposal, notAwaitingDecision } from './decide.js';
import { extendWorkingGroup } from './extend.js';
import { formFieldErrors, formRefusal, onFormFields } from './form-errors.js';
import { groupForAction, spaceToday, standingOfActor, type GroupRow } from './groups.js';
import { closeGroup, decideProposal, extendGroup, fileReport, startClosing, type GroupResource } from './policies.js';
import { hasFinalReport } from './reports-store.js';
import { findProposalOrganisation, peopleNames } from './store.js';
import { DecisionPage, type ProposalFacts } from './views/decision.js';
import { ClosePage, ExtendPage } from './views/lifecycle.js';
import { RefusalPage } from './views/parts.js';

const groupPath = (c: AppContext, group: GroupRow) => `/${c.get('locale')}/bodies/${group.slug}`;

/** The group of the path, for a reader the policy lets act on it, and the reader's standing. */
function pageGroup(c: AppContext, policy: Policy<GroupResource>): Promise<{ group: GroupRow; standing: Standing }> {
  return groupForAction(c.get('services').database.db, c.get('actor'), c.req.param('slug'), policy);
}

/** Why an action cannot be done now: a message of the catalog and its values. */
type Refusal = Pick<AppError, 'messageKey' | 'params'>;

/** The page saying why the action cannot be done in the group's state (409). */
function refusal(c: AppContext, group: GroupRow, titleKey: string, error: Refusal) {
  const ctx = viewContext(c);
  return c.html(<RefusalPage ctx={ctx} group={group} title={ctx.t(titleKey)} message={ctx.t(error.messageKey, error.params)} />, 409);
}

async function proposalFacts(c: AppContext, group: GroupRow): Promise<ProposalFacts> {
  const db = c.get('services').database.db;
  const [names, organisation] = await Promise.all([
    peopleNames(db, group.proposed_by === null ? [] : [group.proposed_by]),
    findProposalOrganisation(db, group.id),
  ]);
  return { group, proposerName: group.proposed_by === null ? null : (names.get(group.proposed_by) ?? null), organisationName: organisation?.name ?? null };
}

/** The window of a new sunset date today: the page's date field says it. */
function extendWindow(group: GroupRow): { earliest: string; latest: string } {
  const today = spaceToday();
  const afterToday = addDays(today, 1);
  const afterCurrent = group.sunset_on === null ? afterToday : addDays(group.sunset_on, 1);
  return { earliest: afterCurrent > afterToday ? afterCurrent : afterToday, latest: latestSunset(today) };
}

/** Why the group's sunset cannot move in its state, or null. */
function extendRefusal(group: GroupRow, locale: Locale): Refusal | null {
  if (group.state === 'active' || group.state === 'closing') return null;
  return { messageKey: 'workgroups.errors.extend_not_running', params: { state: translate(locale, `workgroups.states.${group.state}`) } };
}

async function renderClose(c: AppContext, group: GroupRow, standing: Standing, extra: { values?: { reason: string }; errors?: FieldErrors; refusal?: string } = {}, status: 200 | 409 | 422 = 200) {
  const actor = c.get('actor');
  const resource = { standing, group };
  const finalIn = group.state === 'closing' ? await hasFinalReport(c.get('services').database.db, group.id) : false;
  const page = (
    <ClosePage
      ctx={viewContext(c)}
      group={group}
      hasFinalReport={finalIn}
      canFileReport={allows(fileReport, actor, resource)}
      canClose={allows(closeGroup, actor, resource)}
      values={extra.values}
      errors={extra.errors}
      refusal={extra.refusal}
    />
  );
  return c.html(page, status);
}

export const lifecycleRoutes: RouteDef[] = [
  {
    kind: 'page',
    method: 'GET',
    path: '/bodies/:slug/decision',
    policy: signedIn,
    sample: { slug: 'grup-motor' },
    handler: async (c) => {
      const { group } = await pageGroup(c, decideProposal);
      if (group.state !== 'proposed') return refusal(c, group, 'workgroups.decision.title', notAwaitingDecision());
      return c.html(<DecisionPage ctx={viewContext(c)} facts={await proposalFacts(c, group)} />);
    },
  },
  {
    kind: 'page',
    method: 'POST',
    path: '/bodies/:slug/decision',
    policy: signedIn,
    sample: { slug: 'grup-motor' },
    handler: async (c) => {
      const { group } = await pageGroup(c, decideProposal);
      const form = await readForm(c);
      const values = { decision: formString(form, 'decision'), reason: formString(form, 'reason') };
      try {
        const result = await decideOnProposal(scopeOf(c), { body_id: group.id, ...values });
        const name = pickTranslation(group.name, c.get('locale')).text;
        if (result.decision === 'decline') setFlash(c, 'success', 'workgroups.decision.declined', { name });
        else setFlash(c, 'success', result.coordinatorMandateId === null ? 'workgroups.decision.approved_no_coordinator' : 'workgroups.decision.approved', { name });
        return c.redirect(groupPath(c, group), 303);
      } catch (error) {
        const refused = formRefusal(error);
        if (!refused) throw error;
        if (refused.code === 'invalid_transition') return refusal(c, group, 'workgroups.decision.title', refused);
        const ctx = viewContext(c);
        // Approving seats the proposer as coordinator: a rule of that mandate (their organisation's
        // level, their account) is said beside the decision.
        const errors = refused.code === 'validation_failed' ? onFormFields(formFieldErrors(refused.fields), ['decision', 'reason'], 'decision') : { decision: ctx.t(refused.messageKey, refused.params) };
        return c.html(<DecisionPage ctx={ctx} facts={await proposalFacts(c, group)} values={values} errors={errors} />, refused.status as 409 | 422);
      }
    },
  },
  {
    kind: 'page',
    method: 'GET',
    path: '/bodies/:slug/extend',
    policy: signedIn,
    sample: { slug: 'grup-motor' },
    handler: async (c) => {
      const { group } = await pageGroup(c, extendGroup);
      const refused = extendRefusal(group, c.get('locale'));
      if (refused) return refusal(c, group, 'workgroups.extend.title', refused);
      return c.html(<ExtendPage ctx={viewContext(c)} group={group} {...extendWindow(group)} />);
    },
  },
  {
    kind: 'page',
    method: 'POST',
    path: '/bodies/:slug/extend',
    policy: signedIn,
    sample: { slug: 'grup-motor' },
    handler: async (c) => {
      const { group } = await pageGroup(c, extendGroup);
      const form = await readForm(c);
      const values = { sunset_on: formString(form, 'sunset_on'), reason: formString(form, 'reason') };
      try {
        const result = await extendWorkingGroup(scopeOf(c), { body_id: group.id, ...values });
        setFlash(c, 'success', 'workgroups.extend.done', { date: formatDate(c.get('locale'), result.group.sunset_on ?? values.sunset_on, 'long') });
        return c.redirect(groupPath(c, group), 303);
      } catch (error) {
        const refused = formRefusal(error);
        if (!refused) throw error;
        if (refused.code !== 'validation_failed') return refusal(c, group, 'workgroups.extend.title', refused);
        const page = <ExtendPage ctx={viewContext(c)} group={group} {...extendWindow(group)} values={values} errors={formFieldErrors(refused.fields)} />;
        return c.html(page, 422);
      }
    },
  },
  {
    kind: 'page',
    method: 'GET',
    path: '/bodies/:slug/close',
    policy: signedIn,
    sample: { slug: 'grup-motor' },
    handler: async (c) => {
      // Whoever may start closing (the steering group, coordinators, admins) may read this page;
      // only the steering group and admins get the button that closes a closing group.
      const { group, standing } = await pageGroup(c, startClosing);
      if (group.state !== 'active' && group.state !== 'closing') {
        return refusal(c, group, 'workgroups.close.title_closing', { messageKey: 'workgroups.errors.closing_not_active', params: { state: translate(c.get('locale'), `workgroups.states.${group.state}`) } });
      }
      return renderClose(c, group, standing);
    },
  },
  {
    kind: 'page',
    method: 'POST',
    path: '/bodies/:slug/close',
    policy: signedIn,
    sample: { slug: 'grup-motor' },
    handler: async (c) => {
      // The closing step's own rule (steering group and admins only) is the command's to check.
      const { group } = await pageGroup(c, startClosing);
      const form = await readForm(c);
      const step = formString(form, 'step') || (group.state === 'closing' ? 'closed' : 'closing');
      const values = { reason: formString(form, 'reason') };
      const scope = scopeOf(c);
      try {
        if (step === 'closed') {
          await closeWorkingGroup(scope, { body_id: group.id, ...values });
          setFlash(c, 'success', 'workgroups.close.closed', { name: pickTranslation(group.name, c.get('locale')).text });
        } else {
          await moveToClosing(scope, { body_id: group.id, ...values });
          setFlash(c, 'success', 'workgroups.close.closing', { name: pickTranslation(group.name, c.get('locale')).text });
        }
        return c.redirect(groupPath(c, group), 303);
      } catch (error) {
        const refused = formRefusal(error);
        if (!refused) throw error;
        if (refused.code === 'invalid_transition') return refusal(c, group, 'workgroups.close.title_closing', refused);
        const standing = await standingOfActor(c.get('services').database.db, c.get('actor'));
        if (refused.code === 'conflict') return renderClose(c, group, standing, { values, refusal: viewContext(c).t(refused.messageKey, refused.params) }, 409);
        return renderClose(c, group, standing, { values, errors: formFieldErrors(refused.fields) }, 422);
      }
    },
  },
];
