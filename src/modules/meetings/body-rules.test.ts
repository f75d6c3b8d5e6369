/** The body's meeting rules form: who may use it, what it refuses (values typed kept, nothing changed), what it writes and audits. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../../test/support/app.js';
import { insertGroup, insertMandate } from '../bodies/bodies-test-support.js';

let app: TestApp;
let coordinator: Agent;
let member: Agent;
let group: { id: number; slug: string };

const db = () => app.services.database.db;
const rulesOf = () =>
  db().selectFrom('bodies').select(['notice_days', 'dossier_days', 'quorum_basis', 'quorum_percent', 'meetings_public', 'named_votes']).where('id', '=', group.id).executeTakeFirstOrThrow();
/** The page's text with runs of white space as one space and apostrophes as typed. */
const text = async (response: Response) => (await response.text()).replace(/\s+/g, ' ').replace(/&#39;/g, "'");

const valid = { notice_days: '7', dossier_days: '2', quorum_basis: 'organisations', quorum_percent: '60', meetings_public: 'yes', named_votes: 'yes' };

beforeAll(async () => {
  app = await createTestApp({ TEIXIT_RENDER_CACHE: 'off' });
  group = await insertGroup(db(), { name: { ca: 'Grup de Normes' } });
  const lead = await app.createUser({ name: 'Coordinadora' });
  await insertMandate(db(), { body_id: group.id, person_id: lead.id, role: 'coordinator' });
  coordinator = app.agent();
  await coordinator.signIn(lead);
  const plain = await app.createUser({ name: 'Membre' });
  await insertMandate(db(), { body_id: group.id, person_id: plain.id });
  member = app.agent();
  await member.signIn(plain);
});
afterAll(async () => {
  await app?.close();
});

describe('the meeting rules form', () => {
  it("shows the body's rules with the defaults for its kind", async () => {
    const page = await coordinator.get(`/ca/bodies/${group.slug}/meeting-rules`);
    expect(page.status).toBe(200);
    const html = await text(page);
    expect(html).toContain('Normes de les sessions');
    expect(html).toContain('Per defecte: 3.');
    expect(html).toContain('El valor per defecte (només els membres)');
  });

  it('refuses 91 days of notice and a share over 100, keeping what was typed; nothing changes', async () => {
    const before = await rulesOf();
    const response = await coordinator.post(`/ca/bodies/${group.slug}/meeting-rules`, { ...valid, notice_days: '91', quorum_percent: '101' });
    expect(response.status).toBe(422);
    const html = await text(response);
    expect(html).toContain('Escriu un nombre enter de dies entre 0 i 90.');
    expect(html).toContain('Escriu un percentatge enter entre 1 i 100.');
    expect(html).toContain('value="91"');
    expect(html).toContain('value="101"');
    expect(html).toMatch(/value="organisations" checked=""/);
    expect(await rulesOf()).toEqual(before);
  });

  it('refuses a dossier due earlier than the notice, and nonsense choices', async () => {
    const before = await rulesOf();
    const late = await coordinator.post(`/en/bodies/${group.slug}/meeting-rules`, { ...valid, notice_days: '', dossier_days: '5' });
    expect(late.status).toBe(422);
    expect(await text(late)).toContain('The dossier must be complete at most as many days before the meeting as the notice (3).');
    const nonsense = await coordinator.post(`/ca/bodies/${group.slug}/meeting-rules`, { ...valid, quorum_basis: 'votes', named_votes: 'maybe', notice_days: 'deu' });
    expect(nonsense.status).toBe(422);
    expect(await text(nonsense)).toContain('Tria una de les opcions.');
    expect(await rulesOf()).toEqual(before);
  });

  it('saves, audits (before and after) and reads back; empty fields return to the defaults', async () => {
    const saved = await coordinator.post(`/ca/bodies/${group.slug}/meeting-rules`, valid);
    expect(saved.status).toBe(303);
    expect(await rulesOf()).toEqual({ notice_days: 7, dossier_days: 2, quorum_basis: 'organisations', quorum_percent: 60, meetings_public: true, named_votes: true });
    const audit = await db().selectFrom('audit_log').selectAll().where('action', '=', 'meetings.rules.update').where('subject_id', '=', String(group.id)).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.before).toMatchObject({ notice_days: null, quorum_basis: 'members' });
    expect(audit[0]?.after).toMatchObject({ notice_days: 7, quorum_basis: 'organisations', meetings_public: true });
    expect(await text(await coordinator.get(`/ca/bodies/${group.slug}/meeting-rules`))).toContain("S'han desat les normes de les sessions.");
    const reset = await coordinator.post(`/ca/bodies/${group.slug}/meeting-rules`, { ...valid, notice_days: '', dossier_days: '', meetings_public: 'default', named_votes: 'no' });
    expect(reset.status).toBe(303);
    expect(await rulesOf()).toMatchObject({ notice_days: null, dossier_days: null, meetings_public: null, named_votes: false });
  });

  it('is refused to a member who does not run the meetings (403) and to a visitor; an unknown body is 404', async () => {
    const before = await rulesOf();
    expect((await member.get(`/ca/bodies/${group.slug}/meeting-rules`)).status).toBe(403);
    expect((await member.post(`/ca/bodies/${group.slug}/meeting-rules`, valid)).status).toBe(403);
    const visitor = await app.agent().get(`/ca/bodies/${group.slug}/meeting-rules`);
    expect(visitor.status).not.toBe(200);
    expect((await coordinator.get('/ca/bodies/no-existeix/meeting-rules')).status).toBe(404);
    expect(await rulesOf()).toEqual(before);
  });
});
