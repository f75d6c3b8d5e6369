/** Asking to join a working group, the state of one's own request, and the coordinators' list of requests. */
import type { FieldErrors } from '../../../kernel/errors.js';
import {
  Button, ButtonGroup, ButtonLink, EmptyState, Form, NotificationBanner, Radios, SummaryList, TextArea,
} from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import type { College } from '../../bodies/tables.js';
import { STATEMENT_MAX } from '../schema.js';
import type { JoinRequestRow } from '../requests-store.js';
import type { OrganisationField } from '../organisation-field.js';
import type { GroupRow } from '../store.js';
import { GroupPage, nameOf, OrganisationPicker, PlainText } from './parts.js';

export interface JoinValues {
  as: string;
  organisation_id: string;
  /** The organisation's name as typed, when there are too many to list. */
  organisation_name: string;
  statement: string;
}

export interface JoinPageProps {
  ctx: ViewContext;
  group: GroupRow;
  /** The organisations of the levels the group admits, or the box to type one's name. */
  organisations: OrganisationField;
  values?: JoinValues;
  errors?: FieldErrors | undefined;
}

/** The request form: for an organisation of an allowed level, or as an individual with a statement. */
export function JoinPage({ ctx, group, organisations, values, errors }: JoinPageProps) {
  const t = ctx.t;
  const title = t('workgroups.join.title');
  const levels = new Intl.ListFormat(ctx.locale, { type: 'conjunction' }).format(group.allowed_levels.map((level) => t(`workgroups.levels.${level}`)));
  return (
    <GroupPage ctx={ctx} group={group} title={title} errors={errors}>
      <p class="lead">{t('workgroups.join.lead', { group: nameOf(ctx, group.name) })}</p>
      <p>{group.allowed_levels.length > 0 ? t('workgroups.join.levels', { levels }) : t('workgroups.join.any_level')}</p>
      <Form ctx={ctx} action={ctx.href(`/bodies/${group.slug}/join`)}>
        <Radios
          name="as"
          legend={t('workgroups.join.fields.as')}
          options={[
            { value: 'organisation', label: t('workgroups.join.as_organisation'), hint: t('workgroups.join.as_organisation_hint') },
            { value: 'individual', label: t('workgroups.join.as_individual'), hint: t('workgroups.join.as_individual_hint') },
          ]}
          value={values?.as}
          error={errors?.as}
        />
        <OrganisationPicker
          ctx={ctx}
          field={organisations}
          label={t('workgroups.join.fields.organisation_id')}
          hint={t('workgroups.join.hints.organisation_id')}
          placeholder={t('workgroups.join.choose_organisation')}
          value={values?.organisation_id ?? ''}
          errors={errors}
        />
        <TextArea
          name="statement"
          label={t('workgroups.join.fields.statement')}
          hint={t('workgroups.join.hints.statement', { max: STATEMENT_MAX })}
          value={values?.statement}
          error={errors?.statement}
          rows={6}
          maxlength={STATEMENT_MAX}
        />
        <ButtonGroup>
          <Button>{t('workgroups.join.submit')}</Button>
          <a href={ctx.href(`/bodies/${group.slug}`)}>{t('workgroups.cancel')}</a>
        </ButtonGroup>
      </Form>
    </GroupPage>
  );
}

/** One's own pending request: when it was made, for whom, and the way to withdraw it. */
export function JoinPendingPage({ ctx, group, request }: { ctx: ViewContext; group: GroupRow; request: JoinRequestRow }) {
  const t = ctx.t;
  const title = t('workgroups.join.pending_title');
  return (
    <GroupPage ctx={ctx} group={group} title={title}>
      <p class="lead">{t('workgroups.join.pending_lead')}</p>
      <SummaryList
        rows={[
          { key: t('workgroups.join_requests.asked_on'), value: ctx.formatDate(request.created_at, 'long') },
          { key: t('workgroups.join_requests.as'), value: request.organisation_name ? t('workgroups.join_requests.for_organisation', { organisation: request.organisation_name }) : t('workgroups.join_requests.individual') },
          { key: t('workgroups.join.fields.statement'), value: request.statement ? <PlainText text={request.statement} /> : '—' },
        ]}
      />
      <Form ctx={ctx} action={ctx.href(`/bodies/${group.slug}/join/withdraw`)} confirm={t('workgroups.join.withdraw_confirm')}>
        <input type="hidden" name="request_id" value={String(request.id)} />
        <ButtonGroup>
          <Button variant="secondary">{t('workgroups.join.withdraw')}</Button>
          <a href={ctx.href(`/bodies/${group.slug}`)}>{t('workgroups.join.back')}</a>
        </ButtonGroup>
      </Form>
    </GroupPage>
  );
}

export interface JoinRequestsPageProps {
  ctx: ViewContext;
  group: GroupRow;
  requests: JoinRequestRow[];
  /** The colleges each request may be accepted in, and the one suggested. */
  colleges: (request: JoinRequestRow) => { options: readonly College[]; suggested: College };
  /** May the reader seat someone in the group directly (the mandate form)? */
  canAddMembers: boolean;
  /** What was typed in the form sent back, and its errors, by request id. */
  sentBack?: { requestId: number; college: string; reason: string; errors: FieldErrors; refusal?: string | undefined } | undefined;
}

/** Pending requests with the requesters' statements; accept (choosing the college) or decline each. */
export function JoinRequestsPage({ ctx, group, requests, colleges, canAddMembers, sentBack }: JoinRequestsPageProps) {
  const t = ctx.t;
  const title = t('workgroups.join_requests.title');
  const open = group.state === 'active';
  return (
    <GroupPage ctx={ctx} group={group} title={title} errors={sentBack?.errors}>
      <p class="lead">{t('workgroups.join_requests.lead')}</p>
      {open ? null : (
        <NotificationBanner kind="info" title={t('workgroups.join_requests.not_active_title')}>
          <p>{t('workgroups.join_requests.not_active')}</p>
        </NotificationBanner>
      )}
      {canAddMembers ? (
        <p>
          <a href={ctx.href(`/bodies/${group.slug}/mandates/new`)}>{t('workgroups.join_requests.add_member')}</a>
        </p>
      ) : null}
      {requests.length === 0 ? (
        <EmptyState title={t('workgroups.join_requests.empty_title')}>
          <p>{t('workgroups.join_requests.empty')}</p>
        </EmptyState>
      ) : (
        <>
          <p>{t('workgroups.join_requests.count', { count: requests.length })}</p>
          {requests.map((request) => {
            const choice = colleges(request);
            const mine = sentBack?.requestId === request.id ? sentBack : undefined;
            const headingId = `request-${request.id}`;
            return (
              <section class="card" aria-labelledby={headingId}>
                <h2 id={headingId}>{request.person_name}</h2>
                {mine?.refusal ? (
                  <NotificationBanner kind="warning" title={t('workgroups.refusal.title')} live>
                    <p>{mine.refusal}</p>
                  </NotificationBanner>
                ) : null}
                <SummaryList
                  rows={[
                    { key: t('workgroups.join_requests.as'), value: request.organisation_name ? t('workgroups.join_requests.for_organisation', { organisation: request.organisation_name }) : t('workgroups.join_requests.individual') },
                    { key: t('workgroups.join_requests.asked_on'), value: ctx.formatDate(request.created_at, 'long') },
                    { key: t('workgroups.join.fields.statement'), value: request.statement ? <PlainText text={request.statement} /> : t('workgroups.join_requests.no_statement') },
                  ]}
                />
                <Form ctx={ctx} action={ctx.href(`/bodies/${group.slug}/join-requests/${request.id}`)} aria-label={t('workgroups.join_requests.form_label', { name: request.person_name })}>
                  {choice.options.length > 1 ? (
                    <Radios
                      name={`college_${request.id}`}
                      legend={t('workgroups.join_requests.fields.college')}
                      hint={t('workgroups.join_requests.hints.college')}
                      options={choice.options.map((college) => ({ value: college, label: t(`workgroups.colleges.${college}`) }))}
                      value={mine?.college || choice.suggested}
                      error={mine?.errors[`college_${request.id}`]}
                    />
                  ) : (
                    <input type="hidden" name={`college_${request.id}`} value={choice.suggested} />
                  )}
                  <TextArea
                    name={`reason_${request.id}`}
                    label={t('workgroups.join_requests.fields.reason')}
                    hint={t('workgroups.join_requests.hints.reason')}
                    value={mine?.reason}
                    error={mine?.errors[`reason_${request.id}`]}
                    rows={2}
                    maxlength={2000}
                    optional
                  />
                  <ButtonGroup>
                    {open ? (
                      <Button name="decision" value="accept">
                        {t('workgroups.join_requests.accept')}
                      </Button>
                    ) : null}
                    <Button name="decision" value="decline" variant="warning">
                      {t('workgroups.join_requests.decline')}
                    </Button>
                  </ButtonGroup>
                </Form>
              </section>
            );
          })}
        </>
      )}
      <ButtonLink variant="secondary" href={ctx.href(`/bodies/${group.slug}`)}>
        {t('workgroups.refusal.back')}
      </ButtonLink>
    </GroupPage>
  );
}
