/**
 * The secretariat's mandate pages, through the browser's entry points: who may open them, what
 * they show (warnings, current mandates by college, history), adding a mandate in two steps
 * (find the person, then the form) and ending one. A refusal keeps what was typed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../../test/support/app.js';
import { browserFor, type Persona } from '../../../test/support/personas.js';
import { makeOrganisation, makeWorkingGroup, PLENARY, seat, STEERING } from './mandates.fixtures.js';

let app: TestApp;
let admin: Agent;

type User = Awaited<ReturnType<TestApp['createUser']>>;
const asPersona = (user: User | null): Persona => ({ name: user ? 'participant' : 'visitor', user, token: null });
const browserOf = (user: User | null) => browserFor(app, asPersona(user));

beforeAll(async () => {
  app = await createTestApp();
  admin = await browserOf(await app.createUser({ name: 'Teresa Admin', roles: ['admin'] }));
});
afterAll(async () => {
  await app?.close();
});

/** The page's text without tags, spaces collapsed: what a person reads. */
function textOf(html: string): string {
  return html.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ');
}

describe('who may open the mandates page', () => {
  it("lets a secretary of the steering group manage the plenary's mandates", async () => {
    const secretary = await app.createUser({ name: 'Sara Secretària' });
    await seat(app, { body_id: STEERING.id, person_id: secretary.id, role: 'secretary' });
    const browser = await browserOf(secretary);
    expect((await browser.get('/ca/bodies/ambit-participat/mandates')).status).toBe(200);
    expect((await browser.get('/ca/bodies/ambit-participat/mandates/new')).status).toBe(200);
  });

  it('refuses a participant and asks a visitor to sign in', async () => {
    const participant = await browserOf(await app.createUser({ name: 'Pep Participant' }));
    expect((await participant.get('/ca/bodies/ambit-participat/mandates')).status).toBe(403);
    expect((await participant.post('/ca/bodies/ambit-participat/mandates/new', {})).status).toBe(403);
    const visitor = await browserOf(null);
    const response = await visitor.get('/ca/bodies/ambit-participat/mandates');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toMatch(/\/ca\/sign-in/);
  });

  it("lets a coordinator manage their own group's mandates only", async () => {
    const mine = await makeWorkingGroup(app);
    const other = await makeWorkingGroup(app);
    const coordinator = await app.createUser({ name: 'Quim Coordinador' });
    await seat(app, { body_id: mine.id, person_id: coordinator.id, role: 'coordinator' });
    const browser = await browserOf(coordinator);
    expect((await browser.get(`/ca/bodies/${mine.slug}/mandates`)).status).toBe(200);
    expect((await browser.get(`/ca/bodies/${other.slug}/mandates`)).status).toBe(403);
    expect((await browser.get('/ca/bodies/ambit-participat/mandates')).status).toBe(403);
  });

  it('answers 404 for a body that does not exist', async () => {
    expect((await admin.get('/ca/bodies/no-existeix/mandates')).status).toBe(404);
  });
});

describe('the mandates page', () => {
  it('shows current mandates by college with role and organisation, the history with its period, and the warnings', async () => {
    const group = await makeWorkingGroup(app, { allowed_colleges: ['entity', 'trajectory'] });
    const coop = await makeOrganisation(app, { short_name: 'COOP-page', level: 1 });
    const ana = await app.createUser({ name: 'Ana Delegada' });
    const bru = await app.createUser({ name: 'Bru Antic' });
    await seat(app, { body_id: group.id, person_id: ana.id, organisation_id: coop.id, starts_on: '2024-03-01' });
    await seat(app, { body_id: group.id, person_id: bru.id, college: 'trajectory', starts_on: '2023-01-10', ends_on: '2025-01-01' });
    await app.services.database.db.updateTable('mandates').set({ end_reason: 'Fi del període' }).where('person_id', '=', bru.id).execute();
    const response = await admin.get(`/ca/bodies/${group.slug}/mandates`);
    expect(response.status).toBe(200);
    const text = textOf(await response.text());
    expect(text).toContain('Entitats (1)');
    expect(text).toMatch(/Ana Delegada Persona delegada COOP-page/);
    expect(text).toContain('Historial');
    expect(text).toMatch(/Bru Antic 2023–2024 Membre Persones amb trajectòria/);
    expect(text).toContain('Fi del període');
    expect(text).toContain('Avisos de composició');
    expect(text).toContain('El col·legi «Persones amb trajectòria» no té cap membre.');
    expect(text).toContain('Afegeix un mandat');
  });

  it('lists mandates about to start soonest first and ended ones most recent first, as the public page does', async () => {
    const group = await makeWorkingGroup(app);
    for (const [name, starts_on, ends_on] of [
      ['Later Start', '2099-06-01', null], ['Sooner Start', '2099-01-01', null],
      ['Ended Long Ago', '2015-01-01', '2016-01-01'], ['Ended Recently', '2020-01-01', '2023-01-01'],
    ] as const) {
      await seat(app, { body_id: group.id, person_id: (await app.createUser({ name })).id, starts_on, ends_on });
    }
    const text = textOf(await (await admin.get(`/ca/bodies/${group.slug}/mandates`)).text());
    expect(text.indexOf('Sooner Start')).toBeLessThan(text.indexOf('Later Start'));
    expect(text.indexOf('Ended Recently')).toBeLessThan(text.indexOf('Ended Long Ago'));
  });

  it('says so and offers no "add" when the body takes no new mandates', async () => {
    const closed = await makeWorkingGroup(app, { state: 'closed' });
    const text = textOf(await (await admin.get(`/ca/bodies/${closed.slug}/mandates`)).text());
    expect(text).toContain('no admet mandats nous');
    expect(text).not.toContain('Afegeix un mandat');
    expect((await admin.get(`/ca/bodies/${closed.slug}/mandates/new`)).status).toBe(409);
  });
});

describe('adding a mandate', () => {
  it('finds people by part of the name, accents ignored, or by their whole e-mail, and never shows an e-mail', async () => {
    const found = await app.createUser({ name: 'Núria Bosch i Camps', email: 'nuria.search@example.org' });
    const byName = await admin.get('/ca/bodies/ambit-participat/mandates/new?q=nuria%20bosch');
    const html = await byName.text();
    expect(html).toContain('Núria Bosch i Camps');
    expect(html).toContain(`/ca/bodies/ambit-participat/mandates/new?person_id=${found.id}`);
    expect(html).not.toContain('nuria.search@example.org');
    // Every column says what it holds, the links' one too.
    expect(html).not.toMatch(/<th scope="col"[^>]*>\s*<\/th>/);
    expect(await (await admin.get('/ca/bodies/ambit-participat/mandates/new?q=nuria.search%40example.org')).text()).toContain('Núria Bosch i Camps');
    // Part of an e-mail finds nobody: e-mails cannot be read letter by letter.
    expect(await (await admin.get('/ca/bodies/ambit-participat/mandates/new?q=nuria.search%40')).text()).not.toContain('Núria Bosch i Camps');
  });

  it('does not offer a disabled person', async () => {
    const disabled = await app.createUser({ name: 'Oleguer Desactivat' });
    await app.services.database.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', disabled.id).execute();
    expect(await (await admin.get('/ca/bodies/ambit-participat/mandates/new?q=oleguer')).text()).not.toContain('Oleguer Desactivat');
    expect((await admin.get(`/ca/bodies/ambit-participat/mandates/new?person_id=${disabled.id}`)).status).toBe(422);
  });

  it('adds the mandate from the form and says so on the list', async () => {
    const fed = await makeOrganisation(app, { short_name: 'FED-form', name: 'Federació del Formulari' });
    const person = await app.createUser({ name: 'Rita Formulari' });
    const form = await admin.get(`/ca/bodies/ambit-participat/mandates/new?person_id=${person.id}`);
    const html = await form.text();
    expect(html).toContain('Rita Formulari');
    expect(html).toContain('FED-form — Federació del Formulari');
    const response = await admin.post('/ca/bodies/ambit-participat/mandates/new', {
      person_id: String(person.id), college: 'entity', organisation_id: String(fed.id), role: 'member', starts_on: '2025-02-01', ends_on: '',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/ca/bodies/ambit-participat/mandates');
    const list = textOf(await (await admin.get('/ca/bodies/ambit-participat/mandates')).text());
    expect(list).toContain("S'ha afegit el mandat de Rita Formulari a l'òrgan Àmbit Participat.");
    expect(list).toContain('Rita Formulari Persona delegada FED-form');
  });

  it('refuses a third delegate on the form, naming the rule and the seat holders, and keeps what was typed', async () => {
    const fed = await makeOrganisation(app, { short_name: 'FED-third' });
    await seat(app, { body_id: PLENARY.id, person_id: (await app.createUser({ name: 'Sílvia Primera' })).id, organisation_id: fed.id });
    await seat(app, { body_id: PLENARY.id, person_id: (await app.createUser({ name: 'Toni Segon' })).id, organisation_id: fed.id });
    const third = await app.createUser({ name: 'Úrsula Tercera' });
    const response = await admin.post('/ca/bodies/ambit-participat/mandates/new', {
      person_id: String(third.id), college: 'entity', organisation_id: String(fed.id), role: 'member', starts_on: '2025-02-01', ends_on: '2027-01-01',
    });
    expect(response.status).toBe(409);
    const html = await response.text();
    const text = textOf(html);
    expect(text).toContain("L'òrgan Àmbit Participat admet 2 persones delegades per entitat representativa, i FED-third ja les té: Sílvia Primera i Toni Segon.");
    expect(html).toContain('href="#field-organisation_id"');
    expect(html).toContain('value="2027-01-01"');
    expect(html).toContain(`<option value="${fed.id}" selected=""`);
    const held = await app.services.database.db.selectFrom('mandates').select('id').where('organisation_id', '=', fed.id).execute();
    expect(held).toHaveLength(2);
  });

  it('shows a refusal about the person beside the person, where the error summary links', async () => {
    const person = await app.createUser({ name: 'Oriol Repetit' });
    await seat(app, { body_id: PLENARY.id, person_id: person.id, college: 'trajectory', starts_on: '2024-01-01' });
    const response = await admin.post('/ca/bodies/ambit-participat/mandates/new', {
      person_id: String(person.id), college: 'expert', organisation_id: '', role: 'member', starts_on: '2025-02-01', ends_on: '',
    });
    expect(response.status).toBe(409);
    const html = await response.text();
    expect(html).toContain('href="#field-person_id"');
    const field = /<div id="field-person_id"[^>]*>([\s\S]*?)<\/dl>/.exec(html)?.[1] ?? '';
    expect(textOf(field)).toContain('Oriol Repetit ja té un mandat');
    expect(textOf(field)).toContain('Oriol Repetit');
    expect(html).toMatch(/<input[^>]*value="expert"[^>]*checked/);
  });

  it('shows each invalid field beside its field (422)', async () => {
    const person = await app.createUser({ name: 'Vicenç Errors' });
    const response = await admin.post('/ca/bodies/ambit-participat/mandates/new', { person_id: String(person.id), college: '', organisation_id: '', role: 'member', starts_on: '2025-13-01', ends_on: '' });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toContain('Tria el col·legi en què seu la persona.');
    expect(html).toContain('Escriu una data vàlida, com 2026-03-15.');
    expect(html).toContain('Vicenç Errors');
  });
});

describe('ending a mandate', () => {
  it('ends it with a reason and keeps it in the history', async () => {
    const person = await app.createUser({ name: 'Xènia Sortint' });
    const id = await seat(app, { body_id: PLENARY.id, person_id: person.id, starts_on: '2022-01-01' });
    const page = await admin.get(`/ca/bodies/ambit-participat/mandates/${id}/end`);
    expect(page.status).toBe(200);
    expect(textOf(await page.text())).toContain('Finalitza el mandat de Xènia Sortint');
    const response = await admin.post(`/ca/bodies/ambit-participat/mandates/${id}/end`, { ends_on: '2024-06-01', end_reason: 'Renúncia' });
    expect(response.status).toBe(303);
    const list = textOf(await (await admin.get('/ca/bodies/ambit-participat/mandates')).text());
    expect(list).toContain("S'ha finalitzat el mandat de Xènia Sortint a l'òrgan Àmbit Participat.");
    expect(list).toMatch(/Xènia Sortint 2022–2024 Membre/);
    expect((await admin.get(`/ca/bodies/ambit-participat/mandates/${id}/end`)).status).toBe(409);
  });

  it('says when an end set for a later day will take effect, and keeps the person among the current members until then', async () => {
    const person = await app.createUser({ name: 'Àlex Futur' });
    const id = await seat(app, { body_id: PLENARY.id, person_id: person.id, starts_on: '2022-01-01' });
    const response = await admin.post(`/ca/bodies/ambit-participat/mandates/${id}/end`, { ends_on: '2099-01-01', end_reason: '' });
    expect(response.status).toBe(303);
    const list = textOf(await (await admin.get('/ca/bodies/ambit-participat/mandates')).text());
    expect(list).toContain("S'ha programat el final del mandat d'Àlex Futur: a partir del dijous, 1 de gener del 2099 ja no serà a l'òrgan Àmbit Participat.");
    expect(list).not.toContain("S'ha finalitzat el mandat d'Àlex Futur");
    expect(list.slice(0, list.indexOf('Historial'))).toContain('Àlex Futur');
  });

  it('answers 404 for a mandate of another body', async () => {
    const id = await seat(app, { body_id: STEERING.id, person_id: (await app.createUser({ name: 'Yago Motor' })).id });
    expect((await admin.get(`/ca/bodies/ambit-participat/mandates/${id}/end`)).status).toBe(404);
    expect((await admin.post(`/ca/bodies/ambit-participat/mandates/${id}/end`, { ends_on: '2099-01-01' })).status).toBe(404);
  });

  it('refuses an end before the start, beside the field', async () => {
    const id = await seat(app, { body_id: PLENARY.id, person_id: (await app.createUser({ name: 'Zenón Dates' })).id, starts_on: '2024-05-01' });
    const response = await admin.post(`/ca/bodies/ambit-participat/mandates/${id}/end`, { ends_on: '2024-04-01', end_reason: '' });
    expect(response.status).toBe(422);
    expect(await response.text()).toContain("La data de final ha de ser posterior a la d&#39;inici.");
  });
});
