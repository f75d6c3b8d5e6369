/**
 * Choosing one's organisation on the join and proposal forms when the directory is large: the
 * person types its name or short name instead of scrolling a list of thousands; one entity
 * found is chosen, several are listed to pick from (what was typed kept), none is said so, and
 * nothing is written until the choice is clear.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { addDays } from './dates.js';
import { spaceToday } from './groups.js';
import { ORGANISATIONS_LISTED } from './store.js';
import { countRows, pageText, person, proposalForm } from './test-support.js';

let app: TestApp;
const ids: Record<string, number> = {};
const today = spaceToday();

async function organisation(name: string, shortName: string, level: 1 | 2 | 3 | 4): Promise<number> {
  const row = await app.services.database.db.insertInto('organisations').values({ name, short_name: shortName, kind: 'entity', level }).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

const optionCount = (html: string) => (html.match(/<option/g) ?? []).length;

beforeAll(async () => {
  app = await createTestApp();
  const db = app.services.database.db;
  // More entities than a form lists: the person types the name.
  await db
    .insertInto('organisations')
    .values(Array.from({ length: ORGANISATIONS_LISTED + 20 }, (_, i) => ({ name: `Entitat de prova ${String(i).padStart(3, '0')}`, short_name: `EP${i}`, kind: 'entity' as const, level: 1 })))
    .execute();
  ids.alfa = await organisation('Cooperativa Alfa', 'ALFA', 1);
  ids.alfaBeta = await organisation('Cooperativa Alfa Beta', 'ALFABETA', 2);
  ids.agora = await organisation('Àgora Cooperativa de Treball', 'AGORA', 1);
  ids.platform = await organisation('Plataforma Gran', 'PLATGRAN', 4);
  await db
    .insertInto('bodies')
    .values({ slug: 'obert', kind: 'working_group', parent_id: 1, name: JSON.stringify({ ca: 'Grup obert' }), state: 'active', starts_on: addDays(today, -10), sunset_on: addDays(today, 200), open: true, allowed_levels: [1, 2, 3], report_interval_days: 90 })
    .execute();
});
afterAll(() => app?.close());

async function requestOf(personId: number) {
  return app.services.database.db.selectFrom('join_requests').selectAll().where('person_id', '=', personId).executeTakeFirst();
}

describe('the join form with a large directory', () => {
  it('asks for the organisation by name instead of listing every one', async () => {
    const someone = await person(app);
    const page = await pageText(await someone.browser.get('/ca/bodies/obert/join'));
    expect(page).toContain('name="organisation_name"');
    expect(page).toContain('Escriu-ne el nom o les sigles');
    expect(page).not.toContain('name="organisation_id"');
    expect(optionCount(page)).toBe(0);
  });

  it('takes the one entity a name finds, accents and case aside', async () => {
    const someone = await person(app);
    const response = await someone.browser.post('/ca/bodies/obert/join', { as: 'organisation', organisation_name: 'agora cooperativa', statement: '' });
    expect(response.status).toBe(303);
    expect(await requestOf(someone.user.id)).toMatchObject({ organisation_id: ids.agora, state: 'pending' });
  });

  it('takes the entity whose short name is exactly what was typed, though others contain it', async () => {
    const someone = await person(app);
    const response = await someone.browser.post('/ca/bodies/obert/join', { as: 'organisation', organisation_name: 'alfa', statement: '' });
    expect(response.status).toBe(303);
    expect(await requestOf(someone.user.id)).toMatchObject({ organisation_id: ids.alfa });
  });

  it('lists the entities a name matches to pick from, keeping what was typed, and writes nothing until one is picked', async () => {
    const someone = await person(app);
    const before = await countRows(app, 'join_requests');
    const response = await someone.browser.post('/ca/bodies/obert/join', { as: 'organisation', organisation_name: 'cooperativa alf', statement: 'Hi aporto comunicació' });
    expect(response.status).toBe(422);
    const page = await pageText(response);
    expect(page).toContain("Hi ha més d'una entitat que coincideix amb «cooperativa alf»: tria la teva a la llista.");
    expect(page).toContain('href="#field-organisation_name"');
    expect(page).toContain('value="cooperativa alf"');
    expect(page).toContain('Hi aporto comunicació');
    expect(page).toContain('Entitats que coincideixen amb «cooperativa alf»');
    expect(page).toContain(`<option value="${ids.alfaBeta}">Cooperativa Alfa Beta (nivell 2)</option>`);
    expect(optionCount(page)).toBe(3); // the empty choice and the two matches
    expect(await countRows(app, 'join_requests')).toBe(before);

    const picked = await someone.browser.post('/ca/bodies/obert/join', { as: 'organisation', organisation_name: 'cooperativa alf', organisation_id: String(ids.alfaBeta), statement: 'Hi aporto comunicació' });
    expect(picked.status).toBe(303);
    expect(await requestOf(someone.user.id)).toMatchObject({ organisation_id: ids.alfaBeta });
  });

  it('says when no entity of the levels the group admits matches, and writes nothing', async () => {
    const someone = await person(app);
    const response = await someone.browser.post('/ca/bodies/obert/join', { as: 'organisation', organisation_name: 'Plataforma Gran', statement: '' });
    expect(response.status).toBe(422);
    expect(await pageText(response)).toContain('Cap entitat dels nivells que admet el grup no coincideix amb «Plataforma Gran».');
    expect(await requestOf(someone.user.id)).toBeUndefined();

    const nothing = await someone.browser.post('/ca/bodies/obert/join', { as: 'organisation', organisation_name: '', statement: '' });
    expect(nothing.status).toBe(422);
    const page = await pageText(nothing);
    expect(page).toContain('Tria la teva entitat.');
    expect(page).toContain('href="#field-organisation_name"');
  });
});

describe('the proposal form with a large directory', () => {
  it('does not propose the group as an individual when the name typed chose nothing, and says every mistake at once', async () => {
    const proposer = await person(app);
    const before = await countRows(app, 'bodies');
    const response = await proposer.browser.post('/ca/working-groups/new', proposalForm('Grup amb entitat', { organisation_id: '', organisation_name: 'cap entitat així', purpose_ca: '' }));
    expect(response.status).toBe(422);
    const page = await pageText(response);
    expect(page).toContain('Cap entitat del directori no coincideix amb «cap entitat així».');
    expect(page).toContain('Escriu la finalitat del grup en català.');
    expect(page).toContain('value="Grup amb entitat"');
    expect(await countRows(app, 'bodies')).toBe(before);
  });

  it('proposes it for the entity the name finds', async () => {
    const proposer = await person(app);
    const response = await proposer.browser.post('/ca/working-groups/new', proposalForm('Grup de l’Àgora', { organisation_id: '', organisation_name: 'AGORA' }));
    expect(response.status).toBe(303);
    const group = await app.services.database.db.selectFrom('bodies').select('id').where('proposed_by', '=', proposer.user.id).executeTakeFirstOrThrow();
    const proposal = await app.services.database.db.selectFrom('working_group_proposals').selectAll().where('body_id', '=', group.id).executeTakeFirstOrThrow();
    expect(Number(proposal.organisation_id)).toBe(ids.agora);
  });
});
