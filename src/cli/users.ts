/**
 * `teixit user create`: an account made by whoever runs the server, e.g. the first
 * administrator of a server database. With `--password` the person can sign in at once; without
 * it they get an invitation link (valid 7 days) to set their own — safer, as a password typed on
 * a command line stays in the shell's history.
 */
import { z } from 'zod';
import { appendAudit } from '../kernel/audit/index.js';
import { LOCALES, translate } from '../kernel/i18n/index.js';
import type { Services } from '../kernel/services.js';
import { validate } from '../kernel/validation.js';
import {
  absoluteUrl, emailField, findUserByEmail, hashPassword, insertUser, issueLink, nameField, passwordProblem, requiresTwoFactor,
} from '../modules/identity/index.js';
import { EXIT, fail, parseOptions, reportFailure, terminal, withServices, type CliOutput } from './io.js';
import type { CliCommand } from './index.js';

const USAGE = `Usage: teixit user create --email E --name N [--role admin|official]... [--password P] [--locale ca|es|en]

Creates an account. Without --password it prints a link, valid for 7 days, with which the
person sets their own password. Administrators and officials enrol in two-factor
authentication on their first sign-in.`;

const createUserSchema = z.object({
  email: emailField,
  name: nameField,
  role: z.array(z.enum(['admin', 'official'], { error: 'identity.invite.role_invalid' })).transform((roles) => [...new Set(roles)]),
  password: z.string().optional(),
  locale: z.enum(LOCALES, { error: 'identity.invite.locale_invalid' }).default('ca'),
});

/** What the command line gave, before validation. */
export interface CreateUserInput {
  email?: string | undefined;
  name?: string | undefined;
  role?: string[] | undefined;
  password?: string | undefined;
  locale?: string | undefined;
}

/**
 * Creates the account and writes what happened (and the invitation link, when no password was
 * given) to `io`. Refuses, changing nothing, a bad field, a weak password or a taken e-mail.
 * The audit entry names "cli" as its actor. Returns the exit code.
 */
export async function createUserFromCli(services: Services, raw: CreateUserInput, io: CliOutput): Promise<number> {
  try {
    const input = validate(createUserSchema, raw, 'en');
    if (input.password !== undefined) {
      const problem = passwordProblem(input.password, { email: input.email, name: input.name });
      if (problem) return fail(io, `--password: ${translate('en', problem)}`);
    }
    const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
    const created = await services.database.db.transaction().execute(async (trx) => {
      if (await findUserByEmail(trx, input.email)) return null;
      const user = await insertUser(trx, {
        email: input.email,
        name: input.name,
        locale: input.locale,
        password_hash: passwordHash,
        roles: input.role,
        // Whoever runs the server vouches for the address; an invited person proves it by using the link.
        email_verified_at: passwordHash ? new Date() : null,
      });
      const token = passwordHash ? null : await issueLink(trx, 'invite', { userId: user.id, email: input.email });
      await appendAudit(
        trx,
        { action: 'identity.create_user', subjectType: 'user', subjectId: user.id, after: { name: user.name, roles: user.roles, locale: user.locale, invited: token !== null } },
        { actorId: null, actorName: 'cli', requestId: null },
      );
      return { user, token };
    });
    if (!created) return fail(io, `An account with the e-mail ${input.email} already exists. Nothing was changed.`);

    const { user, token } = created;
    const roles = user.roles.length > 0 ? user.roles.join(', ') : 'none (a participant)';
    io.out(`Created the account of ${user.name} <${input.email}> (id ${user.id}; global roles: ${roles}).`);
    if (token) {
      io.out(`\nSend them this link to set their password. It works once, for 7 days:\n\n  ${absoluteUrl(services, user.locale, `/invitation/${token}`)}\n`);
    } else {
      io.out(`They can sign in at ${absoluteUrl(services, user.locale, '/sign-in')}.`);
    }
    if (requiresTwoFactor(user)) io.out('On their first sign-in they will be asked to enrol in two-factor authentication (an authenticator app).');
    return EXIT.ok;
  } catch (error) {
    return reportFailure(io, error);
  }
}

/** `teixit user create …` */
export const userCommand: CliCommand = async (config, args, parse) => {
  const parsed = parseOptions(
    parse,
    {
      args,
      allowPositionals: true,
      strict: true,
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string', multiple: true },
        password: { type: 'string' },
        locale: { type: 'string' },
      },
    },
    USAGE,
    terminal,
  );
  if (!parsed) return EXIT.usage;
  if (parsed.positionals.length !== 1 || parsed.positionals[0] !== 'create') {
    terminal.err(USAGE);
    return EXIT.usage;
  }
  const { email, name, role, password, locale } = parsed.values;
  return withServices(config, (services) => createUserFromCli(services, { email, name, role: role ?? [], password, locale }, terminal));
};
