/** Extending a working group's sunset, moving it to closing, and closing it. */
import type { FieldErrors } from '../../../kernel/errors.js';
import { Button, ButtonGroup, ButtonLink, Form, NotificationBanner, SummaryList, TextArea, TextField } from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import type { GroupRow } from '../store.js';
import { GroupPage, StateTag } from './parts.js';

export interface ExtendPageProps {
  ctx: ViewContext;
  group: GroupRow;
  /** The first and the last date allowed today: after the current sunset and after today; at most 24 months ahead. */
  earliest: string;
  latest: string;
  values?: { sunset_on: string; reason: string };
  errors?: FieldErrors | undefined;
}

/** A new sunset date and the reason for it: a recorded decision. */
export function ExtendPage({ ctx, group, earliest, latest, values, errors }: ExtendPageProps) {
  const t = ctx.t;
  const title = t('workgroups.extend.title');
  return (
    <GroupPage ctx={ctx} group={group} title={title} errors={errors}>
      <p class="lead">{t('workgroups.extend.lead')}</p>
      <SummaryList
        rows={[
          { key: t('workgroups.extend.current'), value: group.sunset_on ? ctx.formatDate(group.sunset_on, 'long') : '—' },
          { key: t('workgroups.decision.facts.state'), value: <StateTag ctx={ctx} state={group.state} /> },
        ]}
      />
      <Form ctx={ctx} action={ctx.href(`/bodies/${group.slug}/extend`)}>
        <TextField
          name="sunset_on"
          type="date"
          label={t('workgroups.extend.fields.sunset_on')}
          hint={t('workgroups.extend.hints.sunset_on', { latest: ctx.formatDate(latest, 'long') })}
          value={values?.sunset_on}
          error={errors?.sunset_on}
          min={earliest}
          max={latest}
          required
        />
        <TextArea name="reason" label={t('workgroups.extend.fields.reason')} hint={t('workgroups.extend.hints.reason')} value={values?.reason} error={errors?.reason} rows={4} maxlength={2000} required />
        <ButtonGroup>
          <Button>{t('workgroups.extend.submit')}</Button>
          <a href={ctx.href(`/bodies/${group.slug}`)}>{t('workgroups.cancel')}</a>
        </ButtonGroup>
      </Form>
    </GroupPage>
  );
}

export interface ClosePageProps {
  ctx: ViewContext;
  group: GroupRow;
  /** For a closing group: is the final report in? */
  hasFinalReport: boolean;
  /** May the reader file the final report (a coordinator)? */
  canFileReport: boolean;
  /** May the reader close the group (steering group, admins)? */
  canClose: boolean;
  values?: { reason: string };
  errors?: FieldErrors | undefined;
  /** A refusal from the last attempt (e.g. the final report is due). */
  refusal?: string | undefined;
}

/**
 * For an active group: move it to closing, with a reason. For a closing group: close it once the
 * final report is in, or say that the report is due and where to file it.
 */
export function ClosePage(props: ClosePageProps) {
  const { ctx, group, errors } = props;
  const t = ctx.t;
  const closing = group.state === 'closing';
  const title = t(closing ? 'workgroups.close.title_close' : 'workgroups.close.title_closing');
  const reportDue = closing && !props.hasFinalReport;
  return (
    <GroupPage ctx={ctx} group={group} title={title} errors={errors}>
      {props.refusal ? (
        <NotificationBanner kind="warning" title={t('workgroups.refusal.title')} live>
          <p>{props.refusal}</p>
        </NotificationBanner>
      ) : null}
      {!closing ? (
        <>
          <p class="lead">{t('workgroups.close.closing_lead')}</p>
          <Form ctx={ctx} action={ctx.href(`/bodies/${group.slug}/close`)}>
            <input type="hidden" name="step" value="closing" />
            <TextArea name="reason" label={t('workgroups.close.fields.reason_closing')} hint={t('workgroups.close.hints.reason_closing')} value={props.values?.reason} error={errors?.reason} rows={4} maxlength={2000} required />
            <ButtonGroup>
              <Button variant="warning">{t('workgroups.close.submit_closing')}</Button>
              <a href={ctx.href(`/bodies/${group.slug}`)}>{t('workgroups.cancel')}</a>
            </ButtonGroup>
          </Form>
        </>
      ) : reportDue ? (
        <>
          <NotificationBanner kind="info" title={t('workgroups.close.report_due_title')}>
            <p>{t('workgroups.errors.final_report_due')}</p>
          </NotificationBanner>
          {props.canFileReport ? <ButtonLink href={ctx.href(`/bodies/${group.slug}/reports/new`)}>{t('workgroups.close.file_final_report')}</ButtonLink> : null}
          <p>
            <a href={ctx.href(`/bodies/${group.slug}/reports`)}>{t('workgroups.close.see_reports')}</a>
          </p>
        </>
      ) : props.canClose ? (
        <>
          <p class="lead">{t('workgroups.close.close_lead')}</p>
          <ul>
            <li>{t('workgroups.close.consequences.mandates')}</li>
            <li>{t('workgroups.close.consequences.frozen')}</li>
            <li>{t('workgroups.close.consequences.readable')}</li>
          </ul>
          <Form ctx={ctx} action={ctx.href(`/bodies/${group.slug}/close`)} confirm={t('workgroups.close.confirm')}>
            <input type="hidden" name="step" value="closed" />
            <TextArea name="reason" label={t('workgroups.close.fields.reason_close')} value={props.values?.reason} error={errors?.reason} rows={3} maxlength={2000} optional />
            <ButtonGroup>
              <Button variant="warning">{t('workgroups.close.submit_close')}</Button>
              <a href={ctx.href(`/bodies/${group.slug}`)}>{t('workgroups.cancel')}</a>
            </ButtonGroup>
          </Form>
        </>
      ) : (
        <p>{t('workgroups.close.ready_for_steering')}</p>
      )}
    </GroupPage>
  );
}
