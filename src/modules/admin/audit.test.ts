/**
 * The audit trail page through HTTP, as an administrator: filters by person, action and days
 * in Barcelona's time, "older entries", the change table, and the chain check.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { appendAudit, searchAudit, type AuditInput } from '../../kernel/audit/index.js';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { changedFields, displayValue } from './audit-diff.js';
import { startOfDayInMadrid } from './audit.js';
import type { Agent } from '../../../test/support/app.js';

let app: TestApp;
let agent: Agent;
let adminId: number;

/** Writes entries as if at `at`, by `actor`; the chain stays valid (they are appended in order). */
async function recordAt(at: string, actor: { id: number; name: string } | null, entries: AuditInput[]): Promise<void> {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(at));
  try {
    await app.services.database.db.transaction().execute(async (trx) => {
      for (const entry of entries) await appendAudit(trx, entry, { actorId: actor?.id ?? null, actorName: actor?.name ?? null, requestId: null });
    });
  } finally {
    vi.useRealTimers();
  }
}

async function pageText(response: Response): Promise<string> {
  return (await response.text()).replaceAll('&#39;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&');
}

beforeAll(async () => {
  app = await createTestApp();
  const admin = await app.createUser({ roles: ['admin'], name: 'Marta Administradora' });
  adminId = admin.id;
  agent = app.agent();
  await agent.signIn(admin);
  const rosa = { id: 9001, name: 'Rosa Testimoni' };
  // Barcelona is UTC+1 in March: 23:30 UTC on the 11th is already the 12th there.
  await recordAt('2026-03-11T22:30:00Z', rosa, [{ action: 'meetings.convene', subjectType: 'meeting', subjectId: 1, after: { state: 'convened' } }]);
  await recordAt('2026-03-11T23:30:00Z', rosa, [{ action: 'meetings.cancel', subjectType: 'meeting', subjectId: 2, before: { state: 'convened' }, after: { state: 'cancelled' } }]);
  await recordAt('2026-03-12T22:59:00Z', null, [{ action: 'contrast.open', subjectType: 'process', subjectId: 3, after: { window: 14 } }]);
  await recordAt('2026-03-12T23:00:00Z', rosa, [{ action: 'contrast.close', subjectType: 'process', subjectId: 3 }]);
});
afterAll(async () => {
  await app?.close();
});

describe('the audit trail page', () => {
  it('lists entries newest first, with who, what and a table of what changed', async () => {
    const html = await pageText(await agent.get('/ca/admin/audit?action=meetings'));
    expect(html.indexOf('<code>meetings.cancel</code>')).toBeLessThan(html.indexOf('<code>meetings.convene</code>'));
    expect(html).toContain('Rosa Testimoni');
    expect(html).toContain('Mostra 1 dada canviada');
    expect(html).toMatch(/<th scope="row"><code>state<\/code><\/th><td>convened<\/td><td>cancelled<\/td>/);
    expect(html).not.toContain('<code>contrast.open</code>');
  });

  it('filters by the person who acted', async () => {
    const mine = await pageText(await agent.get(`/ca/admin/audit?actor=9001`));
    expect(mine).toContain('<code>meetings.convene</code>');
    expect(mine).toContain('<code>contrast.close</code>');
    expect(mine).not.toContain('<code>contrast.open</code>');
    const admin = await pageText(await agent.get(`/ca/admin/audit?actor=${adminId}`));
    expect(admin).toContain('<code>identity.');
    expect(admin).toContain("Es mostren les accions de Marta Administradora.");
  });

  it('takes the days of the range in Barcelona time, both ends included', async () => {
    const html = await pageText(await agent.get('/ca/admin/audit?from=2026-03-12&to=2026-03-12'));
    expect(html).toContain('<code>meetings.cancel</code>');
    expect(html).toContain('<code>contrast.open</code>');
    expect(html).not.toContain('<code>meetings.convene</code>');
    expect(html).not.toContain('<code>contrast.close</code>');
  });

  it('explains a range that ends before it starts, keeping what was typed', async () => {
    const response = await agent.get('/ca/admin/audit?from=2026-03-12&to=2026-03-01');
    expect(response.status).toBe(422);
    const html = await pageText(response);
    expect(html).toContain('El dia final ha de ser el mateix dia inicial o posterior.');
    expect(html).toContain('value="2026-03-01"');
    const actor = await agent.get('/ca/admin/audit?actor=abc');
    expect(actor.status).toBe(422);
    expect(await pageText(actor)).toContain('Escriu el número de la persona, per exemple 12.');
  });

  it('pages through older entries 50 at a time, keeping the filters', async () => {
    await recordAt('2026-04-01T10:00:00Z', null, Array.from({ length: 55 }, (_, i) => ({ action: 'test.bulk', subjectType: 'thing', subjectId: i + 1 })));
    const first = await pageText(await agent.get('/ca/admin/audit?action=test.bulk'));
    expect(first.match(/<code>test\.bulk<\/code>/g)).toHaveLength(50);
    const older = /href="(\/ca\/admin\/audit\?action=test\.bulk&before=\d+)"/.exec(first)?.[1];
    expect(older).toBeDefined();
    const second = await pageText(await agent.get(older ?? ''));
    expect(second.match(/<code>test\.bulk<\/code>/g)).toHaveLength(5);
    expect(second).toContain('No hi ha entrades més antigues.');
    expect(second).toContain('Entrades més noves');
  });

  it('says when no entry matches', async () => {
    const html = await pageText(await agent.get('/ca/admin/audit?action=nothing.like.this'));
    expect(html).toContain('Cap entrada coincideix amb els filtres');
  });

  it('checks the chain on demand and says where it breaks', async () => {
    const intact = await pageText(await agent.get('/ca/admin/audit/verify'));
    expect(intact).toContain('La cadena és íntegra');
    const [target] = await searchAudit(app.services.database.db, { action: 'meetings.cancel' }, 1);
    await app.services.database.db.transaction().execute(async (trx) => {
      await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(trx);
      await sql`UPDATE audit_log SET after = '{"state":"forged"}' WHERE id = ${target!.id}`.execute(trx);
      await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`.execute(trx);
    });
    const broken = await pageText(await agent.get('/ca/admin/audit/verify'));
    expect(broken).toContain('La cadena està trencada');
    expect(broken).toContain(`L'entrada ${target!.id} no coincideix amb la seva empremta`);
  });
});

describe('days in Barcelona time', () => {
  it('starts a winter day at 23:00 UTC and a summer day at 22:00 UTC the day before', () => {
    expect(startOfDayInMadrid('2026-03-12').toISOString()).toBe('2026-03-11T23:00:00.000Z');
    expect(startOfDayInMadrid('2026-07-01').toISOString()).toBe('2026-06-30T22:00:00.000Z');
    // The days the clocks change: midnight is before the change.
    expect(startOfDayInMadrid('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfDayInMadrid('2026-10-25').toISOString()).toBe('2026-10-24T22:00:00.000Z');
  });
});

describe('what an entry changed', () => {
  it('lists only the keys whose value differs, added and removed ones included', () => {
    expect(changedFields({ roles: ['admin'], name: 'A' }, { roles: [], name: 'A', status: 'x' })).toEqual([
      { key: 'roles', before: ['admin'], after: [] },
      { key: 'status', before: undefined, after: 'x' },
    ]);
    expect(changedFields(null, { a: 1 })).toEqual([{ key: 'a', before: undefined, after: 1 }]);
    expect(changedFields(null, null)).toEqual([]);
    expect(changedFields({ b: { y: 1, x: 2 } }, { b: { x: 2, y: 1 } })).toEqual([]);
  });

  it('shows lists as words and objects as JSON', () => {
    expect(displayValue(['admin', 'official'])).toBe('admin, official');
    expect(displayValue({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
    expect(displayValue(null)).toBe('');
  });
});
