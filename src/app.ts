/**
 * Builds the Hono application: the middleware pipeline (request id · logging · security headers
 * and CSP · body limit · locale · session · CSRF · flash), then every module's routes, each
 * behind its named policy. Nothing here knows what a module does.
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import { getCookie } from 'hono/cookie';
import { serveStatic } from '@hono/node-server/serve-static';
import { getConnInfo } from '@hono/node-server/conninfo';
import { OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import { AppError, isAppError } from './kernel/errors.js';
import { isLocale, negotiateLocale, type Locale } from './kernel/i18n/index.js';
import { allows } from './kernel/policy.js';
import { hitRateLimits } from './kernel/rate-limit/index.js';
import type { RequestScope, Services } from './kernel/services.js';
import type { z } from 'zod';
import { validate, validationError } from './kernel/validation.js';
import { SESSION_COOKIE } from './kernel/http/cookies.js';
import { csrfProtection } from './kernel/http/csrf.js';
import { scopeOf, type AppContext, type AppEnv, type SessionState } from './kernel/http/env.js';
import { onError, onNotFound } from './kernel/http/error-handler.js';
import { takeFlash } from './kernel/http/flash.js';
import type { RouteDef, TeixitModule } from './kernel/http/module.js';
import { setNavigation } from './kernel/http/view.js';
import { createRenderCache, type RenderCache } from './kernel/http/render-cache.js';
import type { Actor } from './kernel/policy.js';

/** How the app learns who is calling; provided by the identity module. */
export interface Authenticator {
  /** Resolves a session cookie value to the session and its person, or null. */
  session(services: Services, cookieValue: string, ip: string): Promise<{ state: SessionState; actor: Actor } | null>;
  /** Resolves an API bearer token to its person (throws 401 on a bad or revoked token). */
  token(services: Services, bearer: string): Promise<Actor>;
  /** Saves the language a signed-in person is reading in as theirs. */
  rememberLanguage(scope: RequestScope, locale: Locale): Promise<void>;
}

export interface BuiltApp {
  app: Hono<AppEnv>;
  routes: RouteDef[];
  renderCache: RenderCache;
}

// The group matters: Hono's TrieRouter (which SmartRouter falls back to once a pattern defeats
// its RegExpRouter) tests a bare `ca|es|en` as `^ca|es|en$`, so `/ca/anything` matched the home page.
/** The stylesheet, icons and scripts, found from this file so the server runs from any directory. */
const PUBLIC_DIR = fileURLToPath(new URL('../public/', import.meta.url));

export const PAGE_PREFIX = '/:locale{(?:ca|es|en)}';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  objectSrc: ["'none'"],
};

/** Where the person goes to sign in, keeping where they were going. */
function signInRedirect(c: AppContext): Response {
  const url = new URL(c.req.url);
  return c.redirect(`/${c.get('locale')}/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
}

function policyGate(route: RouteDef): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const session = c.get('session');
    if (route.kind === 'page' && session && !route.duringMfa) {
      if (session.mfaPending) return c.redirect(`/${c.get('locale')}/sign-in/two-factor`, 303);
      if (session.mfaEnrollmentRequired) return c.redirect(`/${c.get('locale')}/account/two-factor?required=1`, 303);
    }
    const actor = c.get('actor');
    if (!allows(route.policy, actor, undefined)) {
      if (actor === null && route.policy.requiresSignIn) {
        if (route.kind === 'page' && c.req.method === 'GET') return signInRedirect(c);
        throw new AppError('unauthenticated');
      }
      throw new AppError('forbidden');
    }
    await next();
  };
}

/** True when a parsed body holds U+0000 in any key or string (PostgreSQL cannot store it as text). */
function holdsNul(body: unknown): boolean {
  // A loop, not recursion: JSON nested thousands deep must not overflow the stack here.
  const pending: unknown[] = [body];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return true;
    } else if (Array.isArray(value)) {
      for (const item of value) pending.push(item);
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (key.includes('\u0000')) return true;
        pending.push(item);
      }
    }
  }
  return false;
}

/**
 * Refuses with 400, once and before the CSRF check or any handler reads it, a write whose body
 * cannot be read (a broken multipart body) or holds U+0000, which no form sends and PostgreSQL
 * refuses in text: either would otherwise surface as a 500 from deep inside a handler.
 */
function readableInput(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    let body: unknown;
    if (type === 'multipart/form-data' || type === 'application/x-www-form-urlencoded') {
      // A body over the limit fails its stream with the body-limit error, left to answer 413.
      body = await c.req.parseBody({ all: true }).catch((error: unknown) => {
        throw error instanceof TypeError ? new AppError('bad_request', { cause: error }) : error;
      });
    } else if (type === 'application/json' || type.endsWith('+json')) {
      const text = await c.req.text();
      try {
        body = JSON.parse(text);
      } catch {
        // Malformed JSON is the API validator's to answer (400), with the route's own context.
      }
    }
    if (holdsNul(body)) throw new AppError('bad_request');
    await next();
  };
}

/** The zod schema an API route's validator checked for `target` (json, form, query, param…). */
function inputSchema(config: RouteConfig, target: string): z.ZodType | undefined {
  const request = config.request;
  if (target === 'json' || target === 'form') {
    for (const [type, media] of Object.entries(request?.body?.content ?? {})) {
      if (media && 'schema' in media && type.includes('json') === (target === 'json')) return media.schema as z.ZodType;
    }
    return undefined;
  }
  const byTarget: Record<string, unknown> = { query: request?.query, param: request?.params, header: request?.headers, cookie: request?.cookies };
  return byTarget[target] as z.ZodType | undefined;
}

/**
 * The API's validation hook. zod-openapi checks input with zod's English messages; the API
 * answers in the caller's language, so a refused input is checked again in that language.
 */
function localizedValidation(config: RouteConfig) {
  return (result: { success: boolean; data: unknown; target: string; error?: z.ZodError }, c: AppContext): void => {
    if (result.success) return;
    const schema = inputSchema(config, result.target);
    try {
      if (schema) validate(schema, result.data, c.get('locale'));
    } catch (error) {
      if (isAppError(error)) throw error;
      // A schema that only parses asynchronously: keep zod-openapi's own messages.
    }
    throw validationError(result.error as z.ZodError, c.get('locale'));
  };
}

/** Resolves the person: API requests by bearer token only, pages by session cookie only. */
function identify(services: Services, auth: Authenticator): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('actor', null);
    c.set('session', null);
    c.set('authVia', 'none');
    const isApi = c.req.path.startsWith('/api/');
    if (isApi) {
      const header = c.req.header('authorization');
      if (header !== undefined) {
        const match = /^Bearer\s+(\S+)$/i.exec(header);
        if (!match?.[1]) throw new AppError('invalid_token');
        c.set('actor', await auth.token(services, match[1]));
        c.set('authVia', 'token');
      }
    } else {
      const cookie = getCookie(c, SESSION_COOKIE);
      if (cookie) {
        const found = await auth.session(services, cookie, c.get('clientIp'));
        if (found) {
          c.set('session', found.state);
          c.set('authVia', 'session');
          if (!found.state.mfaPending) c.set('actor', found.actor);
        }
      }
    }
    await next();
  };
}

/** Builds the application for one set of services and modules. */
export function buildApp(services: Services, modules: TeixitModule[], auth: Authenticator): BuiltApp {
  const app = new Hono<AppEnv>();
  const routes = modules.flatMap((m) => m.routes);
  const renderCache = createRenderCache(services);
  setNavigation(modules.flatMap((m) => m.nav ?? []));

  app.onError(onError);
  app.notFound(onNotFound);

  app.use('*', async (c, next) => {
    c.set('services', services);
    c.set('requestId', c.req.header('x-request-id')?.slice(0, 64) || randomUUID());
    // The language comes first, so that even an early refusal (a body over the limit) is in it:
    // from the path for pages, from Accept-Language for the API and bare paths.
    const first = c.req.path.split('/')[1] ?? '';
    c.set('locale', isLocale(first) ? first : negotiateLocale(c.req.header('accept-language')));
    c.set('flash', null);
    c.set('actor', null);
    c.set('session', null);
    let ip = 'unknown';
    try {
      ip = getConnInfo(c).remote.address ?? 'unknown';
    } catch {
      /* app.request() in tests has no socket */
    }
    if (services.config.trustProxy) ip = c.req.header('x-forwarded-for')?.split(',')[0]?.trim() || ip;
    c.set('clientIp', ip);
    const started = performance.now();
    await next();
    // On the response's own headers: c.header() after the handler would rebuild the response
    // as a stream (two undici Responses per request, and no fast path in the node adapter).
    c.res.headers.set('X-Request-Id', c.get('requestId'));
    if (services.logger.isLevelEnabled('info')) {
      services.logger.info(
        { requestId: c.get('requestId'), method: c.req.method, path: new URL(c.req.url).pathname, status: c.res.status, ms: Math.round(performance.now() - started) },
        'request',
      );
    }
  });
  const headers = secureHeaders({ contentSecurityPolicy: CSP, referrerPolicy: 'strict-origin-when-cross-origin', crossOriginEmbedderPolicy: false, permissionsPolicy: { camera: [], microphone: [], geolocation: [] } });
  app.use('*', async (c, next) => {
    let own: string | null = null;
    await headers(c, async () => {
      await next();
      own = c.res.headers.get('Content-Security-Policy');
    });
    // A route that sets a stricter policy of its own (a stored file: `default-src 'none'; sandbox`) keeps it.
    if (own) c.res.headers.set('Content-Security-Policy', own);
  });
  const tooLarge = () => {
    throw new AppError('payload_too_large');
  };
  const limitBody = bodyLimit({ maxSize: services.config.bodyLimit, onError: tooLarge });
  // Uploads declare their own limit on the route; the request is matched against those few
  // routes here, before routing, so that no middleware reads a body past its limit.
  const uploadLimits = routes
    .filter((route) => route.bodyLimit !== undefined)
    .map((route) => ({
      method: route.method,
      pattern: pathPattern(route.kind === 'page' ? `${PAGE_PREFIX}${route.path}` : route.kind === 'api' ? `/api/v1${route.path}` : route.path),
      check: bodyLimit({ maxSize: route.bodyLimit ?? services.config.bodyLimit, onError: tooLarge }),
    }));
  // Only requests that may carry a body: the check reads c.req.raw.body, which builds a whole
  // undici Request (signal, headers) for every GET otherwise.
  app.use('*', (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const upload = uploadLimits.find((u) => u.method === c.req.method && u.pattern.test(c.req.path));
    return (upload?.check ?? limitBody)(c, next);
  });

  app.use('/static/*', async (c, next) => {
    await next();
    if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=3600');
  });
  app.use('/static/*', serveStatic({ root: PUBLIC_DIR, rewriteRequestPath: (p) => p.replace(/^\/static/, '') }));
  app.get('/favicon.ico', (c) => c.redirect('/static/favicon.svg', 301));


  // A visitor's cached page is answered here, before the session, CSRF and flash work it does not need.
  app.use('*', renderCache.early());

  app.use('*', identify(services, auth));

  // Every write counts against a generous per-person (or, for visitors, per-address) limit, so
  // a runaway script or a flood cannot fill the database; sign-in and resets have tighter ones.
  app.use('*', async (c, next) => {
    if (!SAFE_METHODS.has(c.req.method)) {
      const actor = c.get('actor');
      const key = actor ? `writes:person:${actor.id}` : `writes:ip:${c.get('clientIp')}`;
      await hitRateLimits(services.database.db, [{ key, max: services.config.writeLimit, windowSeconds: 300 }]);
    }
    await next();
  });

  // Remember a signed-in person's language: the page they open is in the language they chose.
  app.use(`${PAGE_PREFIX}/*`, async (c, next) => {
    const session = c.get('session');
    if (session && c.get('actor') && c.req.method === 'GET' && session.locale !== c.get('locale')) {
      // A preference, not the person's work: on a full disk the page still shows.
      await auth.rememberLanguage(scopeOf(c), c.get('locale')).catch((error: unknown) => {
        if (!isAppError(error, 'disk_full')) throw error;
      });
    }
    await next();
  });

  app.use('*', readableInput());
  const csrf = csrfProtection();
  app.use('*', async (c, next) => {
    if (c.req.path.startsWith('/api/')) return next();
    return csrf(c, next);
  });
  app.use(`${PAGE_PREFIX}/*`, async (c, next) => {
    c.set('flash', takeFlash(c));
    await next();
  });
  app.use(PAGE_PREFIX, async (c, next) => {
    c.set('flash', takeFlash(c));
    await next();
  });

  app.get('/', (c) => {
    c.header('Vary', 'Accept-Language, Cookie');
    const session = c.get('session');
    const locale = session ? session.locale : negotiateLocale(c.req.header('accept-language'));
    return c.redirect(`/${locale}`, 302);
  });

  const api = new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) throw validationError(result.error, c.get('locale'));
    },
  });

  for (const route of routes) {
    const gate = policyGate(route);
    const extra = route.middleware ?? [];
    if (route.kind === 'api') {
      api.use(route.path.replace(/\{(\w+)\}/g, ':$1'), async (c, next) => {
        if (c.req.method !== route.method) return next();
        return gate(c, next);
      });
      for (const mw of extra) api.use(route.path.replace(/\{(\w+)\}/g, ':$1'), mw);
      api.openapi(route.openapi, route.handler as never, localizedValidation(route.openapi) as never);
      continue;
    }
    const fullPath = route.kind === 'page' ? `${PAGE_PREFIX}${route.path === '/' ? '' : route.path}` : route.path;
    const signedIn = route.kind === 'page' ? route.signedInCacheTags : undefined;
    const cached =
      route.method === 'GET' && (route.cacheTags || signedIn)
        ? renderCache.middleware({ visitor: route.cacheTags, signedIn }, { early: extra.length === 0 })
        : null;
    const handlers = [gate, ...extra, ...(cached ? [cached] : []), route.handler];
    app.on(route.method, fullPath, ...(handlers as [MiddlewareHandler<AppEnv>]));
    if (route.kind === 'page' && route.path === '/') app.on(route.method, `${PAGE_PREFIX}/`, ...(handlers as [MiddlewareHandler<AppEnv>]));
  }

  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  app.route('/api/v1', api);
  let openapiDocument: unknown;
  app.get('/api/openapi.json', (c) => {
    openapiDocument ??= api.getOpenAPI31Document({
      openapi: '3.1.0',
      info: {
        title: 'Teixit API',
        version: '1',
        description:
          "The JSON API of Teixit. Anonymous requests see what a visitor sees; `Authorization: Bearer <token>` acts as the token's person. Errors are application/problem+json (RFC 9457), localized by Accept-Language.",
        license: { name: 'Public data: CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' },
      },
      servers: [{ url: '/api/v1' }],
    });
    return c.json(openapiDocument);
  });

  return { app, routes, renderCache };
}

/**
 * A route path as a regular expression over request paths: `:name{pattern}` keeps its pattern,
 * `:name` and `{name}` match one segment, everything else literally.
 */
export function pathPattern(path: string): RegExp {
  let source = '';
  for (let i = 0; i < path.length; ) {
    const param = /^(?::\w+|\{\w+\})/.exec(path.slice(i));
    if (!param) {
      source += path[i]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      i += 1;
      continue;
    }
    i += param[0].length;
    if (param[0].startsWith(':') && path[i] === '{') {
      let depth = 0;
      const start = i + 1;
      for (; i < path.length; i++) {
        if (path[i] === '{') depth++;
        else if (path[i] === '}' && --depth === 0) break;
      }
      source += `(?:${path.slice(start, i)})`;
      i += 1;
    } else {
      source += '[^/]+';
    }
  }
  // Built from the application's own route paths at start-up, never from a request.
  // eslint-disable-next-line security/detect-non-literal-regexp
  return new RegExp(`^${source}/?$`);
}
