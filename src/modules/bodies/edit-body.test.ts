/**
 * Editing a body through its page: who may, what a working group's form holds beyond a standing
 * body's, mistakes explained with what was typed kept, frozen groups, and the audit trail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchAudit } from '../../kernel/audit/index.js';
import { createTestApp, type Agent, type TestApp } from '../../../test/support/app.js';
import { findBodyById, findBodyBySlug } from './bodies-store.js';
import { charterFor, insertGroup } from './bodies-test-support.js';
import { formFromBody } from './views/body-edit.js';

let app: TestApp;
let official: Agent;

beforeAll(async () => {
  app = await createTestApp({ TEIXIT_RENDER_CACHE: 'off' });
  official = await signedIn(['official']);
});
afterAll(async () => {
  await app?.close();
});

const db = () => app.services.database.db;

async function signedIn(roles: Array<'admin' | 'official'> = []): Promise<Agent> {
  const user = await app.createUser({ roles });
  const agent = app.agent();
  await agent.signIn(user);
  return agent;
}

async function pageText(response: Response): Promise<string> {
  return (await response.text()).replaceAll('&#39;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&');
}

/** The steering group's form as its edit page shows it now, with `changes` on top. */
async function steeringForm(changes: Record<string, string | string[]> = {}): Promise<Record<string, string | string[]>> {
  const body = await findBodyBySlug(db(), 'grup-motor');
  if (!body) throw new Error('the steering group is missing');
  return { ...formFromBody(body), ...changes };
}

/** A working group's full form, with `changes` on top. */
function groupForm(changes: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  const form: Record<string, string | string[]> = {
    'name.ca': 'Comunicació',
    'name.es': 'Comunicación',
    'name.en': 'Communication',
    'purpose.ca': 'Un relat comú de l\'ESS.',
    'rules.seats_per_entity': '',
    'rules.allowed_levels': ['1', '2', '3'],
    open: 'yes',
    report_interval_days: '60',
  };
  for (const [part, value] of Object.entries(charterFor('Form'))) {
    form[`charter.${part}.ca`] = value.ca;
    form[`charter.${part}.es`] = value.es ?? '';
    form[`charter.${part}.en`] = value.en ?? '';
  }
  return { ...form, ...changes };
}

describe('who may edit a body', () => {
  it('sends visitors to sign in and refuses participants, changing nothing', async () => {
    const visitor = app.agent();
    const page = await visitor.get('/ca/bodies/grup-motor/edit');
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe(`/ca/sign-in?next=${encodeURIComponent('/ca/bodies/grup-motor/edit')}`);
    const participant = await signedIn();
    expect((await participant.get('/ca/bodies/grup-motor/edit')).status).toBe(403);
    expect((await participant.post('/ca/bodies/grup-motor/edit', await steeringForm({ 'name.ca': 'Pres' }))).status).toBe(403);
    expect((await findBodyBySlug(db(), 'grup-motor'))?.name.ca).toBe('Grup motor');
  });

  it('refuses a member of the steering group who is neither admin nor official', async () => {
    const user = await app.createUser();
    await db().insertInto('mandates').values({ body_id: 2, person_id: user.id, college: 'trajectory', role: 'secretary', starts_on: '2024-01-01' }).execute();
    const agent = app.agent();
    await agent.signIn(user);
    expect((await agent.get('/ca/bodies/grup-motor/edit')).status).toBe(403);
  });

  it('lets officials and administrators in', async () => {
    expect((await official.get('/ca/bodies/grup-motor/edit')).status).toBe(200);
    expect((await (await signedIn(['admin'])).get('/ca/bodies/grup-motor/edit')).status).toBe(200);
  });

  it('answers 404 for a body that does not exist', async () => {
    expect((await official.get('/ca/bodies/no-hi-es/edit')).status).toBe(404);
    expect((await official.post('/ca/bodies/no-hi-es/edit', await steeringForm())).status).toBe(404);
  });
});

describe("a standing body's form", () => {
  it('holds the names, purpose and rules as stored, and no working-group fields', async () => {
    const html = await pageText(await official.get('/ca/bodies/ambit-participat/edit'));
    expect(html).toContain('<h1>Edita l\'òrgan</h1>');
    expect(html).toMatch(/name="name.ca"[^>]*value="Àmbit Participat"[^>]*required/);
    expect(html).toMatch(/name="name.es"[^>]*value="Ámbito Participado"/);
    expect(html).toMatch(/name="rules.seats_per_entity"[^>]*value="2"/);
    expect(html).toMatch(/name="rules.allowed_levels"[^>]*value="2"[^>]*checked/);
    expect(html).not.toMatch(/name="rules.allowed_levels"[^>]*value="1"[^>]*checked/);
    expect(html).not.toContain('name="open"');
    expect(html).not.toContain('name="charter.');
    expect(html).not.toContain('name="report_interval_days"');
  });

  it('saves a change, says so, and records it in the audit trail with before and after', async () => {
    const response = await official.post('/ca/bodies/grup-motor/edit', await steeringForm({ 'name.en': 'Driving group', 'rules.seats_per_entity': '' }));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/ca/bodies/grup-motor');
    const page = await pageText(await official.get('/ca/bodies/grup-motor'));
    expect(page).toContain("S'han desat els canvis de «Grup motor».");
    const body = await findBodyBySlug(db(), 'grup-motor');
    expect(body?.name).toEqual({ ca: 'Grup motor', es: 'Grupo motor', en: 'Driving group' });
    expect(body?.seats_per_entity).toBeNull();
    expect((await pageText(await app.agent().get('/en/bodies/grup-motor')))).toContain('Driving group');
    const [entry] = await searchAudit(db(), { action: 'bodies.update', subjectType: 'body', subjectId: '2' }, 1);
    expect(entry?.before).toEqual({ name: { ca: 'Grup motor', es: 'Grupo motor', en: 'Steering group' }, seats_per_entity: 1 });
    expect(entry?.after).toEqual({ name: { ca: 'Grup motor', es: 'Grupo motor', en: 'Driving group' }, seats_per_entity: null });
  });

  it('says when nothing changed, and records nothing', async () => {
    const before = await searchAudit(db(), { action: 'bodies.update' }, 100);
    expect((await official.post('/ca/bodies/grup-motor/edit', await steeringForm())).status).toBe(303);
    expect(await pageText(await official.get('/ca/bodies/grup-motor'))).toContain('No has canviat res');
    expect(await searchAudit(db(), { action: 'bodies.update' }, 100)).toHaveLength(before.length);
  });

  it('explains each mistake beside its field and keeps what was typed, changing nothing', async () => {
    const response = await official.post(
      '/ca/bodies/grup-motor/edit',
      await steeringForm({ 'name.ca': '   ', 'name.es': 'Grupo impulsor', 'rules.seats_per_entity': 'dos', 'rules.allowed_levels': ['2', '7'], 'purpose.ca': '', 'purpose.en': 'Only English' }),
    );
    expect(response.status).toBe(422);
    const html = await pageText(response);
    expect(html).toContain('<title>Error: ');
    expect(html).toContain('class="error-summary"');
    expect(html).toContain('href="#field-name.ca">Escriu el nom en català.</a>');
    expect(html).toContain('Escriu un nombre enter de 1 a 99');
    expect(html).toContain('href="#field-rules.allowed_levels">Tria només nivells de la llista');
    expect(html).toContain('id="field-rules.allowed_levels"');
    expect(html).toContain('Escriu la finalitat en català, o deixa-la en blanc en els tres idiomes.');
    expect(html).toMatch(/name="name.es"[^>]*value="Grupo impulsor"/);
    expect(html).toMatch(/name="rules.seats_per_entity"[^>]*value="dos"/);
    expect(html).toMatch(/name="purpose.en"[^>]*>Only English</);
    expect((await findBodyBySlug(db(), 'grup-motor'))?.name.es).toBe('Grupo motor');
  });

  it('refuses names too long', async () => {
    const response = await official.post('/ca/bodies/grup-motor/edit', await steeringForm({ 'name.ca': 'x'.repeat(201) }));
    expect(response.status).toBe(422);
    expect(await pageText(response)).toContain('Escriu un nom més curt');
  });

  it('empties the colleges and levels when none is ticked (any may sit)', async () => {
    const stored = await steeringForm();
    const { 'rules.allowed_colleges': _c, 'rules.allowed_levels': _l, ...form } = stored;
    expect((await official.post('/ca/bodies/grup-motor/edit', form)).status).toBe(303);
    const body = await findBodyBySlug(db(), 'grup-motor');
    expect(body?.allowed_colleges).toEqual([]);
    expect(body?.allowed_levels).toEqual([]);
    expect(await pageText(await app.agent().get('/ca/bodies/grup-motor'))).toContain('Qualsevol col·legi');
    expect((await official.post('/ca/bodies/grup-motor/edit', stored)).status).toBe(303);
  });
});

describe("a working group's form", () => {
  it('holds its openness, report interval and charter, and says where the sunset date changes', async () => {
    const group = await insertGroup(db(), { open: true, charter: charterFor('Vist') });
    const html = await pageText(await official.get(`/ca/bodies/${group.slug}/edit`));
    expect(html).toMatch(/name="open"[^>]*value="yes"[^>]*checked/);
    expect(html).toMatch(/name="report_interval_days"[^>]*value="90"/);
    expect(html).toMatch(/name="charter.objectives.ca"[^>]*>Objectius Vist</);
    expect(html).toMatch(/name="charter.deliverables.en"[^>]*>Deliverables Vist</);
    expect(html).toContain('Aquesta data no es canvia aquí');
    expect(html).not.toContain('name="sunset_on"');
  });

  it('saves the charter and the rules', async () => {
    const group = await insertGroup(db(), { open: false });
    const response = await official.post(`/ca/bodies/${group.slug}/edit`, groupForm({ 'charter.method.ca': 'Sessions de treball obertes' }));
    expect(response.status).toBe(303);
    const body = await findBodyById(db(), group.id);
    expect(body?.open).toBe(true);
    expect(body?.report_interval_days).toBe(60);
    expect(body?.charter?.method).toEqual({ ca: 'Sessions de treball obertes', es: 'Método Form', en: 'Method Form' });
    expect(body?.name).toEqual({ ca: 'Comunicació', es: 'Comunicación', en: 'Communication' });
    // Untranslated purpose: stored without the empty languages, shown in Catalan.
    expect(body?.purpose).toEqual({ ca: "Un relat comú de l'ESS." });
    // The sunset date did not move.
    expect(body?.sunset_on).toBe((await findBodyById(db(), group.id))?.sunset_on);
  });

  it('asks for every part of the charter in Catalan, and for a sensible report interval', async () => {
    const group = await insertGroup(db());
    const response = await official.post(
      `/ca/bodies/${group.slug}/edit`,
      groupForm({ 'charter.objectives.ca': '', 'charter.cadence.ca': ' ', report_interval_days: '3', open: '' }),
    );
    expect(response.status).toBe(422);
    const html = await pageText(response);
    expect(html).toContain('Escriu els objectius en català.');
    expect(html).toContain('Escriu la freqüència de les reunions en català.');
    expect(html).toContain('Escriu un nombre de dies de 7 a 366');
    expect(html).toContain('Tria si el grup admet sol·licituds per entrar-hi.');
    expect(html).toMatch(/name="charter.objectives.es"[^>]*>Objetivos Form</);
    expect(html).toMatch(/name="report_interval_days"[^>]*value="3"/);
  });
});

describe('closed and declined groups', () => {
  it('cannot be edited: the page says why, and a post changes nothing', async () => {
    for (const state of ['closed', 'declined'] as const) {
      const group = await insertGroup(db(), { state, name: { ca: `Congelat ${state}` } });
      const page = await official.get(`/ca/bodies/${group.slug}/edit`);
      expect(page.status).toBe(409);
      const html = await pageText(page);
      expect(html).toContain('la seva pàgina és un registre i ja no es pot modificar');
      expect(html).not.toContain('name="name.ca"');
      const post = await official.post(`/ca/bodies/${group.slug}/edit`, groupForm({ 'name.ca': 'Canviat' }));
      expect(post.status).toBe(409);
      expect((await findBodyById(db(), group.id))?.name.ca).toBe(`Congelat ${state}`);
    }
  });

  it('closing groups still can', async () => {
    const group = await insertGroup(db(), { state: 'closing' });
    expect((await official.post(`/ca/bodies/${group.slug}/edit`, groupForm({ 'name.ca': 'Encara editable' }))).status).toBe(303);
    expect((await findBodyById(db(), group.id))?.name.ca).toBe('Encara editable');
  });
});
