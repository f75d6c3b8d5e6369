/**
 * What the agreements' tests set up: people with a browser (and a token), seats in a body, a
 * meeting under way with an agenda item, agreements straight in the table. Tests only.
 */
import type { Queryable } from '../../db/types.js';
import type { TestApp } from '../../../test/support/app.js';
import { browserFor, freshToken } from '../../../test/support/personas.js';
import { insertMandate } from '../bodies/bodies-test-support.js';
import type { College, MandateRole } from '../bodies/tables.js';
import { insertAgendaItem, insertMeeting, type MeetingOptions } from './test-support.js';

export const PLENARY_ID = 1;

export async function person(app: TestApp, options: Parameters<TestApp['createUser']>[0] = {}) {
  const user = await app.createUser(options);
  const browser = await browserFor(app, { name: 'participant', user, token: null });
  const token = (await freshToken(app, { name: 'participant', user, token: null })) ?? '';
  return { user, browser, token };
}
export type Person = Awaited<ReturnType<typeof person>>;

/** An active seat in a body (since 2020). */
export async function seat(db: Queryable, bodyId: number, personId: number, options: { role?: MandateRole; organisation_id?: number | null; college?: College; ends_on?: string | null } = {}): Promise<number> {
  return insertMandate(db, { body_id: bodyId, person_id: personId, starts_on: '2020-01-01', ...options });
}

/** A meeting that took place (default: held, yesterday in the plenary) and one agenda item of it. */
export async function meetingWithItem(db: Queryable, options: MeetingOptions = {}): Promise<{ meetingId: number; itemId: number }> {
  const meetingId = await insertMeeting(db, { state: 'held', starts_at: new Date(Date.now() - 26 * 3600_000), ...options });
  const itemId = await insertAgendaItem(db, meetingId);
  return { meetingId, itemId };
}

/** Counts of the agreements' tables (a refusal must leave them as they were). */
export async function agreementCounts(db: Queryable): Promise<{ agreements: number; action_items: number }> {
  const [a, x] = await Promise.all([
    db.selectFrom('agreements').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('action_items').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { agreements: Number(a.n), action_items: Number(x.n) };
}

/** Calls the JSON API with a token (or as a visitor). */
export async function api(app: TestApp, method: string, path: string, token: string | null, body?: unknown) {
  const response = await app.built.app.request(`/api/v1${path}`, {
    method,
    headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, headers: response.headers, json: (await response.json()) as Record<string, unknown> };
}

/** The e-mails written to an address, oldest first. */
export async function mailsTo(db: Queryable, address: string | null) {
  if (address === null) return [];
  return db.selectFrom('outbox').select(['to_address', 'locale', 'subject', 'text_body']).where('to_address', '=', address.toLowerCase()).orderBy('id').execute();
}
