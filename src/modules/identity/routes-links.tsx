/** How every link page answers a link that cannot be used: a page that says why, with the right status. */
import type { AppContext } from '../../kernel/http/env.js';
import { viewContext } from '../../kernel/http/view.js';
import { linkProblemOf } from './links.js';
import { LinkProblemPage, type LinkUse } from './views/links.js';

/** A sample token for the route × persona test: well formed, and never a real link. */
export const SAMPLE_TOKEN = { token: 'not-a-real-link-token-000000000000000000000' };

/**
 * The answer to `error` when it is a link problem — 410 Gone for a used or expired link, 404
 * for one that never existed — or null for any other error (the caller rethrows it).
 */
export function linkProblemResponse(c: AppContext, error: unknown, use: LinkUse): Response | Promise<Response> | null {
  const reason = linkProblemOf(error);
  if (!reason) return null;
  c.header('Cache-Control', 'no-store');
  c.status(reason === 'unknown' ? 404 : 410);
  return c.html(<LinkProblemPage ctx={viewContext(c)} reason={reason} use={use} />);
}
