/**
 * The meeting page keeps a copy per session (the render cache's signed-in shelf): a second visit
 * comes from memory, one person's copy never reaches another, and the reader's own answer shows
 * at once after they give it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../../test/support/app.js';
import { insertMandate } from '../bodies/bodies-test-support.js';
import { person, type Person } from '../workgroups/test-support.js';
import { insertAgendaItem, insertMeeting } from './test-support.js';

let app: TestApp;
let rita: Person;
let pau: Person;
let meetingId: number;
let stop: () => void;

async function visit(agent: Agent, path: string): Promise<{ status: number; hit: boolean; html: string }> {
  const response = await agent.get(path);
  return { status: response.status, hit: response.headers.get('x-render-cache') === 'hit', html: await response.text() };
}

beforeAll(async () => {
  app = await createTestApp();
  // As the server does: events drop the copies that name their tags.
  stop = app.built.renderCache.start();
  const db = app.services.database.db;
  rita = await person(app, { name: 'Rita Membre' });
  pau = await person(app, { name: 'Pau Membre' });
  await insertMandate(db, { body_id: 1, person_id: rita.user.id });
  await insertMandate(db, { body_id: 1, person_id: pau.user.id });
  meetingId = await insertMeeting(db, { title: 'Trobada de la memòria' });
  await insertAgendaItem(db, meetingId, { title: 'Benvinguda' });
});
afterAll(async () => {
  stop?.();
  await app?.close();
});

describe('a meeting page, signed in', () => {
  it('comes from memory the second time, for that session only, and shows one’s new answer at once', async () => {
    const path = `/ca/meetings/${meetingId}`;
    const first = await visit(rita.browser, path);
    expect(first.status).toBe(200);
    expect(first.hit).toBe(false);
    const second = await visit(rita.browser, path);
    expect(second.hit).toBe(true);
    expect(second.html).toBe(first.html);

    const paus = await visit(pau.browser, path);
    expect(paus.hit).toBe(false);
    expect(paus.html).not.toContain('Rita Membre');

    const answered = await rita.browser.post(`/ca/meetings/${meetingId}/answer`, { answer: 'excused' });
    expect(answered.status).toBe(303);
    await visit(rita.browser, path); // the flash message is shown once, on a fresh render
    const after = await visit(rita.browser, path);
    expect(after.html).toContain('Heu respost');
    expect(first.html).toContain('Encara no heu respost');
    const stored = await app.services.database.db.selectFrom('meeting_answers').select('answer').where('person_id', '=', rita.user.id).executeTakeFirst();
    expect(stored?.answer).toBe('excused');
  });
});
