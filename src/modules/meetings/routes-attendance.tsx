/**
 * HTTP for a meeting's attendance: the form at `/meetings/:id/attendance` (those who run the
 * body's meetings), its API (`attendance-api.ts`), and the body's meeting rules form
 * (`/bodies/:slug/meeting-rules`, `body-rules-routes.tsx`).
 */
import { AppError, isAppError, type FieldErrors } from '../../kernel/errors.js';
import { scopeOf, type AppContext } from '../../kernel/http/env.js';
import { setFlash } from '../../kernel/http/flash.js';
import { formString, readForm } from '../../kernel/http/forms.js';
import type { RouteDef } from '../../kernel/http/module.js';
import { viewContext } from '../../kernel/http/view.js';
import { signedIn } from '../../kernel/policy.js';
import type { Queryable } from '../../db/types.js';
import { attendanceApiRoutes } from './attendance-api.js';
import { attendanceRefusal, personByText, recordAttendance, type AttendanceItemInput } from './attendance.js';
import { bodyRulesRoutes } from './body-rules-routes.js';
import { manageMeetings } from './policies.js';
import { loadMeetingAttendance, type MeetingAttendance } from './quorum.js';
import { idParam, meetingFor, type MeetingAccess } from './store.js';
import { AttendancePage, type AnswerView, type AttendanceFormValues } from './views/attendance.js';

/** The members' answers to the notice, with the alternate they named: one query. */
async function answersOf(db: Queryable, meetingId: number): Promise<Map<number, AnswerView>> {
  const rows = await db
    .selectFrom('meeting_answers as a')
    .leftJoin('users as u', 'u.id', 'a.alternate_id')
    .select(['a.person_id', 'a.answer', 'a.alternate_id', 'u.name as alternate_name'])
    .where('a.meeting_id', '=', meetingId)
    .execute();
  return new Map(rows.map((row) => [Number(row.person_id), { answer: row.answer, alternate_id: row.alternate_id === null ? null : Number(row.alternate_id), alternate_name: row.alternate_name }]));
}

/** The form as the recorded attendance fills it. */
function recordedValues(data: MeetingAttendance): AttendanceFormValues {
  const members = new Set(data.members.map((member) => member.person_id));
  const standIns: Record<string, string> = {};
  for (const row of data.attendees) if (row.on_behalf_of !== null) standIns[String(row.on_behalf_of)] = String(row.person_id);
  return {
    present: data.attendees.filter((row) => !row.guest && row.on_behalf_of === null && members.has(row.person_id)).map((row) => String(row.person_id)),
    standIns,
    guests: data.attendees.filter((row) => row.guest).map((row) => String(row.person_id)),
    guest_new: '',
    standin_member: '',
    standin_person: '',
  };
}

async function renderPage(c: AppContext, access: MeetingAccess, values: AttendanceFormValues | null, errors?: FieldErrors, refusal?: AppError) {
  const db = c.get('services').database.db;
  const [data, answers] = await Promise.all([loadMeetingAttendance(db, access.meeting, access.body.rules), answersOf(db, access.meeting.id)]);
  const ctx = viewContext(c);
  const status = refusal ? 409 : errors ? 422 : 200;
  return c.html(
    <AttendancePage
      ctx={ctx}
      access={access}
      data={data}
      answers={answers}
      values={values ?? recordedValues(data)}
      errors={errors}
      refusal={refusal ? ctx.t(refusal.messageKey, refusal.params) : undefined}
    />,
    status,
  );
}

const accessOf = (c: AppContext) => meetingFor(c.get('services').database.db, c.get('actor'), idParam(c.req.param('id')), manageMeetings);

const asList = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** Turns the sent form into the rows the command checks, and the form field each row's errors belong beside. */
async function itemsFromForm(
  db: Queryable,
  values: AttendanceFormValues,
  recorded: MeetingAttendance,
  t: (key: string) => string,
): Promise<{ items: AttendanceItemInput[]; fields: Array<Record<string, string>>; errors: FieldErrors }> {
  const items: AttendanceItemInput[] = [];
  const fields: Array<Record<string, string>> = [];
  const errors: FieldErrors = {};
  for (const id of values.present) {
    items.push({ person_id: id });
    fields.push({ _: `present_${id}` });
  }
  for (const [member, person] of Object.entries(values.standIns)) {
    items.push({ person_id: person, on_behalf_of: member });
    fields.push({ _: `for_${member}` });
  }
  const guestOrganisation = new Map(recorded.attendees.filter((row) => row.guest).map((row) => [String(row.person_id), row.organisation_id]));
  for (const id of values.guests) {
    items.push({ person_id: id, guest: true, organisation_id: guestOrganisation.get(id) ?? null });
    fields.push({ _: `guest_${id}` });
  }
  if (values.guest_new.trim() !== '') {
    const found = await personByText(db, values.guest_new);
    if (found === 'none') errors.guest_new = t('meetings_attendance.errors.person_not_found');
    else if (found === 'ambiguous') errors.guest_new = t('meetings_attendance.errors.person_ambiguous');
    else {
      items.push({ person_id: found.id, guest: true });
      fields.push({ _: 'guest_new' });
    }
  }
  const standinPerson = values.standin_person.trim();
  if (standinPerson !== '' || values.standin_member !== '') {
    if (values.standin_member === '') errors.standin_member = t('meetings_attendance.errors.standin_member_required');
    if (standinPerson === '') errors.standin_person = t('meetings_attendance.errors.standin_person_required');
    else {
      const found = await personByText(db, standinPerson);
      if (found === 'none') errors.standin_person = t('meetings_attendance.errors.person_not_found');
      else if (found === 'ambiguous') errors.standin_person = t('meetings_attendance.errors.person_ambiguous');
      else if (values.standin_member !== '') {
        items.push({ person_id: found.id, on_behalf_of: values.standin_member });
        fields.push({ _: 'standin_person', on_behalf_of: 'standin_member' });
      }
    }
  }
  return { items, fields, errors };
}

/** The command's `items.N.field` errors beside the form's own fields. */
function formErrors(fields: FieldErrors, rows: Array<Record<string, string>>): FieldErrors {
  const errors: FieldErrors = {};
  for (const [path, message] of Object.entries(fields)) {
    const match = /^items\.(\d+)\.(\w+)$/.exec(path);
    const row = match ? rows[Number(match[1])] : undefined;
    const name = row && match ? (row[match[2] ?? ''] ?? row._ ?? 'guest_new') : 'guest_new';
    errors[name] ??= message;
  }
  return errors;
}

export const attendancePageRoutes: RouteDef[] = [
  {
    kind: 'page',
    method: 'GET',
    path: '/meetings/:id/attendance',
    policy: signedIn,
    sample: { id: '999999' },
    handler: async (c) => {
      const access = await accessOf(c);
      return renderPage(c, access, null, undefined, attendanceRefusal(access.meeting) ?? undefined);
    },
  },
  {
    kind: 'page',
    method: 'POST',
    path: '/meetings/:id/attendance',
    policy: signedIn,
    sample: { id: '999999' },
    handler: async (c) => {
      const access = await accessOf(c);
      const refusal = attendanceRefusal(access.meeting);
      if (refusal) return renderPage(c, access, null, undefined, refusal);
      const form = await readForm(c);
      const standIns: Record<string, string> = {};
      for (const [name, value] of Object.entries(form)) {
        const match = /^for_(\d{1,15})$/.exec(name);
        if (match?.[1] && typeof value === 'string' && value !== '') standIns[match[1]] = value;
      }
      const values: AttendanceFormValues = {
        present: asList(form.present),
        standIns,
        guests: asList(form.guest),
        guest_new: formString(form, 'guest_new'),
        standin_member: formString(form, 'standin_member'),
        standin_person: formString(form, 'standin_person'),
      };
      const db = c.get('services').database.db;
      const recorded = await loadMeetingAttendance(db, access.meeting, access.body.rules);
      const ctx = viewContext(c);
      const { items, fields, errors } = await itemsFromForm(db, values, recorded, ctx.t);
      if (Object.keys(errors).length > 0) return renderPage(c, access, values, errors);
      try {
        await recordAttendance(scopeOf(c), { meeting_id: access.meeting.id, items });
      } catch (error) {
        if (isAppError(error, 'validation_failed')) return renderPage(c, access, values, formErrors(error.fields, fields));
        if (isAppError(error, 'conflict')) return renderPage(c, access, null, undefined, error);
        throw error;
      }
      setFlash(c, 'success', 'meetings_attendance.form.saved');
      return c.redirect(`/${c.get('locale')}/meetings/${access.meeting.id}/attendance`, 303);
    },
  },
];

export const attendanceRoutes: RouteDef[] = [...attendancePageRoutes, ...attendanceApiRoutes, ...bodyRulesRoutes];
