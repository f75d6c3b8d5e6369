/**
 * What happens the first time a database is used: on a new embedded database with the demo on,
 * the demo space is loaded and its accounts printed; otherwise, with no account yet, a one-time
 * link to create the first administrator is printed.
 */
import type { Services } from '../kernel/services.js';
import { countUsers } from '../modules/identity/store.js';
import { createFirstAdminLink } from '../modules/identity/first-admin.js';
import { seedDemo } from './demo.js';

export async function prepareFirstStart(services: Services): Promise<void> {
  const { config, database } = services;
  if ((await countUsers(database.db)) > 0) return;
  if (config.demo && database.kind === 'pglite') {
    const accounts = await seedDemo(services);
    printDemoAccounts(accounts, config.demoPassword, config.publicUrl);
    return;
  }
  const link = await createFirstAdminLink(services);
  console.log(`\nTeixit has no accounts yet. Create the first administrator here (the link works once, for 24 hours):\n\n  ${link}\n`);
}

function printDemoAccounts(accounts: Array<{ email: string; name: string; role: string }>, password: string, url: string): void {
  const width = Math.max(...accounts.map((a) => a.email.length));
  const lines = accounts.map((a) => `  ${a.email.padEnd(width)}  ${a.role.padEnd(12)} ${a.name}`);
  console.log(`\nThe demo space is loaded. Open ${url} and sign in with any of these accounts,\nall with the password: ${password}\n\n${lines.join('\n')}\n`);
}
