/** The public site's own pages (home, accessibility statement, privacy) and the health check. */
import type { TeixitModule } from '../../kernel/http/module.js';
import { siteRoutes } from './routes.js';

export const siteModule: TeixitModule = {
  name: 'site',
  routes: siteRoutes,
};
