/**
 * The module manifest: what a capability plugs into the application — its routes (each with a
 * named policy), navigation entries, job handlers, seed data, personal-data export and what to
 * forget when a person deletes their account.
 */
import type { Handler, MiddlewareHandler } from 'hono';
import type { RouteConfig } from '@hono/zod-openapi';
import type { Queryable } from '../../db/types.js';
import type { CommandTx } from '../commands.js';
import type { Policy } from '../policy.js';
import type { Services } from '../services.js';
import type { AppEnv } from './env.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface BaseRoute {
  method: Method;
  /** Pages: path after the locale (`/account`); API: after `/api/v1` (`/me`); raw: full path. */
  path: string;
  /** The rule that decides who may call the route at all. */
  policy: Policy<void>;
  /** Values for path parameters, used by the route × persona test (`{ id: '1' }`). */
  sample?: Record<string, string>;
  /** Extra middleware run after the policy gate (e.g. a rate limit). */
  middleware?: MiddlewareHandler<AppEnv>[];
  /**
   * The largest request body this route accepts, in bytes, when it must differ from
   * `TEIXIT_BODY_LIMIT` (an upload). Checked before anything else reads the body.
   */
  bodyLimit?: number;
}

/** An HTML page or form handler under `/{locale}`. */
export interface PageRoute extends BaseRoute {
  kind: 'page';
  handler: Handler<AppEnv>;
  /**
   * Visitors' HTML for this GET route may be cached per path and locale; these tags name what
   * it shows, and an event carrying one of them drops it.
   */
  cacheTags?: string[];
  /**
   * A signed-in person's HTML for this GET route may be kept for their session (see
   * `render-cache.ts`); these tags must name everything the page shows them — also what only a
   * signed-in person sees (their requests, their rights' data) — or they would see it stale.
   * What the session lookup reads (name, roles, language) need not be named. A function when
   * other modules add to the page (null: not kept).
   */
  signedInCacheTags?: string[] | (() => string[] | null);
  /** Allowed while the person still has to give their 2FA code or enrol (sign-in steps). */
  duringMfa?: boolean;
}

/** A JSON API operation under `/api/v1`, described in the OpenAPI document. */
export interface ApiRoute extends BaseRoute {
  kind: 'api';
  openapi: RouteConfig;
  handler: Handler<AppEnv>;
}

/** Anything else at a fixed path (health, feeds). */
export interface RawRoute extends BaseRoute {
  kind: 'raw';
  handler: Handler<AppEnv>;
  cacheTags?: string[];
}

export type RouteDef = PageRoute | ApiRoute | RawRoute;

export interface NavItem {
  path: string;
  labelKey: string;
  policy: Policy<void>;
  /** Lower comes first. */
  order: number;
}

export interface TeixitModule {
  name: string;
  routes: RouteDef[];
  nav?: NavItem[];
  /** Loads this module's part of the demo space. Runs in module order. */
  seedDemo?: (services: Services, demo: DemoContext) => Promise<void>;
  /** Everything this module holds about a person, for "download my data". */
  personalData?: (db: Queryable, userId: number) => Promise<Record<string, unknown>>;
  /**
   * Called inside the transaction that deletes (pseudonymises) a person's account, after the
   * account itself has changed: settle what this module holds that waits on the person (a
   * pending request, an open invitation) and forget what they wrote for few eyes, so the public
   * record stays and nothing private does. Audit and emit through `tx`; a throw undoes the whole
   * deletion. The person has no e-mail address any more: write them nothing.
   * @example onAccountDeleted: async (tx, userId) => { await withdrawPendingRequestsOf(tx, userId); }
   */
  onAccountDeleted?: (tx: CommandTx, userId: number) => Promise<void>;
  /** Called once when the server starts (timers, subscriptions). Returns a stop function. */
  start?: (services: Services) => (() => void) | void;
}

/** Shared state of one demo seeding run: the accounts printed at the end. */
export interface DemoContext {
  password: string;
  accounts: Array<{ email: string; name: string; role: string }>;
  /** Ids other modules' seeds look up by a stable key (e.g. `user:admin`, `org:XES`). */
  ids: Map<string, number>;
}
