/**
 * Visitors' copies of the bodies' pages say how many days a working group has left and which
 * mandates hold today. Nothing is written when a day ends, so no command's event drops those
 * copies: this does, once the day changes in Barcelona.
 */
import type { Services } from '../../kernel/services.js';
import { spaceToday } from './membership.js';

/** Checks once a minute whether the space's day has changed, and then drops the bodies' pages. */
export function startDailyRefresh(services: Services, everyMs = 60_000): () => void {
  let day = spaceToday();
  const timer = setInterval(() => {
    const today = spaceToday();
    if (today === day) return;
    day = today;
    void services.events.publish([{ type: 'bodies.day_changed', tags: ['bodies', 'mandates'] }], (error) =>
      services.logger.warn({ err: error }, 'dropping the bodies pages at the change of day failed'),
    );
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
