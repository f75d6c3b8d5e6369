/**
 * Adding a mandate, in two steps that work without JavaScript: find the person (a GET search by
 * name or exact e-mail, with a "choose" link per match), then the mandate's form for them.
 */
import type { FieldErrors } from '../../../kernel/errors.js';
import { pickTranslation } from '../../../kernel/i18n/translatable.js';
import {
  Button, ButtonGroup, EmptyState, ErrorSummary, Form, Radios, Select, SummaryList, Table, TextField, VisuallyHidden,
} from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import { Layout } from '../../../kernel/ui/layout.js';
import { ELIGIBLE_SHOWN, type EligibleOrganisation, type MandateBody } from '../mandates-store.js';
import { CANDIDATES_SHOWN, type PersonCandidate } from '../people.js';
import { COLLEGES, MANDATE_ROLES } from '../tables.js';
import { BodyCaption, mandatesCrumbs } from './mandates.js';

/** An example date for hints: the same every day, so pages stay cacheable and tests stable. */
const EXAMPLE_DATE = '2026-03-15';

export interface PersonSearchProps {
  ctx: ViewContext;
  body: MandateBody;
  q: string;
  /** Absent before a search (or when the search did not validate). */
  candidates?: PersonCandidate[];
  errors?: FieldErrors;
}

/** Step one: who will hold the mandate? */
export function PersonSearchPage({ ctx, body, q, candidates, errors }: PersonSearchProps) {
  const t = ctx.t;
  const name = pickTranslation(body.name, ctx.locale).text;
  const title = t('mandates.new.title_of', { body: name });
  const base = `/bodies/${body.slug}/mandates/new`;
  return (
    <Layout ctx={ctx} title={title} hasErrors={!!errors} breadcrumbs={mandatesCrumbs(ctx, body, t('mandates.new.title'))}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <BodyCaption ctx={ctx} body={body} />
      <h1>{t('mandates.new.title')}</h1>
      <Form ctx={ctx} method="get" action={ctx.href(base)} role="search" aria-label={t('mandates.new.search.label')}>
        <TextField name="q" type="search" label={t('mandates.new.search.label')} hint={t('mandates.new.search.hint')} value={q} error={errors?.q} spellcheck={false} maxlength={200} />
        <ButtonGroup>
          <Button>{t('mandates.new.search.submit')}</Button>
          <a href={ctx.href(`/bodies/${body.slug}/mandates`)}>{t('mandates.new.form.cancel')}</a>
        </ButtonGroup>
      </Form>
      {candidates === undefined ? null : candidates.length === 0 ? (
        <EmptyState title={t('mandates.new.search.none_title')}>
          <p>{t('mandates.new.search.none_body')}</p>
        </EmptyState>
      ) : (
        <>
          <p role="status">
            {candidates.length > CANDIDATES_SHOWN
              ? t('mandates.new.search.more', { count: CANDIDATES_SHOWN })
              : t('mandates.new.search.results', { count: candidates.length })}
          </p>
          <Table
            ctx={ctx}
            caption={t('mandates.new.search.caption')}
            captionHidden
            rowHeaders
            head={[t('mandates.new.search.name'), t('mandates.new.search.sits_for'), t('mandates.list.actions')]}
            rows={candidates.slice(0, CANDIDATES_SHOWN).map((person) => [
              person.name,
              person.organisations.join(', '),
              <a href={ctx.href(`${base}?person_id=${person.id}`)}>
                {t('mandates.new.search.choose')}
                <VisuallyHidden> {person.name}</VisuallyHidden>
              </a>,
            ])}
          />
        </>
      )}
    </Layout>
  );
}

/** What the mandate form shows in its fields: what was typed, or the defaults. */
export interface MandateFormValues {
  college: string;
  organisation_id: string;
  role: string;
  starts_on: string;
  ends_on: string;
}

export interface MandateFormProps {
  ctx: ViewContext;
  body: MandateBody;
  person: { id: number; name: string };
  values: MandateFormValues;
  organisations: EligibleOrganisation[];
  /** The organisation search typed, if any. */
  orgQuery: string;
  errors?: FieldErrors;
}

/** Step two: the mandate itself — college, organisation, role and dates. */
export function MandateFormPage({ ctx, body, person, values, organisations, orgQuery, errors }: MandateFormProps) {
  const t = ctx.t;
  const name = pickTranslation(body.name, ctx.locale).text;
  const title = t('mandates.new.title_of', { body: name });
  const base = `/bodies/${body.slug}/mandates/new`;
  const colleges = body.allowed_colleges.length > 0 ? COLLEGES.filter((c) => body.allowed_colleges.includes(c)) : [...COLLEGES];
  const more = organisations.length > ELIGIBLE_SHOWN;
  const choices = organisations.slice(0, ELIGIBLE_SHOWN);
  const mayNarrow = more || orgQuery !== '';
  return (
    <Layout ctx={ctx} title={title} hasErrors={!!errors} breadcrumbs={mandatesCrumbs(ctx, body, t('mandates.new.title'))}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <BodyCaption ctx={ctx} body={body} />
      <h1>{t('mandates.new.title')}</h1>
      {/* The person is chosen in step one; a refusal about them (already sits there, account
          disabled) is shown here, where the error summary's link lands. */}
      <div id="field-person_id" tabindex={-1} class={errors?.person_id ? 'field field--error' : undefined}>
        {errors?.person_id ? (
          <p class="error-message" id="field-person_id-error">
            <span class="visually-hidden">{t('ui.error.prefix')} </span>
            {errors.person_id}
          </p>
        ) : null}
        <SummaryList
          rows={[{
            key: t('mandates.new.form.person'),
            value: person.name,
            action: { href: ctx.href(base), label: t('mandates.new.form.change_person'), context: t('mandates.new.form.change_person_context') },
          }]}
        />
      </div>
      {mayNarrow ? (
        <Form ctx={ctx} method="get" action={ctx.href(base)} role="search" aria-label={t('mandates.new.form.organisation_search')}>
          <input type="hidden" name="person_id" value={String(person.id)} />
          <TextField name="org_q" type="search" label={t('mandates.new.form.organisation_search')} hint={t('mandates.new.form.organisation_search_hint')} value={orgQuery} maxlength={200} spellcheck={false} optional />
          <Button variant="secondary">{t('mandates.new.form.organisation_search_submit')}</Button>
        </Form>
      ) : null}
      <Form ctx={ctx} action={ctx.href(base)}>
        <input type="hidden" name="person_id" value={String(person.id)} />
        {orgQuery !== '' ? <input type="hidden" name="org_q" value={orgQuery} /> : null}
        <Radios
          name="college"
          legend={t('mandates.new.form.college')}
          options={colleges.map((college) => ({ value: college, label: t(`mandates.colleges.${college}`), hint: t(`mandates.college_hints.${college}`) }))}
          value={values.college}
          error={errors?.college}
        />
        <Select
          name="organisation_id"
          label={t('mandates.new.form.organisation')}
          hint={more ? `${t('mandates.new.form.organisation_hint', { body: name })} ${t('mandates.new.form.organisation_more', { count: ELIGIBLE_SHOWN })}` : t('mandates.new.form.organisation_hint', { body: name })}
          placeholder={t('mandates.new.form.organisation_none')}
          options={choices.map((o) => ({ value: String(o.id), label: o.short_name === o.name ? o.name : `${o.short_name} — ${o.name}` }))}
          value={values.organisation_id}
          error={errors?.organisation_id}
          optional
        />
        <Select
          name="role"
          label={t('mandates.new.form.role')}
          hint={t('mandates.new.form.role_hint')}
          options={MANDATE_ROLES.map((role) => ({ value: role, label: t(`mandates.roles.${role}`) }))}
          value={values.role}
          error={errors?.role}
        />
        <TextField name="starts_on" type="date" label={t('mandates.new.form.starts_on')} hint={t('mandates.new.form.date_hint', { example: EXAMPLE_DATE })} value={values.starts_on} error={errors?.starts_on} />
        <TextField name="ends_on" type="date" label={t('mandates.new.form.ends_on')} hint={t('mandates.new.form.ends_on_hint', { example: EXAMPLE_DATE })} value={values.ends_on} error={errors?.ends_on} optional />
        <ButtonGroup>
          <Button>{t('mandates.new.form.submit')}</Button>
          <a href={ctx.href(`/bodies/${body.slug}/mandates`)}>{t('mandates.new.form.cancel')}</a>
        </ButtonGroup>
      </Form>
    </Layout>
  );
}
