/**
 * Recording agreements: only while the meeting is under way (held, or convened and started) and
 * until its minutes are approved; numbered per body and year; votes with counts per college
 * (adding up), named only where the body names votes; action items only for owners who belong to
 * the body — a refusal writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { todayInSpace } from '../../kernel/i18n/index.js';
import { insertOrganisation } from '../bodies/bodies-test-support.js';
import { recordAgreement } from './agreements.js';
import { agreementCounts, meetingWithItem, person, PLENARY_ID, seat, type Person } from './agreements-test-support.js';
import { insertMeeting, insertAgendaItem } from './test-support.js';

let app: TestApp;
let secretary: Person;
let member: Person;
let outsider: Person;
let orgId: number;
let outsideOrgId: number;
const db = () => app.services.database.db;

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
const today = todayInSpace();
/** A page's text with the apostrophes the renderer escapes put back. */
const text = async (response: Response) => (await response.text()).replace(/&#39;/g, "'");

/** The form as a secretary fills it for a vote: 12 for (8 entities + 4 trajectory), 3 against, no abstentions; one action item. */
function voteForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    text_ca: "S'aprova el pla de treball de l'àmbit",
    text_es: 'Se aprueba el plan de trabajo',
    text_en: '',
    method: 'vote',
    result_options_0_label: 'A favor',
    result_options_0_count: '',
    result_options_0_by_college_entity: '8',
    result_options_0_by_college_trajectory: '4',
    result_options_1_label: 'En contra',
    result_options_1_count: '3',
    result_options_2_label: 'Abstencions',
    result_options_2_count: '',
    result_options_3_label: '',
    result_options_3_count: '',
    action_items_0_title: 'Enviar el pla a les entitats',
    action_items_0_owner: `person:${member.user.id}`,
    action_items_0_due_on: addDays(today, 10),
    ...overrides,
  };
}

beforeAll(async () => {
  app = await createTestApp({ TEIXIT_RENDER_CACHE: 'off' });
  secretary = await person(app, { name: 'Sílvia Secretària' });
  member = await person(app, { name: 'Miquel Membre' });
  outsider = await person(app, { name: 'Oriol de Fora' });
  orgId = (await insertOrganisation(db(), { name: 'Coop Teixidora', short_name: 'COOPT' })).id;
  outsideOrgId = (await insertOrganisation(db(), { name: 'Entitat Llunyana', short_name: 'LLUNY' })).id;
  await seat(db(), PLENARY_ID, secretary.user.id, { role: 'secretary' });
  await seat(db(), PLENARY_ID, member.user.id, { organisation_id: orgId, college: 'entity' });
});
afterAll(() => app?.close());

describe('recording an agreement from the form', () => {
  it('records a vote with its counts per college and an action item, numbered 1 in the meeting year, shown on its page', async () => {
    const { itemId } = await meetingWithItem(db());
    const form = await secretary.browser.get(`/ca/agenda-items/${itemId}/agreements/new`);
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toContain('value="A favor"');
    expect(html).toContain('value="Abstencions"');
    expect(html).toContain('Miquel Membre');

    const response = await secretary.browser.post(`/ca/agenda-items/${itemId}/agreements/new`, voteForm());
    expect(response.status).toBe(303);
    const location = response.headers.get('location') ?? '';
    expect(location).toMatch(/^\/ca\/agreements\/\d+$/);
    const row = await db().selectFrom('agreements').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    const year = Number(row.adopted_on.slice(0, 4));
    expect(row).toMatchObject({ year, number: 1, method: 'vote' });
    expect(row.result).toEqual({
      options: [
        { label: 'A favor', count: 12, by_college: { entity: 8, trajectory: 4 } },
        { label: 'En contra', count: 3 },
        { label: 'Abstencions', count: 0 },
      ],
    });
    expect(row.search_text).toContain("s'aprova el pla de treball de l'ambit");
    expect(row.search_text).toContain('se aprueba');
    const items = await db().selectFrom('action_items').selectAll().where('agreement_id', '=', row.id).execute();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ title: 'Enviar el pla a les entitats', owner_person_id: member.user.id, state: 'open' });

    const page = await text(await app.agent().get(location));
    expect(page).toContain(`Acord ${year}/1`);
    expect(page).toContain("S'aprova el pla de treball");
    expect(page).toContain('Entitats');
    expect(page).toContain('Enviar el pla a les entitats');
    // In English the Spanish or English text is missing: Catalan, marked as such.
    const english = await (await app.agent().get(location.replace('/ca/', '/en/'))).text();
    expect(english).toContain('lang="ca"');
    const audit = await db().selectFrom('audit_log').select(['action', 'visibility']).where('action', 'in', ['meetings.agreements.record', 'meetings.action_items.add']).execute();
    expect(audit).toEqual(expect.arrayContaining([{ action: 'meetings.agreements.record', visibility: 'public' }, { action: 'meetings.action_items.add', visibility: 'public' }]));
  });

  it('numbers the next agreement of the body and year 2, and a consensus needs no result', async () => {
    const { itemId } = await meetingWithItem(db());
    const response = await secretary.browser.post(`/ca/agenda-items/${itemId}/agreements/new`, voteForm({ method: 'consensus', action_items_0_title: '', action_items_0_owner: '', action_items_0_due_on: '' }));
    expect(response.status).toBe(303);
    const row = await db().selectFrom('agreements').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(row.number).toBe(2);
    expect(row.result).toBeNull();
  });

  it('takes distinct numbers when agreements are recorded at the same time', async () => {
    const { itemId } = await meetingWithItem(db());
    const scope = { services: app.services, actor: { id: secretary.user.id, name: secretary.user.name, roles: [] }, locale: 'ca' as const, requestId: null, ip: null };
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => recordAgreement(scope, { agenda_item_id: itemId, text: { ca: `Acord simultani ${i}` }, method: 'consensus' })));
    const numbers = results.map((r) => r.number).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(5);
    expect(numbers[4]! - numbers[0]!).toBe(4);
  });

  it('refuses an action item owned by someone outside the body: 422, localized, and nothing is written', async () => {
    const { itemId } = await meetingWithItem(db());
    const before = await agreementCounts(db());
    for (const owner of [`person:${outsider.user.id}`, `organisation:${outsideOrgId}`]) {
      const response = await secretary.browser.post(`/ca/agenda-items/${itemId}/agreements/new`, voteForm({ action_items_0_owner: owner }));
      expect(response.status).toBe(422);
      const html = await text(response);
      expect(html).toContain("ha de formar part de l'òrgan");
      expect(html).toContain('value="Enviar el pla a les entitats"');
    }
    const english = await secretary.browser.post(`/en/agenda-items/${itemId}/agreements/new`, voteForm({ action_items_0_owner: `person:${outsider.user.id}` }));
    expect(await english.text()).toContain('The owner must belong to the body');
    expect(await agreementCounts(db())).toEqual(before);
  });

  it('accepts an organisation represented in the body as owner', async () => {
    const { itemId } = await meetingWithItem(db());
    const response = await secretary.browser.post(`/ca/agenda-items/${itemId}/agreements/new`, voteForm({ action_items_0_owner: `organisation:${orgId}` }));
    expect(response.status).toBe(303);
  });

  it('refuses a due date before the meeting, counts per college that do not add up, and named votes the body does not take', async () => {
    const { itemId } = await meetingWithItem(db());
    const before = await agreementCounts(db());
    const early = await secretary.browser.post(`/ca/agenda-items/${itemId}/agreements/new`, voteForm({ action_items_0_due_on: addDays(today, -10) }));
    expect(early.status).toBe(422);
    expect(await early.text()).toContain('no pot ser anterior a la reunió');
    const sum = await secretary.browser.post(`/ca/agenda-items/${itemId}/agreements/new`, voteForm({ result_options_0_count: '20' }));
    expect(sum.status).toBe(422);
    expect(await sum.text()).toContain('sumen 12, però el total és 20');
    const scope = { services: app.services, actor: { id: secretary.user.id, name: secretary.user.name, roles: [] }, locale: 'ca' as const, requestId: null, ip: null };
    await expect(
      recordAgreement(scope, { agenda_item_id: itemId, text: { ca: 'Nominal' }, method: 'vote', result: { options: [{ label: 'Sí', count: 1 }], named: [{ person_id: member.user.id, option: 0 }] } }),
    ).rejects.toMatchObject({ status: 422, fields: { 'result.named': 'Aquest òrgan no recull el vot nominal de cada persona.' } });
    expect(await agreementCounts(db())).toEqual(before);
  });

  it('keeps named votes, with names, when the body names votes', async () => {
    await db().updateTable('bodies').set({ named_votes: true }).where('id', '=', PLENARY_ID).execute();
    try {
      const { itemId } = await meetingWithItem(db());
      const scope = { services: app.services, actor: { id: secretary.user.id, name: secretary.user.name, roles: [] }, locale: 'ca' as const, requestId: null, ip: null };
      const { id } = await recordAgreement(scope, {
        agenda_item_id: itemId,
        text: { ca: 'Votació nominal' },
        method: 'vote',
        result: { options: [{ label: 'Sí', count: 1 }, { label: 'No', count: 1 }], named: [{ person_id: member.user.id, option: 0 }, { person_id: secretary.user.id, option: 1 }] },
      });
      const page = await (await app.agent().get(`/ca/agreements/${id}`)).text();
      expect(page).toContain('Vot de cada persona');
      expect(page).toContain('Miquel Membre');
    } finally {
      await db().updateTable('bodies').set({ named_votes: false }).where('id', '=', PLENARY_ID).execute();
    }
  });
});

describe('when an agreement cannot be recorded', () => {
  it('refuses a draft, a cancelled or a not yet started meeting and one whose minutes are approved (409, localized); a started convened meeting is fine', async () => {
    const future = new Date(Date.now() + 5 * 24 * 3600_000);
    const cases = [
      { options: { state: 'draft' as const, starts_at: future }, message: "encara no s'ha convocat" },
      { options: { state: 'cancelled' as const }, message: "s'ha anul·lat" },
      { options: { state: 'convened' as const, starts_at: future }, message: 'encara no ha començat' },
      { options: { state: 'held' as const, minutes_state: 'approved' as const }, message: 'ja està aprovada' },
    ];
    const before = await agreementCounts(db());
    for (const { options, message } of cases) {
      const { itemId } = await meetingWithItem(db(), options);
      const page = await secretary.browser.get(`/ca/agenda-items/${itemId}/agreements/new`);
      expect(page.status).toBe(409);
      const response = await secretary.browser.post(`/ca/agenda-items/${itemId}/agreements/new`, voteForm());
      expect(response.status).toBe(409);
      expect(await text(response)).toContain(message);
    }
    expect(await agreementCounts(db())).toEqual(before);
    const started = await insertMeeting(db(), { state: 'convened', starts_at: new Date(Date.now() - 3600_000) });
    const item = await insertAgendaItem(db(), started);
    expect((await secretary.browser.post(`/ca/agenda-items/${item}/agreements/new`, voteForm())).status).toBe(303);
  });

  it('lets only those who run the meetings record one (a member gets 403) and hides a private body\'s items (404)', async () => {
    const { itemId } = await meetingWithItem(db());
    expect((await member.browser.post(`/ca/agenda-items/${itemId}/agreements/new`, voteForm())).status).toBe(403);
    expect((await member.browser.get(`/ca/agenda-items/${itemId}/agreements/new`)).status).toBe(403);
    expect((await app.agent().get(`/ca/agenda-items/${itemId}/agreements/new`)).status).toBeGreaterThanOrEqual(300);
  });
});

describe('editing an agreement', () => {
  it('changes its text until the minutes are approved, then refuses (409) and keeps it', async () => {
    const { meetingId, itemId } = await meetingWithItem(db());
    const created = await secretary.browser.post(`/ca/agenda-items/${itemId}/agreements/new`, voteForm({ method: 'consensus', action_items_0_title: '', action_items_0_owner: '', action_items_0_due_on: '' }));
    const id = Number((created.headers.get('location') ?? '').split('/').pop());
    const edit = await secretary.browser.get(`/ca/agreements/${id}/edit`);
    expect(edit.status).toBe(200);
    const saved = await secretary.browser.post(`/ca/agreements/${id}/edit`, { text_ca: 'Text corregit', text_es: '', text_en: '', method: 'consensus', result_options_0_label: '' });
    expect(saved.status).toBe(303);
    expect((await db().selectFrom('agreements').select('text').where('id', '=', id).executeTakeFirstOrThrow()).text).toEqual({ ca: 'Text corregit' });
    expect((await member.browser.post(`/ca/agreements/${id}/edit`, { text_ca: 'No', method: 'consensus' })).status).toBe(403);

    await db().updateTable('meetings').set({ minutes_state: 'approved' }).where('id', '=', meetingId).execute();
    expect((await secretary.browser.get(`/ca/agreements/${id}/edit`)).status).toBe(409);
    const refused = await secretary.browser.post(`/ca/agreements/${id}/edit`, { text_ca: 'Massa tard', method: 'consensus' });
    expect(refused.status).toBe(409);
    expect((await db().selectFrom('agreements').select('text').where('id', '=', id).executeTakeFirstOrThrow()).text).toEqual({ ca: 'Text corregit' });
  });
});

describe('action items', () => {
  it('are added from the agreement page by whoever runs the meetings, with the owner checked', async () => {
    const { itemId } = await meetingWithItem(db());
    const created = await secretary.browser.post(`/ca/agenda-items/${itemId}/agreements/new`, voteForm({ method: 'consensus', action_items_0_title: '', action_items_0_owner: '', action_items_0_due_on: '' }));
    const id = Number((created.headers.get('location') ?? '').split('/').pop());
    expect((await secretary.browser.get(`/ca/agreements/${id}/actions/new`)).status).toBe(200);
    const before = await agreementCounts(db());
    const refused = await secretary.browser.post(`/ca/agreements/${id}/actions/new`, { title: 'Fer-ho', owner: `person:${outsider.user.id}`, due_on: addDays(today, 3) });
    expect(refused.status).toBe(422);
    expect(await agreementCounts(db())).toEqual(before);
    const added = await secretary.browser.post(`/ca/agreements/${id}/actions/new`, { title: 'Fer-ho', owner: `person:${member.user.id}`, due_on: addDays(today, 3) });
    expect(added.status).toBe(303);
    expect((await member.browser.post(`/ca/agreements/${id}/actions/new`, { title: 'Jo', owner: `person:${member.user.id}`, due_on: addDays(today, 3) })).status).toBe(403);
  });

  it('are moved along by their owner (done records the day), not by someone else, and an owner changes only the state', async () => {
    const item = await db().selectFrom('action_items').selectAll().where('title', '=', 'Fer-ho').executeTakeFirstOrThrow();
    expect((await outsider.browser.post(`/ca/action-items/${item.id}/state`, { state: 'done' })).status).toBe(403);
    const done = await member.browser.post(`/ca/action-items/${item.id}/state`, { state: 'done' });
    expect(done.status).toBe(303);
    const after = await db().selectFrom('action_items').selectAll().where('id', '=', item.id).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ state: 'done', done_on: today });
    const edit = await member.browser.get(`/ca/action-items/${item.id}/edit`);
    expect(edit.status).toBe(200);
    expect(await edit.text()).not.toContain('name="due_on"');
    const reopened = await member.browser.post(`/ca/action-items/${item.id}/edit`, { state: 'in_progress', title: 'Canviat per qui no pot' });
    expect(reopened.status).toBe(303);
    const again = await db().selectFrom('action_items').selectAll().where('id', '=', item.id).executeTakeFirstOrThrow();
    expect(again).toMatchObject({ state: 'in_progress', done_on: null, title: 'Fer-ho' });
  });
});
