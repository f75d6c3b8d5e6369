/**
 * HTTP for the secretariat's mandate pages: the list with warnings and history, adding a mandate
 * (find the person, then the form) and ending one. Thin: reads, commands and views live beside.
 * Every route's gate is "signed in"; whether this person may manage this body's mandates
 * (`manageMandates`) is checked against the body and the person's standing.
 */
import { z } from 'zod';
import type { Queryable } from '../../db/types.js';
import { AppError, isAppError, type FieldErrors } from '../../kernel/errors.js';
import { scopeOf, type AppContext } from '../../kernel/http/env.js';
import { setFlash } from '../../kernel/http/flash.js';
import { formString, readForm } from '../../kernel/http/forms.js';
import type { RouteDef } from '../../kernel/http/module.js';
import { viewContext } from '../../kernel/http/view.js';
import { pickTranslation } from '../../kernel/i18n/translatable.js';
import { authorize, signedIn } from '../../kernel/policy.js';
import { validate } from '../../kernel/validation.js';
import { findBodyBySlug } from './bodies-store.js';
import { compositionOf } from './composition.js';
import { addMandate, endMandate } from './mandates.js';
import { eligibleOrganisations, findMandate, listMandates, mandatesInTime, type MandateBody, type MandateView } from './mandates-store.js';
import { spaceToday, standingOf } from './membership.js';
import { findCandidate, searchCandidates } from './people.js';
import { manageMandates } from './policies.js';
import type { BodyState } from './tables.js';
import { EndMandatePage } from './views/mandate-end.js';
import { MandateFormPage, PersonSearchPage, type MandateFormValues } from './views/mandate-new.js';
import { MandatesPage } from './views/mandates.js';

const STATES_TAKING_MANDATES: ReadonlySet<BodyState> = new Set<BodyState>(['active', 'closing']);

/**
 * The body named in the path, if the signed-in person may manage its mandates: 404 for an
 * unknown body, 403 for someone who may not.
 */
async function managedBody(c: AppContext): Promise<{ db: Queryable; body: MandateBody }> {
  const db = c.get('services').database.db;
  const body = await findBodyBySlug(db, c.req.param('slug') ?? '');
  if (!body) throw new AppError('not_found');
  const actor = c.get('actor');
  authorize(manageMandates, actor, { standing: await standingOf(db, actor?.id ?? null), body });
  return { db, body };
}

/** A record id in the path (`/mandates/12/end`), or 404. */
function idParam(value: string | undefined): number {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id < 1) throw new AppError('not_found');
  return id;
}

const queryText = z.string().trim().max(200, { error: 'mandates.errors.query_too_long' });

function isRefusal(error: unknown): error is AppError {
  return isAppError(error, 'validation_failed') || isAppError(error, 'conflict');
}

/** Where on the form a rule's refusal belongs, so the error summary links to it. */
const CONFLICT_FIELD: Record<string, string> = {
  'mandates.errors.seats_full': 'organisation_id',
  'mandates.errors.not_representative': 'organisation_id',
};

function refusalFields(c: AppContext, error: AppError): FieldErrors {
  if (error.code === 'validation_failed') return error.fields;
  return { [CONFLICT_FIELD[error.messageKey] ?? 'person_id']: viewContext(c).t(error.messageKey, error.params) };
}

async function listPage(c: AppContext) {
  const { db, body } = await managedBody(c);
  const today = spaceToday();
  const mandates = await listMandates(db, [body.id], { includePast: true });
  const composition = (await compositionOf(db, [body.id], today)).get(body.id);
  if (!composition) throw new AppError('not_found');
  return c.html(
    <MandatesPage
      ctx={viewContext(c)}
      body={body}
      today={today}
      {...mandatesInTime(mandates, today)}
      composition={composition}
      takesMandates={STATES_TAKING_MANDATES.has(body.state)}
    />,
  );
}

function refuseClosedBody(c: AppContext, body: MandateBody): void {
  if (STATES_TAKING_MANDATES.has(body.state)) return;
  const t = viewContext(c).t;
  throw new AppError('conflict', {
    messageKey: 'mandates.list.not_open',
    params: { body: pickTranslation(body.name, c.get('locale')).text, state: t(`mandates.body_states.${body.state}`) },
  });
}

const EMPTY_VALUES = (today: string): MandateFormValues => ({ college: '', organisation_id: '', role: 'member', starts_on: today, ends_on: '' });

async function newMandatePage(c: AppContext) {
  const { db, body } = await managedBody(c);
  refuseClosedBody(c, body);
  const ctx = viewContext(c);
  const personId = c.req.query('person_id');
  const person = personId && /^[1-9][0-9]{0,14}$/.test(personId) ? await findCandidate(db, Number(personId)) : undefined;
  if (person) {
    let orgQuery = '';
    try {
      orgQuery = validate(queryText, c.req.query('org_q') ?? '', ctx.locale);
    } catch (error) {
      if (!isAppError(error, 'validation_failed')) throw error;
    }
    const organisations = await eligibleOrganisations(db, body, { q: orgQuery });
    return c.html(<MandateFormPage ctx={ctx} body={body} person={person} values={EMPTY_VALUES(spaceToday())} organisations={organisations} orgQuery={orgQuery} />);
  }
  const raw = c.req.query('q') ?? '';
  if (personId !== undefined) {
    return c.html(<PersonSearchPage ctx={ctx} body={body} q={raw} errors={{ q: ctx.t('mandates.errors.person_unknown') }} />, 422);
  }
  try {
    const q = validate(queryText, raw, ctx.locale);
    const candidates = q === '' ? undefined : await searchCandidates(db, q);
    return c.html(<PersonSearchPage ctx={ctx} body={body} q={raw} {...(candidates ? { candidates } : {})} />);
  } catch (error) {
    if (!isAppError(error, 'validation_failed')) throw error;
    return c.html(<PersonSearchPage ctx={ctx} body={body} q={raw} errors={{ q: error.fields._ ?? ctx.t('mandates.errors.query_too_long') }} />, 422);
  }
}

async function addMandateFromForm(c: AppContext) {
  const { db, body } = await managedBody(c);
  const form = await readForm(c);
  const values: MandateFormValues = {
    college: formString(form, 'college'),
    organisation_id: formString(form, 'organisation_id'),
    role: formString(form, 'role'),
    starts_on: formString(form, 'starts_on').trim(),
    ends_on: formString(form, 'ends_on').trim(),
  };
  const personId = formString(form, 'person_id');
  try {
    await addMandate(scopeOf(c), {
      body_id: body.id,
      person_id: personId,
      organisation_id: values.organisation_id === '' ? null : values.organisation_id,
      college: values.college,
      role: values.role,
      starts_on: values.starts_on,
      ends_on: values.ends_on === '' ? null : values.ends_on,
    });
  } catch (error) {
    if (!isRefusal(error)) throw error;
    const ctx = viewContext(c);
    const errors = refusalFields(c, error);
    const person = /^[1-9][0-9]{0,14}$/.test(personId) ? await findCandidate(db, Number(personId)) : undefined;
    if (!person) {
      return c.html(<PersonSearchPage ctx={ctx} body={body} q="" errors={{ q: errors.person_id ?? ctx.t('mandates.errors.person_unknown') }} />, 422);
    }
    const orgQuery = formString(form, 'org_q').slice(0, 200);
    const chosen = /^[1-9][0-9]{0,14}$/.test(values.organisation_id) ? Number(values.organisation_id) : undefined;
    const organisations = await eligibleOrganisations(db, body, { q: orgQuery, alsoId: chosen });
    return c.html(
      <MandateFormPage ctx={ctx} body={body} person={person} values={values} organisations={organisations} orgQuery={orgQuery} errors={errors} />,
      error.status as 409 | 422,
    );
  }
  const person = await findCandidate(db, Number(personId));
  setFlash(c, 'success', 'mandates.new.done', { person: person?.name ?? '', body: pickTranslation(body.name, c.get('locale')).text });
  return c.redirect(`/${c.get('locale')}/bodies/${body.slug}/mandates`, 303);
}

/** The mandate named in the path, which must belong to the body in the path. */
async function mandateOf(db: Queryable, body: MandateBody, param: string | undefined): Promise<MandateView> {
  const mandate = await findMandate(db, idParam(param));
  if (!mandate || mandate.body_id !== body.id) throw new AppError('not_found');
  return mandate;
}

async function endMandatePage(c: AppContext) {
  const { db, body } = await managedBody(c);
  const mandate = await mandateOf(db, body, c.req.param('id'));
  const ctx = viewContext(c);
  const today = spaceToday();
  if (mandate.ends_on !== null && mandate.ends_on <= today) {
    const refusal = ctx.t('mandates.end.already', { date: ctx.formatDate(mandate.ends_on) });
    return c.html(<EndMandatePage ctx={ctx} body={body} mandate={mandate} values={{ ends_on: '', end_reason: '' }} refusal={refusal} />, 409);
  }
  const endsOn = today > mandate.starts_on ? today : '';
  return c.html(<EndMandatePage ctx={ctx} body={body} mandate={mandate} values={{ ends_on: endsOn, end_reason: '' }} />);
}

async function endMandateFromForm(c: AppContext) {
  const { db, body } = await managedBody(c);
  const mandate = await mandateOf(db, body, c.req.param('id'));
  const form = await readForm(c);
  const values = { ends_on: formString(form, 'ends_on').trim(), end_reason: formString(form, 'end_reason') };
  try {
    await endMandate(scopeOf(c), { mandate_id: mandate.id, ends_on: values.ends_on, end_reason: values.end_reason });
  } catch (error) {
    if (!isRefusal(error)) throw error;
    const ctx = viewContext(c);
    if (error.code === 'conflict') {
      return c.html(<EndMandatePage ctx={ctx} body={body} mandate={mandate} values={values} refusal={ctx.t(error.messageKey, error.params)} />, 409);
    }
    return c.html(<EndMandatePage ctx={ctx} body={body} mandate={mandate} values={values} errors={error.fields} />, 422);
  }
  const params = { person: mandate.person_name, body: pickTranslation(body.name, c.get('locale')).text };
  // An end set for a later day is planned, not done: the person still sits until then.
  if (values.ends_on > spaceToday()) setFlash(c, 'success', 'mandates.end.planned', { ...params, date: viewContext(c).formatDate(values.ends_on, 'long') });
  else setFlash(c, 'success', 'mandates.end.done', params);
  return c.redirect(`/${c.get('locale')}/bodies/${body.slug}/mandates`, 303);
}

// Samples: the plenary exists in every fresh database; mandate 1 is the member persona's
// mandate in it (test/support/personas.ts). An empty form posted to them changes nothing.
export const mandateRoutes: RouteDef[] = [
  { kind: 'page', method: 'GET', path: '/bodies/:slug/mandates', policy: signedIn, sample: { slug: 'ambit-participat' }, handler: listPage },
  { kind: 'page', method: 'GET', path: '/bodies/:slug/mandates/new', policy: signedIn, sample: { slug: 'ambit-participat' }, handler: newMandatePage },
  { kind: 'page', method: 'POST', path: '/bodies/:slug/mandates/new', policy: signedIn, sample: { slug: 'ambit-participat' }, handler: addMandateFromForm },
  { kind: 'page', method: 'GET', path: '/bodies/:slug/mandates/:id{[0-9]+}/end', policy: signedIn, sample: { slug: 'ambit-participat', id: '1' }, handler: endMandatePage },
  { kind: 'page', method: 'POST', path: '/bodies/:slug/mandates/:id{[0-9]+}/end', policy: signedIn, sample: { slug: 'ambit-participat', id: '1' }, handler: endMandateFromForm },
];
