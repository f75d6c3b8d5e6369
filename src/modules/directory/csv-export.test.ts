/**
 * The public CSV export of the directory: the import's columns, UTF-8 with a byte-order mark, a
 * dated attachment under CC BY 4.0, the directory's filters, formula-looking cells made inert —
 * and an exported file imports back as "unchanged".
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../../kernel/i18n/index.js';
import { createTestApp, type Agent, type TestApp } from '../../../test/support/app.js';
import { browserFor, createPersona } from '../../../test/support/personas.js';
import { CSV_COLUMNS } from './csv-export.js';
import { todayInBarcelona } from './schema.js';
import { listOrganisations } from './store.js';

let app: TestApp;
let admin: Agent;

beforeAll(async () => {
  app = await createTestApp();
  admin = await browserFor(app, await createPersona(app, 'admin'));
  const file = [
    CSV_COLUMNS.join(','),
    'EX-1,Confederació Exportada,CONFEX,entity,3,network,,2020-05-04,,,,,',
    'EX-2,Federació Exportada,FEDEX,entity,2,cooperative;network,CONFEX,2021-06-07,eixample,https://fedex.example.org,"Text amb ""cometes"", comes; i\nsalts de línia",Texto,Text',
    ',=HYPERLINK("http://evil.example")-Cooperativa,=EVIL,entity,1,cooperative,FEDEX,,,,-5 punts,+34 600 000 000,@menció',
    ',Ajuntament Exportat,AJEX,administration,,public_administration,,,,,,,',
  ].join('\n');
  const form = new FormData();
  form.append('_csrf', admin.csrfToken());
  form.append('file', new Blob([file], { type: 'text/csv' }), 'seed.csv');
  const response = await admin.request('POST', '/ca/organisations/import', { body: form });
  if (response.status !== 200) throw new Error(`seeding the export test failed: ${response.status} ${await response.text()}`);
});
afterAll(() => app?.close());

async function exportOf(query = ''): Promise<{ response: Response; body: string; rows: string[][] }> {
  const response = await app.agent().get(`/ca/organisations/export.csv${query}`);
  const body = await response.text();
  return { response, body, rows: parse(body.replace(/^\uFEFF/, ''), { relax_column_count: false }) as string[][] };
}

describe('the export', () => {
  it('is a dated CSV attachment for anyone, UTF-8 with a byte-order mark, under CC BY 4.0', async () => {
    const { response } = await exportOf();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="organisations-${todayInBarcelona()}.csv"`);
    expect(response.headers.get('link')).toBe('<https://creativecommons.org/licenses/by/4.0/>; rel="license"');
    const bytes = new Uint8Array(await (await app.agent().get('/ca/organisations/export.csv')).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('has the columns of the import and one row per organisation, by name', async () => {
    const { rows, body } = await exportOf();
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(body).toContain('\r\n');
    const byShort = new Map(rows.slice(1).map((row) => [row[2], Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, row[i]]))]));
    expect(byShort.get('FEDEX')).toEqual({
      external_id: 'EX-2',
      name: 'Federació Exportada',
      short_name: 'FEDEX',
      kind: 'entity',
      level: '2',
      families: 'cooperative;network',
      member_of: 'CONFEX',
      representative_since: '2021-06-07',
      district: 'eixample',
      website: 'https://fedex.example.org',
      description_ca: 'Text amb "cometes", comes; i\nsalts de línia',
      description_es: 'Texto',
      description_en: 'Text',
    });
    expect(byShort.get('AJEX')).toMatchObject({ kind: 'administration', level: '', member_of: '' });
    expect(rows).toHaveLength(5);
  });

  it('makes cells a spreadsheet would run as formulas plain text', async () => {
    const { rows } = await exportOf();
    const evil = rows.find((row) => row[2] === "'=EVIL");
    expect(evil).toBeDefined();
    expect(evil?.[1]).toBe('\'=HYPERLINK("http://evil.example")-Cooperativa');
    expect(evil?.slice(10)).toEqual(["'-5 punts", "'+34 600 000 000", "'@menció"]);
    for (const row of rows) for (const cell of row) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('takes the directory filters', async () => {
    const names = async (query: string) => (await exportOf(query)).rows.slice(1).map((row) => row[2]);
    expect(await names('?level=2')).toEqual(['FEDEX']);
    expect(await names('?kind=administration')).toEqual(['AJEX']);
    expect(await names('?representative=yes')).toEqual(['CONFEX', 'FEDEX']);
    expect(await names('?family=network&district=eixample')).toEqual(['FEDEX']);
    expect(await names('?q=exportada')).toEqual(['CONFEX', 'FEDEX']);
    expect(await names('?q=ninguna')).toEqual([]);
  });

  it('answers a wrong filter with the directory page saying which filter and how to fix it, in the page language', async () => {
    const response = await app.agent().get('/en/organisations/export.csv?level=9&q=exportada');
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('<a href="#field-level">Choose a level from the list.</a>');
    expect(html).toContain('value="exportada"');
  });

  it('imports back as unchanged, formula-looking cells included', async () => {
    const before = JSON.stringify(await listOrganisations(app.services.database.db));
    const exported = await (await app.agent().get('/ca/organisations/export.csv')).arrayBuffer();
    const form = new FormData();
    form.append('_csrf', admin.csrfToken());
    form.append('file', new Blob([exported], { type: 'text/csv' }), 'export.csv');
    const response = await admin.request('POST', '/en/organisations/import', { body: form });
    expect(response.status).toBe(200);
    const html = (await response.text()).replace(/&#39;/g, "'");
    expect(html).toContain(translate('en', 'directory_csv.report.outcome.nothing_to_do.body', { unchanged: 4 }));
    expect(JSON.stringify(await listOrganisations(app.services.database.db))).toBe(before);
  });
});
