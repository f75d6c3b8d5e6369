/**
 * The directory's pages through HTTP: the public directory (filters, accent-free search, pages
 * of 25), an organisation's page (facts, federations, members, current mandates), and the forms
 * that add and change organisations, with who may use them.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent, TestApp } from '../../../test/support/app.js';
import { createTestApp } from '../../../test/support/app.js';
import { browserFor, createPersona, type Persona } from '../../../test/support/personas.js';
import { seedDirectoryDemo } from './seed.js';
import { findOrganisation, findOrganisationIdsByShortName, insertMissingOrganisationLinks } from './store.js';

let app: TestApp;
let admin: Persona;
let official: Persona;
let participant: Persona;
let stopCache: () => void;
const id: Record<string, number> = {};

/** The page's text with the entities hono/jsx writes for quotes and ampersands turned back. */
async function pageText(response: Response): Promise<string> {
  return (await response.text()).replaceAll('&#39;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&');
}

/** The names in the directory table's first column, in order. */
function listedNames(html: string): string[] {
  return [...html.matchAll(/<th scope="row" class="table__cell"><a href="\/ca\/organisations\/\d+">([^<]+)<\/a>/g)].map((m) => m[1] ?? '');
}

async function visit(path: string, as: Persona | null = null): Promise<{ status: number; html: string }> {
  const agent = as ? await browserFor(app, as) : app.agent();
  const response = await agent.get(path);
  return { status: response.status, html: await pageText(response) };
}

async function addMandate(values: { person: number; body: number; organisation: number | null; college: string; role: string; starts_on: string; ends_on?: string | null }) {
  await app.services.database.db
    .insertInto('mandates')
    .values({
      body_id: values.body,
      person_id: values.person,
      organisation_id: values.organisation,
      college: values.college as 'entity',
      role: values.role as 'member',
      starts_on: values.starts_on,
      ends_on: values.ends_on ?? null,
    })
    .execute();
}

beforeAll(async () => {
  app = await createTestApp();
  stopCache = app.built.renderCache.start();
  await seedDirectoryDemo(app.services, { password: '', accounts: [], ids: new Map() });
  const found = await findOrganisationIdsByShortName(app.services.database.db, ['XES', 'FCTC', 'CCC', 'AESCAT', 'Coop57', 'Coòpolis', 'Comissionat ESS', 'Goteo', 'FKI']);
  for (const [shortName, value] of found) id[shortName] = value;
  admin = await createPersona(app, 'admin');
  official = await createPersona(app, 'official');
  participant = await createPersona(app, 'participant');
  const laia = await app.createUser({ name: 'Laia Ferrer i Soler' });
  const jordi = await app.createUser({ name: 'Jordi Casals i Vidal' });
  const former = await app.createUser({ name: 'Persona Antiga' });
  const future = await app.createUser({ name: 'Persona Futura' });
  await addMandate({ person: laia.id, body: 1, organisation: id.XES!, college: 'entity', role: 'member', starts_on: '2024-01-15' });
  await addMandate({ person: jordi.id, body: 2, organisation: id.XES!, college: 'entity', role: 'secretary', starts_on: '2023-09-01' });
  await addMandate({ person: former.id, body: 1, organisation: id.XES!, college: 'entity', role: 'member', starts_on: '2020-01-01', ends_on: '2023-01-01' });
  await addMandate({ person: future.id, body: 1, organisation: id.XES!, college: 'entity', role: 'alternate', starts_on: '2999-01-01' });
});
afterAll(async () => {
  stopCache?.();
  await app?.close();
});

describe('the directory', () => {
  it('lists every organisation by name, 25 a page, with its level, families and federations', async () => {
    const { status, html } = await visit('/ca/organisations');
    expect(status).toBe(200);
    expect(html).toContain('<h1>Directori d\'organitzacions</h1>');
    expect(html).toContain('33 organitzacions');
    const names = listedNames(html);
    expect(names).toHaveLength(25);
    expect(names[0]).toBe('Alencop');
    expect(names).toContain("Associació Economia Social Catalunya");
    expect(html).toContain('Pàgina 1 de 2');
    expect(html).toContain('Nivell 2 · federació o xarxa');
    expect(html).toContain('Finances ètiques');
    const second = await visit('/ca/organisations?page=2');
    expect(listedNames(second.html)).toHaveLength(8);
    expect(listedNames(second.html)).not.toContain('Alencop');
  });

  it('offers the directory in the navigation, to everyone', async () => {
    expect((await visit('/ca')).html).toContain('href="/ca/organisations"');
    expect((await visit('/es/organisations')).html).toContain('Directorio de organizaciones');
  });

  it('finds organisations by name or short name, ignoring accents and capitals', async () => {
    expect(listedNames((await visit('/ca/organisations?q=COOPOLIS')).html)).toEqual(['Coòpolis – Ateneu Cooperatiu de Barcelona']);
    expect(listedNames((await visit('/ca/organisations?q=economia+solidaria')).html)).toEqual(["Xarxa d'Economia Solidària de Catalunya"]);
    expect(listedNames((await visit('/ca/organisations?q=fctc')).html)).toEqual(['Federació de Cooperatives de Treball de Catalunya']);
  });

  it('takes % and _ in a search as themselves', async () => {
    const { html } = await visit('/ca/organisations?q=%25');
    expect(listedNames(html)).toEqual([]);
    expect(html).toContain('Cap organització no coincideix amb la cerca');
  });

  it('filters by level, family, representative recognition, district and kind, and keeps them in the form', async () => {
    const level3 = await visit('/ca/organisations?level=3');
    expect(listedNames(level3.html)).toEqual([
      'Confederació de Cooperatives de Catalunya',
      'Confederació Empresarial del Tercer Sector Social de Catalunya',
      "Taula d'Entitats del Tercer Sector Social de Catalunya",
    ]);
    expect(level3.html).toContain('<option value="3" selected="">');
    expect(listedNames((await visit('/ca/organisations?family=ethical_finance')).html)).toEqual(['Coop57 SCCL', 'Fiare Banca Etica']);
    const representative = await visit('/ca/organisations?representative=yes&level=2');
    expect(representative.html).toContain('8 organitzacions');
    expect(listedNames((await visit('/ca/organisations?representative=no&level=2')).html)).toEqual([]);
    expect(listedNames((await visit('/ca/organisations?kind=administration')).html)).toHaveLength(2);
    const combined = await visit('/ca/organisations?q=cooperatives&level=2&family=cooperative');
    expect(listedNames(combined.html)).toHaveLength(3);
    expect(combined.html).toContain('value="cooperatives"');
    expect(combined.html).toContain('<option value="cooperative" selected="">');
  });

  it('keeps the filters in the pagination links', async () => {
    const { html } = await visit('/ca/organisations?kind=entity');
    expect(html).toContain('31 organitzacions');
    expect(html).toContain('href="/ca/organisations?kind=entity&page=2"');
  });

  it('says when a page is past the end, and links back to the first', async () => {
    const { html } = await visit('/ca/organisations?page=9');
    expect(html).toContain('Aquesta pàgina ja no té resultats');
    expect(html).toContain('href="/ca/organisations"');
  });

  it('explains a filter it does not know (422), keeping what was asked', async () => {
    const { status, html } = await visit('/ca/organisations?level=7&q=xes');
    expect(status).toBe(422);
    expect(html).toContain('error-summary');
    expect(html).toContain('Tria un nivell de la llista.');
    expect(html).toContain('value="xes"');
  });

  it('offers the organisations the filters select as a CSV file, with every page and the terms of reuse', async () => {
    const { html } = await visit('/ca/organisations?q=cooperatives&level=2&family=cooperative&page=1');
    const shown = listedNames(html);
    expect(html).toContain('Baixa aquestes 3 organitzacions en un fitxer CSV');
    const href = /<a href="([^"]+)">Baixa aquestes/.exec(html)?.[1] ?? '';
    // The filters, and not the page: the file holds every page of the list.
    expect(href).toBe('/ca/organisations/export.csv?q=cooperatives&level=2&family=cooperative');
    const download = await app.agent().get(href);
    expect(download.status).toBe(200);
    const rows = parse((await download.text()).replace(/^\uFEFF/, ''), { columns: true }) as Array<{ name: string }>;
    expect(rows.map((row) => row.name)).toEqual(shown);
    expect(html).toContain('Són dades públiques: les pots reutilitzar citant-ne la font, amb la llicència');
    expect(html).toContain('<a href="https://creativecommons.org/licenses/by/4.0/deed.ca" rel="license">Creative Commons Reconeixement 4.0 (CC BY 4.0)</a>');

    const second = await visit('/ca/organisations?kind=entity&page=2');
    expect(second.html).toContain('<a href="/ca/organisations/export.csv?kind=entity">Baixa aquestes 31 organitzacions en un fitxer CSV</a>');
    const english = await visit('/en/organisations?level=3');
    expect(english.html).toContain('<a href="/en/organisations/export.csv?level=3">Download these 3 organisations as a CSV file</a>');
    expect(english.html).toContain('href="https://creativecommons.org/licenses/by/4.0/deed.en"');
  });

  it('offers no file when nothing matches or a filter is wrong', async () => {
    expect((await visit('/ca/organisations?q=cap+ni+una')).html).not.toContain('export.csv');
    expect((await visit('/ca/organisations?level=7')).html).not.toContain('export.csv');
  });

  it('shows the way to import a CSV file only to those who may, and it leads to the import page', async () => {
    expect((await visit('/ca/organisations')).html).not.toContain('href="/ca/organisations/import"');
    expect((await visit('/ca/organisations', participant)).html).not.toContain('href="/ca/organisations/import"');
    expect((await visit('/ca/organisations', admin)).html).toContain('<a class="button button--secondary" href="/ca/organisations/import" draggable="false">Importa des d\'un fitxer CSV</a>');
    const { html } = await visit('/es/organisations', official);
    expect(html).toContain('Importa desde un archivo CSV');
    const importPage = await visit('/ca/organisations/import', official);
    expect(importPage.status).toBe(200);
    expect(importPage.html).toContain('<h1>Importa organitzacions d\'un fitxer CSV</h1>');
    // Its breadcrumbs name the directory as the directory's own pages do.
    expect(importPage.html).toContain('<a class="breadcrumbs__link" href="/ca/organisations">Directori d\'organitzacions</a>');
  });

  it('shows the way to add an organisation only to those who may', async () => {
    expect((await visit('/ca/organisations')).html).not.toContain('href="/ca/organisations/new"');
    expect((await visit('/ca/organisations', participant)).html).not.toContain('href="/ca/organisations/new"');
    expect((await visit('/ca/organisations', official)).html).toContain('href="/ca/organisations/new"');
  });
});

describe("an organisation's page", () => {
  it('shows its facts, the federations it belongs to and its members with their levels', async () => {
    const { status, html } = await visit(`/ca/organisations/${id.XES}`);
    expect(status).toBe(200);
    expect(html).toContain("Xarxa d'Economia Solidària de Catalunya</h1>");
    expect(html).toContain('Entitat representativa');
    expect(html).toContain('Sí, reconeguda des del 10 de març del 2022');
    expect(html).toContain('Xarxes i plataformes, Economia solidària');
    expect(html).toContain(`<a href="/ca/organisations/${id.AESCAT}">Associació Economia Social Catalunya</a>`);
    expect(html).toContain('9 organitzacions del directori en formen part.');
    expect(html).toContain(`<a href="/ca/organisations/${id.Coop57}">Coop57 SCCL</a>`);
    expect(html).toContain('Nivell 1 · entitat');
  });

  it('shows who represents it in a body today, linking the person and the body', async () => {
    const { html } = await visit(`/ca/organisations/${id.XES}`);
    expect(html).toContain('Qui la representa');
    expect(html).toMatch(/<a href="\/ca\/people\/\d+">Laia Ferrer i Soler<\/a>/);
    expect(html).toContain('<a href="/ca/bodies/ambit-participat">Àmbit Participat</a>');
    expect(html).toContain('<a href="/ca/bodies/grup-motor">Grup motor</a>');
    expect(html).toContain('Secretaria');
    expect(html).toContain('Entitats');
    expect(html).not.toContain('Persona Antiga');
    expect(html).not.toContain('Persona Futura');
    const english = await visit(`/en/organisations/${id.XES}`);
    expect(english.html).toContain('Participatory space (plenary)');
    expect(english.html).toContain('Secretary');
  });

  it('says so when nobody represents it', async () => {
    const { html } = await visit(`/ca/organisations/${id.Goteo}`);
    expect(html).toContain('Ningú no la representa en cap òrgan');
    expect(html).toContain('No forma part de cap federació, confederació ni plataforma del directori.');
  });

  it('never shows a person’s e-mail', async () => {
    const { html } = await visit(`/ca/organisations/${id.XES}`);
    expect(html).not.toMatch(/@example\.org/);
  });

  it('answers 404 for an organisation that does not exist or an id that is not a number', async () => {
    expect((await visit('/ca/organisations/999999')).status).toBe(404);
    expect((await visit('/ca/organisations/xes')).status).toBe(404);
    expect((await visit('/ca/organisations/0')).status).toBe(404);
  });

  it('shows the edit link to administrators and officials only', async () => {
    const path = `/ca/organisations/${id.XES}`;
    expect((await visit(path)).html).not.toContain(`${path}/edit`);
    expect((await visit(path, participant)).html).not.toContain(`${path}/edit`);
    expect((await visit(path, admin)).html).toContain(`href="${path}/edit"`);
  });
});

describe('adding and changing organisations', () => {
  let browser: Agent;
  beforeAll(async () => {
    browser = await browserFor(app, official);
  });

  it('asks visitors to sign in and refuses participants, changing nothing', async () => {
    const visitor = app.agent();
    const form = await visitor.get('/ca/organisations/new');
    expect(form.status).toBe(303);
    expect(form.headers.get('location')).toBe(`/ca/sign-in?next=${encodeURIComponent('/ca/organisations/new')}`);
    expect((await visitor.post('/ca/organisations/new', { name: 'Intrusa', short_name: 'Intrusa', kind: 'entity', level: '1' })).status).toBe(401);
    const asParticipant = await browserFor(app, participant);
    expect((await asParticipant.get('/ca/organisations/new')).status).toBe(403);
    expect((await asParticipant.get(`/ca/organisations/${id.XES}/edit`)).status).toBe(403);
    expect((await asParticipant.post('/ca/organisations/new', { name: 'Intrusa', short_name: 'Intrusa', kind: 'entity', level: '1' })).status).toBe(403);
    expect((await asParticipant.post(`/ca/organisations/${id.XES}/edit`, { name: 'Presa', short_name: 'XES', kind: 'entity', level: '2' })).status).toBe(403);
    expect(await findOrganisationIdsByShortName(app.services.database.db, ['Intrusa'])).toEqual(new Map());
    expect((await findOrganisation(app.services.database.db, id.XES!))?.name).toBe("Xarxa d'Economia Solidària de Catalunya");
  });

  it('offers every field, with the possible federations and their levels', async () => {
    const response = await browser.get('/ca/organisations/new');
    expect(response.status).toBe(200);
    const html = await pageText(response);
    for (const name of ['name', 'short_name', 'kind', 'level', 'member_of', 'families', 'representative_since', 'district', 'website', 'description.ca', 'description.es', 'description.en']) {
      expect(html, name).toContain(`name="${name}"`);
    }
    expect(html).toContain(`value="${id.XES}"`);
    expect(html).not.toContain(`value="${id.Coop57}"`);
    expect(html).toContain('Sant Martí');
  });

  it('offers a current parent the rules would no longer allow, ticked, so saving never drops it unseen', async () => {
    // A link from before the rules: a level-1 organisation under another level-1 one.
    await insertMissingOrganisationLinks(app.services.database.db, [{ child_id: id.FKI!, parent_id: id['Coòpolis']! }]);
    const html = await pageText(await browser.get(`/ca/organisations/${id.FKI}/edit`));
    expect(html).toContain(`value="${id['Coòpolis']}" checked=""`);
    const kept = await browser.post(`/ca/organisations/${id.FKI}/edit`, { name: 'Free Knowledge Institute', short_name: 'FKI', kind: 'entity', level: '1', member_of: String(id['Coòpolis']) });
    expect(kept.status).toBe(422);
    expect(await pageText(kept)).toContain('Free Knowledge Institute (nivell 1) no pot ser membre de Coòpolis – Ateneu Cooperatiu de Barcelona (nivell 1)');
  });

  it('adds an organisation and says so on its page', async () => {
    const response = await browser.post('/ca/organisations/new', {
      name: 'Fundació Roca i Font',
      short_name: 'FRF',
      kind: 'entity',
      level: '1',
      member_of: [String(id.XES), String(id.FCTC)],
      families: ['foundation', 'solidarity_economy'],
      representative_since: '',
      district: 'gracia',
      website: 'https://frf.example.org',
      'description.ca': 'Una fundació de prova.\n\nAmb dos paràgrafs.',
      'description.es': '',
      'description.en': '',
    });
    expect(response.status).toBe(303);
    const location = response.headers.get('location') ?? '';
    expect(location).toMatch(/^\/ca\/organisations\/\d+$/);
    const page = await pageText(await browser.get(location));
    expect(page).toContain("S'ha afegit Fundació Roca i Font al directori.");
    expect(page).toContain('<p>Amb dos paràgrafs.</p>');
    expect(page).toContain('Gràcia');
    expect(page).toContain('<a href="https://frf.example.org" rel="noopener noreferrer nofollow">');
    const [frf] = [...(await findOrganisationIdsByShortName(app.services.database.db, ['FRF'])).values()];
    expect((await findOrganisation(app.services.database.db, frf!))?.member_of).toEqual([id.FCTC, id.XES].sort((a, b) => a! - b!));
  });

  it('sends the form back with an error summary and what was typed', async () => {
    const response = await browser.post('/ca/organisations/new', {
      name: 'Cooperativa sense nivell',
      short_name: '',
      kind: 'entity',
      families: 'cooperative',
      member_of: String(id.CCC),
      website: 'ftp://exemple.cat',
      'description.ca': 'El que he escrit',
    });
    expect(response.status).toBe(422);
    const html = await pageText(response);
    expect(html).toContain('<title>Error: Afegeix una organització · Teixit</title>');
    expect(html).toContain('href="#field-short_name"');
    expect(html).toContain('Escriu el nom curt. Si no en té, repeteix el nom.');
    expect(html).toContain("Escriu l'adreça completa del web, com https://exemple.cat");
    expect(html).toContain('value="Cooperativa sense nivell"');
    expect(html).toContain('value="ftp://exemple.cat"');
    expect(html).toContain('El que he escrit</textarea>');
    expect(html).toMatch(/value="cooperative" checked=""/);
    expect(html).toContain(`value="${id.CCC}" checked=""`);
    expect(await findOrganisationIdsByShortName(app.services.database.db, [''])).toEqual(new Map());
  });

  it('refuses a federation of the same level, naming both, and keeps the form', async () => {
    const response = await browser.post('/ca/organisations/new', { name: 'Federació de prova', short_name: 'FdP', kind: 'entity', level: '2', member_of: String(id.XES) });
    expect(response.status).toBe(422);
    const html = await pageText(response);
    expect(html).toContain(
      "Federació de prova (nivell 2) no pot ser membre de Xarxa d'Economia Solidària de Catalunya (nivell 2): una entitat només pot ser membre d'una altra de nivell superior.",
    );
    expect(html).toContain('href="#field-member_of"');
    expect(await findOrganisationIdsByShortName(app.services.database.db, ['FdP'])).toEqual(new Map());
  });

  it('refuses a short name in use (409), on its field', async () => {
    const response = await browser.post('/ca/organisations/new', { name: 'Una altra xarxa', short_name: 'xes', kind: 'entity', level: '2' });
    expect(response.status).toBe(409);
    const html = await pageText(response);
    expect(html).toContain("Ja hi ha una organització amb el nom curt xes: Xarxa d'Economia Solidària de Catalunya.");
    expect(html).toContain('href="#field-short_name"');
  });

  it('fills the edit form with the organisation as stored, and saves the changes', async () => {
    const path = `/ca/organisations/${id.Goteo}/edit`;
    const form = await pageText(await browser.get(path));
    expect(form).toContain('<h1>Edita Fundació Goteo</h1>');
    expect(form).toContain('value="Fundació Goteo"');
    expect(form).toMatch(/value="commons_collaborative_economy" checked=""/);
    const saved = await browser.post(path, {
      name: 'Fundació Goteo',
      short_name: 'Goteo',
      kind: 'entity',
      level: '1',
      families: ['foundation', 'commons_collaborative_economy'],
      member_of: String(id.XES),
      district: 'ciutat_vella',
      'description.ca': 'Finançament col·lectiu.',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`/ca/organisations/${id.Goteo}`);
    const page = await pageText(await browser.get(`/ca/organisations/${id.Goteo}`));
    expect(page).toContain("S'han desat els canvis de Fundació Goteo.");
    expect(page).toContain('Ciutat Vella');
    expect(page).toContain(`<a href="/ca/organisations/${id.XES}">Xarxa d'Economia Solidària de Catalunya</a>`);
  });

  it('says when there was nothing to change (a level ticked for a council unit is dropped)', async () => {
    const stored = await findOrganisation(app.services.database.db, id['Comissionat ESS']!);
    const saved = await browser.post(`/ca/organisations/${id['Comissionat ESS']}/edit`, {
      name: stored!.name,
      short_name: stored!.short_name,
      kind: 'administration',
      level: '3',
      families: stored!.families,
    });
    expect(saved.status).toBe(303);
    expect(await pageText(await browser.get(saved.headers.get('location') ?? ''))).toContain('No hi havia cap canvi per desar.');
  });

  it('refuses a level its members would not sit below, naming them, and changes nothing', async () => {
    const before = await findOrganisation(app.services.database.db, id.CCC!);
    const response = await browser.post(`/ca/organisations/${id.CCC}/edit`, {
      name: before!.name,
      short_name: before!.short_name,
      kind: 'entity',
      level: '2',
      member_of: String(id.AESCAT),
      families: before!.families,
    });
    expect(response.status).toBe(422);
    const html = await pageText(response);
    expect(html).toContain('<title>Error: Edita Confederació de Cooperatives de Catalunya · Teixit</title>');
    expect(html).toContain('Federació de Cooperatives de Treball de Catalunya (nivell 2) no pot ser membre de Confederació de Cooperatives de Catalunya (nivell 2)');
    expect(html).toContain('href="#field-level"');
    expect(await findOrganisation(app.services.database.db, id.CCC!)).toEqual(before);
  });

  it('answers 404 for editing an organisation that does not exist', async () => {
    expect((await browser.get('/ca/organisations/999999/edit')).status).toBe(404);
    expect((await browser.post('/ca/organisations/999999/edit', { name: 'X', short_name: 'X', kind: 'entity', level: '1' })).status).toBe(404);
  });

  it('shows visitors the change at once, though their pages are cached', async () => {
    const path = `/ca/organisations/${id.Coop57}`;
    await visit(path);
    const cached = await app.agent().get(path);
    expect(cached.headers.get('x-render-cache')).toBe('hit');
    const stored = await findOrganisation(app.services.database.db, id.Coop57!);
    const saved = await browser.post(`${path}/edit`, {
      name: 'Coop57 SCCL',
      short_name: 'Coop57',
      kind: 'entity',
      level: '1',
      families: stored!.families,
      member_of: stored!.member_of.map(String),
      website: 'https://coop57.coop',
    });
    expect(saved.status).toBe(303);
    const fresh = await visit(path);
    expect(fresh.html).toContain('https://coop57.coop');
    expect((await visit('/ca/organisations?q=coop57')).html).toContain('Coop57 SCCL');
  });
});
