/**
 * HTTP for people: the public profile (`/people/:id`), and the "My bodies" block of My space.
 * Both read in a fixed number of queries.
 */
import { AppError } from '../../kernel/errors.js';
import type { RouteDef } from '../../kernel/http/module.js';
import { viewContext } from '../../kernel/http/view.js';
import { publicAccess } from '../../kernel/policy.js';
import type { MySpaceHook } from '../account/index.js';
import { bodiesToWatch } from './composition.js';
import { spaceToday, standingFrom } from './membership.js';
import { activeMandatesOf, publicProfile } from './people.js';
import { BodiesToWatch, MyBodies } from './views/person-my-bodies.js';
import { PersonProfilePage } from './views/person.js';

export const peopleRoutes: RouteDef[] = [
  {
    kind: 'page',
    method: 'GET',
    path: '/people/:id{[0-9]+}',
    policy: publicAccess,
    cacheTags: ['people', 'mandates', 'bodies', 'organisations'],
    signedInCacheTags: ['people', 'mandates', 'bodies', 'organisations'],
    handler: async (c) => {
      const id = Number(c.req.param('id'));
      if (!Number.isSafeInteger(id) || id < 1) throw new AppError('not_found');
      const today = spaceToday();
      const profile = await publicProfile(c.get('services').database.db, id, today);
      return c.html(<PersonProfilePage ctx={viewContext(c)} profile={profile} today={today} />);
    },
  },
];

/**
 * My space's "My bodies": the bodies the person sits in now and, for those who manage mandates
 * (the secretariat, admins, officials, coordinators), the bodies whose composition has warnings.
 * Nothing when there is neither.
 */
export const myBodiesBlock: MySpaceHook = async (scope, ctx) => {
  if (!scope.actor) return null;
  const db = scope.services.database.db;
  const today = spaceToday();
  const mandates = await activeMandatesOf(db, scope.actor.id, today);
  const watched = await bodiesToWatch(db, scope.actor, standingFrom(mandates), today);
  if (mandates.length === 0 && watched.length === 0) return null;
  const warnings = watched.length > 0 ? <BodiesToWatch ctx={ctx} bodies={watched} /> : null;
  if (mandates.length === 0) return { order: 30, title: ctx.t('mandates.my_bodies.warnings_title'), body: warnings };
  return {
    order: 30,
    title: ctx.t('mandates.my_bodies.title'),
    body: (
      <>
        <MyBodies ctx={ctx} mandates={mandates} today={today} />
        {warnings ? (
          <>
            <h3>{ctx.t('mandates.my_bodies.warnings_title')}</h3>
            {warnings}
          </>
        ) : null}
      </>
    ),
    more: { href: ctx.href(`/people/${scope.actor.id}`), label: ctx.t('mandates.my_bodies.profile') },
  };
};
