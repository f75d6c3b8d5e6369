/**
 * Bodies: the plenary (Àmbit Participat), the steering group (grup motor) and the working groups
 * as a tree; their public pages and composition; mandates with the space's seat rules and
 * composition warnings; people's public profiles.
 */
import type { TeixitModule } from '../../kernel/http/module.js';
import { seedBodiesDemo } from './seed.js';

export const bodiesModule: TeixitModule = {
  name: 'bodies',
  routes: [],
  seedDemo: seedBodiesDemo,
};
