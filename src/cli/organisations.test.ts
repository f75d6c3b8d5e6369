/**
 * `teixit organisations import FILE.csv`: the directory's CSV import from the command line, with
 * the same report, the same all-or-nothing rule and one audit entry whose actor is "cli".
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.js';
import { listOrganisations } from '../modules/directory/store.js';
import type { CliOutput } from './io.js';
import { importOrganisationsFromCli, organisationsCommand } from './organisations.js';

function buffer(): CliOutput & { output(): string; errors(): string } {
  const out: string[] = [];
  const err: string[] = [];
  return { out: (t) => out.push(t), err: (t) => err.push(t), output: () => out.join('\n'), errors: () => err.join('\n') };
}

let app: TestApp;
let dir: string;

beforeAll(async () => {
  app = await createTestApp();
  dir = await mkdtemp(path.join(os.tmpdir(), 'teixit-cli-organisations-'));
});
afterAll(async () => {
  await app?.close();
  await rm(dir, { recursive: true, force: true });
});

async function fileWith(name: string, content: string | Uint8Array): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, content);
  return file;
}

const run = (file: string, options: { skipInvalid?: boolean; dryRun?: boolean } = {}, locale: 'ca' | 'en' = 'en') => {
  const io = buffer();
  return importOrganisationsFromCli(app.services, { file, options: { skipInvalid: options.skipInvalid ?? false, dryRun: options.dryRun ?? false }, locale }, io).then((code) => ({ code, io }));
};

const shortNames = async () => (await listOrganisations(app.services.database.db)).map((o) => o.short_name).sort();

describe('teixit organisations import', () => {
  const GOOD = 'name,short_name,kind,level,member_of\nFederació CLI,FEDCLI,entity,2,\nCooperativa CLI,COOPCLI,entity,1,FEDCLI\n';

  it('checks only with --dry-run, changing nothing', async () => {
    const { code, io } = await run(await fileWith('good.csv', GOOD), { dryRun: true });
    expect(code).toBe(0);
    expect(io.output()).toContain('The file was only checked: nothing was changed');
    expect(await shortNames()).toEqual([]);
  });

  it('imports a file, prints the report and audits it with "cli" as actor', async () => {
    const { code, io } = await run(await fileWith('good.csv', GOOD));
    expect(code).toBe(0);
    expect(io.output()).toContain('The file was imported. 2 new, 0 changed and 0 unchanged.');
    expect(await shortNames()).toEqual(['COOPCLI', 'FEDCLI']);
    const entry = await app.services.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'directory.organisations.import').executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor_id: null, actor_name: 'cli' });
    expect(entry.after).toMatchObject({ file: { name: 'good.csv', rows: 2 }, counts: { created: 2 } });
  });

  it('changes nothing the second time', async () => {
    const { code, io } = await run(await fileWith('good.csv', GOOD));
    expect(code).toBe(0);
    expect(io.output()).toContain('Nothing to change');
  });

  it('refuses a file with a bad row, naming its line and reason, and exits with 1; --skip-invalid imports the rest', async () => {
    const file = await fileWith('mixed.csv', 'name,short_name,kind,level,member_of\nBona CLI,BONACLI,entity,1,FEDCLI\nDolenta CLI,DOLCLI,entity,1,NOHIES\n');
    const refused = await run(file, {}, 'ca');
    expect(refused.code).toBe(1);
    expect(refused.io.errors()).toContain("No s'ha importat res");
    expect(refused.io.errors()).toContain('Línia 3 · Dolenta CLI (DOLCLI)');
    expect(refused.io.errors()).toContain('member_of: No hi ha cap organització amb el nom curt NOHIES');
    expect(await shortNames()).not.toContain('BONACLI');

    const skipped = await run(file, { skipInvalid: true });
    expect(skipped.code).toBe(0);
    expect(skipped.io.output()).toContain('1 row with problems was left out');
    expect(await shortNames()).toContain('BONACLI');
    expect(await shortNames()).not.toContain('DOLCLI');
  });

  it('refuses a file that is not UTF-8, and a file that is not there', async () => {
    const latin1 = await fileWith('latin1.csv', Uint8Array.from([...new TextEncoder().encode('name,short_name,kind\nFundaci'), 0xf3, ...new TextEncoder().encode(',F,entity\n')]));
    const bad = await run(latin1);
    expect(bad.code).toBe(1);
    expect(bad.io.errors()).toContain('The file is not UTF-8: save it as “CSV UTF-8”');
    const missing = await run(path.join(dir, 'nowhere.csv'));
    expect(missing.code).toBe(1);
    expect(missing.io.errors()).toContain('Cannot read');
  });

  it('answers a wrong command line with the usage and exit code 2', async () => {
    expect(await organisationsCommand(app.services.config, ['export'], parseArgs)).toBe(2);
    expect(await organisationsCommand(app.services.config, ['import'], parseArgs)).toBe(2);
    expect(await organisationsCommand(app.services.config, ['import', 'a.csv', '--locale', 'fr'], parseArgs)).toBe(2);
    expect(await organisationsCommand(app.services.config, ['import', 'a.csv', '--force'], parseArgs)).toBe(2);
  });
});
