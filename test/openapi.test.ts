/**
 * The JSON API's contract (/work/shared/API.md): `/api/openapi.json` is a valid OpenAPI 3.1
 * document naming every API route, `GET /api/v1/me` answers the token's person, and every error
 * is an RFC 9457 problem in the caller's language.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type BuiltApp } from '../src/app.js';
import { translate } from '../src/kernel/i18n/index.js';
import type { ApiRoute, TeixitModule } from '../src/kernel/http/module.js';
import { definePolicy } from '../src/kernel/policy.js';
import { problemResponse } from '../src/modules/api/index.js';
import { MeSchema } from '../src/modules/api/schemas.js';
import { authenticator } from '../src/modules/identity/index.js';
import { modules } from '../src/modules/index.js';
import { createTestApp, type TestApp } from './support/app.js';
import { createPersona, type Persona } from './support/personas.js';

let app: TestApp;
let official: Persona;
/** The real modules plus a small JSON write route, to prove the pipeline on a write. */
let withNotes: BuiltApp;

const noteWrite = definePolicy<void>('test.notes.create', { requiresSignIn: true }, (actor) => actor !== null);
const notesModule: TeixitModule = {
  name: 'test-notes',
  routes: [
    {
      kind: 'api',
      method: 'POST',
      path: '/notes',
      policy: noteWrite,
      openapi: createRoute({
        method: 'post',
        path: '/notes',
        request: {
          body: {
            required: true,
            content: { 'application/json': { schema: z.object({ title: z.string().min(3).max(80), pages: z.number().int().min(1) }) } },
          },
        },
        responses: { 201: { description: 'Created.' }, 401: problemResponse('No token.'), 422: problemResponse('Invalid input.') },
      }),
      handler: (c) => c.json({ ok: true }, 201),
    },
  ],
};

beforeAll(async () => {
  app = await createTestApp();
  official = await createPersona(app, 'official');
  withNotes = buildApp(app.services, [...modules, notesModule], authenticator);
});
afterAll(() => app?.close());

const apiRoutes = (): ApiRoute[] => app.built.routes.filter((route): route is ApiRoute => route.kind === 'api');

function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return Promise.resolve(app.built.app.request(path, { headers }));
}

function postNote(body: string, headers: Record<string, string> = {}): Promise<Response> {
  return Promise.resolve(
    withNotes.app.request('/api/v1/notes', {
      method: 'POST',
      body,
      headers: { authorization: `Bearer ${official.token ?? ''}`, 'content-type': 'application/json', ...headers },
    }),
  );
}

/** Checks the RFC 9457 shape and returns the problem. */
async function problemOf(response: Response, status: number): Promise<Record<string, unknown>> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const problem = (await response.json()) as Record<string, unknown>;
  expect(problem).toMatchObject({ status, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
  expect(String(problem.title).length).toBeGreaterThan(0);
  return problem;
}

// ---- a structural OpenAPI 3.1 check (no validator package is installed) ---------------------

const OPERATIONS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const TOP_LEVEL = new Set(['openapi', 'info', 'jsonSchemaDialect', 'servers', 'paths', 'webhooks', 'components', 'security', 'tags', 'externalDocs']);
type Json = Record<string, unknown>;

function openApiProblems(doc: Json): string[] {
  const problems: string[] = [];
  const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (typeof doc.openapi !== 'string' || !/^3\.1\.\d+$/.test(doc.openapi)) problems.push(`openapi is ${String(doc.openapi)}, not 3.1.x`);
  for (const key of Object.keys(doc)) if (!TOP_LEVEL.has(key) && !key.startsWith('x-')) problems.push(`unknown top-level field ${key}`);
  const info = doc.info;
  if (!isObject(info) || typeof info.title !== 'string' || typeof info.version !== 'string' || info.title === '') problems.push('info needs a title and a version');
  if (!isObject(doc.paths)) return [...problems, 'paths must be an object'];

  const schemes = isObject(doc.components) && isObject(doc.components.securitySchemes) ? doc.components.securitySchemes : {};
  const operationIds = new Set<string>();
  for (const [path, item] of Object.entries(doc.paths)) {
    if (!path.startsWith('/')) problems.push(`path ${path} does not start with /`);
    if (!isObject(item)) {
      problems.push(`${path} is not a path item`);
      continue;
    }
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const method of OPERATIONS) {
      const op = item[method];
      if (op === undefined) continue;
      const where = `${method.toUpperCase()} ${path}`;
      if (!isObject(op)) {
        problems.push(`${where} is not an operation`);
        continue;
      }
      if (typeof op.operationId === 'string') {
        if (operationIds.has(op.operationId)) problems.push(`operationId ${op.operationId} is used twice`);
        operationIds.add(op.operationId);
      }
      if (!isObject(op.responses) || Object.keys(op.responses).length === 0) problems.push(`${where} has no responses`);
      for (const [code, response] of Object.entries(isObject(op.responses) ? op.responses : {})) {
        if (!/^([1-5]\d\d|[1-5]XX|default)$/.test(code)) problems.push(`${where} response ${code} is not a status code`);
        if (isObject(response) && response.$ref === undefined && typeof response.description !== 'string') problems.push(`${where} response ${code} has no description`);
      }
      const parameters = [...shared, ...(Array.isArray(op.parameters) ? op.parameters : [])].filter(isObject);
      for (const p of parameters) {
        if (p.$ref !== undefined) continue;
        if (typeof p.name !== 'string' || !['query', 'header', 'path', 'cookie'].includes(String(p.in))) problems.push(`${where} has a parameter without name or a valid "in"`);
        if (p.in === 'path' && p.required !== true) problems.push(`${where} path parameter ${String(p.name)} must be required`);
      }
      for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
        if (!parameters.some((p) => p.in === 'path' && p.name === name)) problems.push(`${where} does not declare its path parameter ${name}`);
      }
      for (const requirement of Array.isArray(op.security) ? op.security : []) {
        for (const scheme of Object.keys(isObject(requirement) ? requirement : {})) {
          if (!(scheme in schemes)) problems.push(`${where} uses undeclared security scheme ${scheme}`);
        }
      }
    }
  }
  // Every $ref points at something in the document.
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (isObject(value)) {
      if (typeof value.$ref === 'string') {
        const target = value.$ref.startsWith('#/')
          ? value.$ref.slice(2).split('/').reduce<unknown>((node, part) => (isObject(node) ? node[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), doc)
          : undefined;
        if (target === undefined) problems.push(`$ref ${value.$ref} points nowhere`);
      }
      Object.values(value).forEach(walk);
    }
  };
  walk(doc);
  return problems;
}

describe('the OpenAPI document', () => {
  it('is valid OpenAPI 3.1', async () => {
    const response = await get('/api/openapi.json');
    expect(response.status).toBe(200);
    const doc = (await response.json()) as Json;
    const problems = openApiProblems(doc);
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('catches what a broken document would get wrong', () => {
    const broken = { openapi: '3.0.0', info: { title: 'x' }, paths: { '/a/{id}': { get: { responses: { 200: {} }, security: [{ nope: [] }] } } }, extra: { $ref: '#/components/schemas/Gone' } };
    expect(openApiProblems(broken)).toEqual([
      'openapi is 3.0.0, not 3.1.x',
      'unknown top-level field extra',
      'info needs a title and a version',
      'GET /a/{id} response 200 has no description',
      'GET /a/{id} does not declare its path parameter id',
      'GET /a/{id} uses undeclared security scheme nope',
      '$ref #/components/schemas/Gone points nowhere',
    ]);
  });

  it('describes every API route, at the path and method its policy guards', async () => {
    const doc = (await (await get('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(apiRoutes().length).toBeGreaterThan(0);
    for (const route of apiRoutes()) {
      // The policy gate is registered at route.path/method and the handler at the OpenAPI
      // config's: were they to differ, the handler would answer unguarded.
      expect(route.openapi.path, `${route.method} ${route.path}`).toBe(route.path);
      expect(route.openapi.method.toUpperCase(), `${route.method} ${route.path}`).toBe(route.method);
      expect(doc.paths[route.path]?.[route.method.toLowerCase()], `${route.method} ${route.path} is missing from the document`).toBeDefined();
    }
  });

  it('documents the 401 of every route that needs a token', () => {
    const undocumented = apiRoutes()
      .filter((route) => route.policy.requiresSignIn && !('401' in route.openapi.responses))
      .map((route) => `${route.method} ${route.path}`);
    expect(undocumented, `add 401: problemResponse(...) to ${undocumented.join(', ')}`).toEqual([]);
  });
});

describe('GET /api/v1/me', () => {
  it("answers the token's person: id as a string, name, global roles and active mandates", async () => {
    const response = await get('/api/v1/me', { authorization: `Bearer ${official.token ?? ''}` });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('no-store');
    const me = await response.json();
    expect(MeSchema.parse(me)).toEqual({ id: String(official.user?.id), name: 'Persona official', roles: ['official'], mandates: [] });
  });

  it('answers a visitor 401, as a problem in the language of Accept-Language', async () => {
    const titles = new Set<unknown>();
    for (const locale of ['ca', 'es', 'en'] as const) {
      const response = await get('/api/v1/me', { 'accept-language': `${locale};q=0.9, fr;q=0.5` });
      const problem = await problemOf(response, 401);
      expect(response.headers.get('content-language')).toBe(locale);
      expect(problem.title).toBe(translate(locale, 'errors.titles.unauthenticated'));
      expect(problem.detail).toBe(translate(locale, 'errors.unauthenticated'));
      titles.add(problem.title);
    }
    expect(titles.size).toBe(3);
  });

  it('refuses an unknown token and a malformed Authorization header with 401', async () => {
    await problemOf(await get('/api/v1/me', { authorization: 'Bearer tx_unknownunknownunknownunknown' }), 401);
    await problemOf(await get('/api/v1/me', { authorization: 'Basic dXNlcjpwYXNz' }), 401);
  });

  it('ignores a session cookie: the API is for tokens', async () => {
    const browser = app.agent();
    await browser.signIn(await app.createUser());
    const response = await browser.get('/api/v1/me');
    await problemOf(response, 401);
  });
});

describe('API errors', () => {
  it('answers 422 with a localized message per invalid field', async () => {
    const problem = await problemOf(await postNote('{"title": "x", "pages": "many"}', { 'accept-language': 'es' }), 422);
    const errors = problem.errors as Record<string, string>;
    expect(Object.keys(errors).sort()).toEqual(['pages', 'title']);
    expect(problem.title).toBe(translate('es', 'errors.titles.validation_failed'));
    // zod's Spanish messages, not its English ones.
    expect(errors.pages).toMatch(/se esperaba número/);
  });

  it('accepts what the schema allows', async () => {
    expect((await postNote('{"title": "Acta", "pages": 3}')).status).toBe(201);
  });

  it('answers malformed JSON with 400', async () => {
    const problem = await problemOf(await postNote('{"title": "Acta",', { 'accept-language': 'en' }), 400);
    expect(problem.title).toBe(translate('en', 'errors.titles.invalid_json'));
  });

  it('answers a body that is not JSON with a 4xx problem, not a server error', async () => {
    const response = await postNote('title=Acta', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('answers a body over the limit with 413', async () => {
    const huge = JSON.stringify({ title: 'x'.repeat(app.services.config.bodyLimit), pages: 1 });
    await problemOf(await postNote(huge), 413);
  });

  it('answers a write without a token with 401 before reading it', async () => {
    const response = await withNotes.app.request('/api/v1/notes', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    await problemOf(response, 401);
  });

  it('answers an unknown path under /api with a 404 problem', async () => {
    await problemOf(await get('/api/v1/no-such-resource', { accept: 'text/html' }), 404);
    await problemOf(await get('/api/v2/me'), 404);
  });
});
