/**
 * A working group's whole life through the pages people use: proposed → approved (its proposer
 * its first coordinator) → people ask to join and are accepted → reports → extended → closing →
 * final report → closed and frozen; and a proposal declined. E-mails land in the outbox in each
 * recipient's language.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { addDays, addMonths } from './dates.js';
import { spaceToday } from './groups.js';
import { countRows, groupRow, mailsTo, pageText, person, proposalForm, seatInSteering, slugFrom, type Person } from './test-support.js';

let app: TestApp;
let proposer: Person; // writes in Spanish
let steering: Person; // reads in English
let joiner: Person;
let other: Person;
let slug: string;
const today = spaceToday();

beforeAll(async () => {
  app = await createTestApp();
  proposer = await person(app, { name: 'Marta Proposa', locale: 'es' });
  steering = await person(app, { name: 'Steve Motor', locale: 'en' });
  joiner = await person(app, { name: 'Joan Entra' });
  other = await person(app, { name: 'Olga Altra' });
  await seatInSteering(app, steering.user.id);
});
afterAll(() => app?.close());

async function decisions(bodySlug: string) {
  const group = await groupRow(app, bodySlug);
  return app.services.database.db.selectFrom('body_decisions').selectAll().where('body_id', '=', group.id).orderBy('id').execute();
}

describe('a working group from proposal to closing', () => {
  it('is proposed by any signed-in person and waits for the steering group, who hear of it in their language', async () => {
    // Pages people open are in their own language (and a GET remembers it as theirs).
    const form = await proposer.browser.get('/es/working-groups/new');
    expect(form.status).toBe(200);
    expect(await pageText(form)).toContain('Propón un grupo de trabajo');

    const response = await proposer.browser.post('/ca/working-groups/new', proposalForm('Economia de les cures', { name_es: 'Economía de los cuidados', charter_method_en: 'Monthly meetings' }));
    expect(response.status).toBe(303);
    slug = slugFrom(response);
    expect(slug).toBe('economia-de-les-cures');

    const group = await groupRow(app, slug);
    expect(group).toMatchObject({ kind: 'working_group', state: 'proposed', open: true, parent_id: 1, proposed_by: proposer.user.id, starts_on: null });
    expect(group.name).toEqual({ ca: 'Economia de les cures', es: 'Economía de los cuidados' });
    expect(group.charter?.method).toEqual({ ca: 'Reunions i documents compartits', en: 'Monthly meetings' });
    expect(group.allowed_levels.map(Number)).toEqual([1, 2, 3]);
    expect(group.report_interval_days).toBe(90);
    expect((await decisions(slug)).map((d) => d.action)).toEqual(['proposed']);

    const audit = await app.services.database.db.selectFrom('audit_log').select(['action', 'actor_id']).where('subject_id', '=', String(group.id)).execute();
    expect(audit).toContainEqual({ action: 'workgroups.propose', actor_id: proposer.user.id });

    const mails = await mailsTo(app, steering.user.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ locale: 'en', subject: 'New working group proposal: Economia de les cures' });
    expect(mails[0]?.text_body).toContain(`http://localhost/en/bodies/${slug}/decision`);
    expect(mails[0]?.text_body).toContain('Marta Proposa');
  });

  it('gives the same name a new slug', async () => {
    const response = await other.browser.post('/ca/working-groups/new', proposalForm('Economia de les Cures!'));
    expect(slugFrom(response)).toBe('economia-de-les-cures-2');
  });

  it('refuses a proposal without a charter, with a sunset in the past or more than 24 months ahead, changing nothing', async () => {
    const before = await countRows(app, 'bodies');
    const noCharter = await proposer.browser.post('/ca/working-groups/new', proposalForm('Sense res', { charter_objectives_ca: '', charter_deliverables_ca: ' ' }));
    expect(noCharter.status).toBe(422);
    const page = await pageText(noCharter);
    expect(page).toContain('Escriu els objectius en català.');
    expect(page).toContain('Escriu els resultats esperats en català.');
    expect(page).toContain('value="Sense res"');

    const past = await proposer.browser.post('/ca/working-groups/new', proposalForm('Massa tard', { sunset_on: addDays(today, -1) }));
    expect(past.status).toBe(422);
    expect(await pageText(past)).toContain('La data de finalització ha de ser posterior a avui.');

    const todayItself = await proposer.browser.post('/ca/working-groups/new', proposalForm('Avui mateix', { sunset_on: today }));
    expect(todayItself.status).toBe(422);

    const far = await proposer.browser.post('/ca/working-groups/new', proposalForm('Massa lluny', { sunset_on: addDays(addMonths(today, 24), 1) }));
    expect(far.status).toBe(422);
    expect(await pageText(far)).toContain('24 mesos des d');

    const noLevel = await proposer.browser.post('/ca/working-groups/new', proposalForm('Sense nivells', { allowed_levels: [] }));
    expect(noLevel.status).toBe(422);
    expect(await pageText(noLevel)).toContain('Tria almenys un nivell');

    const atTheLimit = await proposer.browser.post('/ca/working-groups/new', proposalForm('Al límit', { sunset_on: addMonths(today, 24) }));
    expect(atTheLimit.status).toBe(303);
    expect(await countRows(app, 'bodies')).toBe(before + 1);
  });

  it('is approved by the steering group: active from today, its proposer its first coordinator, told in Spanish', async () => {
    const page = await steering.browser.get(`/en/bodies/${slug}/decision`);
    expect(page.status).toBe(200);
    const html = await pageText(page);
    expect(html).toContain('Objectius del grup');
    expect(html).toContain('Monthly meetings');
    expect(html).toContain('Marta Proposa, as an individual');

    const response = await steering.browser.post(`/en/bodies/${slug}/decision`, { decision: 'approve', reason: 'Endavant' });
    expect(response.status).toBe(303);
    const group = await groupRow(app, slug);
    expect(group).toMatchObject({ state: 'active', starts_on: today });
    expect((await decisions(slug)).map((d) => [d.action, d.reason, d.decided_by])).toEqual([
      ['proposed', '', proposer.user.id],
      ['approved', 'Endavant', steering.user.id],
    ]);
    const mandates = await app.services.database.db.selectFrom('mandates').selectAll().where('body_id', '=', group.id).execute();
    expect(mandates).toHaveLength(1);
    expect(mandates[0]).toMatchObject({ person_id: proposer.user.id, role: 'coordinator', college: 'trajectory', organisation_id: null, starts_on: today, ends_on: null });

    const mails = await mailsTo(app, proposer.user.email);
    expect(mails.at(-1)).toMatchObject({ locale: 'es', subject: 'Se ha aprobado el grupo de trabajo Economía de los cuidados' });
    expect(mails.at(-1)?.text_body).toContain('eres su primera persona coordinadora');
    expect(mails.at(-1)?.text_body).toContain('Endavant');
  });

  it('refuses a second decision clearly: the group is not awaiting one', async () => {
    const page = await steering.browser.get(`/en/bodies/${slug}/decision`);
    expect(page.status).toBe(409);
    expect(await pageText(page)).toContain('This group is not awaiting a decision');
    const again = await steering.browser.post(`/ca/bodies/${slug}/decision`, { decision: 'decline', reason: 'Millor no' });
    expect(again.status).toBe(409);
    expect((await groupRow(app, slug)).state).toBe('active');
  });

  it('takes a request to join from an individual with a statement, and tells the coordinator', async () => {
    const form = await joiner.browser.get(`/ca/bodies/${slug}/join`);
    expect(form.status).toBe(200);

    const missing = await joiner.browser.post(`/ca/bodies/${slug}/join`, { as: 'individual', statement: '' });
    expect(missing.status).toBe(422);
    expect(await pageText(missing)).toContain('Escriu una breu presentació');
    const tooLong = await joiner.browser.post(`/ca/bodies/${slug}/join`, { as: 'individual', statement: 'x'.repeat(1001) });
    expect(tooLong.status).toBe(422);
    expect(await countRows(app, 'join_requests')).toBe(0);

    const response = await joiner.browser.post(`/ca/bodies/${slug}/join`, { as: 'individual', statement: 'Treballo en cures comunitàries.' });
    expect(response.status).toBe(303);
    const mails = await mailsTo(app, proposer.user.email);
    expect(mails.at(-1)).toMatchObject({ locale: 'es', subject: 'Joan Entra quiere entrar en Economía de los cuidados' });
    expect(mails.at(-1)?.text_body).toContain('a título individual');
    expect(mails.at(-1)?.text_body).toContain(`/es/bodies/${slug}/join-requests`);

    const pending = await joiner.browser.get(`/ca/bodies/${slug}/join`);
    expect(pending.status).toBe(200);
    expect(await pageText(pending)).toContain('Retira la petició');

    // The coordinator's "My space" says a request waits, and links to it.
    const mySpace = await pageText(await proposer.browser.get('/es/me'));
    expect(mySpace).toContain('Los grupos de trabajo que coordinas');
    expect(mySpace).toContain(`href="/es/bodies/${slug}/join-requests"`);
    expect(mySpace).toContain('Peticiones para entrar pendientes');
  });

  it('refuses a duplicate request, changing nothing', async () => {
    const before = await countRows(app, 'join_requests');
    const again = await joiner.browser.post(`/ca/bodies/${slug}/join`, { as: 'individual', statement: 'Un altre cop' });
    expect(again.status).toBe(409);
    expect(await pageText(again)).toContain('Ja vas demanar entrar en aquest grup');
    expect(await countRows(app, 'join_requests')).toBe(before);
  });

  it('refuses an organisation of a level the group does not admit', async () => {
    const platform = await app.services.database.db
      .insertInto('organisations')
      .values({ name: 'Plataforma de prova', short_name: 'PLAT', kind: 'entity', level: 4 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const response = await other.browser.post(`/ca/bodies/${slug}/join`, { as: 'organisation', organisation_id: String(platform.id), statement: '' });
    expect(response.status).toBe(422);
    expect(await pageText(response)).toContain('Aquest grup només admet entitats');
  });

  it('lets the coordinator accept the request, choosing the college: a member mandate from today, and an e-mail', async () => {
    const list = await proposer.browser.get(`/es/bodies/${slug}/join-requests`);
    expect(list.status).toBe(200);
    const html = await pageText(list);
    expect(html).toContain('Treballo en cures comunitàries.');
    const request = await app.services.database.db.selectFrom('join_requests').selectAll().where('person_id', '=', joiner.user.id).executeTakeFirstOrThrow();

    const wrongCollege = await proposer.browser.post(`/ca/bodies/${slug}/join-requests/${request.id}`, { decision: 'accept', [`college_${request.id}`]: 'entity' });
    expect(wrongCollege.status).toBe(422);

    const response = await proposer.browser.post(`/ca/bodies/${slug}/join-requests/${request.id}`, { decision: 'accept', [`college_${request.id}`]: 'non_articulated', [`reason_${request.id}`]: 'Benvinguda!' });
    expect(response.status).toBe(303);
    const settled = await app.services.database.db.selectFrom('join_requests').selectAll().where('id', '=', request.id).executeTakeFirstOrThrow();
    expect(settled).toMatchObject({ state: 'accepted', decided_by: proposer.user.id, decision_reason: 'Benvinguda!' });
    const mandate = await app.services.database.db.selectFrom('mandates').selectAll().where('id', '=', Number(settled.mandate_id)).executeTakeFirstOrThrow();
    expect(mandate).toMatchObject({ person_id: joiner.user.id, role: 'member', college: 'non_articulated', starts_on: today });
    const mails = await mailsTo(app, joiner.user.email);
    expect(mails.at(-1)).toMatchObject({ locale: 'ca', subject: "Ja formes part d'Economia de les cures" });
    expect(mails.at(-1)?.text_body).toContain('Benvinguda!');

    const again = await proposer.browser.post(`/ca/bodies/${slug}/join-requests/${request.id}`, { decision: 'decline' });
    expect(again.status).toBe(409);

    const member = await joiner.browser.get(`/ca/bodies/${slug}/join`);
    expect(member.status).toBe(409);
    expect(await pageText(member)).toContain('Ja formes part d');
  });

  it('lets a person withdraw their own pending request, and the coordinator decline another with a reason', async () => {
    await other.browser.post(`/ca/bodies/${slug}/join`, { as: 'individual', statement: 'Primer intent' });
    const first = await app.services.database.db.selectFrom('join_requests').selectAll().where('person_id', '=', other.user.id).executeTakeFirstOrThrow();
    const byStranger = await joiner.browser.post(`/ca/bodies/${slug}/join/withdraw`, { request_id: String(first.id) });
    expect(byStranger.status).toBe(403);
    const throughAnotherGroup = await other.browser.post('/ca/bodies/economia-de-les-cures-2/join/withdraw', { request_id: String(first.id) });
    expect(throughAnotherGroup.status).toBe(404);
    expect((await app.services.database.db.selectFrom('join_requests').select('state').where('id', '=', first.id).executeTakeFirstOrThrow()).state).toBe('pending');
    const withdrawn = await other.browser.post(`/ca/bodies/${slug}/join/withdraw`, { request_id: String(first.id) });
    expect(withdrawn.status).toBe(303);
    expect((await app.services.database.db.selectFrom('join_requests').select('state').where('id', '=', first.id).executeTakeFirstOrThrow()).state).toBe('withdrawn');

    await other.browser.post(`/ca/bodies/${slug}/join`, { as: 'individual', statement: 'Segon intent' });
    const second = await app.services.database.db.selectFrom('join_requests').selectAll().where('person_id', '=', other.user.id).where('state', '=', 'pending').executeTakeFirstOrThrow();
    const declined = await proposer.browser.post(`/ca/bodies/${slug}/join-requests/${second.id}`, { decision: 'decline', [`reason_${second.id}`]: 'El grup ja és complet' });
    expect(declined.status).toBe(303);
    const mails = await mailsTo(app, other.user.email);
    expect(mails.at(-1)?.subject).toBe('Resposta a la teva petició per entrar a Economia de les cures');
    expect(mails.at(-1)?.text_body).toContain('El grup ja és complet');
  });

  it('takes periodic reports from its coordinators and shows them to everyone', async () => {
    const form = await proposer.browser.get(`/es/bodies/${slug}/reports/new`);
    expect(form.status).toBe(200);
    const bad = await proposer.browser.post(`/ca/bodies/${slug}/reports/new`, { kind: 'periodic', period_start: today, period_end: addDays(today, 1), progress: 'x' });
    expect(bad.status).toBe(422);
    expect(await pageText(bad)).toContain("El període no pot acabar després d'avui.");
    const final = await proposer.browser.post(`/ca/bodies/${slug}/reports/new`, { kind: 'final', period_start: today, period_end: today, progress: 'x' });
    expect(final.status).toBe(422);
    const response = await proposer.browser.post(`/ca/bodies/${slug}/reports/new`, { kind: 'periodic', period_start: today, period_end: today, progress: 'Primera reunió feta', next_steps: 'Mapa de cures', blockers: '' });
    expect(response.status).toBe(303);

    const visitor = app.agent();
    const list = await visitor.get(`/ca/bodies/${slug}/reports`);
    expect(list.status).toBe(200);
    const html = await pageText(list);
    expect(html).toContain('Primera reunió feta');
    expect(html).toContain('Presentat per Marta Proposa');

    const stranger = await other.browser.get(`/ca/bodies/${slug}/reports/new`);
    expect(stranger.status).toBe(403);
  });

  it('is extended by the steering group with a reason, recorded with the dates before and after', async () => {
    const before = (await groupRow(app, slug)).sunset_on;
    // The date field allows from the day after the current sunset to 24 months from today.
    const form = await pageText(await steering.browser.get(`/ca/bodies/${slug}/extend`));
    expect(form).toContain(`min="${addDays(before ?? today, 1)}" max="${addMonths(today, 24)}"`);
    const decisionsBefore = await countRows(app, 'body_decisions');
    const noReason = await steering.browser.post(`/ca/bodies/${slug}/extend`, { sunset_on: addDays(today, 300), reason: '' });
    expect(noReason.status).toBe(422);
    expect(await pageText(noReason)).toContain("Explica per què s'allarga el grup.");
    const earlier = await steering.browser.post(`/ca/bodies/${slug}/extend`, { sunset_on: addDays(today, 10), reason: 'Més curt' });
    expect(earlier.status).toBe(422);
    const tooFar = await steering.browser.post(`/ca/bodies/${slug}/extend`, { sunset_on: addDays(addMonths(today, 24), 1), reason: 'Molt més' });
    expect(tooFar.status).toBe(422);
    expect((await groupRow(app, slug)).sunset_on).toBe(before);
    expect(await countRows(app, 'body_decisions')).toBe(decisionsBefore);

    const byCoordinator = await proposer.browser.post(`/ca/bodies/${slug}/extend`, { sunset_on: addDays(today, 300), reason: 'Jo mateixa' });
    expect(byCoordinator.status).toBe(403);

    const response = await steering.browser.post(`/ca/bodies/${slug}/extend`, { sunset_on: addDays(today, 300), reason: 'Cal més temps' });
    expect(response.status).toBe(303);
    expect((await groupRow(app, slug)).sunset_on).toBe(addDays(today, 300));
    const extended = (await decisions(slug)).at(-1);
    expect(extended).toMatchObject({ action: 'extended', reason: 'Cal més temps', sunset_before: before, sunset_after: addDays(today, 300) });
  });

  it('moves to closing at its coordinator\'s request; then nobody joins, a pending request is declined with word to its author, and the final report is due', async () => {
    const waiting = await person(app, { name: 'Víctor Espera', locale: 'es' });
    expect((await waiting.browser.post(`/ca/bodies/${slug}/join`, { as: 'individual', statement: 'Encara hi arribo' })).status).toBe(303);
    const pendingRequest = async () => app.services.database.db.selectFrom('join_requests').selectAll().where('person_id', '=', waiting.user.id).executeTakeFirstOrThrow();

    const noReason = await proposer.browser.post(`/ca/bodies/${slug}/close`, { step: 'closing', reason: '' });
    expect(noReason.status).toBe(422);
    expect((await pendingRequest()).state).toBe('pending');
    const response = await proposer.browser.post(`/ca/bodies/${slug}/close`, { step: 'closing', reason: 'Objectius complerts' });
    expect(response.status).toBe(303);
    expect((await groupRow(app, slug)).state).toBe('closing');

    expect(await pendingRequest()).toMatchObject({ state: 'declined', decided_by: proposer.user.id, decision_reason: 'El grup ha entrat en tancament.' });
    const told = await mailsTo(app, waiting.user.email);
    expect(told.at(-1)).toMatchObject({ locale: 'es', subject: 'Tu petición para entrar en Economía de los cuidados' });
    expect(told.at(-1)?.text_body).toContain(`http://localhost/es/bodies/${slug}\n`);
    expect(await pageText(await proposer.browser.get(`/ca/bodies/${slug}/join-requests`))).toContain('No hi ha cap petició pendent');

    const outsider = await person(app, { name: 'Tard Arribada' });
    const join = await outsider.browser.post(`/ca/bodies/${slug}/join`, { as: 'individual', statement: 'Hola' });
    expect(join.status).toBe(409);
    expect(await pageText(join)).toContain('és en tancament');

    const closePage = await steering.browser.get(`/en/bodies/${slug}/close`);
    expect(closePage.status).toBe(200);
    expect(await pageText(closePage)).toContain('The final report is due before the group can be closed.');
    const close = await steering.browser.post(`/ca/bodies/${slug}/close`, { step: 'closed' });
    expect(close.status).toBe(409);
    expect(await pageText(close)).toContain("cal presentar l'informe final");
    expect((await groupRow(app, slug)).state).toBe('closing');
  });

  it('is closed by the steering group once the final report is in: mandates end, joins and reports refused, pages readable', async () => {
    const byCoordinator = await proposer.browser.post(`/ca/bodies/${slug}/reports/new`, { kind: 'final', period_start: today, period_end: today, progress: 'Guia publicada' });
    expect(byCoordinator.status).toBe(303);
    const steeringMails = await mailsTo(app, steering.user.email);
    expect(steeringMails.at(-1)?.subject).toBe('Economia de les cures has filed its final report');

    const notByCoordinator = await proposer.browser.post(`/ca/bodies/${slug}/close`, { step: 'closed' });
    expect(notByCoordinator.status).toBe(403);
    const response = await steering.browser.post(`/ca/bodies/${slug}/close`, { step: 'closed', reason: 'Bona feina' });
    expect(response.status).toBe(303);
    const group = await groupRow(app, slug);
    expect(group.state).toBe('closed');
    expect(group.open).toBe(false);
    // Every mandate in it ends: those begun before today end today; these two began today, so
    // they end tomorrow, the first day the table's dates allow.
    const mandates = await app.services.database.db.selectFrom('mandates').select(['person_id', 'ends_on', 'end_reason']).where('body_id', '=', group.id).orderBy('id').execute();
    expect(mandates).toEqual([
      { person_id: proposer.user.id, ends_on: addDays(today, 1), end_reason: 'Tancament del grup de treball' },
      { person_id: joiner.user.id, ends_on: addDays(today, 1), end_reason: 'Tancament del grup de treball' },
    ]);
    expect((await decisions(slug)).map((d) => d.action)).toEqual(['proposed', 'approved', 'extended', 'closing', 'closed']);

    const outsider = await person(app, { name: 'Massa Tard' });
    expect((await outsider.browser.post(`/ca/bodies/${slug}/join`, { as: 'individual', statement: 'Hola' })).status).toBe(409);
    expect((await proposer.browser.get(`/es/bodies/${slug}/reports/new`)).status).toBe(409);
    expect((await steering.browser.post(`/ca/bodies/${slug}/extend`, { sunset_on: addDays(today, 400), reason: 'Tornem-hi' })).status).toBe(409);
    expect((await app.agent().get(`/ca/bodies/${slug}/reports`)).status).toBe(200);
  });
});

describe('a declined proposal', () => {
  it('needs a reason, is recorded, tells its proposer, and takes no requests', async () => {
    const response = await other.browser.post('/ca/working-groups/new', proposalForm('Grup sense futur'));
    const declinedSlug = slugFrom(response);
    const noReason = await steering.browser.post(`/ca/bodies/${declinedSlug}/decision`, { decision: 'decline', reason: '' });
    expect(noReason.status).toBe(422);
    expect(await pageText(noReason)).toContain('Explica per què no s');
    expect((await groupRow(app, declinedSlug)).state).toBe('proposed');

    const joinEarly = await joiner.browser.post(`/ca/bodies/${declinedSlug}/join`, { as: 'individual', statement: 'Vull entrar' });
    expect(joinEarly.status).toBe(409);
    expect(await pageText(joinEarly)).toContain("espera l'aprovació del grup motor");

    const declined = await steering.browser.post(`/ca/bodies/${declinedSlug}/decision`, { decision: 'decline', reason: 'Ja ho fa un altre grup' });
    expect(declined.status).toBe(303);
    expect(await groupRow(app, declinedSlug)).toMatchObject({ state: 'declined', open: false, starts_on: null });
    expect((await decisions(declinedSlug)).at(-1)).toMatchObject({ action: 'declined', reason: 'Ja ho fa un altre grup' });
    const mails = await mailsTo(app, other.user.email);
    expect(mails.at(-1)?.subject).toBe("No s'ha aprovat el grup de treball Grup sense futur");
    expect(mails.at(-1)?.text_body).toContain('Ja ho fa un altre grup');

    const join = await joiner.browser.post(`/ca/bodies/${declinedSlug}/join`, { as: 'individual', statement: 'Vull entrar' });
    expect(join.status).toBe(409);
    expect(await pageText(join)).toContain('el grup motor no el va aprovar');
  });
});

describe("a person's working-group data", () => {
  it('comes in "download my data": their requests with their statements, the groups they proposed, the reports they filed', async () => {
    const joined = await joiner.browser.post('/ca/account/data');
    expect(joined.status).toBe(200);
    const joinerData = (await joined.json()) as { modules: { workgroups: { join_requests: Array<{ statement: string; state: string; group: { slug: string } }> } } };
    expect(joinerData.modules.workgroups.join_requests).toEqual([
      expect.objectContaining({ statement: 'Treballo en cures comunitàries.', state: 'accepted', group: expect.objectContaining({ slug }) }),
    ]);
    const proposerData = (await (await proposer.browser.post('/ca/account/data')).json()) as {
      modules: { workgroups: { proposed_working_groups: Array<{ slug: string }>; reports_filed: Array<{ kind: string }> } };
    };
    expect(proposerData.modules.workgroups.proposed_working_groups.map((g) => g.slug)).toContain(slug);
    expect(proposerData.modules.workgroups.reports_filed.map((r) => r.kind)).toEqual(['periodic', 'final']);
  });
});

describe('a proposal on behalf of an organisation', () => {
  it('makes its proposer the first coordinator for that organisation, in the entity college', async () => {
    const federation = await app.services.database.db
      .insertInto('organisations')
      .values({ name: 'Federació de prova', short_name: 'FEDPROVA', kind: 'entity', level: 2 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const notAdmitted = await other.browser.post('/ca/working-groups/new', proposalForm('Grup federat', { organisation_id: String(federation.id), allowed_levels: ['1'] }));
    expect(notAdmitted.status).toBe(422);
    expect(await pageText(notAdmitted)).toContain('Federació de prova és una entitat de nivell 2');

    const slugForOrg = slugFrom(await other.browser.post('/ca/working-groups/new', proposalForm('Grup federat', { organisation_id: String(federation.id), allowed_levels: ['1', '2'] })));
    const decision = await pageText(await steering.browser.get(`/en/bodies/${slugForOrg}/decision`));
    expect(decision).toContain('Olga Altra, on behalf of Federació de prova');

    // The federation is now recorded at a level the group does not admit: approving would seat
    // its proposer against the group's rule, so it is refused beside the decision, and nothing changes.
    await app.services.database.db.updateTable('organisations').set({ level: 3 }).where('id', '=', Number(federation.id)).execute();
    const refused = await steering.browser.post(`/ca/bodies/${slugForOrg}/decision`, { decision: 'approve', reason: 'Endavant' });
    expect(refused.status).toBe(422);
    const refusedPage = await pageText(refused);
    expect(refusedPage).toContain('href="#field-decision"');
    expect(refusedPage).toContain('FEDPROVA és una entitat de nivell 3');
    expect(refusedPage).not.toContain('href="#field-organisation_id"');
    expect(refusedPage).toContain('>Endavant</textarea>');
    expect((await groupRow(app, slugForOrg)).state).toBe('proposed');
    await app.services.database.db.updateTable('organisations').set({ level: 2 }).where('id', '=', Number(federation.id)).execute();
    expect((await steering.browser.post(`/en/bodies/${slugForOrg}/decision`, { decision: 'approve' })).status).toBe(303);
    const group = await groupRow(app, slugForOrg);
    const mandate = await app.services.database.db.selectFrom('mandates').selectAll().where('body_id', '=', group.id).executeTakeFirstOrThrow();
    expect(mandate).toMatchObject({ person_id: other.user.id, organisation_id: Number(federation.id), college: 'entity', role: 'coordinator', starts_on: today });
  });
});
