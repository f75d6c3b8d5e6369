/**
 * Deleting an account withdraws the person's pending requests to join and empties every
 * statement they wrote, in the deletion's own transaction; a refused deletion leaves them as
 * they were, and other people's requests are untouched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { spaceToday } from './groups.js';
import { pageText, person, proposalForm, seatInSteering, slugFrom, type Person } from './test-support.js';

let app: TestApp;
let coordinator: Person;
let steering: Person;
let leaver: Person;
let stayer: Person;
let openSlug: string;
let joinedSlug: string;

const PENDING_STATEMENT = 'Treballo en un projecte de cures al barri i ho explico només a les coordinadores.';
const ACCEPTED_STATEMENT = 'Faig comunicació per a cooperatives des de fa deu anys.';
const STAYER_STATEMENT = 'Soc sòcia d’una cooperativa de consum.';

async function approvedGroup(name: string): Promise<string> {
  const slug = slugFrom(await coordinator.browser.post('/ca/working-groups/new', proposalForm(name)));
  expect((await steering.browser.post(`/ca/bodies/${slug}/decision`, { decision: 'approve' })).status).toBe(303);
  return slug;
}

async function requestsOf(personId: number) {
  return app.services.database.db.selectFrom('join_requests').selectAll().where('person_id', '=', personId).orderBy('id').execute();
}

beforeAll(async () => {
  app = await createTestApp();
  coordinator = await person(app, { name: 'Carla Coordina' });
  steering = await person(app, { name: 'Sergi Motor' });
  leaver = await person(app, { name: 'Laia Marxa' });
  stayer = await person(app, { name: 'Pere Queda' });
  await seatInSteering(app, steering.user.id);
  openSlug = await approvedGroup('Cures comunitàries');
  joinedSlug = await approvedGroup('Comunicació cooperativa');

  expect((await leaver.browser.post(`/ca/bodies/${openSlug}/join`, { as: 'individual', statement: PENDING_STATEMENT })).status).toBe(303);
  expect((await stayer.browser.post(`/ca/bodies/${openSlug}/join`, { as: 'individual', statement: STAYER_STATEMENT })).status).toBe(303);
  expect((await leaver.browser.post(`/ca/bodies/${joinedSlug}/join`, { as: 'individual', statement: ACCEPTED_STATEMENT })).status).toBe(303);
  const [, accepted] = await requestsOf(leaver.user.id);
  if (!accepted) throw new Error('no request to accept');
  expect((await coordinator.browser.post(`/ca/bodies/${joinedSlug}/join-requests/${accepted.id}`, { decision: 'accept' })).status).toBe(303);
});
afterAll(() => app?.close());

describe('deleting an account, for the working groups', () => {
  it('changes nothing when the deletion is refused (wrong password)', async () => {
    const refused = await leaver.browser.post('/ca/account/delete', { password: 'no és la contrasenya' });
    expect(refused.status).toBe(422);
    expect((await requestsOf(leaver.user.id)).map((r) => [r.state, r.statement])).toEqual([
      ['pending', PENDING_STATEMENT],
      ['accepted', ACCEPTED_STATEMENT],
    ]);
  });

  it('withdraws the pending request and empties every statement the person wrote, in the same step', async () => {
    const response = await leaver.browser.post('/ca/account/delete', { password: leaver.user.password });
    expect(response.status).toBe(303);

    const requests = await requestsOf(leaver.user.id);
    expect(requests.map((r) => [r.state, r.statement])).toEqual([
      ['withdrawn', ''],
      ['accepted', ''],
    ]);
    expect(requests[0]).toMatchObject({ decided_by: leaver.user.id, decision_reason: null });
    expect(requests[0]?.decided_at).not.toBeNull();
    // The membership the accepted request gave stays: it is public record, under the pseudonym.
    expect(requests[1]?.mandate_id).not.toBeNull();

    // Someone else's request waits as it did.
    expect((await requestsOf(stayer.user.id)).map((r) => [r.state, r.statement])).toEqual([['pending', STAYER_STATEMENT]]);

    // The coordinators no longer see the request or the statement.
    const page = await pageText(await coordinator.browser.get(`/ca/bodies/${openSlug}/join-requests`));
    expect(page).toContain('Pere Queda');
    expect(page).toContain('1 petició pendent');
    expect(page).not.toContain(PENDING_STATEMENT);
    expect(page).not.toContain('Persona eliminada');

    // Recorded, without what the person wrote.
    const audit = await app.services.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'workgroups.join_requests.forget')
      .executeTakeFirstOrThrow();
    expect(audit.subject_id).toBe(String(leaver.user.id));
    expect(JSON.stringify(audit)).not.toContain('projecte de cures');
    expect(JSON.stringify(audit)).toContain(String(requests[0]?.id));
  });
});

describe('a report filed by someone who then deletes their account', () => {
  it('shows them under their pseudonym at once, though visitors\' pages are cached', async () => {
    // As the server does: the render cache listens to the commands' events.
    const stop = app.built.renderCache.start();
    try {
      const today = spaceToday();
      const filed = await coordinator.browser.post(`/ca/bodies/${joinedSlug}/reports/new`, { kind: 'periodic', period_start: today, period_end: today, progress: 'Primer butlletí enviat' });
      expect(filed.status).toBe(303);
      const visitor = app.agent();
      expect(await pageText(await visitor.get(`/ca/bodies/${joinedSlug}/reports`))).toContain('Presentat per Carla Coordina');

      expect((await coordinator.browser.post('/ca/account/delete', { password: coordinator.user.password })).status).toBe(303);
      const after = await pageText(await visitor.get(`/ca/bodies/${joinedSlug}/reports`));
      expect(after).toContain('Primer butlletí enviat');
      expect(after).not.toContain('Carla Coordina');
      expect(after).toMatch(/Presentat per Persona eliminada [0-9A-F]{4}/);
    } finally {
      stop();
    }
  });
});
