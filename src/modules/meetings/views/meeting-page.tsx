/** THE meeting page: what, when, where, the agenda, and the sections other parts contribute (dossier, answers, attendance, minutes, agreements). */
import type { Child } from 'hono/jsx';
import { Markdown } from '../../../kernel/markdown.js';
import { ButtonGroup, ButtonLink, LocalizedText, NotificationBanner, SummaryList, type SummaryRow } from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import type { Agenda } from '../agenda-store.js';
import type { MeetingAccess } from '../store.js';
import { AgendaList } from './agenda.js';
import { MeetingFrame, MeetingStateTag, meetingWhen, textOf } from './meeting-parts.js';

/** What the reader may do on the page now. */
export interface MeetingActions {
  edit: boolean;
  agenda: boolean;
  convene: boolean;
  held: boolean;
  cancel: boolean;
}

export interface MeetingPageProps {
  ctx: ViewContext;
  access: MeetingAccess;
  agenda: Agenda;
  manage: boolean;
  actions: MeetingActions;
  /** The sections' own blocks, in order. */
  sections: Child[];
  /** What the sections show under one item. */
  underItem: (itemId: number) => Child;
}

export function MeetingPage({ ctx, access, agenda, manage, actions, sections, underItem }: MeetingPageProps) {
  const t = ctx.t;
  const { meeting, body } = access;
  const title = textOf(ctx, meeting.title);
  const startsAt = new Date(meeting.starts_at);
  const endsAt = new Date(meeting.ends_at);
  const rows: SummaryRow[] = [
    { key: t('meetings.fields.state'), value: <MeetingStateTag ctx={ctx} state={meeting.state} /> },
    { key: t('meetings.fields.body'), value: <LocalizedText value={body.name} locale={ctx.locale} as="a" href={ctx.href(`/bodies/${body.slug}`)} /> },
    { key: t('meetings.fields.kind'), value: t(`meetings.kinds.${meeting.kind}`) },
    { key: t('meetings.fields.when'), value: meetingWhen(ctx, startsAt, endsAt) },
    { key: t('meetings.fields.format'), value: t(`meetings.formats.${meeting.format}`) },
  ];
  if (meeting.place) rows.push({ key: t('meetings.fields.place'), value: meeting.place });
  if (meeting.online_url) {
    rows.push({
      key: t('meetings.fields.online_url'),
      value: (
        <a href={meeting.online_url} rel="nofollow noopener">
          {meeting.online_url}
        </a>
      ),
    });
  }
  if (meeting.convened_at) rows.push({ key: t('meetings.fields.convened_at'), value: ctx.formatDate(new Date(meeting.convened_at), 'shortTime') });
  if (meeting.urgency_reason) rows.push({ key: t('meetings.fields.urgency_reason'), value: meeting.urgency_reason });
  return (
    <MeetingFrame ctx={ctx} body={body} meeting={{ id: meeting.id, title: meeting.title }} title={title} current={null} wide>
      {meeting.state === 'cancelled' ? (
        <NotificationBanner kind="warning" title={t('meetings.page.cancelled')}>
          <p>{t('meetings.page.cancel_reason', { reason: meeting.cancel_reason ?? '' })}</p>
        </NotificationBanner>
      ) : null}
      {meeting.state === 'convened' && meeting.urgency_reason ? (
        <NotificationBanner kind="info" title={t('meetings.page.urgency')}>
          <p>{t('meetings.page.urgency_text', { days: body.rules.noticeDays })}</p>
          <p>{meeting.urgency_reason}</p>
        </NotificationBanner>
      ) : null}
      {manage && (actions.edit || actions.convene || actions.held || actions.cancel) ? (
        <ButtonGroup>
          {actions.convene ? <ButtonLink href={ctx.href(`/meetings/${meeting.id}/convene`)}>{t('meetings.actions.convene')}</ButtonLink> : null}
          {actions.held ? <ButtonLink href={ctx.href(`/meetings/${meeting.id}/held`)}>{t('meetings.actions.held')}</ButtonLink> : null}
          {actions.edit ? (
            <ButtonLink variant="secondary" href={ctx.href(`/meetings/${meeting.id}/edit`)}>
              {t('meetings.actions.edit')}
            </ButtonLink>
          ) : null}
          {actions.cancel ? (
            <ButtonLink variant="warning" href={ctx.href(`/meetings/${meeting.id}/cancel`)}>
              {t('meetings.actions.cancel')}
            </ButtonLink>
          ) : null}
        </ButtonGroup>
      ) : null}
      <div class="two-thirds">
        <SummaryList rows={rows} />
        {meeting.description ? <Markdown source={meeting.description} /> : null}
        <AgendaList ctx={ctx} meetingId={meeting.id} agenda={agenda} editable={actions.agenda} manage={manage} underItem={underItem} />
        {sections}
      </div>
    </MeetingFrame>
  );
}
