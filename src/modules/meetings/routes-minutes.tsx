/**
 * HTTP for the minutes (acta): the page (`/meetings/:id/minutes`, `?version=` for an earlier
 * version), its printable form (`/print`), and the forms that write the draft, circulate it,
 * approve it, start a correction and send an objection. The JSON API is in `minutes-api.ts`.
 */
import type { FieldErrors } from '../../kernel/errors.js';
import { isAppError, AppError } from '../../kernel/errors.js';
import { scopeOf, type AppContext } from '../../kernel/http/env.js';
import { setFlash } from '../../kernel/http/flash.js';
import { formString, readForm } from '../../kernel/http/forms.js';
import type { RouteDef } from '../../kernel/http/module.js';
import { viewContext } from '../../kernel/http/view.js';
import { todayInSpace } from '../../kernel/i18n/index.js';
import { allows, publicAccess, signedIn, type Policy } from '../../kernel/policy.js';
import { readsOpenMinutes, visibleVersions } from './minutes-access.js';
import { minutesApiRoutes } from './minutes-api.js';
import { buildMinutesDocument, type MinutesDocument } from './minutes-content.js';
import {
  agendaOfMeeting, approvingCandidates, meetingBrief, minutesOfMeeting, objectionsOf, type MinutesRow,
} from './minutes-store.js';
import { approveMinutes, circulateMinutes, correctMinutes, isCalendarDate, objectionsOpen, objectToCirculatedMinutes, saveMinutes } from './minutes.js';
import { manageMeetings, objectToMinutes, viewMeeting, type MeetingResource } from './policies.js';
import { idParam, meetingFor, type MeetingAccess } from './store.js';
import { instantInSpace, wallDateAndTime } from './time.js';
import { MinutesPage, type MinutesFormValues, type MinutesPageProps } from './views/minutes.js';
import { MinutesPrintPage } from './views/minutes-print.js';

type FormState = NonNullable<MinutesPageProps['form']>;

/** The version `?version=` names (404 when it is not one of this meeting's), or the current. */
function versionShown(c: AppContext, versions: MinutesRow[]): MinutesRow | undefined {
  const asked = c.req.query('version');
  if (asked === undefined || asked === '') return versions.at(-1);
  const id = idParam(asked);
  const found = versions.find((v) => v.id === id);
  if (!found) throw new AppError('not_found');
  return found;
}

/** The acta to show: the frozen content of approved minutes, or built now from the tables. */
async function documentOf(c: AppContext, access: MeetingAccess, minutes: MinutesRow): Promise<MinutesDocument> {
  if (minutes.state === 'approved' && minutes.content) return minutes.content as unknown as MinutesDocument;
  return buildMinutesDocument(c.get('services').database.db, access, minutes);
}

/** The draft form's values from stored minutes, or from the meeting when there are none yet. */
function storedValues(access: MeetingAccess, minutes: MinutesRow | undefined): MinutesFormValues {
  const start = wallDateAndTime(new Date(minutes?.started_at ?? access.meeting.starts_at));
  const end = wallDateAndTime(new Date(minutes?.ended_at ?? access.meeting.ends_at));
  return {
    place: minutes?.place ?? access.meeting.place ?? access.meeting.online_url ?? '',
    date: start.date,
    start_time: start.time,
    end_time: end.time,
    summary: minutes?.summary ?? '',
    deliberations: { ...(minutes?.deliberations ?? {}) },
  };
}

async function renderMinutes(c: AppContext, access: MeetingAccess, form: FormState, status: 200 | 409 | 422) {
  const db = c.get('services').database.db;
  const actor = c.get('actor');
  const open = readsOpenMinutes(actor, access.resource);
  const versions = visibleVersions(await minutesOfMeeting(db, access.meeting.id), open);
  const shown = versionShown(c, versions);
  const current = versions.at(-1);
  const manage = allows(manageMeetings, actor, access.resource);
  const today = todayInSpace();
  const canObject = current !== undefined && shown?.id === current.id && objectionsOpen(current, today) && allows(objectToMinutes, actor, access.resource);
  const [doc, approving, objections, agenda, candidates] = await Promise.all([
    shown ? documentOf(c, access, shown) : Promise.resolve(undefined),
    shown?.approved_in ? meetingBrief(db, shown.approved_in) : Promise.resolve(undefined),
    manage && shown ? objectionsOf(db, shown.id) : Promise.resolve(null),
    manage ? agendaOfMeeting(db, access.meeting.id) : Promise.resolve([]),
    manage && current && current.state !== 'approved'
      ? approvingCandidates(db, access.body.id, access.meeting.id, new Date(access.meeting.starts_at), new Date())
      : Promise.resolve([]),
  ]);
  const editable = manage && access.meeting.state === 'held' && (current === undefined || current.state !== 'approved');
  const values: FormState = { ...form, minutes: form.minutes ?? (editable ? storedValues(access, current) : undefined) };
  return c.html(
    <MinutesPage
      ctx={viewContext(c)}
      access={access}
      versions={versions}
      shown={shown}
      doc={doc}
      open={open}
      approvedIn={approving ? { id: approving.id, title: approving.title } : null}
      objections={objections}
      agenda={agenda}
      candidates={candidates}
      manage={manage}
      canObject={canObject}
      today={today}
      form={values}
    />,
    status,
  );
}

/** The meeting of the path for someone the policy lets act on it (404 when they may not see it). */
async function meetingOfPath(c: AppContext, policy: Policy<MeetingResource> = viewMeeting): Promise<MeetingAccess> {
  return meetingFor(c.get('services').database.db, c.get('actor'), idParam(c.req.param('id')), policy);
}

/** The field errors of a refused form, keyed by the form's fields. */
function formErrors(fields: FieldErrors, aliases: Record<string, string>): FieldErrors {
  const errors: FieldErrors = {};
  for (const [path, message] of Object.entries(fields)) {
    const head = path.split('.')[0] ?? path;
    const name = aliases[path] ?? aliases[head] ?? head;
    errors[name] ??= message;
  }
  return errors;
}

/**
 * Runs a form's command: on success a flash and back to the minutes page; a 422 shows the page
 * again with the errors and what was typed, a 409 with the refusal at the top.
 */
async function handleForm(
  c: AppContext,
  access: MeetingAccess,
  run: () => Promise<unknown>,
  flash: string | (() => [string, Record<string, string | number>]),
  state: FormState,
  aliases: Record<string, string> = {},
) {
  try {
    await run();
    const [key, params] = typeof flash === 'string' ? [flash, {}] : flash();
    setFlash(c, 'success', key, params);
    return c.redirect(`/${c.get('locale')}/meetings/${access.meeting.id}/minutes`, 303);
  } catch (error) {
    if (isAppError(error, 'validation_failed')) return renderMinutes(c, access, { ...state, errors: { ...formErrors(error.fields, aliases), ...state.errors } }, 422);
    if (isAppError(error, 'conflict') || isAppError(error, 'invalid_transition')) {
      return renderMinutes(c, access, { ...state, refusal: viewContext(c).t(error.messageKey, error.params) }, 409);
    }
    throw error;
  }
}

const path = (suffix: string) => `/meetings/:id/minutes${suffix}`;

/** A POST form of the minutes page: the meeting of the path for who the policy lets act, and the form read (the kernel has checked its CSRF token). */
function minutesForm(suffix: string, policy: Policy<MeetingResource>, handle: (c: AppContext, access: MeetingAccess, form: Record<string, string | string[]>) => Promise<Response>): RouteDef {
  return {
    kind: 'page',
    method: 'POST',
    path: path(suffix),
    policy: signedIn,
    sample: { id: '1' },
    handler: async (c) => {
      const access = await meetingOfPath(c, policy);
      return handle(c, access, await readForm(c));
    },
  };
}

export const minutesPageRoutes: RouteDef[] = [
  {
    kind: 'page',
    method: 'GET',
    path: path(''),
    policy: publicAccess,
    sample: { id: '1' },
    // The meeting, its agenda, attendance, agreements (meetings), the body's name (bodies), names of people.
    cacheTags: ['meetings', 'bodies', 'people'],
    handler: async (c) => renderMinutes(c, await meetingOfPath(c), {}, 200),
  },
  {
    kind: 'page',
    method: 'GET',
    path: path('/print'),
    policy: publicAccess,
    sample: { id: '1' },
    cacheTags: ['meetings', 'bodies', 'people'],
    handler: async (c) => {
      const access = await meetingOfPath(c);
      const db = c.get('services').database.db;
      const versions = visibleVersions(await minutesOfMeeting(db, access.meeting.id), readsOpenMinutes(c.get('actor'), access.resource));
      const shown = versionShown(c, versions);
      if (!shown) throw new AppError('not_found');
      const [doc, approving] = await Promise.all([documentOf(c, access, shown), shown.approved_in ? meetingBrief(db, shown.approved_in) : Promise.resolve(undefined)]);
      const page = await (<MinutesPrintPage ctx={viewContext(c)} minutes={shown} doc={doc} approvedIn={approving ? { id: approving.id, title: approving.title } : null} />).toString();
      // A document of its own (not the site's layout): the doctype goes before its <html>.
      return c.html(`<!doctype html>${page}`);
    },
  },
  minutesForm('', manageMeetings, async (c, access, form) => {
    const t = viewContext(c).t;
    const deliberations: Record<string, string> = {};
    for (const [key, value] of Object.entries(form)) {
      const match = /^deliberation_(\d{1,15})$/.exec(key);
      if (match?.[1] && typeof value === 'string') deliberations[match[1]] = value;
    }
    const values: MinutesFormValues = {
      place: formString(form, 'place'),
      date: formString(form, 'date').trim(),
      start_time: formString(form, 'start_time').trim(),
      end_time: formString(form, 'end_time').trim(),
      summary: formString(form, 'summary'),
      deliberations,
    };
    // The form's date and times on Barcelona's clock; the command judges the rest.
    const errors: FieldErrors = {};
    let started: Date | null = null;
    let ended: Date | null = null;
    if (!isCalendarDate(values.date)) errors.date = t('meetings_minutes.errors.date');
    else {
      started = instantInSpace(values.date, values.start_time);
      ended = instantInSpace(values.date, values.end_time);
      if (!started) errors.start_time = t('meetings_minutes.errors.start_time');
      if (!ended) errors.end_time = t('meetings_minutes.errors.end_time');
    }
    const input = {
      meeting_id: access.meeting.id,
      place: values.place,
      started_at: started ?? 'invalid',
      ended_at: ended ?? 'invalid',
      summary: values.summary,
      items: Object.entries(deliberations).map(([agenda_item_id, deliberation]) => ({ agenda_item_id, deliberation })),
    };
    const aliases = errors.date ? { started_at: 'date', ended_at: 'date' } : { started_at: 'start_time', ended_at: 'end_time' };
    return handleForm(c, access, () => saveMinutes(scopeOf(c), input), 'meetings_minutes.flash.saved', { minutes: values, errors }, aliases);
  }),
  minutesForm('/circulate', manageMeetings, async (c, access, form) => {
    const until = formString(form, 'objections_until').trim();
    let mailed = 0;
    return handleForm(
      c,
      access,
      async () => {
        mailed = (await circulateMinutes(scopeOf(c), { meeting_id: access.meeting.id, objections_until: until })).mailed;
      },
      () => ['meetings_minutes.flash.circulated', { count: mailed }],
      { objections_until: until },
    );
  }),
  minutesForm('/approve', manageMeetings, async (c, access, form) => {
    const approvedIn = formString(form, 'approved_in').trim();
    return handleForm(c, access, () => approveMinutes(scopeOf(c), { meeting_id: access.meeting.id, approved_in: approvedIn }), 'meetings_minutes.flash.approved', {
      approved_in: approvedIn,
    });
  }),
  minutesForm('/correct', manageMeetings, async (c, access) => {
    return handleForm(c, access, () => correctMinutes(scopeOf(c), { meeting_id: access.meeting.id }), 'meetings_minutes.flash.corrected', {});
  }),
  minutesForm('/objections', objectToMinutes, async (c, access, form) => {
    const text = formString(form, 'text');
    return handleForm(c, access, () => objectToCirculatedMinutes(scopeOf(c), { meeting_id: access.meeting.id, text }), 'meetings_minutes.flash.objected', { objection: text });
  }),
];

export const minutesRoutes: RouteDef[] = [...minutesPageRoutes, ...minutesApiRoutes];
