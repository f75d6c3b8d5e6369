/**
 * Directory: the organisations of the space — council units and entities with their level,
 * sector families, member_of links (upward only) and representative recognition. The public
 * directory and organisation pages, the forms that keep it (admins and officials), its API,
 * and its part of the demo space.
 */
import type { TeixitModule } from '../../kernel/http/module.js';
import { csvRoutes } from './routes-csv.js';
import { viewDirectory } from './policies.js';
import { directoryRoutes } from './routes.js';
import { directoryApiRoutes } from './routes-api.js';
import { seedDirectoryDemo } from './seed.js';

export { listOrganisations, type OrganisationRow, type OrganisationWithParents } from './store.js';
export type { OrganisationKind, OrganisationLevel } from './tables.js';
export { FAMILIES, DISTRICTS, type Family, type District } from './schema.js';
export { levelLabel } from './rules.js';

export const directoryModule: TeixitModule = {
  name: 'directory',
  // Every organisation route takes `:id{[0-9]+}`, so fixed paths such as /organisations/new
  // never reach them, whatever the order.
  routes: [...csvRoutes, ...directoryRoutes, ...directoryApiRoutes],
  nav: [{ path: '/organisations', labelKey: 'directory.nav', policy: viewDirectory, order: 20 }],
  seedDemo: seedDirectoryDemo,
};
