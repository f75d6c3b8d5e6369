/**
 * Sections other modules add to a body's page (its meetings, agreements and calendar come from
 * the meetings module), so the bodies module needs to know nothing of them. Each loads what it
 * shows with a fixed number of queries and renders one block; the page's render-cache tags must
 * name what they show (see the body page's route).
 */
import type { Child } from 'hono/jsx';
import type { Queryable } from '../../db/types.js';
import type { Actor } from '../../kernel/policy.js';
import type { ViewContext } from '../../kernel/ui/context.js';
import type { BodyRow } from './bodies-store.js';
import type { Standing } from './membership.js';

export interface BodyPageSection<D = unknown> {
  id: string;
  /** Reads what the block shows: a fixed number of queries, whatever the body's size. */
  load(db: Queryable, body: BodyRow, actor: Actor | null, standing: Standing): Promise<D>;
  render(props: { ctx: ViewContext; body: BodyRow; data: D }): Child;
}

/** A section's data, paired with the section that reads and renders it. */
export interface LoadedBodySection {
  section: BodyPageSection;
  data: unknown;
}

const sections: BodyPageSection[] = [];

/** Adds a section to every body's page (once per id: a module imported twice registers once). */
export function registerBodyPageSection<D>(section: BodyPageSection<D>): void {
  if (sections.some((existing) => existing.id === section.id)) return;
  sections.push(section as BodyPageSection);
}

/** Loads every registered section for a body, one after another (PGlite has one session). */
export async function loadBodyPageSections(db: Queryable, body: BodyRow, actor: Actor | null, standing: Standing): Promise<LoadedBodySection[]> {
  const loaded: LoadedBodySection[] = [];
  for (const section of sections) loaded.push({ section, data: await section.load(db, body, actor, standing) });
  return loaded;
}
