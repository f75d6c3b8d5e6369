/** HTTP for a working group's reports: the public list (`/bodies/:slug/reports`) and filing one (`/reports/new`). */
import { z } from 'zod';
import { AppError, type FieldErrors } from '../../kernel/errors.js';
import { scopeOf, type AppContext } from '../../kernel/http/env.js';
import { setFlash } from '../../kernel/http/flash.js';
import { formString, readForm } from '../../kernel/http/forms.js';
import type { RouteDef } from '../../kernel/http/module.js';
import { viewContext } from '../../kernel/http/view.js';
import { allows, signedIn } from '../../kernel/policy.js';
import { formFieldErrors, formRefusal } from './form-errors.js';
import { groupBySlug, groupForAction, standingOfActor, type GroupRow } from './groups.js';
import { fileReport, readGroup } from './policies.js';
import { fileGroupReport, reportRefusal, reportsPage, suggestedPeriod } from './reports.js';
import { hasFinalReport } from './reports-store.js';
import { NewReportPage, ReportsPage, type ReportValues } from './views/reports.js';
import { RefusalPage } from './views/parts.js';

const pageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);

function refusalPage(c: AppContext, group: GroupRow, error: AppError) {
  const ctx = viewContext(c);
  return c.html(<RefusalPage ctx={ctx} group={group} title={ctx.t('workgroups.reports.new_title')} message={ctx.t(error.messageKey, error.params)} />, 409);
}

async function renderNew(c: AppContext, group: GroupRow, values: ReportValues, errors?: FieldErrors) {
  const finalDue = group.state === 'closing' && !(await hasFinalReport(c.get('services').database.db, group.id));
  return c.html(<NewReportPage ctx={viewContext(c)} group={group} values={values} errors={errors} finalDue={finalDue} />, errors ? 422 : 200);
}

/** The group of the path, once the reader is known to be one who files its reports. */
async function groupForFiling(c: AppContext): Promise<GroupRow> {
  return (await groupForAction(c.get('services').database.db, c.get('actor'), c.req.param('slug'), fileReport)).group;
}

export const reportRoutes: RouteDef[] = [
  {
    kind: 'page',
    method: 'GET',
    path: '/bodies/:slug/reports',
    policy: readGroup,
    sample: { slug: 'grup-motor' },
    // The group's state and reports (bodies), and the names of who filed them (people).
    cacheTags: ['bodies', 'people'],
    // Signed in, also whether the person may file one (their mandates).
    signedInCacheTags: ['bodies', 'people', 'mandates'],
    handler: async (c) => {
      const db = c.get('services').database.db;
      const group = await groupBySlug(db, c.req.param('slug'));
      const actor = c.get('actor');
      const page = pageSchema.parse(c.req.query('page'));
      const [reports, standing] = await Promise.all([reportsPage(db, group.id, page), actor ? standingOfActor(db, actor) : Promise.resolve(null)]);
      const canFile = standing !== null && reportRefusal(group) === null && allows(fileReport, actor, { standing, group });
      return c.html(<ReportsPage ctx={viewContext(c)} group={group} reports={reports} canFile={canFile} />);
    },
  },
  {
    kind: 'page',
    method: 'GET',
    path: '/bodies/:slug/reports/new',
    policy: signedIn,
    sample: { slug: 'grup-motor' },
    handler: async (c) => {
      const group = await groupForFiling(c);
      const refused = reportRefusal(group);
      if (refused) return refusalPage(c, group, refused);
      const period = await suggestedPeriod(c.get('services').database.db, group);
      return renderNew(c, group, { kind: '', ...period, progress: '', next_steps: '', blockers: '' });
    },
  },
  {
    kind: 'page',
    method: 'POST',
    path: '/bodies/:slug/reports/new',
    policy: signedIn,
    sample: { slug: 'grup-motor' },
    handler: async (c) => {
      const group = await groupForFiling(c);
      const form = await readForm(c);
      const values: ReportValues = {
        kind: formString(form, 'kind'),
        period_start: formString(form, 'period_start'),
        period_end: formString(form, 'period_end'),
        progress: formString(form, 'progress'),
        next_steps: formString(form, 'next_steps'),
        blockers: formString(form, 'blockers'),
      };
      try {
        await fileGroupReport(scopeOf(c), { body_id: group.id, ...values });
        setFlash(c, 'success', values.kind === 'final' ? 'workgroups.reports.filed_final' : 'workgroups.reports.filed');
        return c.redirect(`/${c.get('locale')}/bodies/${group.slug}/reports`, 303);
      } catch (error) {
        const refused = formRefusal(error);
        if (!refused) throw error;
        if (refused.code !== 'validation_failed') return refusalPage(c, group, refused);
        return renderNew(c, group, values, formFieldErrors(refused.fields));
      }
    },
  },
];
