/**
 * Test fixtures for the working groups' tests (used by this module's tests only): people with a
 * browser each, seats in the steering group, a proposal form, reading the outbox.
 */
import type { Agent, TestApp } from '../../../test/support/app.js';
import { browserFor } from '../../../test/support/personas.js';
import type { UserRow } from '../identity/index.js';
import { addDays } from './dates.js';
import { spaceToday } from './groups.js';

/** The steering group exists in every fresh database. */
export const STEERING_ID = 2;

export interface Person {
  user: UserRow & { password: string };
  browser: Agent;
}

/** A person with a live session (second factor passed for admins and officials). */
export async function person(app: TestApp, options: Parameters<TestApp['createUser']>[0] = {}): Promise<Person> {
  const user = await app.createUser(options);
  const browser = await browserFor(app, { name: 'participant', user, token: null });
  return { user, browser };
}

/** A seat in the steering group from 2020 (role `member` unless told). */
export async function seatInSteering(app: TestApp, personId: number, role: 'member' | 'alternate' | 'observer' | 'chair' = 'member'): Promise<void> {
  await app.services.database.db
    .insertInto('mandates')
    .values({ body_id: STEERING_ID, person_id: personId, college: 'trajectory', role, starts_on: '2020-01-01' })
    .execute();
}

/** A complete proposal form, in Catalan only, ending `days` from today (default 180). */
export function proposalForm(name: string, overrides: Record<string, string | string[]> = {}, days = 180): Record<string, string | string[]> {
  return {
    name_ca: name,
    purpose_ca: `Finalitat de ${name}`,
    charter_objectives_ca: 'Objectius del grup',
    charter_method_ca: 'Reunions i documents compartits',
    charter_cadence_ca: 'Una reunió al mes',
    charter_deliverables_ca: 'Una guia',
    sunset_on: addDays(spaceToday(), days),
    allowed_levels: ['1', '2', '3'],
    report_interval_days: '90',
    organisation_id: '',
    ...overrides,
  };
}

/** The slug a redirect after proposing points at (`/ca/bodies/<slug>`). */
export function slugFrom(response: Response): string {
  const location = response.headers.get('location') ?? '';
  const match = /\/bodies\/([a-z0-9-]+)$/.exec(location);
  if (!match?.[1]) throw new Error(`not a body page: ${response.status} ${location}`);
  return match[1];
}

export interface Mail {
  to_address: string;
  locale: string;
  subject: string;
  text_body: string;
}

/** Every e-mail written to this address, oldest first. */
export async function mailsTo(app: TestApp, address: string | null): Promise<Mail[]> {
  if (address === null) return [];
  return app.services.database.db
    .selectFrom('outbox')
    .select(['to_address', 'locale', 'subject', 'text_body'])
    .where('to_address', '=', address.toLowerCase())
    .orderBy('id')
    .execute();
}

/** How many rows a table holds (a refusal must leave them as they were). */
export async function countRows(app: TestApp, table: 'bodies' | 'mandates' | 'join_requests' | 'body_reports' | 'body_decisions' | 'outbox'): Promise<number> {
  const row = await app.services.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The working group's row by slug. */
export async function groupRow(app: TestApp, slug: string) {
  return app.services.database.db.selectFrom('bodies').selectAll().where('slug', '=', slug).executeTakeFirstOrThrow();
}

/** A page's HTML with the entities JSX escapes turned back into characters, to look for words in it. */
export async function pageText(response: Response): Promise<string> {
  const html = await response.text();
  return html.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
