/**
 * The mandates page, the candidate search, the mandate form, a person's profile and their API
 * read cost the same number of queries whatever the number of mandates they show.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../../test/support/app.js';
import { browserFor } from '../../../test/support/personas.js';
import { countQueries } from '../../db/connect.js';
import { makeOrganisation, makeWorkingGroup, seat } from './mandates.fixtures.js';

let app: TestApp;
let admin: Agent;

beforeAll(async () => {
  // Counts what rendering a page costs: kept copies (for visitors and, now, for a signed-in
  // session) would answer the second request with the session lookup alone.
  app = await createTestApp({ TEIXIT_RENDER_CACHE: 'off' });
  const user = await app.createUser({ name: 'Admin Comptes', roles: ['admin'] });
  admin = await browserFor(app, { name: 'admin', user, token: null });
});
afterAll(async () => {
  await app?.close();
});

/** The statements one GET sends, after a first request that keeps the session fresh. */
async function queriesFor(agent: Agent | null, path: string): Promise<number> {
  const get = async () => (agent ? agent.get(path) : app.built.app.request(path, { headers: { accept: 'application/json' } }));
  await get();
  const { result, queries } = await countQueries(app.services.database, get);
  expect(result.status, path).toBe(200);
  return queries;
}

/** A body with `count` current and `count` ended mandates, entity delegates and individuals. */
async function fill(bodyId: number, count: number, personId?: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    const organisation = await makeOrganisation(app, { level: 1 });
    const person = personId ?? (await app.createUser({ name: `Persona ${bodyId}-${i}` })).id;
    await seat(app, { body_id: bodyId, person_id: person, organisation_id: organisation.id, starts_on: `20${10 + i}-01-01`, ends_on: `20${10 + i}-06-01` });
    if (personId === undefined) await seat(app, { body_id: bodyId, person_id: (await app.createUser({ name: `Actual ${bodyId}-${i}` })).id, college: i % 2 ? 'expert' : 'trajectory', starts_on: '2024-01-01' });
  }
}

describe('query counts', () => {
  it("the mandates page costs the same for 1 mandate as for 30", async () => {
    const small = await makeWorkingGroup(app);
    await fill(small.id, 1);
    const large = await makeWorkingGroup(app);
    await fill(large.id, 15);
    expect(await queriesFor(admin, `/ca/bodies/${large.slug}/mandates`)).toBe(await queriesFor(admin, `/ca/bodies/${small.slug}/mandates`));
  });

  it('the candidate search and the mandate form cost the same for few matches as for many', async () => {
    for (let i = 0; i < 25; i += 1) await app.createUser({ name: `Candidata Molts ${i}` });
    await app.createUser({ name: 'Candidata Única' });
    const few = await queriesFor(admin, '/ca/bodies/ambit-participat/mandates/new?q=candidata%20unica');
    expect(await queriesFor(admin, '/ca/bodies/ambit-participat/mandates/new?q=candidata%20molts')).toBe(few);
    const person = await app.createUser({ name: 'Formulari Comptat' });
    const before = await queriesFor(admin, `/ca/bodies/ambit-participat/mandates/new?person_id=${person.id}`);
    for (let i = 0; i < 10; i += 1) await makeOrganisation(app);
    expect(await queriesFor(admin, `/ca/bodies/ambit-participat/mandates/new?person_id=${person.id}`)).toBe(before);
  });

  it("the secretariat's My space, with the bodies to watch, costs the same for 2 groups with warnings as for 20", async () => {
    const secretary = await app.createUser({ name: 'Secretària Comptes' });
    await seat(app, { body_id: 2, person_id: secretary.id, role: 'secretary' });
    const browser = await browserFor(app, { name: 'participant', user: secretary, token: null });
    for (let i = 0; i < 2; i += 1) await fill((await makeWorkingGroup(app, { allowed_colleges: ['council'] })).id, 1);
    const few = await queriesFor(browser, '/ca/me');
    for (let i = 0; i < 18; i += 1) await fill((await makeWorkingGroup(app, { allowed_colleges: ['council'] })).id, 1);
    expect(await queriesFor(browser, '/ca/me')).toBe(few);
    expect((await (await browser.get('/ca/me')).text()).match(/\/mandates"/g)?.length).toBeGreaterThanOrEqual(20);
  });

  it("a person's profile, page and API, costs the same for 1 mandate as for 12", async () => {
    const one = await app.createUser({ name: 'Un Mandat' });
    const group = await makeWorkingGroup(app);
    await fill(group.id, 1, one.id);
    const many = await app.createUser({ name: 'Molts Mandats' });
    for (let i = 0; i < 4; i += 1) await fill((await makeWorkingGroup(app)).id, 3, many.id);
    // Signed in, so the render cache (visitors only) does not answer in its place.
    const fewQueries = await queriesFor(admin, `/ca/people/${one.id}`);
    expect(fewQueries).toBeGreaterThan(1);
    expect(await queriesFor(admin, `/ca/people/${many.id}`)).toBe(fewQueries);
    expect(await queriesFor(null, `/api/v1/people/${many.id}`)).toBe(await queriesFor(null, `/api/v1/people/${one.id}`));
  });
});
