/** The body's meeting rules form. */
import type { FieldErrors } from '../../kernel/errors.js';
import { pickTranslation } from '../../kernel/i18n/translatable.js';
import { Button, ButtonGroup, ErrorSummary, Form, Radios, TextField } from '../../kernel/ui/components.js';
import type { ViewContext } from '../../kernel/ui/context.js';
import { Layout } from '../../kernel/ui/layout.js';
import type { RulesBody } from './body-rules.js';
import { DEFAULT_DOSSIER_DAYS, DEFAULT_NOTICE_DAYS, DEFAULT_PUBLIC } from './rules.js';

/** What the form shows: as stored, or as the person typed it. */
export interface BodyRulesValues {
  notice_days: string;
  dossier_days: string;
  quorum_basis: string;
  quorum_percent: string;
  meetings_public: string;
  named_votes: string;
}

export function storedRulesValues(body: RulesBody): BodyRulesValues {
  return {
    notice_days: body.notice_days === null ? '' : String(body.notice_days),
    dossier_days: body.dossier_days === null ? '' : String(body.dossier_days),
    quorum_basis: body.quorum_basis,
    quorum_percent: String(body.quorum_percent),
    meetings_public: body.meetings_public === null ? 'default' : body.meetings_public ? 'yes' : 'no',
    named_votes: body.named_votes ? 'yes' : 'no',
  };
}

export function BodyRulesPage({ ctx, body, values, errors }: { ctx: ViewContext; body: RulesBody; values: BodyRulesValues; errors?: FieldErrors | undefined }) {
  const t = ctx.t;
  const title = t('meetings_attendance.rules.title');
  const name = pickTranslation(body.name, ctx.locale).text;
  const p = 'meetings_attendance.rules';
  return (
    <Layout
      ctx={ctx}
      title={title}
      hasErrors={Boolean(errors && Object.keys(errors).length > 0)}
      breadcrumbs={[{ label: t('bodies.nav'), href: ctx.href('/bodies') }, { label: name, href: ctx.href(`/bodies/${body.slug}`) }, { label: title }]}
    >
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      <p class="lead">{t(`${p}.lead`, { body: name })}</p>
      <Form ctx={ctx} action={ctx.href(`/bodies/${body.slug}/meeting-rules`)}>
        <TextField name="notice_days" type="number" inputmode="numeric" min={0} max={90} label={t(`${p}.notice_days`)} hint={t(`${p}.notice_days_hint`, { days: DEFAULT_NOTICE_DAYS[body.kind] })} value={values.notice_days} error={errors?.notice_days} optional />
        <TextField name="dossier_days" type="number" inputmode="numeric" min={0} max={90} label={t(`${p}.dossier_days`)} hint={t(`${p}.dossier_days_hint`, { days: DEFAULT_DOSSIER_DAYS[body.kind] })} value={values.dossier_days} error={errors?.dossier_days} optional />
        <Radios
          name="quorum_basis"
          legend={t(`${p}.quorum_basis`)}
          options={[
            { value: 'members', label: t(`${p}.basis_members`), hint: t(`${p}.basis_members_hint`) },
            { value: 'organisations', label: t(`${p}.basis_organisations`), hint: t(`${p}.basis_organisations_hint`) },
          ]}
          value={values.quorum_basis}
          error={errors?.quorum_basis}
        />
        <TextField name="quorum_percent" type="number" inputmode="numeric" min={1} max={100} label={t(`${p}.quorum_percent`)} hint={t(`${p}.quorum_percent_hint`)} value={values.quorum_percent} error={errors?.quorum_percent} required />
        <Radios
          name="meetings_public"
          legend={t(`${p}.meetings_public`)}
          options={[
            { value: 'default', label: t(`${p}.public_default`, { value: t(`${p}.${DEFAULT_PUBLIC[body.kind] ? 'value_public' : 'value_private'}`) }) },
            { value: 'yes', label: t(`${p}.public_yes`) },
            { value: 'no', label: t(`${p}.public_no`) },
          ]}
          value={values.meetings_public}
          error={errors?.meetings_public}
        />
        <Radios
          name="named_votes"
          legend={t(`${p}.named_votes`)}
          options={[
            { value: 'no', label: t(`${p}.named_no`) },
            { value: 'yes', label: t(`${p}.named_yes`) },
          ]}
          value={values.named_votes}
          error={errors?.named_votes}
        />
        <ButtonGroup>
          <Button>{t(`${p}.save`)}</Button>
          <a href={ctx.href(`/bodies/${body.slug}`)}>{t(`${p}.cancel`)}</a>
        </ButtonGroup>
      </Form>
    </Layout>
  );
}
