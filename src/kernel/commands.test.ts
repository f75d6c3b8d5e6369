import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestApp, type TestApp } from '../../test/support/app.js';
import { searchAudit } from './audit/index.js';
import { defineCommand } from './commands.js';
import { AppError } from './errors.js';
import type { AppEvent } from './events.js';
import { adminOnly, signedIn } from './policy.js';
import type { RequestScope } from './services.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const scope = (actor: RequestScope['actor'], locale: RequestScope['locale'] = 'ca'): RequestScope => ({
  services: t.services,
  actor,
  locale,
  requestId: 'req-1',
  ip: '127.0.0.1',
});

const setSetting = defineCommand({
  name: 'test.set_setting',
  input: z.object({ key: z.string().min(3), value: z.string(), fail: z.boolean().optional() }),
  policy: signedIn,
  run: async (tx, input) => {
    await tx.trx.insertInto('settings').values({ key: input.key, value: JSON.stringify(input.value) }).execute();
    await tx.audit({ action: 'test.setting_set', subjectType: 'setting', subjectId: input.key, after: { value: input.value } });
    await tx.mail({ to: 'someone@example.org', locale: 'ca', subject: `Setting ${input.key}`, text: 'changed' });
    tx.emit({ type: 'test.setting_set', tags: ['settings'] });
    if (input.fail) throw new AppError('conflict');
    return input.key;
  },
});

const adminThing = defineCommand({ name: 'test.admin_thing', input: z.object({}), policy: adminOnly, run: async () => 'done' });

describe('commands', () => {
  it('writes the change, its audit entry and its mail together, then publishes the event', async () => {
    const seen: AppEvent[] = [];
    const off = t.services.events.subscribe((e) => {
      seen.push(e);
    });
    await setSetting(scope({ id: 1, name: 'Núria', roles: [] }), { key: 'colour', value: 'teal' });
    off();
    const { db } = t.services.database;
    expect(await db.selectFrom('settings').select('value').where('key', '=', 'colour').executeTakeFirst()).toEqual({ value: 'teal' });
    const [entry] = await searchAudit(db, { action: 'test.setting_set' }, 5);
    expect(entry).toMatchObject({ actor_id: 1, actor_name: 'Núria', subject_id: 'colour', after: { value: 'teal' }, request_id: 'req-1' });
    expect(await db.selectFrom('outbox').select('subject').where('subject', '=', 'Setting colour').execute()).toHaveLength(1);
    expect(seen.map((e) => e.type)).toEqual(['test.setting_set']);
  });

  it('changes nothing at all when the command fails half-way', async () => {
    const { db } = t.services.database;
    await expect(setSetting(scope({ id: 1, name: 'Núria', roles: [] }), { key: 'broken', value: 'x', fail: true })).rejects.toMatchObject({ code: 'conflict' });
    expect(await db.selectFrom('settings').selectAll().where('key', '=', 'broken').execute()).toHaveLength(0);
    expect(await db.selectFrom('outbox').selectAll().where('subject', '=', 'Setting broken').execute()).toHaveLength(0);
    expect(await searchAudit(db, { subjectId: 'broken' }, 5)).toHaveLength(0);
  });

  it('answers invalid input with localized field messages and writes nothing', async () => {
    const error = await setSetting(scope({ id: 1, name: 'Núria', roles: [] }, 'es'), { key: 'ab', value: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('validation_failed');
    expect(Object.keys((error as AppError).fields).sort()).toEqual(['key', 'value']);
    expect((error as AppError).fields.key).toMatch(/3/);
    expect((error as AppError).fields.key).not.toMatch(/[Tt]oo small|[Mm]assa/);
  });

  it('asks a visitor to sign in and refuses a person the policy does not allow', async () => {
    await expect(setSetting(scope(null), { key: 'visitor', value: 'x' })).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(adminThing(scope({ id: 2, name: 'Pau', roles: ['official'] }), {})).rejects.toMatchObject({ code: 'forbidden' });
    await expect(adminThing(scope({ id: 3, name: 'Admin', roles: ['admin'] }), {})).resolves.toBe('done');
  });
});
