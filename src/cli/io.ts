/**
 * What the CLI's commands share: where they write (plain lines for a person at a terminal, or a
 * test's buffer), option parsing that answers a typo with the usage, and opening the services.
 */
import type { parseArgs, ParseArgsConfig } from 'node:util';
import type { Config } from '../config.js';
import { isAppError } from '../kernel/errors.js';
import { translate } from '../kernel/i18n/index.js';
import type { Services } from '../kernel/services.js';
import { openServices } from '../services.js';

/** Where a command writes: `out` for results, `err` for problems. One call, one line or more. */
export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

/** The terminal. */
export const terminal: CliOutput = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/** Exit codes: 0 done, 1 refused or failed, 2 the command line itself was wrong. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/**
 * Parses the command line with `parse` (node's `parseArgs`, strict). On an unknown option or a
 * missing value writes the problem and `usage` to `err` and returns null (the caller exits with
 * `EXIT.usage`).
 */
export function parseOptions<T extends ParseArgsConfig>(parse: typeof parseArgs, config: T, usage: string, io: CliOutput): ReturnType<typeof parseArgs<T>> | null {
  try {
    return parse(config);
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${usage}`);
    return null;
  }
}

/** Writes `message` to `err`; returns `EXIT.failed`. */
export function fail(io: CliOutput, message: string): number {
  io.err(message);
  return EXIT.failed;
}

/**
 * Writes an expected failure plainly, in English: a validation error as one line per field
 * (`--email: …`; the n-th `--role` as `--role`), any other AppError by its catalog message, an Error by its message. Returns
 * `EXIT.failed`.
 */
export function reportFailure(io: CliOutput, error: unknown): number {
  if (isAppError(error, 'validation_failed') && Object.keys(error.fields).length > 0) {
    return fail(io, Object.entries(error.fields).map(([field, message]) => `--${field.replace(/\.\d+$/, '')}: ${message}`).join('\n'));
  }
  if (isAppError(error)) return fail(io, translate('en', error.messageKey, error.params));
  return fail(io, error instanceof Error ? error.message : String(error));
}

/** Opens the configured database (migrated) with its services, runs `fn`, and always closes it. */
export async function withServices(config: Config, fn: (services: Services) => Promise<number>): Promise<number> {
  const services = await openServices({ ...config, logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel });
  try {
    return await fn(services);
  } finally {
    await services.database.close();
  }
}
