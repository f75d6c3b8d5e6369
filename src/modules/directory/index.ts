/**
 * Directory: the organisations of the space — council units and entities with their level,
 * sector families, member_of links and representative recognition. Its pages and API come
 * with issue 3; for now it holds the tables and loads its part of the demo space.
 */
import type { TeixitModule } from '../../kernel/http/module.js';
import { seedDirectoryDemo } from './seed.js';

export { listOrganisations, type OrganisationRow, type OrganisationWithParents } from './store.js';
export type { OrganisationKind, OrganisationLevel } from './tables.js';

export const directoryModule: TeixitModule = {
  name: 'directory',
  routes: [],
  seedDemo: seedDirectoryDemo,
};
