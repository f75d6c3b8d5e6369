/**
 * The bodies' part of the demo space (after identity's people and the directory's organisations):
 * more fictitious people, who sits in the plenary and the steering group now and before, and six
 * working groups — two active and open with charters in three languages, reports and pending
 * join requests, and one each proposed, closing, closed and declined — with their recorded
 * decisions. The content is in `seed-data.ts`.
 *
 * Idempotent: people are matched by e-mail, the standing bodies' mandates by body, person,
 * college, role and start; a working group whose slug exists is left as it is, with everything
 * in it (its dates are relative to the day it was loaded, so a second run on another day would
 * otherwise add a second history).
 */
import { appendAudit } from '../../kernel/audit/index.js';
import type { DemoContext } from '../../kernel/http/module.js';
import type { Services } from '../../kernel/services.js';
import type { Trx } from '../../db/types.js';
import { spaceToday } from './membership.js';
import { findUserByEmail, findUserById, hashPassword, insertUser, updateUser } from '../identity/index.js';
import {
  BODIES_DEMO_ACCOUNTS,
  BODIES_DEMO_PEOPLE,
  DEMO_WORKING_GROUPS,
  IDENTITY_DEMO_GENDERS,
  PLENARY_MANDATES,
  STEERING_MANDATES,
  type DemoDay,
  type DemoMandate,
  type DemoWorkingGroup,
} from './seed-data.js';

const PLENARY_SLUG = 'ambit-participat';
const STEERING_SLUG = 'grup-motor';
const DEMO_DOMAIN = 'demo.teixit.cat';
const SEEDER = { actorId: null, actorName: 'demo seed', requestId: null } as const;

/** The e-mail of a person of the bodies' demo. */
const demoEmail = (local: string): string => `${local}@${DEMO_DOMAIN}`;

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** A moment of the working day on `day`, for created_at and decided_at. */
const at = (day: string, hour = 10): Date => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);

interface Counts {
  people: number;
  mandates: number;
  groups: number;
  reports: number;
  joinRequests: number;
  decisions: number;
}

/** Loads the bodies' demo; records `user:<key>` and `body:<slug>` ids for later seeds. */
export async function seedBodiesDemo(services: Services, demo: DemoContext): Promise<void> {
  const today = spaceToday();
  const dayOf = (day: DemoDay): string => (typeof day === 'number' ? addDays(today, day) : day);
  // argon2 is slow on purpose: one hash, outside the transaction, shared by every new person.
  const passwordHash = await hashPassword(demo.password);
  const counts: Counts = { people: 0, mandates: 0, groups: 0, reports: 0, joinRequests: 0, decisions: 0 };

  await services.database.db.transaction().execute(async (trx) => {
    await addPeople(trx, demo, passwordHash, counts);
    const personId = (key: string): number => need(demo, `user:${key}`, 'people');
    const orgId = (shortName: string | null): number | null => (shortName === null ? null : need(demo, `org:${shortName}`, 'organisations'));

    const standing = await trx.selectFrom('bodies').select(['id', 'slug']).where('slug', 'in', [PLENARY_SLUG, STEERING_SLUG]).execute();
    const bodyId = new Map(standing.map((b) => [b.slug, Number(b.id)]));
    const plenaryId = bodyId.get(PLENARY_SLUG);
    const steeringId = bodyId.get(STEERING_SLUG);
    if (plenaryId === undefined || steeringId === undefined) throw new Error('The plenary and the steering group come from migration 0003; they are missing.');
    demo.ids.set(`body:${PLENARY_SLUG}`, plenaryId);
    demo.ids.set(`body:${STEERING_SLUG}`, steeringId);

    const secretary = personId('admin');
    const standingRows = [
      ...PLENARY_MANDATES.map((m) => mandateRow(plenaryId, m, secretary)),
      ...STEERING_MANDATES.map((m) => mandateRow(steeringId, m, secretary)),
    ];
    counts.mandates += await insertMissingMandates(trx, [plenaryId, steeringId], standingRows);

    for (const group of DEMO_WORKING_GROUPS) {
      const id = await insertGroupIfMissing(trx, group, plenaryId);
      demo.ids.set(`body:${group.slug}`, id.id);
      if (id.inserted) await fillGroup(trx, group, id.id);
    }

    if (Object.values(counts).some((n) => n > 0)) {
      await appendAudit(trx, { action: 'bodies.load_demo', subjectType: 'body', subjectId: plenaryId, after: { ...counts } }, SEEDER);
    }

    function mandateRow(body: number, m: DemoMandate, createdBy: number | null) {
      const starts = dayOf(m.from);
      const ends = m.to === undefined ? null : dayOf(m.to);
      return {
        body_id: body,
        person_id: personId(m.person),
        organisation_id: orgId(m.org),
        college: m.college,
        role: m.role,
        starts_on: starts,
        ends_on: ends,
        end_reason: m.endReason ?? null,
        created_by: createdBy,
        created_at: at(starts, 9),
        updated_at: at(ends ?? starts, 9),
      };
    }

    async function fillGroup(trx: Trx, group: DemoWorkingGroup, groupId: number): Promise<void> {
      counts.groups += 1;
      const coordinator = group.mandates.find((m) => m.role === 'coordinator');
      const addedBy = coordinator ? personId(coordinator.person) : null;
      const rows = group.mandates.map((m) => mandateRow(groupId, m, addedBy));
      const mandates = rows.length ? await trx.insertInto('mandates').values(rows).returning(['id', 'person_id']).execute() : [];
      counts.mandates += mandates.length;
      const mandateOf = new Map(mandates.map((m) => [Number(m.person_id), Number(m.id)]));

      if (group.decisions.length) {
        await trx
          .insertInto('body_decisions')
          .values(group.decisions.map((d) => ({
            body_id: groupId,
            action: d.action,
            reason: d.reason ?? '',
            sunset_before: d.sunsetBefore === undefined ? null : dayOf(d.sunsetBefore),
            sunset_after: d.sunsetAfter === undefined ? null : dayOf(d.sunsetAfter),
            decided_by: personId(d.by),
            created_at: at(dayOf(d.on)),
          })))
          .execute();
        counts.decisions += group.decisions.length;
      }

      if (group.reports.length) {
        await trx
          .insertInto('body_reports')
          .values(group.reports.map((r) => ({
            body_id: groupId,
            kind: r.kind,
            period_start: dayOf(r.from),
            period_end: dayOf(r.to),
            progress: r.progress,
            next_steps: r.nextSteps,
            blockers: r.blockers,
            submitted_by: personId(r.by),
            created_at: at(dayOf(r.to + r.filedAfter), 17),
          })))
          .execute();
        counts.reports += group.reports.length;
      }

      if (group.joinRequests.length) {
        await trx
          .insertInto('join_requests')
          .values(group.joinRequests.map((j) => {
            const person = personId(j.person);
            const decided = j.decidedOn === undefined ? null : at(dayOf(j.decidedOn), 12);
            return {
              body_id: groupId,
              person_id: person,
              organisation_id: orgId(j.org),
              statement: j.statement,
              state: j.state,
              decided_by: j.decidedBy === undefined ? null : personId(j.decidedBy),
              decided_at: decided,
              decision_reason: j.reason ?? null,
              mandate_id: j.state === 'accepted' ? (mandateOf.get(person) ?? null) : null,
              created_at: at(dayOf(j.on), 11),
            };
          }))
          .execute();
        counts.joinRequests += group.joinRequests.length;
      }
    }
  });

  for (const { key, part } of BODIES_DEMO_ACCOUNTS) {
    const person = BODIES_DEMO_PEOPLE.find((p) => p.key === key);
    if (person) demo.accounts.push({ email: demoEmail(person.email), name: person.name, role: part });
  }

  /** A working group by slug: inserted now, or the one that exists. */
  async function insertGroupIfMissing(trx: Trx, group: DemoWorkingGroup, plenaryId: number): Promise<{ id: number; inserted: boolean }> {
    const firstDay = dayOf(Math.min(...group.decisions.map((d) => d.on)));
    const lastDay = dayOf(Math.max(...group.decisions.map((d) => d.on)));
    const inserted = await trx
      .insertInto('bodies')
      .values({
        slug: group.slug,
        kind: 'working_group',
        parent_id: plenaryId,
        name: JSON.stringify(group.name),
        purpose: JSON.stringify(group.purpose),
        state: group.state,
        starts_on: group.startsOn === null ? null : dayOf(group.startsOn),
        sunset_on: dayOf(group.sunsetOn),
        charter: JSON.stringify(group.charter),
        open: group.open,
        seats_per_entity: null,
        allowed_colleges: [],
        allowed_levels: [1, 2, 3],
        report_interval_days: group.reportIntervalDays,
        proposed_by: need(demo, `user:${group.proposedBy}`, 'people'),
        position: group.position,
        created_at: at(firstDay),
        updated_at: at(lastDay),
      })
      .onConflict((oc) => oc.column('slug').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) {
      if (group.proposedFor !== null) {
        await trx.insertInto('working_group_proposals').values({ body_id: Number(inserted.id), organisation_id: need(demo, `org:${group.proposedFor}`, 'organisations') }).execute();
      }
      return { id: Number(inserted.id), inserted: true };
    }
    const existing = await trx.selectFrom('bodies').select('id').where('slug', '=', group.slug).executeTakeFirstOrThrow();
    return { id: Number(existing.id), inserted: false };
  }
}

/** An id an earlier seed recorded; a clear error when the seeds ran out of order. */
function need(demo: DemoContext, key: string, what: string): number {
  const id = demo.ids.get(key);
  if (id === undefined) throw new Error(`The bodies' demo needs ${key}: load identity's and the directory's demo ${what} first.`);
  return id;
}

/**
 * Creates the bodies' demo people who have no account yet (all with the demo password), and
 * gives identity's demo people the gender the parity figures count when they declared none.
 */
async function addPeople(trx: Trx, demo: DemoContext, passwordHash: string, counts: Counts): Promise<void> {
  for (const person of BODIES_DEMO_PEOPLE) {
    const email = demoEmail(person.email);
    let user = await findUserByEmail(trx, email);
    if (!user) {
      user = await insertUser(trx, { email, name: person.name, locale: 'ca', password_hash: passwordHash, roles: [], email_verified_at: new Date() });
      if (person.gender) user = await updateUser(trx, user.id, { gender: person.gender });
      await appendAudit(trx, { action: 'identity.create_user', subjectType: 'user', subjectId: user.id, after: { name: user.name, roles: user.roles, demo: true } }, SEEDER);
      counts.people += 1;
    }
    demo.ids.set(`user:${person.key}`, user.id);
  }
  for (const [key, gender] of Object.entries(IDENTITY_DEMO_GENDERS)) {
    const id = demo.ids.get(`user:${key}`);
    const user = id === undefined ? undefined : await findUserById(trx, id);
    if (user && user.gender === null) await updateUser(trx, user.id, { gender });
  }
}

type MandateInsert = {
  body_id: number;
  person_id: number;
  organisation_id: number | null;
  college: DemoMandate['college'];
  role: DemoMandate['role'];
  starts_on: string;
  ends_on: string | null;
  end_reason: string | null;
  created_by: number | null;
  created_at: Date;
  updated_at: Date;
};

/** Inserts the mandates not there yet (same body, person, college, role and start); returns how many. */
async function insertMissingMandates(trx: Trx, bodyIds: number[], rows: MandateInsert[]): Promise<number> {
  const existing = await trx
    .selectFrom('mandates')
    .select(['body_id', 'person_id', 'college', 'role', 'starts_on'])
    .where('body_id', 'in', bodyIds)
    .execute();
  const keyOf = (m: Pick<MandateInsert, 'body_id' | 'person_id' | 'college' | 'role' | 'starts_on'>) =>
    `${Number(m.body_id)}|${Number(m.person_id)}|${m.college}|${m.role}|${m.starts_on}`;
  const seen = new Set(existing.map(keyOf));
  const missing = rows.filter((r) => !seen.has(keyOf(r)));
  if (missing.length) await trx.insertInto('mandates').values(missing).execute();
  return missing.length;
}
