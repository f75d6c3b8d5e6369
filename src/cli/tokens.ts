/**
 * `teixit token create`: a personal API token for a script or another system, made by whoever
 * runs the server. It is printed alone on the last line (so `| tail -n 1` captures it) and only
 * its SHA-256 is stored; it acts as its person on `/api/v1` until revoked on their account page.
 */
import { z } from 'zod';
import { appendAudit } from '../kernel/audit/index.js';
import { randomToken, sha256 } from '../kernel/crypto.js';
import type { Services } from '../kernel/services.js';
import { validate } from '../kernel/validation.js';
import { emailField, findUserByEmail, insertApiToken } from '../modules/identity/index.js';
import { EXIT, fail, parseOptions, reportFailure, terminal, withServices, type CliOutput } from './io.js';
import type { CliCommand } from './index.js';

const USAGE = `Usage: teixit token create --email E [--name N]

Creates a personal API token for the account with that e-mail and prints it alone on the last
line. Use it as "Authorization: Bearer <token>" on /api/v1; revoke it on the account page.`;

const createTokenSchema = z.object({
  email: emailField,
  name: z.string().trim().min(1).max(100).optional(),
});

/**
 * Creates the token and writes it, alone, as the last line of `io.out`. Refuses an unknown
 * e-mail and an account that is not active. The audit entry names "cli" as its actor.
 */
export async function createTokenFromCli(services: Services, raw: { email?: string | undefined; name?: string | undefined }, io: CliOutput): Promise<number> {
  try {
    const input = validate(createTokenSchema, raw, 'en');
    const name = input.name ?? `Created with the CLI on ${new Date().toISOString().slice(0, 10)}`;
    const user = await findUserByEmail(services.database.db, input.email);
    if (!user) return fail(io, `No account has the e-mail ${input.email}. Create one with "teixit user create".`);
    if (user.status !== 'active') return fail(io, `The account of ${input.email} is ${user.status}: a token of it would not work.`);
    const token = `tx_${randomToken(32)}`;
    await services.database.db.transaction().execute(async (trx) => {
      const row = await insertApiToken(trx, { user_id: user.id, name, token_hash: sha256(token) });
      await appendAudit(
        trx,
        { action: 'account.create_api_token', subjectType: 'api_token', subjectId: row.id, after: { name, user: user.id } },
        { actorId: null, actorName: 'cli', requestId: null },
      );
    });
    io.out(`Created the API token "${name}" for ${user.name}. It acts as them on ${services.config.publicUrl}/api/v1`);
    io.out('(header "Authorization: Bearer <token>") until revoked on their account page. Keep it secret: it is shown only now.');
    io.out(token);
    return EXIT.ok;
  } catch (error) {
    return reportFailure(io, error);
  }
}

/** `teixit token create …` */
export const tokenCommand: CliCommand = async (config, args, parse) => {
  const parsed = parseOptions(
    parse,
    { args, allowPositionals: true, strict: true, options: { email: { type: 'string' }, name: { type: 'string' } } },
    USAGE,
    terminal,
  );
  if (!parsed) return EXIT.usage;
  if (parsed.positionals.length !== 1 || parsed.positionals[0] !== 'create') {
    terminal.err(USAGE);
    return EXIT.usage;
  }
  return withServices(config, (services) => createTokenFromCli(services, parsed.values, terminal));
};
