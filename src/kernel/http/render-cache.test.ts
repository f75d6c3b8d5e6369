import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { EventBus } from '../events.js';
import { defineCommand } from '../commands.js';
import { publicAccess } from '../policy.js';
import type { Services } from '../services.js';
import { buildTeixit } from '../../server.js';
import type { BuiltApp } from '../../app.js';

let t: TestApp;
let other: BuiltApp;
const stops: Array<() => void> = [];

const touchHome = defineCommand({
  name: 'test.touch_home',
  input: z.object({}),
  policy: publicAccess,
  run: async (tx) => {
    await tx.audit({ action: 'test.home_touched', subjectType: 'home' });
    tx.emit({ type: 'test.home_touched', tags: ['home'] });
  },
});

beforeAll(async () => {
  t = await createTestApp();
  stops.push(t.built.renderCache.start());
  // A second process on the same database: its own bus, its own cache, nothing shared in memory.
  const otherServices: Services = { ...t.services, events: new EventBus() };
  other = buildTeixit(otherServices);
  stops.push(other.renderCache.start());
});
afterAll(async () => {
  for (const stop of stops) stop();
  await t.close();
});

const visit = (built: BuiltApp, cookie = '') => built.app.request('/ca', { headers: cookie ? { cookie } : {} });

describe("the render cache of visitors' pages", () => {
  it('serves the second visit from memory, identical to the first', async () => {
    const first = await visit(t.built);
    const second = await visit(t.built);
    expect(first.headers.get('x-render-cache')).toBeNull();
    expect(second.headers.get('x-render-cache')).toBe('hit');
    expect(await second.text()).toBe(await first.text());
  });

  it('never serves a signed-in request from the cache', async () => {
    await visit(t.built);
    const signedIn = await visit(t.built, 'teixit_session=abcdefghijklmnopqrstuvwxyz0123456789');
    expect(signedIn.headers.get('x-render-cache')).toBeNull();
  });

  it('drops a page at once in the process that changed it, and within a refresh in another', async () => {
    await visit(other);
    expect((await visit(other)).headers.get('x-render-cache')).toBe('hit');
    await visit(t.built);
    await touchHome({ services: t.services, actor: null, locale: 'ca', requestId: null, ip: null }, {});
    expect((await visit(t.built)).headers.get('x-render-cache')).toBeNull();
    // The other process learns of it from the database (it polls every second; poll now).
    await other.renderCache.refresh();
    expect((await visit(other)).headers.get('x-render-cache')).toBeNull();
  });
});
