/** A working group's follow-up reports (public), and the form coordinators file one with. */
import type { FieldErrors } from '../../../kernel/errors.js';
import {
  Button, ButtonGroup, ButtonLink, EmptyState, Form, Pagination, Radios, Tag, TextArea, TextField,
} from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import { REPORT_TEXT_MAX } from '../schema.js';
import type { ReportRow } from '../reports-store.js';
import type { GroupRow } from '../store.js';
import { GroupPage, PlainText, StateTag } from './parts.js';

function Report({ ctx, report }: { ctx: ViewContext; report: ReportRow }) {
  const t = ctx.t;
  const headingId = `report-${report.id}`;
  const period = t('workgroups.reports.period', { start: ctx.formatDate(report.period_start, 'short'), end: ctx.formatDate(report.period_end, 'short') });
  return (
    <article class="card" aria-labelledby={`${headingId}-title`} id={headingId}>
      <h2 id={`${headingId}-title`}>
        {period} {report.kind === 'final' ? <Tag kind="info">{t('workgroups.reports.kinds.final')}</Tag> : null}
      </h2>
      <p class="text-soft">
        {report.submitted_by_name
          ? t('workgroups.reports.submitted_by', { name: report.submitted_by_name, date: ctx.formatDate(report.created_at, 'long') })
          : t('workgroups.reports.submitted_on', { date: ctx.formatDate(report.created_at, 'long') })}
      </p>
      <h3>{t('workgroups.reports.fields.progress')}</h3>
      <PlainText text={report.progress} />
      <h3>{t('workgroups.reports.fields.next_steps')}</h3>
      {report.next_steps ? <PlainText text={report.next_steps} /> : <p>{t('workgroups.reports.nothing')}</p>}
      <h3>{t('workgroups.reports.fields.blockers')}</h3>
      {report.blockers ? <PlainText text={report.blockers} /> : <p>{t('workgroups.reports.no_blockers')}</p>}
    </article>
  );
}

export interface ReportsPageProps {
  ctx: ViewContext;
  group: GroupRow;
  reports: { rows: ReportRow[]; total: number; page: number; totalPages: number };
  /** May the reader file a report now (a coordinator of a running group)? */
  canFile: boolean;
}

/** Every report of the group, newest first, twenty a page. */
export function ReportsPage({ ctx, group, reports, canFile }: ReportsPageProps) {
  const t = ctx.t;
  const title = t('workgroups.reports.title');
  return (
    <GroupPage ctx={ctx} group={group} title={title}>
      <p class="lead">{t('workgroups.reports.lead')}</p>
      <p>
        {t('workgroups.refusal.state')} <StateTag ctx={ctx} state={group.state} />
      </p>
      {canFile ? <ButtonLink href={ctx.href(`/bodies/${group.slug}/reports/new`)}>{t('workgroups.reports.new')}</ButtonLink> : null}
      {reports.total === 0 ? (
        <EmptyState title={t('workgroups.reports.empty_title')}>
          <p>{t('workgroups.reports.empty')}</p>
        </EmptyState>
      ) : (
        <>
          <p>{t('workgroups.reports.count', { count: reports.total })}</p>
          {reports.rows.map((report) => (
            <Report ctx={ctx} report={report} />
          ))}
          <Pagination
            ctx={ctx}
            page={reports.page}
            totalPages={reports.totalPages}
            hasPrevious={reports.page > 1}
            hasNext={reports.page < reports.totalPages}
            hrefFor={(page) => ctx.href(`/bodies/${group.slug}/reports${page > 1 ? `?page=${page}` : ''}`)}
          />
        </>
      )}
    </GroupPage>
  );
}

export interface ReportValues {
  kind: string;
  period_start: string;
  period_end: string;
  progress: string;
  next_steps: string;
  blockers: string;
}

export interface NewReportPageProps {
  ctx: ViewContext;
  group: GroupRow;
  values: ReportValues;
  errors?: FieldErrors | undefined;
  /** Is the final report still to be filed (the group is closing and has none)? */
  finalDue: boolean;
}

/** The report form; a closing group is offered its final report. */
export function NewReportPage({ ctx, group, values, errors, finalDue }: NewReportPageProps) {
  const t = ctx.t;
  const title = t('workgroups.reports.new_title');
  return (
    <GroupPage ctx={ctx} group={group} title={title} errors={errors}>
      <p class="lead">{t(finalDue ? 'workgroups.reports.new_lead_final' : 'workgroups.reports.new_lead')}</p>
      <Form ctx={ctx} action={ctx.href(`/bodies/${group.slug}/reports/new`)}>
        {finalDue ? (
          <Radios
            name="kind"
            legend={t('workgroups.reports.fields.kind')}
            options={[
              { value: 'final', label: t('workgroups.reports.kinds.final'), hint: t('workgroups.reports.hints.final') },
              { value: 'periodic', label: t('workgroups.reports.kinds.periodic'), hint: t('workgroups.reports.hints.periodic') },
            ]}
            value={values.kind || 'final'}
            error={errors?.kind}
          />
        ) : (
          <input type="hidden" name="kind" value="periodic" />
        )}
        <TextField name="period_start" type="date" label={t('workgroups.reports.fields.period_start')} value={values.period_start} error={errors?.period_start} required />
        <TextField name="period_end" type="date" label={t('workgroups.reports.fields.period_end')} hint={t('workgroups.reports.hints.period_end')} value={values.period_end} error={errors?.period_end} required />
        <TextArea name="progress" label={t('workgroups.reports.fields.progress')} hint={t('workgroups.reports.hints.progress')} value={values.progress} error={errors?.progress} rows={8} maxlength={REPORT_TEXT_MAX} required />
        <TextArea name="next_steps" label={t('workgroups.reports.fields.next_steps')} value={values.next_steps} error={errors?.next_steps} rows={5} maxlength={REPORT_TEXT_MAX} optional />
        <TextArea name="blockers" label={t('workgroups.reports.fields.blockers')} hint={t('workgroups.reports.hints.blockers')} value={values.blockers} error={errors?.blockers} rows={4} maxlength={REPORT_TEXT_MAX} optional />
        <ButtonGroup>
          <Button>{t('workgroups.reports.submit')}</Button>
          <a href={ctx.href(`/bodies/${group.slug}/reports`)}>{t('workgroups.cancel')}</a>
        </ButtonGroup>
      </Form>
    </GroupPage>
  );
}
