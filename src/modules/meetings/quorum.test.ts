/** Quorum arithmetic: members and organisations bases, alternates, guests, per college; and that more attendees never count less. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COLLEGES, type College } from '../bodies/tables.js';
import { attendeesByOrganisation, computeQuorum, meetingDay, type Attendance, type AttendeeRow, type Seat } from './quorum.js';

const seat = (person_id: number, organisation_id: number | null, college: College = organisation_id === null ? 'trajectory' : 'entity'): Seat => ({ person_id, organisation_id, college });
const present = (person_id: number, extra: Partial<Attendance> = {}): Attendance => ({ person_id, organisation_id: null, college: 'entity', on_behalf_of: null, guest: false, ...extra });

const members = { quorumBasis: 'members', quorumPercent: 50 } as const;
const organisations = { quorumBasis: 'organisations', quorumPercent: 50 } as const;

// Ten seats: organisation 100 holds three (1, 2, 3), organisation 200 two (4, 5), 300 one (6),
// a council unit (7), and three individuals (8 trajectory, 9 non-articulated, 10 expert).
const seats: Seat[] = [
  seat(1, 100),
  seat(2, 100),
  seat(3, 100),
  seat(4, 200),
  seat(5, 200),
  seat(6, 300),
  seat(7, 400, 'council'),
  seat(8, null, 'trajectory'),
  seat(9, null, 'non_articulated'),
  seat(10, null, 'expert'),
];

describe('members basis', () => {
  it('counts distinct seated members present over seated members; reached at exactly the share', () => {
    const quorum = computeQuorum(seats, [1, 2, 3, 4, 5].map((id) => present(id)), members);
    expect(quorum).toMatchObject({ basis: 'members', percent: 50, present: 5, total: 10, share: 50, reached: true });
    const short = computeQuorum(seats, [1, 2, 3, 4].map((id) => present(id)), members);
    expect(short).toMatchObject({ present: 4, total: 10, share: 40, reached: false });
  });

  it('an alternate on behalf of a member counts for that member, once', () => {
    const quorum = computeQuorum(seats, [present(1), present(50, { on_behalf_of: 2 })], members);
    expect(quorum.present).toBe(2);
    // The member present themselves and someone for them as well: still one.
    expect(computeQuorum(seats, [present(2), present(50, { on_behalf_of: 2 })], members).present).toBe(1);
  });

  it('guests never count, not even a member recorded as a guest or a guest naming a member', () => {
    const quorum = computeQuorum(seats, [present(60, { guest: true }), present(3, { guest: true }), present(61, { guest: true, on_behalf_of: 4 })], members);
    expect(quorum.present).toBe(0);
    expect(quorum.reached).toBe(false);
  });

  it('people with no seat (alternates alone, observers) do not count; a seated member standing in for another counts for both', () => {
    expect(computeQuorum(seats, [present(70), present(71)], members).present).toBe(0);
    expect(computeQuorum(seats, [present(1, { on_behalf_of: 2 })], members).present).toBe(2);
  });

  it('a person with two seats is one member', () => {
    const quorum = computeQuorum([seat(1, 100), seat(1, 100, 'entity'), seat(2, null)], [present(1)], members);
    expect(quorum).toMatchObject({ present: 1, total: 2 });
  });

  it('a body with no seat never reaches quorum', () => {
    expect(computeQuorum([], [present(1)], members)).toMatchObject({ present: 0, total: 0, share: 0, reached: false });
  });

  it('rounds the share down and compares exactly: 2 of 3 is 66 %, reaching 66 % and 67 % only by arithmetic', () => {
    const three = [seat(1, null), seat(2, null), seat(3, null)];
    const two = [present(1), present(2)];
    expect(computeQuorum(three, two, { quorumBasis: 'members', quorumPercent: 66 })).toMatchObject({ share: 66, reached: true });
    expect(computeQuorum(three, two, { quorumBasis: 'members', quorumPercent: 67 })).toMatchObject({ share: 66, reached: false });
    expect(computeQuorum(three, [present(1), present(2), present(3)], { quorumBasis: 'members', quorumPercent: 100 }).reached).toBe(true);
  });
});

describe('organisations basis', () => {
  it('counts organisations with someone present, each individual seat as one unit', () => {
    // Units: 100, 200, 300, 400, and persons 8, 9, 10: seven.
    const quorum = computeQuorum(seats, [present(1), present(2), present(3), present(4)], organisations);
    expect(quorum).toMatchObject({ basis: 'organisations', present: 2, total: 7, reached: false });
    const more = computeQuorum(seats, [present(1), present(4), present(8), present(9)], organisations);
    expect(more).toMatchObject({ present: 4, total: 7, share: 57, reached: true });
  });

  it('an alternate counts for the organisation of the member they stand in for', () => {
    const quorum = computeQuorum(seats, [present(50, { on_behalf_of: 6, organisation_id: 300 }), present(51, { on_behalf_of: 7 })], organisations);
    expect(quorum.present).toBe(2);
  });

  it('guests bring no organisation in', () => {
    expect(computeQuorum(seats, [present(60, { guest: true, organisation_id: 100 })], organisations).present).toBe(0);
  });
});

describe('per college', () => {
  it('is in members whatever the basis, and adds up to the seats', () => {
    const attendance = [present(1), present(50, { on_behalf_of: 4 }), present(7), present(10), present(60, { guest: true })];
    for (const rules of [members, organisations]) {
      const { by_college } = computeQuorum(seats, attendance, rules);
      expect(by_college).toEqual({
        council: { present: 1, total: 1 },
        entity: { present: 2, total: 6 },
        trajectory: { present: 0, total: 1 },
        non_articulated: { present: 0, total: 1 },
        expert: { present: 1, total: 1 },
      });
      expect(COLLEGES.reduce((sum, college) => sum + by_college[college].total, 0)).toBe(10);
    }
  });
});

describe('meetingDay', () => {
  it("is the meeting's date on Barcelona's clock, not UTC's", () => {
    expect(meetingDay(new Date('2026-03-09T23:30:00Z'))).toBe('2026-03-10');
    expect(meetingDay('2026-07-01T21:59:00Z')).toBe('2026-07-01');
    expect(meetingDay('2026-07-01T22:00:00Z')).toBe('2026-07-02');
  });
});

describe('attendeesByOrganisation', () => {
  it('groups by organisation by name, individuals last', () => {
    const row = (person_id: number, name: string, organisation_id: number | null, organisation: string | null): AttendeeRow => ({
      ...present(person_id, { organisation_id }),
      name,
      organisation,
      on_behalf_of_name: null,
    });
    const groups = attendeesByOrganisation([row(1, 'Zoe', null, null), row(2, 'Berta', 7, 'Coop57'), row(3, 'Àlex', 8, 'Abacus'), row(4, 'Anna', 7, 'Coop57')]);
    expect(groups.map((group) => [group.organisation, group.people.map((p) => p.name)])).toEqual([
      ['Abacus', ['Àlex']],
      ['Coop57', ['Anna', 'Berta']],
      [null, ['Zoe']],
    ]);
  });
});

describe('property: adding an attendee never lowers the count', () => {
  const collegeArb = fc.constantFrom(...COLLEGES);
  const seatsArb = fc.array(fc.record({ person_id: fc.integer({ min: 1, max: 30 }), organisation_id: fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }), college: collegeArb }), { maxLength: 30 });
  const attendeeArb = fc.record({
    person_id: fc.integer({ min: 1, max: 40 }),
    organisation_id: fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }),
    college: collegeArb,
    on_behalf_of: fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }),
    guest: fc.boolean(),
  });
  it('for both bases, overall and per college; present never exceeds total', () => {
    fc.assert(
      fc.property(seatsArb, fc.array(attendeeArb, { maxLength: 30 }), attendeeArb, fc.constantFrom('members', 'organisations'), fc.integer({ min: 1, max: 100 }), (seated, attendance, extra, basis, percent) => {
        const rules = { quorumBasis: basis as 'members' | 'organisations', quorumPercent: percent };
        const before = computeQuorum(seated, attendance, rules);
        const after = computeQuorum(seated, [...attendance, extra], rules);
        expect(after.present).toBeGreaterThanOrEqual(before.present);
        expect(after.total).toBe(before.total);
        expect(after.present).toBeLessThanOrEqual(after.total);
        if (before.reached) expect(after.reached).toBe(true);
        for (const college of COLLEGES) expect(after.by_college[college].present).toBeGreaterThanOrEqual(before.by_college[college].present);
      }),
      { numRuns: 300 },
    );
  });
});
