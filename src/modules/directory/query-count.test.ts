/**
 * The directory and an organisation's page run the same number of queries with 5 organisations
 * as with 60 (members, federations, mandates): nothing is loaded per row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countQueries } from '../../db/connect.js';
import { createTestApp, type Agent, type TestApp } from '../../../test/support/app.js';
import { browserFor, createPersona } from '../../../test/support/personas.js';
import { insertMissingOrganisationLinks, insertMissingOrganisations } from './store.js';

let app: TestApp;
let signedIn: Agent;

beforeAll(async () => {
  app = await createTestApp({ TEIXIT_RENDER_CACHE: 'off' });
  signedIn = await browserFor(app, await createPersona(app, 'official'));
});
afterAll(() => app?.close());

/** The statements one GET sends, after a first request that keeps the session fresh. */
async function queriesFor(agent: Agent, path: string): Promise<number> {
  await agent.get(path);
  const { result, queries } = await countQueries(app.services.database, () => agent.get(path));
  expect(result.status, path).toBe(200);
  return queries;
}

/**
 * A federation with `count` member organisations (each also in a second federation, with two
 * families) and `count` people holding a mandate on its behalf. Returns the federation's id.
 */
async function federationWith(count: number, prefix: string): Promise<number> {
  const db = app.services.database.db;
  const entity = (short_name: string, level: 1 | 2) => ({ name: `${prefix} ${short_name}`, short_name: `${prefix}-${short_name}`, kind: 'entity' as const, level, families: ['cooperative', 'network'], representative_since: '2022-03-10' });
  const ids = await insertMissingOrganisations(db, [entity('F', 2), entity('G', 2), ...Array.from({ length: count }, (_, i) => entity(`M${i}`, 1))]);
  const federation = ids.get(`${prefix}-F`)!;
  const second = ids.get(`${prefix}-G`)!;
  const members = [...ids.entries()].filter(([name]) => name.includes('-M')).map(([, value]) => value);
  await insertMissingOrganisationLinks(db, members.flatMap((child_id) => [{ child_id, parent_id: federation }, { child_id, parent_id: second }]));
  for (let i = 0; i < count; i += 1) {
    const person = await app.createUser({ name: `${prefix} persona ${i}` });
    await db.insertInto('mandates').values({ body_id: 1 + (i % 2), person_id: person.id, organisation_id: federation, college: 'entity', role: 'member', starts_on: '2024-01-01' }).execute();
  }
  return federation;
}

describe('query counts', () => {
  it('the directory costs the same for 5 organisations as for a full page of 25 out of 60', async () => {
    await federationWith(3, 'Poques');
    const visitor = app.agent();
    const few = await queriesFor(visitor, '/ca/organisations?q=poques');
    const fewSignedIn = await queriesFor(signedIn, '/ca/organisations?q=poques');
    await federationWith(58, 'Moltes');
    expect(await queriesFor(visitor, '/ca/organisations?q=moltes')).toBe(few);
    expect(await queriesFor(visitor, '/ca/organisations?q=moltes&page=2&family=cooperative')).toBe(few);
    expect(await queriesFor(signedIn, '/ca/organisations?q=moltes')).toBe(fewSignedIn);
  });

  it("an organisation's page costs the same with 3 members and mandates as with 60", async () => {
    const small = await federationWith(3, 'Petita');
    const large = await federationWith(60, 'Gran');
    const visitor = app.agent();
    expect(await queriesFor(visitor, `/ca/organisations/${large}`)).toBe(await queriesFor(visitor, `/ca/organisations/${small}`));
    expect(await queriesFor(signedIn, `/ca/organisations/${large}`)).toBe(await queriesFor(signedIn, `/ca/organisations/${small}`));
  });

  it('the API list costs the same for 5 organisations as for 60', async () => {
    const request = async (path: string) => {
      const { result, queries } = await countQueries(app.services.database, () => Promise.resolve(app.built.app.request(path)));
      expect(result.status).toBe(200);
      return queries;
    };
    expect(await request('/api/v1/organisations?q=gran&limit=100')).toBe(await request('/api/v1/organisations?q=petita&limit=100'));
  });
});
