/** Pieces the meetings' pages share: the page frame with its breadcrumbs, the state tag, the time, a refusal. */
import type { Child } from 'hono/jsx';
import type { FieldErrors } from '../../../kernel/errors.js';
import { pickTranslation, type Translatable } from '../../../kernel/i18n/translatable.js';
import { ButtonLink, ErrorSummary, LocalizedText, NotificationBanner, Tag, type Crumb, type TagKind } from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import { Layout } from '../../../kernel/ui/layout.js';
import type { MeetingState } from '../tables.js';

const STATE_KIND: Record<MeetingState, TagKind> = { draft: 'neutral', convened: 'info', held: 'success', cancelled: 'danger' };

/** Where the meeting is: *Esborrany*, *Convocada*, *Celebrada*, *Anul·lada*. */
export function MeetingStateTag({ ctx, state }: { ctx: ViewContext; state: MeetingState }) {
  return <Tag kind={STATE_KIND[state]}>{ctx.t(`meetings.states.${state}`)}</Tag>;
}

/** A translatable text in the page's language. */
export function textOf(ctx: ViewContext, value: Translatable): string {
  return pickTranslation(value, ctx.locale).text;
}

/** "dijous, 12 de març de 2026, de 18:00 a 20:00" on Barcelona's clock (the end's date too when it is another day). */
export function meetingWhen(ctx: ViewContext, startsAt: Date, endsAt: Date): string {
  const sameDay = ctx.formatDate(startsAt, 'long') === ctx.formatDate(endsAt, 'long');
  if (sameDay) return ctx.t('meetings.when.same_day', { date: ctx.formatDate(startsAt, 'long'), start: ctx.formatDate(startsAt, 'time'), end: ctx.formatDate(endsAt, 'time') });
  return ctx.t('meetings.when.days', { start: ctx.formatDate(startsAt, 'longTime'), end: ctx.formatDate(endsAt, 'longTime') });
}

export interface BodyRef {
  slug: string;
  name: Translatable;
}

/** Bodies › the body › Meetings › (the meeting) › this page. */
export function meetingCrumbs(ctx: ViewContext, body: BodyRef, meeting: { id: number; title: Translatable } | null, current: string | null): Crumb[] {
  const crumbs: Crumb[] = [
    { label: ctx.t('meetings.crumbs.bodies'), href: ctx.href('/bodies') },
    { label: <LocalizedText value={body.name} locale={ctx.locale} />, href: ctx.href(`/bodies/${body.slug}`) },
    { label: ctx.t('meetings.crumbs.meetings'), href: ctx.href(`/bodies/${body.slug}/meetings`) },
  ];
  if (meeting) crumbs.push({ label: <LocalizedText value={meeting.title} locale={ctx.locale} />, href: current === null ? undefined : ctx.href(`/meetings/${meeting.id}`) });
  if (current !== null) crumbs.push({ label: current });
  return crumbs;
}

/** A page about a body's meeting: breadcrumbs, the error summary when a form came back, the caption above the heading. */
export function MeetingFrame(props: {
  ctx: ViewContext;
  body: BodyRef;
  meeting: { id: number; title: Translatable } | null;
  title: string;
  /** The last crumb, when it is not the meeting itself. */
  current?: string | null;
  caption?: Child;
  errors?: FieldErrors | undefined;
  wide?: boolean;
  children?: Child;
}) {
  const { ctx, body, meeting, title, errors } = props;
  const current = props.current === undefined ? title : props.current;
  return (
    <Layout ctx={ctx} title={title} wide={props.wide} hasErrors={!!errors && Object.keys(errors).length > 0} breadcrumbs={meetingCrumbs(ctx, body, meeting, current)}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <span class="caption">{props.caption ?? <LocalizedText value={body.name} locale={ctx.locale} />}</span>
      <h1>{title}</h1>
      {props.children}
    </Layout>
  );
}

/** Why the action cannot be done now, with the way back to the meeting. Rendered with 409. */
export function MeetingRefusalPage(props: { ctx: ViewContext; body: BodyRef; meeting: { id: number; title: Translatable; state: MeetingState }; title: string; message: string }) {
  const { ctx, meeting } = props;
  return (
    <MeetingFrame ctx={ctx} body={props.body} meeting={meeting} title={props.title}>
      <NotificationBanner kind="warning" title={ctx.t('meetings.refusal.title')}>
        <p>{props.message}</p>
      </NotificationBanner>
      <p>
        {ctx.t('meetings.refusal.state')} <MeetingStateTag ctx={ctx} state={meeting.state} />
      </p>
      <ButtonLink variant="secondary" href={ctx.href(`/meetings/${meeting.id}`)}>
        {ctx.t('meetings.refusal.back')}
      </ButtonLink>
    </MeetingFrame>
  );
}
