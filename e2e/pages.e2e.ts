/**
 * The pages every visitor meets — home, sign-in, the accessibility statement, privacy, the
 * directory of organisations and the tree of bodies (the plenary and the steering group) — in
 * each of the three languages, on a desktop screen and on a 320 px wide phone: each in its
 * language, passing axe, with no console error, and at 320 px readable without scrolling
 * sideways (WCAG 1.4.10, which axe cannot see).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { LOCALES } from '../src/kernel/i18n/index.js';
import { launchBrowser, newPage } from './support/browser.js';
import { checkPage, focused, t, watchPage } from './support/journey.js';
import { startServer, type TestServer } from './support/server.js';

const PAGES = [
  { path: '', title: 'site.home.title' },
  { path: '/sign-in', title: 'identity.sign_in.title' },
  { path: '/accessibility', title: 'site.accessibility.title' },
  { path: '/privacy', title: 'site.privacy.title' },
  { path: '/organisations', title: 'directory.title' },
  { path: '/bodies', title: 'bodies.tree.title' },
] as const;

const SCREENS = [
  { name: 'desktop', viewport: { width: 1280, height: 900 } },
  { name: '320 px phone', viewport: { width: 320, height: 640 } },
] as const;

describe('the public pages in every language and on a narrow screen', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ env: { TEIXIT_DEMO: 'off' } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const screen of SCREENS) {
    it(`shows each page in its language, with no accessibility problem, on a ${screen.name}`, async () => {
      const tab = watchPage(await newPage(browser, { viewport: screen.viewport }));
      const { page } = tab;
      for (const locale of LOCALES) {
        for (const { path, title } of PAGES) {
          const response = await page.goto(`${server.url}/${locale}${path}`);
          expect(response?.status(), `${locale}${path}`).toBe(200);
          await expect(page.locator('html').getAttribute('lang')).resolves.toBe(locale);
          await expect(page.locator('h1').first().innerText()).resolves.toBe(t(locale, title));
          await checkPage(tab);
          const width = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
          expect(width, `page width of /${locale}${path}`).toBeLessThanOrEqual(screen.viewport.width);
        }
      }
      await page.context().close();
    });
  }

  it('lets a keyboard user skip to the content and reach the sign-in link', async () => {
    const tab = watchPage(await newPage(browser));
    const { page } = tab;
    await page.goto(`${server.url}/ca`);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'a', text: t('ca', 'ui.skipLink') });
    await page.keyboard.press('Enter');
    expect((await focused(page)).id).toBe('main');
    await page.goto(`${server.url}/ca`);
    // Skip link, then the three languages, then "sign in".
    for (let i = 0; i < 5; i += 1) await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'a', text: t('ca', 'ui.account.signIn') });
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    expect(new URL(page.url()).pathname).toBe('/ca/sign-in');
    await checkPage(tab);
    await page.context().close();
  });
});
