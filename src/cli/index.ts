/** The CLI's commands, by name. Each returns an exit code (-1: keeps running, e.g. serve). */
import type { parseArgs } from 'node:util';
import type { Config } from '../config.js';
import { serveCommand, migrateCommand, auditCommand } from './basic.js';
import { backupCommand } from './backup.js';
import { organisationsCommand } from './organisations.js';
import { restoreCommand } from './restore.js';
import { seedCommand } from './seed.js';
import { tokenCommand } from './tokens.js';
import { userCommand } from './users.js';

export type CliCommand = (config: Config, args: string[], parse: typeof parseArgs) => Promise<number>;

export const commands: Record<string, CliCommand> = {
  serve: serveCommand,
  migrate: migrateCommand,
  audit: auditCommand,
  seed: seedCommand,
  user: userCommand,
  token: tokenCommand,
  backup: backupCommand,
  restore: restoreCommand,
  organisations: organisationsCommand,
};
