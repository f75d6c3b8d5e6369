/**
 * The property tests, shared by `test/properties.test.ts` and `test/properties-2.test.ts`, which
 * each run half of the endpoints (alternately, so the slow password endpoints are spread) so that
 * the suite's two workers share the work instead of one running all of it.
 *
 * Generated input against every write endpoint (POST, PUT, PATCH) the app registers, as a
 * signed-in administrator with a valid CSRF token — so the input reaches the handlers, not just
 * the gates — and no answer may be a server error. Forms get urlencoded, multipart and stray
 * JSON bodies; API routes get JSON, malformed JSON and odd shapes. Both get unicode, huge strings,
 * repeated fields for scalars, missing fields, numbers, nested and prototype-polluting keys.
 *
 * `PROPERTY_RUNS` (default 1000) sets the runs per endpoint. The general write limit is lifted
 * here; the tighter limits of password and code checks still apply, and their 429 is a fine
 * answer (argon2 is slow on purpose, and so is a limited endpoint to an attacker).
 */
import { createRoute, z } from '@hono/zod-openapi';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import type { RouteDef, TeixitModule } from '../../src/kernel/http/module.js';
import { signedIn } from '../../src/kernel/policy.js';
import { authenticator } from '../../src/modules/identity/index.js';
import { modules } from '../../src/modules/index.js';
import { createTestApp, type Agent } from './app.js';
import { browserFor, createPersona, routeKey, urlOf, type Persona } from './personas.js';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 1000);

const app = await createTestApp({ TEIXIT_WRITE_LIMIT: '100000000' });
// Someone other than the administrator holds id 1, the default id in sample paths: the
// administrator acting on "person 1" (disable, change roles) must not lock itself out.
await app.createUser({ name: 'Persona de prova' });
/**
 * The administrator of the endpoint under test: a new one per endpoint, so that what earlier
 * endpoints left behind (thousands of audit entries, sessions) does not weigh on the next one
 * — "download my data" would otherwise export all of it on every run.
 */
let admin: Persona = await createPersona(app, 'admin');
afterAll(() => app.close());

const endpoints = app.built.routes.filter((route) => route.method === 'POST' || route.method === 'PUT' || route.method === 'PATCH');

// ---- values ---------------------------------------------------------------------------------

const tricky = fc.constantFrom(
  '', ' ', '0', '-1', '1e309', 'NaN', 'Infinity', 'null', 'undefined', 'true', '[]', '{}', '[object Object]',
  '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "' OR 1=1 --", "'; DROP TABLE users; --",
  '../../etc/passwd', 'javascript:alert(1)', '%00', '\u0000', '\uD800', '\uFEFF', '😀👩‍👩‍👧', 'ÀÉÏÕÜ·l·l', 'ﷺ', '\r\n\t',
  '2026-02-30', '9999-12-31T23:59:59Z', '-0', '0x10', '١٢٣', 'person@example.org', 'tx_aaaaaaaaaaaaaaaaaaaaaaaa',
);
const scalarText = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 3, arbitrary: tricky },
  { weight: 2, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.emailAddress() },
  // Huge strings, built by repetition: generating them unit by unit would cost more than the request.
  { weight: 1, arbitrary: fc.tuple(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }), fc.integer({ min: 500, max: 20_000 })).map(([piece, n]) => piece.repeat(n)) },
);
const pollutingKeys = ['__proto__', 'constructor', 'prototype', '__proto__[polluted]', 'constructor[prototype][polluted]', 'a[b][c]', 'a.b.c', 'items[]', 'items[0]', 'text.ca', 'name[ca]'];

/** Field names a form or schema really uses, plus polluting and random ones. */
function fieldNames(known: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: known.length > 0 ? 6 : 0, arbitrary: fc.constantFrom(...(known.length > 0 ? known : ['_'])) },
    { weight: 2, arbitrary: fc.constantFrom(...pollutingKeys) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  );
}

// ---- forms ----------------------------------------------------------------------------------

type FormInput =
  | { kind: 'urlencoded'; entries: Array<[string, string]> }
  | { kind: 'multipart'; entries: Array<[string, string]> }
  | { kind: 'raw'; contentType: string; body: string };

function formInputs(known: string[]): fc.Arbitrary<FormInput> {
  // An array value is the same field repeated: an array where the handler expects one string.
  const entry = fc.tuple(fieldNames(known), fc.oneof({ weight: 4, arbitrary: scalarText.map((v) => [v]) }, { weight: 1, arbitrary: fc.array(scalarText, { minLength: 2, maxLength: 4 }) }));
  const entries = fc.array(entry, { maxLength: 8 }).map((list) => list.flatMap(([name, values]) => values.map((v): [string, string] => [name, v])));
  const everyKnownField = fc.array(scalarText, { minLength: known.length, maxLength: known.length }).map((values) => values.map((v, i): [string, string] => [known[i] ?? '', v]));
  return fc.oneof(
    { weight: 5, arbitrary: fc.oneof(entries, everyKnownField).map((e): FormInput => ({ kind: 'urlencoded', entries: e })) },
    { weight: 1, arbitrary: entries.map((e): FormInput => ({ kind: 'multipart', entries: e })) },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.constantFrom('a=%E0%A4%A', '%', '=&=&&', 'a==b', '%ZZ=1', 'a=%u0041', '&&&&', 'a[=1', '__proto__[x]=1&constructor[prototype][x]=1').map((body): FormInput => ({ kind: 'raw', contentType: 'application/x-www-form-urlencoded', body })),
        fc.string({ unit: 'binary', maxLength: 200 }).map((body): FormInput => ({ kind: 'raw', contentType: 'application/x-www-form-urlencoded', body })),
        fc.constantFrom('{"email": [], "name": {"__proto__": {"x": 1}}}', '{bad json', '[]').map((body): FormInput => ({ kind: 'raw', contentType: 'application/json', body })),
        fc.constantFrom('--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n', '--x--', 'garbage').map((body): FormInput => ({ kind: 'raw', contentType: 'multipart/form-data; boundary=x', body })),
      ),
    },
  );
}

/** The names of the fields of the page's own form, when a GET of the same path renders one. */
async function formFieldsOf(route: RouteDef): Promise<string[]> {
  const browser = await browserFor(app, admin);
  const response = await browser.get(urlOf(route));
  if (response.status !== 200 || !(response.headers.get('content-type') ?? '').includes('text/html')) return [];
  const html = await response.text();
  const names = [...html.matchAll(/<(?:input|select|textarea)\b[^>]*\bname="([^"]+)"/g)].map((m) => m[1] ?? '').filter((n) => n !== '_csrf');
  return [...new Set(names)];
}

/**
 * The administrator's browser, reused from run to run while its session lives: a run may sign it
 * out, revoke its session or rotate it, and the next run then gets a fresh one.
 */
let browser: Agent | null = null;
async function adminBrowser(): Promise<Agent> {
  if (!browser?.cookies.has('teixit_session')) browser = await browserFor(app, admin);
  return browser;
}
function forgetBrowserIfSignedOut(response: Response): void {
  const location = response.headers.get('location') ?? '';
  if (response.status === 401 || /\/sign-in(\/two-factor)?(\?|$)/.test(location) || /\/account\/two-factor\?required/.test(location)) browser = null;
}

async function sendForm(route: RouteDef, input: FormInput): Promise<Response> {
  const agent = await adminBrowser();
  const url = urlOf(route);
  if (input.kind === 'raw') {
    return agent.request(route.method, url, { body: input.body, headers: { 'content-type': input.contentType, 'x-csrf-token': agent.csrfToken() } });
  }
  if (input.kind === 'multipart') {
    const form = new FormData();
    form.append('_csrf', agent.csrfToken());
    for (const [name, value] of input.entries) form.append(name, value);
    return agent.request(route.method, url, { body: form });
  }
  const body = new URLSearchParams([['_csrf', agent.csrfToken()], ...input.entries]);
  return agent.request(route.method, url, { body: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
}

// ---- JSON -----------------------------------------------------------------------------------

function jsonFieldsOf(route: RouteDef): string[] {
  if (route.kind !== 'api') return [];
  const content = route.openapi.request?.body?.content as Record<string, { schema?: unknown }> | undefined;
  const shape = (content?.['application/json']?.schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

function jsonBodies(known: string[], valid?: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const value = fc.oneof({ weight: 3, arbitrary: scalarText }, { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) }, { weight: 1, arbitrary: fc.array(scalarText, { maxLength: 4 }) });
  const object = fc.array(fc.tuple(fieldNames(known), value), { maxLength: 8 }).map((entries) => {
    // Built as text so that "__proto__" arrives as a key in the JSON, as an attacker sends it.
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`).join(',')}}`;
  });
  return fc.oneof(
    { weight: valid ? 3 : 0, arbitrary: valid ?? object },
    { weight: 6, arbitrary: object },
    { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 1, arbitrary: fc.tuple(object, fc.nat()).map(([text, cut]) => text.slice(0, cut % Math.max(1, text.length))) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '', '{', '}', '{"a":}', "{'a': 1}", 'null', '"text"', '12', 'NaN', '{"__proto__": {"polluted": true}}',
        '{"constructor": {"prototype": {"polluted": true}}}', `${'['.repeat(5000)}${']'.repeat(5000)}`, `{"a": "${'x'.repeat(300_000)}"}`,
      ),
    },
  );
}

async function sendJson(route: RouteDef, body: string, built = app.built): Promise<Response> {
  return built.app.request(urlOf(route), {
    method: route.method,
    headers: { authorization: `Bearer ${admin.token ?? ''}`, 'content-type': 'application/json', accept: 'application/json' },
    body,
  });
}

// ---- the property ---------------------------------------------------------------------------

async function expectNoServerError(route: RouteDef, response: Response, input: unknown): Promise<void> {
  forgetBrowserIfSignedOut(response);
  const text = await response.text();
  if (response.status >= 500) {
    throw new Error(`${routeKey(route)} answered ${response.status} to ${JSON.stringify(input).slice(0, 300)}: ${text.slice(0, 300)}`);
  }
}

/**
 * A JSON write route that hands every string it accepts to PostgreSQL, as a real one would:
 * until modules bring their own, it proves the API side of the pipeline against the generator.
 */
const notes: TeixitModule = {
  name: 'test-notes',
  routes: [
    {
      kind: 'api',
      method: 'POST',
      path: '/notes',
      policy: signedIn,
      openapi: createRoute({
        method: 'post',
        path: '/notes',
        request: {
          body: {
            required: true,
            content: {
              'application/json': {
                schema: z.object({
                  title: z.string().min(1).max(200),
                  tags: z.array(z.string().max(40)).max(10).optional(),
                  pages: z.number().int().min(1).optional(),
                  text: z.object({ ca: z.string().min(1), es: z.string().optional(), en: z.string().optional() }).optional(),
                }),
              },
            },
          },
        },
        responses: { 201: { description: 'Stored.' } },
      }),
      handler: async (c) => {
        const note = (c.req as unknown as { valid(target: 'json'): { title: string; tags?: string[]; text?: Record<string, string | undefined> } }).valid('json');
        for (const text of [note.title, ...(note.tags ?? []), ...Object.values(note.text ?? {})]) {
          if (text !== undefined) await sql`SELECT ${text}::text AS stored`.execute(c.get('services').database.db);
        }
        return c.json({ stored: true }, 201);
      },
    },
  ],
};

/** Notes the schema accepts, with the same unkind strings inside. */
const short = (max: number) => scalarText.filter((text) => text.length >= 1 && text.length <= max);
const validNote = fc
  .record({ title: short(200), tags: fc.array(short(40), { maxLength: 10 }), text: fc.record({ ca: short(500), en: short(500) }, { requiredKeys: ['ca'] }) }, { requiredKeys: ['title'] })
  .map((note) => JSON.stringify(note));

/** Defines the tests of one shard: endpoints `shard`, `shard + shards`, … (the first shard also the test route and the coverage check). */
export function describeProperties(shard: number, shards: number): void {
  if (shard === 0) {
    describe('generated JSON never causes a server error in the API pipeline', () => {
      it('POST /api/v1/notes (a test route)', { timeout: 600_000 }, async () => {
        const built = buildApp(app.services, [...modules, notes], authenticator);
        const route = notes.routes[0] as RouteDef;
        let stored = 0;
        await fc.assert(
          fc.asyncProperty(jsonBodies(jsonFieldsOf(route), validNote), async (body) => {
            const response = await sendJson(route, body, built);
            if (response.status === 201) stored += 1;
            await expectNoServerError(route, response, body);
          }),
          { numRuns: RUNS },
        );
        // The generator reaches the handler, not only the validator.
        expect(stored).toBeGreaterThan(0);
      });
    });
  }

  describe(`generated input never causes a server error (endpoints, part ${shard + 1} of ${shards})`, () => {
    if (shard === 0) {
      it('covers at least the sign-in form', () => {
        expect(endpoints.map(routeKey)).toContain('POST /{locale}/sign-in');
      });
    }

    for (const route of endpoints.filter((_route, index) => index % shards === shard)) {
      it(`${routeKey(route)}`, { timeout: 600_000 }, async () => {
        admin = await createPersona(app, 'admin');
        browser = null;
        if (route.kind === 'api') {
          const known = jsonFieldsOf(route);
          await fc.assert(
            fc.asyncProperty(jsonBodies(known), async (body) => expectNoServerError(route, await sendJson(route, body), body)),
            { numRuns: RUNS },
          );
        } else {
          const known = await formFieldsOf(route);
          await fc.assert(
            fc.asyncProperty(formInputs(known), async (input) => expectNoServerError(route, await sendForm(route, input), input)),
            { numRuns: RUNS },
          );
        }
        expect(({} as Record<string, unknown>).polluted, 'Object.prototype was polluted').toBeUndefined();
      });
    }
  });
}
