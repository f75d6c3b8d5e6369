/**
 * Choosing an organisation's federations on its form when the directory has too many to list:
 * the chosen ones stay ticked, another is added by typing its name or short name (accents and
 * capitals aside); one found is added, several are listed to tick with the rest of the form
 * kept, none is said so, and nothing is written until the form is whole. With few, the boxes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent, TestApp } from '../../../test/support/app.js';
import { createTestApp } from '../../../test/support/app.js';
import { browserFor, createPersona } from '../../../test/support/personas.js';
import { PARENTS_LISTED } from './listings.js';
import { seedDirectoryDemo } from './seed.js';
import { findOrganisation, findOrganisationIdsByShortName, insertMissingOrganisationLinks } from './store.js';

let app: TestApp;
let browser: Agent;
const id: Record<string, number> = {};

/** The page's text with the entities hono/jsx writes for quotes and ampersands turned back. */
async function pageText(response: Response): Promise<string> {
  return (await response.text()).replaceAll('&#39;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&');
}

const count = (html: string, text: string) => html.split(text).length - 1;

/** A new level-1 organisation's form, with `fields` over it. */
function newForm(fields: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return { name: 'Cooperativa Nova', short_name: 'CNova', kind: 'entity', level: '1', families: 'cooperative', 'description.ca': 'El que he escrit', ...fields };
}

async function idOf(shortName: string): Promise<number | undefined> {
  return (await findOrganisationIdsByShortName(app.services.database.db, [shortName])).get(shortName);
}

async function parentsOf(organisation: number): Promise<number[]> {
  return (await findOrganisation(app.services.database.db, organisation))?.member_of ?? [];
}

const sorted = (ids: Array<number | undefined>) => ids.map(Number).sort((a, b) => a - b);

beforeAll(async () => {
  app = await createTestApp();
  await seedDirectoryDemo(app.services, { password: '', accounts: [], ids: new Map() });
  const found = await findOrganisationIdsByShortName(app.services.database.db, ['XES', 'FCTC', 'FCHC', 'FCCUC', 'CCC', 'Coòpolis', 'Celobert', 'Coop57']);
  for (const [shortName, value] of found) id[shortName] = value;
  browser = await browserFor(app, await createPersona(app, 'official'));
});
afterAll(() => app?.close());

describe('with few possible federations', () => {
  it('lists them all as boxes to tick, and asks for no name', async () => {
    const html = await pageText(await browser.get('/ca/organisations/new'));
    expect(html).toContain(`name="member_of" type="checkbox" value="${id.XES}"`);
    expect(html).toContain(`value="${id.CCC}"`);
    expect(html).not.toContain('name="parent_name"');
  });
});

describe('with more possible federations than a form lists', () => {
  beforeAll(async () => {
    // More level-2 entities than the form lists, in one statement; and two whose names need escaping.
    await app.services.database.db
      .insertInto('organisations')
      .values([
        ...Array.from({ length: PARENTS_LISTED + 10 }, (_, i) => ({ name: `Xarxa de prova ${String(i).padStart(3, '0')}`, short_name: `XP${String(i).padStart(3, '0')}`, kind: 'entity' as const, level: 2 as const })),
        { name: 'Xarxa <b>Forta</b> & Co', short_name: 'XF<1>', kind: 'entity' as const, level: 2 as const },
        { name: 'Xarxa Fortalesa', short_name: 'XFORT', kind: 'entity' as const, level: 2 as const },
        { name: 'Xarxa Fortalesa del Sud', short_name: 'XFSUD', kind: 'entity' as const, level: 2 as const },
      ])
      .execute();
  });

  it('asks for a federation’s name instead of listing them all', async () => {
    const response = await browser.get('/ca/organisations/new');
    expect(response.status).toBe(200);
    const html = await pageText(response);
    expect(html).toContain('name="parent_name"');
    expect(html).toContain(`N'hi ha més de ${PARENTS_LISTED}, massa per llistar-les`);
    expect(html).not.toContain('name="member_of"');
    expect(html).not.toContain('Xarxa de prova');
  });

  it('adds the one federation a name finds, accents and capitals aside, and saves a form that is whole', async () => {
    const response = await browser.post('/ca/organisations/new', newForm({ short_name: 'CNova1', name: 'Cooperativa Nova 1', parent_name: '  ECONOMIA solidaria ' }));
    expect(response.status).toBe(303);
    expect(await parentsOf((await idOf('CNova1'))!)).toEqual([id.XES]);
  });

  it('takes the federation whose name is exactly what was typed, though others contain it', async () => {
    const response = await browser.post('/ca/organisations/new', newForm({ short_name: 'CNova2', name: 'Cooperativa Nova 2', parent_name: 'xarxa FORTALESA' }));
    expect(response.status).toBe(303);
    expect(await parentsOf((await idOf('CNova2'))!)).toEqual([await idOf('XFORT')]);
  });

  it('shows the federation a name found ticked when another field is wrong, and writes nothing', async () => {
    const response = await browser.post('/ca/organisations/new', newForm({ short_name: '', parent_name: 'fctc' }));
    expect(response.status).toBe(422);
    const html = await pageText(response);
    expect(html).toContain('Escriu el nom curt. Si no en té, repeteix el nom.');
    expect(html).toContain(`name="member_of" type="checkbox" value="${id.FCTC}" checked=""`);
    expect(html).toContain('FCTC — Federació de Cooperatives de Treball de Catalunya');
    expect(html).toContain('Afegeix-ne una altra');
    expect(html).toContain('name="parent_name"');
    expect(html).not.toMatch(/name="parent_name" type="text" value="[^"]/);
    expect(html).toContain('value="Cooperativa Nova"');
    expect(await idOf('CNova')).toBeUndefined();
  });

  it('lists the federations a name matches to tick, keeping what was typed, and writes nothing until one is ticked', async () => {
    const response = await browser.post('/ca/organisations/new', newForm({ parent_name: 'federacio de cooperatives', member_of: String(id.XES), website: 'https://nova.example.org' }));
    expect(response.status).toBe(422);
    const html = await pageText(response);
    expect(html).toContain("Hi ha més d'una organització que coincideix amb «federacio de cooperatives»: marca a la llista les que vulguis afegir.");
    expect(html).toContain('href="#field-parent_name"');
    expect(html).toContain('Organitzacions que coincideixen amb «federacio de cooperatives»');
    // The three federations of cooperatives, and the Confederació de Cooperatives, which contains the words.
    expect(count(html, 'name="parent_pick"')).toBe(4);
    for (const federation of ['FCTC', 'FCHC', 'FCCUC', 'CCC']) expect(html).toContain(`name="parent_pick" type="checkbox" value="${id[federation]}"`);
    // What was typed and chosen stays.
    expect(html).toContain('value="federacio de cooperatives"');
    expect(html).toContain(`name="member_of" type="checkbox" value="${id.XES}" checked=""`);
    expect(html).toContain('value="Cooperativa Nova"');
    expect(html).toContain('value="https://nova.example.org"');
    expect(html).toContain('El que he escrit</textarea>');
    expect(html).toMatch(/value="cooperative" checked=""/);
    expect(await idOf('CNova')).toBeUndefined();

    const picked = await browser.post('/ca/organisations/new', newForm({ parent_name: 'federacio de cooperatives', member_of: String(id.XES), parent_pick: [String(id.FCTC), String(id.FCHC)] }));
    expect(picked.status).toBe(303);
    expect(await parentsOf((await idOf('CNova'))!)).toEqual(sorted([id.XES, id.FCTC, id.FCHC]));
  });

  it('says when no federation matches (an organisation of level 1 is none), with the other mistakes, and writes nothing', async () => {
    const response = await browser.post('/ca/organisations/new', newForm({ short_name: 'CNova3', website: 'ftp://nova', parent_name: 'coopolis' }));
    expect(response.status).toBe(422);
    const html = await pageText(response);
    expect(html).toContain('Cap federació, confederació o plataforma del directori no coincideix amb «coopolis». Revisa el nom o les sigles');
    expect(html).toContain("Escriu l'adreça completa del web, com https://exemple.cat");
    // The summary lists them in the page's order.
    expect(html.indexOf('href="#field-parent_name"')).toBeLessThan(html.indexOf('href="#field-website"'));
    expect(html).toContain('value="coopolis"');
    expect(html).not.toContain('name="parent_pick"');
    expect(await idOf('CNova3')).toBeUndefined();

    const english = await browser.post('/en/organisations/new', newForm({ short_name: 'CNova3', parent_name: 'nothing like it' }));
    expect(english.status).toBe(422);
    expect(await pageText(english)).toContain('No federation, confederation or platform in the directory matches “nothing like it”.');
    expect(await idOf('CNova3')).toBeUndefined();
  });

  it('keeps the link rules: a federation of the same level found by name is refused, naming both', async () => {
    const response = await browser.post('/ca/organisations/new', newForm({ short_name: 'FNova', name: 'Federació Nova', level: '2', parent_name: 'XES' }));
    expect(response.status).toBe(422);
    const html = await pageText(response);
    expect(html).toContain("Federació Nova (nivell 2) no pot ser membre de Xarxa d'Economia Solidària de Catalunya (nivell 2)");
    expect(html).toContain(`name="member_of" type="checkbox" value="${id.XES}" checked=""`);
    expect(html).toContain('href="#field-member_of"');
    expect(await idOf('FNova')).toBeUndefined();
  });

  it('escapes the names it lists and what was typed', async () => {
    const response = await browser.post('/ca/organisations/new', newForm({ parent_name: 'forta' }));
    expect(response.status).toBe(422);
    const raw = await response.text();
    expect(raw).toContain('XF&lt;1&gt; — Xarxa &lt;b&gt;Forta&lt;/b&gt; &amp; Co');
    expect(raw).not.toContain('<b>Forta</b>');

    const typed = await (await browser.post('/ca/organisations/new', newForm({ parent_name: '<i>cap</i>' }))).text();
    expect(typed).toContain('«&lt;i&gt;cap&lt;/i&gt;»');
    expect(typed).not.toContain('<i>cap</i>');
  });

  it('keeps an organisation’s parents on its edit form, ticked, the one a name finds added and an unticked one removed', async () => {
    const path = `/ca/organisations/${id.Celobert}/edit`;
    // A link from before the rules, to a level-1 organisation: shown and kept like the others.
    await insertMissingOrganisationLinks(app.services.database.db, [{ child_id: id.Celobert!, parent_id: id['Coòpolis']! }]);
    const form = await pageText(await browser.get(path));
    for (const parent of ['FCTC', 'XES', 'Coòpolis']) expect(form).toContain(`name="member_of" type="checkbox" value="${id[parent]}" checked=""`);
    expect(form).toContain('name="parent_name"');
    expect(form).not.toContain('Xarxa de prova');

    const stored = (await findOrganisation(app.services.database.db, id.Celobert!))!;
    const fields = { name: stored.name, short_name: stored.short_name, kind: 'entity', level: '1', families: stored.families };
    // Saved as they are, the rules refuse the old link (and say so), keeping them all ticked.
    const refused = await browser.post(path, { ...fields, member_of: stored.member_of.map(String), website: 'https://celobert.example.org' });
    expect(refused.status).toBe(422);
    const refusedHtml = await pageText(refused);
    expect(refusedHtml).toContain('Celobert SCCL (nivell 1) no pot ser membre de Coòpolis – Ateneu Cooperatiu de Barcelona (nivell 1)');
    for (const parent of ['FCTC', 'XES', 'Coòpolis']) expect(refusedHtml).toContain(`name="member_of" type="checkbox" value="${id[parent]}" checked=""`);

    // Unticked, it is removed; the others stay.
    const kept = await browser.post(path, { ...fields, member_of: [String(id.FCTC), String(id.XES)], website: 'https://celobert.example.org' });
    expect(kept.status).toBe(303);
    expect(await parentsOf(id.Celobert!)).toEqual(sorted([id.FCTC, id.XES]));

    const added = await browser.post(path, { ...fields, member_of: [String(id.FCTC), String(id.XES)], parent_name: 'XP007' });
    expect(added.status).toBe(303);
    expect(await parentsOf(id.Celobert!)).toEqual(sorted([id.FCTC, id.XES, await idOf('XP007')]));
  });

  it('refuses a name that finds nothing on the edit form, keeping the parents and changing nothing', async () => {
    const before = await findOrganisation(app.services.database.db, id.Coop57!);
    const response = await browser.post(`/ca/organisations/${id.Coop57}/edit`, {
      name: 'Coop57 canviada',
      short_name: 'Coop57',
      kind: 'entity',
      level: '1',
      member_of: String(id.XES),
      parent_name: 'cap així',
    });
    expect(response.status).toBe(422);
    const html = await pageText(response);
    expect(html).toContain('<h1>Edita Coop57 SCCL</h1>');
    expect(html).toContain('«cap així»');
    expect(html).toContain(`name="member_of" type="checkbox" value="${id.XES}" checked=""`);
    expect(html).toContain('value="Coop57 canviada"');
    expect(await findOrganisation(app.services.database.db, id.Coop57!)).toEqual(before);
  });
});
