/**
 * Answering the notice: the e-mailed link works without signing in (its GET changes nothing, its
 * POST records the answer as the person it was sent to); forged, expired and late links, and
 * people no longer in the body, get a clear page and change nothing; the site's form and the
 * API's `PUT /meetings/{id}/rsvp` for signed-in members; the answers section.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { browserFor } from '../../../test/support/personas.js';
import { countQueries } from '../../db/connect.js';
import { randomToken, sha256 } from '../../kernel/crypto.js';
import { insertGroup, insertOrganisation } from '../bodies/bodies-test-support.js';
import { insertApiToken } from '../identity/store.js';
import { answerToken } from './answers.js';
import { answerLinks, outboxTo, pathOf, seat, sendNoticesCommand, systemScope } from './notices-test-support.js';
import { answersSection, type AnswersData } from './section-answers.js';
import { meetingFor } from './store.js';
import { viewMeeting } from './policies.js';
import { insertMeeting } from './test-support.js';
import { formatDate, formatNumber, translator } from '../../kernel/i18n/index.js';
import type { ViewContext } from '../../kernel/ui/context.js';
import type { UserRow } from '../identity/store.js';

let app: TestApp;
let bodyId: number;
let meetingId: number;
let member: UserRow & { password: string };
let alternate: UserRow & { password: string };
let chair: UserRow & { password: string };
let outsider: UserRow & { password: string };
let links: Record<string, string>;
const db = () => app.services.database.db;

const answers = () => db().selectFrom('meeting_answers').selectAll().orderBy('meeting_id').orderBy('person_id').execute();
const answerOf = (personId: number, id = meetingId) => db().selectFrom('meeting_answers').selectAll().where('meeting_id', '=', id).where('person_id', '=', personId).executeTakeFirst();

async function apiToken(user: UserRow): Promise<string> {
  const token = `tx_${randomToken(32)}`;
  await insertApiToken(db(), { user_id: user.id, name: 'test', token_hash: sha256(token) });
  return token;
}

function rsvp(id: number, token: string | null, body: unknown) {
  return app.built.app.request(`/api/v1/meetings/${id}/rsvp`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}

beforeAll(async () => {
  app = await createTestApp();
  bodyId = (await insertGroup(db(), { name: { ca: 'Grup de Cures' } })).id;
  await db().updateTable('bodies').set({ meetings_public: true }).where('id', '=', bodyId).execute();
  const organisation = await insertOrganisation(db(), { short_name: 'XES' });
  member = await app.createUser({ name: 'Marta Membre', locale: 'es' });
  alternate = await app.createUser({ name: 'Albert Suplent' });
  chair = await app.createUser({ name: 'Clara Presidenta' });
  outsider = await app.createUser({ name: 'Oriol Extern' });
  await seat(app, bodyId, member.id, { organisation_id: organisation.id });
  await seat(app, bodyId, alternate.id, { role: 'alternate', organisation_id: organisation.id });
  await seat(app, bodyId, chair.id, { role: 'chair' });
  meetingId = await insertMeeting(db(), { body_id: bodyId, title: 'Sessió de cures' });
  await sendNoticesCommand(systemScope(app), { meeting_id: meetingId, occasion: 'convened' });
  const mail = (await outboxTo(app, member.email)).at(-1);
  links = answerLinks(mail?.text_body ?? '');
});
afterAll(() => app?.close());

describe('the answer link', () => {
  it('opens without signing in, shows the meeting and the forms, and changes nothing', async () => {
    const visitor = app.agent();
    const page = await visitor.get(pathOf(links.attending ?? ''));
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain('Sessió de cures');
    expect(html).toContain('Marta Membre');
    expect(html).toContain('Asistiré');
    expect(html).toContain('Albert Suplent'); // the alternate she may send
    expect(await answers()).toEqual([]);
  });

  it('records the answer on POST, without signing in, audited as the person it was sent to', async () => {
    const visitor = app.agent();
    const path = new URL(links.excused ?? '').pathname;
    await visitor.get(path);
    const response = await visitor.post(path, { answer: 'excused' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(path);
    expect(await answerOf(member.id)).toMatchObject({ answer: 'excused', via: 'link', alternate_id: null });
    const audit = await db().selectFrom('audit_log').select(['action', 'actor_id', 'actor_name']).where('action', '=', 'meetings.answer').execute();
    expect(audit).toEqual([{ action: 'meetings.answer', actor_id: member.id, actor_name: 'Marta Membre' }]);
    const again = await visitor.get(path);
    expect(await again.text()).toContain('Excusa la asistencia');
  });

  it('may name the alternate sent, one of the organisation’s alternates in the body only', async () => {
    const visitor = app.agent();
    const path = new URL(links.alternate ?? '').pathname;
    const wrong = await visitor.post(path, { answer: 'alternate', alternate_id: String(chair.id) });
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain('suplente de vuestra organización');
    expect(await answerOf(member.id)).toMatchObject({ answer: 'excused' });
    const right = await visitor.post(path, { answer: 'alternate', alternate_id: String(alternate.id) });
    expect(right.status).toBe(303);
    expect(await answerOf(member.id)).toMatchObject({ answer: 'alternate', alternate_id: alternate.id });
  });

  it('refuses a forged link: 404, nothing changes', async () => {
    const before = await answers();
    const visitor = app.agent();
    const path = new URL(links.attending ?? '').pathname;
    const forged = path.replace(/\.(\d+)\.([A-Za-z0-9_-]+)$/, (_all, expires: string, signature: string) => `.${Number(expires) + 1}.${signature}`);
    expect(forged).not.toBe(path);
    const otherPerson = path.replace(`.${member.id}.`, `.${chair.id}.`);
    for (const bad of [forged, otherPerson, '/ca/answer/nonsense']) {
      const page = await visitor.get(bad);
      expect(page.status, bad).toBe(404);
      expect(await page.text()).toMatch(/<h1>(Enllaç no vàlid|Enlace no válido)<\/h1>/);
      expect((await visitor.post(bad, { answer: 'attending' })).status, bad).toBe(404);
    }
    expect(await answers()).toEqual(before);
  });

  it('keeps an e-mail’s links working after the meeting is moved later, until its new start', async () => {
    // Convened for a start that has now passed (the notice's links were written for it)...
    const moved = await insertMeeting(db(), { body_id: bodyId, title: 'Sessió ajornada', starts_at: new Date(Date.now() - 30 * 60_000) });
    await sendNoticesCommand(systemScope(app), { meeting_id: moved, occasion: 'convened' });
    const mail = (await outboxTo(app, member.email)).find((m) => m.subject.includes('Sessió ajornada'));
    const path = new URL(answerLinks(mail?.text_body ?? '').attending ?? '').pathname;
    // ...then moved two days later: it has not started, so the first e-mail's link still answers.
    await db().updateTable('meetings').set({ starts_at: new Date(Date.now() + 2 * 24 * 3_600_000), ends_at: new Date(Date.now() + 2 * 24 * 3_600_000 + 7_200_000) }).where('id', '=', moved).execute();
    const visitor = app.agent();
    const page = await visitor.get(path);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Sessió ajornada');
    expect((await visitor.post(path, { answer: 'attending' })).status).toBe(303);
    expect(await answerOf(member.id, moved)).toMatchObject({ answer: 'attending', via: 'link' });
    // Still signed: the same link for another meeting or person is not one we wrote.
    const otherMeeting = path.replace(`/answer/${moved}.`, `/answer/${meetingId}.`);
    expect(otherMeeting).not.toBe(path);
    expect((await visitor.post(otherMeeting, { answer: 'excused' })).status).toBe(404);
    // Once the meeting's current start has passed, the link is refused and nothing changes.
    await db().updateTable('meetings').set({ starts_at: new Date(Date.now() - 60_000) }).where('id', '=', moved).execute();
    const late = await visitor.post(path, { answer: 'excused' });
    expect(late.status).toBe(409);
    expect(await late.text()).toContain('La sesión ya ha empezado');
    expect(await answerOf(member.id, moved)).toMatchObject({ answer: 'attending' });
  });

  it('refuses a person no longer in the body: 409, nothing changes', async () => {
    const before = await answers();
    const token = answerToken(app.services.secret, meetingId, outsider.id, new Date(Date.now() + 3_600_000));
    const visitor = app.agent();
    const page = await visitor.post(`/ca/answer/${token}`, { answer: 'attending' });
    expect(page.status).toBe(409);
    expect(await page.text()).toContain('Ja no formeu part d&#39;aquest òrgan');
    expect(await answers()).toEqual(before);
  });

  it('refuses once the meeting has started or is cancelled: 409, nothing changes', async () => {
    const late = await insertMeeting(db(), { body_id: bodyId });
    const token = answerToken(app.services.secret, late, member.id, new Date(Date.now() + 3_600_000));
    await db().updateTable('meetings').set({ starts_at: new Date(Date.now() - 60_000) }).where('id', '=', late).execute();
    const visitor = app.agent();
    const started = await visitor.post(`/ca/answer/${token}`, { answer: 'attending' });
    expect(started.status).toBe(409);
    expect(await started.text()).toContain('La sessió ja ha començat');
    expect(await answerOf(member.id, late)).toBeUndefined();

    const cancelled = await insertMeeting(db(), { body_id: bodyId, state: 'cancelled' });
    const cancelledToken = answerToken(app.services.secret, cancelled, member.id, new Date(Date.now() + 3_600_000));
    const page = await visitor.get(`/ca/answer/${cancelledToken}`);
    expect(page.status).toBe(409);
    expect(await page.text()).toContain('La sessió s&#39;ha desconvocat');
    expect((await visitor.post(`/ca/answer/${cancelledToken}`, { answer: 'attending' })).status).toBe(409);
    expect(await answerOf(member.id, cancelled)).toBeUndefined();
  });
});

describe('answering on the site', () => {
  it('records a signed-in member’s answer and refuses anyone outside the body', async () => {
    const browser = await browserFor(app, { name: 'participant', user: chair, token: null });
    const response = await browser.post(`/ca/meetings/${meetingId}/answer`, { answer: 'attending' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/ca/meetings/${meetingId}#answers`);
    expect(await answerOf(chair.id)).toMatchObject({ answer: 'attending', via: 'site' });

    const stranger = await browserFor(app, { name: 'participant', user: outsider, token: null });
    expect((await stranger.post(`/ca/meetings/${meetingId}/answer`, { answer: 'attending' })).status).toBe(403);
    expect(await answerOf(outsider.id)).toBeUndefined();
    const bad = await browser.post(`/ca/meetings/${meetingId}/answer`, { answer: 'maybe' });
    expect(bad.status).toBe(422);
    expect(await answerOf(chair.id)).toMatchObject({ answer: 'attending' });
  });
});

describe('PUT /meetings/{id}/rsvp', () => {
  it('records the caller’s answer: 200 with it', async () => {
    const response = await rsvp(meetingId, await apiToken(alternate), { answer: 'attending' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ meeting_id: String(meetingId), person_id: String(alternate.id), answer: 'attending', alternate_id: null, via: 'api' });
    expect(await answerOf(alternate.id)).toMatchObject({ answer: 'attending', via: 'api' });
  });

  it('is 401 without a token, 403 outside the body, 422 for a bad answer, 409 after the start', async () => {
    const before = await answers();
    expect((await rsvp(meetingId, null, { answer: 'attending' })).status).toBe(401);
    const forbidden = await rsvp(meetingId, await apiToken(outsider), { answer: 'attending' });
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers.get('content-type')).toContain('application/problem+json');
    expect((await rsvp(meetingId, await apiToken(member), { answer: 'perhaps' })).status).toBe(422);
    expect((await rsvp(999999, await apiToken(member), { answer: 'attending' })).status).toBe(404);
    const started = await insertMeeting(db(), { body_id: bodyId, starts_at: new Date(Date.now() - 60_000) });
    const late = await rsvp(started, await apiToken(member), { answer: 'attending' });
    expect(late.status).toBe(409);
    expect(((await late.json()) as { detail: string }).detail).toMatch(/La sessió ja ha començat/);
    expect(await answers()).toEqual(before);
  });
});

function testContext(locale: 'ca' | 'en', userId: number): ViewContext {
  return {
    locale,
    t: translator(locale),
    path: `/meetings/${meetingId}`,
    search: '',
    user: { id: userId, name: 'x', roles: [] },
    csrfToken: 'token',
    flash: null,
    nav: [],
    href: (path) => `/${locale}${path}`,
    formatDate: (value, style) => formatDate(locale, value, style),
    formatNumber: (value) => formatNumber(locale, value),
  };
}

async function sectionFor(user: UserRow | null, id = meetingId): Promise<{ data: AnswersData | null; html: string; queries: number }> {
  const actor = user ? { id: user.id, name: user.name, roles: [] } : null;
  const access = await meetingFor(db(), actor, id, viewMeeting);
  const { result: data, queries } = await countQueries(app.services.database, () => answersSection.load(db(), access, actor));
  const rendered = answersSection.render({ ctx: testContext('en', user?.id ?? 0), access, data });
  const html = rendered ? await rendered.toString() : '';
  return { data, html, queries };
}

describe('the answers section', () => {
  it('shows those who run the meeting the counts and each member’s answer', async () => {
    const { data, html } = await sectionFor(chair);
    expect(data?.members?.map((m) => [m.name, m.answer?.answer ?? null])).toEqual([
      ['Albert Suplent', 'attending'],
      ['Clara Presidenta', 'attending'],
      ['Marta Membre', 'alternate'],
    ]);
    expect(html).toContain('2 attending');
    expect(html).toContain('1 sending an alternate');
    expect(html).toContain('0 not answered');
    expect(html).toContain('(Albert Suplent)');
    expect(html).toContain(`action="/en/meetings/${meetingId}/answer"`);
  });

  it('shows a member their own answer and the form, but not the others’', async () => {
    const { data, html } = await sectionFor(member);
    expect(data?.members).toBeNull();
    expect(data?.mine?.answer?.answer).toBe('alternate');
    expect(html).toContain('You answered:');
    expect(html).not.toContain('Clara Presidenta');
  });

  it('shows visitors and outsiders nothing, with no query', async () => {
    expect((await sectionFor(null)).data).toBeNull();
    const outside = await sectionFor(outsider);
    expect(outside.data).toBeNull();
    expect(outside.queries).toBe(0);
  });

  it('reads the same number of queries whatever the body’s size', async () => {
    const small = await sectionFor(chair);
    for (let i = 0; i < 15; i += 1) await seat(app, bodyId, (await app.createUser()).id);
    const large = await sectionFor(chair);
    expect(large.data?.members).toHaveLength(18);
    expect(large.html).toContain('15 not answered');
    expect(large.queries).toBe(small.queries);
  });
});
