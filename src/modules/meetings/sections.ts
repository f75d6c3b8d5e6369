/**
 * The meeting page is built from sections other parts of this module contribute (the dossier,
 * the answers to the notice, attendance and quorum, the minutes, agreements): each loads its
 * data with a fixed number of queries, whatever the meeting's size, and renders its part — a
 * block of its own, and optionally something under each agenda item.
 */
import type { Child } from 'hono/jsx';
import type { Queryable } from '../../db/types.js';
import type { Actor } from '../../kernel/policy.js';
import type { ViewContext } from '../../kernel/ui/context.js';
import type { MeetingAccess } from './store.js';
import { agreementsSection } from './section-agreements.js';
import { answersSection } from './section-answers.js';
import { attendanceSection } from './section-attendance.js';
import { dossierSection } from './section-dossier.js';
import { minutesSection } from './section-minutes.js';

export interface MeetingSection<D = unknown> {
  id: string;
  /** Lower comes first on the page. */
  order: number;
  /** Reads what the section shows: a fixed number of queries. */
  load(db: Queryable, access: MeetingAccess, actor: Actor | null): Promise<D>;
  /** The section's own block on the page (null: nothing to show). */
  render(props: { ctx: ViewContext; access: MeetingAccess; data: D }): Child;
  /** What it shows under one agenda item (agreements, its dossier entries). */
  renderForItem?(props: { ctx: ViewContext; access: MeetingAccess; data: D; itemId: number }): Child;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each section has its own data type; the page pairs load and render per section
export const MEETING_SECTIONS: readonly MeetingSection<any>[] = [answersSection, dossierSection, attendanceSection, minutesSection, agreementsSection].sort(
  (a, b) => a.order - b.order,
);
