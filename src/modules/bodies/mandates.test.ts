/**
 * The mandate rules, as the secretariat meets them: seats per representative entity, alternates,
 * allowed colleges and levels, who may sit for what, one seat per person, the body's state, and
 * ending a mandate. Every refusal changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { isAppError, type AppError } from '../../kernel/errors.js';
import { translate } from '../../kernel/i18n/index.js';
import { addMandate, endMandate } from './mandates.js';
import { makeOrganisation, makeWorkingGroup, PLENARY, scopeAs, seat, STEERING } from './mandates.fixtures.js';
import { standingOf } from './membership.js';

let app: TestApp;
let admin: Awaited<ReturnType<TestApp['createUser']>>;

beforeAll(async () => {
  app = await createTestApp();
  admin = await app.createUser({ name: 'Teresa Admin', roles: ['admin'] });
});
afterAll(async () => {
  await app?.close();
});

const person = (name: string) => app.createUser({ name });

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error('expected the command to be refused');
}

const messageOf = (error: AppError) => translate('ca', error.messageKey, error.params);

async function mandateCount(bodyId: number): Promise<number> {
  const row = await app.services.database.db.selectFrom('mandates').select((eb) => eb.fn.countAll<number>().as('n')).where('body_id', '=', bodyId).executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('adding a delegate to the plenary', () => {
  it('adds the delegate of a representative federation and records it in the public audit trail', async () => {
    const fctc = await makeOrganisation(app, { short_name: 'FCTC-a' });
    const laia = await person('Laia Ferrer');
    const id = await addMandate(scopeAs(app, admin), {
      body_id: PLENARY.id, person_id: laia.id, organisation_id: fctc.id, college: 'entity', role: 'member', starts_on: '2024-02-01',
    });
    const row = await app.services.database.db.selectFrom('mandates').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ college: 'entity', role: 'member', starts_on: '2024-02-01', ends_on: null, created_by: admin.id });
    const audit = await app.services.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'bodies.mandate.add').where('subject_id', '=', String(id)).executeTakeFirstOrThrow();
    expect(audit.visibility).toBe('public');
  });

  it('refuses a third delegate of the same federation, names the rule and who holds the seats, and changes nothing', async () => {
    const fctc = await makeOrganisation(app, { short_name: 'FCTC-b' });
    const [anna, bernat, carla] = [await person('Anna Puig'), await person('Bernat Soler'), await person('Carla Vidal')];
    await seat(app, { body_id: PLENARY.id, person_id: anna.id, organisation_id: fctc.id });
    await seat(app, { body_id: PLENARY.id, person_id: bernat.id, organisation_id: fctc.id });
    const before = await mandateCount(PLENARY.id);
    const error = await refusal(addMandate(scopeAs(app, admin), {
      body_id: PLENARY.id, person_id: carla.id, organisation_id: fctc.id, college: 'entity', role: 'member', starts_on: '2025-01-01',
    }));
    expect(error.status).toBe(409);
    expect(error.messageKey).toBe('mandates.errors.seats_full');
    const message = messageOf(error);
    expect(message).toContain("L'òrgan Àmbit Participat admet 2 persones delegades per entitat representativa");
    expect(message).toContain('FCTC-b');
    expect(message).toContain('Anna Puig');
    expect(message).toContain('Bernat Soler');
    expect(await mandateCount(PLENARY.id)).toBe(before);
  });

  it('says the rule in Spanish and English too', async () => {
    const xes = await makeOrganisation(app, { short_name: 'XES-lang' });
    await seat(app, { body_id: PLENARY.id, person_id: (await person('Dolors Roca')).id, organisation_id: xes.id });
    await seat(app, { body_id: PLENARY.id, person_id: (await person('Enric Mas')).id, organisation_id: xes.id });
    const third = await person('Fina Costa');
    const input = { body_id: PLENARY.id, person_id: third.id, organisation_id: xes.id, college: 'entity', role: 'member', starts_on: '2025-01-01' };
    const es = await refusal(addMandate(scopeAs(app, admin, 'es'), input));
    expect(translate('es', es.messageKey, es.params)).toContain('Ámbito Participado admite 2 personas delegadas por entidad representativa');
    const en = await refusal(addMandate(scopeAs(app, admin, 'en'), input));
    expect(translate('en', en.messageKey, en.params)).toMatch(/admits 2 delegates per representative entity.*Dolors Roca and Enric Mas/);
  });

  it('lets an alternate sit beside two delegates: alternates do not take a seat', async () => {
    const coop = await makeOrganisation(app, { short_name: 'COOP-alt' });
    await seat(app, { body_id: PLENARY.id, person_id: (await person('Gemma Pons')).id, organisation_id: coop.id });
    await seat(app, { body_id: PLENARY.id, person_id: (await person('Hug Bas')).id, organisation_id: coop.id });
    await seat(app, { body_id: PLENARY.id, person_id: (await person('Irene Oms')).id, organisation_id: coop.id, role: 'alternate' });
    const id = await addMandate(scopeAs(app, admin), {
      body_id: PLENARY.id, person_id: (await person('Joan Sala')).id, organisation_id: coop.id, college: 'entity', role: 'alternate', starts_on: '2025-01-01',
    });
    expect(id).toBeGreaterThan(0);
  });

  it('frees a seat when a delegate’s mandate ends, and counts only mandates that overlap in time', async () => {
    const fed = await makeOrganisation(app, { short_name: 'FED-time' });
    const kim = await person('Kim Rius');
    await seat(app, { body_id: PLENARY.id, person_id: kim.id, organisation_id: fed.id, starts_on: '2020-01-01', ends_on: '2022-01-01' });
    await seat(app, { body_id: PLENARY.id, person_id: (await person('Lluc Pi')).id, organisation_id: fed.id, starts_on: '2021-01-01', ends_on: '2023-01-01' });
    await seat(app, { body_id: PLENARY.id, person_id: (await person('Marta Gil')).id, organisation_id: fed.id, starts_on: '2022-06-01' });
    // From 2023 only Marta sits for FED-time: one seat is free.
    await addMandate(scopeAs(app, admin), {
      body_id: PLENARY.id, person_id: (await person('Nil Font')).id, organisation_id: fed.id, college: 'entity', role: 'member', starts_on: '2023-01-01',
    });
    // Back in 2021 Kim and Lluc held both seats: a mandate from then is refused, naming them.
    const error = await refusal(addMandate(scopeAs(app, admin), {
      body_id: PLENARY.id, person_id: (await person('Oriol Vila')).id, organisation_id: fed.id, college: 'entity', role: 'member', starts_on: '2021-03-01', ends_on: '2021-06-01',
    }));
    expect(error.messageKey).toBe('mandates.errors.seats_full');
    expect(messageOf(error)).toContain('Kim Rius i Lluc Pi');
  });

  it('refuses a delegate of an entity that is not representative, or was recognised only later', async () => {
    const plain = await makeOrganisation(app, { short_name: 'NOREP', representative_since: null });
    const later = await makeOrganisation(app, { short_name: 'LATER', representative_since: '2025-06-01' });
    const p = await person('Pau Serra');
    const one = await refusal(addMandate(scopeAs(app, admin), { body_id: PLENARY.id, person_id: p.id, organisation_id: plain.id, college: 'entity', role: 'member', starts_on: '2025-01-01' }));
    expect([one.status, one.messageKey]).toEqual([409, 'mandates.errors.not_representative']);
    expect(messageOf(one)).toContain('NOREP no és una entitat representativa');
    const two = await refusal(addMandate(scopeAs(app, admin), { body_id: PLENARY.id, person_id: p.id, organisation_id: later.id, college: 'entity', role: 'member', starts_on: '2025-01-01' }));
    expect(two.messageKey).toBe('mandates.errors.not_representative');
  });

  it('refuses an organisation of a level the body does not seat', async () => {
    const coop = await makeOrganisation(app, { short_name: 'COOP-L1', level: 1 });
    const error = await refusal(addMandate(scopeAs(app, admin), {
      body_id: PLENARY.id, person_id: (await person('Queralt Mir')).id, organisation_id: coop.id, college: 'entity', role: 'member', starts_on: '2025-01-01',
    }));
    expect(error.status).toBe(422);
    expect(error.fields.organisation_id).toBe("COOP-L1 és una entitat de nivell 1, i a l'òrgan Àmbit Participat només hi seuen entitats de nivell 2, 3 i 4.");
  });

  it('refuses the same person twice at once in one body, but not one after the other nor in another body', async () => {
    const roser = await person('Roser Camps');
    await seat(app, { body_id: PLENARY.id, person_id: roser.id, college: 'trajectory', starts_on: '2024-01-01', ends_on: '2025-01-01' });
    const error = await refusal(addMandate(scopeAs(app, admin), {
      body_id: PLENARY.id, person_id: roser.id, organisation_id: null, college: 'expert', role: 'member', starts_on: '2024-06-01',
    }));
    expect([error.status, error.messageKey]).toEqual([409, 'mandates.errors.already_sits']);
    expect(messageOf(error)).toContain('Roser Camps ja té un mandat');
    await addMandate(scopeAs(app, admin), { body_id: PLENARY.id, person_id: roser.id, organisation_id: null, college: 'trajectory', role: 'member', starts_on: '2025-01-01' });
    await addMandate(scopeAs(app, admin), { body_id: STEERING.id, person_id: roser.id, organisation_id: null, college: 'trajectory', role: 'member', starts_on: '2025-01-01' });
  });
});

describe('who sits for what', () => {
  it('requires an organisation for an entity delegate and a council unit for the council college', async () => {
    const p = await person('Sergi Nadal');
    const noOrganisation = await refusal(addMandate(scopeAs(app, admin), { body_id: PLENARY.id, person_id: p.id, organisation_id: null, college: 'entity', role: 'member', starts_on: '2025-01-01' }));
    expect(noOrganisation.fields.organisation_id).toContain("Tria l'entitat que representa");
    const entity = await makeOrganisation(app, { short_name: 'ENT-c' });
    const council = await refusal(addMandate(scopeAs(app, admin), { body_id: PLENARY.id, person_id: p.id, organisation_id: entity.id, college: 'council', role: 'member', starts_on: '2025-01-01' }));
    expect(council.fields.organisation_id).toContain("ENT-c no és una unitat de l'Ajuntament");
    const unit = await makeOrganisation(app, { short_name: 'COMISSIONAT-t', kind: 'administration' });
    const wrongCollege = await refusal(addMandate(scopeAs(app, admin), { body_id: PLENARY.id, person_id: p.id, organisation_id: unit.id, college: 'entity', role: 'member', starts_on: '2025-01-01' }));
    expect(wrongCollege.fields.organisation_id).toContain("és una unitat de l'Ajuntament");
    await addMandate(scopeAs(app, admin), { body_id: PLENARY.id, person_id: p.id, organisation_id: unit.id, college: 'council', role: 'council_liaison', starts_on: '2025-01-01' });
  });

  it('seats people with trajectory, from non-articulated economies and experts as individuals, with no organisation', async () => {
    const entity = await makeOrganisation(app, { short_name: 'ENT-ind' });
    const p = await person('Teo Ribas');
    const error = await refusal(addMandate(scopeAs(app, admin), { body_id: PLENARY.id, person_id: p.id, organisation_id: entity.id, college: 'trajectory', role: 'member', starts_on: '2025-01-01' }));
    expect(error.fields.organisation_id).toBe("Al col·legi «Persones amb trajectòria» s'hi seu a títol individual, sense cap entitat.");
    await addMandate(scopeAs(app, admin), { body_id: PLENARY.id, person_id: p.id, organisation_id: null, college: 'non_articulated', role: 'member', starts_on: '2025-01-01' });
  });

  it('refuses a college the body does not seat', async () => {
    const group = await makeWorkingGroup(app, { allowed_colleges: ['entity', 'trajectory'] });
    const error = await refusal(addMandate(scopeAs(app, admin), { body_id: group.id, person_id: (await person('Úrsula Coll')).id, organisation_id: null, college: 'expert', role: 'member', starts_on: '2025-01-01' }));
    expect(error.status).toBe(422);
    expect(error.fields.college).toContain('no hi seu el col·legi «Persones expertes»');
  });

  it('welcomes a level-1 cooperative that is not representative in a working group without seat quotas', async () => {
    const group = await makeWorkingGroup(app);
    const coop = await makeOrganisation(app, { short_name: 'COOP-wg', level: 1, representative_since: null });
    await addMandate(scopeAs(app, admin), { body_id: group.id, person_id: (await person('Victòria Sans')).id, organisation_id: coop.id, college: 'entity', role: 'member', starts_on: '2025-01-01' });
    await addMandate(scopeAs(app, admin), { body_id: group.id, person_id: (await person('Xavier Bou')).id, organisation_id: coop.id, college: 'entity', role: 'member', starts_on: '2025-01-01' });
    await addMandate(scopeAs(app, admin), { body_id: group.id, person_id: (await person('Yolanda Pla')).id, organisation_id: coop.id, college: 'entity', role: 'member', starts_on: '2025-01-01' });
  });
});

describe('bad input', () => {
  it('refuses an end date on or before the start', async () => {
    const error = await refusal(addMandate(scopeAs(app, admin), { body_id: PLENARY.id, person_id: (await person('Zoe Pujol')).id, organisation_id: null, college: 'trajectory', role: 'member', starts_on: '2025-03-01', ends_on: '2025-03-01' }));
    expect(error.status).toBe(422);
    expect(error.fields.ends_on).toBe("La data de final ha de ser posterior a la d'inici.");
  });

  it('refuses a disabled person, and a deleted or unknown one', async () => {
    const disabled = await person('Albert Disabled');
    await app.services.database.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', disabled.id).execute();
    const one = await refusal(addMandate(scopeAs(app, admin), { body_id: PLENARY.id, person_id: disabled.id, organisation_id: null, college: 'trajectory', role: 'member', starts_on: '2025-01-01' }));
    expect(one.fields.person_id).toBe("El compte d'Albert Disabled està desactivat: no pot tenir mandats nous.");
    const deleted = await person('Berta Deleted');
    await app.services.database.db.updateTable('users').set({ status: 'deleted' }).where('id', '=', deleted.id).execute();
    const two = await refusal(addMandate(scopeAs(app, admin), { body_id: PLENARY.id, person_id: deleted.id, organisation_id: null, college: 'trajectory', role: 'member', starts_on: '2025-01-01' }));
    expect(two.fields.person_id).toBe('Tria una persona que tingui compte a Teixit.');
    const three = await refusal(addMandate(scopeAs(app, admin), { body_id: PLENARY.id, person_id: 999_999, organisation_id: null, college: 'trajectory', role: 'member', starts_on: '2025-01-01' }));
    expect(three.fields.person_id).toBe('Tria una persona que tingui compte a Teixit.');
  });

  it('refuses impossible dates, unknown colleges and roles with a message per field', async () => {
    const error = await refusal(addMandate(scopeAs(app, admin), { body_id: PLENARY.id, person_id: 'x', college: 'friends', role: 'boss', starts_on: '2025-02-30' }));
    expect(error.status).toBe(422);
    expect(error.fields).toMatchObject({
      person_id: 'Tria la persona que tindrà el mandat.',
      college: 'Tria el col·legi en què seu la persona.',
      role: 'Tria el rol que tindrà la persona.',
      starts_on: 'Escriu una data vàlida, com 2026-03-15.',
    });
  });

  it('adds mandates only to active or closing bodies', async () => {
    const p = await person('Cesc Oliva');
    for (const state of ['proposed', 'closed', 'declined'] as const) {
      const group = await makeWorkingGroup(app, { state });
      const error = await refusal(addMandate(scopeAs(app, admin), { body_id: group.id, person_id: p.id, organisation_id: null, college: 'trajectory', role: 'member', starts_on: '2025-01-01' }));
      expect([error.status, error.messageKey]).toEqual([409, 'mandates.errors.body_not_open']);
    }
    const closing = await makeWorkingGroup(app, { state: 'closing' });
    await addMandate(scopeAs(app, admin), { body_id: closing.id, person_id: p.id, organisation_id: null, college: 'trajectory', role: 'member', starts_on: '2025-01-01' });
    const unknown = await refusal(addMandate(scopeAs(app, admin), { body_id: 987_654, person_id: p.id, organisation_id: null, college: 'trajectory', role: 'member', starts_on: '2025-01-01' }));
    expect(unknown.status).toBe(404);
  });
});

describe('who may manage mandates', () => {
  const trajectory = (bodyId: number, personId: number) => ({ body_id: bodyId, person_id: personId, organisation_id: null, college: 'trajectory', role: 'member', starts_on: '2025-01-01' });

  it("lets a secretary of the steering group manage the plenary's mandates", async () => {
    const secretary = await person('Dídac Secretari');
    await seat(app, { body_id: STEERING.id, person_id: secretary.id, role: 'secretary' });
    await addMandate(scopeAs(app, secretary), trajectory(PLENARY.id, (await person('Elna Nova')).id));
  });

  it('refuses a participant and a plain member of the plenary, and asks a visitor to sign in', async () => {
    const participant = await person('Ferran Participant');
    const member = await person('Glòria Membre');
    await seat(app, { body_id: PLENARY.id, person_id: member.id });
    const target = await person('Helena Diana');
    expect((await refusal(addMandate(scopeAs(app, participant), trajectory(PLENARY.id, target.id)))).status).toBe(403);
    expect((await refusal(addMandate(scopeAs(app, member), trajectory(PLENARY.id, target.id)))).status).toBe(403);
    expect((await refusal(addMandate(scopeAs(app, null), trajectory(PLENARY.id, target.id)))).status).toBe(401);
  });

  it("lets a working group's coordinator manage their own group only", async () => {
    const mine = await makeWorkingGroup(app);
    const other = await makeWorkingGroup(app);
    const coordinator = await person('Ignasi Coordinador');
    await seat(app, { body_id: mine.id, person_id: coordinator.id, role: 'coordinator' });
    await addMandate(scopeAs(app, coordinator), trajectory(mine.id, (await person('Jana Nova')).id));
    expect((await refusal(addMandate(scopeAs(app, coordinator), trajectory(other.id, (await person('Kai Nou')).id)))).status).toBe(403);
    expect((await refusal(addMandate(scopeAs(app, coordinator), trajectory(PLENARY.id, (await person('Lia Nova')).id)))).status).toBe(403);
  });

  it('lets an official manage any body', async () => {
    const official = await app.createUser({ name: 'Marina Tècnica', roles: ['official'] });
    await addMandate(scopeAs(app, official), trajectory(PLENARY.id, (await person('Nora Nova')).id));
  });

  it('reads standing from active mandates only', async () => {
    const p = await person('Oleguer Standing');
    const group = await makeWorkingGroup(app);
    await seat(app, { body_id: PLENARY.id, person_id: p.id, role: 'secretary', starts_on: '2020-01-01', ends_on: '2021-01-01' });
    await seat(app, { body_id: STEERING.id, person_id: p.id, role: 'alternate' });
    await seat(app, { body_id: group.id, person_id: p.id, role: 'coordinator' });
    const standing = await standingOf(app.services.database.db, p.id);
    expect(standing.secretariat).toBe(false);
    expect(standing.steering).toBe(false);
    expect([...standing.coordinatorOf]).toEqual([group.id]);
    expect([...standing.memberOf].sort()).toEqual([STEERING.id, group.id].sort());
    expect(await standingOf(app.services.database.db, p.id, '2020-06-01')).toMatchObject({ secretariat: true });
    expect(await standingOf(app.services.database.db, null)).toMatchObject({ secretariat: false, steering: false });
  });
});

describe('two requests for the last seat at once', () => {
  it('seats one delegate and refuses the other', async () => {
    const fed = await makeOrganisation(app, { short_name: 'FED-race' });
    await seat(app, { body_id: PLENARY.id, person_id: (await person('Pere Primer')).id, organisation_id: fed.id });
    const [a, b] = [await person('Quim Segon'), await person('Rita Tercera')];
    const input = (personId: number) => ({ body_id: PLENARY.id, person_id: personId, organisation_id: fed.id, college: 'entity', role: 'member', starts_on: '2025-01-01' });
    const results = await Promise.allSettled([addMandate(scopeAs(app, admin), input(a.id)), addMandate(scopeAs(app, admin), input(b.id))]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected?.reason).toMatchObject({ status: 409, messageKey: 'mandates.errors.seats_full' });
    const seated = await app.services.database.db.selectFrom('mandates').select('id').where('organisation_id', '=', fed.id).execute();
    expect(seated).toHaveLength(2);
  });
});

describe('ending a mandate', () => {
  it('sets the first day it no longer holds and the reason, and keeps it in the record', async () => {
    const p = await person('Sílvia Final');
    const id = await seat(app, { body_id: PLENARY.id, person_id: p.id, starts_on: '2023-01-01' });
    await endMandate(scopeAs(app, admin), { mandate_id: id, ends_on: '2025-01-01', end_reason: 'Renúncia' });
    const row = await app.services.database.db.selectFrom('mandates').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ ends_on: '2025-01-01', end_reason: 'Renúncia' });
    const audit = await app.services.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'bodies.mandate.end').where('subject_id', '=', String(id)).executeTakeFirstOrThrow();
    expect(audit.before).toEqual({ ends_on: null, end_reason: null });
  });

  it('refuses to end a mandate already ended, or on or before its start', async () => {
    const p = await person('Tomàs Acabat');
    const ended = await seat(app, { body_id: PLENARY.id, person_id: p.id, starts_on: '2020-01-01', ends_on: '2021-01-01' });
    const again = await refusal(endMandate(scopeAs(app, admin), { mandate_id: ended, ends_on: '2022-01-01' }));
    expect([again.status, messageOf(again)]).toEqual([409, 'Aquest mandat ja va acabar el divendres, 1 de gener del 2021.']);
    const open = await seat(app, { body_id: STEERING.id, person_id: p.id, starts_on: '2024-05-01' });
    const early = await refusal(endMandate(scopeAs(app, admin), { mandate_id: open, ends_on: '2024-05-01' }));
    expect(early.fields.ends_on).toBe("La data de final ha de ser posterior a la d'inici.");
  });

  it('brings a planned end forward, never back', async () => {
    const p = await person('Ulisses Previst');
    const id = await seat(app, { body_id: PLENARY.id, person_id: p.id, starts_on: '2024-01-01', ends_on: '2099-01-01' });
    const later = await refusal(endMandate(scopeAs(app, admin), { mandate_id: id, ends_on: '2099-06-01' }));
    expect(later.status).toBe(422);
    await endMandate(scopeAs(app, admin), { mandate_id: id, ends_on: '2098-01-01' });
  });

  it('refuses someone who may not manage the body, and an unknown mandate', async () => {
    const id = await seat(app, { body_id: PLENARY.id, person_id: (await person('Vera Fixa')).id });
    expect((await refusal(endMandate(scopeAs(app, await person('Wifred Cap')), { mandate_id: id, ends_on: '2099-01-01' }))).status).toBe(403);
    expect((await refusal(endMandate(scopeAs(app, admin), { mandate_id: 987_654, ends_on: '2099-01-01' }))).status).toBe(404);
  });
});
