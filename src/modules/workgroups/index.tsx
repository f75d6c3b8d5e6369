/**
 * Working groups' lifecycle: proposal with charter, the steering group's decision, joining an
 * open group, extension and closing, periodic reports, the sunset reminder, and the steering
 * group's follow-up page. The groups themselves are bodies (the bodies module's tables and
 * pages); this module owns what happens to them.
 */
import type { MySpaceModule } from '../account/index.js';
import { allows } from '../../kernel/policy.js';
import { workgroupsApiRoutes } from './api.js';
import { followUp, needingAttention } from './follow-up.js';
import { standingOfActor } from './groups.js';
import { viewFollowUp } from './policies.js';
import { followUpRoutes } from './routes-follow-up.js';
import { joinRoutes } from './routes-join.js';
import { lifecycleRoutes } from './routes-lifecycle.js';
import { proposeRoutes } from './routes-propose.js';
import { reportRoutes } from './routes-reports.js';
import { startSunsetReminders } from './sunset.js';
import { FollowUpBlock } from './views/follow-up.js';

export { extendWorkingGroup } from './extend.js';
export { sendSunsetReminders, scheduleSunsetReminders } from './sunset.js';

export const workgroupsModule: MySpaceModule = {
  name: 'workgroups',
  routes: [...proposeRoutes, ...lifecycleRoutes, ...joinRoutes, ...reportRoutes, ...followUpRoutes, ...workgroupsApiRoutes],
  start: startSunsetReminders,
  // For the steering group (and whoever else reads the follow-up): how many groups need attention.
  mySpace: async (scope, ctx) => {
    const db = scope.services.database.db;
    if (!allows(viewFollowUp, scope.actor, await standingOfActor(db, scope.actor))) return null;
    const items = await followUp(db);
    return {
      order: 40,
      title: ctx.t('workgroups.my_space.title'),
      body: <FollowUpBlock ctx={ctx} items={items} />,
      more: { href: ctx.href('/follow-up'), label: ctx.t('workgroups.my_space.more', { count: needingAttention(items).length }) },
    };
  },
};
