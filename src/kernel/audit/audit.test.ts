import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { appendAudit, searchAudit, verifyAuditChain } from './index.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const meta = { actorId: null, actorName: 'test', requestId: 'r1' };

describe('the audit trail', () => {
  it('chains every entry to the one before and verifies as intact', async () => {
    const { db } = t.services.database;
    await db.transaction().execute(async (trx) => {
      await appendAudit(trx, { action: 'test.first', subjectType: 'thing', subjectId: 1, before: null, after: { name: 'Coòpolis', tags: ['a'] } }, meta);
      await appendAudit(trx, { action: 'test.second', subjectType: 'thing', subjectId: 1, before: { name: 'Coòpolis' }, after: { name: 'Coòpolis – Ateneu', when: new Date('2026-03-12T17:00:00Z') } }, meta);
    });
    const entries = await searchAudit(db, { action: 'test.' }, 10);
    expect(entries.map((e) => e.action)).toEqual(['test.second', 'test.first']);
    expect(entries[0]?.prev_hash).toBe(entries[1]?.hash);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it('refuses to update or delete a past entry', async () => {
    const { db } = t.services.database;
    await expect(sql`UPDATE audit_log SET action = 'forged'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(db)).rejects.toThrow(/append-only/);
  });

  it('detects an entry edited behind its back, naming the entry', async () => {
    const { db } = t.services.database;
    const [target] = await searchAudit(db, { action: 'test.first' }, 1);
    await db.transaction().execute(async (trx) => {
      await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(trx);
      await sql`UPDATE audit_log SET after = '{"name":"Forged"}' WHERE id = ${target!.id}`.execute(trx);
      await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`.execute(trx);
    });
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: target!.id });
  });
});
