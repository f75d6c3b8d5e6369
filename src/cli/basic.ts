/** CLI: serve, migrate, audit verify. */
import { openDatabase } from '../db/connect.js';
import { migrate } from '../db/migrate.js';
import { verifyAuditChain } from '../kernel/audit/index.js';
import { startServer } from '../server.js';
import type { CliCommand } from './index.js';

export const serveCommand: CliCommand = async (config) => {
  const server = await startServer(config);
  console.log(`Teixit is running at ${server.url} (database: ${server.services.database.kind}). Stop it with Ctrl+C.`);
  const stop = (signal: string) => {
    server.services.logger.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  return -1;
};

export const migrateCommand: CliCommand = async (config) => {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, minFreeBytes: config.minFreeBytes });
  try {
    const applied = await migrate(database);
    console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'The database is up to date.');
    return 0;
  } finally {
    await database.close();
  }
};

export const auditCommand: CliCommand = async (config, args) => {
  if (args[0] !== 'verify') {
    console.error('Usage: teixit audit verify');
    return 2;
  }
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, minFreeBytes: config.minFreeBytes });
  try {
    const report = await verifyAuditChain(database.db);
    if (report.ok) {
      console.log(`The audit trail is intact: ${report.entries} entries, every hash matches.`);
      return 0;
    }
    console.error(`The audit trail is BROKEN at entry ${report.brokenAt}: it was changed after it was written (${report.entries} entries before it are intact).`);
    return 1;
  } finally {
    await database.close();
  }
};
