/** Opens everything a process needs (database, migrations, secret, logger, buses) in one place. */
import { pino } from 'pino';
import { sql } from 'kysely';
import type { Config } from './config.js';
import { openDatabase } from './db/connect.js';
import { migrate } from './db/migrate.js';
import type { Database } from './db/types.js';
import { randomToken } from './kernel/crypto.js';
import { EventBus } from './kernel/events.js';
import type { Services } from './kernel/services.js';

/**
 * The signing secret: TEIXIT_SECRET when set, else one generated on first start and kept in the
 * database, so every process on the same database signs alike.
 */
async function loadSecret(database: Database, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  await sql`INSERT INTO settings (key, value) VALUES ('secret', ${JSON.stringify(randomToken(48))}::jsonb) ON CONFLICT (key) DO NOTHING`.execute(database.db);
  const row = await database.db.selectFrom('settings').select('value').where('key', '=', 'secret').executeTakeFirstOrThrow();
  return String(row.value);
}

/** Services over an already open database (tests pass their own). Migrates first. */
export async function servicesFor(database: Database, config: Config): Promise<Services> {
  await migrate(database);
  return {
    database,
    config,
    secret: await loadSecret(database, config.secret),
    events: new EventBus(),
    logger: pino({ level: config.logLevel, base: { app: 'teixit' } }),
  };
}

/** Opens the configured database (embedded or server), migrates it and builds the services. */
export async function openServices(config: Config): Promise<Services> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, minFreeBytes: config.minFreeBytes });
  try {
    return await servicesFor(database, config);
  } catch (error) {
    await database.close();
    throw error;
  }
}
