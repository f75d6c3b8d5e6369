/**
 * The render cache for signed-in people (src/kernel/http/render-cache.ts, `signedInCacheTags`):
 * a page a person opened again is answered from memory while nothing it shows has changed — and
 * never when the session has ended, the person lost the right to see it, their own account
 * changed, a message waits for them, or something the page shows changed, here or in another
 * process. And one person's copy never reaches anybody else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../src/app.js';
import { EventBus } from '../src/kernel/events.js';
import type { RequestScope, Services } from '../src/kernel/services.js';
import { addMandate, endMandate } from '../src/modules/bodies/mandates.js';
import { insertGroup } from '../src/modules/bodies/bodies-test-support.js';
import { askToJoinGroup } from '../src/modules/workgroups/join.js';
import { mySpaceTags, type MySpaceModule } from '../src/modules/account/my-space.js';
import { revokeSessionById } from '../src/modules/identity/store.js';
import { buildTeixit } from '../src/server.js';
import { spaceToday } from '../src/modules/bodies/index.js';
import { createTestApp, type Agent, type TestApp } from './support/app.js';
import { browserFor, createPersona, type Persona } from './support/personas.js';

const PLENARY = '/ca/bodies/ambit-participat';
const STEERING_ID = 2;

let app: TestApp;
let other: BuiltApp;
const stops: Array<() => void> = [];

beforeAll(async () => {
  app = await createTestApp();
  stops.push(app.built.renderCache.start());
  // A second process on the same database: its own bus and cache, nothing shared in memory.
  other = buildTeixit({ ...app.services, events: new EventBus() } satisfies Services);
  stops.push(other.renderCache.start());
});
afterAll(async () => {
  for (const stop of stops) stop();
  await app.close();
});

const scopeOf = (persona: Persona | null): RequestScope => ({
  services: app.services,
  actor: persona?.user ? { id: persona.user.id, name: persona.user.name, roles: persona.user.roles } : null,
  locale: 'ca',
  requestId: null,
  ip: null,
});

async function get(agent: Agent, path: string): Promise<{ status: number; hit: boolean; html: string }> {
  const response = await agent.get(path);
  return { status: response.status, hit: response.headers.get('x-render-cache') === 'hit', html: await response.text() };
}

async function named(name: string, role: 'participant' | 'admin' = 'participant'): Promise<{ persona: Persona; browser: Agent }> {
  const persona = await createPersona(app, role);
  await app.services.database.db.updateTable('users').set({ name }).where('id', '=', persona.user!.id).execute();
  persona.user = { ...persona.user!, name };
  return { persona, browser: await browserFor(app, persona) };
}

/** A seat in the steering group since 2020, straight in the database. */
async function seatInSteering(persona: Persona): Promise<{ id: number }> {
  return app.services.database.db
    .insertInto('mandates')
    .values({ body_id: STEERING_ID, person_id: persona.user!.id, college: 'trajectory', role: 'member', starts_on: '2020-01-01' })
    .returning('id')
    .executeTakeFirstOrThrow();
}

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];

describe('signed-in pages kept for their session', () => {
  it("answers a person's second visit from memory, the same page with their name and their sign-out form", async () => {
    const { browser } = await named('Rita Solé');
    const first = await get(browser, PLENARY);
    const second = await get(browser, PLENARY);
    expect(first.hit).toBe(false);
    expect(second.hit).toBe(true);
    expect(second.html).toBe(first.html);
    expect(second.html).toContain('Rita Solé');
  });

  it("never gives one person's copy to another, nor to a visitor", async () => {
    const rita = await named('Rita Primera');
    const pau = await named('Pau Segon');
    const ritas = (await get(rita.browser, PLENARY), await get(rita.browser, PLENARY));
    expect(ritas.hit).toBe(true);
    const paus = await get(pau.browser, PLENARY);
    expect(paus.hit).toBe(false);
    expect(paus.html).toContain('Pau Segon');
    expect(paus.html).not.toContain('Rita Primera');
    expect(csrfOf(paus.html)).toBeDefined();
    expect(csrfOf(paus.html)).not.toBe(csrfOf(ritas.html));
    const visitor = await get(app.agent(), PLENARY);
    expect(visitor.html).not.toContain('Rita Primera');
  });

  it('stops at once when the session ends', async () => {
    const { browser } = await named('Sessió Acabada');
    await get(browser, PLENARY);
    expect((await get(browser, PLENARY)).hit).toBe(true);
    const session = await app.services.database.db.selectFrom('sessions').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
    await revokeSessionById(app.services.database.db, session.id);
    const after = await get(browser, PLENARY);
    expect(after.hit).toBe(false);
    expect(after.html).not.toContain('Sessió Acabada');
  });

  it("renders again when the person's own account changed, even without an event", async () => {
    const { persona, browser } = await named('Nom Antic');
    await get(browser, PLENARY);
    await app.services.database.db.updateTable('users').set({ name: 'Nom Nou' }).where('id', '=', persona.user!.id).execute();
    const after = await get(browser, PLENARY);
    expect(after.hit).toBe(false);
    expect(after.html).toContain('Nom Nou');
  });

  it('shows a new member once a mandate is added, in this process at once and in another within a refresh', async () => {
    const reader = await named('Lectora Atenta');
    const admin = await createPersona(app, 'admin');
    const newcomer = await named('Membre Nouvingut');
    await get(reader.browser, PLENARY);
    const otherCopy = async () => {
      const response = await other.app.request(PLENARY, { headers: { cookie: `teixit_session=${reader.browser.cookies.get('teixit_session')}` } });
      return { hit: response.headers.get('x-render-cache') === 'hit', html: await response.text() };
    };
    await otherCopy();
    expect((await otherCopy()).hit).toBe(true);

    await addMandate(scopeOf(admin), {
      body_id: 1, person_id: newcomer.persona.user!.id, organisation_id: null, college: 'trajectory', role: 'member', starts_on: spaceToday(), ends_on: null,
    });
    const here = await get(reader.browser, PLENARY);
    expect(here.hit).toBe(false);
    expect(here.html).toContain('Membre Nouvingut');

    await other.renderCache.refresh();
    const there = await otherCopy();
    expect(there.hit).toBe(false);
    expect(there.html).toContain('Membre Nouvingut');
  });

  it('shows a message waiting for the person instead of the kept page, then keeps serving it', async () => {
    const { browser } = await named('Administradora Curosa', 'admin');
    await get(browser, '/ca/bodies/grup-motor');
    expect((await get(browser, '/ca/bodies/grup-motor')).hit).toBe(true);
    const form = await get(browser, '/ca/bodies/grup-motor/edit');
    expect(form.status).toBe(200);
    const fields: Record<string, string | string[]> = { _csrf: csrfOf(form.html)! };
    for (const match of form.html.matchAll(/<(?:input|textarea)[^>]*name="([^"]+)"[^>]*>/g)) {
      const tag = match[0];
      const name = match[1]!;
      if (name === '_csrf' || (/type="(checkbox|radio)"/.test(tag) && !/ checked/.test(tag))) continue;
      const value = /value="([^"]*)"/.exec(tag)?.[1] ?? '';
      const earlier = fields[name];
      fields[name] = earlier === undefined ? value : [...(Array.isArray(earlier) ? earlier : [earlier]), value];
    }
    for (const match of form.html.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g)) fields[match[1]!] = match[2]!;
    const saved = await browser.post('/ca/bodies/grup-motor/edit', fields);
    expect(saved.status).toBe(303);
    const withMessage = await get(browser, '/ca/bodies/grup-motor');
    expect(withMessage.hit).toBe(false);
    expect(withMessage.html).toMatch(/role="(status|alert)"/);
    const again = await get(browser, '/ca/bodies/grup-motor');
    expect(again.html).not.toMatch(/role="(status|alert)"[^>]*>[^<]*(Desat|Cap canvi)/);
  });
});

describe("the steering group's follow-up and My space, kept for the session", () => {
  it('shows a new join request to the steering group, and refuses the page once the seat has ended', async () => {
    const db = app.services.database.db;
    const steering = await named('Motor Seguiment');
    const seat = await seatInSteering(steering.persona);
    const group = await insertGroup(db, { name: { ca: 'Grup de la cua' }, open: true });
    const page = `/ca/follow-up?sort=name`;
    const before = (await get(steering.browser, page), await get(steering.browser, page));
    expect(before.hit).toBe(true);

    const applicant = await named('Persona Sol·licitant');
    await askToJoinGroup(scopeOf(applicant.persona), { body_id: group.id, as: 'individual', statement: 'Hi vull aportar la meva experiència.' });
    const after = await get(steering.browser, page);
    expect(after.hit).toBe(false);
    expect(after.html).not.toBe(before.html);

    const me = (await get(steering.browser, '/ca/me'), await get(steering.browser, '/ca/me'));
    expect(me.hit).toBe(true);

    const admin = await createPersona(app, 'admin');
    await endMandate(scopeOf(admin), { mandate_id: seat.id, ends_on: spaceToday(), end_reason: null });
    expect((await get(steering.browser, page)).status).toBe(403);
    const meAfter = await get(steering.browser, '/ca/me');
    expect(meAfter.hit).toBe(false);
    expect(meAfter.html).not.toContain('/ca/follow-up');
  });

  it('closes the follow-up when a seat runs out with the day, though no event says so', async () => {
    const db = app.services.database.db;
    const steering = await named('Motor Caducat');
    const seat = await seatInSteering(steering.persona);
    await get(steering.browser, '/ca/follow-up');
    expect((await get(steering.browser, '/ca/follow-up')).hit).toBe(true);
    // As if the mandate had been planned to end today: nothing is written when the day comes.
    await db.updateTable('mandates').set({ ends_on: spaceToday() }).where('id', '=', seat.id).execute();
    expect((await get(steering.browser, '/ca/follow-up')).status).toBe(403);
  });

  it('keeps My space only when every block names what it shows', () => {
    const block = async () => null;
    const tagged = { name: 'a', routes: [], mySpace: block, mySpaceTags: ['mandates'] } satisfies MySpaceModule;
    const untagged = { name: 'b', routes: [], mySpace: block } satisfies MySpaceModule;
    const silent = { name: 'c', routes: [] } satisfies MySpaceModule;
    expect(mySpaceTags([tagged, silent])).toEqual(['mandates']);
    expect(mySpaceTags([tagged, untagged])).toBeNull();
  });
});
