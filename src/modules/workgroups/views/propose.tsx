/** Proposing a working group: its name and purpose, its charter, its sunset, who may join. */
import type { FieldErrors } from '../../../kernel/errors.js';
import {
  Button, ButtonGroup, Checkboxes, Details, ErrorSummary, Form, TextArea, TextField,
} from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import { Layout } from '../../../kernel/ui/layout.js';
import { LEVELS } from '../schema.js';
import type { OrganisationField } from '../organisation-field.js';
import { OrganisationPicker } from './parts.js';

/** What the form shows: what the person typed, by field name. */
export type FormValues = Record<string, string | string[]>;

const value = (values: FormValues, name: string): string => {
  const v = values[name];
  return typeof v === 'string' ? v : '';
};

/** The translatable parts of the proposal, in form order: field prefix, catalog key, box size. */
const TEXTS = [
  { prefix: 'name', key: 'name', rows: 0, max: 200 },
  { prefix: 'purpose', key: 'purpose', rows: 3, max: 2000 },
  { prefix: 'charter_objectives', key: 'objectives', rows: 5, max: 5000 },
  { prefix: 'charter_method', key: 'method', rows: 5, max: 5000 },
  { prefix: 'charter_cadence', key: 'cadence', rows: 2, max: 2000 },
  { prefix: 'charter_deliverables', key: 'deliverables', rows: 5, max: 5000 },
] as const;

function TranslatableFields(props: { ctx: ViewContext; lang: 'ca' | 'es' | 'en'; values: FormValues; errors: FieldErrors | undefined }) {
  const { ctx, lang, values, errors } = props;
  const t = ctx.t;
  const optional = lang !== 'ca';
  return (
    <>
      {TEXTS.map((part) => {
        const name = `${part.prefix}_${lang}`;
        const label = lang === 'ca' ? t(`workgroups.propose.fields.${part.key}`) : t(`workgroups.propose.translated.${part.key}`, { language: t(`workgroups.languages.${lang}`) });
        const hint = lang === 'ca' ? t(`workgroups.propose.hints.${part.key}`) : undefined;
        return part.rows === 0 ? (
          <TextField name={name} label={label} hint={hint} value={value(values, name)} error={errors?.[name]} lang={lang} maxlength={part.max} optional={optional} required={!optional} />
        ) : (
          <TextArea name={name} label={label} hint={hint} value={value(values, name)} error={errors?.[name]} lang={lang} rows={part.rows} maxlength={part.max} optional={optional} required={!optional} />
        );
      })}
    </>
  );
}

export interface ProposePageProps {
  ctx: ViewContext;
  values: FormValues;
  errors?: FieldErrors | undefined;
  /** Every entity, or the box to type one's name. */
  organisations: OrganisationField;
  /** The first and last sunset dates allowed today. */
  earliest: string;
  latest: string;
}

/** The proposal form. Catalan is required; Spanish and English translations are folded away until wanted. */
export function ProposePage({ ctx, values, errors, organisations, earliest, latest }: ProposePageProps) {
  const t = ctx.t;
  const levels = Array.isArray(values.allowed_levels) ? values.allowed_levels : values.allowed_levels ? [values.allowed_levels] : [];
  const translationOpen = (lang: 'es' | 'en') => TEXTS.some((part) => value(values, `${part.prefix}_${lang}`) !== '' || errors?.[`${part.prefix}_${lang}`] !== undefined);
  return (
    <Layout
      ctx={ctx}
      title={t('workgroups.propose.title')}
      hasErrors={!!errors}
      breadcrumbs={[{ label: t('workgroups.crumbs.bodies'), href: ctx.href('/bodies') }, { label: t('workgroups.propose.title') }]}
    >
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{t('workgroups.propose.title')}</h1>
      <div class="two-thirds">
        <p class="lead">{t('workgroups.propose.lead')}</p>
        <p>{t('workgroups.propose.next')}</p>
        <Form ctx={ctx} action={ctx.href('/working-groups/new')}>
          <h2>{t('workgroups.propose.sections.group')}</h2>
          <TranslatableFields ctx={ctx} lang="ca" values={values} errors={errors} />
          <Details summary={t('workgroups.propose.translation', { language: t('workgroups.languages.es') })} open={translationOpen('es')}>
            <TranslatableFields ctx={ctx} lang="es" values={values} errors={errors} />
          </Details>
          <Details summary={t('workgroups.propose.translation', { language: t('workgroups.languages.en') })} open={translationOpen('en')}>
            <TranslatableFields ctx={ctx} lang="en" values={values} errors={errors} />
          </Details>

          <h2>{t('workgroups.propose.sections.life')}</h2>
          <TextField
            name="sunset_on"
            type="date"
            label={t('workgroups.propose.fields.sunset_on')}
            hint={t('workgroups.propose.hints.sunset_on', { earliest: ctx.formatDate(earliest, 'long'), latest: ctx.formatDate(latest, 'long') })}
            value={value(values, 'sunset_on')}
            error={errors?.sunset_on}
            min={earliest}
            max={latest}
            required
          />
          <TextField
            name="report_interval_days"
            type="number"
            inputmode="numeric"
            label={t('workgroups.propose.fields.report_interval_days')}
            hint={t('workgroups.propose.hints.report_interval_days')}
            value={value(values, 'report_interval_days')}
            error={errors?.report_interval_days}
            min={7}
            max={366}
            required
          />

          <h2>{t('workgroups.propose.sections.people')}</h2>
          <Checkboxes
            name="allowed_levels"
            legend={t('workgroups.propose.fields.allowed_levels')}
            hint={t('workgroups.propose.hints.allowed_levels')}
            options={LEVELS.map((level) => ({ value: String(level), label: t(`workgroups.levels.${level}`) }))}
            values={levels}
            error={errors?.allowed_levels}
          />
          <OrganisationPicker
            ctx={ctx}
            field={organisations}
            label={t('workgroups.propose.fields.organisation_id')}
            hint={t('workgroups.propose.hints.organisation_id')}
            placeholder={t('workgroups.propose.as_individual')}
            value={value(values, 'organisation_id')}
            errors={errors}
            optional
          />
          <ButtonGroup>
            <Button>{t('workgroups.propose.submit')}</Button>
            <a href={ctx.href('/bodies')}>{t('workgroups.cancel')}</a>
          </ButtonGroup>
        </Form>
      </div>
    </Layout>
  );
}
