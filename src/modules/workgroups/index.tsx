/**
 * Working groups' lifecycle: proposal with charter, the steering group's decision, joining an
 * open group, extension and closing, periodic reports, the sunset reminder, and the steering
 * group's follow-up page. The groups themselves are bodies (the bodies module's tables and
 * pages); this module owns what happens to them.
 */
import type { MySpaceModule } from '../account/index.js';
import { allows } from '../../kernel/policy.js';
import { forgetDeletedPerson } from './account-deletion.js';
import { workgroupsApiRoutes } from './api.js';
import { followUp, needingAttention } from './follow-up.js';
import { standingOfActor } from './groups.js';
import { viewFollowUp } from './policies.js';
import { followUpRoutes } from './routes-follow-up.js';
import { workgroupsPersonalData } from './personal-data.js';
import { joinRoutes } from './routes-join.js';
import { lifecycleRoutes } from './routes-lifecycle.js';
import { proposeRoutes } from './routes-propose.js';
import { reportRoutes } from './routes-reports.js';
import { startSunsetReminders } from './sunset.js';
import { CoordinatorBlock, FollowUpBlock } from './views/follow-up.js';

export { extendWorkingGroup } from './extend.js';
export { viewFollowUp } from './policies.js';
export { sendSunsetReminders, scheduleSunsetReminders } from './sunset.js';

export const workgroupsModule: MySpaceModule = {
  name: 'workgroups',
  routes: [...proposeRoutes, ...lifecycleRoutes, ...joinRoutes, ...reportRoutes, ...followUpRoutes, ...workgroupsApiRoutes],
  start: startSunsetReminders,
  personalData: workgroupsPersonalData,
  onAccountDeleted: forgetDeletedPerson,
  // What the block shows: the follow-up page's rows (see its route), and the person's standing.
  mySpaceTags: ['bodies', 'mandates', 'people', 'organisations', 'join_requests'],
  // For the steering group (and whoever else reads the follow-up): how many groups need
  // attention. For coordinators: what waits for them in each of their groups.
  mySpace: async (scope, ctx) => {
    if (!scope.actor) return null;
    const db = scope.services.database.db;
    const standing = await standingOfActor(db, scope.actor);
    const followsUp = allows(viewFollowUp, scope.actor, standing);
    if (!followsUp && standing.coordinatorOf.size === 0) return null;
    const items = await followUp(db);
    const coordinated = items.filter((item) => standing.coordinatorOf.has(item.id));
    const body = (
      <>
        {followsUp ? <FollowUpBlock ctx={ctx} items={items} /> : null}
        {coordinated.length > 0 ? (
          <>
            {followsUp ? <h3>{ctx.t('workgroups.my_space.coordinator_title')}</h3> : null}
            <CoordinatorBlock ctx={ctx} items={coordinated} />
          </>
        ) : null}
      </>
    );
    return {
      order: 40,
      title: ctx.t(followsUp ? 'workgroups.my_space.title' : 'workgroups.my_space.coordinator_title'),
      body,
      more: followsUp ? { href: ctx.href('/follow-up'), label: ctx.t('workgroups.my_space.more', { count: needingAttention(items).length }) } : undefined,
    };
  },
};
