/**
 * Every write is a command: input → validate (zod) → transaction { load → authorize (named
 * policy) → change → audit entry } → events after commit. A command that throws changes nothing.
 */
import type { z } from 'zod';
import type { Trx } from '../db/types.js';
import { appendAudit, type AuditInput } from './audit/index.js';
import type { AppEvent } from './events.js';
import { enqueueMail, type MailMessage } from './mail/index.js';
import { enqueueJob, type EnqueueOptions } from './jobs/index.js';
import { authorize, type Policy } from './policy.js';
import type { RequestScope } from './services.js';
import { validate } from './validation.js';

/** What a command's body works with: the transaction, and ways to record what it did. */
export interface CommandTx {
  trx: Trx;
  scope: RequestScope;
  audit(entry: AuditInput): Promise<void>;
  emit(event: AppEvent): void;
  mail(message: MailMessage): Promise<number>;
  job(kind: string, payload: Record<string, unknown>, options?: EnqueueOptions): Promise<void>;
}

export interface CommandSpec<S extends z.ZodType, Resource, Result> {
  /** The action's name, also the default audit action: `account.update_profile`. */
  name: string;
  input: S;
  policy: Policy<Resource>;
  /** Loads what the policy judges (the record being changed); runs inside the transaction. */
  load?: (tx: CommandTx, input: z.output<S>) => Promise<Resource>;
  run: (tx: CommandTx, input: z.output<S>, resource: Resource) => Promise<Result>;
}

export type Command<S extends z.ZodType, Result> = (scope: RequestScope, input: z.input<S> | unknown) => Promise<Result>;

/**
 * Defines a command. Call it with the request scope and raw input.
 * @example
 * const renameMe = defineCommand({ name: 'account.rename', input: z.object({ name: z.string() }),
 *   policy: signedIn, run: async (tx, input) => { ...; await tx.audit({ ... }); } });
 * await renameMe(scope, { name: 'Núria' });
 */
export function defineCommand<S extends z.ZodType, Resource = void, Result = void>(
  spec: CommandSpec<S, Resource, Result>,
): Command<S, Result> {
  return async (scope, rawInput) => {
    const input = validate(spec.input, rawInput, scope.locale);
    const events: AppEvent[] = [];
    const result = await scope.services.database.db.transaction().execute(async (trx) => {
      const tx: CommandTx = {
        trx,
        scope,
        audit: (entry) =>
          appendAudit(trx, entry, { actorId: scope.actor?.id ?? null, actorName: scope.actor?.name ?? null, requestId: scope.requestId }),
        emit: (event) => {
          events.push(event);
        },
        mail: (message) => enqueueMail(trx, scope.services, message),
        job: (kind, payload, options) => enqueueJob(trx, kind, payload, options),
      };
      const resource = spec.load ? await spec.load(tx, input) : (undefined as Resource);
      authorize(spec.policy, scope.actor, resource);
      return spec.run(tx, input, resource);
    });
    await scope.services.events.publish(events, (error, event) =>
      scope.services.logger.error({ err: error, event: event.type }, 'event handler failed'),
    );
    return result;
  };
}
