/**
 * Every page of the meetings module that visitors' copies are kept of names what it shows: the
 * meetings, and the bodies — whose tag the change of day drops ('bodies.day_changed'), which
 * these pages need for what turns with the date (overdue action items, what is still to come,
 * today in the calendar). Only the meeting page keeps signed-in copies, with the reader's
 * mandates among its tags.
 */
import { describe, expect, it } from 'vitest';
import type { RouteDef } from '../../kernel/http/module.js';
import { meetingsModule } from './index.js';

/** A GET page or file route whose visitors' copies are kept, with its tags. */
const keptCopies = (routes: RouteDef[]): Array<[string, string[]]> =>
  routes.flatMap((route): Array<[string, string[]]> => (route.kind !== 'api' && route.method === 'GET' && route.cacheTags ? [[route.path, route.cacheTags]] : []));

describe("the meetings module's cached pages", () => {
  it('are the public pages, feeds and exports', () => {
    expect(keptCopies(meetingsModule.routes).map(([path]) => path)).toEqual(
      expect.arrayContaining(['/meetings', '/meetings/:id{[0-9]+}', '/bodies/:slug/meetings', '/meetings/:id/minutes', '/agreements', '/agreements/:id', '/calendar', '/calendar.ics']),
    );
  });

  it.each(keptCopies(meetingsModule.routes))(
    '%s names the meetings and the bodies (dropped at the change of day)',
    (_path, tags) => {
      expect(tags).toEqual(expect.arrayContaining(['meetings', 'bodies']));
    },
  );

  it('keep signed-in copies of the meeting page only, which names the reader’s mandates too', () => {
    const kept = meetingsModule.routes.filter((route) => route.kind === 'page' && route.signedInCacheTags !== undefined);
    expect(kept.map((route) => route.path)).toEqual(['/meetings/:id{[0-9]+}']);
    const [page] = kept;
    const tags = page?.kind === 'page' && typeof page.signedInCacheTags === 'function' ? page.signedInCacheTags() : null;
    expect(tags).toEqual(expect.arrayContaining(['meetings', 'bodies', 'organisations', 'people', 'mandates']));
  });
});
