/**
 * The bodies' public pages as people meet them: the tree of bodies, each body's page in every
 * kind and state, their honest empty states, what a visitor may and may not see, and which
 * action links each person is offered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../../test/support/app.js';
import { addDays } from '../workgroups/dates.js';
import { charterFor, insertDecision, insertGroup, insertMandate, insertOrganisation, insertPerson } from './bodies-test-support.js';
import { spaceToday } from './membership.js';

let app: TestApp;

beforeAll(async () => {
  // Records are set up straight in the database, which drops no cached page: visitors' copies
  // are tested on their own, at the end, with a cache of their own.
  app = await createTestApp({ TEIXIT_RENDER_CACHE: 'off' });
});
afterAll(async () => {
  await app?.close();
});

const db = () => app.services.database.db;

/** The page's text with the entities hono/jsx writes for quotes and ampersands turned back. */
async function pageText(response: Response): Promise<string> {
  return (await response.text()).replaceAll('&#39;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&');
}

async function visit(agent: Agent, path: string): Promise<string> {
  const response = await agent.get(path);
  expect(response.status, path).toBe(200);
  return pageText(response);
}

async function signedIn(roles: Array<'admin' | 'official'> = []) {
  const user = await app.createUser({ roles });
  const agent = app.agent();
  await agent.signIn(user);
  return { user, agent };
}

/** The HTML of the `<section>` whose heading has this id, to look inside one part of a page. */
function section(html: string, id: string): string {
  const start = html.indexOf(`aria-labelledby="${id}"`);
  if (start < 0) return '';
  const end = html.indexOf('</section>', start);
  return html.slice(start, end);
}

describe('the tree of bodies', () => {
  it('shows the plenary and the steering group, and says there are no working groups yet', async () => {
    const html = await visit(app.agent(), '/ca/bodies');
    expect(html).toContain("<h1>Òrgans de l'espai</h1>");
    expect(html).toContain('href="/ca/bodies/ambit-participat"');
    expect(html).toContain('Àmbit Participat');
    expect(html).toContain('href="/ca/bodies/grup-motor"');
    expect(html).toContain('Encara no hi ha cap grup de treball');
    // Visitors are told how, not given a link they cannot use.
    expect(html).not.toContain('/ca/working-groups/new');
    expect(html).toContain('Qualsevol persona amb compte a Teixit en pot proposar un');
  });

  it('offers signed-in people to propose a working group', async () => {
    const { agent } = await signedIn();
    const html = await visit(agent, '/ca/bodies');
    expect(html).toContain('href="/ca/working-groups/new"');
    expect(html).toContain('Proposa un grup de treball');
  });

  it('is in the navigation, in every language', async () => {
    expect(await visit(app.agent(), '/ca/bodies')).toMatch(/href="\/ca\/bodies"[^>]*>Òrgans</);
    expect(await visit(app.agent(), '/es/bodies')).toMatch(/href="\/es\/bodies"[^>]*>Órganos</);
    expect(await visit(app.agent(), '/en/bodies')).toMatch(/href="\/en\/bodies"[^>]*>Bodies</);
  });
});

describe('the tree with working groups in every state', () => {
  let groups: Record<'active' | 'closing' | 'proposed' | 'closed' | 'declined', { id: number; slug: string }>;

  beforeAll(async () => {
    groups = {
      closed: await insertGroup(db(), { state: 'closed', name: { ca: 'Grup Tancat Arbre' } }),
      proposed: await insertGroup(db(), { state: 'proposed', name: { ca: 'Grup Proposat Arbre' }, sunsetInDays: 300 }),
      active: await insertGroup(db(), { state: 'active', name: { ca: 'Grup Actiu Arbre', es: 'Grupo Activo Árbol' }, sunsetInDays: 45 }),
      declined: await insertGroup(db(), { state: 'declined', name: { ca: 'Grup Rebutjat Arbre' } }),
      closing: await insertGroup(db(), { state: 'closing', name: { ca: 'Grup En Tancament Arbre' } }),
    };
    const person = await insertPerson(db(), 'Marta Arbre');
    await insertMandate(db(), { body_id: groups.active.id, person_id: person });
  });

  it('groups them by state, running ones first, with plain-word tags, members and sunset dates', async () => {
    const html = await visit(app.agent(), '/ca/bodies');
    const order = ['Actius (1)', 'Grup Actiu Arbre', 'En tancament (1)', 'Grup En Tancament Arbre', 'Proposats, pendents del grup motor (1)', 'Grup Proposat Arbre', 'Tancats (1)', 'Grup Tancat Arbre'];
    const positions = order.map((text) => html.indexOf(text));
    expect(positions.every((p) => p >= 0), JSON.stringify(positions)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(html).toContain('Informe final pendent');
    const activeRow = html.slice(html.indexOf('Grup Actiu Arbre'), html.indexOf('</tr>', html.indexOf('Grup Actiu Arbre')));
    expect(activeRow).toContain('>Actiu<');
    expect(activeRow).toMatch(/>1</);
    expect(activeRow).toContain(`datetime="${addDays(spaceToday(), 45)}"`);
    expect(html).not.toContain('Encara no hi ha cap grup de treball');
  });

  it('folds the declined proposals away in a details element', async () => {
    const html = await visit(app.agent(), '/ca/bodies');
    const details = html.slice(html.indexOf('<details'), html.indexOf('</details>'));
    expect(details).toContain('Propostes no aprovades (1)');
    expect(details).toContain('Grup Rebutjat Arbre');
    expect(html.indexOf('Grup Rebutjat Arbre')).toBe(html.indexOf('Grup Rebutjat Arbre', html.indexOf('<details')));
  });

  it('places a group hanging from the steering group among the plenary\'s working groups', async () => {
    const group = await insertGroup(db(), { parent_id: 2, name: { ca: 'Grup del Grup Motor' } });
    const tree = await visit(app.agent(), '/ca/bodies');
    expect(tree).toContain(`href="/ca/bodies/${group.slug}"`);
    expect(section(await visit(app.agent(), '/ca/bodies/ambit-participat'), 'working-groups')).toContain('Grup del Grup Motor');
  });

  it('names the groups in the reader\'s language, falling back to Catalan', async () => {
    const html = await visit(app.agent(), '/es/bodies');
    expect(html).toContain('Grupo Activo Árbol');
    expect(html).toContain('<a lang="ca" href="/es/bodies/' + groups.closing.slug + '">Grup En Tancament Arbre</a>');
  });
});

describe("the plenary's page", () => {
  let fctc: { id: number; short_name: string; name: string };
  let delegate: number;
  let group: { id: number; slug: string };

  beforeAll(async () => {
    fctc = await insertOrganisation(db(), { short_name: 'FCTC-P', name: 'Federació de Cooperatives de Treball (prova)' });
    delegate = await insertPerson(db(), 'Laia Plenari', 'woman', 'laia.plenari@example.org');
    const trajectory = await insertPerson(db(), 'Núria Plenari', 'woman');
    const past = await insertPerson(db(), 'Pere Anterior', 'man');
    await insertMandate(db(), { body_id: 1, person_id: delegate, organisation_id: fctc.id, college: 'entity', role: 'member', starts_on: '2023-02-01' });
    await insertMandate(db(), { body_id: 1, person_id: trajectory, college: 'trajectory', role: 'chair', starts_on: '2024-03-01' });
    await insertMandate(db(), { body_id: 1, person_id: past, organisation_id: fctc.id, college: 'entity', starts_on: '2021-01-01', ends_on: '2023-01-01' });
    group = await insertGroup(db(), { name: { ca: 'Grup del Plenari' } });
  });

  it('shows what it is, its purpose, its composition and its members with links', async () => {
    const html = await visit(app.agent(), '/ca/bodies/ambit-participat');
    expect(html).toContain('Trobada general (plenari)');
    expect(html).toMatch(/<h1[^>]*>Àmbit Participat<\/h1>/);
    expect(html).toContain('>Actiu<');
    expect(html).toContain("És un òrgan permanent de l'espai.");
    expect(html).toContain('contrasta estudis i polítiques públiques');
    const composition = section(html, 'composition');
    expect(composition).toContain('Hi seuen 2 persones.');
    expect(composition).toContain('Federació de Cooperatives de Treball (prova) (FCTC-P)');
    expect(composition).toContain(`href="/ca/organisations/${fctc.id}"`);
    const members = section(html, 'members');
    expect(members).toContain(`<a href="/ca/people/${delegate}">Laia Plenari</a>`);
    expect(members).toContain('Núria Plenari');
    expect(members).toContain('A títol individual');
    expect(members).toContain('Presidència');
    expect(members).toContain('FCTC-P');
  });

  it('keeps past members in a folded list', async () => {
    const html = await visit(app.agent(), '/ca/bodies/ambit-participat');
    const members = section(html, 'members');
    const details = members.slice(members.indexOf('<details'));
    expect(details).toContain('Mandats anteriors (1)');
    expect(details).toContain('Pere Anterior');
    // The mandate ended on 2023-01-01, the first day it no longer held: its last day was the 31st.
    expect(details).toContain('datetime="2022-12-31"');
    expect(members.slice(0, members.indexOf('<details'))).not.toContain('Pere Anterior');
  });

  it('lists its working groups, and says honestly that it has no meetings yet and no documents', async () => {
    const html = await visit(app.agent(), '/ca/bodies/ambit-participat');
    expect(section(html, 'working-groups')).toContain(`href="/ca/bodies/${group.slug}"`);
    expect(section(html, 'meetings')).toContain('Encara no hi ha reunions');
    expect(section(html, 'meetings')).toContain('href="/ca/bodies/ambit-participat/calendar"');
    expect(section(html, 'documents')).toContain('Encara no hi ha documents publicats');
    // Decisions and a charter belong to working groups.
    expect(html).not.toContain('aria-labelledby="decisions"');
    expect(html).not.toContain('aria-labelledby="charter"');
  });

  it('shows its composition rules', async () => {
    const facts = section(await visit(app.agent(), '/ca/bodies/ambit-participat'), 'facts');
    expect(facts).toContain('2 persones delegades');
    expect(facts).toContain('Nivells 2, 3 i 4');
  });

  it('never shows a gender or an e-mail address, and no warnings, to a visitor', async () => {
    const html = await visit(app.agent(), '/ca/bodies/ambit-participat');
    expect(html).not.toContain('laia.plenari@example.org');
    expect(html).not.toContain('@example.org');
    expect(html).not.toMatch(/woman|dona|gènere/i);
    expect(html).not.toContain('Avisos de composició');
    expect(html).not.toContain('aria-labelledby="actions"');
  });

  it('answers at its id too, sending the reader on to its address with the slug', async () => {
    const response = await app.agent().get('/es/bodies/1');
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/es/bodies/ambit-participat');
  });

  it('answers 404 for a body that does not exist', async () => {
    expect((await app.agent().get('/ca/bodies/999999')).status).toBe(404);
    expect((await app.agent().get('/ca/bodies/no-existeix')).status).toBe(404);
    expect((await app.agent().get('/ca/bodies/MAJUSCULES')).status).toBe(404);
  });
});

describe("a working group's page in each state", () => {
  it('active: its charter, days left, decisions with reasons, and the reports link', async () => {
    const group = await insertGroup(db(), { state: 'active', sunsetInDays: 40, charter: charterFor('Actiu'), open: true });
    const steering = await insertPerson(db(), 'Jordi Motor');
    await insertDecision(db(), { body_id: group.id, action: 'proposed' });
    await insertDecision(db(), { body_id: group.id, action: 'approved', reason: 'Encaixa amb el Pla d\'Impuls', decided_by: steering });
    const html = await visit(app.agent(), `/ca/bodies/${group.slug}`);
    expect(html).toContain('>Grup de treball<');
    expect(html).toContain('queden 40 dies');
    const charter = section(html, 'charter');
    for (const text of ['Objectius', 'Objectius Actiu', 'Mètode Actiu', 'Cada mes Actiu', 'Lliuraments Actiu']) expect(charter).toContain(text);
    const decisions = section(html, 'decisions');
    expect(decisions).toContain('Aprovat pel grup motor');
    expect(decisions).toContain("Encaixa amb el Pla d'Impuls");
    expect(decisions).toContain('per Jordi Motor');
    expect(decisions).toContain(`href="/ca/bodies/${group.slug}/reports"`);
    expect(section(html, 'facts')).toContain('Obert: qualsevol persona que compleixi les condicions pot demanar');
    // A visitor is invited to sign in to ask to join an open group.
    expect(section(html, 'actions')).toContain(`/ca/sign-in?next=${encodeURIComponent(`/ca/bodies/${group.slug}/join`)}`);
    // A working group's meetings are its members' (its rules' default).
    expect(section(html, 'meetings')).toContain('només les veuen els seus membres');
  });

  it('in English too, with the charter in English', async () => {
    const group = await insertGroup(db(), { state: 'active', sunsetInDays: 1, charter: charterFor('EN') });
    const html = await visit(app.agent(), `/en/bodies/${group.slug}`);
    expect(html).toContain('1 day left');
    expect(html).toContain('Objectives EN');
    expect(section(html, 'meetings')).toContain('are seen by its members only');
  });

  it('active past its sunset date: says how long ago it passed and who must act', async () => {
    const group = await insertGroup(db(), { state: 'active', sunsetInDays: -3 });
    const html = await visit(app.agent(), `/ca/bodies/${group.slug}`);
    expect(html).toContain('va passar fa 3 dies');
  });

  it('proposed: waits for the steering group', async () => {
    const group = await insertGroup(db(), { state: 'proposed', sunsetInDays: 200 });
    const html = await visit(app.agent(), `/ca/bodies/${group.slug}`);
    expect(section(html, 'facts')).toContain('Data de finalització proposada');
    expect(html).toContain('>Proposat<');
    expect(html).toContain("El grup motor ha d'aprovar o rebutjar aquesta proposta.");
    expect(section(html, 'decisions')).toContain("Encara no s'ha registrat cap decisió");
    expect(section(html, 'decisions')).not.toContain('/reports');
  });

  it('closing: its final report is due', async () => {
    const group = await insertGroup(db(), { state: 'closing' });
    await insertDecision(db(), { body_id: group.id, action: 'closing', reason: 'Objectius assolits' });
    const html = await visit(app.agent(), `/ca/bodies/${group.slug}`);
    expect(html).toContain('>En tancament<');
    expect(html).toContain("ha de presentar l'informe final");
    expect(section(html, 'decisions')).toContain('Objectius assolits');
  });

  it('closed: frozen, read only, with the day it closed', async () => {
    const group = await insertGroup(db(), { state: 'closed' });
    await insertDecision(db(), { body_id: group.id, action: 'closed', created_at: '2025-11-20T10:00:00Z' });
    const { agent } = await signedIn(['admin']);
    const html = await visit(agent, `/ca/bodies/${group.slug}`);
    expect(html).toContain('>Tancat<');
    expect(html).toContain('El grup es va tancar el dijous, 20 de novembre del 2025.');
    expect(html).toContain('Pàgina de registre');
    // Even an administrator is offered no edit link on a frozen group.
    expect(html).not.toContain(`/ca/bodies/${group.slug}/edit`);
  });

  it('declined: the steering group\'s reason, and none of the running group\'s facts', async () => {
    const group = await insertGroup(db(), { state: 'declined', open: true });
    await insertDecision(db(), { body_id: group.id, action: 'declined', reason: 'Ja ho treballa un altre grup', created_at: '2025-10-01T10:00:00Z' });
    const html = await visit(app.agent(), `/ca/bodies/${group.slug}`);
    expect(html).toContain('>No aprovat<');
    expect(html).toContain('El grup motor no va aprovar aquesta proposta el dimecres, 1 d’octubre del 2025.');
    expect(section(html, 'decisions')).toContain('Ja ho treballa un altre grup');
    const facts = section(html, 'facts');
    expect(facts).not.toContain('Data de finalització');
    expect(facts).not.toContain('Obert');
  });

  it('extended: the dates before and after', async () => {
    const group = await insertGroup(db(), { state: 'active' });
    await insertDecision(db(), { body_id: group.id, action: 'extended', reason: 'Cal més temps', sunset_before: '2026-06-30', sunset_after: '2026-12-31' });
    const decisions = section(await visit(app.agent(), `/ca/bodies/${group.slug}`), 'decisions');
    expect(decisions).toContain('Prorrogat');
    expect(decisions).toContain('La data de finalització passa del dimarts, 30 de juny del 2026 al dijous, 31 de desembre del 2026.');
    expect(decisions).toContain('Cal més temps');
  });

  it('lists who leads first, then everyone by name', async () => {
    const group = await insertGroup(db(), { state: 'active' });
    await insertMandate(db(), { body_id: group.id, person_id: await insertPerson(db(), 'Abel Membre'), starts_on: '2025-01-01' });
    await insertMandate(db(), { body_id: group.id, person_id: await insertPerson(db(), 'Zoe Coordinadora'), role: 'coordinator', starts_on: '2024-01-01' });
    await insertMandate(db(), { body_id: group.id, person_id: await insertPerson(db(), 'Bea Membre'), starts_on: '2023-01-01' });
    const members = section(await visit(app.agent(), `/ca/bodies/${group.slug}`), 'members');
    const order = ['Zoe Coordinadora', 'Abel Membre', 'Bea Membre'].map((name) => members.indexOf(name));
    expect(order.every((p) => p >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it("names an entity's member its delegate, as the profile and the mandates page do", async () => {
    const group = await insertGroup(db(), { state: 'active' });
    const coop = await insertOrganisation(db(), { short_name: 'COOP-rol', level: 1 });
    await insertMandate(db(), { body_id: group.id, person_id: await insertPerson(db(), 'Carla Delegada'), organisation_id: coop.id, college: 'entity' });
    await insertMandate(db(), { body_id: group.id, person_id: await insertPerson(db(), 'Dídac Individual'), college: 'trajectory' });
    const members = section(await visit(app.agent(), `/ca/bodies/${group.slug}`), 'members').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(members).toContain('Carla Delegada Persona delegada Entitats COOP-rol');
    expect(members).toContain('Dídac Individual Membre Persones amb trajectòria A títol individual');
  });

  it('with nobody in it yet', async () => {
    const group = await insertGroup(db(), { state: 'active' });
    const html = await visit(app.agent(), `/ca/bodies/${group.slug}`);
    expect(section(html, 'composition')).toContain('Ara mateix no hi seu ningú.');
    expect(section(html, 'members')).toContain('Ara mateix no hi seu ningú.');
  });
});

describe('composition warnings', () => {
  let group: { id: number; slug: string };

  beforeAll(async () => {
    // Three men and nobody else: a parity warning, and the other colleges are empty.
    group = await insertGroup(db(), { allowed_colleges: ['entity', 'trajectory'] });
    for (const name of ['Home U', 'Home Dos', 'Home Tres']) await insertMandate(db(), { body_id: group.id, person_id: await insertPerson(db(), name, 'man') });
  });

  it('are shown to those who manage mandates', async () => {
    for (const roles of [['admin'], ['official']] as const) {
      const { agent } = await signedIn([...roles]);
      const html = await visit(agent, `/ca/bodies/${group.slug}`);
      expect(html, roles.join()).toContain('Avisos de composició');
      expect(html).toContain('Paritat');
      expect(html).toContain('El col·legi «Entitats» no té cap membre.');
    }
  });

  it('are shown to the secretariat', async () => {
    const { user, agent } = await signedIn();
    await insertMandate(db(), { body_id: 1, person_id: user.id, role: 'secretary', college: 'council', organisation_id: (await insertOrganisation(db(), { kind: 'administration' })).id });
    expect(await visit(agent, `/ca/bodies/${group.slug}`)).toContain('Avisos de composició');
  });

  it('are not shown to visitors, participants or plain members', async () => {
    const member = await signedIn();
    await insertMandate(db(), { body_id: group.id, person_id: member.user.id });
    for (const agent of [app.agent(), (await signedIn()).agent, member.agent]) {
      const html = await visit(agent, `/ca/bodies/${group.slug}`);
      expect(html).not.toContain('Avisos de composició');
      expect(html).not.toContain('Paritat');
    }
  });
});

describe('action links', () => {
  it('administrators and officials may edit the body and manage its mandates', async () => {
    for (const roles of [['admin'], ['official']] as const) {
      const { agent } = await signedIn([...roles]);
      const actions = section(await visit(agent, '/ca/bodies/grup-motor'), 'actions');
      expect(actions).toContain('href="/ca/bodies/grup-motor/edit"');
      expect(actions).toContain('href="/ca/bodies/grup-motor/mandates"');
    }
  });

  it('participants get no action on a standing body', async () => {
    const { agent } = await signedIn();
    const html = await visit(agent, '/ca/bodies/grup-motor');
    expect(html).not.toContain('aria-labelledby="actions"');
    expect(html).not.toContain('/edit"');
  });

  it('a signed-in person may ask to join an open active group, not a closed-to-requests one nor one they sit in', async () => {
    const open = await insertGroup(db(), { open: true });
    const shut = await insertGroup(db(), { open: false });
    const { user, agent } = await signedIn();
    expect(section(await visit(agent, `/ca/bodies/${open.slug}`), 'actions')).toContain(`href="/ca/bodies/${open.slug}/join"`);
    expect(await visit(agent, `/ca/bodies/${shut.slug}`)).not.toContain('/join"');
    await insertMandate(db(), { body_id: open.id, person_id: user.id });
    expect(await visit(agent, `/ca/bodies/${open.slug}`)).not.toContain(`/ca/bodies/${open.slug}/join"`);
  });

  it("a group's coordinator handles its join requests and reports, and may start closing it", async () => {
    const group = await insertGroup(db(), { open: true });
    const { user, agent } = await signedIn();
    await insertMandate(db(), { body_id: group.id, person_id: user.id, role: 'coordinator' });
    const actions = section(await visit(agent, `/ca/bodies/${group.slug}`), 'actions');
    expect(actions).toContain(`href="/ca/bodies/${group.slug}/join-requests"`);
    expect(actions).toContain(`href="/ca/bodies/${group.slug}/reports/new"`);
    expect(actions).toContain(`href="/ca/bodies/${group.slug}/mandates"`);
    expect(actions).toContain(`href="/ca/bodies/${group.slug}/close"`);
    expect(actions).not.toContain('/extend"');
    expect(actions).not.toContain('/edit"');
  });

  it('the steering group decides on proposals, extends and closes groups, and follows them up', async () => {
    const { user, agent } = await signedIn();
    await insertMandate(db(), { body_id: 2, person_id: user.id, role: 'member' });
    const proposed = await insertGroup(db(), { state: 'proposed' });
    const active = await insertGroup(db(), { state: 'active' });
    const closing = await insertGroup(db(), { state: 'closing' });
    expect(section(await visit(agent, `/ca/bodies/${proposed.slug}`), 'actions')).toContain(`href="/ca/bodies/${proposed.slug}/decision"`);
    const activeActions = section(await visit(agent, `/ca/bodies/${active.slug}`), 'actions');
    expect(activeActions).toContain(`href="/ca/bodies/${active.slug}/extend"`);
    expect(activeActions).toContain(`href="/ca/bodies/${active.slug}/close"`);
    expect(activeActions).not.toContain('/decision"');
    const closingActions = section(await visit(agent, `/ca/bodies/${closing.slug}`), 'actions');
    expect(closingActions).toContain(`href="/ca/bodies/${closing.slug}/close"`);
    expect(closingActions).toContain(`href="/ca/bodies/${closing.slug}/extend"`);
    expect(section(await visit(agent, '/ca/bodies/grup-motor'), 'actions')).toContain('href="/ca/follow-up"');
  });

  it('an alternate of the steering group is not the steering group', async () => {
    const { user, agent } = await signedIn();
    await insertMandate(db(), { body_id: 2, person_id: user.id, role: 'alternate' });
    const proposed = await insertGroup(db(), { state: 'proposed' });
    expect(await visit(agent, `/ca/bodies/${proposed.slug}`)).not.toContain('/decision"');
  });
});

describe("visitors' copies", () => {
  let cached: TestApp;
  let stop: () => void;
  beforeAll(async () => {
    cached = await createTestApp();
    stop = cached.built.renderCache.start();
  });
  afterAll(async () => {
    stop?.();
    await cached?.close();
  });

  it('are served from the cache, and dropped when the body changes', async () => {
    const group = await insertGroup(cached.services.database.db, { name: { ca: 'Nom Abans Cache' } });
    const visitor = cached.agent();
    expect((await visitor.get(`/ca/bodies/${group.slug}`)).status).toBe(200);
    expect((await visitor.get('/ca/bodies')).status).toBe(200);
    expect((await visitor.get(`/ca/bodies/${group.slug}`)).headers.get('x-render-cache')).toBe('hit');
    expect((await visitor.get('/ca/bodies')).headers.get('x-render-cache')).toBe('hit');

    const official = await cached.createUser({ roles: ['official'] });
    const agent = cached.agent();
    await agent.signIn(official);
    const form: Record<string, string | string[]> = { 'name.ca': 'Nom Després Cache', open: 'no', report_interval_days: '90', 'rules.allowed_levels': ['1', '2', '3'] };
    for (const part of ['objectives', 'method', 'cadence', 'deliverables']) form[`charter.${part}.ca`] = `Text ${part}`;
    expect((await agent.post(`/ca/bodies/${group.slug}/edit`, form)).status).toBe(303);

    const fresh = await visitor.get(`/ca/bodies/${group.slug}`);
    expect(fresh.headers.get('x-render-cache')).toBeNull();
    expect(await pageText(fresh)).toContain('Nom Després Cache');
    const tree = await visitor.get('/ca/bodies');
    expect(tree.headers.get('x-render-cache')).toBeNull();
    expect(await pageText(tree)).toContain('Nom Després Cache');
  });
});
