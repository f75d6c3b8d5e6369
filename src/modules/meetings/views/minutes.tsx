/**
 * The minutes page of a meeting: the acta as a document, its state (draft, circulated with the
 * objections deadline, approved with its SHA-256 and the approving meeting), the versions when
 * there is a correction; for those who run the meetings, the draft's form and the circulate,
 * approve and correct actions, and the objections received; for members while the minutes are
 * circulated, the objection form.
 */
import type { FieldErrors } from '../../../kernel/errors.js';
import { pickTranslation, type Translatable } from '../../../kernel/i18n/translatable.js';
import {
  Button, ButtonGroup, ButtonLink, ErrorSummary, Form, LocalizedText, NotificationBanner, Select, Tag, TextArea, TextField, type TagKind,
} from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import { Layout } from '../../../kernel/ui/layout.js';
import type { MinutesDocument } from '../minutes-content.js';
import type { AgendaEntry, ApprovingCandidate, MinutesRow, ObjectionRow } from '../minutes-store.js';
import { DELIBERATION_MAX, OBJECTION_MAX, PLACE_MAX, SUMMARY_MAX } from '../minutes.js';
import type { MeetingAccess } from '../store.js';
import type { MinutesRecordState } from '../tables.js';
import { MinutesDocumentView } from './minutes-document.js';
import { addDays } from '../time.js';

const STATE_KIND: Record<MinutesRecordState, TagKind> = { draft: 'info', circulated: 'warning', approved: 'success' };

export function MinutesStateTag({ ctx, state }: { ctx: ViewContext; state: MinutesRecordState }) {
  return <Tag kind={STATE_KIND[state]}>{ctx.t(`meetings_minutes.states.${state}`)}</Tag>;
}

/** What the draft form shows: what is stored, or what the person typed. */
export interface MinutesFormValues {
  place: string;
  date: string;
  start_time: string;
  end_time: string;
  summary: string;
  deliberations: Record<string, string>;
}

export interface MinutesPageProps {
  ctx: ViewContext;
  access: MeetingAccess;
  /** Every minutes row of the meeting, oldest first. */
  versions: MinutesRow[];
  /** The version shown (the current unless `?version=` names an earlier one). */
  shown: MinutesRow | undefined;
  doc: MinutesDocument | undefined;
  /** Does the reader see minutes not yet approved? (Otherwise `versions` holds the approved ones only.) */
  open: boolean;
  /** The meeting the shown minutes were approved in. */
  approvedIn: { id: number; title: Translatable } | null;
  /** Objections to the shown minutes: for those who run the meetings only (null otherwise). */
  objections: ObjectionRow[] | null;
  agenda: AgendaEntry[];
  candidates: ApprovingCandidate[];
  manage: boolean;
  /** May the reader send an objection now (a member, while the window is open)? */
  canObject: boolean;
  today: string;
  form?: {
    minutes?: MinutesFormValues | undefined;
    objections_until?: string | undefined;
    approved_in?: string | undefined;
    objection?: string | undefined;
    errors?: FieldErrors | undefined;
    /** A refusal (409) to show at the top. */
    refusal?: string | undefined;
  };
}

function meetingTitle(ctx: ViewContext, access: MeetingAccess): string {
  return pickTranslation(access.meeting.title, ctx.locale).text;
}

function DraftForm({ ctx, access, agenda, values, errors }: { ctx: ViewContext; access: MeetingAccess; agenda: AgendaEntry[]; values: MinutesFormValues; errors: FieldErrors | undefined }) {
  const t = ctx.t;
  return (
    <Form ctx={ctx} action={ctx.href(`/meetings/${access.meeting.id}/minutes`)} aria-label={t('meetings_minutes.form.title')}>
      <h2>{t('meetings_minutes.form.title')}</h2>
      <p>{t('meetings_minutes.form.lead')}</p>
      <TextField name="place" label={t('meetings_minutes.fields.place')} value={values.place} error={errors?.place} maxlength={PLACE_MAX} required />
      <TextField name="date" type="date" label={t('meetings_minutes.fields.date')} value={values.date} error={errors?.date} required />
      <TextField name="start_time" type="text" label={t('meetings_minutes.fields.start_time')} hint={t('meetings_minutes.hints.time')} value={values.start_time} error={errors?.start_time} width="short" required />
      <TextField name="end_time" type="text" label={t('meetings_minutes.fields.end_time')} value={values.end_time} error={errors?.end_time} width="short" required />
      <TextArea name="summary" label={t('meetings_minutes.fields.summary')} hint={t('meetings_minutes.hints.markdown')} value={values.summary} error={errors?.summary} rows={6} maxlength={SUMMARY_MAX} optional />
      {agenda.length > 0 ? <h3>{t('meetings_minutes.form.deliberations')}</h3> : null}
      {errors?.items ? (
        <p class="error-message" id="field-items">
          {errors.items}
        </p>
      ) : null}
      {agenda.map((item, index) => (
        <TextArea
          name={`deliberation_${item.id}`}
          label={`${index + 1}. ${pickTranslation(item.title, ctx.locale).text}`}
          hint={t('meetings_minutes.hints.deliberation')}
          value={values.deliberations[String(item.id)] ?? ''}
          rows={5}
          maxlength={DELIBERATION_MAX}
          optional
        />
      ))}
      <ButtonGroup>
        <Button>{t('meetings_minutes.form.save')}</Button>
      </ButtonGroup>
    </Form>
  );
}

function Actions(props: MinutesPageProps & { current: MinutesRow }) {
  const { ctx, access, current, form, today } = props;
  // A draft is approved in its own session only; circulated minutes, there or at a later one.
  const candidates = current.state === 'draft' ? props.candidates.filter((m) => m.id === access.meeting.id) : props.candidates;
  const t = ctx.t;
  const base = `/meetings/${access.meeting.id}/minutes`;
  return (
    <section aria-labelledby="minutes-actions">
      <h2 id="minutes-actions">{t('meetings_minutes.actions.title')}</h2>
      {current.state === 'draft' ? (
        <Form ctx={ctx} action={ctx.href(`${base}/circulate`)} aria-label={t('meetings_minutes.actions.circulate')}>
          <h3>{t('meetings_minutes.actions.circulate')}</h3>
          <p>{t('meetings_minutes.actions.circulate_lead')}</p>
          <TextField
            name="objections_until"
            type="date"
            label={t('meetings_minutes.fields.objections_until')}
            hint={t('meetings_minutes.hints.objections_until')}
            value={form?.objections_until ?? addDays(today, 7)}
            error={form?.errors?.objections_until}
            min={today}
            required
          />
          <Button variant="secondary">{t('meetings_minutes.actions.circulate_submit')}</Button>
        </Form>
      ) : null}
      {current.state !== 'approved' ? (
        <Form ctx={ctx} action={ctx.href(`${base}/approve`)} aria-label={t('meetings_minutes.actions.approve')} confirm={t('meetings_minutes.actions.approve_confirm')}>
          <h3>{t('meetings_minutes.actions.approve')}</h3>
          <p>{t(current.state === 'draft' ? 'meetings_minutes.actions.approve_lead_draft' : 'meetings_minutes.actions.approve_lead')}</p>
          {candidates.length === 0 ? (
            <p>{t('meetings_minutes.actions.no_candidates')}</p>
          ) : (
            <>
              <Select
                name="approved_in"
                label={t('meetings_minutes.fields.approved_in')}
                options={candidates.map((m) => ({
                  value: String(m.id),
                  label: `${pickTranslation(m.title, ctx.locale).text} — ${ctx.formatDate(new Date(m.starts_at), 'short')}${m.id === access.meeting.id ? ` (${t('meetings_minutes.actions.this_meeting')})` : ''}`,
                }))}
                value={form?.approved_in ?? String(candidates.at(-1)?.id ?? '')}
                error={form?.errors?.approved_in}
              />
              <Button variant="warning">{t('meetings_minutes.actions.approve_submit')}</Button>
            </>
          )}
        </Form>
      ) : (
        <Form ctx={ctx} action={ctx.href(`${base}/correct`)} aria-label={t('meetings_minutes.actions.correct')}>
          <h3>{t('meetings_minutes.actions.correct')}</h3>
          <p>{t('meetings_minutes.actions.correct_lead')}</p>
          <Button variant="secondary">{t('meetings_minutes.actions.correct_submit')}</Button>
        </Form>
      )}
    </section>
  );
}

function StateFacts({ ctx, access, shown, approvedIn }: { ctx: ViewContext; access: MeetingAccess; shown: MinutesRow; approvedIn: MinutesPageProps['approvedIn'] }) {
  const t = ctx.t;
  return (
    <div class="minutes-state">
      <p>
        {t('meetings_minutes.state')} <MinutesStateTag ctx={ctx} state={shown.state} />
      </p>
      {shown.state === 'circulated' && shown.objections_until ? <p>{t('meetings_minutes.objections_until', { date: ctx.formatDate(shown.objections_until, 'long') })}</p> : null}
      {shown.state === 'approved' ? (
        <>
          <p>
            {t('meetings_minutes.approved_on', { date: ctx.formatDate(new Date(shown.approved_at ?? shown.updated_at), 'long') })}{' '}
            {approvedIn === null ? null : approvedIn.id === access.meeting.id ? (
              t('meetings_minutes.approved_in_same')
            ) : (
              <>
                {t('meetings_minutes.approved_in')}{' '}
                <a href={ctx.href(`/meetings/${approvedIn.id}`)}>
                  <LocalizedText value={approvedIn.title} locale={ctx.locale} />
                </a>
              </>
            )}
          </p>
          <p class="minutes-hash">
            {t('meetings_minutes.hash_label')} <code>{`SHA-256: ${shown.content_hash ?? ''}`}</code>
          </p>
          <p class="hint">{t('meetings_minutes.hash_hint')}</p>
        </>
      ) : null}
    </div>
  );
}

function Versions({ ctx, access, versions, shown }: { ctx: ViewContext; access: MeetingAccess; versions: MinutesRow[]; shown: MinutesRow }) {
  const t = ctx.t;
  if (versions.length < 2 && shown.corrects_id === null) return null;
  const current = versions.at(-1);
  return (
    <nav aria-labelledby="minutes-versions" class="minutes-versions">
      <h2 id="minutes-versions">{t('meetings_minutes.versions.title')}</h2>
      <ol>
        {versions.map((version) => (
          <li>
            {version.id === shown.id ? (
              <strong aria-current="page">{t('meetings_minutes.versions.version', { n: versions.indexOf(version) + 1 })}</strong>
            ) : (
              <a href={ctx.href(`/meetings/${access.meeting.id}/minutes${version.id === current?.id ? '' : `?version=${version.id}`}`)}>
                {t('meetings_minutes.versions.version', { n: versions.indexOf(version) + 1 })}
              </a>
            )}{' '}
            <MinutesStateTag ctx={ctx} state={version.state} />
            {version.corrects_id !== null ? ` ${t('meetings_minutes.versions.corrects', { n: versions.findIndex((v) => v.id === version.corrects_id) + 1 })}` : null}
            {versions.some((v) => v.corrects_id === version.id) ? ` ${t('meetings_minutes.versions.corrected')}` : null}
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** The minutes page. */
export function MinutesPage(props: MinutesPageProps) {
  const { ctx, access, versions, shown, doc, approvedIn, objections, agenda, manage, canObject, form } = props;
  const t = ctx.t;
  const title = t('meetings_minutes.title', { meeting: meetingTitle(ctx, access) });
  const current = versions.at(-1);
  const isCurrent = shown !== undefined && current !== undefined && shown.id === current.id;
  const errors = form?.errors;
  const editing = manage && isCurrent && shown.state !== 'approved';
  const crumbs = [
    { label: t('meetings_minutes.crumbs.bodies'), href: ctx.href('/bodies') },
    { label: <LocalizedText value={access.body.name} locale={ctx.locale} />, href: ctx.href(`/bodies/${access.body.slug}`) },
    { label: <LocalizedText value={access.meeting.title} locale={ctx.locale} />, href: ctx.href(`/meetings/${access.meeting.id}`) },
    { label: t('meetings_minutes.crumbs.minutes') },
  ];
  const startDraft = manage && current === undefined && access.meeting.state === 'held';
  return (
    <Layout ctx={ctx} title={title} hasErrors={!!errors && Object.keys(errors).length > 0} breadcrumbs={crumbs}>
      <ErrorSummary ctx={ctx} errors={errors} />
      {form?.refusal ? (
        <NotificationBanner kind="error" title={t('meetings_minutes.refused')}>
          <p>{form.refusal}</p>
        </NotificationBanner>
      ) : null}
      <h1>{title}</h1>
      {shown === undefined ? (
        <>
          <p>
            {t(access.meeting.state !== 'held' ? `meetings_minutes.not_held.${access.meeting.state}` : props.open ? 'meetings_minutes.none_yet' : 'meetings_minutes.being_written')}
          </p>
          {startDraft && form?.minutes ? <DraftForm ctx={ctx} access={access} agenda={agenda} values={form.minutes} errors={errors} /> : null}
        </>
      ) : (
        <>
          <StateFacts ctx={ctx} access={access} shown={shown} approvedIn={approvedIn} />
          {shown.corrects_id !== null ? (
            <p>
              {t('meetings_minutes.corrects')}{' '}
              <a href={ctx.href(`/meetings/${access.meeting.id}/minutes?version=${shown.corrects_id}`)}>{t('meetings_minutes.corrects_link')}</a>
            </p>
          ) : null}
          {!isCurrent ? (
            <NotificationBanner kind="info" title={t('meetings_minutes.old_version')}>
              <p>
                <a href={ctx.href(`/meetings/${access.meeting.id}/minutes`)}>{t('meetings_minutes.see_current')}</a>
              </p>
            </NotificationBanner>
          ) : null}
          <p>
            <a href={ctx.href(`/meetings/${access.meeting.id}/minutes/print${isCurrent ? '' : `?version=${shown.id}`}`)}>{t('meetings_minutes.print_link')}</a>
          </p>
          {doc ? <MinutesDocumentView ctx={ctx} doc={doc} /> : null}
          <Versions ctx={ctx} access={access} versions={versions} shown={shown} />
          {canObject && isCurrent ? (
            <Form ctx={ctx} action={ctx.href(`/meetings/${access.meeting.id}/minutes/objections`)} aria-label={t('meetings_minutes.objection.title')}>
              <h2>{t('meetings_minutes.objection.title')}</h2>
              <p>{t('meetings_minutes.objection.lead', { date: ctx.formatDate(shown.objections_until ?? props.today, 'long') })}</p>
              <TextArea name="text" label={t('meetings_minutes.fields.objection')} value={form?.objection ?? ''} error={errors?.text} rows={5} maxlength={OBJECTION_MAX} required />
              <Button>{t('meetings_minutes.objection.submit')}</Button>
            </Form>
          ) : null}
          {objections !== null && (shown.state !== 'draft' || objections.length > 0) ? (
            <section aria-labelledby="minutes-objections">
              <h2 id="minutes-objections">{t('meetings_minutes.objections.title')}</h2>
              {objections.length === 0 ? (
                <p>{t('meetings_minutes.objections.none')}</p>
              ) : (
                <ul class="minutes-objections">
                  {objections.map((objection) => (
                    <li>
                      <p>
                        <strong>{objection.person_name ?? t('meetings_minutes.objections.someone')}</strong>
                        {`, ${ctx.formatDate(new Date(objection.created_at), 'shortTime')}`}
                      </p>
                      <p>{objection.text}</p>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          ) : null}
          {editing && form?.minutes ? <DraftForm ctx={ctx} access={access} agenda={agenda} values={form.minutes} errors={errors} /> : null}
          {manage && isCurrent ? <Actions {...props} current={shown} /> : null}
        </>
      )}
      <p>
        <ButtonLink href={ctx.href(`/meetings/${access.meeting.id}`)} variant="secondary">
          {t('meetings_minutes.back')}
        </ButtonLink>
      </p>
    </Layout>
  );
}
