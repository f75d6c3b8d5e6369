/**
 * Browser side of the journeys: Debian's Chromium driven by playwright-core, with axe-core
 * for accessibility checks.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

/** Where Debian's chromium package puts the browser (`apt-get install chromium`). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** The WCAG levels every page must meet. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Launches headless Chromium; close it with `browser.close()` in afterAll. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Opens a page in a fresh context (its own cookies) with a Catalan browser locale; `options`
 * go to `browser.newContext`. The app's Content-Security-Policy stays in force (axe is injected
 * through the DevTools protocol, which CSP does not govern), so journeys exercise the real CSP.
 * Close with `page.context().close()`.
 */
export async function newPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ locale: 'ca-ES', ...options });
  return context.newPage();
}

/**
 * Collects the page's console errors and uncaught exceptions from now on (a CSP violation
 * shows up here as "… violates the following Content Security Policy directive …"). Assert `expect(errors).toEqual([])` at the end of a step.
 */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  page.on('pageerror', (err) => errors.push(String(err)));
  return errors;
}

let axeSource: string | undefined;

/** The text of axe-core's browser bundle, read once. */
function axeScript(): string {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

/** One violation as axe reports it (the parts we print). */
interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[] }[];
}

/** Formats violations as a readable list: rule, impact, help and the first few elements. */
export function formatAxeViolations(violations: AxeViolation[]): string {
  return violations.map((v) => {
    const targets = v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(', ');
    const more = v.nodes.length > 3 ? ` and ${v.nodes.length - 3} more` : '';
    return `- ${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n    at ${targets}${more}\n    ${v.helpUrl}`;
  }).join('\n');
}

/**
 * Runs axe-core (WCAG 2.1 A and AA) on the page as it is now and throws a readable list of
 * the violations, if any. Works under the app's strict CSP: the script is evaluated through
 * the DevTools protocol, not added as an inline <script> (which CSP would refuse).
 */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  // tsconfig has no DOM lib: inside the page, reach axe and document through globalThis.
  const loaded = await page.evaluate(() => typeof (globalThis as unknown as AxeWindow).axe === 'object');
  if (!loaded) await page.evaluate(`${axeScript()}\n;undefined`);
  const violations = await page.evaluate(async (tags) => {
    const win = globalThis as unknown as AxeWindow;
    const result = await win.axe.run(win.document, { runOnly: { type: 'tag', values: tags } });
    return result.violations.map(({ id, impact, help, helpUrl, nodes }) => ({
      id, impact, help, helpUrl, nodes: nodes.map((n) => ({ target: n.target })),
    }));
  }, AXE_TAGS);
  if (violations.length > 0) {
    throw new Error(`axe found ${violations.length} accessibility violation(s) on ${page.url()}:\n${formatAxeViolations(violations)}`);
  }
}

/** The page's global object as far as axe is concerned. */
interface AxeWindow {
  document: unknown;
  axe: { run: (context: unknown, options: unknown) => Promise<{ violations: AxeViolation[] }> };
}
