/** HTTP for the audit trail and its chain check. Thin. */
import { auditActions, verifyAuditChain } from '../../kernel/audit/index.js';
import { isAppError } from '../../kernel/errors.js';
import type { RouteDef } from '../../kernel/http/module.js';
import { viewContext } from '../../kernel/http/view.js';
import { findAuditEntries, parseAuditQuery } from './audit.js';
import { verifyAudit, viewAudit } from './policies.js';
import { AuditTrailPage, ChainReportPage, type AuditFilterValues } from './views/audit.js';

export const auditRoutes: RouteDef[] = [
  {
    kind: 'page',
    method: 'GET',
    path: '/admin/audit',
    policy: viewAudit,
    handler: async (c) => {
      const ctx = viewContext(c);
      const { db } = c.get('services').database;
      const raw = c.req.query();
      const filters: AuditFilterValues = {
        actor: raw.actor ?? '',
        action: raw.action ?? '',
        from: raw.from ?? '',
        to: raw.to ?? '',
        subject_type: raw.subject_type ?? '',
        subject_id: raw.subject_id ?? '',
      };
      try {
        const query = parseAuditQuery(raw, ctx.locale);
        const result = await findAuditEntries(db, query);
        return c.html(<AuditTrailPage ctx={ctx} filters={filters} result={result} paged={query.before !== undefined} />);
      } catch (error) {
        if (!isAppError(error, 'validation_failed')) throw error;
        return c.html(<AuditTrailPage ctx={ctx} filters={filters} actions={await auditActions(db)} errors={error.fields} />, 422);
      }
    },
  },
  {
    kind: 'page',
    method: 'GET',
    path: '/admin/audit/verify',
    policy: verifyAudit,
    handler: async (c) => {
      const report = await verifyAuditChain(c.get('services').database.db);
      return c.html(<ChainReportPage ctx={viewContext(c)} report={report} />);
    },
  },
];
