/** `teixit seed --demo`: the demo space goes only into a database without accounts. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.js';
import type { CliOutput } from './io.js';
import { seedDemoFromCli } from './seed.js';

function buffer(): CliOutput & { text(): string; errors(): string } {
  const out: string[] = [];
  const err: string[] = [];
  return { out: (t) => out.push(t), err: (t) => err.push(t), text: () => out.join('\n'), errors: () => err.join('\n') };
}

describe('teixit seed --demo', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ TEIXIT_DEMO_PASSWORD: 'the demo password here' });
  });
  afterAll(async () => {
    await app?.close();
  });

  const organisations = async () => (await app.services.database.db.selectFrom('organisations').select('id').execute()).length;

  it('loads the demo into a database without accounts and prints the accounts and password', async () => {
    const io = buffer();
    expect(await seedDemoFromCli(app.services, io)).toBe(0);
    expect(io.text()).toContain('all with the password: the demo password here');
    expect(io.text()).toContain('admin@demo.teixit.cat');
    expect(await organisations()).toBe(33);
  });

  it('refuses, changing nothing, once the database has accounts', async () => {
    const users = (await app.services.database.db.selectFrom('users').select('id').execute()).length;
    const io = buffer();
    expect(await seedDemoFromCli(app.services, io)).toBe(1);
    expect(io.errors()).toContain(`This database already has ${users} accounts; the demo is only loaded into a database without accounts`);
    expect((await app.services.database.db.selectFrom('users').select('id').execute()).length).toBe(users);
  });
});
