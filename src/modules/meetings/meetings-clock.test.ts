/**
 * Visitors' copies of meeting pages are dropped when a meeting starts or ends, or a convened
 * meeting's dossier deadline passes — instants at which nothing is written.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import type { AppEvent } from '../../kernel/events.js';
import { insertGroup } from '../bodies/bodies-test-support.js';
import { meetingInstantPassed, startMeetingsClock } from './meetings-clock.js';
import { insertMeeting } from './test-support.js';

const DAY = 24 * 3600_000;
const HOUR = 3600_000;
let app: TestApp;
const db = () => app.services.database.db;
const T = new Date('2031-05-20T16:00:00Z').getTime();
const window = (from: number, to: number) => meetingInstantPassed(db(), new Date(from), new Date(to));

beforeAll(async () => {
  app = await createTestApp();
  // A working group's convened meeting: its dossier deadline is 2 days before (the kind's default is checked below).
  const group = await insertGroup(db());
  await db().updateTable('bodies').set({ dossier_days: 2 }).where('id', '=', group.id).execute();
  await insertMeeting(db(), { body_id: group.id, state: 'convened', starts_at: new Date(T), ends_at: new Date(T + 2 * HOUR) });
  // A draft and a cancelled meeting at other instants: visitors never see them turn.
  await insertMeeting(db(), { state: 'draft', starts_at: new Date(T + 10 * DAY) });
  await insertMeeting(db(), { state: 'cancelled', starts_at: new Date(T + 20 * DAY) });
});
afterAll(() => app?.close());

describe("the meetings' clock", () => {
  it('sees a start, an end and a dossier deadline pass, and nothing else', async () => {
    expect(await window(T - 60_000, T)).toBe(true);
    expect(await window(T + 2 * HOUR - 60_000, T + 2 * HOUR)).toBe(true);
    expect(await window(T - 2 * DAY - 60_000, T - 2 * DAY)).toBe(true);
    expect(await window(T, T + 60_000)).toBe(false);
    expect(await window(T - 3 * DAY, T - 2 * DAY - 60_000)).toBe(false);
    expect(await window(T + 10 * DAY - 60_000, T + 10 * DAY)).toBe(false);
    expect(await window(T + 20 * DAY - 60_000, T + 20 * DAY)).toBe(false);
  });

  it("drops the pages tagged 'meetings' when a meeting starts, once", async () => {
    await insertMeeting(db(), { state: 'convened', starts_at: new Date(Date.now() + 150), ends_at: new Date(Date.now() + DAY) });
    const seen: AppEvent[] = [];
    const unsubscribe = app.services.events.subscribe((event) => {
      if (event.type === 'meetings.clock') seen.push(event);
    });
    const stop = startMeetingsClock(app.services, 50);
    try {
      await vi.waitFor(() => expect(seen).toEqual([{ type: 'meetings.clock', tags: ['meetings'] }]), { timeout: 3000, interval: 50 });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(seen).toHaveLength(1);
    } finally {
      stop();
      unsubscribe();
    }
  });
});
