/**
 * The meeting page runs the same number of queries whatever the size of its agenda and however
 * many records its items link to: nothing is read per item (sections included).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countQueries } from '../../db/connect.js';
import { createTestApp, type Agent, type TestApp } from '../../../test/support/app.js';
import { insertMandate, insertOrganisation } from '../bodies/bodies-test-support.js';
import { insertAgendaItem, insertMeeting } from './test-support.js';

let app: TestApp;
let secretary: Agent;
const db = () => app.services.database.db;

beforeAll(async () => {
  // Counted as rendered, never as served from the visitors' cache.
  app = await createTestApp({ TEIXIT_RENDER_CACHE: 'off' });
  const user = await app.createUser();
  await insertMandate(db(), { body_id: 1, person_id: user.id, role: 'secretary' });
  secretary = app.agent();
  await secretary.signIn(user);
});
afterAll(() => app?.close());

async function queriesFor(agent: Agent, path: string): Promise<number> {
  await agent.get(path);
  const { result, queries } = await countQueries(app.services.database, () => agent.get(path));
  expect(result.status, path).toBe(200);
  return queries;
}

/** A meeting with `count` items, each linked to an organisation, a body and (every other one) a second organisation. */
async function meetingWith(count: number): Promise<number> {
  const id = await insertMeeting(db(), { state: 'convened' });
  for (let i = 0; i < count; i += 1) {
    const item = await insertAgendaItem(db(), id, { title: `Punt número ${i + 1}` });
    await db().updateTable('agenda_items').set({ duration_minutes: 10, presenter: `Persona ${i}` }).where('id', '=', item).execute();
    const organisation = await insertOrganisation(db());
    const links = [
      { agenda_item_id: item, target_type: 'organisation', target_id: organisation.id, position: 0 },
      { agenda_item_id: item, target_type: 'body', target_id: 2, position: 1 },
    ];
    await db().insertInto('agenda_item_links').values(links).execute();
  }
  return id;
}

describe('query counts', () => {
  it('the meeting page costs the same with 2 agenda items as with 40, for a visitor and for its secretary', async () => {
    const small = await meetingWith(2);
    const large = await meetingWith(40);
    const visitor = app.agent();
    const visitorSmall = await queriesFor(visitor, `/ca/meetings/${small}`);
    expect(await queriesFor(visitor, `/ca/meetings/${large}`)).toBe(visitorSmall);
    const secretarySmall = await queriesFor(secretary, `/ca/meetings/${small}`);
    expect(await queriesFor(secretary, `/ca/meetings/${large}`)).toBe(secretarySmall);
    const html = await (await visitor.get(`/ca/meetings/${large}`)).text();
    expect(html).toContain('Punt número 40');
    expect(html).toContain('durada prevista: 6 h 40 min');
  });

  it('the lists cost the same with 3 meetings as with 25', async () => {
    const visitor = app.agent();
    const before = await queriesFor(visitor, '/ca/meetings');
    const beforeBody = await queriesFor(visitor, '/ca/bodies/ambit-participat/meetings');
    for (let i = 0; i < 22; i += 1) await insertMeeting(db(), { starts_at: new Date(Date.now() + (i - 10) * 24 * 3600_000) });
    expect(await queriesFor(visitor, '/ca/meetings')).toBe(before);
    expect(await queriesFor(visitor, '/ca/bodies/ambit-participat/meetings')).toBe(beforeBody);
  });
});
