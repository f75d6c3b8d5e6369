/**
 * Administration: people and their global roles, disabling accounts, invitations, the audit
 * trail and the mail outbox. For administrators only; it owns no tables — it reads and changes
 * accounts through the identity module and reads the kernel's audit trail and outbox.
 */
import type { TeixitModule } from '../../kernel/http/module.js';
import { viewAdministration } from './policies.js';
import { adminRoutes } from './routes.js';

export const adminModule: TeixitModule = {
  name: 'admin',
  routes: adminRoutes,
  nav: [{ path: '/admin', labelKey: 'admin.nav', policy: viewAdministration, order: 90 }],
};
