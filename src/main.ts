/**
 * The `teixit` command line: serve | migrate | seed | user | token | audit | backup | restore.
 * Each command reads the same configuration as the server (environment, see .env.example).
 */
import { parseArgs } from 'node:util';
import { loadConfig, type Config } from './config.js';
import { commands } from './cli/index.js';

const USAGE = `Usage: teixit <command> [options]

Commands:
  serve                                   run the web server (the default)
  migrate                                 apply pending database migrations
  seed --demo                             load the demo space into the database
  user create --email E --name N [--role admin|official]... [--password P] [--locale ca|es|en]
                                          create an account (without --password, prints a link to set one)
  token create --email E [--name N]       create an API token; prints it alone on the last line
  organisations import FILE.csv [--skip-invalid] [--dry-run] [--locale ca|es|en]
                                          import organisations from a CSV file; prints the report
  audit verify                            check the audit trail's hash chain
  backup <file>                           write a consistent copy of the whole database
  restore <file>                          load a backup into an empty database
`;

async function main(argv: string[]): Promise<number> {
  const [name = 'serve', ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`Unknown command "${name}".\n\n${USAGE}`);
    return 2;
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  return command(config, rest, parseArgs);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== -1) process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
