/**
 * The working groups through the JSON API: propose (`POST /bodies`), the lifecycle
 * (`POST /bodies/{id}/transitions`), join requests and their transitions, reports — with the
 * status codes of the contract (201 + Location, 200, 409 from the wrong state, 422, 403, 404).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { freshToken } from '../../../test/support/personas.js';
import { addDays } from './dates.js';
import { spaceToday } from './groups.js';
import { countRows, mailsTo, seatInSteering } from './test-support.js';

let app: TestApp;
const tokens: Record<'proposer' | 'steering' | 'joiner' | 'stranger', string> = { proposer: '', steering: '', joiner: '', stranger: '' };
const ids: Record<keyof typeof tokens, number> = { proposer: 0, steering: 0, joiner: 0, stranger: 0 };
const today = spaceToday();

async function call(method: string, path: string, who: keyof typeof tokens | null, body?: unknown, headers: Record<string, string> = {}) {
  const response = await app.built.app.request(`/api/v1${path}`, {
    method,
    headers: { accept: 'application/json', ...(who ? { authorization: `Bearer ${tokens[who]}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, headers: response.headers, json: (await response.json()) as Record<string, unknown> };
}

const proposal = (name: string, sunset = addDays(today, 200)) => ({
  name: { ca: name, en: `${name} (en)` },
  purpose: { ca: 'Per a què' },
  charter: { objectives: { ca: 'Objectius' }, method: { ca: 'Mètode' }, cadence: { ca: 'Mensual' }, deliverables: { ca: 'Guia' } },
  sunset_on: sunset,
  rules: { allowed_levels: [1, 2] },
  report_interval_days: 60,
});

let groupId = '';
let requestId = '';

beforeAll(async () => {
  app = await createTestApp();
  for (const who of Object.keys(tokens) as Array<keyof typeof tokens>) {
    const user = await app.createUser({ name: `Persona ${who}`, locale: who === 'proposer' ? 'es' : 'ca' });
    ids[who] = user.id;
    tokens[who] = (await freshToken(app, { name: 'participant', user, token: null })) ?? '';
  }
  await seatInSteering(app, ids.steering);
});
afterAll(() => app?.close());

describe('POST /bodies', () => {
  it('proposes a working group: 201, its Location, the body as GET /bodies/{id} shows it', async () => {
    const response = await call('POST', '/bodies', 'proposer', proposal('Grup per API'));
    expect(response.status).toBe(201);
    groupId = String(response.json.id);
    expect(response.headers.get('location')).toBe(`/api/v1/bodies/${groupId}`);
    expect(response.json).toMatchObject({
      kind: 'working_group',
      slug: 'grup-per-api',
      state: 'proposed',
      open: true,
      parent_id: '1',
      sunset_on: addDays(today, 200),
      report_interval_days: 60,
      rules: { allowed_levels: [1, 2] },
      name: { ca: 'Grup per API', en: 'Grup per API (en)' },
    });
    const read = await call('GET', `/bodies/${groupId}`, null);
    expect(read.json.state).toBe('proposed');
  });

  it('refuses a sunset in the past or beyond 24 months (422, localized), and a visitor (401), creating nothing', async () => {
    const before = await countRows(app, 'bodies');
    const past = await call('POST', '/bodies', 'proposer', proposal('Massa tard', addDays(today, -3)), { 'accept-language': 'en' });
    expect(past.status).toBe(422);
    expect(past.json.errors).toEqual({ sunset_on: 'The end date must be after today.' });
    const far = await call('POST', '/bodies', 'proposer', proposal('Massa lluny', addDays(today, 800)));
    expect(far.status).toBe(422);
    const missing = await call('POST', '/bodies', 'proposer', { name: { ca: 'Res' } });
    expect(missing.status).toBe(422);
    const visitor = await call('POST', '/bodies', null, proposal('Anònim'));
    expect(visitor.status).toBe(401);
    expect(await countRows(app, 'bodies')).toBe(before);
  });
});

describe('POST /bodies/{id}/transitions', () => {
  it('lets only the steering group approve, and answers 409 from the wrong state', async () => {
    expect((await call('POST', `/bodies/${groupId}/transitions`, 'stranger', { to: 'active' })).status).toBe(403);
    const closeEarly = await call('POST', `/bodies/${groupId}/transitions`, 'steering', { to: 'closed' });
    expect(closeEarly.status).toBe(409);
    const approved = await call('POST', `/bodies/grup-per-api/transitions`, 'steering', { to: 'active', reason: 'Som-hi' });
    expect(approved.status).toBe(200);
    expect(approved.json).toMatchObject({ id: groupId, state: 'active', starts_on: today, composition: { total: 1 } });
    const again = await call('POST', `/bodies/${groupId}/transitions`, 'steering', { to: 'declined', reason: 'No' }, { 'accept-language': 'en' });
    expect(again.status).toBe(409);
    expect(again.json.detail).toBe('This group is not awaiting a decision: it has already been approved or declined.');
    const plenary = await call('POST', '/bodies/ambit-participat/transitions', 'steering', { to: 'closing', reason: 'x' });
    expect(plenary.status).toBe(409);
    expect((await call('POST', '/bodies/no-such-group/transitions', 'steering', { to: 'active' })).status).toBe(404);
    expect((await call('POST', `/bodies/${groupId}/transitions`, 'steering', { to: 'open' })).status).toBe(422);
  });
});

describe('join requests', () => {
  it('are made by the caller (201 + Location), once, and read by the coordinators', async () => {
    const asked = await call('POST', `/bodies/${groupId}/join-requests`, 'joiner', { statement: 'Sóc economista.' });
    expect(asked.status).toBe(201);
    requestId = String(asked.json.id);
    expect(asked.headers.get('location')).toBe(`/api/v1/join-requests/${requestId}`);
    expect(asked.json).toMatchObject({ body_id: groupId, person: { id: String(ids.joiner), name: 'Persona joiner' }, organisation: null, state: 'pending', mandate_id: null });
    expect(JSON.stringify(asked.json)).not.toContain('@');

    const again = await call('POST', `/bodies/${groupId}/join-requests`, 'joiner', { statement: 'Un altre cop' });
    expect(again.status).toBe(409);
    const noStatement = await call('POST', `/bodies/${groupId}/join-requests`, 'stranger', {});
    expect(noStatement.status).toBe(422);
    expect(Object.keys(noStatement.json.errors as object)).toEqual(['statement']);

    const list = await call('GET', `/bodies/${groupId}/join-requests?state=pending`, 'proposer');
    expect(list.status).toBe(200);
    expect((list.json.items as Array<{ id: string; statement: string }>).map((r) => [r.id, r.statement])).toEqual([[requestId, 'Sóc economista.']]);
    expect((await call('GET', `/bodies/${groupId}/join-requests`, 'stranger')).status).toBe(403);
    expect((await call('GET', `/bodies/${groupId}/join-requests`, null)).status).toBe(401);

    expect((await call('GET', `/join-requests/${requestId}`, 'joiner')).status).toBe(200);
    expect((await call('GET', `/join-requests/${requestId}`, 'stranger')).status).toBe(404);
  });

  it('are accepted by a coordinator with a mandate from today; a second answer is 409', async () => {
    expect((await call('POST', `/join-requests/${requestId}/transitions`, 'stranger', { to: 'accepted' })).status).toBe(403);
    expect((await call('POST', `/join-requests/${requestId}/transitions`, 'joiner', { to: 'accepted' })).status).toBe(403);
    const accepted = await call('POST', `/join-requests/${requestId}/transitions`, 'proposer', { to: 'accepted', college: 'expert', reason: 'Benvingut' });
    expect(accepted.status).toBe(200);
    expect(accepted.json).toMatchObject({ state: 'accepted', decision_reason: 'Benvingut' });
    const mandate = await app.services.database.db.selectFrom('mandates').selectAll().where('id', '=', Number(accepted.json.mandate_id)).executeTakeFirstOrThrow();
    expect(mandate).toMatchObject({ person_id: ids.joiner, college: 'expert', role: 'member', starts_on: today });
    expect((await mailsTo(app, (await app.services.database.db.selectFrom('users').select('email').where('id', '=', ids.joiner).executeTakeFirstOrThrow()).email)).at(-1)?.subject).toContain('Ja formes part');
    expect((await call('POST', `/join-requests/${requestId}/transitions`, 'proposer', { to: 'declined' })).status).toBe(409);
  });

  it('can be withdrawn by the person who asked', async () => {
    const asked = await call('POST', `/bodies/${groupId}/join-requests`, 'stranger', { statement: 'Potser' });
    const withdrawn = await call('POST', `/join-requests/${String(asked.json.id)}/transitions`, 'stranger', { to: 'withdrawn' });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.json.state).toBe('withdrawn');
  });
});

describe('reports, closing and closed', () => {
  it('files reports (201 + Location), lists them newest first with a cursor, and closes the group after the final one', async () => {
    const first = await call('POST', `/bodies/${groupId}/reports`, 'proposer', { period_start: today, period_end: today, progress: 'Primer' });
    expect(first.status).toBe(201);
    expect(first.headers.get('location')).toBe(`/api/v1/bodies/${groupId}/reports/${String(first.json.id)}`);
    expect((await call('GET', `/bodies/${groupId}/reports/${String(first.json.id)}`, null)).json.progress).toBe('Primer');
    expect((await call('POST', `/bodies/${groupId}/reports`, 'stranger', { period_start: today, period_end: today, progress: 'Intrús' })).status).toBe(403);
    expect((await call('POST', `/bodies/${groupId}/reports`, 'proposer', { kind: 'final', period_start: today, period_end: today, progress: 'Massa aviat' })).status).toBe(422);

    const noReason = await call('POST', `/bodies/${groupId}/transitions`, 'proposer', { to: 'closing' });
    expect(noReason.status).toBe(422);
    const closing = await call('POST', `/bodies/${groupId}/transitions`, 'proposer', { to: 'closing', reason: 'Fet' });
    expect(closing.status).toBe(200);
    expect(closing.json.state).toBe('closing');
    expect((await call('POST', `/bodies/${groupId}/transitions`, 'steering', { to: 'closed' })).status).toBe(409);

    const final = await call('POST', `/bodies/${groupId}/reports`, 'proposer', { kind: 'final', period_start: today, period_end: today, progress: 'Final' });
    expect(final.status).toBe(201);
    expect((await call('POST', `/bodies/${groupId}/transitions`, 'proposer', { to: 'closed' })).status).toBe(403);
    const closed = await call('POST', `/bodies/${groupId}/transitions`, 'steering', { to: 'closed', reason: 'Gràcies' });
    expect(closed.status).toBe(200);
    expect(closed.json).toMatchObject({ state: 'closed', open: false });

    const page1 = await call('GET', `/bodies/${groupId}/reports?limit=1`, null);
    expect((page1.json.items as Array<{ progress: string }>).map((r) => r.progress)).toEqual(['Final']);
    const page2 = await call('GET', `/bodies/${groupId}/reports?limit=1&cursor=${String(page1.json.next_cursor)}`, null);
    expect((page2.json.items as Array<{ progress: string }>).map((r) => r.progress)).toEqual(['Primer']);
    expect(page2.json.next_cursor).toBeNull();
    expect((await call('GET', `/bodies/${groupId}/reports?cursor=bm9wZQ`, null)).status).toBe(422);

    expect((await call('POST', `/bodies/${groupId}/join-requests`, 'stranger', { statement: 'Tard' })).status).toBe(409);
    expect((await call('POST', `/bodies/${groupId}/reports`, 'proposer', { period_start: today, period_end: today, progress: 'Després' })).status).toBe(409);
  });
});
