/**
 * Bodies: the plenary (Àmbit Participat), the steering group (grup motor) and the working groups
 * as a tree; their public pages and composition; mandates with the space's seat rules and
 * composition warnings; people's public profiles.
 */
import type { MySpaceModule } from '../account/index.js';
import { publicAccess } from '../../kernel/policy.js';
import { endMandatesOfDeletedPerson } from './account-deletion.js';
import { bodiesApiRoutes } from './api-bodies.js';
import { bodiesPageRoutes } from './bodies-pages.js';
import { mandatesApiRoutes } from './api-mandates.js';
import { peopleApiRoutes } from './api-people.js';
import { mandatesPersonalData } from './people.js';
import { mandateRoutes } from './routes-mandates.js';
import { myBodiesBlock, peopleRoutes } from './routes-people.js';
import { startDailyRefresh } from './bodies-refresh.js';
import { seedBodiesDemo } from './seed.js';

export { standingOf, spaceToday, NO_STANDING, type Standing } from './membership.js';
export { compositionOf, warningMessage, type Composition, type CompositionWarning, type WarningAudience } from './composition.js';
export { findBody, findBodyById, findBodyBySlug, type BodyRow } from './bodies-store.js';
export { activeMandatesOf, type PersonMandate } from './people.js';
export { addMandateInTx, type MandateInput } from './mandates.js';
export { registerBodyPageSection, type BodyPageSection } from './page-sections.js';

export const bodiesModule: MySpaceModule = {
  name: 'bodies',
  routes: [...bodiesPageRoutes, ...mandateRoutes, ...peopleRoutes, ...bodiesApiRoutes, ...mandatesApiRoutes, ...peopleApiRoutes],
  mySpace: myBodiesBlock,
  // The person's mandates, and the composition warnings of the bodies they manage.
  mySpaceTags: ['bodies', 'mandates', 'people', 'organisations'],
  personalData: mandatesPersonalData,
  onAccountDeleted: endMandatesOfDeletedPerson,
  nav: [{ path: '/bodies', labelKey: 'bodies.nav', policy: publicAccess, order: 30 }],
  seedDemo: seedBodiesDemo,
  start: startDailyRefresh,
};
