/**
 * Bodies: the plenary (Àmbit Participat), the steering group (grup motor) and the working groups
 * as a tree; their public pages and composition; mandates with the space's seat rules and
 * composition warnings; people's public profiles.
 */
import type { TeixitModule } from '../../kernel/http/module.js';
import { publicAccess } from '../../kernel/policy.js';
import { bodiesApiRoutes } from './api-bodies.js';
import { bodiesPageRoutes } from './bodies-pages.js';
import { startDailyRefresh } from './bodies-refresh.js';
import { seedBodiesDemo } from './seed.js';

export { standingOf, spaceToday, NO_STANDING, type Standing } from './membership.js';
export { compositionOf, warningMessage, type Composition, type CompositionWarning } from './composition.js';
export { findBody, findBodyById, findBodyBySlug, type BodyRow } from './bodies-store.js';

export const bodiesModule: TeixitModule = {
  name: 'bodies',
  routes: [...bodiesPageRoutes, ...bodiesApiRoutes],
  nav: [{ path: '/bodies', labelKey: 'bodies.nav', policy: publicAccess, order: 30 }],
  seedDemo: seedBodiesDemo,
  start: startDailyRefresh,
};
