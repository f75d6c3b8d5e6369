/**
 * The report of an import: what happened in one sentence (done, checked only, or stopped by
 * rows with problems), the counts, every row with problems with its line and reasons, and which
 * organisations were (or would be) created and changed.
 */
import { Details, NotificationBanner, SummaryList, Table, type BannerKind } from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import { countsAreWhatWouldHappen, outcomeOf, reportCounts, type ImportOutcome, type ImportReport } from '../csv-import.js';
import type { PlannedRow, RejectedRow } from '../csv-import-plan.js';

/** Rows listed one by one in each list of the report (problems, created, changed); the rest are counted. */
const LISTED = 500;

const BANNER: Record<ImportOutcome, BannerKind> = { applied: 'success', checked: 'info', stopped: 'error', nothing_valid: 'error', nothing_to_do: 'info' };

function Counts({ ctx, report }: { ctx: ViewContext; report: ImportReport }) {
  const t = ctx.t;
  const { plan } = report;
  const n = (value: number) => ctx.formatNumber(value);
  const would = countsAreWhatWouldHappen(report) ? '_would' : '';
  return (
    <SummaryList
      rows={[
        { key: t('directory_csv.report.file'), value: report.file.name || t('directory_csv.report.unnamed') },
        { key: t('directory_csv.report.rows'), value: n(report.rows) },
        { key: t(`directory_csv.report.created${would}`), value: n(plan.created.length) },
        { key: t(`directory_csv.report.updated${would}`), value: n(plan.updated.length) },
        { key: t(`directory_csv.report.unchanged${would}`), value: n(plan.unchanged.length) },
        { key: t('directory_csv.report.rejected'), value: n(plan.rejected.length) },
      ]}
    />
  );
}

function RejectedTable({ ctx, rows, total }: { ctx: ViewContext; rows: RejectedRow[]; total: number }) {
  const t = ctx.t;
  return (
    <Table
      ctx={ctx}
      caption={t('directory_csv.report.rejected_caption', { count: total })}
      head={[t('directory_csv.report.line'), t('directory_csv.report.organisation'), t('directory_csv.report.problems')]}
      numeric={[0]}
      rows={rows.map((row) => [
        ctx.formatNumber(row.line),
        <OrganisationName name={row.name} shortName={row.short_name} ctx={ctx} />,
        <ul class="mb-0">
          {row.problems.map((problem) => (
            <li>
              {problem.column ? (
                <>
                  <code>{problem.column}</code>:{' '}
                </>
              ) : null}
              {problem.text(ctx.locale)}
            </li>
          ))}
        </ul>,
      ])}
    />
  );
}

function OrganisationName({ ctx, name, shortName }: { ctx: ViewContext; name: string; shortName: string }) {
  if (name === '' && shortName === '') return <span class="text-soft">{ctx.t('directory_csv.report.no_name')}</span>;
  return (
    <>
      {name}
      {shortName !== '' && shortName !== name ? <span class="text-soft"> ({shortName})</span> : null}
    </>
  );
}

/** The created or changed organisations, by line; the first `LISTED`, then a count of the rest. */
function PlannedList({ ctx, rows, caption, showChanges }: { ctx: ViewContext; rows: PlannedRow[]; caption: string; showChanges: boolean }) {
  const t = ctx.t;
  const shown = rows.slice(0, LISTED);
  return (
    <>
      <Table
        ctx={ctx}
        caption={caption}
        head={[t('directory_csv.report.line'), t('directory_csv.report.organisation'), ...(showChanges ? [t('directory_csv.report.changed_fields')] : [])]}
        numeric={[0]}
        rows={shown.map((row) => [
          ctx.formatNumber(row.line),
          <OrganisationName ctx={ctx} name={row.values.name} shortName={row.values.short_name} />,
          ...(showChanges ? [row.changed.map((field) => t(`directory_csv.fields.${field}`)).join(', ')] : []),
        ])}
      />
      {rows.length > shown.length ? <p>{t('directory_csv.report.more', { count: rows.length - shown.length })}</p> : null}
    </>
  );
}

/** The report, as a section of the import page. */
export function ImportReportSection({ ctx, report }: { ctx: ViewContext; report: ImportReport }) {
  const t = ctx.t;
  const { plan } = report;
  const outcome = outcomeOf(report);
  const counts = reportCounts(report);
  const done = outcome === 'applied' || outcome === 'nothing_to_do';
  return (
    <section aria-labelledby="import-report-title">
      <h2 id="import-report-title" class="visually-hidden">
        {t('directory_csv.report.title')}
      </h2>
      <NotificationBanner kind={BANNER[outcome]} title={t(`directory_csv.report.outcome.${outcome}.title`)} live>
        <p>{t(`directory_csv.report.outcome.${outcome}.body`, counts)}</p>
        {outcome === 'applied' && counts.rejected > 0 ? <p>{t('directory_csv.report.outcome.applied.skipped', counts)}</p> : null}
        {outcome === 'checked' && counts.rejected > 0 ? <p>{t('directory_csv.report.outcome.checked.problems', counts)}</p> : null}
        {outcome === 'stopped' && counts.valid > 0 ? <p>{t('directory_csv.report.outcome.stopped.hint', counts)}</p> : null}
      </NotificationBanner>
      <Counts ctx={ctx} report={report} />
      {plan.rejected.length > 0 ? (
        <>
          <h3>{t('directory_csv.report.rejected_title')}</h3>
          <RejectedTable ctx={ctx} rows={plan.rejected.slice(0, LISTED)} total={plan.rejected.length} />
          {plan.rejected.length > LISTED ? <p>{t('directory_csv.report.more_rejected', { count: plan.rejected.length - LISTED, listed: LISTED })}</p> : null}
        </>
      ) : null}
      {plan.created.length > 0 ? (
        <Details summary={t(done ? 'directory_csv.report.created_list' : 'directory_csv.report.created_list_would', { count: plan.created.length })}>
          <PlannedList ctx={ctx} rows={plan.created} caption={t('directory_csv.report.created_caption')} showChanges={false} />
        </Details>
      ) : null}
      {plan.updated.length > 0 ? (
        <Details summary={t(done ? 'directory_csv.report.updated_list' : 'directory_csv.report.updated_list_would', { count: plan.updated.length })}>
          <PlannedList ctx={ctx} rows={plan.updated} caption={t('directory_csv.report.updated_caption')} showChanges />
        </Details>
      ) : null}
    </section>
  );
}
