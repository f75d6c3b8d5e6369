/**
 * Generated input against the working groups' forms and API on real groups in every state, as
 * an administrator (who may do everything here), so that the input reaches the commands — the
 * route × persona samples name no working group. No answer may be a server error.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { freshToken } from '../../../test/support/personas.js';
import { addDays } from './dates.js';
import { spaceToday } from './groups.js';
import { ORGANISATIONS_LISTED } from './store.js';
import { person, type Person } from './test-support.js';

const RUNS = Math.max(10, Math.round(Number(process.env.PROPERTY_RUNS ?? 1000) / 10));
const today = spaceToday();

let app: TestApp;
let admin: Person;
let token = '';
const slugs: Record<'proposed' | 'active' | 'closing' | 'closed', string> = { proposed: '', active: '', closing: '', closed: '' };
let requestId = 0;

const value = fc.oneof(
  fc.constantFrom('', ' ', '0', '-1', '1', '2', '4', '99999999999999999999', 'Entitat', 'E1', '%', '_', '\\', 'approve', 'decline', 'accept', 'final', 'periodic', 'closing', 'closed',
    'individual', 'organisation', 'entity', 'trajectory', 'expert', 'active', 'declined', 'accepted', 'withdrawn', today, addDays(today, 30), addDays(today, 900), '0000-01-01', '0999-12-31',
    '9999-12-31', '2026-02-30', 'null', '<script>', '=1+1', 'ÀÉÏÕÜ·l·l', '😀'),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 4 }).map((s) => s.repeat(1200)),
);

/**
 * A form: half the time a valid one with up to three fields changed (so the input gets past
 * validation to the rules and states behind it), else any mix of the form's fields.
 */
function formOf(fields: string[], valid: Record<string, string | string[]> = {}) {
  const changes = fc.array(fc.tuple(fc.constantFrom(...fields), fc.oneof(value.map((v) => [v]), fc.array(value, { minLength: 2, maxLength: 3 }))), { maxLength: 10 });
  const base = Object.entries(valid).map(([name, v]): [string, string[]] => [name, Array.isArray(v) ? v : [v]]);
  return fc.oneof(
    changes,
    fc.array(fc.tuple(fc.constantFrom(...fields), value.map((v) => [v])), { maxLength: 3 }).map((edits) => {
      const form = new Map(base);
      for (const [name, v] of edits) form.set(name, v);
      return [...form.entries()];
    }),
  );
}

async function postForm(path: string, entries: Array<[string, string[]]>): Promise<number> {
  const body = new URLSearchParams([['_csrf', admin.browser.csrfToken()]]);
  for (const [name, values] of entries) for (const v of values) body.append(name, v);
  const response = await admin.browser.request('POST', path, { body: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  return response.status;
}

const jsonValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  any: fc.oneof({ depthSize: 'small' }, value, fc.integer(), fc.boolean(), fc.constant(null), fc.array(tie('any'), { maxLength: 3 }), fc.dictionary(fc.constantFrom('ca', 'es', 'en', 'x'), tie('any'), { maxKeys: 3 })),
})).any;

function jsonOf(fields: string[]) {
  return fc.dictionary(fc.constantFrom(...fields), jsonValue, { maxKeys: fields.length });
}

async function postJson(path: string, body: unknown): Promise<number> {
  const response = await app.built.app.request(`/api/v1${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  return response.status;
}

beforeAll(async () => {
  app = await createTestApp({ TEIXIT_WRITE_LIMIT: '100000000' });
  admin = await person(app, { name: 'Admin Proves', roles: ['admin'] });
  // More entities than the forms list, so that their organisation is typed by name.
  await app.services.database.db
    .insertInto('organisations')
    .values(Array.from({ length: ORGANISATIONS_LISTED + 1 }, (_, i) => ({ name: `Entitat ${i}`, short_name: `E${i}`, kind: 'entity' as const, level: ((i % 4) + 1) as 1 | 2 | 3 | 4 })))
    .execute();
  token = (await freshToken(app, { name: 'admin', user: admin.user, token: null })) ?? '';
  const db = app.services.database.db;
  for (const state of Object.keys(slugs) as Array<keyof typeof slugs>) {
    const row = await db
      .insertInto('bodies')
      .values({
        slug: `grup-${state}`,
        kind: 'working_group',
        parent_id: 1,
        name: JSON.stringify({ ca: `Grup ${state}` }),
        state,
        starts_on: state === 'proposed' ? null : addDays(today, -30),
        sunset_on: addDays(today, 60),
        open: state === 'active',
        report_interval_days: 90,
        allowed_levels: [1, 2, 3],
        proposed_by: admin.user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    slugs[state] = `grup-${state}`;
    if (state === 'active') {
      const other = await app.createUser({ name: 'Demana' });
      const request = await db.insertInto('join_requests').values({ body_id: Number(row.id), person_id: other.id, statement: 'Hola' }).returning('id').executeTakeFirstOrThrow();
      requestId = Number(request.id);
    }
  }
});
afterAll(() => app?.close());

const PROPOSAL_FIELDS = ['name_ca', 'name_es', 'purpose_ca', 'charter_objectives_ca', 'charter_method_ca', 'charter_cadence_ca', 'charter_deliverables_ca', 'sunset_on', 'allowed_levels', 'report_interval_days', 'organisation_id', 'organisation_name'];

describe('generated input on real working groups never causes a server error', () => {
  it('the proposal form', { timeout: 600_000 }, async () => {
    const valid = {
      name_ca: 'Grup generat', purpose_ca: 'Finalitat', charter_objectives_ca: 'Objectius', charter_method_ca: 'Mètode', charter_cadence_ca: 'Mensual',
      charter_deliverables_ca: 'Guia', sunset_on: addDays(today, 100), allowed_levels: ['1', '2'], report_interval_days: '60', organisation_id: '',
    };
    await fc.assert(fc.asyncProperty(formOf(PROPOSAL_FIELDS, valid), async (entries) => {
      expect(await postForm('/ca/working-groups/new', entries)).toBeLessThan(500);
    }), { numRuns: RUNS });
  });

  const forms: Array<[string, (slug: string) => string, string[], Record<string, string>]> = [
    ['decision', (slug) => `/ca/bodies/${slug}/decision`, ['decision', 'reason'], { decision: 'approve', reason: 'Endavant' }],
    ['extend', (slug) => `/ca/bodies/${slug}/extend`, ['sunset_on', 'reason'], { sunset_on: addDays(today, 90), reason: 'Més temps' }],
    ['close', (slug) => `/ca/bodies/${slug}/close`, ['step', 'reason'], { step: 'closing', reason: 'Fet' }],
    ['join', (slug) => `/ca/bodies/${slug}/join`, ['as', 'organisation_id', 'organisation_name', 'statement'], { as: 'organisation', organisation_name: 'Entitat 1', statement: 'Hola' }],
    ['withdraw', (slug) => `/ca/bodies/${slug}/join/withdraw`, ['request_id'], { request_id: '1' }],
    ['report', (slug) => `/ca/bodies/${slug}/reports/new`, ['kind', 'period_start', 'period_end', 'progress', 'next_steps', 'blockers'], { kind: 'periodic', period_start: addDays(today, -10), period_end: today, progress: 'Fet' }],
    ['join request answer', (slug) => `/ca/bodies/${slug}/join-requests/${requestId}`, ['decision', `college_${requestId}`, `reason_${requestId}`, 'college', 'reason'], { decision: 'accept', [`college_${requestId}`]: 'trajectory' }],
  ];
  for (const [name, path, fields, valid] of forms) {
    it(`the ${name} form, in every state`, { timeout: 600_000 }, async () => {
      await fc.assert(fc.asyncProperty(fc.constantFrom(...Object.values(slugs)), formOf(fields, valid), async (slug, entries) => {
        expect(await postForm(path(slug), entries)).toBeLessThan(500);
      }), { numRuns: RUNS });
    });
  }

  const api: Array<[string, (slug: string) => string, string[]]> = [
    ['POST /bodies', () => '/bodies', ['name', 'purpose', 'charter', 'sunset_on', 'rules', 'report_interval_days', 'organisation_id']],
    ['transitions', (slug) => `/bodies/${slug}/transitions`, ['to', 'reason']],
    ['join requests', (slug) => `/bodies/${slug}/join-requests`, ['organisation_id', 'statement']],
    ['reports', (slug) => `/bodies/${slug}/reports`, ['kind', 'period_start', 'period_end', 'progress', 'next_steps', 'blockers']],
    ['join request transitions', () => `/join-requests/${requestId}/transitions`, ['to', 'college', 'reason']],
  ];
  for (const [name, path, fields] of api) {
    it(`the API's ${name}, in every state`, { timeout: 600_000 }, async () => {
      await fc.assert(fc.asyncProperty(fc.constantFrom(...Object.values(slugs)), jsonOf(fields), async (slug, body) => {
        expect(await postJson(path(slug), body)).toBeLessThan(500);
      }), { numRuns: RUNS });
    });
  }
});
