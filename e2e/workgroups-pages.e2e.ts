/**
 * The working groups' own pages on the demo space, as the people who use them — the steering
 * group's follow-up (sorted), decision, extension and closing pages; a coordinator's requests,
 * report form and "My space"; a participant's request form — in each language, on a desktop and
 * on a 320 px phone, and the forms sent back with their errors: each passing axe, with no
 * console error, never wider than the screen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { LOCALES } from '../src/kernel/i18n/index.js';
import { launchBrowser, newPage } from './support/browser.js';
import { checkPage, t, watchPage, type WatchedPage } from './support/journey.js';
import { startServer, type TestServer } from './support/server.js';

const DEMO_PASSWORD = 'teixit-demo-2026';

/** Who opens which pages (the demo's people: src/modules/identity/seed.ts, bodies/seed-data.ts). */
const READERS = [
  {
    who: 'the steering group (its chair)',
    email: 'jordi.casals@demo.teixit.cat',
    pages: [
      '/follow-up',
      '/follow-up?sort=last_report&dir=desc',
      '/bodies/financament-etic/decision',
      '/bodies/comunicacio/extend',
      '/bodies/comunicacio/close',
      '/bodies/habitatge-cooperatiu/close',
      '/bodies/contractacio-publica/join-requests',
    ],
  },
  {
    who: 'a coordinator',
    email: 'julia.pons@demo.teixit.cat',
    pages: ['/bodies/comunicacio/join-requests', '/bodies/comunicacio/reports/new', '/bodies/comunicacio/reports', '/me'],
  },
  {
    who: 'a participant',
    email: 'nuria.bosch@demo.teixit.cat',
    pages: ['/bodies/comunicacio/join', '/working-groups/new', '/bodies/procomuns-digitals/reports'],
  },
] as const;

const SCREENS = [
  { name: 'desktop', viewport: { width: 1280, height: 900 } },
  { name: '320 px phone', viewport: { width: 320, height: 640 } },
] as const;

async function pageWidth(page: Page): Promise<number> {
  return page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
}

describe("the working groups' pages", () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signedIn(email: string, viewport: { width: number; height: number }): Promise<WatchedPage> {
    const tab = watchPage(await newPage(browser, { viewport }));
    const { page } = tab;
    await page.goto(`${server.url}/ca/sign-in`);
    await page.getByLabel(t('ca', 'identity.fields.email'), { exact: true }).fill(email);
    await page.getByLabel(t('ca', 'identity.fields.password'), { exact: true }).fill(DEMO_PASSWORD);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: t('ca', 'identity.sign_in.submit') }).click()]);
    return tab;
  }

  for (const screen of SCREENS) {
    for (const reader of READERS) {
      it(`pass axe in every language for ${reader.who}, on a ${screen.name}`, async () => {
        const tab = await signedIn(reader.email, screen.viewport);
        const { page } = tab;
        for (const locale of LOCALES) {
          for (const path of reader.pages) {
            const response = await page.goto(`${server.url}/${locale}${path}`);
            expect(response?.status(), `${reader.email} ${locale}${path}`).toBe(200);
            await checkPage(tab);
            expect(await pageWidth(page), `page width of /${locale}${path}`).toBeLessThanOrEqual(screen.viewport.width);
          }
        }
        await page.context().close();
      });
    }
  }

  it('send forms back with an error summary that passes axe and leads to each field', async () => {
    const tab = await signedIn('nuria.bosch@demo.teixit.cat', { width: 1280, height: 900 });
    const { page } = tab;
    await page.goto(`${server.url}/ca/working-groups/new`);
    await page.getByLabel(t('ca', 'workgroups.propose.fields.name'), { exact: true }).fill('Grup a mig escriure');
    const [proposal] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: t('ca', 'workgroups.propose.submit') }).click()]);
    expect(proposal?.status()).toBe(422);
    const summary = page.getByRole('alert').filter({ hasText: t('ca', 'workgroups.errors.objectives_required') });
    await expect(summary.count()).resolves.toBe(1);
    await expect(page.getByLabel(t('ca', 'workgroups.propose.fields.name'), { exact: true }).inputValue()).resolves.toBe('Grup a mig escriure');
    await checkPage(tab);

    await page.goto(`${server.url}/ca/bodies/comunicacio/join`);
    await page.getByLabel(t('ca', 'workgroups.join.as_individual'), { exact: true }).check();
    const [join] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: t('ca', 'workgroups.join.submit') }).click()]);
    expect(join?.status()).toBe(422);
    await expect(page.getByRole('alert').filter({ hasText: t('ca', 'workgroups.errors.statement_required') }).count()).resolves.toBe(1);
    await checkPage(tab);
    await page.context().close();
  });
});
