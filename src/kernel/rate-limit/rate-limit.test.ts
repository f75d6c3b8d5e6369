import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { AppError } from '../errors.js';
import { hitRateLimits } from './index.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('rate limits', () => {
  it('allows up to the limit in a window, then answers 429 with the seconds left', async () => {
    const { db } = t.services.database;
    const limit = { key: 'test:reset:someone', max: 3, windowSeconds: 60 };
    const now = Date.UTC(2026, 2, 12, 17, 0, 10);
    for (let i = 0; i < 3; i += 1) await hitRateLimits(db, [limit], now);
    const error = await hitRateLimits(db, [limit], now).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'rate_limited', status: 429, retryAfter: 50 });
  });

  it('starts counting afresh in the next window, and keeps keys apart', async () => {
    const { db } = t.services.database;
    const limit = { key: 'test:reset:someone', max: 3, windowSeconds: 60 };
    await expect(hitRateLimits(db, [limit], Date.UTC(2026, 2, 12, 17, 1, 5))).resolves.toBeUndefined();
    await expect(hitRateLimits(db, [{ ...limit, key: 'test:reset:another' }], Date.UTC(2026, 2, 12, 17, 0, 20))).resolves.toBeUndefined();
  });
});
