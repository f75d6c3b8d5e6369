/**
 * The demo space's bodies: loaded after identity's people and the directory's organisations,
 * loaded twice without change, and true to the space's rules — what the secretariat would
 * have been refused by the mandate rules is not in the demo either.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { seedDemo } from '../../seed/demo.js';
import { compositionOf } from './composition.js';
import { spaceToday } from './membership.js';

let app: TestApp;
let accounts: Awaited<ReturnType<typeof seedDemo>>;
const today = spaceToday();

beforeAll(async () => {
  app = await createTestApp({ TEIXIT_DEMO_PASSWORD: 'demo-password-for-tests' });
  accounts = await seedDemo(app.services);
});
afterAll(async () => {
  await app?.close();
});

const db = () => app.services.database.db;

/** Every row of the tables the demo writes, in a stable order. */
async function snapshot(): Promise<Record<string, unknown[]>> {
  const tables = ['users', 'organisations', 'organisation_links', 'bodies', 'mandates', 'join_requests', 'body_reports', 'body_decisions', 'working_group_proposals', 'audit_log'];
  const result: Record<string, unknown[]> = {};
  for (const table of tables) {
    const rows = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)} ORDER BY 1, 2`.execute(db());
    result[table] = rows.rows;
  }
  return result;
}

/** Active mandates today with what the rules look at. */
async function activeMandates() {
  return db()
    .selectFrom('mandates as m')
    .innerJoin('bodies as b', 'b.id', 'm.body_id')
    .innerJoin('users as u', 'u.id', 'm.person_id')
    .leftJoin('organisations as o', 'o.id', 'm.organisation_id')
    .select([
      'm.id', 'm.person_id', 'u.name as person', 'u.status', 'b.slug', 'b.kind', 'b.seats_per_entity', 'b.allowed_colleges', 'b.allowed_levels',
      'm.college', 'm.role', 'm.starts_on', 'm.ends_on', 'o.short_name', 'o.kind as organisation_kind', 'o.level', 'o.representative_since',
    ])
    .where('m.starts_on', '<=', sql<string>`${today}::date`)
    .where((eb) => eb.or([eb('m.ends_on', 'is', null), eb('m.ends_on', '>', sql<string>`${today}::date`)]))
    .execute();
}

describe('the demo space’s bodies', () => {
  it('changes nothing when loaded a second time', async () => {
    const before = await snapshot();
    await seedDemo(app.services);
    expect(await snapshot()).toEqual(before);
  });

  it('seats two delegates for most representative entities of the plenary, never more', async () => {
    const mandates = (await activeMandates()).filter((m) => m.slug === 'ambit-participat' && m.college === 'entity');
    const seats = new Map<string, number>();
    for (const m of mandates) if (m.role !== 'alternate' && m.role !== 'observer') seats.set(m.short_name ?? '', (seats.get(m.short_name ?? '') ?? 0) + 1);
    const representative = await db().selectFrom('organisations').select('short_name').where('representative_since', 'is not', null).execute();
    const withTwo = representative.filter((o) => seats.get(o.short_name) === 2);
    expect(withTwo.length).toBeGreaterThan(representative.length / 2);
    expect(Math.max(...seats.values())).toBe(2);
    expect([...seats.values()]).toContain(1);
    expect(mandates.some((m) => m.role === 'alternate')).toBe(true);
  });

  it('keeps every body within its seats per entity, colleges and levels, entity delegates only for representative entities', async () => {
    const mandates = await activeMandates();
    const seated = new Map<string, number>();
    for (const m of mandates) {
      expect(m.status, m.person).toBe('active');
      if (m.allowed_colleges.length > 0) expect(m.allowed_colleges, `${m.person} in ${m.slug}`).toContain(m.college);
      if (m.level !== null && m.allowed_levels.length > 0) expect(m.allowed_levels.map(Number), `${m.short_name} in ${m.slug}`).toContain(Number(m.level));
      if (m.college === 'council') expect(m.organisation_kind).toBe('administration');
      if (m.college === 'entity') expect(m.organisation_kind).toBe('entity');
      if (!['council', 'entity'].includes(m.college)) expect(m.short_name, `${m.person} sits as an individual`).toBeNull();
      if (m.seats_per_entity !== null && m.college === 'entity') {
        expect(m.representative_since, `${m.short_name} in ${m.slug}`).not.toBeNull();
        expect(m.representative_since! <= m.starts_on).toBe(true);
        if (m.role !== 'alternate' && m.role !== 'observer') {
          const key = `${m.slug}|${m.short_name}`;
          seated.set(key, (seated.get(key) ?? 0) + 1);
          expect(seated.get(key), key).toBeLessThanOrEqual(m.seats_per_entity);
        }
      }
    }
  });

  it('never gives one person two overlapping mandates in one body', async () => {
    const all = await db().selectFrom('mandates').select(['id', 'body_id', 'person_id', 'starts_on', 'ends_on']).execute();
    for (const a of all) {
      for (const b of all) {
        if (a.id >= b.id || a.body_id !== b.body_id || a.person_id !== b.person_id) continue;
        const overlap = (b.ends_on === null || a.starts_on < b.ends_on) && (a.ends_on === null || b.starts_on < a.ends_on);
        expect(overlap, `mandates ${a.id} and ${b.id}`).toBe(false);
      }
    }
  });

  it('shows the plenary and the steering group without composition warnings, and a history of past mandates', async () => {
    const standing = await db().selectFrom('bodies').select(['id', 'slug']).where('kind', 'in', ['plenary', 'steering']).execute();
    const compositions = await compositionOf(db(), standing.map((b) => Number(b.id)));
    for (const body of standing) {
      const composition = compositions.get(Number(body.id));
      expect(composition?.warnings, body.slug).toEqual([]);
      expect(composition?.total, body.slug).toBeGreaterThanOrEqual(8);
    }
    const plenary = compositions.get(Number(standing.find((b) => b.slug === 'ambit-participat')!.id))!;
    expect(plenary.byCollege).toMatchObject({ council: 4, trajectory: 3, non_articulated: 3, expert: 2 });
    const ended = await db().selectFrom('mandates').select('id').where('ends_on', '<=', sql<string>`${today}::date`).execute();
    expect(ended.length).toBeGreaterThanOrEqual(5);
  });

  it('gives identity’s demo people the mandates the README promises', async () => {
    const rows = await activeMandates();
    const holds = (email: string, slug: string) => rows.filter((m) => m.slug === slug && accounts.some((a) => a.email === email && a.name === m.person));
    expect(holds('jordi.casals@demo.teixit.cat', 'ambit-participat')[0]).toMatchObject({ short_name: 'XES', college: 'entity' });
    expect(holds('jordi.casals@demo.teixit.cat', 'grup-motor')[0]).toMatchObject({ role: 'chair' });
    expect(holds('laia.ferrer@demo.teixit.cat', 'ambit-participat')[0]).toMatchObject({ short_name: 'FCTC', college: 'entity' });
    expect(holds('marc.vilaro@demo.teixit.cat', 'ambit-participat')[0]).toMatchObject({ short_name: 'La Confederació' });
    expect(holds('nuria.bosch@demo.teixit.cat', 'ambit-participat')[0]).toMatchObject({ college: 'trajectory', short_name: null });
    expect(holds('tecnica@demo.teixit.cat', 'ambit-participat')[0]).toMatchObject({ college: 'council', short_name: 'Comissionat ESS' });
    expect(holds('admin@demo.teixit.cat', 'ambit-participat')[0]).toMatchObject({ role: 'secretary' });
    expect(holds('admin@demo.teixit.cat', 'grup-motor')[0]).toMatchObject({ role: 'secretary' });
    expect(holds('aina.roca@demo.teixit.cat', 'comunicacio')[0]).toMatchObject({ short_name: 'Coòpolis' });
  });

  it('records the decisions each working group’s state needs, with reasons where they are owed', async () => {
    const groups = await db().selectFrom('bodies').selectAll().where('kind', '=', 'working_group').execute();
    const decisions = await db().selectFrom('body_decisions').selectAll().orderBy('created_at').orderBy('id').execute();
    const expected: Record<string, string[]> = {
      proposed: ['proposed'],
      active: ['proposed', 'approved'],
      closing: ['proposed', 'approved', 'closing'],
      closed: ['proposed', 'approved', 'closing', 'closed'],
      declined: ['proposed', 'declined'],
    };
    expect(new Set(groups.map((g) => g.state))).toEqual(new Set(Object.keys(expected)));
    for (const group of groups) {
      expect(group.sunset_on, group.slug).not.toBeNull();
      const mine = decisions.filter((d) => Number(d.body_id) === Number(group.id));
      expect(mine.map((d) => d.action).filter((a) => a !== 'extended'), group.slug).toEqual(expected[group.state]);
      for (const d of mine) if (d.action === 'declined' || d.action === 'extended') expect(d.reason, `${group.slug} ${d.action}`).not.toBe('');
      const extensions = mine.filter((d) => d.action === 'extended');
      if (extensions.length) expect(extensions.at(-1)!.sunset_after).toBe(group.sunset_on);
      if (['active', 'closing', 'closed'].includes(group.state)) expect(group.starts_on, group.slug).not.toBeNull();
      expect(group.sunset_on! > (group.starts_on ?? '0000')).toBe(true);
    }
    expect(decisions.some((d) => d.action === 'extended')).toBe(true);
  });

  it('has the two open working groups with charters in three languages, one near its sunset and one with a report overdue', async () => {
    const groups = await db().selectFrom('bodies').selectAll().where('kind', '=', 'working_group').execute();
    const active = groups.filter((g) => g.state === 'active');
    expect(active.map((g) => g.slug).sort()).toEqual(['comunicacio', 'contractacio-publica']);
    for (const group of active) {
      expect(group.open).toBe(true);
      for (const part of ['objectives', 'method', 'cadence', 'deliverables'] as const) {
        for (const locale of ['ca', 'es', 'en'] as const) expect(group.charter?.[part][locale], `${group.slug} ${part} ${locale}`).toMatch(/\S{3}/);
      }
    }
    const inDays = (day: string) => Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
    expect(active.some((g) => inDays(g.sunset_on!) >= 0 && inDays(g.sunset_on!) <= 30)).toBe(true);
    const lastReports = await db()
      .selectFrom('body_reports')
      .select(['body_id', sql<string>`max(period_end)`.as('last')])
      .groupBy('body_id')
      .execute();
    const overdue = active.filter((g) => {
      const last = lastReports.find((r) => Number(r.body_id) === Number(g.id))?.last ?? g.starts_on!;
      return inDays(last) + (g.report_interval_days ?? 90) < 0;
    });
    expect(overdue.map((g) => g.slug)).toEqual(['comunicacio']);
  });

  it('keeps pending join requests for open active groups only, from people not sitting there, one from an organisation and one with a statement each', async () => {
    const requests = await db()
      .selectFrom('join_requests as j')
      .innerJoin('bodies as b', 'b.id', 'j.body_id')
      .select(['j.id', 'j.state', 'j.person_id', 'j.organisation_id', 'j.statement', 'j.mandate_id', 'j.decision_reason', 'b.id as body_id', 'b.slug', 'b.state as body_state', 'b.open'])
      .execute();
    const sitting = await activeMandates();
    const pending = requests.filter((r) => r.state === 'pending');
    for (const r of pending) {
      expect(r.body_state, r.slug).toBe('active');
      expect(r.open, r.slug).toBe(true);
      expect(sitting.some((m) => m.slug === r.slug && Number(m.person_id) === Number(r.person_id)), `${r.slug} ${r.person_id}`).toBe(false);
    }
    for (const slug of ['comunicacio', 'contractacio-publica']) {
      const mine = pending.filter((r) => r.slug === slug);
      expect(mine.some((r) => r.organisation_id !== null), slug).toBe(true);
      expect(mine.some((r) => r.organisation_id === null && r.statement.length > 20), slug).toBe(true);
    }
    for (const r of requests.filter((r) => r.state === 'accepted')) expect(r.mandate_id).not.toBeNull();
    for (const r of requests.filter((r) => r.state === 'declined')) expect(r.decision_reason).toBeTruthy();
  });

  it('lists the coordinators among the accounts to try, and they sign in with the demo password', async () => {
    const coordinator = accounts.find((a) => /coordinator of the Comunicació/.test(a.role));
    expect(coordinator).toBeDefined();
    expect(accounts.filter((a) => a.email.endsWith('@demo.teixit.cat')).length).toBeLessThan(15);
    const agent = app.agent();
    await agent.signIn({ email: coordinator!.email, password: 'demo-password-for-tests', totp_secret: null, totp_enabled_at: null });
    expect((await agent.get('/ca/me')).status).toBe(200);
  });

});
