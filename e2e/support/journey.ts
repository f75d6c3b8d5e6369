/**
 * What every journey checks on every page it visits: axe finds nothing, the console shows no
 * error (a Content-Security-Policy violation is one), no stylesheet, script or image fails; and
 * the words a journey looks for, read from the app's own catalogs.
 */
import type { Locator, Page, Response } from 'playwright-core';
import { translate, type Locale, type Params } from '../../src/kernel/i18n/index.js';
import { expectNoAxeViolations } from './browser.js';

/** A page under watch: what went wrong on it since the last check. */
export interface WatchedPage {
  page: Page;
  problems: string[];
}

/**
 * Starts recording the page's console errors, uncaught exceptions and failed sub-resources.
 * A document answered 4xx on purpose (a form sent back with errors, a used link) makes Chromium
 * log "Failed to load resource" for the page itself: that line is left out, and any failed
 * stylesheet, script or image is caught from the responses instead.
 */
export function watchPage(page: Page): WatchedPage {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    if (msg.text().startsWith('Failed to load resource:')) return;
    problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`exception: ${String(error)}`));
  page.on('response', (response) => {
    if (response.status() >= 400 && response.request().resourceType() !== 'document') {
      problems.push(`${response.status()} for ${response.request().resourceType()} ${response.url()}`);
    }
  });
  page.on('requestfailed', (request) => {
    // Leaving a page cancels what it was still loading: not a fault of the page.
    const reason = request.failure()?.errorText ?? '';
    if (!reason.includes('ERR_ABORTED')) problems.push(`failed (${reason}): ${request.resourceType()} ${request.url()}`);
  });
  return { page, problems };
}

/**
 * Checks the page as it is now: no axe violation (WCAG 2.1 AA) and nothing wrong since the last
 * check. Throws a readable list otherwise.
 */
export async function checkPage(watched: WatchedPage): Promise<void> {
  await expectNoAxeViolations(watched.page);
  const problems = watched.problems.splice(0);
  if (problems.length > 0) throw new Error(`problems on ${watched.page.url()}:\n${problems.join('\n')}`);
}

/** A message from the app's catalogs; throws when the key is missing, so a typo cannot pass. */
export function t(locale: Locale, key: string, params?: Params): string {
  const message = translate(locale, key, params);
  if (message === key) throw new Error(`no message ${key} in the catalogs`);
  return message;
}

/** The path and query of the page's URL (what a person sees after the host). */
export function pathOf(page: Page): string {
  const url = new URL(page.url());
  return `${url.pathname}${url.search}`;
}

/** The text of the element that has the keyboard focus, and its tag. */
export function focused(page: Page): Promise<{ tag: string; text: string; id: string }> {
  return page.evaluate(() => {
    const el = (globalThis as unknown as { document: { activeElement: { tagName: string; textContent: string | null; id: string } | null } }).document.activeElement;
    return { tag: el?.tagName.toLowerCase() ?? '', text: (el?.textContent ?? '').trim(), id: el?.id ?? '' };
  });
}

/** Runs `action` (a click that sends a form or follows a link) and waits for the page it opens, even at the same address. */
export async function navigating(page: Page, action: () => Promise<unknown>): Promise<void> {
  await Promise.all([page.waitForNavigation(), action()]);
}

/**
 * How wide the page is (WCAG 1.4.10: at 320 px nothing may need scrolling sideways) and, when it
 * is wider than `viewportWidth`, what sticks out: the first elements past the right edge whose
 * parent does not (or that are positioned out of their parent's flow, such as visually hidden
 * text escaping a table's scrolling region), as `tag.class «text»`; what sticks out of a box that
 * scrolls is not counted.
 * @example
 *   const { width, culprits } = await horizontalOverflow(page, 320);
 *   expect(width, culprits.join('\n')).toBeLessThanOrEqual(320);
 */
export function horizontalOverflow(page: Page, viewportWidth: number): Promise<{ width: number; culprits: string[] }> {
  return page.evaluate((limit) => {
    interface Box { right: number }
    interface El { tagName: string; className: unknown; textContent: string | null; parentElement: El | null; getBoundingClientRect(): Box }
    const win = globalThis as unknown as {
      document: { documentElement: { scrollWidth: number }; querySelectorAll(selector: string): Iterable<El> };
      getComputedStyle(el: El): { position: string; overflowX: string };
    };
    const width = win.document.documentElement.scrollWidth;
    const culprits: string[] = [];
    if (width > limit) {
      for (const el of win.document.querySelectorAll('body *')) {
        if (el.getBoundingClientRect().right <= limit + 1) continue;
        const position = win.getComputedStyle(el).position;
        const parent = el.parentElement;
        // Inside a box that scrolls or clips (a table's scrolling region), sticking out is fine.
        if (parent && win.getComputedStyle(parent).overflowX !== 'visible' && position !== 'absolute' && position !== 'fixed') continue;
        const parentFits = !parent || parent.getBoundingClientRect().right <= limit + 1;
        if (!parentFits && position !== 'absolute' && position !== 'fixed') continue;
        const className = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
        culprits.push(`${el.tagName.toLowerCase()}${className}${position === 'absolute' || position === 'fixed' ? ` (${position})` : ''} «${(el.textContent ?? '').trim().slice(0, 60)}»`);
        if (culprits.length >= 5) break;
      }
    }
    return { width, culprits };
  }, viewportWidth);
}

/** The page's main content. */
export const main = (page: Page): Locator => page.getByRole('main');

/** Clicks and waits for the page it opens; returns that page's response (for its status). */
export async function opening(page: Page, action: () => Promise<unknown>): Promise<Response | null> {
  const [response] = await Promise.all([page.waitForNavigation(), action()]);
  return response;
}

/** Presses the button of `within` (the main content) named `name` and waits for the next page. */
export function press(page: Page, name: string, within: Locator = main(page)): Promise<Response | null> {
  return opening(page, () => within.getByRole('button', { name, exact: true }).click());
}

/** Follows the link of `within` (the main content) named `name`. */
export function follow(page: Page, name: string, within: Locator = main(page)): Promise<Response | null> {
  return opening(page, () => within.getByRole('link', { name, exact: true }).click());
}
