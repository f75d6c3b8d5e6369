/**
 * The attendance form of a meeting, for those who run it: the body's members on the day with
 * their answer to the notice, a box each for "attended" and a choice of who came instead; anyone
 * else who stood in for a member; guests. No JavaScript: people are named by e-mail or full name.
 */
import type { FieldErrors } from '../../../kernel/errors.js';
import { pickTranslation } from '../../../kernel/i18n/translatable.js';
import { Button, ButtonGroup, ErrorSummary, Form, NotificationBanner, Select, TextField, fieldId, type Crumb } from '../../../kernel/ui/components.js';
import type { ViewContext } from '../../../kernel/ui/context.js';
import { Layout } from '../../../kernel/ui/layout.js';
import type { Answer } from '../tables.js';
import type { AlternateRow, MeetingAttendance, MemberRow } from '../quorum.js';
import type { MeetingAccess } from '../store.js';
import { AttendeesList, CollegeTable, QuorumLine } from './attendance-parts.js';

/** A member's answer to the notice, with the alternate they named. */
export interface AnswerView {
  answer: Answer;
  alternate_id: number | null;
  alternate_name: string | null;
}

/** What the form shows: what is recorded, or what the person just sent. */
export interface AttendanceFormValues {
  /** Member ids ticked as present. */
  present: string[];
  /** Member id → the id of who came instead. */
  standIns: Record<string, string>;
  /** Guests already recorded and kept ticked. */
  guests: string[];
  guest_new: string;
  standin_member: string;
  standin_person: string;
}

export interface AttendancePageProps {
  ctx: ViewContext;
  access: MeetingAccess;
  data: MeetingAttendance;
  answers: ReadonlyMap<number, AnswerView>;
  values: AttendanceFormValues;
  errors?: FieldErrors | undefined;
  /** Why attendance cannot be recorded now (the page shows only this). */
  refusal?: string | undefined;
}

export function meetingTitle(ctx: ViewContext, access: MeetingAccess): string {
  return pickTranslation(access.meeting.title, ctx.locale).text;
}

export function attendanceCrumbs(ctx: ViewContext, access: MeetingAccess, current: string): Crumb[] {
  return [
    { label: pickTranslation(access.body.name, ctx.locale).text, href: ctx.href(`/bodies/${access.body.slug}`) },
    { label: meetingTitle(ctx, access), href: ctx.href(`/meetings/${access.meeting.id}`) },
    { label: current },
  ];
}

function answerText(ctx: ViewContext, answer: AnswerView | undefined): string {
  if (!answer) return ctx.t('meetings_attendance.answers.none');
  if (answer.answer === 'alternate' && answer.alternate_name) return ctx.t('meetings_attendance.answers.alternate_named', { name: answer.alternate_name });
  return ctx.t(`meetings_attendance.answers.${answer.answer}`);
}

/** The people offered as coming instead of `member`: the body's alternates, the one the member named, the one recorded. */
function candidatesFor(member: MemberRow, alternates: readonly AlternateRow[], extra: ReadonlyArray<{ id: number; name: string }>): Array<{ value: string; label: string }> {
  const options = alternates.filter((alternate) => alternate.person_id !== member.person_id).map((alternate) => ({ value: String(alternate.person_id), label: alternate.organisation ? `${alternate.name} (${alternate.organisation})` : alternate.name }));
  for (const person of extra) {
    if (!options.some((option) => option.value === String(person.id))) options.push({ value: String(person.id), label: person.name });
  }
  return options;
}

function MemberRowCells({ ctx, member, props }: { ctx: ViewContext; member: MemberRow; props: AttendancePageProps }) {
  const t = ctx.t;
  const id = String(member.person_id);
  const answer = props.answers.get(member.person_id);
  const extra: Array<{ id: number; name: string }> = [];
  if (answer?.alternate_id && answer.alternate_name) extra.push({ id: answer.alternate_id, name: answer.alternate_name });
  for (const attendee of props.data.attendees) if (attendee.on_behalf_of === member.person_id) extra.push({ id: attendee.person_id, name: attendee.name });
  const candidates = candidatesFor(member, props.data.alternates, extra);
  const presentError = props.errors?.[`present_${id}`];
  const forError = props.errors?.[`for_${id}`];
  const chosen = props.values.standIns[id] ?? '';
  return (
    <tr class={presentError || forError ? 'table__row--error' : undefined}>
      <th scope="row" class="table__cell">
        {member.name}
      </th>
      <td class="table__cell">{member.organisation ?? t('meetings_attendance.form.individual')}</td>
      <td class="table__cell">{t(`mandates.colleges.${member.college}`)}</td>
      <td class="table__cell">{answerText(ctx, answer)}</td>
      <td class="table__cell">
        {presentError ? <p class="error-message" id={`${fieldId(`present_${id}`)}-error`}>{presentError}</p> : null}
        <div class="choice choice--small">
          <input
            class="choice__input"
            type="checkbox"
            id={fieldId(`present_${id}`)}
            name="present"
            value={id}
            checked={props.values.present.includes(id)}
            aria-invalid={presentError ? 'true' : undefined}
            aria-describedby={presentError ? `${fieldId(`present_${id}`)}-error` : undefined}
          />
          <label class="choice__label" for={fieldId(`present_${id}`)}>
            <span class="visually-hidden">{t('meetings_attendance.form.attended_label', { name: member.name })}</span>
          </label>
        </div>
      </td>
      <td class="table__cell">
        {candidates.length === 0 && chosen === '' ? (
          '—'
        ) : (
          <>
            <label class="visually-hidden" for={fieldId(`for_${id}`)}>
              {t('meetings_attendance.form.alternate_label', { name: member.name })}
            </label>
            {forError ? <p class="error-message" id={`${fieldId(`for_${id}`)}-error`}>{forError}</p> : null}
            <select
              class="select"
              id={fieldId(`for_${id}`)}
              name={`for_${id}`}
              aria-invalid={forError ? 'true' : undefined}
              aria-describedby={forError ? `${fieldId(`for_${id}`)}-error` : undefined}
            >
              <option value="" selected={chosen === ''}>
                {t('meetings_attendance.form.nobody')}
              </option>
              {candidates.map((option) => (
                <option value={option.value} selected={option.value === chosen}>
                  {option.label}
                </option>
              ))}
            </select>
          </>
        )}
      </td>
    </tr>
  );
}

export function AttendancePage(props: AttendancePageProps) {
  const { ctx, access, data, values, errors } = props;
  const t = ctx.t;
  const title = t('meetings_attendance.title');
  const heading = `${title}: ${meetingTitle(ctx, access)}`;
  const guests = data.attendees.filter((attendee) => attendee.guest);
  return (
    <Layout ctx={ctx} title={heading} breadcrumbs={attendanceCrumbs(ctx, access, title)} hasErrors={Boolean(errors && Object.keys(errors).length > 0)} wide>
      <h1>{heading}</h1>
      {props.refusal ? (
        <NotificationBanner kind="warning" title={t('meetings_attendance.refused.title')}>
          <p>{props.refusal}</p>
        </NotificationBanner>
      ) : null}
      {data.attendees.length > 0 ? (
        <>
          <QuorumLine ctx={ctx} quorum={data.quorum} />
          <CollegeTable ctx={ctx} quorum={data.quorum} />
        </>
      ) : null}
      {props.refusal ? (
        <>
          {data.attendees.length > 0 ? <AttendeesList ctx={ctx} attendees={data.attendees} showGuests /> : null}
          <p>
            <a href={ctx.href(`/meetings/${access.meeting.id}`)}>{t('meetings_attendance.form.back')}</a>
          </p>
        </>
      ) : (
        <>
          <ErrorSummary ctx={ctx} errors={errors} />
          <p class="lead">{t('meetings_attendance.lead')}</p>
          <Form ctx={ctx} action={ctx.href(`/meetings/${access.meeting.id}/attendance`)}>
            {data.members.length === 0 ? (
              <p>{t('meetings_attendance.form.no_members')}</p>
            ) : (
              <div class="table-wrapper">
                <p class="table__title" aria-hidden="true">
                  {t('meetings_attendance.form.members_caption')}
                </p>
                <div class="table-scroll" role="region" aria-label={t('meetings_attendance.form.members_caption')} tabindex={0}>
                  <table class="table">
                    <caption class="visually-hidden">{t('meetings_attendance.form.members_caption')}</caption>
                    <thead>
                      <tr>
                        <th scope="col" class="table__cell">{t('meetings_attendance.form.member')}</th>
                        <th scope="col" class="table__cell">{t('meetings_attendance.form.organisation')}</th>
                        <th scope="col" class="table__cell">{t('meetings_attendance.form.college')}</th>
                        <th scope="col" class="table__cell">{t('meetings_attendance.form.answer')}</th>
                        <th scope="col" class="table__cell">{t('meetings_attendance.form.attended')}</th>
                        <th scope="col" class="table__cell">{t('meetings_attendance.form.alternate')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.members.map((member) => (
                        <MemberRowCells ctx={ctx} member={member} props={props} />
                      ))}
                    </tbody>
                  </table>
                </div>
              </div>
            )}
            {data.members.length > 0 ? (
              <fieldset class="fieldset">
                <legend class="legend">{t('meetings_attendance.form.standin_legend')}</legend>
                <div class="hint">{t('meetings_attendance.form.standin_hint')}</div>
                <Select
                  name="standin_member"
                  label={t('meetings_attendance.form.standin_member')}
                  placeholder={t('meetings_attendance.form.choose')}
                  options={data.members.map((member) => ({ value: String(member.person_id), label: member.organisation ? `${member.name} (${member.organisation})` : member.name }))}
                  value={values.standin_member}
                  error={errors?.standin_member}
                  optional
                />
                <TextField name="standin_person" label={t('meetings_attendance.form.standin_person')} hint={t('meetings_attendance.form.person_hint')} value={values.standin_person} error={errors?.standin_person} autocomplete="off" spellcheck={false} optional />
              </fieldset>
            ) : null}
            <fieldset class="fieldset">
              <legend class="legend">{t('meetings_attendance.form.guests_legend')}</legend>
              {guests.length > 0 ? (
                <div class="checkboxes">
                  {guests.map((guest) => {
                    const id = fieldId(`guest_${guest.person_id}`);
                    const error = errors?.[`guest_${guest.person_id}`];
                    return (
                      <div class="choice">
                        {error ? <p class="error-message" id={`${id}-error`}>{error}</p> : null}
                        <input class="choice__input" type="checkbox" id={id} name="guest" value={String(guest.person_id)} checked={values.guests.includes(String(guest.person_id))} aria-describedby={error ? `${id}-error` : undefined} />
                        <label class="choice__label" for={id}>
                          {t('meetings_attendance.form.guest_label', { name: guest.organisation ? `${guest.name} (${guest.organisation})` : guest.name })}
                        </label>
                      </div>
                    );
                  })}
                </div>
              ) : null}
              <TextField name="guest_new" label={t('meetings_attendance.form.guest_new')} hint={t('meetings_attendance.form.person_hint')} value={values.guest_new} error={errors?.guest_new} autocomplete="off" spellcheck={false} optional />
            </fieldset>
            <ButtonGroup>
              <Button>{t('meetings_attendance.form.save')}</Button>
              <a href={ctx.href(`/meetings/${access.meeting.id}`)}>{t('meetings_attendance.form.back')}</a>
            </ButtonGroup>
          </Form>
        </>
      )}
    </Layout>
  );
}
