/**
 * The working groups in the JSON API (tag `Bodies`): propose (`POST /bodies`), move through the
 * lifecycle (`POST /bodies/{id}/transitions`), join requests (`GET|POST /bodies/{id}/join-requests`,
 * `GET /join-requests/{id}`, `POST /join-requests/{id}/transitions`) and reports
 * (`GET|POST /bodies/{id}/reports`, `GET /bodies/{id}/reports/{report_id}`).
 */
import type { RouteDef } from '../../kernel/http/module.js';
import { groupApiRoutes } from './api-groups.js';
import { joinRequestApiRoutes } from './api-join-requests.js';
import { reportApiRoutes } from './api-reports.js';

export const workgroupsApiRoutes: RouteDef[] = [...groupApiRoutes, ...joinRequestApiRoutes, ...reportApiRoutes];
