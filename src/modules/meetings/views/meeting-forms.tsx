/** The forms of a meeting: new and edit, convene (with the notice rule), cancel, mark as held. */
import type { FieldErrors } from '../../../kernel/errors.js';
import type { Translatable } from '../../../kernel/i18n/translatable.js';
import { Button, ButtonGroup, Form, NotificationBanner, Radios, SummaryList, TextArea, TextField } from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import { MEETING_DESCRIPTION_MAX, MEETING_TITLE_MAX, PLACE_MAX, REASON_MAX, URL_MAX } from '../meetings.js';
import type { MeetingFormValues } from '../meetings-forms.js';
import type { MeetingRules } from '../rules.js';
import { MEETING_FORMATS, MEETING_KINDS, type MeetingState } from '../tables.js';
import { MeetingFrame, meetingWhen, type BodyRef } from './meeting-parts.js';

export interface MeetingFormPageProps {
  ctx: ViewContext;
  body: BodyRef;
  /** The meeting being edited; null for a new one. */
  meeting: { id: number; title: Translatable; state: MeetingState } | null;
  values: MeetingFormValues;
  errors?: FieldErrors | undefined;
}

/** A new meeting's form, or the form that changes one. */
export function MeetingFormPage({ ctx, body, meeting, values, errors }: MeetingFormPageProps) {
  const t = ctx.t;
  const title = t(meeting ? 'meetings.form.edit_title' : 'meetings.form.new_title');
  const action = meeting ? ctx.href(`/meetings/${meeting.id}/edit`) : ctx.href(`/bodies/${body.slug}/meetings/new`);
  const back = meeting ? ctx.href(`/meetings/${meeting.id}`) : ctx.href(`/bodies/${body.slug}/meetings`);
  return (
    <MeetingFrame ctx={ctx} body={body} meeting={meeting} title={title} errors={errors}>
      <div class="two-thirds">
        {meeting?.state === 'convened' ? (
          <NotificationBanner kind="info" title={t('meetings.form.convened_title')}>
            <p>{t('meetings.form.convened_note')}</p>
          </NotificationBanner>
        ) : null}
        <Form ctx={ctx} action={action}>
          <TextField name="title_ca" label={t('meetings.fields.title_ca')} value={values.title_ca} error={errors?.title_ca} maxlength={MEETING_TITLE_MAX} required lang="ca" />
          <TextField name="title_es" label={t('meetings.fields.title_es')} value={values.title_es} error={errors?.title_es} maxlength={MEETING_TITLE_MAX} optional lang="es" />
          <TextField name="title_en" label={t('meetings.fields.title_en')} value={values.title_en} error={errors?.title_en} maxlength={MEETING_TITLE_MAX} optional lang="en" />
          <Radios
            name="kind"
            legend={t('meetings.fields.kind')}
            inline
            options={MEETING_KINDS.map((kind) => ({ value: kind, label: t(`meetings.kinds.${kind}`) }))}
            value={values.kind || 'ordinary'}
            error={errors?.kind}
          />
          <TextField name="date" type="date" label={t('meetings.fields.date')} hint={t('meetings.hints.date')} value={values.date} error={errors?.date} required />
          <TextField name="start_time" type="text" width="short" inputmode="numeric" label={t('meetings.fields.start_time')} hint={t('meetings.hints.time')} value={values.start_time} error={errors?.start_time} maxlength={5} required />
          <TextField name="end_time" type="text" width="short" inputmode="numeric" label={t('meetings.fields.end_time')} hint={t('meetings.hints.time')} value={values.end_time} error={errors?.end_time} maxlength={5} required />
          <Radios
            name="format"
            legend={t('meetings.fields.format')}
            hint={t('meetings.hints.format')}
            options={MEETING_FORMATS.map((format) => ({ value: format, label: t(`meetings.formats.${format}`) }))}
            value={values.format || 'in_person'}
            error={errors?.format}
          />
          <TextField name="place" label={t('meetings.fields.place')} hint={t('meetings.hints.place')} value={values.place} error={errors?.place} maxlength={PLACE_MAX} optional />
          <TextField name="online_url" type="url" label={t('meetings.fields.online_url')} hint={t('meetings.hints.online_url')} value={values.online_url} error={errors?.online_url} maxlength={URL_MAX} spellcheck={false} optional />
          <TextArea name="description" label={t('meetings.fields.description')} hint={t('meetings.hints.markdown')} value={values.description} error={errors?.description} rows={6} maxlength={MEETING_DESCRIPTION_MAX} optional />
          <ButtonGroup>
            <Button>{t(meeting ? 'meetings.form.save' : 'meetings.form.create')}</Button>
            <a href={back}>{t('meetings.form.back')}</a>
          </ButtonGroup>
        </Form>
      </div>
    </MeetingFrame>
  );
}

interface MeetingSummary {
  id: number;
  title: Translatable;
  state: MeetingState;
  starts_at: Date;
  ends_at: Date;
}

export interface ConvenePageProps {
  ctx: ViewContext;
  body: BodyRef;
  meeting: MeetingSummary;
  rules: MeetingRules;
  /** Fewer days ahead than the rules ask: an urgency must be stated. */
  shortNotice: boolean;
  agendaItems: number;
  reason: string;
  errors?: FieldErrors | undefined;
}

/** Convening: what the rule asks, the urgency when there is less notice, and the confirmation. */
export function ConvenePage({ ctx, body, meeting, rules, shortNotice, agendaItems, reason, errors }: ConvenePageProps) {
  const t = ctx.t;
  const title = t('meetings.convene.title');
  return (
    <MeetingFrame ctx={ctx} body={body} meeting={meeting} title={title} errors={errors}>
      <div class="two-thirds">
        <SummaryList
          rows={[
            { key: t('meetings.fields.when'), value: meetingWhen(ctx, meeting.starts_at, meeting.ends_at) },
            { key: t('meetings.convene.rule'), value: t('meetings.convene.rule_value', { days: rules.noticeDays }) },
            { key: t('meetings.convene.agenda'), value: t('meetings.convene.agenda_value', { count: agendaItems }) },
          ]}
        />
        {agendaItems === 0 ? (
          <NotificationBanner kind="warning" title={t('meetings.refusal.title')}>
            <p>{t('meetings.errors.agenda_empty')}</p>
            <p>
              <a href={ctx.href(`/meetings/${meeting.id}/agenda/new`)}>{t('meetings.agenda.add')}</a>
            </p>
          </NotificationBanner>
        ) : (
          <Form ctx={ctx} action={ctx.href(`/meetings/${meeting.id}/convene`)}>
            <p>{t('meetings.convene.lead')}</p>
            {shortNotice ? (
              <>
                <NotificationBanner kind="warning" title={t('meetings.convene.short_title')}>
                  <p>{t('meetings.convene.short_notice', { days: rules.noticeDays })}</p>
                </NotificationBanner>
                <TextArea name="urgency_reason" label={t('meetings.fields.urgency_reason')} hint={t('meetings.hints.urgency_reason')} value={reason} error={errors?.urgency_reason} rows={4} maxlength={REASON_MAX} required />
              </>
            ) : null}
            <ButtonGroup>
              <Button>{t('meetings.convene.submit')}</Button>
              <a href={ctx.href(`/meetings/${meeting.id}`)}>{t('meetings.form.back')}</a>
            </ButtonGroup>
          </Form>
        )}
      </div>
    </MeetingFrame>
  );
}

/** Cancelling: the reason, which members and calendars receive. */
export function CancelPage({ ctx, body, meeting, reason, errors }: { ctx: ViewContext; body: BodyRef; meeting: MeetingSummary; reason: string; errors?: FieldErrors | undefined }) {
  const t = ctx.t;
  const title = t('meetings.cancel.title');
  return (
    <MeetingFrame ctx={ctx} body={body} meeting={meeting} title={title} errors={errors}>
      <div class="two-thirds">
        <p>{meetingWhen(ctx, meeting.starts_at, meeting.ends_at)}</p>
        <p>{t(meeting.state === 'convened' ? 'meetings.cancel.lead_convened' : 'meetings.cancel.lead_draft')}</p>
        <Form ctx={ctx} action={ctx.href(`/meetings/${meeting.id}/cancel`)}>
          <TextArea name="cancel_reason" label={t('meetings.fields.cancel_reason')} value={reason} error={errors?.cancel_reason} rows={4} maxlength={REASON_MAX} required />
          <ButtonGroup>
            <Button variant="warning">{t('meetings.cancel.submit')}</Button>
            <a href={ctx.href(`/meetings/${meeting.id}`)}>{t('meetings.form.back')}</a>
          </ButtonGroup>
        </Form>
      </div>
    </MeetingFrame>
  );
}

/** Marking the meeting as held, once it has started. */
export function HeldPage({ ctx, body, meeting }: { ctx: ViewContext; body: BodyRef; meeting: MeetingSummary }) {
  const t = ctx.t;
  const title = t('meetings.held.title');
  return (
    <MeetingFrame ctx={ctx} body={body} meeting={meeting} title={title}>
      <div class="two-thirds">
        <p>{meetingWhen(ctx, meeting.starts_at, meeting.ends_at)}</p>
        <p>{t('meetings.held.lead')}</p>
        <Form ctx={ctx} action={ctx.href(`/meetings/${meeting.id}/held`)}>
          <ButtonGroup>
            <Button>{t('meetings.held.submit')}</Button>
            <a href={ctx.href(`/meetings/${meeting.id}`)}>{t('meetings.form.back')}</a>
          </ButtonGroup>
        </Form>
      </div>
    </MeetingFrame>
  );
}
