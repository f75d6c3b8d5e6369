/**
 * What happens the first time a database is used: on a new embedded database with the demo on,
 * the demo space is loaded and its accounts printed; otherwise, with no account yet, a one-time
 * link to create the first administrator is printed.
 */
import type { DemoContext } from '../kernel/http/module.js';
import type { Services } from '../kernel/services.js';
import { countUsers } from '../modules/identity/store.js';
import { createFirstAdminLink } from '../modules/identity/first-admin.js';
import { seedDemo } from './demo.js';

/** Loads the demo or prints the first-admin link when the database has no account yet. */
export async function prepareFirstStart(services: Services): Promise<void> {
  const { config, database } = services;
  if ((await countUsers(database.db)) > 0) return;
  if (config.demo && database.kind === 'pglite') {
    const accounts = await seedDemo(services);
    console.log(describeDemoAccounts(accounts, config.demoPassword, config.publicUrl));
    return;
  }
  const link = await createFirstAdminLink(services);
  console.log(`\nTeixit has no accounts yet. Create the first administrator here (the link works once, for 24 hours):\n\n  ${link}\n`);
}

/**
 * The demo's accounts as printed at start and by `teixit seed --demo`: where to go, the shared
 * password, one line per account, and what the administrator and the official meet first.
 */
export function describeDemoAccounts(accounts: DemoContext['accounts'], password: string, url: string): string {
  const width = Math.max(0, ...accounts.map((a) => a.email.length));
  const lines = accounts.map((a) => `  ${a.email.padEnd(width)}  ${a.name.padEnd(22)}  ${a.role}`);
  return [
    '',
    `The demo space is loaded. Open ${url} and sign in with any of these accounts,`,
    `all with the password: ${password}`,
    '',
    ...lines,
    '',
    'Administrators and officials must use two-factor authentication: on their first sign-in',
    'they are asked to enrol an authenticator app (have one ready on a phone) and are given',
    'recovery codes.',
    '',
  ].join('\n');
}
