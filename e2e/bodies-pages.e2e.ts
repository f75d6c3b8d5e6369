/**
 * The bodies' public pages in the demo space — the tree, the plenary, the steering group and
 * working groups in several states — in each language, on a desktop screen and on a 320 px wide
 * phone: each passing axe, with no console error, readable without scrolling sideways.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { LOCALES } from '../src/kernel/i18n/index.js';
import { launchBrowser, newPage } from './support/browser.js';
import { checkPage, t, watchPage } from './support/journey.js';
import { startServer, type TestServer } from './support/server.js';

/** The demo's bodies: the plenary, the steering group, an active, a closing and a declined group. */
const PAGES = ['/bodies', '/bodies/ambit-participat', '/bodies/grup-motor', '/bodies/comunicacio', '/bodies/habitatge-cooperatiu', '/bodies/monedes-socials'];

const SCREENS = [
  { name: 'desktop', viewport: { width: 1280, height: 900 } },
  { name: '320 px phone', viewport: { width: 320, height: 640 } },
] as const;

describe("the bodies' pages", () => {
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

  for (const screen of SCREENS) {
    it(`pass axe in every language, on a ${screen.name}`, async () => {
      const tab = watchPage(await newPage(browser, { viewport: screen.viewport }));
      const { page } = tab;
      for (const locale of LOCALES) {
        for (const path of PAGES) {
          const response = await page.goto(`${server.url}/${locale}${path}`);
          expect(response?.status(), `${locale}${path}`).toBe(200);
          await expect(page.locator('html').getAttribute('lang')).resolves.toBe(locale);
          await checkPage(tab);
          const width = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
          expect(width, `page width of /${locale}${path}`).toBeLessThanOrEqual(screen.viewport.width);
        }
      }
      await page.context().close();
    });
  }

  it('lead from the tree to a working group and back', async () => {
    const tab = watchPage(await newPage(browser));
    const { page } = tab;
    await page.goto(`${server.url}/ca/bodies`);
    await expect(page.locator('h1').innerText()).resolves.toBe(t('ca', 'bodies.tree.title'));
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Comunicació', exact: true }).first().click()]);
    expect(new URL(page.url()).pathname).toBe('/ca/bodies/comunicacio');
    await expect(page.locator('h1').innerText()).resolves.toBe('Comunicació');
    expect(await page.getByRole('heading', { name: t('ca', 'bodies.charter.title') }).count()).toBe(1);
    await Promise.all([page.waitForNavigation(), page.getByRole('navigation', { name: t('ca', 'ui.breadcrumbs') }).getByRole('link', { name: t('ca', 'bodies.tree.title') }).click()]);
    expect(new URL(page.url()).pathname).toBe('/ca/bodies');
    await checkPage(tab);
    await page.context().close();
  });
});
