/**
 * Accounts in a real browser, from the very first start of an empty platform: the first
 * administrator turns on two-step verification and signs in again with a code; they invite a
 * person by e-mail, who accepts; that person resets a forgotten password through the e-mailed
 * link and switches language. Every e-mail really leaves through the outbox, the job runner and
 * SMTP, and is read from the receiving server. Every page visited passes axe and shows no
 * console error. The steps share one server and build on each other, in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { currentTotpCode } from '../src/modules/identity/two-factor.js';
import { launchBrowser, newPage } from './support/browser.js';
import { checkPage, focused, navigating, pathOf, t, watchPage, type WatchedPage } from './support/journey.js';
import { linkIn, startMailbox, type Mailbox } from './support/mailbox.js';
import { startServer, type TestServer } from './support/server.js';

const admin = { name: 'Mercè Vidal Puig', email: 'merce.vidal@example.org', password: 'pluja de tardor sobre la gavina', secret: '' };
const person = {
  name: 'Jordi Soler',
  fullName: 'Jordi Soler i Costa',
  email: 'jordi.soler@example.org',
  password: 'riu blau entre castanyers',
  newPassword: 'finestra oberta al carrer gran',
};

describe('accounts in the browser, from the first start of an empty platform', () => {
  let server: TestServer;
  let mailbox: Mailbox;
  let browser: Browser;
  /** The administrator's browser, signed in from the second step on. */
  let adminTab: WatchedPage;

  beforeAll(async () => {
    mailbox = await startMailbox();
    server = await startServer({ env: { TEIXIT_DEMO: 'off', SMTP_URL: mailbox.url, MAIL_FROM: 'Teixit <no-reply@teixit.test>' } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await mailbox?.close();
  });

  /** A new browser (own cookies) with a Catalan locale, under watch. */
  async function openBrowser(): Promise<WatchedPage> {
    return watchPage(await newPage(browser));
  }

  /** Presses the button of the page's main content named `name` and waits for the next page. */
  async function press(page: Page, name: string): Promise<void> {
    await navigating(page, () => page.getByRole('main').getByRole('button', { name, exact: true }).click());
  }

  /** Fills and sends the sign-in form on the page it is on. */
  async function signIn(tab: WatchedPage, email: string, password: string): Promise<void> {
    const { page } = tab;
    await page.getByLabel(t('ca', 'identity.fields.email'), { exact: true }).fill(email);
    await page.getByLabel(t('ca', 'identity.fields.password'), { exact: true }).fill(password);
    await press(page, t('ca', 'identity.sign_in.submit'));
  }

  /** Fills both boxes of a new password. */
  async function choosePassword(page: Page, password: string, again = password): Promise<void> {
    await page.getByLabel(t('ca', 'identity.fields.new_password'), { exact: true }).fill(password);
    await page.getByLabel(t('ca', 'identity.fields.password_confirm'), { exact: true }).fill(again);
  }

  it('creates the first administrator from the link printed at start, then makes them turn on two-step verification', async () => {
    const [setupLink] = await server.waitForOutput(/http:\/\/\S+\/ca\/setup\/[A-Za-z0-9_-]+/);
    adminTab = await openBrowser();
    const { page } = adminTab;
    await page.goto(setupLink);
    await expect(page.locator('h1').innerText()).resolves.toBe(t('ca', 'identity.setup.title'));
    await checkPage(adminTab);

    await page.getByLabel(t('ca', 'identity.fields.name'), { exact: true }).fill(admin.name);
    await page.getByLabel(t('ca', 'identity.fields.email'), { exact: true }).fill(admin.email);
    await choosePassword(page, admin.password);
    // The primary action is reachable from the last field with the keyboard alone.
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'button', text: t('ca', 'identity.setup.submit') });
    await navigating(page, () => page.keyboard.press('Enter'));

    await page.waitForURL('**/ca/account/two-factor?required=1');
    const main = page.getByRole('main');
    await expect(main.innerText()).resolves.toContain(t('ca', 'identity.setup.done'));
    await expect(main.innerText()).resolves.toContain(t('ca', 'identity.enrol.required_title'));
    await checkPage(adminTab);

    // The key is shown as text beside the QR code, in groups of four: type it into "the app".
    admin.secret = (await main.locator('code').first().innerText()).replace(/\s+/g, '');
    expect(admin.secret).toMatch(/^[A-Z2-7]{32}$/);
    await page.getByLabel(t('ca', 'identity.two_factor.code_label'), { exact: true }).fill(currentTotpCode(admin.secret));
    await press(page, t('ca', 'identity.enrol.submit'));

    await expect(page.locator('h1').innerText()).resolves.toBe(t('ca', 'identity.enrol.codes_title'));
    await expect(main.locator('ol li code').allInnerTexts()).resolves.toHaveLength(10);
    await checkPage(adminTab);
    await main.getByRole('link', { name: t('ca', 'identity.enrol.codes_saved') }).click();

    await page.waitForURL('**/ca/me');
    await expect(page.getByRole('banner').innerText()).resolves.toContain(admin.name);
    await checkPage(adminTab);
  });

  it('signs the administrator out, and back in with the password and a code from the app', async () => {
    const { page } = adminTab;
    const header = page.getByRole('banner');
    await navigating(page, () => header.getByRole('button', { name: t('ca', 'ui.account.signOut') }).click());
    await page.waitForURL((url) => url.pathname === '/ca');
    await expect(page.getByRole('main').innerText()).resolves.toContain(t('ca', 'identity.sign_out.done'));
    await expect(header.innerText()).resolves.not.toContain(admin.name);
    await checkPage(adminTab);

    await header.getByRole('link', { name: t('ca', 'ui.account.signIn') }).click();
    await page.waitForURL('**/ca/sign-in');
    await expect(page.locator('h1').innerText()).resolves.toBe(t('ca', 'identity.sign_in.title'));
    await checkPage(adminTab);
    await signIn(adminTab, admin.email, admin.password);

    await page.waitForURL('**/ca/sign-in/two-factor');
    await expect(page.locator('h1').innerText()).resolves.toBe(t('ca', 'identity.two_factor.step_title'));
    await checkPage(adminTab);
    const codeBox = page.getByLabel(t('ca', 'identity.two_factor.code_label'), { exact: true });

    // A code that cannot be right is refused beside the box, and the page still passes axe.
    await codeBox.fill('no-code');
    await press(page, t('ca', 'identity.two_factor.verify'));
    await expect(page.locator('#field-code-error').innerText()).resolves.toContain(t('ca', 'identity.two_factor.code_wrong'));
    await checkPage(adminTab);

    // The code used to turn it on cannot be used again: take the one the app shows next.
    await codeBox.fill(currentTotpCode(admin.secret, Date.now() + 30_000));
    await press(page, t('ca', 'identity.two_factor.verify'));
    await page.waitForURL('**/ca/me');
    await expect(header.innerText()).resolves.toContain(admin.name);
    await expect(page.getByRole('main').innerText()).resolves.toContain(t('ca', 'identity.sign_in.done'));
    await checkPage(adminTab);
  });

  it('lets the administrator invite a person by e-mail; the person opens the link, chooses a password and is signed in', async () => {
    const { page } = adminTab;
    await page.getByRole('navigation', { name: t('ca', 'ui.nav.main') }).getByRole('link', { name: t('ca', 'admin.nav') }).click();
    await page.waitForURL('**/ca/admin');
    await checkPage(adminTab);
    await page.getByRole('main').getByRole('link', { name: t('ca', 'admin.overview.invitations.title') }).click();
    await page.waitForURL('**/ca/admin/invitations');
    await checkPage(adminTab);

    const since = mailbox.received.length;
    await page.getByLabel(t('ca', 'admin.invitations.fields.email'), { exact: true }).fill(person.email);
    await page.getByLabel(t('ca', 'admin.invitations.fields.name'), { exact: true }).fill(person.name);
    await press(page, t('ca', 'admin.invitations.submit'));
    await page.waitForURL('**/ca/admin/invitations');
    const main = page.getByRole('main');
    await expect(main.innerText()).resolves.toContain(t('ca', 'admin.invitations.sent', { name: person.name, email: person.email }));
    await expect(main.getByRole('table').innerText()).resolves.toContain(person.email);
    await checkPage(adminTab);

    const mail = await mailbox.waitFor(person.email, { since, subject: t('ca', 'identity.emails.invite.subject', { inviter: admin.name }) });
    expect(mail.language).toBe('ca');
    const link = linkIn(mail, `${server.url}/ca/invitation/`);

    // The outbox page shows the invitation as sent once the job runner has delivered it.
    await expect
      .poll(async () => {
        await page.goto(`${server.url}/ca/admin/outbox`);
        return page.getByRole('main').getByRole('row').filter({ hasText: person.email }).innerText();
      }, { timeout: 15_000 })
      .toContain(t('ca', 'admin.outbox.status.sent'));
    await checkPage(adminTab);

    const guest = await openBrowser();
    await guest.page.goto(link);
    await expect(guest.page.locator('h1').innerText()).resolves.toBe(t('ca', 'identity.invitation.title'));
    const nameBox = guest.page.getByLabel(t('ca', 'identity.fields.name'), { exact: true });
    await expect(nameBox.inputValue()).resolves.toBe(person.name);
    await checkPage(guest);

    // Two different passwords: sent back with the name as typed, the mistake beside its box.
    await nameBox.fill(person.fullName);
    await choosePassword(guest.page, person.password, `${person.password}!`);
    await press(guest.page, t('ca', 'identity.invitation.submit'));
    await expect(guest.page.locator('#field-password_confirm-error').innerText()).resolves.toContain(t('ca', 'identity.fields.password_mismatch'));
    await expect(nameBox.inputValue()).resolves.toBe(person.fullName);
    await checkPage(guest);

    await choosePassword(guest.page, person.password);
    await press(guest.page, t('ca', 'identity.invitation.submit'));
    await guest.page.waitForURL('**/ca/me');
    await expect(guest.page.getByRole('banner').innerText()).resolves.toContain(person.fullName);
    await expect(guest.page.getByRole('main').innerText()).resolves.toContain(t('ca', 'identity.invitation.done'));
    await checkPage(guest);
    await guest.page.context().close();
  });

  it('resets a forgotten password through the e-mailed link, which works once', async () => {
    const tab = await openBrowser();
    const { page } = tab;
    await page.goto(`${server.url}/ca/sign-in`);
    await page.getByRole('link', { name: t('ca', 'identity.sign_in.forgot') }).click();
    await page.waitForURL('**/ca/password-reset');
    await expect(page.locator('h1').innerText()).resolves.toBe(t('ca', 'identity.reset.title'));
    await checkPage(tab);

    const since = mailbox.received.length;
    await page.getByLabel(t('ca', 'identity.fields.email'), { exact: true }).fill(person.email);
    await press(page, t('ca', 'identity.reset.submit'));
    await page.waitForURL('**/ca/password-reset?sent=1');
    await expect(page.locator('h1').innerText()).resolves.toBe(t('ca', 'identity.reset.sent_title'));
    await checkPage(tab);

    const mail = await mailbox.waitFor(person.email, { since, subject: t('ca', 'identity.emails.reset.subject') });
    const resetLink = linkIn(mail, `${server.url}/ca/password-reset/`);
    await page.goto(resetLink);
    await expect(page.locator('h1').innerText()).resolves.toBe(t('ca', 'identity.reset.new_title'));
    await checkPage(tab);

    // Too short: the summary on top takes the focus and links to the box, which says why.
    await choosePassword(page, 'curta', 'curta');
    await press(page, t('ca', 'identity.reset.new_submit'));
    const summary = page.locator('[data-error-summary]');
    await expect(summary.innerText()).resolves.toContain(t('ca', 'identity.password.too_short'));
    expect((await page.title()).startsWith(t('ca', 'ui.error.titlePrefix'))).toBe(true);
    await expect(page.locator('#field-password-error').innerText()).resolves.toContain(t('ca', 'identity.password.too_short'));
    await expect(page.locator('#field-password').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { hasAttribute(n: string): boolean } } }).document.activeElement.hasAttribute('data-error-summary'))).toBe(true);
    await summary.getByRole('link').first().click();
    expect((await focused(page)).id).toBe('field-password');
    await checkPage(tab);

    await choosePassword(page, person.newPassword);
    await press(page, t('ca', 'identity.reset.new_submit'));
    await page.waitForURL('**/ca/sign-in');
    await expect(page.getByRole('main').innerText()).resolves.toContain(t('ca', 'identity.reset.done'));
    await checkPage(tab);

    // The old password no longer opens the account; the address typed stays in its box.
    await signIn(tab, person.email, person.password);
    await expect(page.locator('[data-error-summary]').innerText()).resolves.toContain(t('ca', 'identity.sign_in.bad_credentials'));
    await expect(page.getByLabel(t('ca', 'identity.fields.email'), { exact: true }).inputValue()).resolves.toBe(person.email);
    await checkPage(tab);

    await signIn(tab, person.email, person.newPassword);
    await page.waitForURL('**/ca/me');
    await expect(page.getByRole('banner').innerText()).resolves.toContain(person.fullName);
    await checkPage(tab);

    const again = await page.goto(resetLink);
    expect(again?.status()).toBe(410);
    await expect(page.locator('h1').innerText()).resolves.toBe(t('ca', 'identity.links.used_title'));
    await checkPage(tab);
    await page.context().close();
  });

  it('switches the language of the page being read, and remembers the choice of a signed-in person', async () => {
    const tab = await openBrowser();
    const { page } = tab;
    await page.goto(`${server.url}/ca/sign-in`);
    await signIn(tab, person.email, person.newPassword);
    await page.waitForURL('**/ca/me');
    await page.getByRole('banner').getByRole('link', { name: person.fullName }).click();
    await page.waitForURL('**/ca/account');
    await expect(page.locator('h1').innerText()).resolves.toBe(t('ca', 'account.page.title'));

    const switcher = page.getByRole('navigation', { name: t('ca', 'ui.language.label') });
    await switcher.getByRole('link', { name: 'Español' }).click();
    await page.waitForURL('**/es/account');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('es');
    await expect(page.locator('h1').innerText()).resolves.toBe(t('es', 'account.page.title'));
    await checkPage(tab);

    await page.getByRole('navigation', { name: t('es', 'ui.language.label') }).getByRole('link', { name: 'English' }).click();
    await page.waitForURL('**/en/account');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect(page.locator('h1').innerText()).resolves.toBe(t('en', 'account.page.title'));
    await expect(page.getByRole('link', { name: 'English' }).getAttribute('aria-current')).resolves.toBe('true');
    await checkPage(tab);

    await page.getByRole('navigation', { name: t('en', 'ui.language.label') }).getByRole('link', { name: 'Español' }).click();
    await page.waitForURL('**/es/account');
    // The bare address now opens the site in the language chosen, not the browser's.
    await page.goto(`${server.url}/`);
    expect(pathOf(page)).toBe('/es');

    await navigating(page, () => page.getByRole('banner').getByRole('button', { name: t('es', 'ui.account.signOut') }).click());
    await page.waitForURL((url) => url.pathname === '/es');
    await expect(page.getByRole('main').innerText()).resolves.toContain(t('es', 'identity.sign_out.done'));
    await checkPage(tab);
    await page.context().close();

    // Another day, another browser that asks for Catalan: once signed in, Spanish again.
    const later = await openBrowser();
    await later.page.goto(`${server.url}/`);
    expect(pathOf(later.page)).toBe('/ca');
    await later.page.getByRole('banner').getByRole('link', { name: t('ca', 'ui.account.signIn') }).click();
    await signIn(later, person.email, person.newPassword);
    await later.page.waitForURL('**/es/me');
    await expect(later.page.locator('html').getAttribute('lang')).resolves.toBe('es');
    await checkPage(later);
    await later.page.goto(`${server.url}/`);
    expect(pathOf(later.page)).toBe('/es');
    await later.page.context().close();
  });
});
