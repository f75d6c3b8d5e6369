/** HTTP for the mail outbox. Thin. */
import { isAppError } from '../../kernel/errors.js';
import { scopeOf } from '../../kernel/http/env.js';
import type { RouteDef } from '../../kernel/http/module.js';
import { viewContext } from '../../kernel/http/view.js';
import { findOutboxMessages, parseOutboxQuery, readOutboxMessage } from './outbox.js';
import { idFromPath } from './people.js';
import { viewOutbox } from './policies.js';
import { OutboxMessagePage, OutboxPage } from './views/outbox.js';

export const outboxRoutes: RouteDef[] = [
  {
    kind: 'page',
    method: 'GET',
    path: '/admin/outbox',
    policy: viewOutbox,
    handler: async (c) => {
      const ctx = viewContext(c);
      const { config, database } = c.get('services');
      const smtpConfigured = config.smtpUrl !== undefined;
      const raw = c.req.query();
      const filters = { status: raw.status ?? '', to: raw.to ?? '' };
      try {
        const query = parseOutboxQuery(raw, ctx.locale);
        const result = await findOutboxMessages(database.db, query);
        return c.html(<OutboxPage ctx={ctx} smtpConfigured={smtpConfigured} filters={filters} result={result} paged={query.before !== undefined} />);
      } catch (error) {
        if (!isAppError(error, 'validation_failed')) throw error;
        return c.html(<OutboxPage ctx={ctx} smtpConfigured={smtpConfigured} filters={filters} errors={error.fields} />, 422);
      }
    },
  },
  {
    kind: 'page',
    method: 'GET',
    path: '/admin/outbox/:id',
    policy: viewOutbox,
    sample: { id: '999999' },
    handler: async (c) => {
      const message = await readOutboxMessage(scopeOf(c), { id: idFromPath(c.req.param('id')) });
      return c.html(<OutboxMessagePage ctx={viewContext(c)} smtpConfigured={c.get('services').config.smtpUrl !== undefined} message={message} />);
    },
  },
];
