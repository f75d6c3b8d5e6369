/**
 * "My space" is built from blocks the modules contribute: a module adds one by giving its
 * manifest a `mySpace` hook (see `MySpaceModule`). The hook returns null when it has nothing to
 * show this person, so the page only ever shows what exists.
 * @example
 * export const meetingsModule: MySpaceModule = { name: 'meetings', routes, mySpace: async (scope, ctx) => ({
 *   order: 10, title: ctx.t('meetings.mine.title'), body: <MyMeetings … />, more: { href: ctx.href('/meetings'), label: … } }) };
 */
import type { Child } from 'hono/jsx';
import type { TeixitModule } from '../../kernel/http/module.js';
import type { RequestScope } from '../../kernel/services.js';
import type { ViewContext } from '../../kernel/ui/context.js';

export interface MySpaceBlock {
  /** Lower comes first. */
  order: number;
  /** The block's heading, already translated. */
  title: string;
  /** The content, rendered with the ui kit (a task list, a short table, an empty state…). */
  body: Child;
  /** A link to the full list. */
  more?: { href: string; label: string } | undefined;
}

/** What a module's manifest gives to add a block (or several) to "My space". */
export type MySpaceHook = (scope: RequestScope, ctx: ViewContext) => Promise<MySpaceBlock | MySpaceBlock[] | null>;

/**
 * A module manifest that may contribute a block to "My space", with `mySpaceTags` naming the
 * render-cache tags of everything its block shows (beyond the person's own account), so that the
 * page can be kept for the session until one of them changes. A block without tags makes "My
 * space" render on every request.
 */
export type MySpaceModule = TeixitModule & { mySpace?: MySpaceHook; mySpaceTags?: string[] };

/** The tags of everything "My space" shows, or null when a block names none. */
export function mySpaceTags(modules: readonly MySpaceModule[]): string[] | null {
  const tags = new Set<string>();
  for (const module of modules) {
    if (!module.mySpace) continue;
    if (!module.mySpaceTags) return null;
    for (const tag of module.mySpaceTags) tags.add(tag);
  }
  return [...tags].sort();
}

/** Asks every module for its block and returns them in order. */
export async function collectMySpaceBlocks(modules: readonly MySpaceModule[], scope: RequestScope, ctx: ViewContext): Promise<MySpaceBlock[]> {
  const blocks: MySpaceBlock[] = [];
  for (const module of modules) {
    const block = module.mySpace ? await module.mySpace(scope, ctx) : null;
    if (Array.isArray(block)) blocks.push(...block);
    else if (block) blocks.push(block);
  }
  return blocks.sort((a, b) => a.order - b.order);
}
