/**
 * The bodies' pages and API run the same number of queries whatever the number of members,
 * mandates, decisions or bodies: nothing is read per row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countQueries } from '../../db/connect.js';
import { createTestApp, type Agent, type TestApp } from '../../../test/support/app.js';
import { insertDecision, insertGroup, insertMandate, insertOrganisation, insertPerson } from './bodies-test-support.js';

let app: TestApp;
let admin: Agent;

beforeAll(async () => {
  // Counted as rendered, never as served from the visitors' cache.
  app = await createTestApp({ TEIXIT_RENDER_CACHE: 'off' });
  const user = await app.createUser({ roles: ['admin'] });
  admin = app.agent();
  await admin.signIn(user);
});
afterAll(async () => {
  await app?.close();
});

const db = () => app.services.database.db;

/** The statements one GET sends (a first request keeps the session's "last seen" write out). */
async function queriesFor(agent: Agent, path: string): Promise<number> {
  await agent.get(path);
  const { result, queries } = await countQueries(app.services.database, () => agent.get(path));
  expect(result.status, path).toBe(200);
  return queries;
}

async function queriesForApi(path: string): Promise<number> {
  const { result, queries } = await countQueries(app.services.database, () => Promise.resolve(app.built.app.request(`/api/v1${path}`)));
  expect(result.status, path).toBe(200);
  return queries;
}

/** `count` members, half for organisations, with past mandates and decisions to match. */
async function populate(bodyId: number, count: number, tag: string): Promise<void> {
  const organisations = [];
  for (let i = 0; i < Math.max(1, Math.floor(count / 4)); i += 1) organisations.push(await insertOrganisation(db(), { short_name: `${tag}-ORG${i}` }));
  for (let i = 0; i < count; i += 1) {
    const person = await insertPerson(db(), `${tag} Persona ${i}`, i % 2 === 0 ? 'woman' : 'man');
    const organisation = i % 2 === 0 ? organisations[i % organisations.length] : undefined;
    await insertMandate(db(), { body_id: bodyId, person_id: person, organisation_id: organisation?.id ?? null, college: organisation ? 'entity' : 'trajectory', role: i === 0 ? 'coordinator' : 'member' });
    await insertMandate(db(), { body_id: bodyId, person_id: person, starts_on: '2020-01-01', ends_on: '2021-01-01' });
    await insertDecision(db(), { body_id: bodyId, action: 'extended', reason: `Motiu ${i}`, decided_by: person });
  }
}

describe('query counts', () => {
  it("a working group's page costs the same with 3 members as with 80, for a visitor and for an administrator", async () => {
    const small = await insertGroup(db(), { open: true });
    const large = await insertGroup(db(), { open: true });
    await populate(small.id, 3, 'Petit');
    await populate(large.id, 80, 'Gran');
    const visitor = app.agent();
    const visitorSmall = await queriesFor(visitor, `/ca/bodies/${small.slug}`);
    expect(await queriesFor(visitor, `/ca/bodies/${large.slug}`)).toBe(visitorSmall);
    const adminSmall = await queriesFor(admin, `/ca/bodies/${small.slug}`);
    expect(await queriesFor(admin, `/ca/bodies/${large.slug}`)).toBe(adminSmall);
    // And the large page really shows them all.
    const html = await (await visitor.get(`/ca/bodies/${large.slug}`)).text();
    expect(html).toContain('Gran Persona 79');
  });

  it("the plenary's page costs the same with 2 working groups as with 30", async () => {
    const visitor = app.agent();
    await insertGroup(db());
    await insertGroup(db(), { state: 'proposed' });
    const few = await queriesFor(visitor, '/ca/bodies/ambit-participat');
    for (let i = 0; i < 28; i += 1) await insertGroup(db(), { state: i % 3 === 0 ? 'closed' : 'active' });
    expect(await queriesFor(visitor, '/ca/bodies/ambit-participat')).toBe(few);
  });

  it('the tree costs one query for its bodies, whatever their number', async () => {
    const visitor = app.agent();
    const before = await queriesFor(visitor, '/ca/bodies');
    for (let i = 0; i < 10; i += 1) await insertGroup(db(), { state: 'declined' });
    expect(await queriesFor(visitor, '/ca/bodies')).toBe(before);
    // A visitor's page needs no session: the bodies, and nothing else.
    expect(before).toBe(1);
  });

  it('an API page of bodies costs the same for 3 bodies as for 100', async () => {
    const three = await queriesForApi('/bodies?limit=3');
    expect(await queriesForApi('/bodies?limit=100')).toBe(three);
    expect(await queriesForApi('/bodies/ambit-participat')).toBeLessThanOrEqual(three);
  });
});
