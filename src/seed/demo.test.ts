/** The demo space: real organisations, fictitious people with each role, all idempotent. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.js';
import { listOrganisations } from '../modules/directory/index.js';
import { DEMO_RECOGNITION_DATE, parseOrganisationsCsv } from '../modules/directory/seed.js';
import { DEMO_PEOPLE } from '../modules/identity/seed.js';
import { seedDemo } from './demo.js';
import { describeDemoAccounts, prepareFirstStart } from './first-start.js';

const DEMO_PASSWORD = 'a demo password for tests';

describe('the demo space', () => {
  let app: TestApp;
  let accounts: Awaited<ReturnType<typeof seedDemo>>;

  beforeAll(async () => {
    app = await createTestApp({ TEIXIT_DEMO_PASSWORD: DEMO_PASSWORD });
    accounts = await seedDemo(app.services);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('holds every organisation of the seed file with its level, families and recognition', async () => {
    const organisations = await listOrganisations(app.services.database.db);
    expect(organisations).toHaveLength(33);
    const xes = organisations.find((o) => o.short_name === 'XES');
    expect(xes).toMatchObject({ name: "Xarxa d'Economia Solidària de Catalunya", kind: 'entity', level: 2, families: ['network', 'solidarity_economy'], representative_since: DEMO_RECOGNITION_DATE });
    const council = organisations.find((o) => o.short_name === 'Comissionat ESS');
    expect(council).toMatchObject({ kind: 'administration', level: null, representative_since: null, member_of: [] });
    expect(organisations.find((o) => o.short_name === 'Coòpolis')?.representative_since).toBeNull();
  });

  it('links each organisation to the federations it is a member of, by short name', async () => {
    const organisations = await listOrganisations(app.services.database.db);
    const idOf = (shortName: string) => organisations.find((o) => o.short_name === shortName)?.id;
    const ciutatInvisible = organisations.find((o) => o.short_name === 'La Ciutat Invisible');
    expect(ciutatInvisible?.member_of.sort()).toEqual([idOf('FCTC'), idOf('XES')].sort());
    expect(organisations.find((o) => o.short_name === 'CCC')?.member_of).toEqual([idOf('AESCAT')]);
    const links = organisations.reduce((n, o) => n + o.member_of.length, 0);
    expect(links).toBe(26);
  });

  it('has fictitious people for each role, and prints them with the shared password', () => {
    // The identity seed's people first, then the working groups' coordinators the bodies seed adds.
    expect(accounts.map((a) => a.email)).toEqual([...DEMO_PEOPLE.map((p) => p.email), 'julia.pons@demo.teixit.cat', 'carme.llobet@demo.teixit.cat']);
    expect(accounts.find((a) => a.email === 'admin@demo.teixit.cat')?.role).toMatch(/^admin/);
    expect(accounts.find((a) => a.email === 'tecnica@demo.teixit.cat')?.role).toMatch(/^official/);
    expect(accounts.filter((a) => a.role.startsWith('participant')).length).toBeGreaterThanOrEqual(3);
    const text = describeDemoAccounts(accounts, DEMO_PASSWORD, 'http://localhost:3000');
    expect(text).toContain(`all with the password: ${DEMO_PASSWORD}`);
    expect(text).toContain('tecnica@demo.teixit.cat');
    expect(text).toMatch(/two-factor authentication: on their first sign-in/);
  });

  it('lets a participant sign in with the demo password', async () => {
    const agent = app.agent();
    const response = await agent.post('/ca/sign-in', { email: 'jordi.casals@demo.teixit.cat', password: DEMO_PASSWORD });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).not.toContain('two-factor');
  });

  it('sends the demo administrator to enrol in two-factor authentication on first sign-in', async () => {
    const agent = app.agent();
    const response = await agent.post('/ca/sign-in', { email: 'admin@demo.teixit.cat', password: DEMO_PASSWORD });
    expect(response.status).toBe(303);
    const next = await agent.get('/ca');
    expect(next.status).toBe(303);
    expect(next.headers.get('location')).toBe('/ca/account/two-factor?required=1');
  });

  it('loads nothing twice when run again', async () => {
    const db = app.services.database.db;
    const count = async () => ({
      users: Number((await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
      organisations: Number((await db.selectFrom('organisations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
      links: Number((await db.selectFrom('organisation_links').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n),
    });
    const before = await count();
    const again = await seedDemo(app.services);
    expect(await count()).toEqual(before);
    expect(again.map((a) => a.email)).toEqual(accounts.map((a) => a.email));
  });

  it('does nothing at a later start, once there are accounts', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await prepareFirstStart(app.services);
      expect(log).not.toHaveBeenCalled();
    } finally {
      log.mockRestore();
    }
  });
});

describe('the first start of an empty database', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ TEIXIT_DEMO_PASSWORD: DEMO_PASSWORD });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('on a server database prints a first-admin link and loads no demo by itself', async () => {
    const services = { ...app.services, database: { ...app.services.database, kind: 'postgres' as const } };
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await prepareFirstStart(services);
      expect(String(log.mock.calls[0]?.[0])).toMatch(/Create the first administrator here.*\n\n {2}http:\/\/localhost\/ca\/setup\/[\w-]+/s);
    } finally {
      log.mockRestore();
    }
    const users = await app.services.database.db.selectFrom('users').select('id').execute();
    expect(users).toHaveLength(0);
  });

  it('on a new embedded database loads the demo and prints its accounts', async () => {
    const services = { ...app.services, database: { ...app.services.database, kind: 'pglite' as const } };
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await prepareFirstStart(services);
      expect(String(log.mock.calls[0]?.[0])).toContain('admin@demo.teixit.cat');
    } finally {
      log.mockRestore();
    }
    expect(await listOrganisations(app.services.database.db)).toHaveLength(33);
  });
});

describe('the organisations seed file', () => {
  const header = 'name,short_name,kind,level,families,member_of,representative\n';

  it('refuses a member_of that does not go to a higher level', () => {
    const csv = `${header}Federació A,FA,entity,2,cooperative,,yes\nCooperativa B,CB,entity,2,cooperative,FA,\n`;
    expect(() => parseOrganisationsCsv(csv)).toThrow('line 3: CB cannot be a member of FA: member_of goes to a higher level');
  });

  it('refuses a member_of naming an organisation that is not in the file', () => {
    const csv = `${header}Cooperativa B,CB,entity,1,cooperative,FX,\n`;
    expect(() => parseOrganisationsCsv(csv)).toThrow('line 2: member_of "FX" is not an organisation of the file');
  });

  it('refuses a level on a council unit and a missing level on an entity', () => {
    expect(() => parseOrganisationsCsv(`${header}Ajuntament,AJ,administration,2,public_administration,,\n`)).toThrow('has no level');
    expect(() => parseOrganisationsCsv(`${header}Entitat,EN,entity,,association,,\n`)).toThrow("an entity's level is 1, 2, 3 or 4");
  });
});
