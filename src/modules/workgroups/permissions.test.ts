/**
 * Who may open each of a working group's pages, on real groups (the route × persona table can
 * only name the standing bodies): the steering group decides, extends and closes; a group's
 * coordinators answer its requests, file its reports and may start closing it — theirs, not
 * another's; an alternate or observer of the steering group is not the steering group.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { addDays } from './dates.js';
import { spaceToday } from './groups.js';
import { person, seatInSteering, type Person } from './test-support.js';

let app: TestApp;
const today = spaceToday();
type Who = 'visitor' | 'participant' | 'coordinator' | 'other_coordinator' | 'steering' | 'steering_alternate' | 'steering_observer' | 'secretary' | 'official' | 'admin';
const people = {} as Record<Exclude<Who, 'visitor'>, Person>;

async function insertGroup(slug: string, state: 'proposed' | 'active' | 'closing'): Promise<number> {
  const row = await app.services.database.db
    .insertInto('bodies')
    .values({ slug, kind: 'working_group', parent_id: 1, name: JSON.stringify({ ca: slug }), state, starts_on: state === 'proposed' ? null : addDays(today, -30), sunset_on: addDays(today, 90), open: state === 'active', report_interval_days: 90 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

async function seat(bodyId: number, personId: number, role: 'coordinator' | 'secretary'): Promise<void> {
  await app.services.database.db.insertInto('mandates').values({ body_id: bodyId, person_id: personId, college: 'trajectory', role, starts_on: '2020-01-01' }).execute();
}

beforeAll(async () => {
  app = await createTestApp();
  for (const who of ['participant', 'coordinator', 'other_coordinator', 'steering', 'steering_alternate', 'steering_observer', 'secretary'] as const) {
    people[who] = await person(app, { name: who });
  }
  people.official = await person(app, { name: 'official', roles: ['official'] });
  people.admin = await person(app, { name: 'admin', roles: ['admin'] });
  await seatInSteering(app, people.steering.user.id);
  await seatInSteering(app, people.steering_alternate.user.id, 'alternate');
  await seatInSteering(app, people.steering_observer.user.id, 'observer');
  await seat(1, people.secretary.user.id, 'secretary');
  await insertGroup('proposat', 'proposed');
  const active = await insertGroup('actiu', 'active');
  const closing = await insertGroup('tancant', 'closing');
  const other = await insertGroup('un-altre', 'active');
  await seat(active, people.coordinator.user.id, 'coordinator');
  await seat(closing, people.coordinator.user.id, 'coordinator');
  await seat(other, people.other_coordinator.user.id, 'coordinator');
});
afterAll(() => app?.close());

/** 'ok' (200 or a 409 about the state), 'sign-in', or 'no' (403), for each reader of the page. */
async function whoMayOpen(path: string): Promise<Record<Who, string>> {
  const result = {} as Record<Who, string>;
  const visitor = await app.agent().get(path);
  result.visitor = visitor.status === 303 && (visitor.headers.get('location') ?? '').includes('/sign-in') ? 'sign-in' : String(visitor.status);
  for (const [who, p] of Object.entries(people) as Array<[Exclude<Who, 'visitor'>, Person]>) {
    const status = (await p.browser.get(path)).status;
    result[who] = status === 200 || status === 409 ? 'ok' : status === 403 ? 'no' : String(status);
  }
  return result;
}

const only = (...allowed: Who[]): Record<Who, string> => {
  const all: Who[] = ['visitor', 'participant', 'coordinator', 'other_coordinator', 'steering', 'steering_alternate', 'steering_observer', 'secretary', 'official', 'admin'];
  return Object.fromEntries(all.map((who) => [who, who === 'visitor' ? 'sign-in' : allowed.includes(who) ? 'ok' : 'no'])) as Record<Who, string>;
};

describe('who may open a working group\'s pages', () => {
  it('the decision on a proposal: the steering group and admins', async () => {
    expect(await whoMayOpen('/ca/bodies/proposat/decision')).toEqual(only('steering', 'admin'));
  });

  it('extending: the steering group and admins', async () => {
    expect(await whoMayOpen('/ca/bodies/actiu/extend')).toEqual(only('steering', 'admin'));
  });

  it('closing: the steering group, admins and the group\'s own coordinators', async () => {
    expect(await whoMayOpen('/ca/bodies/actiu/close')).toEqual(only('coordinator', 'steering', 'admin'));
    expect(await whoMayOpen('/ca/bodies/tancant/close')).toEqual(only('coordinator', 'steering', 'admin'));
  });

  it('the join requests: the group\'s coordinators, the steering group and admins', async () => {
    expect(await whoMayOpen('/ca/bodies/actiu/join-requests')).toEqual(only('coordinator', 'steering', 'admin'));
  });

  it('the join requests page links to adding a member only for who may add one (not the steering group as such)', async () => {
    const link = 'href="/ca/bodies/actiu/mandates/new"';
    expect(await (await people.coordinator.browser.get('/ca/bodies/actiu/join-requests')).text()).toContain(link);
    expect(await (await people.admin.browser.get('/ca/bodies/actiu/join-requests')).text()).toContain(link);
    expect(await (await people.steering.browser.get('/ca/bodies/actiu/join-requests')).text()).not.toContain(link);
    expect((await people.steering.browser.get('/ca/bodies/actiu/mandates/new')).status).toBe(403);
    expect(await (await people.coordinator.browser.get('/ca/bodies/tancant/join-requests')).text()).not.toContain('/mandates/new');
  });

  it('filing a report: the group\'s coordinators and admins', async () => {
    expect(await whoMayOpen('/ca/bodies/actiu/reports/new')).toEqual(only('coordinator', 'admin'));
  });

  it('the follow-up: the steering group, the secretariat, officials and admins', async () => {
    expect(await whoMayOpen('/ca/follow-up')).toEqual(only('steering', 'secretary', 'official', 'admin'));
  });

  it('reading the reports: everyone, signed in or not', async () => {
    const result = await whoMayOpen('/ca/bodies/actiu/reports');
    expect(Object.values(result).every((outcome) => outcome === 'ok' || outcome === '200')).toBe(true);
  });

  it('only the coordinators\' page shows the requesters\' statements', async () => {
    const requester = await person(app, { name: 'Demana' });
    await requester.browser.post('/ca/bodies/actiu/join', { as: 'individual', statement: 'Declaració privada' });
    expect(await (await people.coordinator.browser.get('/ca/bodies/actiu/join-requests')).text()).toContain('Declaració privada');
    for (const path of ['/ca/bodies/actiu', '/ca/bodies/actiu/reports', '/api/v1/bodies/actiu']) {
      expect(await (await app.agent().get(path)).text()).not.toContain('Declaració privada');
    }
  });
});
