/**
 * `teixit seed --demo`: loads the demo space (real organisation names, fictitious people) into
 * the configured database — embedded or server — but only into one without accounts, so a
 * real platform can never be mixed with made-up people.
 */
import type { Services } from '../kernel/services.js';
import { countUsers } from '../modules/identity/index.js';
import { seedDemo } from '../seed/demo.js';
import { describeDemoAccounts } from '../seed/first-start.js';
import { EXIT, fail, parseOptions, terminal, withServices, type CliOutput } from './io.js';
import type { CliCommand } from './index.js';

const USAGE = `Usage: teixit seed --demo

Loads the demo space (the sector's organisations and fictitious people with each role) into
the configured database, if it has no accounts yet.`;

/** Loads the demo and prints its accounts; refuses, changing nothing, when there are accounts. */
export async function seedDemoFromCli(services: Services, io: CliOutput): Promise<number> {
  const users = await countUsers(services.database.db);
  if (users > 0) {
    return fail(
      io,
      `This database already has ${users} account${users === 1 ? '' : 's'}; the demo is only loaded into a database without ` +
        'accounts, so made-up people never mix with real ones. Nothing was changed. Use a new TEIXIT_DATA_DIR, or an empty ' +
        'database in DATABASE_URL.',
    );
  }
  const accounts = await seedDemo(services);
  io.out(describeDemoAccounts(accounts, services.config.demoPassword, services.config.publicUrl));
  return EXIT.ok;
}

/** `teixit seed --demo` */
export const seedCommand: CliCommand = async (config, args, parse) => {
  const parsed = parseOptions(parse, { args, allowPositionals: false, strict: true, options: { demo: { type: 'boolean' } } }, USAGE, terminal);
  if (!parsed) return EXIT.usage;
  if (!parsed.values.demo) {
    terminal.err(USAGE);
    return EXIT.usage;
  }
  return withServices(config, (services) => seedDemoFromCli(services, terminal));
};
