/**
 * The personas the security tests speak as — visitor, participant, member, official, admin — each
 * a real account with a live session (second factor already given) and an API token, made
 * straight in the database so no test spends argon2 time or TOTP codes on signing in.
 *
 * To give a persona more (issue 3: members get a mandate), extend its `prepare` below: every
 * route × persona row and property test picks the change up.
 */
import { randomToken, sha256 } from '../../src/kernel/crypto.js';
import type { RouteDef } from '../../src/kernel/http/module.js';
import { openSession } from '../../src/modules/identity/sessions.js';
import { insertApiToken, type UserRow } from '../../src/modules/identity/store.js';
import type { GlobalRole } from '../../src/modules/identity/tables.js';
import type { Agent, TestApp } from './app.js';

/** The plenary (Àmbit Participat) exists in every fresh database with id 1 (migration 0003). */
const PLENARY_ID = 1;

export const PERSONAS = ['visitor', 'participant', 'member', 'official', 'admin'] as const;
export type PersonaName = (typeof PERSONAS)[number];

interface PersonaRecipe {
  /** Global roles of the account (admin and official get TOTP on, as the rules require). */
  roles: GlobalRole[];
  /** What else the persona holds beyond its account (mandates, memberships…). */
  prepare?: (app: TestApp, user: UserRow) => Promise<void>;
}

const RECIPES: Record<Exclude<PersonaName, 'visitor'>, PersonaRecipe> = {
  participant: { roles: [] },
  // A member sits in the plenary (Àmbit Participat, body 1) as a person with trajectory: an
  // active `member` mandate with no organisation. No secretariat, steering or coordinator role.
  member: {
    roles: [],
    prepare: async (app, user) => {
      await app.services.database.db
        .insertInto('mandates')
        .values({ body_id: PLENARY_ID, person_id: user.id, organisation_id: null, college: 'trajectory', role: 'member', starts_on: '2024-01-15' })
        .execute();
    },
  },
  official: { roles: ['official'] },
  admin: { roles: ['admin'] },
};

export interface Persona {
  name: PersonaName;
  /** The account, or null for the visitor. */
  user: UserRow | null;
  /** A live `tx_` API token of the account, or null for the visitor. */
  token: string | null;
}

/** Creates the account, extras and API token of one persona. */
export async function createPersona(app: TestApp, name: PersonaName): Promise<Persona> {
  if (name === 'visitor') return { name, user: null, token: null };
  const recipe = RECIPES[name];
  const user = await app.createUser({ name: `Persona ${name}`, roles: recipe.roles });
  await recipe.prepare?.(app, user);
  const persona: Persona = { name, user, token: null };
  persona.token = await freshToken(app, persona);
  return persona;
}

/** Every persona, in the order of `PERSONAS`. */
export async function createPersonas(app: TestApp): Promise<Record<PersonaName, Persona>> {
  const entries: Array<[PersonaName, Persona]> = [];
  for (const name of PERSONAS) entries.push([name, await createPersona(app, name)]);
  return Object.fromEntries(entries) as Record<PersonaName, Persona>;
}

/** A new live API token for the persona (null for the visitor), untouched by earlier requests. */
export async function freshToken(app: TestApp, persona: Persona): Promise<string | null> {
  if (!persona.user) return null;
  const token = `tx_${randomToken(32)}`;
  await insertApiToken(app.services.database.db, { user_id: persona.user.id, name: `${persona.name} token`, token_hash: sha256(token) });
  return token;
}

/**
 * A browser for the persona with a fresh session of its own (second factor passed), so that
 * one route signing the person out or rotating their session cannot disturb the next request.
 */
export async function browserFor(app: TestApp, persona: Persona): Promise<Agent> {
  const agent = app.agent();
  if (persona.user) {
    const session = await openSession(app.services.database.db, app.services, persona.user, { mfaPassed: true, ip: null, userAgent: 'persona' });
    agent.cookies.set('teixit_session', session.token);
  }
  return agent;
}

/**
 * The route's path with each parameter — Hono's `:id` or `:id{[0-9]{1,15}}`, OpenAPI's `{id}` —
 * replaced by `fill(name)`.
 */
function fillParams(path: string, fill: (name: string) => string): string {
  return path
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment.replace(/\{(\w+)\}/g, (_whole, name: string) => fill(name));
      const name = /^:(\w+)/.exec(segment)?.[1] ?? '';
      let rest = segment.slice(name.length + 1);
      if (rest.startsWith('{')) {
        // Skip the pattern, braces balanced: `{[0-9]{1,15}}`.
        let depth = 0;
        let end = 0;
        for (; end < rest.length; end++) {
          if (rest[end] === '{') depth++;
          else if (rest[end] === '}' && --depth === 0) break;
        }
        rest = rest.slice(end + 1);
      }
      return fill(name) + rest;
    })
    .join('/');
}

/** The URL a route answers at, with its path parameters filled from `sample` (or `1`). */
export function urlOf(route: RouteDef, locale = 'ca'): string {
  const path = fillParams(route.path, (name) => encodeURIComponent(route.sample?.[name] ?? '1'));
  if (route.kind === 'page') return `/${locale}${path === '/' ? '' : path}`;
  if (route.kind === 'api') return `/api/v1${path}`;
  return path;
}

/** How the route is named in the expected table: `METHOD path`, params as `{name}`. */
export function routeKey(route: RouteDef): string {
  const path = fillParams(route.path, (name) => `{${name}}`);
  if (route.kind === 'page') return `${route.method} /{locale}${path === '/' ? '' : path}`;
  if (route.kind === 'api') return `${route.method} /api/v1${path}`;
  return `${route.method} ${path}`;
}
