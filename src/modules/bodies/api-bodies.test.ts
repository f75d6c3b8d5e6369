/**
 * The bodies in the JSON API: the list's shape, filters and cursor; one body by id or slug with
 * its composition and warnings; and PATCH — who may, what it refuses, and extensions through it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { createPersona, freshToken, type Persona } from '../../../test/support/personas.js';
import { addDays } from '../workgroups/dates.js';
import { findBodyById } from './bodies-store.js';
import { charterFor, insertGroup, insertMandate, insertOrganisation, insertPerson } from './bodies-test-support.js';
import { spaceToday } from './membership.js';

let app: TestApp;
let official: Persona;
let admin: Persona;
let participant: Persona;

beforeAll(async () => {
  app = await createTestApp();
  official = await createPersona(app, 'official');
  admin = await createPersona(app, 'admin');
  participant = await createPersona(app, 'participant');
});
afterAll(async () => {
  await app?.close();
});

const db = () => app.services.database.db;

async function call(method: string, path: string, options: { persona?: Persona; body?: unknown; language?: string } = {}): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.persona) headers.authorization = `Bearer ${(await freshToken(app, options.persona)) ?? ''}`;
  if (options.language) headers['accept-language'] = options.language;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  return app.built.app.request(`/api/v1${path}`, { method, headers, ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}) });
}

async function json<T = Record<string, unknown>>(response: Response, status: number): Promise<T> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return JSON.parse(text) as T;
}

type Body = Record<string, unknown> & { id: string; slug: string; composition: { total: number; by_college: Record<string, number>; by_organisation: Array<Record<string, unknown>> }; warnings: Array<{ code: string; message: string }> };
type List = { items: Body[]; next_cursor: string | null };

describe('GET /bodies', () => {
  it('lists the plenary and the steering group, shaped as the contract says', async () => {
    const list = await json<List>(await call('GET', '/bodies?kind=plenary'), 200);
    expect(list.next_cursor).toBeNull();
    expect(list.items).toHaveLength(1);
    const plenary = list.items[0];
    expect(plenary).toMatchObject({
      id: '1',
      slug: 'ambit-participat',
      kind: 'plenary',
      parent_id: null,
      state: 'active',
      name: { ca: 'Àmbit Participat', es: 'Ámbito Participado' },
      purpose: { ca: expect.stringContaining('trobada general') },
      charter: null,
      open: false,
      rules: { seats_per_entity: 2, allowed_colleges: ['council', 'entity', 'trajectory', 'non_articulated', 'expert'], allowed_levels: [2, 3, 4] },
      composition: { total: expect.any(Number), by_college: expect.any(Object), by_organisation: expect.any(Array) },
      warnings: expect.any(Array),
      url: '/ca/bodies/ambit-participat',
    });
    const steering = await json<List>(await call('GET', '/bodies?kind=steering'), 200);
    expect(steering.items.map((b) => [b.slug, b.parent_id])).toEqual([['grup-motor', '1']]);
  });

  it('filters by kind, state and parent (by id or slug)', async () => {
    const parent = await insertGroup(db(), { name: { ca: 'Pare de prova' } });
    const child = await insertGroup(db(), { parent_id: parent.id, state: 'proposed' });
    await insertGroup(db(), { state: 'closed' });
    for (const ref of [String(parent.id), parent.slug]) {
      const list = await json<List>(await call('GET', `/bodies?parent=${ref}`), 200);
      expect(list.items.map((b) => b.id)).toEqual([String(child.id)]);
    }
    const proposed = await json<List>(await call('GET', '/bodies?kind=working_group&state=proposed'), 200);
    expect(proposed.items.every((b) => b.kind === 'working_group' && b.state === 'proposed')).toBe(true);
    expect(proposed.items.map((b) => b.id)).toContain(String(child.id));
    expect((await json<List>(await call('GET', '/bodies?parent=no-existeix'), 200)).items).toEqual([]);
  });

  it('refuses an unknown kind or state, a bad limit and a made-up cursor, in the caller\'s language', async () => {
    const problem = await json<{ errors: Record<string, string> }>(await call('GET', '/bodies?kind=club&limit=500', { language: 'en' }), 422);
    expect(Object.keys(problem.errors).sort()).toEqual(['kind', 'limit']);
    expect(problem.errors.kind).toBe('Choose a kind: plenary, steering or working_group.');
    await json(await call('GET', '/bodies?state=dormant'), 422);
    const cursor = await json<{ errors: Record<string, string> }>(await call('GET', '/bodies?cursor=not-a-cursor'), 422);
    expect(cursor.errors.cursor).toContain('next_cursor');
  });

  it('pages with a cursor until next_cursor is null, each body once', async () => {
    for (let i = 0; i < 4; i += 1) await insertGroup(db());
    const all = await json<List>(await call('GET', '/bodies?limit=100'), 200);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: List = await json<List>(await call('GET', `/bodies?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`), 200);
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((b) => b.id));
      cursor = page.next_cursor;
      pages += 1;
    } while (cursor !== null && pages < 50);
    expect(seen).toEqual(all.items.map((b) => b.id));
    expect(new Set(seen).size).toBe(seen.length);
    expect(pages).toBe(Math.ceil(seen.length / 3));
  });
});

describe('GET /bodies/{id}', () => {
  it('finds a body by id or by slug', async () => {
    const byId = await json<Body>(await call('GET', '/bodies/2'), 200);
    const bySlug = await json<Body>(await call('GET', '/bodies/grup-motor'), 200);
    expect(byId).toEqual(bySlug);
    expect(byId.kind).toBe('steering');
  });

  it('answers 404 as a problem for an unknown id or slug', async () => {
    for (const ref of ['999999', 'no-existeix', 'MAJUSCULES']) {
      const response = await call('GET', `/bodies/${ref}`);
      expect(response.status, ref).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
  });

  it("gives a working group's charter, dates, composition by college and organisation, and warnings in the caller's language", async () => {
    const group = await insertGroup(db(), { charter: charterFor('API'), open: true, allowed_colleges: ['entity', 'trajectory'] });
    const coop = await insertOrganisation(db(), { short_name: 'COOP-API', name: 'Cooperativa de prova', level: 1 });
    const men = [await insertPerson(db(), 'Home API U', 'man', 'home1.api@example.org'), await insertPerson(db(), 'Home API Dos', 'man')];
    await insertMandate(db(), { body_id: group.id, person_id: men[0] as number, organisation_id: coop.id, college: 'entity' });
    await insertMandate(db(), { body_id: group.id, person_id: men[1] as number, organisation_id: coop.id, college: 'entity', role: 'coordinator' });
    await insertMandate(db(), { body_id: group.id, person_id: await insertPerson(db(), 'Suplent API'), organisation_id: coop.id, college: 'entity', role: 'alternate' });

    const response = await call('GET', `/bodies/${group.id}`, { language: 'es' });
    const text = await response.clone().text();
    const body = await json<Body>(response, 200);
    expect(body).toMatchObject({
      kind: 'working_group',
      parent_id: '1',
      state: 'active',
      open: true,
      report_interval_days: 90,
      sunset_on: addDays(spaceToday(), 120),
      charter: { objectives: { ca: 'Objectius API', es: 'Objetivos API', en: 'Objectives API' } },
    });
    expect(body.composition.total).toBe(2);
    expect(body.composition.by_college).toEqual({ council: 0, entity: 2, trajectory: 0, non_articulated: 0, expert: 0 });
    expect(body.composition.by_organisation).toEqual([{ organisation_id: String(coop.id), short_name: 'COOP-API', name: 'Cooperativa de prova', seats: 2 }]);
    expect(body.warnings.map((w) => w.code).sort()).toEqual(['empty_college', 'parity']);
    const empty = body.warnings.find((w) => w.code === 'empty_college');
    expect(empty?.message).not.toContain('mandates.');
    expect(empty?.message).toMatch(/\S/);
    // Never a contact detail.
    expect(text).not.toContain('@example.org');
    expect(text).not.toContain('Home API U');
  });
});

describe('the parity warning in the API', () => {
  /** A group of two members who both declared themselves women: beyond 60/40. */
  async function groupOfTwoWomen(): Promise<{ id: number; slug: string }> {
    const group = await insertGroup(db(), { name: { ca: 'Grup paritat API' } });
    for (const name of ['Dona API U', 'Dona API Dos']) await insertMandate(db(), { body_id: group.id, person_id: await insertPerson(db(), name, 'woman') });
    return group;
  }
  const parityOf = (body: Body) => body.warnings.find((w) => w.code === 'parity')?.message;
  /** The rule's own "60 %" aside, no figure at all. */
  const withoutCounts = (message: string | undefined) => (message ?? '').replace(/60 %/g, '');

  it('gives visitors and people who do not manage the mandates no counts, in the body and in the list', async () => {
    const group = await groupOfTwoWomen();
    const steering = await createPersona(app, 'participant');
    await insertMandate(db(), { body_id: 2, person_id: steering.user?.id ?? 0, role: 'member' });
    const member = await createPersona(app, 'participant');
    await insertMandate(db(), { body_id: group.id, person_id: member.user?.id ?? 0 });
    for (const persona of [undefined, participant, steering, member]) {
      for (const language of ['ca', 'es', 'en']) {
        const response = await call('GET', `/bodies/${group.id}`, { persona, language });
        const message = parityOf(await json<Body>(response, 200));
        expect(message, `${persona?.name ?? 'visitor'} ${language}`).toMatch(/60 %/);
        expect(withoutCounts(message), `${persona?.name ?? 'visitor'} ${language}`).not.toMatch(/\d/);
      }
      const list = await json<List>(await call('GET', '/bodies?kind=working_group&limit=100', { persona }), 200);
      const listed = list.items.find((b) => b.id === String(group.id));
      expect(withoutCounts(parityOf(listed as Body))).not.toMatch(/\d/);
    }
  });

  it("gives the counts to who manages the group's mandates: the secretariat, its coordinators, officials and admins", async () => {
    const group = await groupOfTwoWomen();
    const secretary = await createPersona(app, 'participant');
    await insertMandate(db(), { body_id: 1, person_id: secretary.user?.id ?? 0, role: 'secretary' });
    const coordinator = await createPersona(app, 'participant');
    await insertMandate(db(), { body_id: group.id, person_id: coordinator.user?.id ?? 0, role: 'coordinator' });
    for (const persona of [secretary, coordinator, official, admin]) {
      const response = await call('GET', `/bodies/${group.slug}`, { persona, language: 'en' });
      expect(response.headers.get('cache-control'), persona.user?.name).toBe('private, no-store');
      const body = await json<Body>(response, 200);
      // The coordinator is a third member who declared nothing: two women of two who declared.
      expect(parityOf(body), persona.user?.name).toBe(
        'Gender parity: 100 % of the members who declared a gender are of one gender (women: 2, men: 0, non-binary: 0); no gender should be above 60 %.',
      );
      const list = await json<List>(await call('GET', '/bodies?kind=working_group&limit=100', { persona }), 200);
      expect(parityOf(list.items.find((b) => b.id === String(group.id)) as Body)).toContain('dones: 2');
    }
    // The coordinator manages their own group only: another group's counts stay theirs.
    const other = await groupOfTwoWomen();
    expect(withoutCounts(parityOf(await json<Body>(await call('GET', `/bodies/${other.id}`, { persona: coordinator }), 200)))).not.toMatch(/\d/);
  });
});

describe('PATCH /bodies/{id}', () => {
  it('needs a token, and the role of an administrator or official', async () => {
    await json(await call('PATCH', '/bodies/grup-motor', { body: { open: false } }), 401);
    await json(await call('PATCH', '/bodies/grup-motor', { persona: participant, body: { name: { ca: 'Pres' } } }), 403);
    await json(await call('PATCH', '/bodies/grup-motor', { persona: participant, body: {} }), 403);
    expect((await findBodyById(db(), 2))?.name.ca).toBe('Grup motor');
  });

  it('changes what it is given, leaves the rest, and answers the body as it now is', async () => {
    const group = await insertGroup(db(), { name: { ca: 'Abans API', es: 'Antes API' } });
    const body = await json<Body>(
      await call('PATCH', `/bodies/${group.slug}`, { persona: official, body: { name: { ca: 'Després API', en: 'After API' }, rules: { allowed_levels: [3, 1, 1] }, open: true } }),
      200,
    );
    expect(body.name).toEqual({ ca: 'Després API', en: 'After API' });
    expect(body.rules).toMatchObject({ allowed_levels: [1, 3] });
    expect(body.open).toBe(true);
    expect(body.charter).toMatchObject({ objectives: { ca: expect.stringContaining('Objectius') } });
    const stored = await findBodyById(db(), group.id);
    expect(stored?.purpose).not.toBeNull();
    expect(stored?.report_interval_days).toBe(90);
  });

  it('takes back what a GET gave, unchanged, as no change', async () => {
    const read = await json<Body>(await call('GET', '/bodies/ambit-participat'), 200);
    const { id: _id, composition: _c, warnings: _w, url: _u, updated_at: _t, ...writable } = read;
    const written = await json<Body>(await call('PATCH', '/bodies/ambit-participat', { persona: admin, body: writable }), 200);
    expect(written.updated_at).toBe(read.updated_at);
  });

  it('refuses invalid fields with 422 naming each, and working-group fields on a standing body', async () => {
    const problem = await json<{ errors: Record<string, string> }>(
      await call('PATCH', '/bodies/grup-motor', { persona: official, body: { name: { ca: '' }, rules: { seats_per_entity: 0, allowed_colleges: ['friends'] } } }),
      422,
    );
    expect(Object.keys(problem.errors).sort()).toEqual(['name.ca', 'rules.allowed_colleges.0', 'rules.seats_per_entity']);
    expect(problem.errors['name.ca']).toBe('Escriu el nom en català.');
    for (const body of [{ charter: charterFor('x') }, { open: true }, { report_interval_days: 30 }]) {
      const refused = await json<{ errors: Record<string, string> }>(await call('PATCH', '/bodies/grup-motor', { persona: official, body }), 422);
      expect(Object.values(refused.errors)[0]).toContain('Només els grups de treball');
    }
    expect(await json(await call('PATCH', '/bodies/1', { persona: official, body: { open: false, charter: null, report_interval_days: null } }), 200)).toBeTruthy();
  });

  it('refuses a working group without a full charter', async () => {
    const group = await insertGroup(db());
    const problem = await json<{ errors: Record<string, string> }>(await call('PATCH', `/bodies/${group.id}`, { persona: official, body: { charter: null } }), 422);
    expect(problem.errors.charter).toContain('proposta inicial de funcionament');
    const partial = await json<Body>(await call('PATCH', `/bodies/${group.id}`, { persona: official, body: { charter: { cadence: { ca: 'Cada quinze dies' } } } }), 200);
    expect(partial.charter).toMatchObject({ cadence: { ca: 'Cada quinze dies' }, objectives: { ca: expect.stringContaining('Objectius') } });
  });

  it('answers 409 for a closed or declined group, changing nothing', async () => {
    for (const state of ['closed', 'declined'] as const) {
      const group = await insertGroup(db(), { state, name: { ca: `Tancat API ${state}` } });
      const problem = await json<{ detail: string }>(await call('PATCH', `/bodies/${group.id}`, { persona: admin, body: { name: { ca: 'Canviat' } } }), 409);
      expect(problem.detail).toContain('ja no es pot modificar');
      expect((await findBodyById(db(), group.id))?.name.ca).toBe(`Tancat API ${state}`);
    }
  });

  it('answers 404 for an unknown body', async () => {
    await json(await call('PATCH', '/bodies/999999', { persona: official, body: { open: false } }), 404);
  });

  describe('with sunset_on: an extension', () => {
    it('needs a reason', async () => {
      const group = await insertGroup(db());
      const problem = await json<{ errors: Record<string, string> }>(await call('PATCH', `/bodies/${group.id}`, { persona: admin, body: { sunset_on: addDays(spaceToday(), 300) } }), 422);
      expect(Object.keys(problem.errors)).toEqual(['reason']);
    });

    it('is recorded as a decision with its reason, by an administrator', async () => {
      const group = await insertGroup(db());
      const before = (await findBodyById(db(), group.id))?.sunset_on;
      const sunset = addDays(spaceToday(), 300);
      const body = await json<Body>(await call('PATCH', `/bodies/${group.id}`, { persona: admin, body: { sunset_on: sunset, reason: 'Cal acabar el catàleg' } }), 200);
      expect(body.sunset_on).toBe(sunset);
      const decisions = await db().selectFrom('body_decisions').selectAll().where('body_id', '=', group.id).execute();
      expect(decisions).toMatchObject([{ action: 'extended', reason: 'Cal acabar el catàleg', sunset_before: before, sunset_after: sunset }]);
    });

    it('is the steering group\'s: an official outside it is refused, and the edits sent with it are not made', async () => {
      const group = await insertGroup(db(), { name: { ca: 'Sense pròrroga' } });
      await json(
        await call('PATCH', `/bodies/${group.id}`, { persona: official, body: { name: { ca: 'Canviat amb pròrroga' }, sunset_on: addDays(spaceToday(), 300), reason: 'Motiu' } }),
        403,
      );
      const stored = await findBodyById(db(), group.id);
      expect(stored?.name.ca).toBe('Sense pròrroga');
      expect(stored?.sunset_on).toBe(addDays(spaceToday(), 120));
    });

    it('a member of the steering group may extend, but not edit', async () => {
      const steering = await createPersona(app, 'participant');
      await insertMandate(db(), { body_id: 2, person_id: steering.user?.id ?? 0, role: 'member' });
      const group = await insertGroup(db());
      const sunset = addDays(spaceToday(), 200);
      expect((await json<Body>(await call('PATCH', `/bodies/${group.id}`, { persona: steering, body: { sunset_on: sunset, reason: 'Més temps' } }), 200)).sunset_on).toBe(sunset);
      await json(await call('PATCH', `/bodies/${group.id}`, { persona: steering, body: { open: true } }), 403);
    });

    it('refuses a date that is not later, and keeps the edits sent with it undone', async () => {
      const group = await insertGroup(db(), { name: { ca: 'Data enrere' } });
      const problem = await json<{ errors: Record<string, string> }>(
        await call('PATCH', `/bodies/${group.id}`, { persona: admin, body: { name: { ca: 'No s\'ha de desar' }, sunset_on: addDays(spaceToday(), 10), reason: 'Escurçar' } }),
        422,
      );
      expect(Object.keys(problem.errors)).toEqual(['sunset_on']);
      expect((await findBodyById(db(), group.id))?.name.ca).toBe('Data enrere');
    });

    it('is not for the plenary or the steering group', async () => {
      const problem = await json<{ errors: Record<string, string> }>(await call('PATCH', '/bodies/grup-motor', { persona: admin, body: { sunset_on: addDays(spaceToday(), 100), reason: 'x' } }), 422);
      expect(Object.keys(problem.errors)).toEqual(['sunset_on']);
    });

    it('is no extension when the date sent is the stored one', async () => {
      const group = await insertGroup(db());
      const stored = await findBodyById(db(), group.id);
      await json(await call('PATCH', `/bodies/${group.id}`, { persona: official, body: { sunset_on: stored?.sunset_on, open: true } }), 200);
      expect(await db().selectFrom('body_decisions').selectAll().where('body_id', '=', group.id).execute()).toEqual([]);
    });
  });
});

describe('the OpenAPI document', () => {
  it('describes the bodies under the tag Bodies', async () => {
    const doc = (await (await app.built.app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { tags?: string[] }>> };
    expect(doc.paths['/bodies']?.get?.tags).toEqual(['Bodies']);
    expect(doc.paths['/bodies/{id}']?.get?.tags).toEqual(['Bodies']);
    expect(doc.paths['/bodies/{id}']?.patch?.tags).toEqual(['Bodies']);
  });
});
