/**
 * Every registered route × every persona, compared with the table kept in
 * `test/route-policies.expected.json`: who may call what is a reviewed decision, and a change
 * to it shows up in a diff.
 *
 * A new route fails this test until its row is in the table. To write the rows from what the
 * routes answer now, run
 *     UPDATE_ROUTE_TABLE=1 npx vitest run test/routes.test.ts
 * which rewrites the file and still fails: read each changed row (`git diff`), then run again
 * without the variable.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteDef } from '../src/kernel/http/module.js';
import { listPolicies } from '../src/kernel/policy.js';
import { createTestApp, type TestApp } from './support/app.js';
import { browserFor, createPersonas, freshToken, PERSONAS, routeKey, urlOf, type Persona, type PersonaName } from './support/personas.js';

type Outcome = 'allowed' | 'sign-in' | 'forbidden';
type Row = Record<PersonaName, Outcome>;

const TABLE_FILE = new URL('./route-policies.expected.json', import.meta.url);
const NOTE = 'Route × persona outcomes, checked by test/routes.test.ts. Review every row; regenerate with UPDATE_ROUTE_TABLE=1 npx vitest run test/routes.test.ts.';
const updating = process.env.UPDATE_ROUTE_TABLE === '1';

let app: TestApp;
let personas: Record<PersonaName, Persona>;

beforeAll(async () => {
  app = await createTestApp();
  personas = await createPersonas(app);
});
afterAll(() => app?.close());

function readTable(): Record<string, Row> {
  const { '//': _note, ...rows } = JSON.parse(readFileSync(TABLE_FILE, 'utf8')) as Record<string, unknown>;
  return rows as Record<string, Row>;
}

/** Sends the route's request as the persona: pages by browser (empty form, valid CSRF), API by token. */
async function call(route: RouteDef, persona: Persona): Promise<Response> {
  const url = urlOf(route);
  const withBody = route.method === 'POST' || route.method === 'PUT' || route.method === 'PATCH';
  if (route.kind === 'api') {
    const headers: Record<string, string> = { accept: 'application/json' };
    // A token of its own per request: an earlier route may have revoked the persona's tokens.
    const token = await freshToken(app, persona);
    if (token) headers.authorization = `Bearer ${token}`;
    if (withBody) headers['content-type'] = 'application/json';
    return app.built.app.request(url, { method: route.method, headers, ...(withBody ? { body: '{}' } : {}) });
  }
  const browser = await browserFor(app, persona);
  if (route.method === 'GET') return browser.get(url);
  if (route.method === 'POST') return browser.post(url, {});
  return browser.request(route.method, url, {
    body: new URLSearchParams({ _csrf: browser.csrfToken() }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
}

/** 401 or a redirect to the sign-in page means "sign in first"; 403 means "not you"; the rest is allowed. */
function outcomeOf(response: Response): Outcome | 'server error' {
  if (response.status >= 500) return 'server error';
  if (response.status === 401) return 'sign-in';
  if (response.status === 403) return 'forbidden';
  if (response.status >= 300 && response.status < 400) {
    const location = new URL(response.headers.get('location') ?? '', 'http://localhost');
    if (/^\/(ca|es|en)\/sign-in\/?$/.test(location.pathname)) return 'sign-in';
  }
  return 'allowed';
}

describe('route policies', () => {
  it('give every route a declared, named policy of its own', () => {
    const declared = new Map(listPolicies().map((policy) => [policy.name, policy]));
    const problems: string[] = [];
    for (const route of app.built.routes) {
      const name = route.policy?.name ?? '';
      if (name.trim() === '') problems.push(`${routeKey(route)}: the policy has no name`);
      else if (declared.get(name) !== route.policy) {
        problems.push(`${routeKey(route)}: policy '${name}' is not the one definePolicy declared under that name (a second rule with a taken name is ignored)`);
      }
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('register each METHOD path once', () => {
    const keys = app.built.routes.map(routeKey);
    const twice = keys.filter((key, i) => keys.indexOf(key) !== i);
    expect(twice, `registered twice: ${twice.join(', ')}`).toEqual([]);
  });

  it('answer every route × persona as the expected table says', async () => {
    const observed: Record<string, Row> = {};
    const crashes: string[] = [];
    for (const route of app.built.routes) {
      const row = {} as Row;
      for (const name of PERSONAS) {
        const response = await call(route, personas[name]);
        const outcome = outcomeOf(response);
        if (outcome === 'server error') {
          crashes.push(`${routeKey(route)} as ${name}: ${response.status}`);
          row[name] = 'allowed';
        } else {
          row[name] = outcome;
        }
        await response.body?.cancel();
      }
      observed[routeKey(route)] = row;
    }
    expect(crashes, `server errors:\n${crashes.join('\n')}`).toEqual([]);

    if (updating) {
      const sorted = Object.fromEntries(Object.entries(observed).sort(([a], [b]) => a.localeCompare(b)));
      writeFileSync(TABLE_FILE, `${JSON.stringify({ '//': NOTE, ...sorted }, null, 2)}\n`);
      expect.fail('UPDATE_ROUTE_TABLE=1: test/route-policies.expected.json was rewritten from what the routes answer. Review every changed row (git diff), then run the test again without UPDATE_ROUTE_TABLE.');
    }

    const expected = readTable();
    const problems: string[] = [];
    for (const [key, row] of Object.entries(observed)) {
      const want = expected[key];
      if (!want) {
        problems.push(`${key} is not in test/route-policies.expected.json. Decide who may call it and add the row, e.g.\n  ${JSON.stringify(key)}: ${JSON.stringify(row)},`);
        continue;
      }
      for (const name of PERSONAS) {
        if (want[name] !== row[name]) problems.push(`${key} as ${name}: expected ${want[name] ?? '(no entry)'}, got ${row[name]}`);
      }
    }
    for (const key of Object.keys(expected)) {
      if (!observed[key]) problems.push(`${key} is in the table but no module registers it any more: remove its row.`);
    }
    expect(problems, `${problems.join('\n')}\n(UPDATE_ROUTE_TABLE=1 rewrites the table for review.)`).toEqual([]);
  });
});
