/**
 * The CSV import of organisations, through the upload form as an administrator or official
 * uses it: idempotent, all or nothing unless asked to skip bad rows, the member_of rules on the
 * directory as it would be, a report with line numbers and reasons, one audit entry, and a fixed
 * number of statements whatever the number of rows.
 */
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countQueries } from '../../db/connect.js';
import { translate } from '../../kernel/i18n/index.js';
import { createTestApp, type Agent, type TestApp } from '../../../test/support/app.js';
import { browserFor, createPersona, type Persona } from '../../../test/support/personas.js';
import { CSV_COLUMNS } from './csv-export.js';
import { MAX_CSV_ROWS } from './csv-import-read.js';
import { linkProblemMessage, type LinkProblemReason } from './rules.js';
import { listOrganisations } from './store.js';
import type { OrganisationLevel } from './tables.js';

let app: TestApp;
let admin: Persona;
let official: Persona;
let participant: Persona;
let browser: Agent;

beforeAll(async () => {
  // A request limit above the import's own, so the import's limits are the ones tested here;
  // and no limit on writes, which the generated files below would reach.
  app = await createTestApp({ TEIXIT_BODY_LIMIT: String(8 * 1024 * 1024), TEIXIT_WRITE_LIMIT: '100000000' });
  admin = await createPersona(app, 'admin');
  official = await createPersona(app, 'official');
  participant = await createPersona(app, 'participant');
  browser = await browserFor(app, admin);
});
afterAll(() => app?.close());

const db = () => app.services.database.db;

interface UploadOptions {
  skip?: boolean;
  dryRun?: boolean;
  locale?: string;
  name?: string;
  as?: Agent;
}

/** Posts the upload form as the browser does: multipart, with the CSRF field and the ticked options. */
async function upload(content: string | Uint8Array, options: UploadOptions = {}): Promise<{ status: number; html: string }> {
  const agent = options.as ?? browser;
  const form = new FormData();
  form.append('_csrf', agent.csrfToken());
  form.append('file', new Blob([content], { type: 'text/csv' }), options.name ?? 'organisations.csv');
  if (options.skip) form.append('options', 'skip_invalid');
  if (options.dryRun) form.append('options', 'dry_run');
  const response = await agent.request('POST', `/${options.locale ?? 'en'}/organisations/import`, { body: form });
  return { status: response.status, html: await response.text() };
}

/** The whole directory, to compare before and after a refused import. */
async function directoryState(): Promise<string> {
  const rows = await listOrganisations(db());
  return JSON.stringify(rows.map(({ created_at: _c, updated_at: _u, ...rest }) => rest));
}

async function auditCount(): Promise<number> {
  const rows = await db().selectFrom('audit_log').select('id').where('action', '=', 'directory.organisations.import').execute();
  return rows.length;
}

async function organisationNamed(shortName: string) {
  return (await listOrganisations(db())).find((o) => o.short_name === shortName);
}

/** The page's main content as the report shows it (apostrophes and quotes are escaped in HTML). */
const text = (html: string) =>
  (/<main[\s\S]*<\/main>/.exec(html)?.[0] ?? html).replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');

/** The link rules' own message, as rules.ts words it. */
const linkMessage = (child: [string, number | null], parent: [string, number | null], reason: LinkProblemReason) =>
  linkProblemMessage(
    'en',
    { name: child[0], kind: child[1] === null ? 'administration' : 'entity', level: child[1] as OrganisationLevel | null },
    { name: parent[0], kind: parent[1] === null ? 'administration' : 'entity', level: parent[1] as OrganisationLevel | null },
    reason,
  );

const en = (key: string, params?: Record<string, string | number>) => translate('en', key, params);

const FEDERATIONS = [
  'external_id,name,short_name,kind,level,families,member_of,representative_since,district,website,description_ca,description_es,description_en',
  // The member comes before its federation: the file's order does not matter.
  'R-1,Cooperativa Prova Ú,PROVA1,entity,1,cooperative,FEDPROVA,,sant_marti,https://prova1.example.org,Una cooperativa de prova,,',
  'R-2,Federació de Prova,FEDPROVA,entity,2,cooperative;network,CONFPROVA,2022-03-10,,,"Federació, amb coma",Federación,Federation',
  'R-3,Confederació de Prova,CONFPROVA,entity,3,network,,2021-01-01,,,,,',
  'R-4,Unitat Municipal de Prova,UMPROVA,administration,,public_administration,,,,,,,',
].join('\n');

describe('who may import', () => {
  it('sends visitors to sign in and refuses participants; administrators and officials see the form', async () => {
    const visitor = app.agent();
    const get = await visitor.get('/ca/organisations/import');
    expect(get.status).toBe(303);
    expect(get.headers.get('location')).toMatch(/^\/ca\/sign-in\?next=/);
    expect((await upload(FEDERATIONS, { as: visitor })).status).toBe(401);

    const person = await browserFor(app, participant);
    expect((await person.get('/ca/organisations/import')).status).toBe(403);
    expect((await upload(FEDERATIONS, { as: person })).status).toBe(403);
    expect(await organisationNamed('PROVA1')).toBeUndefined();

    const page = await (await browserFor(app, official)).get('/ca/organisations/import');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('enctype="multipart/form-data"');
    expect(html).toContain('href="/ca/organisations/export.csv"');
    expect(html).toContain('<code>member_of</code>');
  });
});

describe('importing a file', () => {
  it('creates the organisations with their fields and member_of links, reports it and audits it once', async () => {
    const before = await auditCount();
    const { status, html } = await upload(FEDERATIONS, { name: 'federacions.csv' });
    expect(status).toBe(200);
    expect(text(html)).toContain(en('directory_csv.report.outcome.applied.title'));
    expect(text(html)).toContain(en('directory_csv.report.outcome.applied.body', { created: 4, updated: 0, unchanged: 0 }));

    const member = await organisationNamed('PROVA1');
    const federation = await organisationNamed('FEDPROVA');
    const confederation = await organisationNamed('CONFPROVA');
    const council = await organisationNamed('UMPROVA');
    expect(member).toMatchObject({ name: 'Cooperativa Prova Ú', kind: 'entity', level: 1, families: ['cooperative'], district: 'sant_marti', website: 'https://prova1.example.org', external_id: 'R-1', member_of: [federation?.id] });
    expect(member?.description).toEqual({ ca: 'Una cooperativa de prova' });
    expect(federation).toMatchObject({ level: 2, families: ['cooperative', 'network'], representative_since: '2022-03-10', member_of: [confederation?.id] });
    expect(federation?.description).toEqual({ ca: 'Federació, amb coma', es: 'Federación', en: 'Federation' });
    expect(council).toMatchObject({ kind: 'administration', level: null, member_of: [] });

    expect(await auditCount()).toBe(before + 1);
    const entry = await db().selectFrom('audit_log').selectAll().where('action', '=', 'directory.organisations.import').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(entry.actor_id).toBe(admin.user?.id);
    expect(entry.after).toMatchObject({
      file: { name: 'federacions.csv', rows: 4 },
      mode: 'all_or_nothing',
      counts: { created: 4, updated: 0, unchanged: 0, rejected: 0 },
    });
    expect((entry.after as { file: { sha256: string } }).file.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((entry.after as { created_ids: number[] }).created_ids).toHaveLength(4);
  });

  it('changes nothing when the same file is imported again, and says so', async () => {
    const state = await directoryState();
    const audits = await auditCount();
    const { status, html } = await upload(FEDERATIONS);
    expect(status).toBe(200);
    expect(text(html)).toContain(en('directory_csv.report.outcome.nothing_to_do.title'));
    expect(text(html)).toContain(en('directory_csv.report.outcome.nothing_to_do.body', { unchanged: 4 }));
    expect(await directoryState()).toBe(state);
    expect(await auditCount()).toBe(audits);
  });

  it('matches rows by name, accents and capitals aside, when they have no external id', async () => {
    const state = await directoryState();
    const { html } = await upload('name,short_name,kind,level\ncooperativa prova u,PROVA1,entity,1\n');
    // The name differs in accents and capitals only: the same organisation, renamed as written.
    expect(text(html)).toContain(en('directory_csv.report.outcome.applied.body', { created: 0, updated: 1, unchanged: 0 }));
    expect((await organisationNamed('PROVA1'))?.name).toBe('cooperativa prova u');
    expect(await directoryState()).not.toBe(state);
    await upload('name,short_name,kind,level\nCooperativa Prova Ú,PROVA1,entity,1\n');
  });

  it('leaves the fields of absent columns as they are, and empties those of empty cells', async () => {
    await upload('name,short_name,kind,website\nCooperativa Prova Ú,PROVA1,entity,\n');
    const member = await organisationNamed('PROVA1');
    expect(member?.website).toBeNull();
    expect(member?.description).toEqual({ ca: 'Una cooperativa de prova' });
    expect(member?.district).toBe('sant_marti');
    expect(member?.member_of).toHaveLength(1);
    await upload('name,short_name,kind,website\nCooperativa Prova Ú,PROVA1,entity,https://prova1.example.org\n');
  });

  it('updates by external id: a new name and short name change the same organisation, creating none', async () => {
    const id = (await organisationNamed('PROVA1'))?.id;
    const count = (await listOrganisations(db())).length;
    const { html } = await upload('external_id,name,short_name,kind,level\nR-1,Cooperativa Reanomenada,PROVA1B,entity,1\n');
    expect(text(html)).toContain(en('directory_csv.report.outcome.applied.body', { created: 0, updated: 1, unchanged: 0 }));
    expect(text(html)).toContain('name, short name');
    const renamed = await organisationNamed('PROVA1B');
    expect(renamed).toMatchObject({ id, name: 'Cooperativa Reanomenada', external_id: 'R-1' });
    expect((await listOrganisations(db())).length).toBe(count);
  });

  it('gives an external id to an organisation found by name that has none, and refuses one whose name has another', async () => {
    await upload('name,short_name,kind,level\nAteneu Sense Id,ASID,entity,1\n');
    const { html } = await upload('external_id,name,short_name,kind,level\nR-9,Ateneu Sense Id,ASID,entity,1\n');
    expect(text(html)).toContain(en('directory_csv.report.outcome.applied.body', { created: 0, updated: 1, unchanged: 0 }));
    expect((await organisationNamed('ASID'))?.external_id).toBe('R-9');

    const state = await directoryState();
    const refused = await upload('external_id,name,short_name,kind,level\nR-10,Ateneu Sense Id,ASID,entity,1\n');
    expect(refused.status).toBe(422);
    expect(text(refused.html)).toContain(en('directory_csv.rows.name_has_other_external_id', { name: 'Ateneu Sense Id', external_id: 'R-9' }));
    expect(await directoryState()).toBe(state);
  });

  it('checks only, changing nothing, when asked to', async () => {
    const state = await directoryState();
    const audits = await auditCount();
    const file = 'name,short_name,kind,level,website\nNova en Prova,NOVAP,entity,1,\nCooperativa Reanomenada,PROVA1B,entity,1,https://nova.example.org\nMal,MAL,entity,9,\n';
    const { status, html } = await upload(file, { dryRun: true });
    expect(status).toBe(200);
    expect(text(html)).toContain(en('directory_csv.report.outcome.checked.title'));
    expect(text(html)).toContain(en('directory_csv.report.outcome.checked.body', { created: 1, updated: 1, unchanged: 0 }));
    expect(text(html)).toContain(en('directory_csv.report.created_list_would', { count: 1 }));
    expect(await directoryState()).toBe(state);
    expect(await auditCount()).toBe(audits);
  });

  it('answers in the language of the page', async () => {
    const { html } = await upload('name,short_name,kind,level\nMal,MAL,entitat,1\n', { locale: 'es' });
    expect(text(html)).toContain(translate('es', 'directory_csv.report.outcome.stopped.title'));
    expect(text(html)).toContain(translate('es', 'directory_csv.rows.kind_invalid', { value: 'entitat' }));
  });
});

describe('all or nothing', () => {
  const MIXED = ['name,short_name,kind,level,member_of', 'Bona U,BONA1,entity,1,', 'Bona Dos,BONA2,entity,1,FEDPROVA', 'Dolenta,DOLENTA,entity,5,', 'Bona Tres,BONA3,entity,2,CONFPROVA'].join('\n');

  it('changes nothing when one row has a problem, and names its line and reason', async () => {
    const state = await directoryState();
    const audits = await auditCount();
    const { status, html } = await upload(MIXED);
    expect(status).toBe(422);
    const page = text(html);
    expect(page).toContain(en('directory_csv.report.outcome.stopped.title'));
    expect(page).toContain(en('directory_csv.report.outcome.stopped.body', { count: 1 }));
    expect(page).toContain(en('directory_csv.report.outcome.stopped.hint', { valid: 3 }));
    expect(page).toMatch(/<td class="table__cell table__cell--numeric">4<\/td><td class="table__cell">Dolenta/);
    expect(page).toContain(`<code>level</code>: ${en('directory.form.errors.level_invalid')}`);
    expect(await directoryState()).toBe(state);
    expect(await auditCount()).toBe(audits);
  });

  it('imports the good rows and reports the bad one when asked to skip bad rows', async () => {
    const { status, html } = await upload(MIXED, { skip: true });
    expect(status).toBe(200);
    expect(text(html)).toContain(en('directory_csv.report.outcome.applied.body', { created: 3, updated: 0, unchanged: 0 }));
    expect(text(html)).toContain(en('directory_csv.report.outcome.applied.skipped', { count: 1 }));
    expect(await organisationNamed('BONA2')).toMatchObject({ member_of: [(await organisationNamed('FEDPROVA'))?.id] });
    expect(await organisationNamed('DOLENTA')).toBeUndefined();
    const entry = await db().selectFrom('audit_log').select('after').where('action', '=', 'directory.organisations.import').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(entry.after).toMatchObject({ mode: 'skip_invalid', counts: { created: 3, rejected: 1 } });
  });

  it('leaves out, when skipping, the rows that need a row that was left out', async () => {
    const file = ['name,short_name,kind,level,member_of', 'Fed Dolenta,FEDDOL,entity,2,NOEXISTEIX', 'Membre de la Dolenta,MEMDOL,entity,1,FEDDOL', 'Independent,INDEP,entity,1,'].join('\n');
    const { html } = await upload(file, { skip: true });
    const page = text(html);
    expect(page).toContain(en('directory_csv.rows.parent_unknown', { short_name: 'NOEXISTEIX' }));
    expect(page).toContain(en('directory_csv.rows.parent_rejected', { short_name: 'FEDDOL', line: 2 }));
    expect(await organisationNamed('MEMDOL')).toBeUndefined();
    expect(await organisationNamed('INDEP')).toBeDefined();
  });

  it('lists the first 500 rows with problems and counts the rest, so the page stays light', async () => {
    const file = ['name,short_name,kind,level', ...Array.from({ length: 600 }, (_, i) => `Nivell Dolent ${i},ND${i},entity,0`)].join('\n');
    const { status, html } = await upload(file);
    expect(status).toBe(422);
    const page = text(html);
    expect(page).toContain(en('directory_csv.report.rejected_caption', { count: 600 }));
    expect(page).toContain(en('directory_csv.report.more_rejected', { count: 100, listed: 500 }));
    expect(page.match(/<code>level<\/code>: /g)).toHaveLength(500);
  });

  it('imports nothing, and says so, when every row is bad even with skipping', async () => {
    const state = await directoryState();
    const { status, html } = await upload('name,short_name,kind,level\nX,,entity,1\n', { skip: true });
    expect(status).toBe(422);
    expect(text(html)).toContain(en('directory_csv.report.outcome.nothing_valid.title'));
    expect(await directoryState()).toBe(state);
  });
});

describe('one transaction', () => {
  it('leaves nothing half done when the database fails between the organisations and their links', async () => {
    const state = await directoryState();
    const audits = await auditCount();
    // A failure no check can foresee, in the last write of the import.
    await sql`CREATE FUNCTION h2_refuse_link() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk on fire'; END $$`.execute(db());
    await sql`CREATE TRIGGER h2_refuse_link BEFORE INSERT ON organisation_links FOR EACH ROW EXECUTE FUNCTION h2_refuse_link()`.execute(db());
    try {
      const { status } = await upload('name,short_name,kind,level,member_of\nMig Feta,MIGFETA,entity,1,FEDPROVA\n');
      expect(status).toBe(500);
    } finally {
      await sql`DROP TRIGGER h2_refuse_link ON organisation_links`.execute(db());
      await sql`DROP FUNCTION h2_refuse_link()`.execute(db());
    }
    expect(await organisationNamed('MIGFETA')).toBeUndefined();
    expect(await directoryState()).toBe(state);
    expect(await auditCount()).toBe(audits);
  });
});

describe('the member_of rules', () => {
  async function problemsOf(file: string): Promise<string> {
    const state = await directoryState();
    const { status, html } = await upload(file);
    expect(status).toBe(422);
    expect(await directoryState()).toBe(state);
    return text(html);
  }

  it('refuses a link to an equal or lower level, naming both organisations', async () => {
    const page = await problemsOf('name,short_name,kind,level,member_of\nIgual,IGUAL,entity,1,BONA1\n');
    expect(page).toContain(`<code>member_of</code>: ${linkMessage(['Igual', 1], ['Bona U', 1], 'not_higher')}`);
  });

  it('refuses a circle made inside the file', async () => {
    const page = await problemsOf('name,short_name,kind,level,member_of\nCercle A,CERA,entity,2,CERB\nCercle B,CERB,entity,3,CERA\n');
    expect(page).toContain(linkMessage(['Cercle A', 2], ['Cercle B', 3], 'cycle'));
    expect(page).toContain(linkMessage(['Cercle B', 3], ['Cercle A', 2], 'cycle'));
  });

  it('refuses a short name that is neither in the file nor in the directory', async () => {
    const page = await problemsOf('name,short_name,kind,level,member_of\nOrfe,ORFE,entity,1,FANTASMA\n');
    expect(page).toContain(en('directory_csv.rows.parent_unknown', { short_name: 'FANTASMA' }));
  });

  it('refuses a council unit on either side of a link', async () => {
    const page = await problemsOf('name,short_name,kind,level,member_of\nDins Ajuntament,DINSAJ,entity,1,UMPROVA\n');
    expect(page).toContain(linkMessage(['Dins Ajuntament', 1], ['Unitat Municipal de Prova', null], 'administration'));
  });

  it('refuses a new level that breaks the links already stored, naming the member that would no longer fit', async () => {
    // The federation's member (Bona Dos, level 1) is not in the file; lowering it to level 1 breaks that link.
    const page = await problemsOf('name,short_name,kind,level\nFederació de Prova,FEDPROVA,entity,1\n');
    expect(page).toContain(`<code>level</code>: ${linkMessage(['Bona Dos', 1], ['Federació de Prova', 1], 'not_higher')}`);
  });

  it('takes links to organisations of the directory by short name, capitals aside, and replaces the stored ones', async () => {
    const { status } = await upload('name,short_name,kind,level,member_of\nBona Dos,BONA2,entity,1,confprova\n');
    expect(status).toBe(200);
    expect((await organisationNamed('BONA2'))?.member_of).toEqual([(await organisationNamed('CONFPROVA'))?.id]);
  });
});

describe('names and repeats', () => {
  it('refuses a short name or name another organisation has, and rows repeating an earlier one', async () => {
    const file = [
      'external_id,name,short_name,kind,level',
      ',Una Altra,BONA1,entity,1',
      'R-3,Federació de Prova,CONFX,entity,3',
      ',Repetida,REP1,entity,1',
      ',repetida,REP2,entity,1',
      ',Altra Repetida,REP1,entity,1',
    ].join('\n');
    const { status, html } = await upload(file);
    expect(status).toBe(422);
    const page = text(html);
    expect(page).toContain(en('directory_csv.rows.short_name_taken', { short_name: 'BONA1', name: 'Bona U' }));
    expect(page).toContain(en('directory_csv.rows.name_taken', { name: 'Federació de Prova' }));
    expect(page).toContain(en('directory_csv.rows.same_name', { line: 4 }));
    expect(page).toContain(en('directory_csv.rows.same_short_name', { line: 4 }));
  });
});

describe('refused files', () => {
  it('refuses a file that is not UTF-8 with a message on the file field', async () => {
    const state = await directoryState();
    const latin1 = Uint8Array.from([...new TextEncoder().encode('name,short_name,kind\nAssociaci'), 0xf3, ...new TextEncoder().encode(',ASS,entity\n')]);
    const { status, html } = await upload(latin1, { locale: 'ca' });
    expect(status).toBe(422);
    expect(text(html)).toContain('href="#field-file"');
    expect(text(html)).toContain(translate('ca', 'directory_csv.file.not_utf8'));
    expect(await directoryState()).toBe(state);
  });

  it('names a wrong column', async () => {
    const { status, html } = await upload('nom,short_name,kind\nA,B,entity\n');
    expect(status).toBe(422);
    expect(text(html)).toContain('The column "nom" is not one that can be imported');
  });

  it('refuses 100,000 rows at once, changing nothing', async () => {
    const state = await directoryState();
    const rows = Array.from({ length: 100_000 }, (_, i) => `Massa ${i},M${i},entity,1`).join('\n');
    const started = performance.now();
    const { status, html } = await upload(`name,short_name,kind,level\n${rows}\n`);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(status).toBe(422);
    expect(text(html)).toContain(en('directory_csv.file.too_many_rows', { max: MAX_CSV_ROWS }));
    expect(await directoryState()).toBe(state);
  });

  it('asks for a file when none was chosen, or when the field holds text instead of a file', async () => {
    const form = new FormData();
    form.append('_csrf', browser.csrfToken());
    const empty = await browser.request('POST', '/en/organisations/import', { body: form });
    expect(empty.status).toBe(422);
    expect(text(await empty.text())).toContain(en('directory_csv.file.missing'));
    const asText = await browser.post('/en/organisations/import', { file: 'name,short_name,kind', options: ['dry_run', 'dry_run'] });
    expect(asText.status).toBe(422);
  });
});

describe("with the server's default request limit (1 MB)", () => {
  it('takes files up to 5 MB on the import page only, and refuses a larger one whole before reading it', async () => {
    const plain = await createTestApp();
    try {
      const agent = await browserFor(plain, await createPersona(plain, 'admin'));
      const page = await agent.get('/en/organisations/import');
      expect(text(await page.text())).toContain(en('directory_csv.import.file.hint', { size: '5 MB', rows: MAX_CSV_ROWS }));
      // 100,000 short rows (~2.5 MB) pass the request limit and meet the row limit.
      const many = Array.from({ length: 100_000 }, (_, i) => `Massa ${i},M${i},entity,1`).join('\n');
      const tooMany = await upload(`name,short_name,kind,level\n${many}\n`, { as: agent });
      expect(tooMany.status).toBe(422);
      expect(text(tooMany.html)).toContain(en('directory_csv.file.too_many_rows', { max: MAX_CSV_ROWS }));
      // Over 5 MB is refused by size before anything reads it.
      const long = Array.from({ length: 100_000 }, (_, i) => `"Organització amb un nom ben llarg de veritat, de debò ${i}",L${i},entity,1`).join('\n');
      const tooLarge = await upload(`name,short_name,kind,level\n${long}\n`, { as: agent });
      expect(tooLarge.status).toBe(413);
      expect(text(tooLarge.html)).toContain(en('errors.payload_too_large'));
      // Any other form keeps the server's limit.
      const elsewhere = await agent.post('/en/organisations/new', { name: 'x'.repeat(1_100_000) });
      expect(elsewhere.status).toBe(413);
      expect(await listOrganisations(plain.services.database.db)).toEqual([]);
    } finally {
      await plain.close();
    }
  });
});

describe('statements', () => {
  const fileOf = (count: number, prefix: string, level = 1) =>
    ['name,short_name,kind,level,families,member_of', ...Array.from({ length: count }, (_, i) => `${prefix} ${i},${prefix}${i},entity,${level},cooperative,FEDPROVA`)].join('\n');

  it('imports 500 rows with as many statements as 10', async () => {
    await upload(fileOf(1, 'Escalfa'));
    const small = await countQueries(app.services.database, () => upload(fileOf(10, 'Deu')));
    const large = await countQueries(app.services.database, () => upload(fileOf(500, 'Cinc')));
    expect(small.result.status).toBe(200);
    expect(large.result.status).toBe(200);
    expect((await listOrganisations(db())).filter((o) => o.short_name.startsWith('Cinc'))).toHaveLength(500);
    expect(large.queries).toBe(small.queries);

    // Updating them costs the same too (here: a new family for each, and a new federation).
    const updateSmall = await countQueries(app.services.database, () => upload(fileOf(10, 'Deu').replaceAll('cooperative,FEDPROVA', 'mutual,CONFPROVA')));
    const updateLarge = await countQueries(app.services.database, () => upload(fileOf(500, 'Cinc').replaceAll('cooperative,FEDPROVA', 'mutual,CONFPROVA')));
    expect(updateLarge.result.html).toContain('500');
    expect(updateLarge.queries).toBe(updateSmall.queries);
  });
});

describe('generated files', () => {
  const cell = fc.oneof(
    fc.constantFrom('', ' ', 'entity', 'administration', '1', '2', '4', '0', '-1', '1e0', 'FEDPROVA', 'BONA1;FEDPROVA', 'cooperative', 'Sant Martí', '2022-03-10', '31/12/1899', '2999-01-01', 'https://a.example.org', 'HTTP://A.EXAMPLE.ORG', 'javascript:alert(1)', '=1+1', "'=x", '"', '""', '\r\n', '\uFEFF', '😀', 'x'.repeat(6000)),
    fc.string({ maxLength: 30 }),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
  );
  const quoted = (value: string) => (/[",;\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const required = ['name', 'short_name', 'kind'];
  const columns = fc.oneof(
    fc.subarray([...CSV_COLUMNS], { minLength: 1 }),
    fc.subarray(CSV_COLUMNS.filter((c) => !required.includes(c))).map((rest) => [...required, ...rest]),
    fc.constant([...CSV_COLUMNS]),
  );
  const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 });
  const plausible: Record<string, fc.Arbitrary<string>> = {
    external_id: fc.oneof(fc.constant(''), fc.string({ minLength: 1, maxLength: 8 })),
    name: text,
    short_name: text,
    kind: fc.constantFrom('entity', 'entity', 'administration'),
    level: fc.constantFrom('1', '1', '2', '3', '4', ''),
    families: fc.subarray(['cooperative', 'mutual', 'network', 'Finances ètiques']).map((f) => f.join(';')),
    member_of: fc.constantFrom('', '', 'FEDPROVA', 'CONFPROVA', 'BONA1', 'UMPROVA'),
    representative_since: fc.constantFrom('', '2022-03-10', '10/3/2022'),
    district: fc.constantFrom('', 'eixample', 'Sant Martí'),
    website: fc.constantFrom('', 'https://a.example.org'),
    description_ca: fc.oneof(fc.constant(''), text),
    description_es: fc.oneof(fc.constant(''), text),
    description_en: fc.oneof(fc.constant(''), text),
  };
  const valueOf = (column: string) => fc.oneof({ weight: 6, arbitrary: plausible[column] ?? cell }, { weight: 1, arbitrary: cell });
  const file = columns
    .chain((names) =>
      fc.tuple(
        fc.constant(names),
        fc.array(
          fc.oneof(
            { weight: 8, arbitrary: fc.tuple(...names.map(valueOf)) },
            // Now and then a row with one cell too many or too few.
            { weight: 1, arbitrary: fc.array(cell, { minLength: Math.max(1, names.length - 1), maxLength: names.length + 1 }) },
          ),
          { maxLength: 8 },
        ),
        fc.constantFrom(',', ';'),
        fc.boolean(),
      ),
    )
    .map(([names, rows, delimiter, raw]) => [names.join(delimiter), ...rows.map((row) => row.map((v) => (raw ? v : quoted(v))).join(delimiter))].join('\n'));
  const bytes = fc.uint8Array({ maxLength: 300 });

  it('never answer with a server error, and leave the directory whole when refused', { timeout: 600_000 }, async () => {
    let imported = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 4, arbitrary: file }, { weight: 1, arbitrary: bytes }), fc.boolean(), fc.boolean(), async (content, skip, dryRun) => {
        const before = await directoryState();
        const { status } = await upload(content, { skip, dryRun });
        expect([200, 409, 422]).toContain(status);
        if (status !== 200 || dryRun) expect(await directoryState()).toBe(before);
        else if ((await directoryState()) !== before) imported += 1;
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 150) },
    );
    // The generator reaches the writes, not only the refusals.
    expect(imported).toBeGreaterThan(0);
  });
});
