/**
 * HTTP for agreements and action items: the register (`/agreements`, `/bodies/:slug/agreements`,
 * and as CSV), an agreement's page, recording and editing one, adding and changing action items,
 * and "my actions". The JSON API's routes are in agreements-api.ts.
 */
import { z } from 'zod';
import { AppError, isAppError, type FieldErrors } from '../../kernel/errors.js';
import { decodeCursor, encodeCursor } from '../../kernel/http/cursor.js';
import { scopeOf, type AppContext } from '../../kernel/http/env.js';
import { setFlash } from '../../kernel/http/flash.js';
import { formString, readForm } from '../../kernel/http/forms.js';
import type { RouteDef } from '../../kernel/http/module.js';
import { viewContext } from '../../kernel/http/view.js';
import { todayInSpace } from '../../kernel/i18n/index.js';
import { pickTranslation } from '../../kernel/i18n/translatable.js';
import { allows, publicAccess, signedIn, type Actor } from '../../kernel/policy.js';
import { findBodyBySlug, standingOf, type BodyRow } from '../bodies/index.js';
import type { Translatable } from '../../kernel/i18n/translatable.js';
import { COLLEGES } from '../bodies/tables.js';
import { actionItemFor, addActionItem, changeActionItem } from './action-items.js';
import { agreementApiRoutes } from './agreements-api.js';
import { submit } from './meetings-forms.js';
import { editAgreement, editRefusal, recordAgreement, recordingRefusal, visibilityFor } from './agreements.js';
import {
  actionItemsOf,
  findAgendaItem,
  findAgreement,
  listActionItems,
  organisationsRepresentedBy,
  ownersOfBody,
  registerBodies,
  registerPage,
  type AgreementRow,
  type RegisterFilter,
  type RegisterRow,
} from './agreements-store.js';
import { manageMeetings, updateActionItem, viewMeeting, viewOwnActions } from './policies.js';
import { meetingRules } from './rules.js';
import { idParam, meetingFor, meetingResource } from './store.js';
import { ACTION_STATES, type ActionState } from './tables.js';
import { ActionItemFormPage, MyActionsPage, type ActionFormValues } from './views/action-items.js';
import { AgreementFormPage, defaultOptions, emptyColleges, ownerOptions, type AgreementFormValues, type OptionValues } from './views/agreement-form.js';
import { AgreementPage } from './views/agreement-page.js';
import { agreementNumber, AgreementRefusalPage, textOf } from './views/agreement-parts.js';
import { RegisterPage, type RegisterValues } from './views/agreement-register.js';

export const REGISTER_PAGE_SIZE = 25;
export const CSV_LIMIT = 10_000;
const MY_ACTIONS_LIMIT = 500;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CACHE_TAGS = ['meetings', 'bodies', 'people', 'organisations'];

/** What the register's query string asks for; anything malformed is left out (and shown back empty). */
function registerValues(c: AppContext): RegisterValues {
  const get = (name: string) => (c.req.query(name) ?? '').trim().slice(0, 200);
  const year = get('year');
  const from = get('from');
  const to = get('to');
  const method = get('method');
  return {
    q: get('q'),
    body: get('body'),
    year: /^(19|20|21)\d\d$/.test(year) ? year : '',
    from: DATE.test(from) ? from : '',
    to: DATE.test(to) ? to : '',
    method: method === 'consensus' || method === 'vote' ? method : '',
  };
}

function queryString(values: Record<string, string>): string {
  const params = new URLSearchParams(Object.entries(values).filter(([, value]) => value !== ''));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** Which bodies' agreements the reader sees: one query for their standing when signed in. */
async function readerVisibility(c: AppContext) {
  const actor = c.get('actor');
  const standing = await standingOf(c.get('services').database.db, actor?.id ?? null);
  return { standing, visibility: visibilityFor(actor, standing) };
}

/** The cursor's agreement, or undefined (a malformed cursor shows the first page). */
function cursorOf(c: AppContext): number | undefined {
  const cursor = c.req.query('cursor');
  if (!cursor) return undefined;
  try {
    return decodeCursor('agreements', cursor, c, 'meetings_agreements.errors.cursor');
  } catch {
    return undefined;
  }
}

/** The body a per-body register is of; 404 when there is none. */
async function registerBody(c: AppContext): Promise<BodyRow> {
  const body = await findBodyBySlug(c.get('services').database.db, c.req.param('slug') ?? '');
  if (!body) throw new AppError('not_found');
  return body;
}

/**
 * The register's rows a reader asked for: a fixed number of queries whatever its size — their
 * standing (signed in), the bodies to filter by (the whole space's register), the page.
 */
async function readRegister(c: AppContext, body: BodyRow | null, limit: number, after: number | undefined) {
  const db = c.get('services').database.db;
  const values = registerValues(c);
  const { standing, visibility } = await readerVisibility(c);
  let bodyId: number | undefined;
  let bodies: Array<{ id: number; slug: string; name: Translatable }> = [];
  if (body) {
    if (!allows(viewMeeting, c.get('actor'), meetingResource(standing, { id: Number(body.id), rules: meetingRules(body) }))) throw new AppError('not_found');
    bodyId = Number(body.id);
  } else {
    bodies = await registerBodies(db, visibility);
    if (values.body) bodyId = bodies.find((b) => b.slug === values.body)?.id ?? -1;
  }
  const filter: RegisterFilter = {
    q: values.q || undefined,
    bodyId,
    year: values.year ? Number(values.year) : undefined,
    from: values.from || undefined,
    to: values.to || undefined,
    method: values.method === 'consensus' || values.method === 'vote' ? values.method : undefined,
    after,
    limit: limit + 1,
    visibility,
    today: todayInSpace(),
  };
  const rows = await registerPage(db, filter);
  return { rows: rows.slice(0, limit), more: rows.length > limit, values, bodies };
}

async function renderRegister(c: AppContext, body: BodyRow | null) {
  const after = cursorOf(c);
  const { rows, more, values, bodies } = await readRegister(c, body, REGISTER_PAGE_SIZE, after);
  const base = body ? `/bodies/${body.slug}/agreements` : '/agreements';
  const ctx = viewContext(c);
  const last = rows.at(-1);
  const filters = queryString({ ...values });
  const nextHref = more && last ? ctx.href(`${base}${queryString({ ...values, cursor: encodeCursor('agreements', last.id) })}`) : null;
  const firstHref = after !== undefined ? ctx.href(`${base}${filters}`) : null;
  return c.html(
    <RegisterPage
      ctx={ctx}
      rows={rows}
      values={values}
      bodies={bodies}
      body={body ? { slug: body.slug, name: body.name } : null}
      nextHref={nextHref}
      firstHref={firstHref}
      action={ctx.href(base)}
      csvHref={ctx.href(`${base}.csv${filters}`)}
    />,
  );
}

const csvCell = (value: string | number): string => {
  const text = String(value);
  // A leading = + - @ would be read as a formula by spreadsheets.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

async function renderCsv(c: AppContext, body: BodyRow | null) {
  const { rows } = await readRegister(c, body, CSV_LIMIT, undefined);
  const ctx = viewContext(c);
  const head = ['number', 'body', 'adopted_on', 'method', 'result', 'text', 'open_actions', 'overdue_actions', 'url'];
  const line = (row: RegisterRow) =>
    [
      agreementNumber(row),
      textOf(ctx, row.body_name),
      row.adopted_on,
      row.method,
      row.result ? row.result.options.map((o) => `${o.label}: ${o.count}`).join('; ') : '',
      pickTranslation(row.text, ctx.locale).text,
      row.open_actions,
      row.overdue_actions,
      `${c.get('services').config.publicUrl}/${ctx.locale}/agreements/${row.id}`,
    ]
      .map(csvCell)
      .join(',');
  const csv = [head.join(','), ...rows.map(line)].join('\r\n') + '\r\n';
  return c.body(csv, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="agreements.csv"' });
}

/** The agreement `id` names, for a reader who may see its meeting (404 otherwise). */
async function agreementFor(c: AppContext, id: number) {
  const db = c.get('services').database.db;
  const agreement = await findAgreement(db, id);
  if (!agreement) throw new AppError('not_found');
  const access = await meetingFor(db, c.get('actor'), agreement.meeting_id, viewMeeting);
  return { agreement, access };
}

/** The agreement of the path, for someone who runs its body's meetings (404 when they may not see it, 403 when they may not run them). */
async function managedAgreement(c: AppContext) {
  const found = await agreementFor(c, idParam(c.req.param('id')));
  if (!allows(manageMeetings, c.get('actor'), found.access.resource)) throw new AppError('forbidden');
  return found;
}

// ---- The agreement form ----------------------------------------------------------------

const COUNT = /^\s*(\d{1,9})\s*$/;

/** The form's result rows: what was typed, to show back. */
function optionValuesFrom(form: Record<string, string | string[]>): OptionValues[] {
  const options: OptionValues[] = [];
  for (let index = 0; index < 20; index += 1) {
    if (!(`result_options_${index}_label` in form)) break;
    const colleges = emptyColleges();
    for (const college of COLLEGES) colleges[college] = formString(form, `result_options_${index}_by_college_${college}`);
    options.push({ label: formString(form, `result_options_${index}_label`), count: formString(form, `result_options_${index}_count`), colleges });
  }
  return options;
}

/** A typed count: a number when it is one, NaN (refused by the schema with its message) when not, undefined when empty. */
function countOf(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const match = COUNT.exec(text);
  return match ? Number(match[1]) : Number.NaN;
}

/** The command's result from the form's rows: blank rows left out; an empty total is the sum of the colleges (0 when none). */
function resultFrom(options: OptionValues[]) {
  const rows = options.filter((option) => option.label.trim() !== '' || option.count.trim() !== '' || COLLEGES.some((college) => option.colleges[college].trim() !== ''));
  return {
    options: rows.map((option) => {
      const byCollege: Record<string, number> = {};
      for (const college of COLLEGES) {
        const n = countOf(option.colleges[college]);
        if (n !== undefined) byCollege[college] = n;
      }
      const total = countOf(option.count);
      const sum = Object.values(byCollege).reduce((a, b) => (Number.isNaN(b) ? a : a + b), 0);
      return { label: option.label, count: total ?? sum, ...(Object.keys(byCollege).length > 0 ? { by_college: byCollege } : {}) };
    }),
  };
}

function ownerFrom(value: string): { owner_person_id: string | null; owner_organisation_id: string | null } {
  const match = /^(person|organisation):([1-9][0-9]{0,14})$/.exec(value);
  if (!match) return { owner_person_id: null, owner_organisation_id: null };
  return match[1] === 'person' ? { owner_person_id: match[2] ?? null, owner_organisation_id: null } : { owner_person_id: null, owner_organisation_id: match[2] ?? null };
}

function agreementValuesFrom(form: Record<string, string | string[]>): AgreementFormValues {
  const actions: AgreementFormValues['actions'] = [];
  for (let index = 0; index < 10; index += 1) {
    if (!(`action_items_${index}_title` in form)) break;
    actions.push({ title: formString(form, `action_items_${index}_title`), owner: formString(form, `action_items_${index}_owner`), due_on: formString(form, `action_items_${index}_due_on`) });
  }
  return {
    text_ca: formString(form, 'text_ca'),
    text_es: formString(form, 'text_es'),
    text_en: formString(form, 'text_en'),
    method: formString(form, 'method'),
    options: optionValuesFrom(form),
    actions,
  };
}

function agreementInputFrom(values: AgreementFormValues) {
  const text = { ca: values.text_ca, ...(values.text_es.trim() ? { es: values.text_es } : {}), ...(values.text_en.trim() ? { en: values.text_en } : {}) };
  return {
    text,
    method: values.method || 'consensus',
    result: values.method === 'vote' ? resultFrom(values.options) : null,
    action_items: values.actions
      .filter((action) => action.title.trim() !== '' || action.owner !== '' || action.due_on !== '')
      .map((action) => ({ title: action.title, ...ownerFrom(action.owner), due_on: action.due_on })),
  };
}

/**
 * The refused command's field errors keyed by the form's fields (`text.ca` → `text_ca`,
 * `result.options.0.count` → `result_options_0_count`); a message about something the form has
 * no field for goes beside `fallback`.
 */
function formErrors(fields: FieldErrors, known: (name: string) => boolean, fallback: string): FieldErrors {
  const errors: FieldErrors = {};
  for (const [path, message] of Object.entries(fields)) {
    let name = path.replace(/\./g, '_');
    if (name === 'text') name = 'text_ca';
    if (!known(name)) name = fallback;
    errors[name] = errors[name] ? `${errors[name]} ${message}` : message;
  }
  return errors;
}

/** The agenda item of the path and its meeting, for someone who runs the body's meetings. */
async function itemForRecording(c: AppContext) {
  const db = c.get('services').database.db;
  const item = await findAgendaItem(db, idParam(c.req.param('id')));
  if (!item) throw new AppError('not_found');
  const access = await meetingFor(db, c.get('actor'), item.meeting_id, manageMeetings);
  return { item, access };
}

function refusal(c: AppContext, error: AppError, title: string, back: { href: string; label: string }) {
  const ctx = viewContext(c);
  return c.html(<AgreementRefusalPage ctx={ctx} title={title} message={ctx.t(error.messageKey, error.params)} back={back} />, 409);
}

/** The refusal page of the new-agreement form, back to the meeting. */
function newAgreementRefusal(c: AppContext, error: AppError, meetingId: number) {
  const ctx = viewContext(c);
  return refusal(c, error, ctx.t('meetings_agreements.form.new_title'), { href: ctx.href(`/meetings/${meetingId}`), label: ctx.t('meetings_agreements.back_to_meeting') });
}

/** The refusal page of an agreement's edit form, back to the agreement. */
function editAgreementRefusal(c: AppContext, error: AppError, agreement: AgreementRow) {
  const ctx = viewContext(c);
  return refusal(c, error, ctx.t('meetings_agreements.form.edit_title', { number: agreementNumber(agreement) }), { href: ctx.href(`/agreements/${agreement.id}`), label: ctx.t('meetings_agreements.back_to_agreement') });
}

/** What an agreement's edit form is about: its agenda item, meeting and body. */
function editTarget(agreement: AgreementRow, access: { meeting: AgreementFormTarget['meeting']; body: { id: number } }): AgreementFormTarget {
  return { item: { id: agreement.agenda_item_id, position: agreement.agenda_item_position, title: agreement.agenda_item_title }, meeting: access.meeting, bodyId: access.body.id, agreement };
}

/** The refused agreement form's field errors, keyed by the form's rows and fields. */
function agreementFormErrors(values: AgreementFormValues, fields: FieldErrors): FieldErrors {
  return formErrors(rowIndexMap(values)(fields), agreementFields(values), 'method');
}

interface AgreementFormTarget {
  item: { id: number; position: number; title: AgreementRow['agenda_item_title'] };
  meeting: { id: number; title: AgreementRow['meeting_title'] };
  bodyId: number;
  agreement?: AgreementRow;
}

async function renderAgreementForm(c: AppContext, mode: 'new' | 'edit', target: AgreementFormTarget, values: AgreementFormValues, errors?: FieldErrors) {
  const ctx = viewContext(c);
  const owners = mode === 'new' ? ownerOptions(ctx, await ownersOfBody(c.get('services').database.db, target.bodyId, todayInSpace())) : [];
  const action = mode === 'new' ? ctx.href(`/agenda-items/${target.item.id}/agreements/new`) : ctx.href(`/agreements/${target.agreement?.id ?? 0}/edit`);
  const cancelHref = mode === 'new' ? ctx.href(`/meetings/${target.meeting.id}#item-${target.item.id}`) : ctx.href(`/agreements/${target.agreement?.id ?? 0}`);
  return c.html(
    <AgreementFormPage
      ctx={ctx}
      mode={mode}
      action={action}
      cancelHref={cancelHref}
      meeting={target.meeting}
      item={target.item}
      number={target.agreement ? agreementNumber(target.agreement) : undefined}
      values={values}
      owners={owners}
      errors={errors}
    />,
    errors ? 422 : 200,
  );
}

/** The field names an agreement form has. */
function agreementFields(values: AgreementFormValues): (name: string) => boolean {
  const names = new Set(['text_ca', 'text_es', 'text_en', 'method']);
  values.options.forEach((_, index) => {
    names.add(`result_options_${index}_label`);
    names.add(`result_options_${index}_count`);
    for (const college of COLLEGES) names.add(`result_options_${index}_by_college_${college}`);
  });
  values.actions.forEach((_, index) => ['title', 'owner', 'due_on'].forEach((part) => names.add(`action_items_${index}_${part}`)));
  return (name) => names.has(name);
}

/**
 * Posted rows are numbered as the command sees them (blank ones dropped), the form's as shown:
 * map the command's `result.options.N` / `action_items.N` back to the form's row.
 */
function rowIndexMap(values: AgreementFormValues) {
  const optionRows = values.options.map((option, index) => ({ option, index })).filter(({ option }) => option.label.trim() !== '' || option.count.trim() !== '' || COLLEGES.some((college) => option.colleges[college].trim() !== '')).map(({ index }) => index);
  const actionRows = values.actions.map((action, index) => ({ action, index })).filter(({ action }) => action.title.trim() !== '' || action.owner !== '' || action.due_on !== '').map(({ index }) => index);
  return (fields: FieldErrors): FieldErrors => {
    const mapped: FieldErrors = {};
    for (const [path, message] of Object.entries(fields)) {
      const renamed = path
        .replace(/^result\.options\.(\d+)/, (_, n: string) => `result.options.${optionRows[Number(n)] ?? n}`)
        .replace(/^action_items\.(\d+)/, (_, n: string) => `action_items.${actionRows[Number(n)] ?? n}`);
      mapped[renamed] = message;
    }
    return mapped;
  };
}

function agreementFormValuesOf(agreement: AgreementRow): AgreementFormValues {
  const options: OptionValues[] = (agreement.result?.options ?? []).map((option) => {
    const colleges = emptyColleges();
    for (const college of COLLEGES) {
      const n = option.by_college?.[college];
      if (n !== undefined) colleges[college] = String(n);
    }
    return { label: option.label, count: String(option.count), colleges };
  });
  options.push({ label: '', count: '', colleges: emptyColleges() });
  return { text_ca: agreement.text.ca, text_es: agreement.text.es ?? '', text_en: agreement.text.en ?? '', method: agreement.method, options, actions: [] };
}

// ---- Action items -----------------------------------------------------------------------

/** The action item of the path and its agreement, for someone who may change it (404 when they may not see it, 403 when they may not change it). */
async function changeableActionItem(c: AppContext) {
  const db = c.get('services').database.db;
  const access = await actionItemFor(db, c.get('actor'), idParam(c.req.param('id')));
  if (!allows(updateActionItem, c.get('actor'), access.resource)) throw new AppError('forbidden');
  const agreement = await findAgreement(db, access.item.agreement_id);
  if (!agreement) throw new AppError('not_found');
  return { access, agreement };
}

function actionInputFrom(form: Record<string, string | string[]>) {
  return { title: formString(form, 'title'), ...ownerFrom(formString(form, 'owner')), due_on: formString(form, 'due_on') };
}

const stateFilter = z.enum([...ACTION_STATES, 'all']).optional().catch(undefined);

async function standingAndRepresenting(c: AppContext, actor: Actor | null) {
  const db = c.get('services').database.db;
  if (!actor) return { representing: new Set<number>() };
  return { representing: await organisationsRepresentedBy(db, actor.id, todayInSpace()) };
}

/** A public GET of the register (page or CSV): the whole space's, or the body's of the path's `:slug`. */
function registerRoute(path: string, render: (c: AppContext, body: BodyRow | null) => Promise<Response>): RouteDef {
  const perBody = path.includes(':slug');
  return {
    kind: 'page',
    method: 'GET',
    path,
    policy: publicAccess,
    ...(perBody ? { sample: { slug: 'ambit-participat' } } : {}),
    cacheTags: CACHE_TAGS,
    handler: async (c) => render(c, perBody ? await registerBody(c) : null),
  };
}

export const agreementPageRoutes: RouteDef[] = [
  registerRoute('/agreements', renderRegister),
  registerRoute('/agreements.csv', renderCsv),
  registerRoute('/bodies/:slug/agreements', renderRegister),
  registerRoute('/bodies/:slug/agreements.csv', renderCsv),
  {
    kind: 'page',
    method: 'GET',
    path: '/agreements/:id',
    policy: publicAccess,
    sample: { id: '999999' },
    cacheTags: CACHE_TAGS,
    handler: async (c) => {
      const actor = c.get('actor');
      const { agreement, access } = await agreementFor(c, idParam(c.req.param('id')));
      const db = c.get('services').database.db;
      const [items, { representing }] = await Promise.all([actionItemsOf(db, [agreement.id]), standingAndRepresenting(c, actor)]);
      const manages = allows(manageMeetings, actor, access.resource);
      const changeable = new Set(items.filter((item) => allows(updateActionItem, actor, { ...access.resource, item, representing })).map((item) => item.id));
      return c.html(
        <AgreementPage
          ctx={viewContext(c)}
          agreement={agreement}
          items={items}
          today={todayInSpace()}
          canEdit={manages && editRefusal(access.meeting) === null}
          canAddActions={manages}
          changeable={changeable}
        />,
      );
    },
  },
  {
    kind: 'page',
    method: 'GET',
    path: '/agenda-items/:id/agreements/new',
    policy: signedIn,
    sample: { id: '999999' },
    handler: async (c) => {
      const { item, access } = await itemForRecording(c);
      const ctx = viewContext(c);
      const refused = recordingRefusal(access.meeting);
      if (refused) return newAgreementRefusal(c, refused, access.meeting.id);
      const values: AgreementFormValues = { text_ca: '', text_es: '', text_en: '', method: 'consensus', options: defaultOptions(ctx), actions: [{ title: '', owner: '', due_on: '' }] };
      return renderAgreementForm(c, 'new', { item, meeting: access.meeting, bodyId: access.body.id }, values);
    },
  },
  {
    kind: 'page',
    method: 'POST',
    path: '/agenda-items/:id/agreements/new',
    policy: signedIn,
    sample: { id: '999999' },
    handler: async (c) => {
      const { item, access } = await itemForRecording(c);
      const values = agreementValuesFrom(await readForm(c));
      return submit(
        c,
        async () => {
          const result = await recordAgreement(scopeOf(c), { agenda_item_id: item.id, ...agreementInputFrom(values) });
          setFlash(c, 'success', 'meetings_agreements.flash.recorded', { number: `${result.year}/${result.number}` });
          return viewContext(c).href(`/agreements/${result.id}`);
        },
        (refused) => {
          if (refused.code !== 'validation_failed') return newAgreementRefusal(c, refused, access.meeting.id);
          return renderAgreementForm(c, 'new', { item, meeting: access.meeting, bodyId: access.body.id }, values, agreementFormErrors(values, refused.fields));
        },
      );
    },
  },
  {
    kind: 'page',
    method: 'GET',
    path: '/agreements/:id/edit',
    policy: signedIn,
    sample: { id: '999999' },
    handler: async (c) => {
      const { agreement, access } = await managedAgreement(c);
      const refused = editRefusal(access.meeting);
      if (refused) return editAgreementRefusal(c, refused, agreement);
      return renderAgreementForm(c, 'edit', editTarget(agreement, access), agreementFormValuesOf(agreement));
    },
  },
  {
    kind: 'page',
    method: 'POST',
    path: '/agreements/:id/edit',
    policy: signedIn,
    sample: { id: '999999' },
    handler: async (c) => {
      const { agreement, access } = await managedAgreement(c);
      const values = agreementValuesFrom(await readForm(c));
      return submit(
        c,
        async () => {
          const { text, method, result } = agreementInputFrom(values);
          await editAgreement(scopeOf(c), { agreement_id: agreement.id, text, method, result });
          setFlash(c, 'success', 'meetings_agreements.flash.edited', { number: agreementNumber(agreement) });
          return viewContext(c).href(`/agreements/${agreement.id}`);
        },
        (refused) => {
          if (refused.code !== 'validation_failed') return editAgreementRefusal(c, refused, agreement);
          return renderAgreementForm(c, 'edit', editTarget(agreement, access), values, agreementFormErrors(values, refused.fields));
        },
      );
    },
  },
  {
    kind: 'page',
    method: 'GET',
    path: '/agreements/:id/actions/new',
    policy: signedIn,
    sample: { id: '999999' },
    handler: async (c) => {
      const { agreement, access } = await managedAgreement(c);
      return renderActionForm(c, 'new', agreement, access.body.id, { title: '', owner: '', due_on: '', state: 'open' }, true);
    },
  },
  {
    kind: 'page',
    method: 'POST',
    path: '/agreements/:id/actions/new',
    policy: signedIn,
    sample: { id: '999999' },
    handler: async (c) => {
      const { agreement, access } = await managedAgreement(c);
      const form = await readForm(c);
      const values: ActionFormValues = { title: formString(form, 'title'), owner: formString(form, 'owner'), due_on: formString(form, 'due_on'), state: 'open' };
      return submit(
        c,
        async () => {
          await addActionItem(scopeOf(c), { agreement_id: agreement.id, ...actionInputFrom(form) });
          setFlash(c, 'success', 'meetings_agreements.flash.action_added');
          return viewContext(c).href(`/agreements/${agreement.id}#actions`);
        },
        (refused) => {
          if (refused.code !== 'validation_failed') throw refused;
          return renderActionForm(c, 'new', agreement, access.body.id, values, true, formErrors(refused.fields, (n) => ['title', 'owner', 'due_on'].includes(n), 'title'));
        },
      );
    },
  },
  {
    kind: 'page',
    method: 'GET',
    path: '/action-items/:id/edit',
    policy: signedIn,
    sample: { id: '999999' },
    handler: async (c) => {
      const { access, agreement } = await changeableActionItem(c);
      const { item } = access;
      const owner = item.owner_person_id !== null ? `person:${item.owner_person_id}` : `organisation:${item.owner_organisation_id ?? ''}`;
      return renderActionForm(c, 'edit', agreement, access.meeting.body.id, { title: item.title, owner, due_on: item.due_on, state: item.state }, access.manages, undefined, item.id);
    },
  },
  {
    kind: 'page',
    method: 'POST',
    path: '/action-items/:id/edit',
    policy: signedIn,
    sample: { id: '999999' },
    handler: async (c) => {
      const { access, agreement } = await changeableActionItem(c);
      const id = access.item.id;
      const form = await readForm(c);
      const values: ActionFormValues = { title: formString(form, 'title'), owner: formString(form, 'owner'), due_on: formString(form, 'due_on'), state: formString(form, 'state') };
      return submit(
        c,
        async () => {
          await changeActionItem(scopeOf(c), { action_item_id: id, state: values.state, ...(access.manages ? actionInputFrom(form) : {}) });
          setFlash(c, 'success', 'meetings_agreements.flash.action_changed');
          return viewContext(c).href(`/agreements/${agreement.id}#actions`);
        },
        (refused) => {
          if (refused.code !== 'validation_failed') throw refused;
          const known = access.manages ? ['title', 'owner', 'due_on', 'state'] : ['state'];
          return renderActionForm(c, 'edit', agreement, access.meeting.body.id, { ...values, title: access.manages ? values.title : access.item.title }, access.manages, formErrors(refused.fields, (n) => known.includes(n), 'state'), id);
        },
      );
    },
  },
  {
    kind: 'page',
    method: 'POST',
    path: '/action-items/:id/state',
    policy: signedIn,
    sample: { id: '999999' },
    handler: async (c) => {
      const id = idParam(c.req.param('id'));
      const form = await readForm(c);
      const state = formString(form, 'state');
      try {
        await changeActionItem(scopeOf(c), { action_item_id: id, state });
        setFlash(c, 'success', 'meetings_agreements.flash.action_changed');
      } catch (error) {
        if (!isAppError(error, 'validation_failed')) throw error;
        setFlash(c, 'error', 'meetings_agreements.errors.state');
      }
      return c.redirect(viewContext(c).href('/actions'), 303);
    },
  },
  {
    kind: 'page',
    method: 'GET',
    path: '/actions',
    policy: viewOwnActions,
    handler: async (c) => {
      const actor = c.get('actor');
      if (!actor) throw new AppError('unauthenticated');
      const filter = stateFilter.parse(c.req.query('state'));
      const today = todayInSpace();
      const rows = await listActionItems(c.get('services').database.db, {
        ownerPersonId: actor.id,
        ...(filter && filter !== 'all' ? { state: filter } : {}),
        // Unfiltered, what is still to do.
        pending: filter === undefined,
        order: 'due',
        limit: MY_ACTIONS_LIMIT,
        today,
      });
      return c.html(<MyActionsPage ctx={viewContext(c)} items={rows} today={today} state={filter ?? ''} />);
    },
  },
];

async function renderActionForm(c: AppContext, mode: 'new' | 'edit', agreement: AgreementRow, bodyId: number, values: ActionFormValues, full: boolean, errors?: FieldErrors, itemId?: number) {
  const ctx = viewContext(c);
  const owners = full ? ownerOptions(ctx, await ownersOfBody(c.get('services').database.db, bodyId, todayInSpace())) : [];
  return c.html(
    <ActionItemFormPage
      ctx={ctx}
      mode={mode}
      action={mode === 'new' ? ctx.href(`/agreements/${agreement.id}/actions/new`) : ctx.href(`/action-items/${itemId ?? 0}/edit`)}
      cancelHref={ctx.href(`/agreements/${agreement.id}#actions`)}
      number={agreementNumber(agreement)}
      values={values}
      owners={owners}
      full={full}
      errors={errors}
    />,
    errors ? 422 : 200,
  );
}

export type { ActionState };
export const agreementRoutes: RouteDef[] = [...agreementPageRoutes, ...agreementApiRoutes];
