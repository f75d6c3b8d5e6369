/**
 * Answering a notice: the page an e-mailed answer link opens (the meeting, the answer so far, a
 * one-button form per answer — nothing changes until one is pressed, since mail scanners open
 * links), the same forms on the meeting page, and the page that says why an answer cannot be given.
 */
import type { FieldErrors } from '../../../kernel/errors.js';
import { pickTranslation } from '../../../kernel/i18n/translatable.js';
import { Button, ButtonLink, ErrorSummary, Form, NotificationBanner, Select, SummaryList, Tag, type TagKind } from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import { Layout } from '../../../kernel/ui/layout.js';
import type { AlternateOption, AnswerRow } from '../answers.js';
import type { MeetingWithBody } from '../store.js';
import { ANSWERS, type Answer } from '../tables.js';

const ANSWER_TAG: Record<Answer, TagKind> = { attending: 'success', excused: 'neutral', alternate: 'info' };

/** An answer as a tag: "Hi assistiré". */
export function AnswerTag({ ctx, answer }: { ctx: ViewContext; answer: Answer | null }) {
  if (answer === null) return <Tag kind="warning">{ctx.t('meetings_notice.answers.none')}</Tag>;
  return <Tag kind={ANSWER_TAG[answer]}>{ctx.t(`meetings_notice.answers.${answer}`)}</Tag>;
}

/** What the person answered so far, in a sentence. */
export function CurrentAnswer({ ctx, current }: { ctx: ViewContext; current: AnswerRow | undefined }) {
  const t = ctx.t;
  if (!current) return <p>{t('meetings_notice.answer_page.no_answer_yet')}</p>;
  return (
    <p>
      {t('meetings_notice.answer_page.current')} <AnswerTag ctx={ctx} answer={current.answer} />
      {current.answer === 'alternate' && current.alternate_name ? ` ${t('meetings_notice.answer_page.alternate_named', { name: current.alternate_name })}` : ''}{' '}
      <span class="text-soft">({t('meetings_notice.answer_page.answered_on', { date: ctx.formatDate(current.answered_at, 'shortTime') })})</span>
    </p>
  );
}

export interface AnswerFormsProps {
  ctx: ViewContext;
  /** Where the forms post. */
  action: string;
  current: AnswerRow | undefined;
  alternates: AlternateOption[];
  /** The answer the person came to give (the link they clicked): its form comes first. */
  chosen?: Answer | null;
  errors?: FieldErrors | undefined;
  alternateValue?: string;
}

/** One form per answer, each a single button; sending an alternate may name which one. */
export function AnswerForms({ ctx, action, current, alternates, chosen, errors, alternateValue }: AnswerFormsProps) {
  const t = ctx.t;
  const order = chosen ? [chosen, ...ANSWERS.filter((answer) => answer !== chosen)] : [...ANSWERS];
  return (
    <div class="answer-forms">
      {order.map((answer) => (
        <Form ctx={ctx} action={action} aria-label={t(`meetings_notice.answer_page.give.${answer}`)}>
          <input type="hidden" name="answer" value={answer} />
          {answer === 'alternate' && alternates.length > 0 ? (
            <Select
              ctx={ctx}
              name="alternate_id"
              label={t('meetings_notice.answer_page.which_alternate')}
              hint={t('meetings_notice.answer_page.which_alternate_hint')}
              optional
              placeholder={t('meetings_notice.answer_page.alternate_unnamed')}
              options={alternates.map((alternate) => ({ value: String(alternate.id), label: alternate.name }))}
              value={alternateValue ?? (current?.alternate_id ? String(current.alternate_id) : '')}
              error={errors?.alternate_id}
            />
          ) : null}
          <Button variant={answer === (chosen ?? null) ? 'primary' : 'secondary'}>{t(`meetings_notice.answer_page.give.${answer}`)}</Button>
        </Form>
      ))}
    </div>
  );
}

/** The meeting's essentials: body, date and time, place, link, urgency. */
export function MeetingFacts({ ctx, found }: { ctx: ViewContext; found: MeetingWithBody }) {
  const t = ctx.t;
  const { meeting, body } = found;
  const rows = [
    { key: t('meetings_notice.facts.body'), value: pickTranslation(body.name, ctx.locale).text },
    {
      key: t('meetings_notice.facts.when'),
      value: t('meetings_notice.facts.when_value', { date: ctx.formatDate(new Date(meeting.starts_at), 'longTime'), end: ctx.formatDate(new Date(meeting.ends_at), 'time') }),
    },
  ];
  if (meeting.place) rows.push({ key: t('meetings_notice.facts.place'), value: meeting.place });
  const facts = <SummaryList rows={rows} />;
  return (
    <>
      {facts}
      {meeting.online_url ? (
        <p>
          {t('meetings_notice.facts.online')} <a href={meeting.online_url} rel="noopener noreferrer">{meeting.online_url}</a>
        </p>
      ) : null}
      {meeting.urgency_reason ? (
        <NotificationBanner kind="warning" title={t('meetings_notice.facts.urgency')}>
          <p>{meeting.urgency_reason}</p>
        </NotificationBanner>
      ) : null}
    </>
  );
}

export interface AnswerLinkPageProps {
  ctx: ViewContext;
  token: string;
  found: MeetingWithBody;
  person: { id: number; name: string };
  current: AnswerRow | undefined;
  alternates: AlternateOption[];
  chosen: Answer | null;
  errors?: FieldErrors | undefined;
  alternateValue?: string;
}

/** The page an answer link opens: no sign-in needed, nothing changes until a button is pressed. */
export function AnswerLinkPage(props: AnswerLinkPageProps) {
  const { ctx, found } = props;
  const t = ctx.t;
  const title = t('meetings_notice.answer_page.title', { title: pickTranslation(found.meeting.title, ctx.locale).text });
  return (
    <Layout ctx={ctx} title={title} hasErrors={Boolean(props.errors)}>
      <ErrorSummary ctx={ctx} errors={props.errors} />
      <h1>{title}</h1>
      <p class="lead">{t('meetings_notice.answer_page.lead', { name: props.person.name })}</p>
      <MeetingFacts ctx={ctx} found={found} />
      <h2>{t('meetings_notice.answer_page.your_answer')}</h2>
      <CurrentAnswer ctx={ctx} current={props.current} />
      <AnswerForms
        ctx={ctx}
        action={ctx.href(`/answer/${props.token}`)}
        current={props.current}
        alternates={props.alternates}
        chosen={props.chosen}
        errors={props.errors}
        {...(props.alternateValue !== undefined ? { alternateValue: props.alternateValue } : {})}
      />
      <p>
        <a href={ctx.href(`/meetings/${found.meeting.id}`)}>{t('meetings_notice.answer_page.to_meeting')}</a>
      </p>
    </Layout>
  );
}

/** Why the answer could not be given (a link that is forged or expired, a meeting past answering, bad input). */
export function AnswerRefusedPage({ ctx, title, message, meetingId }: { ctx: ViewContext; title: string; message: string; meetingId?: number | null }) {
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="lead">{message}</p>
      {meetingId ? (
        <ButtonLink href={ctx.href(`/meetings/${meetingId}`)} variant="secondary">
          {ctx.t('meetings_notice.answer_page.to_meeting')}
        </ButtonLink>
      ) : (
        <ButtonLink href={ctx.href('/')} variant="secondary">
          {ctx.t('meetings_notice.problems.home')}
        </ButtonLink>
      )}
    </Layout>
  );
}
