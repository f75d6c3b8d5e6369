/** HTTP for proposing a working group (`/working-groups/new`). Thin: the rules are the command's. */
import { scopeOf, type AppContext } from '../../kernel/http/env.js';
import { setFlash } from '../../kernel/http/flash.js';
import { formString, readForm } from '../../kernel/http/forms.js';
import type { RouteDef } from '../../kernel/http/module.js';
import { viewContext } from '../../kernel/http/view.js';
import type { FieldErrors } from '../../kernel/errors.js';
import { pickTranslation } from '../../kernel/i18n/translatable.js';
import { validate } from '../../kernel/validation.js';
import { addDays, latestSunset } from './dates.js';
import { formFieldErrors, formRefusal } from './form-errors.js';
import { spaceToday } from './groups.js';
import { proposeGroup } from './policies.js';
import { proposeWorkingGroup } from './propose.js';
import { DEFAULT_LEVELS, DEFAULT_REPORT_INTERVAL_DAYS, LEVELS, proposalSchema } from './schema.js';
import { organisationErrors, organisationField, resolveOrganisation, type ResolvedOrganisation } from './organisation-field.js';
import { ProposePage, type FormValues } from './views/propose.js';

/** The translatable parts, by the form's field prefix. */
const PARTS = ['name', 'purpose', 'charter_objectives', 'charter_method', 'charter_cadence', 'charter_deliverables'] as const;

/** The form's flat fields as the command's input: `name_ca` → `name.ca`, `charter_method_es` → `charter.method.es`. */
export function proposalFromForm(form: Record<string, string | string[]>) {
  const text = (prefix: string) => ({ ca: formString(form, `${prefix}_ca`), es: formString(form, `${prefix}_es`), en: formString(form, `${prefix}_en`) });
  const levels = form.allowed_levels;
  return {
    name: text('name'),
    purpose: text('purpose'),
    charter: {
      objectives: text('charter_objectives'),
      method: text('charter_method'),
      cadence: text('charter_cadence'),
      deliverables: text('charter_deliverables'),
    },
    sunset_on: formString(form, 'sunset_on'),
    // No box ticked sends nothing: that is "none", which the schema refuses, not "the default".
    allowed_levels: levels === undefined ? [] : levels,
    report_interval_days: formString(form, 'report_interval_days'),
    organisation_id: formString(form, 'organisation_id'),
  };
}

/** Paths naming a whole translatable object point at its Catalan box. */
const ALIASES: Record<string, string> = {
  name: 'name_ca',
  purpose: 'purpose_ca',
  charter: 'charter_objectives_ca',
  ...Object.fromEntries(PARTS.filter((p) => p.startsWith('charter_')).map((p) => [p.replace('_', '.'), `${p}_ca`])),
};

async function renderForm(c: AppContext, values: FormValues, sentBack?: { errors: FieldErrors; resolved: ResolvedOrganisation }) {
  const today = spaceToday();
  const field = sentBack?.resolved.field ?? (await organisationField(c.get('services').database.db, LEVELS));
  const errors = sentBack ? organisationErrors(sentBack.errors, sentBack.resolved) : undefined;
  const page = <ProposePage ctx={viewContext(c)} values={values} errors={errors} organisations={field} earliest={addDays(today, 1)} latest={latestSunset(today)} />;
  return c.html(page, errors ? 422 : 200);
}

export const proposeRoutes: RouteDef[] = [
  {
    kind: 'page',
    method: 'GET',
    path: '/working-groups/new',
    policy: proposeGroup,
    handler: (c) => renderForm(c, { allowed_levels: DEFAULT_LEVELS.map(String), report_interval_days: String(DEFAULT_REPORT_INTERVAL_DAYS) }),
  },
  {
    kind: 'page',
    method: 'POST',
    path: '/working-groups/new',
    policy: proposeGroup,
    handler: async (c) => {
      const form = await readForm(c);
      const locale = c.get('locale');
      const input = proposalFromForm(form);
      // An organisation typed by name rather than picked: the one it names, or why not.
      const resolved = await resolveOrganisation(
        c.get('services').database.db,
        LEVELS,
        { organisation_id: input.organisation_id, organisation_name: formString(form, 'organisation_name') },
        locale,
        'workgroups.errors.organisation_no_match',
      );
      try {
        // A name that chose nothing must not propose the group as an individual: the rest of the
        // form is checked, so every mistake is said at once, and nothing is written.
        if (resolved.error !== undefined) {
          validate(proposalSchema, input, locale);
          return await renderForm(c, form, { errors: {}, resolved });
        }
        const group = await proposeWorkingGroup(scopeOf(c), { ...input, organisation_id: resolved.id });
        setFlash(c, 'success', 'workgroups.propose.done', { name: pickTranslation(group.name, locale).text });
        return c.redirect(`/${locale}/bodies/${group.slug}`, 303);
      } catch (error) {
        const refusal = formRefusal(error);
        if (!refusal) throw error;
        const errors = refusal.code === 'validation_failed' ? formFieldErrors(refusal.fields, ALIASES) : { name_ca: viewContext(c).t(refusal.messageKey, refusal.params) };
        return renderForm(c, { ...form, organisation_id: resolved.id }, { errors, resolved });
      }
    },
  },
];
