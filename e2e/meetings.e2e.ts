/**
 * A plenary meeting's life in a real browser, on the demo space (issue 4 §12):
 *  - the secretariat creates a plenary meeting three weeks ahead, gives it two agenda items (one
 *    to decide on) and convenes it;
 *  - a member's notice really leaves through the outbox and SMTP (a receiver in this test): it
 *    has the agenda and the meeting as an `.ics` attachment, and its "I will attend" link works
 *    in a browser that is not signed in; the secretariat then sees the answer on the meeting page;
 *  - the meeting takes place: its attendance is recorded, an agreement with an action item for
 *    the member, and the minutes are written, circulated and approved at the same session;
 *  - a visitor finds the agreement in the public register by a word typed without its accent,
 *    with its action item; the member finds the action item in their own list and My space.
 * Also the space's calendar (month and list), the meeting page as a visitor, the printable
 * minutes and My space. Every page visited passes axe and shows no console or CSP error; the
 * words looked for come from the app's catalogs.
 *
 * Time: a meeting is convened only while its start is ahead, and is held (attendance, agreements,
 * minutes) only once it has started. Rather than write a past meeting into the database behind
 * the server's back (PGlite's data directory belongs to the running server), the journey does
 * what a secretariat does for an urgent session: a second plenary meeting, today, starting one
 * or two minutes after it is created, convened with a stated urgency (the short notice the
 * rules allow only so) — and the journey waits, looking at the calendar meanwhile, until it has
 * started. Everything goes through the real pages; nothing is written to the database directly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { formatDate, todayInSpace } from '../src/kernel/i18n/index.js';
import { currentTotpCode } from '../src/modules/identity/two-factor.js';
import { instantInSpace, wallDateAndTime } from '../src/modules/meetings/time.js';
import { launchBrowser, newPage } from './support/browser.js';
import { checkPage, follow, main, pathOf, press, t, watchPage, type WatchedPage } from './support/journey.js';
import { startMailbox, type Mailbox, type ReceivedMail } from './support/mailbox.js';
import { journeyDatabase, startServer, type JourneyDatabase, type TestServer } from './support/server.js';

/** The demo's password (config.ts: TEIXIT_DEMO_PASSWORD's default). */
const DEMO_PASSWORD = 'teixit-demo-2026';

/** People of the demo space (src/modules/identity/seed.ts, bodies/seed-data.ts). */
const demo = {
  /** Administrator and secretary of the plenary: the secretariat. */
  secretariat: { name: 'Teresa Grau i Ribas', email: 'admin@demo.teixit.cat' },
  /** A delegate of FCTC with a member's seat in the plenary. */
  member: { name: 'Laia Ferrer i Soler', email: 'laia.ferrer@demo.teixit.cat' },
  plenary: { slug: 'ambit-participat', name: 'Àmbit Participat' },
} as const;

/** The meeting convened three weeks ahead. */
const ahead = {
  title: "Sessió plenària sobre el Pla d'Impuls 2027",
  place: 'Coòpolis, Bloc 4 de Can Batlló, Barcelona',
  start: '18:00',
  end: '20:00',
  items: [
    { title: 'Informe de la comissió de seguiment', kind: 'information' },
    { title: "Aprovació de les prioritats del Pla d'Impuls", kind: 'decision' },
  ],
} as const;

/** The urgent session that takes place during the journey. */
const urgent = {
  title: 'Sessió urgent sobre les clàusules socials',
  place: 'Barcelona Activa, sala Porta22',
  reason: "L'Ajuntament tanca els plecs de neteja aquesta setmana i ens demana el parer abans.",
  item: 'Posicionament sobre les clàusules socials dels plecs de neteja',
  agreement: "L'Àmbit Participat demana incloure clàusules socials i ambientals en els plecs del contracte municipal de neteja.",
  /** A word of the agreement, typed without its accent. */
  search: 'clausules',
  action: 'Redactar una proposta de clàusules per a la comissió de contractació',
  summary: "S'ha debatut la resposta a l'Ajuntament sobre els plecs de neteja.",
  deliberation: 'Diverses entitats hi han donat suport; ningú no hi ha posat objeccions.',
} as const;

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The `.ics` attached to a message: its part's headers, and its content decoded (the raw message keeps it in base64). */
function calendarIn(mail: ReceivedMail): { headers: string; ics: string } {
  const raw = mail.raw.replace(/\r\n/g, '\n');
  const start = raw.search(/^Content-Type: text\/calendar/im);
  if (start === -1) throw new Error(`no text/calendar part in the e-mail «${mail.subject}»`);
  const headersEnd = raw.indexOf('\n\n', start);
  const bodyEnd = raw.indexOf('\n--', headersEnd);
  const headers = raw.slice(start, headersEnd);
  const body = raw.slice(headersEnd + 2, bodyEnd === -1 ? undefined : bodyEnd);
  expect(headers).toMatch(/Content-Transfer-Encoding: base64/i);
  return { headers, ics: Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') };
}

/** The address after `label: ` on a line of the message's text. */
function lineLink(mail: ReceivedMail, label: string): string {
  const line = mail.text.split('\n').find((l) => l.startsWith(`- ${label}: `));
  if (!line) throw new Error(`no line «- ${label}: …» in the e-mail «${mail.subject}»:\n${mail.text}`);
  return line.slice(`- ${label}: `.length).trim();
}

describe('a plenary meeting from its notice to its agreements, in the browser, on the demo space', () => {
  let database: JourneyDatabase;
  let server: TestServer;
  let mailbox: Mailbox;
  let browser: Browser;
  /** The secretariat's browser, signed in from the first step to the last. */
  let secretariatTab: WatchedPage;
  /** The meetings' pages, known once created. */
  let aheadPath = '';
  let urgentPath = '';
  /** When the urgent session starts. */
  let urgentStart = new Date(0);
  /** The agreement's number, e.g. 2026/4. */
  let agreementNumber = '';

  beforeAll(async () => {
    database = await journeyDatabase({ demo: true });
    mailbox = await startMailbox();
    server = await startServer({ env: { ...database.env, SMTP_URL: mailbox.url, MAIL_FROM: 'Teixit <no-reply@teixit.test>' } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await mailbox?.close();
    await database?.drop();
  });

  /** A new browser (own cookies) with a Catalan locale, under watch. */
  async function openBrowser(): Promise<WatchedPage> {
    const tab = watchPage(await newPage(browser, { viewport: { width: 1280, height: 900 } }));
    // The approval of the minutes asks to confirm (a dialog from the site's script): say yes.
    tab.page.on('dialog', (dialog) => void dialog.accept());
    return tab;
  }


  /** A form field by its label as the catalog words it; optional fields' labels end in "(opcional)". */
  function field(within: Page | Locator, label: string, options: { optional?: boolean } = {}): Locator {
    const name = options.optional ? `${label} ${t('ca', 'ui.form.optional')}` : label;
    return within.getByLabel(name, { exact: true });
  }

  /** The page's heading and a check of the page. */
  async function expectPage(tab: WatchedPage, heading: string): Promise<void> {
    await expect(tab.page.locator('h1').innerText()).resolves.toBe(heading);
    await checkPage(tab);
  }

  /** The success banner a form leaves after it redirects. */
  function expectBanner(page: Page, message: string): Promise<void> {
    return expect(main(page).innerText()).resolves.toContain(message);
  }

  /** Fills and sends the sign-in form on the page it is on. */
  async function signIn(tab: WatchedPage, email: string): Promise<void> {
    const { page } = tab;
    await expectPage(tab, t('ca', 'identity.sign_in.title'));
    await field(page, t('ca', 'identity.fields.email')).fill(email);
    await field(page, t('ca', 'identity.fields.password')).fill(DEMO_PASSWORD);
    await press(page, t('ca', 'identity.sign_in.submit'));
  }

  /** Fills a meeting's form and creates it; ends on its page. */
  async function createMeeting(tab: WatchedPage, meeting: { title: string; date: string; start: string; end: string; place: string }): Promise<string> {
    const { page } = tab;
    await page.goto(`${server.url}/ca/bodies/${demo.plenary.slug}/meetings`);
    await expectPage(tab, t('ca', 'meetings.list.body_title'));
    await follow(page, t('ca', 'meetings.list.new'));
    expect(pathOf(page)).toBe(`/ca/bodies/${demo.plenary.slug}/meetings/new`);
    await expectPage(tab, t('ca', 'meetings.form.new_title'));
    await field(page, t('ca', 'meetings.fields.title_ca')).fill(meeting.title);
    await page.getByRole('radio', { name: t('ca', 'meetings.kinds.ordinary'), exact: true }).check();
    await field(page, t('ca', 'meetings.fields.date')).fill(meeting.date);
    await field(page, t('ca', 'meetings.fields.start_time')).fill(meeting.start);
    await field(page, t('ca', 'meetings.fields.end_time')).fill(meeting.end);
    await page.getByRole('radio', { name: t('ca', 'meetings.formats.in_person'), exact: true }).check();
    await field(page, t('ca', 'meetings.fields.place'), { optional: true }).fill(meeting.place);
    await press(page, t('ca', 'meetings.form.create'));
    expect(pathOf(page)).toMatch(/^\/ca\/meetings\/\d+$/);
    await expect(page.locator('h1').innerText()).resolves.toBe(meeting.title);
    await expectBanner(page, t('ca', 'meetings.flash.created'));
    await expect(main(page).innerText()).resolves.toContain(t('ca', 'meetings.states.draft'));
    await checkPage(tab);
    return pathOf(page);
  }

  /** Adds an item at the end of the meeting's agenda from its page; ends back on it. */
  async function addItem(tab: WatchedPage, item: { title: string; kind: string }): Promise<void> {
    const { page } = tab;
    await follow(page, t('ca', 'meetings.agenda.add'));
    await expectPage(tab, t('ca', 'meetings.agenda.new_title'));
    await field(page, t('ca', 'meetings.agenda.fields.title_ca')).fill(item.title);
    await page.getByRole('radio', { name: t('ca', `meetings.agenda.kinds.${item.kind}`), exact: true }).check();
    await press(page, t('ca', 'meetings.agenda.create'));
    await expectBanner(page, t('ca', 'meetings.flash.item_added'));
    await expect(main(page).innerText()).resolves.toContain(item.title);
    await checkPage(tab);
  }

  it('lets the secretariat create a plenary meeting three weeks ahead, give it an agenda and convene it', async () => {
    // The secretariat is an administrator: on the first sign-in, two-step verification comes first.
    secretariatTab = await openBrowser();
    const tab = secretariatTab;
    const { page } = tab;
    await page.goto(`${server.url}/ca/sign-in`);
    await signIn(tab, demo.secretariat.email);
    await page.waitForURL('**/ca/account/two-factor?required=1');
    await checkPage(tab);
    const secret = (await main(page).locator('code').first().innerText()).replace(/\s+/g, '');
    await field(page, t('ca', 'identity.two_factor.code_label')).fill(currentTotpCode(secret));
    await press(page, t('ca', 'identity.enrol.submit'));
    await follow(page, t('ca', 'identity.enrol.codes_saved'));
    await page.waitForURL('**/ca/me');
    await checkPage(tab);

    const date = addDays(todayInSpace(), 21);
    aheadPath = await createMeeting(tab, { title: ahead.title, date, start: ahead.start, end: ahead.end, place: ahead.place });
    for (const item of ahead.items) await addItem(tab, item);

    await follow(page, t('ca', 'meetings.actions.convene'));
    expect(pathOf(page)).toBe(`${aheadPath}/convene`);
    await expectPage(tab, t('ca', 'meetings.convene.title'));
    // Three weeks is more notice than the plenary asks: no urgency to state.
    await expect(main(page).getByLabel(t('ca', 'meetings.fields.urgency_reason'), { exact: true }).count()).resolves.toBe(0);
    await press(page, t('ca', 'meetings.convene.submit'));
    expect(pathOf(page)).toBe(aheadPath);
    await expectBanner(page, t('ca', 'meetings.flash.convened'));
    await expect(main(page).innerText()).resolves.toContain(t('ca', 'meetings.states.convened'));
    await checkPage(tab);
  });

  it("sends the member the notice by SMTP with the agenda and an .ics, whose answer link works without signing in; the secretariat sees the answer", async () => {
    const starts = instantInSpace(addDays(todayInSpace(), 21), ahead.start);
    if (!starts) throw new Error('no such time in Barcelona');
    const subject = t('ca', 'meetings_notice.email.convened.subject', { body: demo.plenary.name, title: ahead.title, date: formatDate('ca', starts, 'longTime') });
    const mail = await mailbox.waitFor(demo.member.email, { subject });
    expect(mail.text).toContain(t('ca', 'meetings_notice.email.greeting', { name: demo.member.name }));
    expect(mail.text).toContain(t('ca', 'meetings_notice.email.agenda'));
    ahead.items.forEach((item, index) => {
      expect(mail.text).toContain(`${index + 1}. ${item.title} (${t('ca', `meetings_notice.agenda_kinds.${item.kind}`)})`);
    });
    expect(mail.text).toContain(`${server.url}${aheadPath}`);
    const { headers, ics } = calendarIn(mail);
    expect(headers).toMatch(/method=REQUEST/i);
    expect(headers).toMatch(/\.ics/);
    expect(ics).toContain('BEGIN:VCALENDAR');
    expect(ics).toContain('METHOD:REQUEST');
    expect(ics).toContain('BEGIN:VEVENT');
    const summary = ics.replace(/\r?\n[ \t]/g, '').split(/\r?\n/).find((line) => line.startsWith('SUMMARY:')) ?? '';
    expect(summary).toContain(ahead.title);

    // The member opens "I will attend" from the e-mail, in a browser where nobody is signed in.
    const link = lineLink(mail, t('ca', 'meetings_notice.email.answer.attending'));
    expect(link.startsWith(`${server.url}/ca/answer/`)).toBe(true);
    const tab = await openBrowser();
    const { page } = tab;
    await page.goto(link);
    await expectPage(tab, t('ca', 'meetings_notice.answer_page.title', { title: ahead.title }));
    await expect(main(page).innerText()).resolves.toContain(t('ca', 'meetings_notice.answer_page.no_answer_yet'));
    // Opening the link changes nothing (mail scanners open links): the answer is a button.
    const attending = main(page).getByRole('form', { name: t('ca', 'meetings_notice.answer_page.give.attending') });
    await press(page, t('ca', 'meetings_notice.answer_page.give.attending'), attending);
    await expectBanner(page, t('ca', 'meetings_notice.flash.answered'));
    await expect(main(page).innerText()).resolves.toContain(`${t('ca', 'meetings_notice.answer_page.current')} ${t('ca', 'meetings_notice.answers.attending')}`);
    await checkPage(tab);
    await page.context().close();

    // The meeting's page, as the secretariat: the member's answer in the answers' table.
    const secretariat = secretariatTab.page;
    await secretariat.goto(`${server.url}${aheadPath}`);
    const row = main(secretariat).getByRole('row').filter({ hasText: demo.member.name });
    await expect(row.innerText()).resolves.toContain(t('ca', 'meetings_notice.answers.attending'));
    await checkPage(secretariatTab);
  });

  it('lets the secretariat convene an urgent session for today, stating the urgency', async () => {
    const tab = secretariatTab;
    const { page } = tab;
    // The next whole minute at least 35 seconds away: far enough to convene it, near enough to wait for.
    urgentStart = new Date(Math.ceil((Date.now() + 35_000) / 60_000) * 60_000);
    // A session is one day: one starting at 23:59 could not end that day, so it starts after midnight.
    if (wallDateAndTime(urgentStart).time === '23:59') urgentStart = new Date(urgentStart.getTime() + 120_000);
    const start = wallDateAndTime(urgentStart);
    const endClock = wallDateAndTime(new Date(urgentStart.getTime() + 3600_000));
    const end = endClock.date === start.date ? endClock.time : '23:59';
    urgentPath = await createMeeting(tab, { title: urgent.title, date: start.date, start: start.time, end, place: urgent.place });
    await addItem(tab, { title: urgent.item, kind: 'decision' });

    await follow(page, t('ca', 'meetings.actions.convene'));
    await expectPage(tab, t('ca', 'meetings.convene.title'));
    await expect(main(page).innerText()).resolves.toContain(t('ca', 'meetings.convene.short_title'));
    await field(page, t('ca', 'meetings.fields.urgency_reason')).fill(urgent.reason);
    await press(page, t('ca', 'meetings.convene.submit'));
    expect(pathOf(page)).toBe(urgentPath);
    await expectBanner(page, t('ca', 'meetings.flash.convened'));
    await expect(main(page).innerText()).resolves.toContain(urgent.reason);
    await checkPage(tab);
  });

  it("shows a visitor the space's calendar by month and as a list, and a meeting's page", async () => {
    const tab = await openBrowser();
    const { page } = tab;
    await page.goto(`${server.url}/ca/calendar`);
    await expectPage(tab, t('ca', 'meetings_calendar.title'));
    // The urgent session is today: in this month's grid.
    await expect(main(page).innerText()).resolves.toContain(urgent.title);

    await follow(page, t('ca', 'meetings_calendar.views.list'));
    expect(pathOf(page)).toContain('view=list');
    await expectPage(tab, t('ca', 'meetings_calendar.title'));
    await expect(main(page).innerText()).resolves.toContain(t('ca', 'meetings_calendar.list.title'));
    await expect(main(page).innerText()).resolves.toContain(ahead.title);

    await follow(page, ahead.title);
    expect(pathOf(page)).toBe(aheadPath);
    await expectPage(tab, ahead.title);
    const meeting = await main(page).innerText();
    for (const item of ahead.items) expect(meeting).toContain(item.title);
    await page.context().close();
  });

  it('lets the secretariat hold the urgent session: attendance, an agreement with an action item, and minutes approved at the same session', { timeout: 300_000 }, async () => {
    const tab = secretariatTab;
    const { page } = tab;
    // Wait for the session to start.
    const wait = urgentStart.getTime() - Date.now() + 1_000;
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));

    await page.goto(`${server.url}${urgentPath}`);
    await follow(page, t('ca', 'meetings.actions.held'));
    await expectPage(tab, t('ca', 'meetings.held.title'));
    await press(page, t('ca', 'meetings.held.submit'));
    expect(pathOf(page)).toBe(urgentPath);
    await expectBanner(page, t('ca', 'meetings.flash.held'));
    await expect(main(page).innerText()).resolves.toContain(t('ca', 'meetings.states.held'));
    await checkPage(tab);

    // Attendance: the member and the secretariat were there.
    await follow(page, t('ca', 'meetings_attendance.section.record'));
    expect(pathOf(page)).toBe(`${urgentPath}/attendance`);
    await expectPage(tab, `${t('ca', 'meetings_attendance.title')}: ${urgent.title}`);
    for (const person of [demo.member, demo.secretariat]) {
      await main(page).getByRole('checkbox', { name: t('ca', 'meetings_attendance.form.attended_label', { name: person.name }), exact: true }).check();
    }
    await press(page, t('ca', 'meetings_attendance.form.save'));
    await expectBanner(page, t('ca', 'meetings_attendance.form.saved'));
    await checkPage(tab);
    if (pathOf(page) !== urgentPath) await page.goto(`${server.url}${urgentPath}`);
    const attendance = await main(page).innerText();
    expect(attendance).toContain(demo.member.name);

    // The agreement, on the item to decide, with an action item for the member.
    await follow(page, t('ca', 'meetings_agreements.section.record'));
    expect(pathOf(page)).toMatch(/^\/ca\/agenda-items\/\d+\/agreements\/new$/);
    await expectPage(tab, t('ca', 'meetings_agreements.form.new_title'));
    await field(page, t('ca', 'meetings_agreements.form.text_ca')).fill(urgent.agreement);
    await page.getByRole('radio', { name: t('ca', 'meetings_agreements.method.consensus'), exact: true }).check();
    const action = main(page).getByRole('group', { name: t('ca', 'meetings_agreements.form.action_n', { n: 1 }) });
    await field(action, t('ca', 'meetings_agreements.actions.title'), { optional: true }).fill(urgent.action);
    await field(action, t('ca', 'meetings_agreements.actions.owner'), { optional: true }).selectOption({ label: demo.member.name });
    await field(action, t('ca', 'meetings_agreements.actions.due_on'), { optional: true }).fill(addDays(todayInSpace(), 30));
    await press(page, t('ca', 'meetings_agreements.form.submit_new'));
    // "S'ha recollit l'acord 2026/4.": the number is what the banner says around the catalog's words.
    const banner = await main(page).innerText();
    const [before = '', after = ''] = t('ca', 'meetings_agreements.flash.recorded', { number: '\u0000' }).split('\u0000');
    const from = banner.indexOf(before) + before.length;
    agreementNumber = banner.indexOf(before) === -1 ? '' : banner.slice(from, banner.indexOf(after, from));
    expect(agreementNumber, banner).toMatch(/^\d{4}\/\d+$/);
    await checkPage(tab);

    // The minutes: written, circulated to the members, approved at this same session.
    await page.goto(`${server.url}${urgentPath}`);
    await follow(page, t('ca', 'meetings_minutes.section.write'));
    expect(pathOf(page)).toBe(`${urgentPath}/minutes`);
    await expectPage(tab, t('ca', 'meetings_minutes.title', { meeting: urgent.title }));
    const form = main(page).getByRole('form', { name: t('ca', 'meetings_minutes.form.title') });
    const started = wallDateAndTime(urgentStart);
    await field(form, t('ca', 'meetings_minutes.fields.place')).fill(urgent.place);
    await field(form, t('ca', 'meetings_minutes.fields.date')).fill(started.date);
    await field(form, t('ca', 'meetings_minutes.fields.start_time')).fill(started.time);
    const ended = wallDateAndTime(new Date(urgentStart.getTime() + 45 * 60_000));
    await field(form, t('ca', 'meetings_minutes.fields.end_time')).fill(ended.date === started.date ? ended.time : '23:59');
    await field(form, t('ca', 'meetings_minutes.fields.summary'), { optional: true }).fill(urgent.summary);
    await field(form, `1. ${urgent.item}`, { optional: true }).fill(urgent.deliberation);
    await press(page, t('ca', 'meetings_minutes.form.save'), form);
    await expect(main(page).innerText()).resolves.toContain(t('ca', 'meetings_minutes.states.draft'));
    await checkPage(tab);

    const since = mailbox.received.length;
    const circulate = main(page).getByRole('form', { name: t('ca', 'meetings_minutes.actions.circulate') });
    await press(page, t('ca', 'meetings_minutes.actions.circulate_submit'), circulate);
    await expect(main(page).innerText()).resolves.toContain(t('ca', 'meetings_minutes.states.circulated'));
    await checkPage(tab);
    const circulated = await mailbox.waitFor(demo.member.email, { since, subject: t('ca', 'meetings_minutes.emails.circulated.subject', { meeting: urgent.title }) });
    expect(circulated.text).toContain(`${server.url}${urgentPath}/minutes`);

    const approve = main(page).getByRole('form', { name: t('ca', 'meetings_minutes.actions.approve') });
    const thisSession = `${urgent.title} — ${formatDate('ca', urgentStart, 'short')} (${t('ca', 'meetings_minutes.actions.this_meeting')})`;
    await field(approve, t('ca', 'meetings_minutes.fields.approved_in')).selectOption({ label: thisSession });
    await press(page, t('ca', 'meetings_minutes.actions.approve_submit'), approve);
    const approved = await main(page).innerText();
    expect(approved).toContain(t('ca', 'meetings_minutes.states.approved'));
    expect(approved).toContain(t('ca', 'meetings_minutes.approved_in_same'));
    expect(approved).toMatch(/SHA-256: [0-9a-f]{64}/);
    await checkPage(tab);

    // The printable minutes: the attendees, the deliberation, the agreement and its action item.
    await follow(page, t('ca', 'meetings_minutes.print_link'));
    expect(pathOf(page)).toBe(`${urgentPath}/minutes/print`);
    await checkPage(tab);
    const printed = await page.locator('body').innerText();
    for (const words of [demo.member.name, urgent.deliberation, urgent.agreement, urgent.action]) expect(printed).toContain(words);

    // The meeting's page now: held, with its attendance, its agreement and its approved minutes.
    await page.goto(`${server.url}${urgentPath}`);
    await expectPage(tab, urgent.title);
    const held = await main(page).innerText();
    for (const words of [t('ca', 'meetings.states.held'), t('ca', 'meetings_minutes.states.approved'), urgent.agreement, demo.member.name]) expect(held).toContain(words);
  });

  it('shows a visitor the agreement in the public register, found without accents, with its action item', async () => {
    const tab = await openBrowser();
    const { page } = tab;
    await page.goto(`${server.url}/ca/agreements`);
    await expectPage(tab, t('ca', 'meetings_agreements.register.title'));
    const search = main(page).getByRole('search', { name: t('ca', 'meetings_agreements.register.search_label') });
    await field(search, t('ca', 'meetings_agreements.register.q'), { optional: true }).fill(urgent.search);
    await press(page, t('ca', 'meetings_agreements.register.search'), search);
    expect(pathOf(page)).toContain(`q=${urgent.search}`);
    await expect(main(page).innerText()).resolves.toContain(urgent.agreement);
    await checkPage(tab);

    await follow(page, t('ca', 'meetings_agreements.agreement_title', { number: agreementNumber }));
    expect(pathOf(page)).toMatch(/^\/ca\/agreements\/\d+$/);
    await expectPage(tab, t('ca', 'meetings_agreements.agreement_title', { number: agreementNumber }));
    const agreement = await main(page).innerText();
    expect(agreement).toContain(urgent.agreement);
    expect(agreement).toContain(urgent.action);
    expect(agreement).toContain(demo.member.name);
    await page.context().close();
  });

  it('lists the action item for its owner, in their tasks and in My space', async () => {
    const tab = await openBrowser();
    const { page } = tab;
    await page.goto(`${server.url}/ca/sign-in`);
    await signIn(tab, demo.member.email);
    await page.waitForURL('**/ca/me');
    await checkPage(tab);
    const mySpace = await main(page).innerText();
    expect(mySpace).toContain(urgent.action);
    expect(mySpace).toContain(ahead.title);

    await page.goto(`${server.url}/ca/actions`);
    await expectPage(tab, t('ca', 'meetings_agreements.my.title'));
    const card = main(page).getByRole('listitem').filter({ has: page.getByRole('heading', { name: urgent.action, exact: true }) });
    await expect(card.count()).resolves.toBe(1);
    const text = await card.innerText();
    expect(text).toContain(t('ca', 'meetings_agreements.action_states.open'));
    expect(text).toContain(t('ca', 'meetings_agreements.agreement_title', { number: agreementNumber }));
    await page.context().close();
  });
});
