/** What commands, queries and routes share in one process: the database, configuration and buses. */
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Database } from '../db/types.js';
import type { Locale } from './i18n/index.js';
import type { Actor } from './policy.js';
import type { EventBus } from './events.js';

export interface Services {
  database: Database;
  config: Config;
  /** The signing secret for links and CSRF tokens (from TEIXIT_SECRET or the database). */
  secret: string;
  events: EventBus;
  logger: Logger;
}

/** Who runs a command or query, from where, in which language. */
export interface RequestScope {
  services: Services;
  actor: Actor | null;
  locale: Locale;
  requestId: string | null;
  ip: string | null;
}
