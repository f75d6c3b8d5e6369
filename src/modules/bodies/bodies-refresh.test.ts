/**
 * Visitors' copies of the bodies' pages count days (days left before a sunset, mandates that
 * start or end today): when the day changes in Barcelona they are dropped, once.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pino } from 'pino';
import { EventBus, type AppEvent } from '../../kernel/events.js';
import type { Services } from '../../kernel/services.js';
import { startDailyRefresh } from './bodies-refresh.js';

afterEach(() => {
  vi.useRealTimers();
});

describe("the change of day", () => {
  it("drops the bodies' pages once when midnight passes in Barcelona, not at UTC midnight", () => {
    vi.useFakeTimers();
    // 22:50 UTC on a winter day is 23:50 in Barcelona.
    vi.setSystemTime(new Date('2026-01-15T22:50:00Z'));
    const events = new EventBus();
    const seen: AppEvent[] = [];
    events.subscribe((event) => {
      seen.push(event);
    });
    const stop = startDailyRefresh({ events, logger: pino({ level: 'silent' }) } as unknown as Services);
    vi.advanceTimersByTime(5 * 60_000);
    expect(seen).toEqual([]);
    // 23:05 UTC: 00:05 in Barcelona, the next day there.
    vi.advanceTimersByTime(10 * 60_000);
    expect(seen).toEqual([{ type: 'bodies.day_changed', tags: ['bodies', 'mandates'] }]);
    vi.advanceTimersByTime(60 * 60_000);
    expect(seen).toHaveLength(1);
    stop();
    vi.advanceTimersByTime(24 * 60 * 60_000);
    expect(seen).toHaveLength(1);
  });
});
