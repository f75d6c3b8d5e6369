/** Every route of the administration, and its front page. */
import type { RouteDef } from '../../kernel/http/module.js';
import { viewContext } from '../../kernel/http/view.js';
import { auditRoutes } from './audit-routes.js';
import { invitationRoutes } from './invitation-routes.js';
import { outboxRoutes } from './outbox-routes.js';
import { peopleRoutes } from './people-routes.js';
import { viewAdministration } from './policies.js';
import { AdministrationPage } from './views/overview.js';

export const adminRoutes: RouteDef[] = [
  {
    kind: 'page',
    method: 'GET',
    path: '/admin',
    policy: viewAdministration,
    handler: (c) => c.html(<AdministrationPage ctx={viewContext(c)} smtpConfigured={c.get('services').config.smtpUrl !== undefined} />),
  },
  ...peopleRoutes,
  ...invitationRoutes,
  ...auditRoutes,
  ...outboxRoutes,
];
