/**
 * The people list and the audit trail run the same number of queries whatever the number of
 * rows they show: nothing is loaded per row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countQueries } from '../../db/connect.js';
import { appendAudit } from '../../kernel/audit/index.js';
import { createTestApp, type Agent, type TestApp } from '../../../test/support/app.js';
import { insertUser } from '../identity/index.js';

let app: TestApp;
let agent: Agent;

beforeAll(async () => {
  app = await createTestApp();
  const admin = await app.createUser({ roles: ['admin'] });
  agent = app.agent();
  await agent.signIn(admin);
});
afterAll(async () => {
  await app?.close();
});

/**
 * The statements one GET sends. A first request just before keeps the session fresh, so the
 * measured one never includes the once-a-minute "last seen" write.
 */
async function queriesFor(path: string): Promise<number> {
  await agent.get(path);
  const { result, queries } = await countQueries(app.services.database, () => agent.get(path));
  expect(result.status, path).toBe(200);
  return queries;
}

async function addPeople(count: number, prefix: string): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    await insertUser(app.services.database.db, {
      email: `${prefix.toLowerCase()}${i}@example.org`,
      name: `${prefix} ${i}`,
      locale: 'ca',
      password_hash: null,
      roles: i % 3 === 0 ? ['official'] : [],
      email_verified_at: null,
    });
  }
}

async function addEntries(count: number, action: string): Promise<void> {
  await app.services.database.db.transaction().execute(async (trx) => {
    for (let i = 0; i < count; i += 1) {
      await appendAudit(trx, { action, subjectType: 'user', subjectId: i, before: { roles: [] }, after: { roles: ['official'] } }, { actorId: i, actorName: `Actor ${i}`, requestId: null });
    }
  });
}

describe('query counts', () => {
  it('the people list costs the same for 5 people as for a full page of 25', async () => {
    await addPeople(5, 'Cinc');
    const few = await queriesFor('/ca/admin/people?q=cinc');
    await addPeople(55, 'Seixanta');
    const many = await queriesFor('/ca/admin/people?q=seixanta');
    const unfiltered = await queriesFor('/ca/admin/people');
    expect(many).toBe(few);
    expect(unfiltered).toBe(few);
  });

  it('the audit trail costs the same for 5 entries as for a full page of 50', async () => {
    await addEntries(5, 'count.few');
    const few = await queriesFor('/ca/admin/audit?action=count.few');
    await addEntries(60, 'count.many');
    const many = await queriesFor('/ca/admin/audit?action=count.many');
    expect(many).toBe(few);
  });

  it('the pending invitations cost the same for 1 as for 12', async () => {
    await agent.post('/ca/admin/invitations', { email: 'first@example.org', name: 'First', locale: 'ca' });
    const one = await queriesFor('/ca/admin/invitations');
    for (let i = 0; i < 11; i += 1) await agent.post('/ca/admin/invitations', { email: `more${i}@example.org`, name: `More ${i}`, locale: 'ca' });
    const twelve = await queriesFor('/ca/admin/invitations');
    expect(twelve).toBe(one);
  });
});
