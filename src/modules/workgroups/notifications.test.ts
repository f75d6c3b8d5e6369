/**
 * Whom a proposal and a request to join are told to while the space is being set up: the
 * steering group, or — while it has nobody — the administrators, who may decide in its place.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { mailsTo, person, proposalForm, seatInSteering, slugFrom, type Person } from './test-support.js';

let app: TestApp;
let admin: Person;
let proposer: Person;

beforeAll(async () => {
  app = await createTestApp();
  admin = await person(app, { name: 'Anna Admin', roles: ['admin'], locale: 'en' });
  proposer = await person(app, { name: 'Pau Proposa' });
});
afterAll(() => app?.close());

describe('with nobody in the steering group yet', () => {
  it('tells the administrators of a proposal, in their language, with the link to decide', async () => {
    const slug = slugFrom(await proposer.browser.post('/ca/working-groups/new', proposalForm('Grup inicial')));
    const mails = await mailsTo(app, admin.user.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ locale: 'en', subject: 'New working group proposal: Grup inicial' });
    expect(mails[0]?.text_body).toContain(`http://localhost/en/bodies/${slug}/decision`);

    // The administrator approves; the proposer coordinates, and a request to join goes to them.
    expect((await admin.browser.post(`/en/bodies/${slug}/decision`, { decision: 'approve' })).status).toBe(303);
    const joiner = await person(app, { name: 'Joana Entra' });
    expect((await joiner.browser.post(`/ca/bodies/${slug}/join`, { as: 'individual', statement: 'Hola' })).status).toBe(303);
    expect((await mailsTo(app, proposer.user.email)).at(-1)?.subject).toBe('Joana Entra vol entrar a Grup inicial');
    expect(await mailsTo(app, admin.user.email)).toHaveLength(1);
  });

  it('tells the steering group alone once it has members', async () => {
    const steering = await person(app, { name: 'Sílvia Motor' });
    await seatInSteering(app, steering.user.id);
    await proposer.browser.post('/ca/working-groups/new', proposalForm('Grup segon'));
    expect((await mailsTo(app, steering.user.email)).map((m) => m.subject)).toEqual(['Nova proposta de grup de treball: Grup segon']);
    expect(await mailsTo(app, admin.user.email)).toHaveLength(1);
  });
});
