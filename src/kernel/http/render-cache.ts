/**
 * Render cache for what visitors see. Public pages are read far more than written, so their HTML
 * is kept per path and locale, stamped with the generation of each tag it shows. A command's
 * event naming a tag bumps that tag's generation here at once (this process never serves a stale
 * page) and in the database, where every other process reads it within a second.
 */
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Services } from '../services.js';
import { SESSION_COOKIE, FLASH_COOKIE } from './cookies.js';
import type { AppContext, AppEnv } from './env.js';
import { bumpGenerations, readGenerations } from './render-cache-store.js';

interface Entry {
  /** Kept encoded: a hit then sends bytes instead of encoding the page again. */
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
  stamp: Map<string, number>;
  /** May be served by `early()`, before the route's own middleware. */
  early: boolean;
}

export interface RenderCache {
  /**
   * For one cacheable GET route: serves a fresh copy to a visitor, or renders and keeps it.
   * `early: false` when the route has middleware of its own that must run on every request.
   */
  middleware(tags: string[], options?: { early?: boolean }): MiddlewareHandler<AppEnv>;
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
  size(): number;
}

const MAX_ENTRIES = 2000;
/** Pages can be large (a plenary with hundreds of members): the cache holds at most this much. */
const MAX_BYTES = 64 * 1024 * 1024;

export function createRenderCache(services: Services): RenderCache {
  const enabled = services.config.renderCache;
  const entries = new Map<string, Entry>();
  let bytes = 0;
  const forget = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    bytes -= entry.body.byteLength;
    entries.delete(key);
  };
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
  const keyOf = (c: AppContext) => `${c.get('locale')}|${c.req.url}`;
  const serve = (c: AppContext, hit: Entry) => {
    c.header('X-Render-Cache', 'hit');
    return c.body(hit.body, 200, { 'Content-Type': hit.contentType });
  };

  const cache: RenderCache = {
    middleware(tags, options = {}) {
      return async (c, next) => {
        if (!cacheable(c)) return next();
        const key = keyOf(c);
        const hit = entries.get(key);
        if (hit && fresh(hit)) return serve(c, hit);
        const stamp = new Map(tags.map((tag) => [tag, current(tag)]));
        await next();
        if (c.res.status === 200) {
          const body = new Uint8Array(await c.res.clone().arrayBuffer());
          forget(key);
          // Oldest first, until the new page fits.
          while (entries.size > 0 && (entries.size >= MAX_ENTRIES || bytes + body.byteLength > MAX_BYTES)) forget(entries.keys().next().value as string);
          if (body.byteLength > MAX_BYTES) return;
          bytes += body.byteLength;
          entries.set(key, { body, contentType: c.res.headers.get('content-type') ?? 'text/html; charset=UTF-8', stamp, early: options.early ?? true });
        }
      };
    },
    early() {
      return async (c, next) => {
        if (entries.size === 0 || !cacheable(c)) return next();
        const hit = entries.get(keyOf(c));
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
    size: () => entries.size,
  };
  return cache;
}
