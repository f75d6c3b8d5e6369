/**
 * The agreement form (new and edit): the text in three languages, the method, and the vote's
 * result as a table of inputs — one row per option (three ready: for, against, abstentions) with
 * its total and its count per college — that works without JavaScript. A new agreement may come
 * with action items (one row here; more from the agreement's page).
 */
import type { FieldErrors } from '../../../kernel/errors.js';
import { Button, ButtonGroup, Form, LocalizedText, Radios, Select, TextArea, TextField, fieldId, type Option } from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import { COLLEGES, type College } from '../../bodies/tables.js';
import type { Translatable } from '../../../kernel/i18n/translatable.js';
import { AGREEMENT_TEXT_MAX, ACTION_TITLE_MAX } from '../agreements.js';
import { AgreementsLayout } from './agreement-parts.js';

const t = (ctx: ViewContext, key: string, params?: Record<string, string | number>) => ctx.t(`meetings_agreements.${key}`, params);

export interface OptionValues {
  label: string;
  count: string;
  colleges: Record<College, string>;
}

export interface ActionValues {
  title: string;
  /** `person:<id>` or `organisation:<id>`. */
  owner: string;
  due_on: string;
}

export interface AgreementFormValues {
  text_ca: string;
  text_es: string;
  text_en: string;
  method: string;
  options: OptionValues[];
  actions: ActionValues[];
}

export const emptyColleges = (): Record<College, string> => Object.fromEntries(COLLEGES.map((college) => [college, ''])) as Record<College, string>;

/** The three options a vote usually has, in the reader's language, and one blank row. */
export function defaultOptions(ctx: ViewContext): OptionValues[] {
  return [
    ...(['for', 'against', 'abstain'] as const).map((key) => ({ label: t(ctx, `result.defaults.${key}`), count: '', colleges: emptyColleges() })),
    { label: '', count: '', colleges: emptyColleges() },
  ];
}

/** The people and organisations that may own an action item, as a list to pick from. */
export function ownerOptions(ctx: ViewContext, owners: { people: Map<number, string>; organisations: Map<number, string> }): Option[] {
  return [
    ...[...owners.people].map(([id, name]) => ({ value: `person:${id}`, label: name })),
    ...[...owners.organisations].sort((a, b) => a[1].localeCompare(b[1])).map(([id, name]) => ({ value: `organisation:${id}`, label: t(ctx, 'actions.organisation_owner', { name }) })),
  ];
}

/** One number box inside the result table, labelled for screen readers by its row and column. */
function CountCell({ ctx, name, value, label, errors }: { ctx: ViewContext; name: string; value: string; label: string; errors?: FieldErrors | undefined }) {
  const id = fieldId(name);
  const error = errors?.[name];
  return (
    <td class={error ? 'table__cell table__cell--numeric field--error' : 'table__cell table__cell--numeric'}>
      <label class="visually-hidden" for={id}>
        {label}
      </label>
      {error ? (
        <p class="error-message" id={`${id}-error`}>
          <span class="visually-hidden">{ctx.t('ui.error.prefix')} </span>
          {error}
        </p>
      ) : null}
      <input class="input input--count" id={id} name={name} type="text" inputmode="numeric" pattern="[0-9]*" value={value} size={5} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${id}-error` : undefined} />
    </td>
  );
}

function ResultInputs({ ctx, values, errors }: { ctx: ViewContext; values: AgreementFormValues; errors?: FieldErrors | undefined }) {
  return (
    <fieldset class="fieldset">
      <legend class="legend">{t(ctx, 'form.result_legend')}</legend>
      <div class="hint" id="result-hint">
        {t(ctx, 'form.result_hint')}
      </div>
      <div class="table-scroll" role="region" aria-label={t(ctx, 'form.result_legend')} tabindex={0}>
        <table class="table" aria-describedby="result-hint">
          <thead>
            <tr>
              <th scope="col">{t(ctx, 'result.option')}</th>
              <th scope="col" class="table__cell--numeric">
                {t(ctx, 'result.total')}
              </th>
              {COLLEGES.map((college) => (
                <th scope="col" class="table__cell--numeric">
                  {ctx.t(`mandates.colleges.${college}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {values.options.map((option, index) => {
              const labelName = `result_options_${index}_label`;
              const rowName = option.label || t(ctx, 'form.option_n', { n: index + 1 });
              const error = errors?.[labelName];
              return (
                <tr>
                  <td class={error ? 'table__cell field--error' : 'table__cell'}>
                    <label class="visually-hidden" for={fieldId(labelName)}>
                      {t(ctx, 'form.option_label', { n: index + 1 })}
                    </label>
                    {error ? (
                      <p class="error-message" id={`${fieldId(labelName)}-error`}>
                        {error}
                      </p>
                    ) : null}
                    <input class="input" id={fieldId(labelName)} name={labelName} type="text" value={option.label} maxlength={200} aria-invalid={error ? 'true' : undefined} />
                  </td>
                  <CountCell ctx={ctx} name={`result_options_${index}_count`} value={option.count} label={t(ctx, 'form.count_label', { option: rowName })} errors={errors} />
                  {COLLEGES.map((college) => (
                    <CountCell
                      ctx={ctx}
                      name={`result_options_${index}_by_college_${college}`}
                      value={option.colleges[college]}
                      label={t(ctx, 'form.college_count_label', { option: rowName, college: ctx.t(`mandates.colleges.${college}`) })}
                      errors={errors}
                    />
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </fieldset>
  );
}

function ActionRows({ ctx, values, owners, errors }: { ctx: ViewContext; values: AgreementFormValues; owners: Option[]; errors?: FieldErrors | undefined }) {
  return (
    <>
      <h2>{t(ctx, 'form.actions_heading')}</h2>
      <p class="hint">{t(ctx, 'form.actions_hint')}</p>
      {values.actions.map((action, index) => (
        <fieldset class="fieldset">
          <legend class="legend">{t(ctx, 'form.action_n', { n: index + 1 })}</legend>
          <TextField name={`action_items_${index}_title`} label={t(ctx, 'actions.title')} value={action.title} error={errors?.[`action_items_${index}_title`]} maxlength={ACTION_TITLE_MAX} optional />
          <Select name={`action_items_${index}_owner`} label={t(ctx, 'actions.owner')} options={owners} placeholder={t(ctx, 'actions.choose_owner')} value={action.owner} error={errors?.[`action_items_${index}_owner`]} optional />
          <TextField name={`action_items_${index}_due_on`} type="date" label={t(ctx, 'actions.due_on')} value={action.due_on} error={errors?.[`action_items_${index}_due_on`]} optional />
        </fieldset>
      ))}
    </>
  );
}

export interface AgreementFormPageProps {
  ctx: ViewContext;
  mode: 'new' | 'edit';
  action: string;
  cancelHref: string;
  meeting: { id: number; title: Translatable };
  item: { position: number; title: Translatable };
  /** "2026/7" when editing. */
  number?: string;
  values: AgreementFormValues;
  owners: Option[];
  errors?: FieldErrors | undefined;
}

export function AgreementFormPage(props: AgreementFormPageProps) {
  const { ctx, values, errors } = props;
  const title = props.mode === 'new' ? t(ctx, 'form.new_title') : t(ctx, 'form.edit_title', { number: props.number ?? '' });
  const crumbs = [
    { label: <LocalizedText value={props.meeting.title} locale={ctx.locale} />, href: ctx.href(`/meetings/${props.meeting.id}`) },
    { label: title },
  ];
  return (
    <AgreementsLayout ctx={ctx} title={title} crumbs={crumbs} errors={errors} wide>
      <span class="caption">
        {props.item.position}. <LocalizedText value={props.item.title} locale={ctx.locale} />
      </span>
      <h1>{title}</h1>
      <Form ctx={ctx} action={props.action}>
        <TextArea name="text_ca" label={t(ctx, 'form.text_ca')} hint={t(ctx, 'form.text_hint')} value={values.text_ca} error={errors?.text_ca} rows={6} maxlength={AGREEMENT_TEXT_MAX} lang="ca" required />
        <TextArea name="text_es" label={t(ctx, 'form.text_es')} value={values.text_es} error={errors?.text_es} rows={4} maxlength={AGREEMENT_TEXT_MAX} lang="es" optional />
        <TextArea name="text_en" label={t(ctx, 'form.text_en')} value={values.text_en} error={errors?.text_en} rows={4} maxlength={AGREEMENT_TEXT_MAX} lang="en" optional />
        <Radios
          name="method"
          legend={t(ctx, 'fields.method')}
          options={[
            { value: 'consensus', label: t(ctx, 'method.consensus') },
            { value: 'vote', label: t(ctx, 'method.vote'), hint: t(ctx, 'form.vote_hint') },
          ]}
          value={values.method || 'consensus'}
          error={errors?.method}
        />
        <ResultInputs ctx={ctx} values={values} errors={errors} />
        {props.mode === 'new' ? <ActionRows ctx={ctx} values={values} owners={props.owners} errors={errors} /> : null}
        <ButtonGroup>
          <Button>{t(ctx, props.mode === 'new' ? 'form.submit_new' : 'form.submit_edit')}</Button>
          <a href={props.cancelHref}>{t(ctx, 'cancel')}</a>
        </ButtonGroup>
      </Form>
    </AgreementsLayout>
  );
}
