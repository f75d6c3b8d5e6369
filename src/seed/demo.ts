/**
 * The demo space: real organisation names, fictitious people. Each module adds its part through
 * its manifest's `seedDemo`, in module order; this returns the accounts to print.
 */
import type { DemoContext } from '../kernel/http/module.js';
import type { Services } from '../kernel/services.js';
import { modules } from '../modules/index.js';

export async function seedDemo(services: Services): Promise<DemoContext['accounts']> {
  const demo: DemoContext = { password: services.config.demoPassword, accounts: [], ids: new Map() };
  for (const module of modules) {
    if (module.seedDemo) await module.seedDemo(services, demo);
  }
  return demo.accounts;
}
