/**
 * Thirty days before an active group's sunset, its coordinators and the steering group get one
 * e-mail each, in their language; running again sends nothing more; an extension re-arms it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { addDays } from './dates.js';
import { spaceToday } from './groups.js';
import { scheduleSunsetReminders, sendSunsetReminders } from './sunset.js';
import { groupRow, mailsTo, person, proposalForm, seatInSteering, slugFrom, type Person } from './test-support.js';

let app: TestApp;
let coordinator: Person; // Spanish
let steering: Person; // English
let alternate: Person; // an alternate of the steering group: not reminded
const today = spaceToday();

/** A group proposed by the coordinator and approved by the steering group, ending in `days`. */
async function activeGroup(name: string, days: number): Promise<string> {
  const slug = slugFrom(await coordinator.browser.post('/ca/working-groups/new', proposalForm(name, {}, days)));
  const approved = await steering.browser.post(`/ca/bodies/${slug}/decision`, { decision: 'approve' });
  expect(approved.status).toBe(303);
  return slug;
}

const reminders = async (who: Person) => (await mailsTo(app, who.user.email)).filter((m) => /s'acaba el|se acaba el|ends on/.test(m.subject));

/** What the server does every hour: enqueue the reminder job, and the job runner runs it. */
async function hourlyRun(): Promise<void> {
  await scheduleSunsetReminders(app.services.database.db);
  await app.runJobs();
}

beforeAll(async () => {
  app = await createTestApp();
  coordinator = await person(app, { name: 'Carme Coordina', locale: 'es' });
  steering = await person(app, { name: 'Sam Steering', locale: 'en' });
  alternate = await person(app, { name: 'Albert Suplent' });
  await seatInSteering(app, steering.user.id);
  await seatInSteering(app, alternate.user.id, 'alternate');
});
afterAll(() => app?.close());

describe('the sunset reminder', () => {
  it('goes once to the coordinators and the steering group, each in their language, and is recorded', async () => {
    const slug = await activeGroup('Grup que acaba aviat', 20);
    await activeGroup('Grup que dura', 200);

    await hourlyRun();
    const toCoordinator = await reminders(coordinator);
    const toSteering = await reminders(steering);
    expect(toCoordinator).toHaveLength(1);
    expect(toCoordinator[0]).toMatchObject({ locale: 'es' });
    expect(toCoordinator[0]?.subject).toMatch(/^El grupo de trabajo Grup que acaba aviat se acaba el /);
    expect(toSteering).toHaveLength(1);
    expect(toSteering[0]?.subject).toMatch(/^The working group Grup que acaba aviat ends on /);
    expect(toSteering[0]?.text_body).toContain(`http://localhost/en/bodies/${slug}`);
    expect(await reminders(alternate)).toHaveLength(0);
    expect((await groupRow(app, slug)).sunset_reminded_for).toBe(addDays(today, 20));

    const audit = await app.services.database.db.selectFrom('audit_log').select(['action', 'actor_id']).where('action', '=', 'workgroups.sunset_reminder').execute();
    expect(audit).toEqual([{ action: 'workgroups.sunset_reminder', actor_id: null }]);
  });

  it('is not sent again for the same date, however often it runs', async () => {
    await hourlyRun();
    expect(await sendSunsetReminders(app.services)).toBe(0);
    expect(await reminders(coordinator)).toHaveLength(1);
    expect(await reminders(steering)).toHaveLength(1);
  });

  it('is re-armed by an extension: sent again for a new date within 30 days, not for one further away', async () => {
    const slug = (await app.services.database.db.selectFrom('bodies').select('slug').where('sunset_reminded_for', 'is not', null).executeTakeFirstOrThrow()).slug;
    const near = await steering.browser.post(`/ca/bodies/${slug}/extend`, { sunset_on: addDays(today, 25), reason: 'Una mica més' });
    expect(near.status).toBe(303);
    await hourlyRun();
    expect(await reminders(coordinator)).toHaveLength(2);
    expect(await reminders(steering)).toHaveLength(2);
    expect((await groupRow(app, slug)).sunset_reminded_for).toBe(addDays(today, 25));

    const far = await steering.browser.post(`/ca/bodies/${slug}/extend`, { sunset_on: addDays(today, 120), reason: 'Molt més' });
    expect(far.status).toBe(303);
    await hourlyRun();
    expect(await reminders(coordinator)).toHaveLength(2);
    expect((await groupRow(app, slug)).sunset_reminded_for).toBe(addDays(today, 25));
  });

  it('is not sent for a group that is not active', async () => {
    const slug = await activeGroup('Grup en tancament', 10);
    const closing = await coordinator.browser.post(`/ca/bodies/${slug}/close`, { step: 'closing', reason: 'Acabem' });
    expect(closing.status).toBe(303);
    const before = (await reminders(steering)).length;
    await hourlyRun();
    expect(await reminders(steering)).toHaveLength(before);
    expect((await groupRow(app, slug)).sunset_reminded_for).toBeNull();
  });
});
