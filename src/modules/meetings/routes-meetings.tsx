/**
 * HTTP for meetings and their agendas: a body's meetings and the new-meeting form, every visible
 * meeting, THE meeting page (with the sections other parts contribute), edit, convene, cancel,
 * mark held, and the agenda's forms (add, change, move up/down, delete, link). Everything works
 * without JavaScript; every POST carries the CSRF token (the kernel checks it and rate-limits
 * writes). The JSON API's routes (api-meetings.ts) are part of `meetingRoutes` too.
 */
import { z } from 'zod';
import { AppError, type FieldErrors } from '../../kernel/errors.js';
import { scopeOf, type AppContext } from '../../kernel/http/env.js';
import { setFlash } from '../../kernel/http/flash.js';
import { formFieldErrors, formString, readForm } from '../../kernel/http/forms.js';
import type { RouteDef } from '../../kernel/http/module.js';
import { viewContext } from '../../kernel/http/view.js';
import { NotificationBanner } from '../../kernel/ui/components.js';
import { allows, publicAccess, signedIn, type Policy } from '../../kernel/policy.js';
import { translate } from '../../kernel/i18n/index.js';
import { findBodyBySlug, standingOf, type BodyRow } from '../bodies/index.js';
import { addAgendaItem, addAgendaLink, deleteAgendaItem, editAgendaItem, moveAgendaItem, removeAgendaLink } from './agenda.js';
import { countAgendaItems, findAgendaItem, loadAgenda, type AgendaItem } from './agenda-store.js';
import { meetingApiRoutes } from './api-meetings.js';
import { findLinkTargets, linkKind, withLinkTags } from './links.js';
import { canMove, createMeeting, meetingForReader, moveRefusal, editMeeting, editRefusal, isShortNotice, transitionMeeting } from './meetings.js';
import { submit, translatableFrom, type AgendaItemFormValues, type MeetingFormValues } from './meetings-forms.js';
import { meetingsPage } from './meetings-list.js';
import { manageMeetings, viewMeeting, type MeetingResource } from './policies.js';
import { meetingRules } from './rules.js';
import { MEETING_SECTIONS } from './sections.js';
import { idParam, meetingResource, type MeetingAccess } from './store.js';
import { wallDateAndTime } from './time.js';
import { DeleteAgendaItemPage, EditAgendaItemPage, NewAgendaItemPage, type LinkSearch } from './views/agenda-forms.js';
import { CancelPage, ConvenePage, HeldPage, MeetingFormPage } from './views/meeting-forms.js';
import { AllMeetingsPage, BodyMeetingsPage } from './views/meeting-list.js';
import { MeetingPage } from './views/meeting-page.js';
import { MeetingFrame, MeetingRefusalPage } from './views/meeting-parts.js';

const pageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);
/** Matches shown when a typed name names several records. */
const LINK_MATCHES = 10;

const db = (c: AppContext) => c.get('services').database.db;

/**
 * The meeting of the path, for someone the policy lets act on it (404 when they may not see
 * it). A draft is seen only by who runs the body's meetings.
 */
async function meetingOfPath(c: AppContext, policy: Policy<MeetingResource>, id: number = idParam(c.req.param('id'))): Promise<MeetingAccess> {
  return meetingForReader(db(c), c.get('actor'), id, policy);
}

/** The body of the path, with its rules and the reader's standing judged against it; 404 when there is none. */
async function bodyOfPath(c: AppContext): Promise<{ body: BodyRow; resource: MeetingResource }> {
  const body = await findBodyBySlug(db(c), c.req.param('slug') ?? '');
  if (!body) throw new AppError('not_found');
  const standing = await standingOf(db(c), c.get('actor')?.id ?? null);
  return { body, resource: meetingResource(standing, { id: body.id, rules: meetingRules(body) }) };
}

/** The refusal page (409) of the action `titleKey` names. */
function refusal(c: AppContext, access: MeetingAccess, titleKey: string, error: AppError) {
  const ctx = viewContext(c);
  return c.html(<MeetingRefusalPage ctx={ctx} body={access.body} meeting={access.meeting} title={ctx.t(titleKey)} message={ctx.t(error.messageKey, error.params)} />, 409);
}

/** The refusal of the meeting's agenda forms when the meeting's state no longer lets its agenda change, or null. */
function agendaRefusal(access: MeetingAccess): AppError | null {
  if (!editRefusal(access.meeting)) return null;
  return new AppError('invalid_transition', { messageKey: `meetings.errors.agenda_${access.meeting.state}` });
}

/** The meeting's page (at `anchor`), where a successful form goes back to. */
const meetingHref = (c: AppContext, meetingId: number, anchor = '') => `/${c.get('locale')}/meetings/${meetingId}${anchor}`;

/** Which actions the reader has on the meeting now. */
function actionsFor(access: MeetingAccess, manage: boolean, now: Date) {
  const { meeting } = access;
  const editable = manage && editRefusal(meeting) === null;
  return {
    edit: editable,
    agenda: editable,
    convene: manage && canMove(meeting.state, 'convened'),
    held: manage && canMove(meeting.state, 'held') && new Date(meeting.starts_at).getTime() <= now.getTime(),
    cancel: manage && canMove(meeting.state, 'cancelled'),
  };
}

// --- Meeting forms ---------------------------------------------------------------------------

const EMPTY_MEETING: MeetingFormValues = { title_ca: '', title_es: '', title_en: '', kind: 'ordinary', format: 'in_person', place: '', online_url: '', date: '', start_time: '', end_time: '', description: '' };

function meetingValuesFrom(form: Record<string, string | string[]>): MeetingFormValues {
  const values = { ...EMPTY_MEETING };
  for (const key of Object.keys(values) as Array<keyof MeetingFormValues>) values[key] = formString(form, key);
  return values;
}

function meetingInputFrom(values: MeetingFormValues) {
  return {
    title: translatableFrom(values.title_ca, values.title_es, values.title_en),
    kind: values.kind || undefined,
    format: values.format,
    place: values.place,
    online_url: values.online_url,
    description: values.description,
    date: values.date,
    start_time: values.start_time,
    end_time: values.end_time,
  };
}

function meetingValuesOf(access: MeetingAccess): MeetingFormValues {
  const { meeting } = access;
  const start = wallDateAndTime(new Date(meeting.starts_at));
  const end = wallDateAndTime(new Date(meeting.ends_at));
  return {
    title_ca: meeting.title.ca,
    title_es: meeting.title.es ?? '',
    title_en: meeting.title.en ?? '',
    kind: meeting.kind,
    format: meeting.format,
    place: meeting.place ?? '',
    online_url: meeting.online_url ?? '',
    date: start.date,
    start_time: start.time,
    end_time: end.time,
    description: meeting.description,
  };
}

const MEETING_ALIASES = { title: 'title_ca' };

function bodyClosedRefusal(c: AppContext, body: BodyRow, messageKey: string) {
  const ctx = viewContext(c);
  const title = ctx.t('meetings.form.new_title');
  return c.html(
    <MeetingFrame ctx={ctx} body={body} meeting={null} title={title}>
      <NotificationBanner kind="warning" title={ctx.t('meetings.refusal.title')}>
        <p>{ctx.t(messageKey)}</p>
      </NotificationBanner>
    </MeetingFrame>,
    409,
  );
}

// --- Agenda forms ----------------------------------------------------------------------------

const EMPTY_ITEM: AgendaItemFormValues = { title_ca: '', title_es: '', title_en: '', kind: 'information', presenter: '', duration_minutes: '', description: '' };

function itemValuesFrom(form: Record<string, string | string[]>): AgendaItemFormValues {
  const values = { ...EMPTY_ITEM };
  for (const key of Object.keys(values) as Array<keyof AgendaItemFormValues>) values[key] = formString(form, key);
  return values;
}

function itemInputFrom(values: AgendaItemFormValues) {
  return {
    title: translatableFrom(values.title_ca, values.title_es, values.title_en),
    kind: values.kind,
    presenter: values.presenter,
    duration_minutes: values.duration_minutes,
    description: values.description,
  };
}

function itemValuesOf(item: AgendaItem): AgendaItemFormValues {
  return {
    title_ca: item.title.ca,
    title_es: item.title.es ?? '',
    title_en: item.title.en ?? '',
    kind: item.kind,
    presenter: item.presenter,
    duration_minutes: item.duration_minutes === null ? '' : String(item.duration_minutes),
    description: item.description,
  };
}

/** The agenda item of the path with its meeting, for who manages the meeting; 404 otherwise. */
async function itemOfPath(c: AppContext): Promise<{ access: MeetingAccess; item: AgendaItem }> {
  const row = await findAgendaItem(db(c), idParam(c.req.param('id')));
  if (!row) throw new AppError('not_found');
  const access = await meetingOfPath(c, manageMeetings, row.meeting_id);
  const agenda = await loadAgenda(db(c), access.meeting.id, c.get('locale'));
  const item = agenda.items.find((i) => i.id === row.id);
  if (!item) throw new AppError('not_found');
  return { access, item };
}

async function renderEditItem(c: AppContext, access: MeetingAccess, item: AgendaItem, options: { values?: AgendaItemFormValues; errors?: FieldErrors; link?: LinkSearch; linkErrors?: FieldErrors } = {}) {
  const failed = options.errors ?? options.linkErrors;
  return c.html(
    <EditAgendaItemPage
      ctx={viewContext(c)}
      body={access.body}
      meeting={access.meeting}
      item={item}
      values={options.values ?? itemValuesOf(item)}
      errors={options.errors}
      link={options.link}
      linkErrors={options.linkErrors}
    />,
    failed ? 422 : 200,
  );
}

const ITEM_ALIASES = { title: 'title_ca' };

/** A page or form of one meeting (`/meetings/:id` + `suffix`), for who runs its body's meetings. */
function managedMeetingRoute(method: 'GET' | 'POST', suffix: string, handle: (c: AppContext, access: MeetingAccess) => Promise<Response>): RouteDef {
  return {
    kind: 'page',
    method,
    path: `/meetings/:id{[0-9]+}${suffix}`,
    policy: signedIn,
    sample: { id: '1' },
    handler: async (c) => handle(c, await meetingOfPath(c, manageMeetings)),
  };
}

/** A page or form of one agenda item (`/agenda-items/:id` + `suffix`), for who runs its meeting's body's meetings. */
function agendaItemRoute(method: 'GET' | 'POST', suffix: string, handle: (c: AppContext, found: { access: MeetingAccess; item: AgendaItem }) => Promise<Response>): RouteDef {
  return {
    kind: 'page',
    method,
    path: `/agenda-items/:id{[0-9]+}${suffix}`,
    policy: signedIn,
    sample: { id: '1' },
    handler: async (c) => handle(c, await itemOfPath(c)),
  };
}

/** What the meeting page shows (see its route); kinds of linked records registered later add theirs. */
const MEETING_PAGE_TAGS = withLinkTags(['meetings', 'bodies', 'organisations', 'people']);

export const meetingPageRoutes: RouteDef[] = [
  {
    kind: 'page',
    method: 'GET',
    path: '/bodies/:slug/meetings',
    policy: publicAccess,
    sample: { slug: 'ambit-participat' },
    // The body's name and rules (bodies) and its meetings (meetings).
    cacheTags: ['meetings', 'bodies'],
    handler: async (c) => {
      const { body, resource } = await bodyOfPath(c);
      const actor = c.get('actor');
      const now = new Date();
      const visible = allows(viewMeeting, actor, resource);
      const meetings = visible ? await meetingsPage(db(c), { actor, standing: resource.standing, bodyId: body.id, page: pageSchema.parse(c.req.query('page')), now }) : null;
      const canCreate = allows(manageMeetings, actor, resource) && body.state !== 'closed' && body.state !== 'declined';
      return c.html(<BodyMeetingsPage ctx={viewContext(c)} body={body} meetings={meetings} canCreate={canCreate} now={now} />);
    },
  },
  {
    kind: 'page',
    method: 'GET',
    path: '/bodies/:slug/meetings/new',
    policy: signedIn,
    sample: { slug: 'ambit-participat' },
    handler: async (c) => {
      const { body, resource } = await bodyOfPath(c);
      if (!allows(viewMeeting, c.get('actor'), resource)) throw new AppError('not_found');
      if (!allows(manageMeetings, c.get('actor'), resource)) throw new AppError('forbidden');
      if (body.state === 'closed' || body.state === 'declined') return bodyClosedRefusal(c, body, `meetings.errors.body_${body.state}`);
      return c.html(<MeetingFormPage ctx={viewContext(c)} body={body} meeting={null} values={EMPTY_MEETING} />);
    },
  },
  {
    kind: 'page',
    method: 'POST',
    path: '/bodies/:slug/meetings/new',
    policy: signedIn,
    sample: { slug: 'ambit-participat' },
    handler: async (c) => {
      const { body, resource } = await bodyOfPath(c);
      if (!allows(viewMeeting, c.get('actor'), resource)) throw new AppError('not_found');
      const values = meetingValuesFrom(await readForm(c));
      return submit(
        c,
        async () => {
          const id = await createMeeting(scopeOf(c), { body_id: body.id, ...meetingInputFrom(values) });
          setFlash(c, 'success', 'meetings.flash.created');
          return meetingHref(c, id);
        },
        (refused) => {
          if (refused.code !== 'validation_failed') return bodyClosedRefusal(c, body, refused.messageKey);
          return c.html(<MeetingFormPage ctx={viewContext(c)} body={body} meeting={null} values={values} errors={formFieldErrors(refused.fields, MEETING_ALIASES)} />, 422);
        },
      );
    },
  },
  {
    kind: 'page',
    method: 'GET',
    path: '/meetings',
    policy: publicAccess,
    cacheTags: ['meetings', 'bodies'],
    handler: async (c) => {
      const actor = c.get('actor');
      const standing = await standingOf(db(c), actor?.id ?? null);
      const now = new Date();
      const meetings = await meetingsPage(db(c), { actor, standing, page: pageSchema.parse(c.req.query('page')), now });
      return c.html(<AllMeetingsPage ctx={viewContext(c)} meetings={meetings} now={now} />);
    },
  },
  {
    kind: 'page',
    method: 'GET',
    path: '/meetings/:id{[0-9]+}',
    policy: publicAccess,
    sample: { id: '1' },
    // The meeting and its agenda (meetings), its body (bodies), the people and organisations
    // the sections name, and the tags of every kind of record its agenda may link to (links.ts).
    cacheTags: MEETING_PAGE_TAGS,
    // Signed in, a copy per session: also what the reader's standing lets them see and do here
    // (their mandates). Their answer, the minutes' drafts and the managers' lists all change
    // with a 'meetings' event; a meeting's start and end with the meetings clock's.
    signedInCacheTags: () => [...MEETING_PAGE_TAGS, 'mandates'],
    handler: async (c) => {
      const access = await meetingOfPath(c, viewMeeting);
      const actor = c.get('actor');
      const database = db(c);
      const manage = allows(manageMeetings, actor, access.resource);
      const [agenda, sectionData] = await Promise.all([
        loadAgenda(database, access.meeting.id, c.get('locale')),
        Promise.all(MEETING_SECTIONS.map((section) => section.load(database, access, actor))),
      ]);
      const ctx = viewContext(c);
      const sections = MEETING_SECTIONS.map((section, index) => section.render({ ctx, access, data: sectionData[index] }));
      const underItem = (itemId: number) => MEETING_SECTIONS.map((section, index) => section.renderForItem?.({ ctx, access, data: sectionData[index], itemId }) ?? null);
      return c.html(<MeetingPage ctx={ctx} access={access} agenda={agenda} manage={manage} actions={actionsFor(access, manage, new Date())} sections={sections} underItem={underItem} />);
    },
  },
  managedMeetingRoute('GET', '/edit', async (c, access) => {
    const refused = editRefusal(access.meeting);
    if (refused) return refusal(c, access, 'meetings.form.edit_title', refused);
    return c.html(<MeetingFormPage ctx={viewContext(c)} body={access.body} meeting={access.meeting} values={meetingValuesOf(access)} />);
  }),
  managedMeetingRoute('POST', '/edit', async (c, access) => {
    const values = meetingValuesFrom(await readForm(c));
    return submit(
      c,
      async () => {
        await editMeeting(scopeOf(c), { meeting_id: access.meeting.id, ...meetingInputFrom(values) });
        setFlash(c, 'success', 'meetings.flash.saved');
        return meetingHref(c, access.meeting.id);
      },
      (refused) => {
        if (refused.code !== 'validation_failed') return refusal(c, access, 'meetings.form.edit_title', refused);
        return c.html(<MeetingFormPage ctx={viewContext(c)} body={access.body} meeting={access.meeting} values={values} errors={formFieldErrors(refused.fields, MEETING_ALIASES)} />, 422);
      },
    );
  }),
  managedMeetingRoute('GET', '/convene', async (c, access) => {
    if (!canMove(access.meeting.state, 'convened')) return refusal(c, access, 'meetings.convene.title', moveRefusal(access.meeting.state, 'convened', c.get('locale')));
    return renderConvene(c, access, '');
  }),
  managedMeetingRoute('POST', '/convene', async (c, access) => {
    const reason = formString(await readForm(c), 'urgency_reason');
    return submit(c, () => transition(c, access, 'convened', reason), (refused) => {
      if (refused.code !== 'validation_failed') return refusal(c, access, 'meetings.convene.title', refused);
      return renderConvene(c, access, reason, formFieldErrors(refused.fields, { reason: 'urgency_reason' }));
    });
  }),
  managedMeetingRoute('GET', '/cancel', async (c, access) => {
    if (!canMove(access.meeting.state, 'cancelled')) return refusal(c, access, 'meetings.cancel.title', moveRefusal(access.meeting.state, 'cancelled', c.get('locale')));
    return c.html(<CancelPage ctx={viewContext(c)} body={access.body} meeting={summaryOf(access)} reason="" />);
  }),
  managedMeetingRoute('POST', '/cancel', async (c, access) => {
    const reason = formString(await readForm(c), 'cancel_reason');
    return submit(c, () => transition(c, access, 'cancelled', reason), (refused) => {
      if (refused.code !== 'validation_failed') return refusal(c, access, 'meetings.cancel.title', refused);
      return c.html(<CancelPage ctx={viewContext(c)} body={access.body} meeting={summaryOf(access)} reason={reason} errors={formFieldErrors(refused.fields, { reason: 'cancel_reason' })} />, 422);
    });
  }),
  managedMeetingRoute('GET', '/held', async (c, access) => {
    if (!canMove(access.meeting.state, 'held')) return refusal(c, access, 'meetings.held.title', moveRefusal(access.meeting.state, 'held', c.get('locale')));
    if (new Date(access.meeting.starts_at).getTime() > Date.now()) return refusal(c, access, 'meetings.held.title', new AppError('conflict', { messageKey: 'meetings.errors.held_not_started' }));
    return c.html(<HeldPage ctx={viewContext(c)} body={access.body} meeting={summaryOf(access)} />);
  }),
  managedMeetingRoute('POST', '/held', async (c, access) => {
    return submit(c, () => transition(c, access, 'held'), (refused) => refusal(c, access, 'meetings.held.title', refused));
  }),
  // --- Agenda ---
  managedMeetingRoute('GET', '/agenda/new', async (c, access) => {
    const refused = agendaRefusal(access);
    if (refused) return refusal(c, access, 'meetings.agenda.new_title', refused);
    return c.html(<NewAgendaItemPage ctx={viewContext(c)} body={access.body} meeting={access.meeting} values={EMPTY_ITEM} />);
  }),
  managedMeetingRoute('POST', '/agenda/new', async (c, access) => {
    const values = itemValuesFrom(await readForm(c));
    return submit(
      c,
      async () => {
        const id = await addAgendaItem(scopeOf(c), { meeting_id: access.meeting.id, ...itemInputFrom(values) });
        setFlash(c, 'success', 'meetings.flash.item_added');
        return meetingHref(c, access.meeting.id, `#item-${id}`);
      },
      (refused) => {
        if (refused.code !== 'validation_failed') return refusal(c, access, 'meetings.agenda.new_title', refused);
        return c.html(<NewAgendaItemPage ctx={viewContext(c)} body={access.body} meeting={access.meeting} values={values} errors={formFieldErrors(refused.fields, ITEM_ALIASES)} />, 422);
      },
    );
  }),
  agendaItemRoute('GET', '/edit', async (c, { access, item }) => {
    const refused = agendaRefusal(access);
    if (refused) return refusal(c, access, 'meetings.agenda.edit_title', refused);
    return renderEditItem(c, access, item);
  }),
  agendaItemRoute('POST', '/edit', async (c, { access, item }) => {
    const values = itemValuesFrom(await readForm(c));
    return submit(
      c,
      async () => {
        await editAgendaItem(scopeOf(c), { item_id: item.id, ...itemInputFrom(values) });
        setFlash(c, 'success', 'meetings.flash.item_saved');
        return meetingHref(c, access.meeting.id, `#item-${item.id}`);
      },
      (refused) => {
        if (refused.code !== 'validation_failed') return refusal(c, access, 'meetings.agenda.edit_title', refused);
        return renderEditItem(c, access, item, { values, errors: formFieldErrors(refused.fields, ITEM_ALIASES) });
      },
    );
  }),
  agendaItemRoute('POST', '/move', async (c, { access, item }) => {
    const direction = formString(await readForm(c), 'direction');
    return submit(
      c,
      async () => {
        await moveAgendaItem(scopeOf(c), { item_id: item.id, direction });
        return meetingHref(c, access.meeting.id, `#item-${item.id}`);
      },
      (refused) => refusal(c, access, 'meetings.agenda.title', refused.code === 'validation_failed' ? new AppError('conflict', { messageKey: 'meetings.errors.direction' }) : refused),
    );
  }),
  agendaItemRoute('GET', '/delete', async (c, { access, item }) => {
    const refused = agendaRefusal(access);
    if (refused) return refusal(c, access, 'meetings.agenda.delete_title', refused);
    return c.html(<DeleteAgendaItemPage ctx={viewContext(c)} body={access.body} meeting={access.meeting} item={item} />);
  }),
  agendaItemRoute('POST', '/delete', async (c, { access, item }) => {
    return submit(
      c,
      async () => {
        await deleteAgendaItem(scopeOf(c), { item_id: item.id });
        setFlash(c, 'success', 'meetings.flash.item_deleted');
        return meetingHref(c, access.meeting.id, '#agenda-title');
      },
      (refused) => refusal(c, access, 'meetings.agenda.delete_title', refused),
    );
  }),
  agendaItemRoute('POST', '/links', async (c, { access, item }) => {
    const locale = c.get('locale');
    const form = await readForm(c);
    const type = formString(form, 'link_type');
    const query = formString(form, 'link_query').trim().slice(0, 200);
    const chosen = formString(form, 'link_id');
    const search: LinkSearch = { type, query, matches: [] };
    const fail = (field: string, key: string, params?: Record<string, string | number>) => renderEditItem(c, access, item, { link: search, linkErrors: { [field]: translate(locale, key, params) } });
    if (!linkKind(type)) return fail('link_type', 'meetings.errors.link_type');
    let targetId: number | null = /^[1-9][0-9]{0,14}$/.test(chosen) ? Number(chosen) : null;
    if (targetId === null) {
      if (query === '') return fail('link_query', 'meetings.errors.link_query_required');
      search.matches = await findLinkTargets(db(c), type, query, LINK_MATCHES, locale);
      if (search.matches.length === 0) return fail('link_query', 'meetings.errors.link_not_found', { query });
      if (search.matches.length > 1) return renderEditItem(c, access, item, { link: search });
      targetId = search.matches[0]?.id ?? null;
    }
    return submit(
      c,
      async () => {
        await addAgendaLink(scopeOf(c), { item_id: item.id, type, target_id: targetId });
        setFlash(c, 'success', 'meetings.flash.link_added');
        return `/${locale}/agenda-items/${item.id}/edit#links`;
      },
      (refused) => {
        if (refused.code !== 'validation_failed') return refusal(c, access, 'meetings.agenda.edit_title', refused);
        return renderEditItem(c, access, item, { link: search, linkErrors: { link_query: Object.values(refused.fields).join(' ') } });
      },
    );
  }),
  agendaItemRoute('POST', '/links/remove', async (c, { access, item }) => {
    const form = await readForm(c);
    return submit(
      c,
      async () => {
        await removeAgendaLink(scopeOf(c), { item_id: item.id, type: formString(form, 'type'), target_id: formString(form, 'target_id') });
        setFlash(c, 'success', 'meetings.flash.link_removed');
        return `/${c.get('locale')}/agenda-items/${item.id}/edit#links`;
      },
      (refused) => refusal(c, access, 'meetings.agenda.edit_title', refused.code === 'validation_failed' ? new AppError('conflict', { messageKey: 'meetings.errors.link_missing' }) : refused),
    );
  }),
];

/** Moves the meeting to `to` (with the person's reason when the move asks for one), flashes, and names the meeting's page. */
async function transition(c: AppContext, access: MeetingAccess, to: 'convened' | 'cancelled' | 'held', reason?: string): Promise<string> {
  await transitionMeeting(scopeOf(c), { meeting_id: access.meeting.id, to, ...(reason === undefined ? {} : { reason }) });
  setFlash(c, 'success', `meetings.flash.${to}`);
  return meetingHref(c, access.meeting.id);
}

function summaryOf(access: MeetingAccess) {
  const { meeting } = access;
  return { id: meeting.id, title: meeting.title, state: meeting.state, starts_at: new Date(meeting.starts_at), ends_at: new Date(meeting.ends_at) };
}

async function renderConvene(c: AppContext, access: MeetingAccess, reason: string, errors?: FieldErrors) {
  const agendaItems = await countAgendaItems(db(c), access.meeting.id);
  const shortNotice = isShortNotice(new Date(access.meeting.starts_at), access.body.rules);
  return c.html(
    <ConvenePage ctx={viewContext(c)} body={access.body} meeting={summaryOf(access)} rules={access.body.rules} shortNotice={shortNotice} agendaItems={agendaItems} reason={reason} errors={errors} />,
    errors ? 422 : 200,
  );
}

export const meetingRoutes: RouteDef[] = [...meetingPageRoutes, ...meetingApiRoutes];
