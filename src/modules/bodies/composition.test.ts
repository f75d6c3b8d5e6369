/**
 * Composition and its warnings, as the secretariat reads them: who holds a seat by college and
 * organisation, gender parity (counts only, never names), the experts' share, empty colleges and
 * delegates whose entity lost its recognition.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { countQueries } from '../../db/connect.js';
import { translator } from '../../kernel/i18n/index.js';
import { compositionOf, warningMessage, type Composition } from './composition.js';
import { makeOrganisation, makeWorkingGroup, PLENARY, seat } from './mandates.fixtures.js';
import type { College } from './tables.js';

let app: TestApp;

beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => {
  await app?.close();
});

async function member(bodyId: number, options: { gender?: string | null; college?: College; role?: 'member' | 'alternate' | 'observer' | 'coordinator'; organisation_id?: number | null; starts_on?: string; ends_on?: string | null; name?: string } = {}) {
  const user = await app.createUser({ name: options.name ?? `Membre ${Math.random().toString(36).slice(2, 8)}` });
  if (options.gender !== undefined) await app.services.database.db.updateTable('users').set({ gender: options.gender }).where('id', '=', user.id).execute();
  await seat(app, { body_id: bodyId, person_id: user.id, college: options.college ?? 'trajectory', role: options.role ?? 'member', organisation_id: options.organisation_id ?? null, starts_on: options.starts_on ?? '2024-01-01', ends_on: options.ends_on ?? null });
  return user;
}

async function compositionOfOne(bodyId: number): Promise<Composition> {
  const composition = (await compositionOf(app.services.database.db, [bodyId])).get(bodyId);
  if (!composition) throw new Error('no composition');
  return composition;
}

const codes = (composition: Composition) => composition.warnings.map((w) => w.code);

describe('composition', () => {
  it('counts seats by college and organisation; alternates, observers, ended and future mandates hold none', async () => {
    const group = await makeWorkingGroup(app);
    const coop = await makeOrganisation(app, { short_name: 'COOP-count', level: 1 });
    await member(group.id, { college: 'entity', organisation_id: coop.id });
    await member(group.id, { college: 'entity', organisation_id: coop.id, role: 'alternate' });
    await member(group.id, { college: 'expert', role: 'observer' });
    await member(group.id, { college: 'trajectory' });
    await member(group.id, { college: 'trajectory', ends_on: '2024-06-01' });
    await member(group.id, { college: 'trajectory', starts_on: '2099-01-01' });
    const composition = await compositionOfOne(group.id);
    expect(composition.total).toBe(2);
    expect(composition.byCollege).toEqual({ council: 0, entity: 1, trajectory: 1, non_articulated: 0, expert: 0 });
    expect(composition.byOrganisation).toEqual([{ organisation_id: coop.id, short_name: 'COOP-count', name: 'Organització COOP-count', seats: 1 }]);
  });

  it('reads any number of bodies with the same number of queries', async () => {
    const groups: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const group = await makeWorkingGroup(app);
      await member(group.id);
      groups.push(group.id);
    }
    const one = await countQueries(app.services.database, () => compositionOf(app.services.database.db, groups.slice(0, 1)));
    const six = await countQueries(app.services.database, () => compositionOf(app.services.database.db, groups));
    expect(six.result.size).toBe(6);
    expect(six.queries).toBe(one.queries);
  });
});

describe('gender parity', () => {
  it('warns beyond 60/40 among members who declared a gender, with counts and never a name', async () => {
    const group = await makeWorkingGroup(app);
    for (let i = 0; i < 4; i += 1) await member(group.id, { gender: 'woman', name: `Dona Paritat ${i}` });
    await member(group.id, { gender: 'man', name: 'Home Paritat' });
    await member(group.id, { gender: 'prefer_not_to_say' });
    await member(group.id, { gender: null });
    await member(group.id, { gender: 'man', role: 'alternate' });
    const warning = (await compositionOfOne(group.id)).warnings.find((w) => w.code === 'parity');
    expect(warning?.params).toEqual({ declared: 5, women: 4, men: 1, non_binary: 0, share: 80 });
    const message = warningMessage(translator('ca'), warning!, 'managers');
    expect(message).toBe('Paritat: el 80 % de les persones membres que han declarat el gènere són del mateix gènere (dones: 4, homes: 1, no binàries: 0); cap gènere no hauria de passar del 60 %.');
    expect(message).not.toMatch(/Paritat \d|Home Paritat/);
  });

  it('tells the public only that the body is beyond 60/40, without the counts', async () => {
    const group = await makeWorkingGroup(app);
    await member(group.id, { gender: 'non_binary' });
    await member(group.id, { gender: 'non_binary' });
    const warning = (await compositionOfOne(group.id)).warnings.find((w) => w.code === 'parity');
    expect(warning?.params).toMatchObject({ non_binary: 2, declared: 2 });
    for (const locale of ['ca', 'es', 'en'] as const) {
      const message = warningMessage(translator(locale), warning!, 'public');
      expect(message, locale).toMatch(/60 %/);
      // No count and no share but the rule's 60 %: nothing to work a member's gender out from.
      expect(message.replace(/60 %/g, ''), locale).not.toMatch(/\d/);
      expect(message, locale).not.toMatch(/binàri|binari|binary/i);
    }
  });

  it('does not warn at 60/40 exactly', async () => {
    const group = await makeWorkingGroup(app);
    for (const gender of ['woman', 'woman', 'woman', 'man', 'non_binary']) await member(group.id, { gender });
    expect(codes(await compositionOfOne(group.id))).not.toContain('parity');
  });
});

describe('experts', () => {
  it('warns when experts are more than a third of the members, and not at a third', async () => {
    const group = await makeWorkingGroup(app);
    await member(group.id, { college: 'expert' });
    await member(group.id);
    await member(group.id);
    expect(codes(await compositionOfOne(group.id))).not.toContain('experts');
    await member(group.id, { college: 'expert' });
    const composition = await compositionOfOne(group.id);
    expect(composition.warnings.find((w) => w.code === 'experts')?.params).toEqual({ experts: 2, total: 4 });
    expect(warningMessage(translator('en'), composition.warnings.find((w) => w.code === 'experts')!, 'public')).toBe('Experts: 2 of 4 members, more than a third.');
  });
});

describe('colleges with no member', () => {
  it('warns for each allowed college left empty, except experts (an optional complement)', async () => {
    const group = await makeWorkingGroup(app, { allowed_colleges: ['council', 'entity', 'trajectory', 'expert'] });
    await member(group.id, { college: 'trajectory' });
    const empty = (await compositionOfOne(group.id)).warnings.filter((w) => w.code === 'empty_college').map((w) => w.params.college);
    expect(empty).toEqual(['council', 'entity']);
    expect(warningMessage(translator('ca'), { code: 'empty_college', params: { college: 'council' } }, 'public')).toBe('El col·legi «Ajuntament» no té cap membre.');
  });

  it('says nothing of colleges in a body that does not list them', async () => {
    const group = await makeWorkingGroup(app, { allowed_colleges: [] });
    await member(group.id);
    expect(codes(await compositionOfOne(group.id))).not.toContain('empty_college');
  });

  it('counts an alternate as no member of the college', async () => {
    const group = await makeWorkingGroup(app, { allowed_colleges: ['trajectory', 'non_articulated'] });
    await member(group.id, { college: 'trajectory' });
    await member(group.id, { college: 'non_articulated', role: 'alternate' });
    expect((await compositionOfOne(group.id)).warnings.filter((w) => w.code === 'empty_college').map((w) => w.params.college)).toEqual(['non_articulated']);
  });
});

describe('lost representation', () => {
  it('names the delegate and the organisation when the entity is no longer representative', async () => {
    const fed = await makeOrganisation(app, { short_name: 'FED-lost' });
    await member(PLENARY.id, { college: 'entity', organisation_id: fed.id, name: 'Delegada Sense Entitat' });
    await app.services.database.db.updateTable('organisations').set({ representative_since: null }).where('id', '=', fed.id).execute();
    const warning = (await compositionOfOne(PLENARY.id)).warnings.find((w) => w.code === 'lost_representation' && w.params.organisation === 'FED-lost');
    expect(warningMessage(translator('ca'), warning!, 'public')).toBe('Delegada Sense Entitat seu en nom de FED-lost, que ja no és una entitat representativa.');
  });

  it('does not ask for recognition in a working group without seats per entity', async () => {
    const group = await makeWorkingGroup(app);
    const coop = await makeOrganisation(app, { short_name: 'COOP-norep', level: 1, representative_since: null });
    await member(group.id, { college: 'entity', organisation_id: coop.id });
    expect(codes(await compositionOfOne(group.id))).not.toContain('lost_representation');
  });
});
