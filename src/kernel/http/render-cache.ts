/**
 * Render cache. Public pages are read far more than written, so their HTML is kept per path and
 * locale, stamped with the generation of each tag it shows. A command's event naming a tag bumps
 * that tag's generation here at once (this process never serves a stale page) and in the
 * database, where every other process reads it within a second.
 *
 * Pages a route opts in for (`signedInCacheTags`) are also kept for a signed-in person, per
 * session: the session is still looked up and the route's policy still checked on every request,
 * so a revoked session or a lost right ends at once; only rendering is skipped while nothing the
 * page shows has changed. Such a page is the session's own (its sign-out form carries the
 * session's CSRF token), is kept with what the session lookup read of the person (a new name,
 * role or e-mail renders it again), and is never shared with anybody else.
 */
import type { MiddlewareHandler, Next } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Services } from '../services.js';
import { SESSION_COOKIE, FLASH_COOKIE } from './cookies.js';
import type { AppContext, AppEnv, SessionState } from './env.js';
import { bumpGenerations, readGenerations } from './render-cache-store.js';

interface Entry {
  /** Kept encoded: a hit then sends bytes instead of encoding the page again. */
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
  stamp: Map<string, number>;
  /** May be served by `early()`, before the route's own middleware. */
  early: boolean;
  /** Headers of the route's own that a copy must repeat (`Cache-Control`, `Content-Disposition`). */
  headers: [string, string][];
  /** For a signed-in person's copy: what the session lookup read when it was made. */
  owner?: string;
}

/**
 * The tags of what a page shows; a function when modules add to the page after routes are built,
 * which answers null when the page must not be kept (a part whose tags nobody named).
 */
export type CacheTags = string[] | (() => string[] | null);

export interface CacheRoute {
  /** What a visitor's copy shows; without it, visitors' pages are not kept. */
  visitor?: string[] | undefined;
  /** What a signed-in person's copy shows; without it, signed-in pages are not kept. */
  signedIn?: CacheTags | undefined;
}

export interface RenderCache {
  /**
   * For one cacheable GET route: serves a fresh copy to a visitor, or renders and keeps it.
   * `early: false` when the route has middleware of its own that must run on every request.
   */
  middleware(tags: CacheRoute, options?: { early?: boolean }): MiddlewareHandler<AppEnv>;
  /**
   * Serves a fresh copy as soon as the language is known, skipping the work a visitor's cached
   * page does not need (session lookup, CSRF token and visitor cookie, flash, routing to the
   * handler): on a cache hit that work costs several times the page itself.
   */
  early(): MiddlewareHandler<AppEnv>;
  /** Marks every page showing one of `tags` stale, here and for every process. */
  invalidate(tags: string[]): Promise<void>;
  /** Reads the generations other processes wrote (runs every second once started). */
  refresh(): Promise<void>;
  start(): () => void;
  /** How many visitors' pages are kept. */
  size(): number;
  /** How many signed-in people's pages are kept. */
  personalSize(): number;
}

const MAX_ENTRIES = 2000;
/** Pages can be large (a plenary with hundreds of members): the cache holds at most this much. */
const MAX_BYTES = 64 * 1024 * 1024;
/** Signed-in people's copies have their own, smaller room, so they never push public pages out. */
const MAX_PERSONAL_ENTRIES = 1000;
const MAX_PERSONAL_BYTES = 32 * 1024 * 1024;
/** The route's own headers a copy repeats; the app's middleware sets the others on every answer. */
const KEPT_HEADERS = ['cache-control', 'content-disposition'];

/** A bounded map of copies, least recently used first out. */
function createShelf(maxEntries: number, maxBytes: number) {
  const entries = new Map<string, Entry>();
  let bytes = 0;
  const forget = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    bytes -= entry.body.byteLength;
    entries.delete(key);
  };
  return {
    entries,
    /** A copy asked for moves to the back of the line: the least recently used go first. */
    get(key: string) {
      const entry = entries.get(key);
      if (entry) {
        entries.delete(key);
        entries.set(key, entry);
      }
      return entry;
    },
    put(key: string, entry: Entry) {
      forget(key);
      if (entry.body.byteLength > maxBytes) return;
      while (entries.size > 0 && (entries.size >= maxEntries || bytes + entry.body.byteLength > maxBytes)) forget(entries.keys().next().value as string);
      bytes += entry.body.byteLength;
      entries.set(key, entry);
    },
  };
}

/**
 * Everything a signed-in copy depends on about the person, as the session lookup read it. Not
 * their saved language: a page is in its address's language, which is part of the key.
 */
function ownerOf(session: SessionState): string {
  return JSON.stringify([session.id, session.mfaPending, session.mfaEnrollmentRequired, session.account]);
}

export function createRenderCache(services: Services): RenderCache {
  const enabled = services.config.renderCache;
  const shelf = createShelf(MAX_ENTRIES, MAX_BYTES);
  const personal = createShelf(MAX_PERSONAL_ENTRIES, MAX_PERSONAL_BYTES);
  const generations = new Map<string, number>();

  const current = (tag: string) => generations.get(tag) ?? 0;
  const fresh = (entry: Entry) => {
    for (const [tag, gen] of entry.stamp) if (current(tag) !== gen) return false;
    return true;
  };
  /** Only a visitor's plain GET: a session, an API token or a flash message makes the page personal. */
  const cacheable = (c: AppContext) =>
    enabled &&
    c.req.method === 'GET' &&
    c.req.header('authorization') === undefined &&
    (c.req.header('cookie') === undefined || (!getCookie(c, SESSION_COOKIE) && !getCookie(c, FLASH_COOKIE)));
  /** A signed-in person's plain GET through their browser session, with no message to show. */
  const personalSession = (c: AppContext): SessionState | null => {
    if (!enabled || c.req.method !== 'GET' || c.get('authVia') !== 'session') return null;
    const session = c.get('session');
    if (!session || session.mfaPending || session.mfaEnrollmentRequired) return null;
    if (c.get('flash') || getCookie(c, FLASH_COOKIE)) return null;
    return session;
  };
  const keyOf = (c: AppContext) => `${c.get('locale')}|${c.req.url}`;
  const serve = (c: AppContext, hit: Entry) => {
    c.header('X-Render-Cache', 'hit');
    for (const [name, value] of hit.headers) c.header(name, value);
    return c.body(hit.body, 200, { 'Content-Type': hit.contentType });
  };
  /**
   * Runs the route and keeps its answer when it is a 200 — for a signed-in person, one that sets no
   * cookie either (a cookie set while rendering, like a flash message taken, makes it a one-off).
   */
  const renderAndKeep = async (c: AppContext, next: Next, tags: string[], keep: (entry: Entry) => void, early: boolean, owner?: string) => {
    const stamp = new Map(tags.map((tag) => [tag, current(tag)]));
    await next();
    if (c.res.status !== 200 || (owner !== undefined && c.res.headers.has('set-cookie'))) return;
    const body = new Uint8Array(await c.res.clone().arrayBuffer());
    const headers: [string, string][] = [];
    for (const name of KEPT_HEADERS) {
      const value = c.res.headers.get(name);
      if (value !== null) headers.push([name, value]);
    }
    keep({ body, contentType: c.res.headers.get('content-type') ?? 'text/html; charset=UTF-8', stamp, early, headers, ...(owner === undefined ? {} : { owner }) });
  };

  const cache: RenderCache = {
    middleware(tags, options = {}) {
      const signedInTags = tags.signedIn;
      return async (c, next) => {
        if (tags.visitor && cacheable(c)) {
          const key = keyOf(c);
          const hit = shelf.get(key);
          if (hit && fresh(hit)) return serve(c, hit);
          return renderAndKeep(c, next, tags.visitor, (entry) => shelf.put(key, entry), options.early ?? true);
        }
        const session = signedInTags ? personalSession(c) : null;
        const list = session && signedInTags ? (typeof signedInTags === 'function' ? signedInTags() : signedInTags) : null;
        if (session && list) {
          const key = `${keyOf(c)}|${session.id}`;
          const owner = ownerOf(session);
          const hit = personal.get(key);
          if (hit && hit.owner === owner && fresh(hit)) return serve(c, hit);
          return renderAndKeep(c, next, list, (entry) => personal.put(key, entry), false, owner);
        }
        return next();
      };
    },
    early() {
      return async (c, next) => {
        if (shelf.entries.size === 0 || !cacheable(c)) return next();
        const hit = shelf.get(keyOf(c));
        if (hit && hit.early && fresh(hit)) return serve(c, hit);
        return next();
      };
    },
    async invalidate(tags) {
      if (tags.length === 0) return;
      for (const tag of tags) generations.set(tag, current(tag) + 1);
      const stored = await bumpGenerations(services.database.db, tags);
      for (const [tag, gen] of stored) if (gen > current(tag)) generations.set(tag, gen);
    },
    async refresh() {
      for (const [tag, gen] of await readGenerations(services.database.db)) {
        if (gen > current(tag)) generations.set(tag, gen);
      }
    },
    start() {
      const unsubscribe = services.events.subscribe((event) => (event.tags?.length ? cache.invalidate(event.tags) : undefined));
      const timer = setInterval(() => {
        cache.refresh().catch((error: unknown) => services.logger.warn({ err: error }, 'render cache refresh failed'));
      }, 1000);
      timer.unref();
      return () => {
        unsubscribe();
        clearInterval(timer);
      };
    },
    size: () => shelf.entries.size,
    personalSize: () => personal.entries.size,
  };
  return cache;
}
