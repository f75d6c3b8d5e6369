/**
 * The JSON API's own resources (`/api/v1/me`) and the problem schema API routes document their
 * errors with. The OpenAPI document itself is served by `src/app.ts` from every API route.
 */
import type { TeixitModule } from '../../kernel/http/module.js';
import { apiRoutes } from './routes.js';

export { ProblemSchema, problemResponse } from './schemas.js';

export const apiModule: TeixitModule = {
  name: 'api',
  routes: apiRoutes,
};
