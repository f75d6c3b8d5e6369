/** The page where admins and officials edit a body: names, purpose, rules and, for a working group, its charter. */
import type { FieldErrors } from '../../../kernel/errors.js';
import { Button, ButtonGroup, Checkboxes, ErrorSummary, fieldId, Form, NotificationBanner, Radios, TextArea, TextField } from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import { Layout } from '../../../kernel/ui/layout.js';
import type { BodyRow } from '../bodies-store.js';
import { CHARTER_PARTS, CHARTER_PART_MAX, LEVELS, NAME_MAX, PURPOSE_MAX, type EditForm } from '../edit-body.js';
import { COLLEGES } from '../tables.js';
import { bodiesCrumbs, bodyHref } from './body-parts.js';

const LANGUAGES = ['ca', 'es', 'en'] as const;

/** What the form shows for a body as stored. */
export function formFromBody(body: BodyRow): EditForm {
  const form: EditForm = {
    'rules.seats_per_entity': body.seats_per_entity === null ? '' : String(body.seats_per_entity),
    'rules.allowed_colleges': [...body.allowed_colleges],
    'rules.allowed_levels': body.allowed_levels.map(String),
    open: body.open ? 'yes' : 'no',
    report_interval_days: body.report_interval_days === null ? '' : String(body.report_interval_days),
  };
  for (const language of LANGUAGES) {
    form[`name.${language}`] = body.name[language] ?? '';
    form[`purpose.${language}`] = body.purpose?.[language] ?? '';
    for (const part of CHARTER_PARTS) form[`charter.${part}.${language}`] = body.charter?.[part]?.[language] ?? '';
  }
  return form;
}

function one(form: EditForm, name: string): string {
  const value = form[name];
  return typeof value === 'string' ? value : '';
}

function many(form: EditForm, name: string): string[] {
  const value = form[name];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** A translatable text as three boxes (Catalan first and required) in one fieldset. */
function TranslatableFields(props: {
  ctx: ViewContext;
  name: string;
  legend: string;
  hint: string;
  multiline?: boolean;
  max: number;
  form: EditForm;
  errors: FieldErrors | undefined;
  /** The Catalan box may be left blank (with the other two). */
  optional?: boolean;
}) {
  const { ctx, name, form, errors } = props;
  const hintId = `${fieldId(name)}-hint`;
  return (
    <fieldset class="fieldset" aria-describedby={hintId}>
      <legend class="legend">{props.legend}</legend>
      <div class="hint" id={hintId}>
        {props.hint}
      </div>
      {LANGUAGES.map((language) => {
        const field = `${name}.${language}`;
        const common = {
          name: field,
          label: ctx.t(`bodies.edit.languages.${language}`),
          value: one(form, field),
          error: errors?.[field],
          optional: language !== 'ca' || props.optional,
          required: language === 'ca' && !props.optional,
          maxlength: props.max,
          lang: language,
        };
        return props.multiline ? <TextArea {...common} rows={4} /> : <TextField {...common} />;
      })}
    </fieldset>
  );
}

export interface EditBodyPageProps {
  ctx: ViewContext;
  body: BodyRow;
  /** What the form shows: what was typed when sent back, or what is stored. */
  form: EditForm;
  errors?: FieldErrors | undefined;
}

/** `GET|POST /bodies/:slug/edit`. */
export function EditBodyPage({ ctx, body, form, errors }: EditBodyPageProps) {
  const t = ctx.t;
  const name = (body.name[ctx.locale] ?? '').trim() || body.name.ca;
  const isWorkingGroup = body.kind === 'working_group';
  return (
    <Layout
      ctx={ctx}
      title={t('bodies.edit.title', { name })}
      hasErrors={!!errors}
      breadcrumbs={bodiesCrumbs(ctx, [{ label: name, href: bodyHref(ctx, body) }, { label: t('bodies.edit.crumb') }])}
    >
      <ErrorSummary ctx={ctx} errors={errors} />
      <span class="caption">{name}</span>
      <h1>{t('bodies.edit.heading')}</h1>
      <p>{t('bodies.edit.lead')}</p>
      <Form ctx={ctx} action={ctx.href(`/bodies/${body.slug}/edit`)}>
        <TranslatableFields ctx={ctx} name="name" legend={t('bodies.edit.name')} hint={t('bodies.edit.name_hint')} max={NAME_MAX} form={form} errors={errors} />
        <TranslatableFields
          ctx={ctx}
          name="purpose"
          legend={t('bodies.edit.purpose')}
          hint={t('bodies.edit.purpose_hint')}
          multiline
          optional
          max={PURPOSE_MAX}
          form={form}
          errors={errors}
        />

        <h2>{t('bodies.edit.rules')}</h2>
        <TextField
          name="rules.seats_per_entity"
          label={t('bodies.edit.seats')}
          hint={t('bodies.edit.seats_hint')}
          inputmode="numeric"
          width="short"
          optional
          value={one(form, 'rules.seats_per_entity')}
          error={errors?.['rules.seats_per_entity']}
          maxlength={3}
        />
        <Checkboxes
          name="rules.allowed_colleges"
          legend={t('bodies.edit.colleges')}
          hint={t('bodies.edit.colleges_hint')}
          options={COLLEGES.map((college) => ({ value: college, label: t(`mandates.colleges.${college}`) }))}
          values={many(form, 'rules.allowed_colleges')}
          error={errors?.['rules.allowed_colleges']}
          optional
        />
        <Checkboxes
          name="rules.allowed_levels"
          legend={t('bodies.edit.levels')}
          hint={t('bodies.edit.levels_hint')}
          options={LEVELS.map((level) => ({ value: String(level), label: t('bodies.edit.level', { level }), hint: t(`bodies.levels.${level}`) }))}
          values={many(form, 'rules.allowed_levels')}
          error={errors?.['rules.allowed_levels']}
          optional
        />

        {isWorkingGroup ? (
          <>
            <Radios
              name="open"
              legend={t('bodies.edit.open')}
              hint={t('bodies.edit.open_hint')}
              options={[
                { value: 'yes', label: t('bodies.edit.open_yes') },
                { value: 'no', label: t('bodies.edit.open_no') },
              ]}
              value={one(form, 'open')}
              error={errors?.open}
              inline
            />
            <TextField
              name="report_interval_days"
              label={t('bodies.edit.report_interval')}
              hint={t('bodies.edit.report_interval_hint')}
              inputmode="numeric"
              width="short"
              optional
              value={one(form, 'report_interval_days')}
              error={errors?.report_interval_days}
              maxlength={3}
            />

            <h2>{t('bodies.charter.title')}</h2>
            <p>{t('bodies.edit.charter_lead')}</p>
            {CHARTER_PARTS.map((part) => (
              <TranslatableFields
                ctx={ctx}
                name={`charter.${part}`}
                legend={t(`bodies.charter.${part}`)}
                hint={t(`bodies.edit.charter_hints.${part}`)}
                multiline
                max={CHARTER_PART_MAX}
                form={form}
                errors={errors}
              />
            ))}
            {body.sunset_on ? (
              <NotificationBanner kind="info" title={t('bodies.edit.sunset_title')}>
                <p>
                  {t('bodies.edit.sunset_note', { date: ctx.formatDate(body.sunset_on, 'long') })}
                </p>
              </NotificationBanner>
            ) : null}
          </>
        ) : null}

        <ButtonGroup>
          <Button>{t('bodies.edit.save')}</Button>
          <a href={bodyHref(ctx, body)}>{t('bodies.edit.cancel')}</a>
        </ButtonGroup>
      </Form>
    </Layout>
  );
}

/** The edit page of a closed or declined group: nothing can be changed, and it says why. */
export function FrozenBodyPage({ ctx, body }: { ctx: ViewContext; body: BodyRow }) {
  const t = ctx.t;
  const name = (body.name[ctx.locale] ?? '').trim() || body.name.ca;
  return (
    <Layout ctx={ctx} title={t('bodies.edit.title', { name })} breadcrumbs={bodiesCrumbs(ctx, [{ label: name, href: bodyHref(ctx, body) }, { label: t('bodies.edit.crumb') }])}>
      <span class="caption">{name}</span>
      <h1>{t('bodies.edit.heading')}</h1>
      <NotificationBanner kind="warning" title={t('bodies.page.frozen_title')}>
        <p>{t('bodies.errors.frozen')}</p>
      </NotificationBanner>
      <p>
        <a href={bodyHref(ctx, body)}>{t('bodies.edit.back')}</a>
      </p>
    </Layout>
  );
}
