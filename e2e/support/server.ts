/**
 * Server side of the journeys: runs the real `node bin/teixit.js serve` as a child process on a
 * free port with a fresh data directory, and (for PostgreSQL runs) makes scratch databases.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const READY_TIMEOUT_MS = 90_000; // a fresh PGlite data directory takes a while to initialise
const STOP_TIMEOUT_MS = 10_000;

/** Options for startServer. */
export interface StartOptions {
  /** Extra environment for the server (e.g. TEIXIT_DEMO=off, DATABASE_URL=…); wins over the defaults. */
  env?: Record<string, string | undefined>;
  /** How long to wait for GET /healthz to answer 200 (default 90 s). */
  readyTimeoutMs?: number;
  /** The script run as `node <script> serve` (default bin/teixit.js; for testing the harness). */
  script?: string;
}

/** A running server. */
export interface TestServer {
  /** Base URL without trailing slash, e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  /** The server's TEIXIT_DATA_DIR (a fresh temporary directory, removed by stop()). */
  dataDir: string;
  /** Everything the current process printed on stdout so far (reset by restart()). */
  stdout(): string;
  /** Everything the current process printed on stderr so far (reset by restart()). */
  stderr(): string;
  /** Waits until stdout+stderr of the current process match `pattern`; returns the match. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Sends a signal and waits for the process to exit; keeps the data directory. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Stops the server (SIGTERM, then SIGKILL after 10 s) and removes its data directory. */
  stop(): Promise<void>;
  /** Stops the process if running and starts it again on the same port and data directory. */
  restart(): Promise<void>;
}

/** Finds a free TCP port on 127.0.0.1 by binding port 0 and letting it go. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts `node bin/teixit.js serve` with PORT (free), HOST=127.0.0.1, TEIXIT_DATA_DIR (fresh
 * temporary directory) plus `env`, and resolves once GET /healthz answers 200. Rejects with the
 * server's output if it exits or is not ready in time. Always `await server.stop()` in afterAll.
 */
export async function startServer(options: StartOptions = {}): Promise<TestServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'teixit-e2e-'));
  const url = `http://127.0.0.1:${port}`;
  // A DATABASE_URL from the developer's shell must not leak in: PGlite unless the caller says.
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const env: NodeJS.ProcessEnv = {
    ...inherited, PORT: String(port), HOST: '127.0.0.1', TEIXIT_DATA_DIR: dataDir, ...options.env,
  };
  let child: ChildProcess | undefined;
  let out = '';
  let err = '';
  const killOnExit = () => child?.kill('SIGKILL');
  process.once('exit', killOnExit); // never leave a server behind a crashed test run

  const launch = async () => {
    out = '';
    err = '';
    const proc = spawn(process.execPath, [options.script ?? 'bin/teixit.js', 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    proc.stdout?.setEncoding('utf8').on('data', (d: string) => { out += d; });
    proc.stderr?.setEncoding('utf8').on('data', (d: string) => { err += d; });
    await waitUntilReady(proc, url, options.readyTimeoutMs ?? READY_TIMEOUT_MS, () => describe());
  };
  const describe = () => `--- stdout ---\n${out}\n--- stderr ---\n${err}`;
  const kill = async (signal: NodeJS.Signals = 'SIGTERM') => {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill(signal);
    const timer = setTimeout(() => proc.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };

  const server: TestServer = {
    url,
    port,
    dataDir,
    stdout: () => out,
    stderr: () => err,
    waitForOutput: (pattern, timeoutMs = 30_000) => waitForOutput(() => out + err, pattern, timeoutMs),
    kill,
    async stop() {
      await kill('SIGTERM');
      process.removeListener('exit', killOnExit);
      rmSync(dataDir, { recursive: true, force: true });
    },
    async restart() {
      await kill('SIGTERM');
      await launch();
    },
  };
  try {
    await launch();
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

/** Polls GET /healthz until it answers 200; fails early if the process exits. */
async function waitUntilReady(proc: ChildProcess, url: string, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exit: string | undefined;
  proc.once('exit', (code, signal) => { exit = `exited with ${signal ?? `code ${code}`}`; });
  proc.once('error', (e) => { exit = `failed to start: ${e.message}`; });
  while (Date.now() < deadline) {
    if (exit) throw new Error(`teixit serve ${exit} before /healthz answered\n${output()}`);
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  proc.kill('SIGKILL');
  throw new Error(`teixit serve: /healthz did not answer 200 within ${timeoutMs} ms\n${output()}`);
}

/** Waits until `text()` matches `pattern`. */
async function waitForOutput(text: () => string, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = text().match(pattern);
    if (match) return match;
    if (Date.now() >= deadline) throw new Error(`server output did not match ${pattern} within ${timeoutMs} ms:\n${text()}`);
    await sleep(100);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A database made for one test file, and how to get rid of it. */
export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * Creates a fresh, uniquely named database on TEST_DATABASE_URL's server and returns its URL
 * (pass it to startServer as DATABASE_URL) and a drop() for afterAll. Throws when
 * TEST_DATABASE_URL is not set: check `process.env.TEST_DATABASE_URL` before calling.
 */
export async function createScratchPostgresDatabase(): Promise<ScratchDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set: no PostgreSQL server to make a scratch database on');
  const name = `teixit_e2e_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  await withClient(adminUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

/** Runs `fn` with a connected pg client, closing it afterwards. */
async function withClient<T>(connectionString: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The database a journey's server runs on, chosen as the unit tests choose theirs. */
export interface JourneyDatabase {
  /** `pglite` or `postgres`. */
  engine: 'pglite' | 'postgres';
  /**
   * Environment for startServer: on PostgreSQL, DATABASE_URL of a scratch database; on PGlite,
   * nothing, or TEIXIT_DEMO=on|off as asked (the server loads the demo itself at its first start).
   */
  env: Record<string, string>;
  /** Drops the scratch database (nothing to do on PGlite); call in afterAll after stopping the server. */
  drop(): Promise<void>;
}

/**
 * PGlite by default, as `npm test`'s e2e leg runs; with `TEIXIT_TEST_DB=postgres` and
 * TEST_DATABASE_URL set (as for the unit tests' `pg` leg), a scratch PostgreSQL database instead,
 * so a journey can be run on both engines:
 *   TEIXIT_TEST_DB=postgres TEST_DATABASE_URL=postgres://… npx vitest run --config vitest.e2e.config.ts e2e/x.e2e.ts
 * With `demo`, the journey's server starts on the demo space on either engine: the server loads it
 * into a new PGlite database by itself, and a PostgreSQL one gets it from `teixit seed --demo` here.
 */
export async function journeyDatabase(options: { demo?: boolean } = {}): Promise<JourneyDatabase> {
  const demo = options.demo ?? false;
  if (process.env.TEIXIT_TEST_DB !== 'postgres') {
    return { engine: 'pglite', env: { TEIXIT_DEMO: demo ? 'on' : 'off' }, drop: async () => undefined };
  }
  const scratch = await createScratchPostgresDatabase();
  try {
    if (demo) await runCli(['seed', '--demo'], { DATABASE_URL: scratch.url });
  } catch (error) {
    await scratch.drop();
    throw error;
  }
  return { engine: 'postgres', env: { DATABASE_URL: scratch.url, TEIXIT_DEMO: 'off' }, drop: scratch.drop };
}

/** Runs `node bin/teixit.js <args>` with a throwaway data directory and `env`; rejects with its output unless it exits 0. */
function runCli(args: string[], env: Record<string, string>): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'teixit-e2e-cli-'));
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  return new Promise<void>((resolve, reject) => {
    const proc = spawn(process.execPath, ['bin/teixit.js', ...args], { cwd: ROOT, env: { ...inherited, TEIXIT_DATA_DIR: dataDir, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    proc.stdout?.setEncoding('utf8').on('data', (d: string) => { output += d; });
    proc.stderr?.setEncoding('utf8').on('data', (d: string) => { output += d; });
    proc.once('error', reject);
    proc.once('exit', (code) => {
      rmSync(dataDir, { recursive: true, force: true });
      if (code === 0) resolve();
      else reject(new Error(`teixit ${args.join(' ')} exited with code ${code}:\n${output}`));
    });
  });
}
