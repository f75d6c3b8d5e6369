/** "My actions" (a person's action items, overdue ones marked in words and colour), and the forms that add or change one. */
import type { FieldErrors } from '../../../kernel/errors.js';
import { Button, ButtonGroup, EmptyState, Form, LocalizedText, Select, SummaryList, TextField, type Option } from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import { ACTION_TITLE_MAX } from '../agreements.js';
import type { OwnActionRow } from '../agreements-store.js';
import { ACTION_STATES } from '../tables.js';
import { ActionStateTag, agreementNumber, AgreementsLayout, DueDate, excerpt, isOverdue, ownerName, textOf } from './agreement-parts.js';

const t = (ctx: ViewContext, key: string, params?: Record<string, string | number>) => ctx.t(`meetings_agreements.${key}`, params);

export const stateOptions = (ctx: ViewContext): Option[] => ACTION_STATES.map((state) => ({ value: state, label: t(ctx, `action_states.${state}`) }));

function MyAction({ ctx, item, today }: { ctx: ViewContext; item: OwnActionRow; today: string }) {
  const overdue = isOverdue(item, today);
  const id = `action-${item.id}`;
  return (
    <li class={overdue ? 'card action-card action-card--overdue' : 'card action-card'} aria-labelledby={`${id}-title`}>
      <h2 class="action-card__title" id={`${id}-title`}>
        {item.title}
      </h2>
      <SummaryList
        bordered={false}
        rows={[
          { key: t(ctx, 'actions.due_on'), value: <DueDate ctx={ctx} item={item} today={today} /> },
          { key: t(ctx, 'actions.state'), value: <ActionStateTag ctx={ctx} state={item.state} /> },
          { key: t(ctx, 'actions.owner'), value: ownerName(item) },
          {
            key: t(ctx, 'actions.agreement'),
            value: (
              <>
                <a href={ctx.href(`/agreements/${item.agreement_id}`)}>{t(ctx, 'agreement_title', { number: agreementNumber({ year: item.agreement_year, number: item.agreement_number }) })}</a>
                {' · '}
                <LocalizedText value={item.body_name} locale={ctx.locale} />
                <br />
                <span class="text-soft">{excerpt(textOf(ctx, item.agreement_text), 160)}</span>
              </>
            ),
          },
        ]}
      />
      <Form ctx={ctx} action={ctx.href(`/action-items/${item.id}/state`)} class="form form--inline">
        <Select name="state" label={t(ctx, 'my.change_state', { title: item.title })} options={stateOptions(ctx)} value={item.state} />
        <Button variant="secondary">{t(ctx, 'my.save_state')}</Button>
      </Form>
    </li>
  );
}

export interface MyActionsPageProps {
  ctx: ViewContext;
  items: OwnActionRow[];
  today: string;
  /** The state filter ('' for open and in progress). */
  state: string;
}

/** The signed-in person's action items, by due date; open ones by default. */
export function MyActionsPage({ ctx, items, today, state }: MyActionsPageProps) {
  const title = t(ctx, 'my.title');
  const overdue = items.filter((item) => isOverdue(item, today)).length;
  return (
    <AgreementsLayout ctx={ctx} title={title} crumbs={[{ label: title }]}>
      <h1>{title}</h1>
      <p class="lead">{t(ctx, 'my.lead')}</p>
      <Form ctx={ctx} action={ctx.href('/actions')} method="get" aria-label={t(ctx, 'my.filter_label')}>
        <Select
          name="state"
          label={t(ctx, 'my.filter')}
          options={[{ value: 'all', label: t(ctx, 'my.all') }, ...stateOptions(ctx)]}
          placeholder={t(ctx, 'my.pending')}
          value={state}
          optional
        />
        <Button variant="secondary">{t(ctx, 'my.apply')}</Button>
      </Form>
      {items.length === 0 ? (
        <EmptyState title={t(ctx, 'my.empty_title')}>
          <p>{t(ctx, 'my.empty')}</p>
        </EmptyState>
      ) : (
        <>
          <p>
            {t(ctx, 'my.count', { count: items.length })}
            {overdue > 0 ? ` ${t(ctx, 'my.overdue_count', { count: overdue })}` : ''}
          </p>
          <ul class="action-list">
            {items.map((item) => (
              <MyAction ctx={ctx} item={item} today={today} />
            ))}
          </ul>
        </>
      )}
    </AgreementsLayout>
  );
}

export interface ActionFormValues {
  title: string;
  owner: string;
  due_on: string;
  state: string;
}

export interface ActionItemFormPageProps {
  ctx: ViewContext;
  mode: 'new' | 'edit';
  action: string;
  cancelHref: string;
  /** "2026/7" */
  number: string;
  values: ActionFormValues;
  owners: Option[];
  /** May change the title, owner and due date (runs the meetings), not only the state. */
  full: boolean;
  errors?: FieldErrors | undefined;
}

/** Adding an action item to an agreement, or changing one (only its state, for its owner). */
export function ActionItemFormPage(props: ActionItemFormPageProps) {
  const { ctx, values, errors } = props;
  const title = props.mode === 'new' ? t(ctx, 'actions.new_title', { number: props.number }) : t(ctx, 'actions.edit_title');
  return (
    <AgreementsLayout ctx={ctx} title={title} errors={errors}>
      <span class="caption">{t(ctx, 'agreement_title', { number: props.number })}</span>
      <h1>{title}</h1>
      <Form ctx={ctx} action={props.action}>
        {props.full ? (
          <>
            <TextField name="title" label={t(ctx, 'actions.title')} value={values.title} error={errors?.title} maxlength={ACTION_TITLE_MAX} required />
            <Select name="owner" label={t(ctx, 'actions.owner')} hint={t(ctx, 'actions.owner_hint')} options={props.owners} placeholder={t(ctx, 'actions.choose_owner')} value={values.owner} error={errors?.owner} required />
            <TextField name="due_on" type="date" label={t(ctx, 'actions.due_on')} value={values.due_on} error={errors?.due_on} required />
          </>
        ) : (
          <p>
            <strong>{values.title}</strong>
          </p>
        )}
        {props.mode === 'edit' ? <Select name="state" label={t(ctx, 'actions.state')} options={stateOptions(ctx)} value={values.state} error={errors?.state} /> : null}
        <ButtonGroup>
          <Button>{t(ctx, props.mode === 'new' ? 'actions.submit_new' : 'actions.submit_edit')}</Button>
          <a href={props.cancelHref}>{t(ctx, 'cancel')}</a>
        </ButtonGroup>
      </Form>
    </AgreementsLayout>
  );
}
