/**
 * The space and its bodies in a real browser, on the demo space (issue 3 §10):
 *  - a visitor finds an organisation in the directory (a filter and a search typed without
 *    accents), opens it, one of its delegates' public profile, the tree of bodies and the
 *    plenary's page — in Catalan on a desktop, then the same pages in Spanish on a 320 px phone;
 *  - a working group's life: proposed by a participant, approved by the steering group from the
 *    e-mail it gets, asked to join by another person, accepted by its coordinator from the
 *    e-mail, a report filed, and the steering group's follow-up page showing it;
 *  - the secretariat tries to give a representative entity a third delegate in the plenary,
 *    reads the refusal (the rule, and who holds the two seats) and finds nothing changed.
 * Every page visited passes axe and shows no console or CSP error; every word looked for comes
 * from the app's catalogs. The e-mails really leave through the outbox and SMTP. The steps share
 * one server and build on each other, in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page, Response } from 'playwright-core';
import { formatDate, type Locale } from '../src/kernel/i18n/index.js';
import { spaceToday } from '../src/modules/bodies/membership.js';
import { currentTotpCode } from '../src/modules/identity/two-factor.js';
import { launchBrowser, newPage } from './support/browser.js';
import { checkPage, follow, horizontalOverflow, main, opening, pathOf, press, t, watchPage, type WatchedPage } from './support/journey.js';
import { linkIn, startMailbox, type Mailbox } from './support/mailbox.js';
import { journeyDatabase, startServer, type JourneyDatabase, type TestServer } from './support/server.js';

/** The demo's password (config.ts: TEIXIT_DEMO_PASSWORD's default). */
const DEMO_PASSWORD = 'teixit-demo-2026';

/** People and organisations of the demo space (src/modules/identity/seed.ts, bodies/seed-data.ts, the directory's CSV). */
const demo = {
  /** Administrator and secretary of the plenary and the steering group: the secretariat. */
  secretariat: { name: 'Teresa Grau i Ribas', email: 'admin@demo.teixit.cat' },
  /** Chair of the steering group. */
  steering: { name: 'Jordi Casals i Vidal', email: 'jordi.casals@demo.teixit.cat' },
  /** A member of Coòpolis with no mandate in the plenary or the steering group. */
  proposer: { name: 'Aina Roca i Font', email: 'aina.roca@demo.teixit.cat' },
  /** A delegate of FCTC, in no working group of her own. */
  joiner: { name: 'Laia Ferrer i Soler', email: 'laia.ferrer@demo.teixit.cat' },
  /** Sits in no standing body: a candidate for a seat. */
  candidate: { name: 'Lluís Sendra i Codina', search: 'sendra' },
  coopolis: { name: 'Coòpolis – Ateneu Cooperatiu de Barcelona', level: 1 },
  fctc: { name: 'Federació de Cooperatives de Treball de Catalunya', shortName: 'FCTC', level: 2 },
  /** A representative confederation whose two plenary seats are taken. */
  ccc: {
    name: 'Confederació de Cooperatives de Catalunya',
    shortName: 'CCC',
    /** Typed without its accent: the directory's search folds accents. */
    search: 'confederacio',
    parent: 'Associació Economia Social Catalunya',
    delegates: ['Gemma Tarrés i Coll', 'Ramon Pujades i Vila'],
  },
  plenary: { slug: 'ambit-participat', name: 'Àmbit Participat' },
  steeringGroup: { slug: 'grup-motor' },
} as const;

/** The working group proposed in the journey. */
const group = {
  name: 'Economia de les cures',
  purpose: "Fer visibles les cooperatives i entitats que cuiden persones, i proposar com la contractació pública les pot tenir en compte.",
  objectives: "Un mapa de les iniciatives de cures de l'economia social a Barcelona i tres propostes per al Pla d'Impuls.",
  method: 'Sessions obertes cada mes i un equip petit que redacta entre sessions; decisions per consens.',
  cadence: 'Una reunió al mes, el segon dijous a les 18 h, en línia.',
  deliverables: 'El mapa publicat amb dades obertes i un document de propostes.',
  decisionReason: 'Respon a una prioritat de la trobada general.',
  joinStatement: "L'FCTC agrupa moltes cooperatives de cures i en pot aportar l'experiència.",
  progress: "Hem fet la primera sessió oberta amb 14 persones de 9 entitats i hem acordat l'índex del mapa.",
  nextSteps: 'Recollir les dades de les cooperatives de cures de cada districte.',
};

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

describe('the space and its bodies in the browser, on the demo space', () => {
  let database: JourneyDatabase;
  let server: TestServer;
  let mailbox: Mailbox;
  let browser: Browser;
  /** Browsers kept open from one step to the next, each signed in as its person. */
  let steeringTab: WatchedPage;
  let proposerTab: WatchedPage;
  let secretariatTab: WatchedPage;
  /** The group's address, known once proposed. */
  let slug = '';
  /** The link in the coordinator's e-mail about the request to join. */
  let proposerLink = '';
  /** The addresses the visitor read, to read again on a phone. */
  const visited: string[] = [];

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

  /** A new browser (own cookies) with a Catalan locale and the given window width, under watch. */
  async function openBrowser(width = 1280): Promise<WatchedPage> {
    return watchPage(await newPage(browser, { viewport: { width, height: 900 } }));
  }


  /** A form field by its label as the catalog words it; optional fields' labels end in "(opcional)". */
  function field(page: Page, label: string, options: { optional?: boolean; locale?: Locale } = {}): Locator {
    const name = options.optional ? `${label} ${t(options.locale ?? 'ca', 'ui.form.optional')}` : label;
    return page.getByLabel(name, { exact: true });
  }

  /** Fills and sends the sign-in form on the page it is on. */
  async function signIn(tab: WatchedPage, email: string): Promise<void> {
    const { page } = tab;
    await expect(page.locator('h1').innerText()).resolves.toBe(t('ca', 'identity.sign_in.title'));
    await checkPage(tab);
    await field(page, t('ca', 'identity.fields.email')).fill(email);
    await field(page, t('ca', 'identity.fields.password')).fill(DEMO_PASSWORD);
    await press(page, t('ca', 'identity.sign_in.submit'));
  }

  /** Opens the site and signs in from the header's link; ends on "My space". */
  async function signedIn(email: string, name: string): Promise<WatchedPage> {
    const tab = await openBrowser();
    await tab.page.goto(`${server.url}/ca`);
    await opening(tab.page, () => tab.page.getByRole('banner').getByRole('link', { name: t('ca', 'ui.account.signIn') }).click());
    await signIn(tab, email);
    await tab.page.waitForURL('**/ca/me');
    await expect(tab.page.getByRole('banner').innerText()).resolves.toContain(name);
    await checkPage(tab);
    return tab;
  }

  /** Goes to a section of the site from the main navigation. */
  function navigate(page: Page, name: string): Promise<Response | null> {
    return opening(page, () => page.getByRole('navigation', { name: t('ca', 'ui.nav.main') }).getByRole('link', { name, exact: true }).click());
  }

  /** The text of the success banner a form leaves after it redirects. */
  function expectBanner(page: Page, message: string): Promise<void> {
    return expect(main(page).innerText()).resolves.toContain(message);
  }

  it('lets a visitor search the directory without accents, open an organisation, a delegate, the bodies and the plenary', async () => {
    const tab = await openBrowser();
    const { page } = tab;
    await page.goto(`${server.url}/ca`);
    await navigate(page, t('ca', 'directory.nav'));
    expect(pathOf(page)).toBe('/ca/organisations');
    await expect(page.locator('h1').innerText()).resolves.toBe(t('ca', 'directory.title'));
    await checkPage(tab);
    visited.push(pathOf(page));

    // A confederation, found by typing its name without the accent and narrowing by family.
    const search = page.getByRole('search', { name: t('ca', 'directory.filters.label') });
    await field(page, t('ca', 'directory.filters.q'), { optional: true }).fill(demo.ccc.search);
    await field(page, t('ca', 'directory.filters.family'), { optional: true }).selectOption({ label: t('ca', 'directory.families.cooperative') });
    await press(page, t('ca', 'directory.filters.submit'), search);
    expect(pathOf(page)).toContain(`q=${demo.ccc.search}`);
    expect(pathOf(page)).toContain('family=cooperative');
    await expect(main(page).getByRole('status').innerText()).resolves.toBe(t('ca', 'directory.count', { count: 1 }));
    const results = main(page).getByRole('table');
    await expect(results.getByRole('row').count()).resolves.toBe(2); // the header and one organisation
    await expect(results.innerText()).resolves.toContain(demo.ccc.name);
    // What was asked stays in the boxes.
    await expect(field(page, t('ca', 'directory.filters.q'), { optional: true }).inputValue()).resolves.toBe(demo.ccc.search);
    await checkPage(tab);
    visited.push(pathOf(page));

    await follow(page, demo.ccc.name, results);
    await expect(page.locator('h1').innerText()).resolves.toContain(demo.ccc.name);
    const organisation = await main(page).innerText();
    expect(organisation).toContain(t('ca', 'directory.organisation.member_of.title'));
    expect(organisation).toContain(demo.ccc.parent);
    expect(organisation).toContain(t('ca', 'directory.organisation.members.title'));
    expect(organisation).toContain(demo.fctc.name);
    expect(organisation).toContain(t('ca', 'directory.organisation.mandates.title'));
    for (const delegate of demo.ccc.delegates) expect(organisation).toContain(delegate);
    await checkPage(tab);
    visited.push(pathOf(page));

    // A delegate's public profile: their mandates and whom they represent, never a contact.
    const representatives = main(page).getByRole('table', { name: t('ca', 'directory.organisation.mandates.caption', { name: demo.ccc.shortName }) });
    await follow(page, demo.ccc.delegates[0], representatives.getByRole('row').filter({ hasText: demo.plenary.name }));
    expect(pathOf(page)).toMatch(/^\/ca\/people\/\d+$/);
    await expect(page.locator('h1').innerText()).resolves.toBe(demo.ccc.delegates[0]);
    const profile = await main(page).innerText();
    expect(profile).toContain(t('ca', 'mandates.profile.current_title'));
    expect(profile).toContain(demo.plenary.name);
    expect(profile).toContain(t('ca', 'mandates.profile.organisations_title'));
    expect(profile).toContain(demo.ccc.shortName);
    expect(profile).not.toContain('@');
    await checkPage(tab);
    visited.push(pathOf(page));

    // The tree of bodies, then the plenary's page.
    await navigate(page, t('ca', 'bodies.nav'));
    expect(pathOf(page)).toBe('/ca/bodies');
    await expect(page.locator('h1').innerText()).resolves.toBe(t('ca', 'bodies.tree.title'));
    await expect(main(page).innerText()).resolves.toContain(t('ca', 'bodies.tree.working_groups'));
    await checkPage(tab);
    visited.push(pathOf(page));

    await follow(page, demo.plenary.name);
    expect(pathOf(page)).toBe(`/ca/bodies/${demo.plenary.slug}`);
    await expect(page.locator('h1').innerText()).resolves.toBe(demo.plenary.name);
    const plenary = await main(page).innerText();
    for (const key of ['bodies.page.purpose', 'bodies.composition.title', 'bodies.composition.by_college', 'bodies.composition.by_organisation', 'bodies.members.title', 'bodies.tree.working_groups']) {
      expect(plenary, key).toContain(t('ca', key));
    }
    for (const delegate of demo.ccc.delegates) expect(plenary).toContain(delegate);
    // The demo's meetings and agreements (the meetings module's section); no documents yet, said
    // plainly; the secretariat's warnings are not for visitors.
    for (const key of ['meetings_module.body.title', 'meetings_module.body.upcoming', 'meetings_module.body.past', 'meetings_module.body.agreements']) {
      expect(plenary, key).toContain(t('ca', key));
    }
    expect(plenary).toContain(t('ca', 'bodies.page.no_documents'));
    expect(plenary).not.toContain(t('ca', 'bodies.composition.warnings_title'));
    await checkPage(tab);
    visited.push(pathOf(page));
    await page.context().close();
  });

  it('shows the same pages in Spanish on a 320 px wide phone, readable without scrolling sideways', async () => {
    const tab = await openBrowser(320);
    const { page } = tab;
    const titles: Record<string, string> = { '/organisations': 'directory.title', '/bodies': 'bodies.tree.title' };
    for (const path of visited) {
      const spanish = path.replace(/^\/ca/, '/es');
      const response = await page.goto(`${server.url}${spanish}`);
      expect(response?.status(), spanish).toBe(200);
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('es');
      const title = titles[spanish.slice(3)];
      const h1 = await page.locator('h1').innerText();
      if (title) expect(h1).toBe(t('es', title));
      else expect(h1.trim()).not.toBe('');
      await checkPage(tab);
      const { width, culprits } = await horizontalOverflow(page, 320);
      expect.soft(width, `page width of ${spanish}; sticking out:\n${culprits.join('\n')}`).toBeLessThanOrEqual(320);
    }
    await page.context().close();
  });

  it('lets a participant propose a working group with its charter, and tells the steering group', async () => {
    proposerTab = await signedIn(demo.proposer.email, demo.proposer.name);
    const { page } = proposerTab;
    await navigate(page, t('ca', 'bodies.nav'));
    await follow(page, t('ca', 'bodies.tree.propose'));
    expect(pathOf(page)).toBe('/ca/working-groups/new');
    await expect(page.locator('h1').innerText()).resolves.toBe(t('ca', 'workgroups.propose.title'));
    await checkPage(proposerTab);

    const since = mailbox.received.length;
    const sunset = addDays(spaceToday(), 180);
    await field(page, t('ca', 'workgroups.propose.fields.name')).fill(group.name);
    await field(page, t('ca', 'workgroups.propose.fields.purpose')).fill(group.purpose);
    await field(page, t('ca', 'workgroups.propose.fields.objectives')).fill(group.objectives);
    await field(page, t('ca', 'workgroups.propose.fields.method')).fill(group.method);
    await field(page, t('ca', 'workgroups.propose.fields.cadence')).fill(group.cadence);
    await field(page, t('ca', 'workgroups.propose.fields.deliverables')).fill(group.deliverables);
    await field(page, t('ca', 'workgroups.propose.fields.organisation_id'), { optional: true })
      .selectOption({ label: t('ca', 'workgroups.organisation_with_level', { name: demo.coopolis.name, level: demo.coopolis.level }) });

    // A sunset three years ahead is refused beside its box (24 months at most), and what was typed stays.
    const sunsetBox = field(page, t('ca', 'workgroups.propose.fields.sunset_on'));
    const latest = await sunsetBox.getAttribute('max');
    expect(latest).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await sunsetBox.fill(addDays(spaceToday(), 3 * 365));
    const tooFar = await press(page, t('ca', 'workgroups.propose.submit'));
    expect(tooFar?.status()).toBe(422);
    const tooFarMessage = t('ca', 'workgroups.errors.sunset_too_far', { latest: formatDate('ca', latest ?? '', 'long') });
    await expect(page.locator('[data-error-summary]').innerText()).resolves.toContain(tooFarMessage);
    await expect(page.locator('#field-sunset_on-error').innerText()).resolves.toContain(tooFarMessage);
    await expect(field(page, t('ca', 'workgroups.propose.fields.name')).inputValue()).resolves.toBe(group.name);
    await expect(field(page, t('ca', 'workgroups.propose.fields.deliverables')).inputValue()).resolves.toBe(group.deliverables);
    await checkPage(proposerTab);

    await sunsetBox.fill(sunset);
    await press(page, t('ca', 'workgroups.propose.submit'));

    expect(pathOf(page)).toMatch(/^\/ca\/bodies\/[a-z0-9-]+$/);
    slug = pathOf(page).split('/').pop() ?? '';
    await expect(page.locator('h1').innerText()).resolves.toBe(group.name);
    await expectBanner(page, t('ca', 'workgroups.propose.done', { name: group.name }));
    const proposed = await main(page).innerText();
    expect(proposed).toContain(t('ca', 'bodies.states.proposed'));
    expect(proposed).toContain(t('ca', 'bodies.next.proposed', { date: formatDate('ca', sunset, 'long') }));
    expect(proposed).toContain(group.objectives);
    await checkPage(proposerTab);

    // The steering group's chair reads of it in an e-mail that links to the decision.
    const mail = await mailbox.waitFor(demo.steering.email, { since, subject: t('ca', 'workgroups.emails.proposed.subject', { group: group.name }) });
    expect(mail.text).toContain(demo.proposer.name);
    const link = linkIn(mail, `${server.url}/ca/bodies/${slug}/decision`);

    steeringTab = await openBrowser();
    await steeringTab.page.goto(link);
    expect(pathOf(steeringTab.page)).toMatch(/^\/ca\/sign-in\?next=/);
    await signIn(steeringTab, demo.steering.email);
    expect(pathOf(steeringTab.page)).toBe(`/ca/bodies/${slug}/decision`);
  });

  it('lets the steering group approve it; its proposer becomes its coordinator', async () => {
    const { page } = steeringTab;
    await expect(page.locator('h1').innerText()).resolves.toBe(t('ca', 'workgroups.decision.title'));
    const proposal = await main(page).innerText();
    expect(proposal).toContain(t('ca', 'workgroups.decision.facts.proposer_for', { name: demo.proposer.name, organisation: demo.coopolis.name }));
    expect(proposal).toContain(group.deliverables);
    await checkPage(steeringTab);

    const since = mailbox.received.length;
    await page.getByRole('radio', { name: t('ca', 'workgroups.decision.approve'), exact: true }).check();
    await field(page, t('ca', 'workgroups.decision.fields.reason')).fill(group.decisionReason);
    await press(page, t('ca', 'workgroups.decision.submit'));

    expect(pathOf(page)).toBe(`/ca/bodies/${slug}`);
    await expectBanner(page, t('ca', 'workgroups.decision.approved', { name: group.name }));
    const active = await main(page).innerText();
    expect(active).toContain(t('ca', 'bodies.states.active'));
    expect(active).toContain(t('ca', 'bodies.decisions.actions.approved'));
    expect(active).toContain(group.decisionReason);
    const members = main(page).getByRole('row').filter({ hasText: demo.proposer.name });
    await expect(members.innerText()).resolves.toContain(t('ca', 'mandates.roles.coordinator'));
    await checkPage(steeringTab);

    await mailbox.waitFor(demo.proposer.email, { since, subject: t('ca', 'workgroups.emails.approved_coordinator.subject', { group: group.name }) });
  });

  it('lets a visitor ask to join the open group once signed in, for their federation', async () => {
    const tab = await openBrowser();
    const { page } = tab;
    await page.goto(`${server.url}/ca/bodies`);
    await follow(page, group.name);
    expect(pathOf(page)).toBe(`/ca/bodies/${slug}`);
    await expect(main(page).innerText()).resolves.toContain(t('ca', 'bodies.actions.open_group'));
    await checkPage(tab);

    await follow(page, t('ca', 'bodies.actions.sign_in_to_join'));
    await signIn(tab, demo.joiner.email);
    expect(pathOf(page)).toBe(`/ca/bodies/${slug}/join`);
    await expect(page.locator('h1').innerText()).resolves.toBe(t('ca', 'workgroups.join.title'));
    await checkPage(tab);

    const since = mailbox.received.length;
    await page.getByRole('radio', { name: t('ca', 'workgroups.join.as_organisation'), exact: true }).check();
    await field(page, t('ca', 'workgroups.join.fields.organisation_id'))
      .selectOption({ label: t('ca', 'workgroups.organisation_with_level', { name: demo.fctc.name, level: demo.fctc.level }) });
    await field(page, t('ca', 'workgroups.join.fields.statement')).fill(group.joinStatement);
    await press(page, t('ca', 'workgroups.join.submit'));

    expect(pathOf(page)).toBe(`/ca/bodies/${slug}/join`);
    await expect(page.locator('h1').innerText()).resolves.toBe(t('ca', 'workgroups.join.pending_title'));
    await expectBanner(page, t('ca', 'workgroups.join.done'));
    await expect(main(page).innerText()).resolves.toContain(t('ca', 'workgroups.join_requests.for_organisation', { organisation: demo.fctc.name }));
    await checkPage(tab);
    await page.context().close();

    const mail = await mailbox.waitFor(demo.proposer.email, { since, subject: t('ca', 'workgroups.emails.join_requested.subject', { person: demo.joiner.name, group: group.name }) });
    proposerLink = linkIn(mail, `${server.url}/ca/bodies/${slug}/join-requests`);
  });

  it('lets the coordinator accept the request from the e-mail; the new member is told and listed', async () => {
    const { page } = proposerTab;
    await page.goto(proposerLink);
    await expect(page.locator('h1').innerText()).resolves.toBe(t('ca', 'workgroups.join_requests.title'));
    const request = main(page).getByRole('region', { name: demo.joiner.name, exact: true });
    await expect(request.innerText()).resolves.toContain(group.joinStatement);
    await checkPage(proposerTab);

    const since = mailbox.received.length;
    await press(page, t('ca', 'workgroups.join_requests.accept'), request);
    expect(pathOf(page)).toBe(`/ca/bodies/${slug}/join-requests`);
    await expectBanner(page, t('ca', 'workgroups.join_requests.accepted', { name: demo.joiner.name }));
    await expect(main(page).innerText()).resolves.toContain(t('ca', 'workgroups.join_requests.empty_title'));
    await checkPage(proposerTab);

    const mail = await mailbox.waitFor(demo.joiner.email, { since, subject: t('ca', 'workgroups.emails.join_accepted.subject', { group: group.name }) });
    const tab = await openBrowser();
    await tab.page.goto(linkIn(mail, `${server.url}/ca/bodies/${slug}`));
    const member = main(tab.page).getByRole('row').filter({ hasText: demo.joiner.name });
    await expect(member.innerText()).resolves.toContain(demo.fctc.shortName);
    await checkPage(tab);
    await tab.page.context().close();
  });

  it('lets the coordinator file a report, which the group shows', async () => {
    const { page } = proposerTab;
    await page.goto(`${server.url}/ca/bodies/${slug}`);
    await follow(page, t('ca', 'bodies.actions.new_report'));
    expect(pathOf(page)).toBe(`/ca/bodies/${slug}/reports/new`);
    await expect(page.locator('h1').innerText()).resolves.toBe(t('ca', 'workgroups.reports.new_title'));
    // The period is suggested: from the group's start, today, to today.
    const today = spaceToday();
    await expect(field(page, t('ca', 'workgroups.reports.fields.period_start')).inputValue()).resolves.toBe(today);
    await expect(field(page, t('ca', 'workgroups.reports.fields.period_end')).inputValue()).resolves.toBe(today);
    await checkPage(proposerTab);

    await field(page, t('ca', 'workgroups.reports.fields.progress')).fill(group.progress);
    await field(page, t('ca', 'workgroups.reports.fields.next_steps'), { optional: true }).fill(group.nextSteps);
    await press(page, t('ca', 'workgroups.reports.submit'));

    expect(pathOf(page)).toBe(`/ca/bodies/${slug}/reports`);
    await expectBanner(page, t('ca', 'workgroups.reports.filed'));
    const reports = await main(page).innerText();
    expect(reports).toContain(t('ca', 'workgroups.reports.count', { count: 1 }));
    expect(reports).toContain(group.progress);
    expect(reports).toContain(group.nextSteps);
    expect(reports).toContain(t('ca', 'workgroups.reports.no_blockers'));
    expect(reports).toContain(t('ca', 'workgroups.reports.submitted_by', { name: demo.proposer.name, date: formatDate('ca', today, 'long') }));
    await checkPage(proposerTab);
    await page.context().close();
  });

  it("shows the group, its two members and today's report on the steering group's follow-up page", async () => {
    const { page } = steeringTab;
    await page.goto(`${server.url}/ca/bodies/${demo.steeringGroup.slug}`);
    await follow(page, t('ca', 'bodies.actions.follow_up'));
    expect(pathOf(page)).toBe('/ca/follow-up');
    await expect(page.locator('h1').innerText()).resolves.toBe(t('ca', 'workgroups.follow_up.title'));
    await checkPage(steeringTab);

    const table = main(page).getByRole('table', { name: t('ca', 'workgroups.follow_up.caption') });
    const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: group.name, exact: true }) });
    await expect(row.count()).resolves.toBe(1);
    // state, members, sunset, last report, overdue, pending requests, attention
    const cells = await row.getByRole('cell').allInnerTexts();
    expect(cells[0]).toContain(t('ca', 'workgroups.states.active'));
    expect(cells[1]?.trim()).toBe('2');
    expect(cells[3]?.trim()).toBe(formatDate('ca', spaceToday(), 'short'));
    expect(cells[5]?.trim()).toBe('0');

    // Sorted by the last report, newest first (a second click turns the order), the group comes first.
    const sortByLastReport = () => opening(page, () => table.getByRole('link').filter({ hasText: t('ca', 'workgroups.follow_up.columns.last_report') }).click());
    await sortByLastReport();
    await sortByLastReport();
    expect(pathOf(page)).toBe('/ca/follow-up?sort=last_report&dir=desc');
    await expect(table.getByRole('rowheader').first().innerText()).resolves.toBe(group.name);
    await checkPage(steeringTab);
  });

  it('shows the follow-up page on a 320 px wide phone without scrolling sideways: the table scrolls in its own box', async () => {
    const { page } = steeringTab;
    await page.setViewportSize({ width: 320, height: 640 });
    await page.reload();
    await expect(page.locator('h1').innerText()).resolves.toBe(t('ca', 'workgroups.follow_up.title'));
    await checkPage(steeringTab);
    const { width, culprits } = await horizontalOverflow(page, 320);
    expect(width, `page width of ${pathOf(page)}; sticking out:\n${culprits.join('\n')}`).toBeLessThanOrEqual(320);
    await page.context().close();
  });

  it('refuses the secretariat a third delegate of a representative entity in the plenary, naming the rule and who holds the seats, and changes nothing', async () => {
    // The secretariat is an administrator: on the first sign-in, two-step verification comes first.
    secretariatTab = await openBrowser();
    const tab = secretariatTab;
    const { page } = tab;
    await page.goto(`${server.url}/ca/sign-in`);
    await signIn(tab, demo.secretariat.email);
    await page.waitForURL('**/ca/account/two-factor?required=1');
    await expect(main(page).innerText()).resolves.toContain(t('ca', 'identity.enrol.required_title'));
    await checkPage(tab);
    const secret = (await main(page).locator('code').first().innerText()).replace(/\s+/g, '');
    await field(page, t('ca', 'identity.two_factor.code_label')).fill(currentTotpCode(secret));
    await press(page, t('ca', 'identity.enrol.submit'));
    await expect(page.locator('h1').innerText()).resolves.toBe(t('ca', 'identity.enrol.codes_title'));
    await follow(page, t('ca', 'identity.enrol.codes_saved'));
    await page.waitForURL('**/ca/me');

    await page.goto(`${server.url}/ca/bodies/${demo.plenary.slug}`);
    await follow(page, t('ca', 'bodies.actions.mandates'));
    expect(pathOf(page)).toBe(`/ca/bodies/${demo.plenary.slug}/mandates`);
    const before = await main(page).innerText();
    expect(before).toContain(t('ca', 'mandates.list.seats_rule', { count: 2 }));
    // "N members with a seat": the largest N the page says (so 44 is not read as 4).
    const seated = Array.from({ length: 500 }, (_, i) => t('ca', 'mandates.list.members', { count: 500 - i })).find((words) => before.includes(words)) ?? '';
    expect(seated).not.toBe('');
    expect(before).not.toContain(demo.candidate.name);
    await checkPage(tab);

    await follow(page, t('ca', 'mandates.list.add'));
    await expect(page.locator('h1').innerText()).resolves.toBe(t('ca', 'mandates.new.title'));
    await checkPage(tab);
    // The search form is labelled by its question too: the box is the one to type in.
    await main(page).getByRole('searchbox', { name: t('ca', 'mandates.new.search.label'), exact: true }).fill(demo.candidate.search);
    await press(page, t('ca', 'mandates.new.search.submit'), main(page).getByRole('search'));
    await follow(page, `${t('ca', 'mandates.new.search.choose')} ${demo.candidate.name}`);
    await expect(main(page).innerText()).resolves.toContain(demo.candidate.name);
    await checkPage(tab);

    await page.getByRole('radio', { name: t('ca', 'mandates.colleges.entity'), exact: true }).check();
    const organisation = field(page, t('ca', 'mandates.new.form.organisation'), { optional: true });
    await organisation.selectOption({ label: `${demo.ccc.shortName} — ${demo.ccc.name}` });
    const chosen = await organisation.inputValue();
    const refused = await press(page, t('ca', 'mandates.new.form.submit'));

    expect(refused?.status()).toBe(409);
    const refusals = [demo.ccc.delegates, [...demo.ccc.delegates].reverse()].map((holders) =>
      t('ca', 'mandates.errors.seats_full', {
        body: demo.plenary.name,
        count: 2,
        organisation: demo.ccc.shortName,
        holders: new Intl.ListFormat('ca', { type: 'conjunction' }).format(holders),
      }));
    const summary = await page.locator('[data-error-summary]').innerText();
    expect(refusals.some((message) => summary.includes(message)), `the error summary says one of:\n${refusals.join('\n')}\nbut reads:\n${summary}`).toBe(true);
    const beside = await page.locator('#field-organisation_id-error').innerText();
    expect(refusals.some((message) => beside.includes(message))).toBe(true);
    // What was chosen stays chosen, to change it.
    await expect(organisation.inputValue()).resolves.toBe(chosen);
    await expect(page.getByRole('radio', { name: t('ca', 'mandates.colleges.entity'), exact: true }).isChecked()).resolves.toBe(true);
    await checkPage(tab);

    // Nothing changed: the same seats, and the candidate sits nowhere.
    await follow(page, t('ca', 'mandates.new.form.cancel'));
    const after = await main(page).innerText();
    expect(after).toContain(seated);
    expect(after).not.toContain(demo.candidate.name);
    await checkPage(tab);
    await page.goto(`${server.url}/ca/bodies/${demo.plenary.slug}`);
    await expect(main(page).innerText()).resolves.not.toContain(demo.candidate.name);
  });

  it("shows the secretariat's mandates pages on a 320 px wide phone without scrolling sideways", async () => {
    const { page } = secretariatTab;
    await page.setViewportSize({ width: 320, height: 640 });
    for (const path of [`/ca/bodies/${demo.plenary.slug}/mandates`, `/ca/bodies/${demo.plenary.slug}/mandates/new?q=${demo.candidate.search}`]) {
      const response = await page.goto(`${server.url}${path}`);
      expect(response?.status(), path).toBe(200);
      await checkPage(secretariatTab);
      const { width, culprits } = await horizontalOverflow(page, 320);
      expect.soft(width, `page width of ${path}; sticking out:\n${culprits.join('\n')}`).toBeLessThanOrEqual(320);
    }
    await page.context().close();
  });
});
