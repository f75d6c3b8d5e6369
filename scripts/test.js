#!/usr/bin/env node
/**
 * `npm test`: every check a contributor keeps green, in order, going on after failures:
 *   types  tsc --noEmit -p .                          (counts as 1 test)
 *   lint   eslint .                                   (counts as 1 test)
 *   unit   vitest run, TEIXIT_TEST_DB=pglite
 *   pg     vitest run, TEIXIT_TEST_DB=postgres        (only when TEST_DATABASE_URL is set;
 *                                                    the property tests send 250 inputs per
 *                                                    endpoint here, 1,000 on PGlite, unless
 *                                                    PROPERTY_RUNS says otherwise)
 *   e2e    vitest run --config vitest.e2e.config.ts   (only when /usr/bin/chromium exists)
 * and ends with the line `N passed, N failed`. Exit code 0 only when nothing failed and
 * something ran.
 *
 *   npm test -- src/kernel          extra arguments go to every vitest leg (filters, -t …)
 *   TEIXIT_TEST_LEGS=unit,e2e       run only these legs
 *   TEIXIT_TEST_BUDGET_MIN=80       wall-clock budget for the whole run (default 80 min):
 *                                   a leg still running then is killed and counted failed
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => join(root, 'node_modules', '.bin', name);
const CHROMIUM = '/usr/bin/chromium';
const ALL_LEGS = ['types', 'lint', 'unit', 'pg', 'e2e'];

const filters = process.argv.slice(2);
const legs = (process.env.TEIXIT_TEST_LEGS ?? ALL_LEGS.join(','))
  .split(',').map((s) => s.trim()).filter(Boolean);
const unknown = legs.filter((l) => !ALL_LEGS.includes(l));
const budgetMs = Number(process.env.TEIXIT_TEST_BUDGET_MIN ?? 80) * 60_000;
const deadline = Date.now() + budgetMs;
const countsDir = mkdtempSync(join(tmpdir(), 'teixit-test-counts-'));

/** Per-leg results, printed as a summary before the closing line. */
const results = [];
/** Legs not run, with the reason, repeated in the summary. */
const notRun = [];
let current = null; // the running child, to kill on Ctrl-C

/** Prints a message nobody can miss. */
function loud(message) {
  const bar = '!'.repeat(78);
  console.log(`\n${bar}\n!! ${message}\n${bar}\n`);
}

/**
 * Runs a command in its own process group (so the whole tree can be killed), inheriting
 * stdio unless `capture` is set. Resolves to { code, output, timedOut }.
 */
function run(cmd, args, { env = process.env, capture = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd: root, env, detached: true, stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    current = child;
    let output = '';
    if (capture) {
      child.stdout.on('data', (d) => { output += d; });
      child.stderr.on('data', (d) => { output += d; });
    }
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child, 'SIGTERM');
      setTimeout(() => killGroup(child, 'SIGKILL'), 10_000).unref();
    }, Math.max(0, deadline - Date.now()));
    child.on('error', (err) => { output += String(err); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      killGroup(child, 'SIGKILL'); // whatever the leg left behind (servers, browsers)
      current = null;
      resolve({ code: code ?? (signal ? 128 : 1), output, timedOut });
    });
  });
}

/** Sends a signal to a child's whole process group, ignoring one that is gone. */
function killGroup(child, signal) {
  try { process.kill(-child.pid, signal); } catch { /* already gone */ }
}

/** Records a result and prints a one-line status for the leg. */
function record(leg, passed, failed, skipped = 0, note = '') {
  results.push({ leg, passed, failed, skipped, note });
  const status = failed > 0 ? 'FAILED' : 'ok';
  console.log(`\n[${leg}] ${status}: ${passed} passed, ${failed} failed, ${skipped} skipped${note ? ` (${note})` : ''}\n`);
}

/** A leg that counts as one test: passes when the command exits 0. */
async function singleLeg(leg, cmd, args, { printOnSuccess = false } = {}) {
  console.log(`\n=== ${leg}: ${[cmd.replace(root, ''), ...args].join(' ')}`);
  const r = await run(cmd, args, { capture: true });
  if (r.code !== 0 || printOnSuccess) process.stdout.write(r.output);
  if (r.timedOut) record(leg, 0, 1, 0, 'killed: out of time');
  else if (r.code === 0) record(leg, 1, 0);
  else record(leg, 0, 1, 0, `exit code ${r.code}`);
}

/** A vitest leg: runs vitest with the count reporter and adds up what it wrote. */
async function vitestLeg(leg, configArgs, extraEnv) {
  const countsFile = join(countsDir, `${leg}.json`);
  const args = ['run', ...configArgs, ...filters];
  console.log(`\n=== ${leg}: vitest ${args.join(' ')} (${Object.entries(extraEnv).map(([k, v]) => `${k}=${v}`).join(' ')})`);
  const env = { ...process.env, ...extraEnv, TEIXIT_TEST_COUNTS_FILE: countsFile };
  const r = await run(bin('vitest'), args, { env });
  let counts = null;
  try { counts = JSON.parse(readFileSync(countsFile, 'utf8')); } catch { /* no report */ }
  if (r.timedOut) {
    record(leg, counts?.passed ?? 0, (counts?.failed ?? 0) + 1, counts?.skipped ?? 0, 'killed: out of time');
  } else if (!counts) {
    record(leg, 0, 1, 0, `vitest wrote no counts (exit code ${r.code})`);
  } else {
    let { failed } = counts;
    const notes = [...(counts.notes ?? [])];
    if (r.code !== 0 && failed === 0) { failed = 1; notes.push(`vitest exited with code ${r.code}`); }
    record(leg, counts.passed, failed, counts.skipped, notes.join('; '));
  }
}

/** Notes a leg that could not run here, loudly now and again in the summary. */
function skipLeg(leg, message) {
  loud(message);
  notRun.push(`${leg}: ${message}`);
}

function onSignal(signal) {
  if (current) killGroup(current, 'SIGKILL');
  rmSync(countsDir, { recursive: true, force: true });
  process.exit(signal === 'SIGINT' ? 130 : 143);
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

if (unknown.length) loud(`Unknown leg(s) in TEIXIT_TEST_LEGS ignored: ${unknown.join(', ')} (known: ${ALL_LEGS.join(', ')})`);

for (const leg of ALL_LEGS.filter((l) => legs.includes(l))) {
  if (Date.now() >= deadline) {
    record(leg, 0, 1, 0, 'not run: out of time');
    continue;
  }
  if (leg === 'types') await singleLeg('types', bin('tsc'), ['--noEmit', '-p', '.']);
  if (leg === 'lint') await singleLeg('lint', bin('eslint'), ['.'], { printOnSuccess: true });
  if (leg === 'unit') await vitestLeg('unit', [], { TEIXIT_TEST_DB: 'pglite' });
  if (leg === 'pg') {
    // Generated input tests the handlers and validation, which are the same on both engines; on
    // the server a quarter of the runs keeps the suite within its time on two cores.
    if (process.env.TEST_DATABASE_URL) await vitestLeg('pg', [], { TEIXIT_TEST_DB: 'postgres', PROPERTY_RUNS: process.env.PROPERTY_RUNS ?? '250' });
    else skipLeg('pg', 'TEST_DATABASE_URL is not set: the PostgreSQL leg was SKIPPED (tests ran on PGlite only)');
  }
  if (leg === 'e2e') {
    if (existsSync(CHROMIUM)) {
      await vitestLeg('e2e', ['--config', 'vitest.e2e.config.ts'], { TEIXIT_TEST_DB: 'pglite' });
    } else {
      skipLeg('e2e', `Chromium not installed (${CHROMIUM}): browser journeys NOT run (apt-get install chromium)`);
    }
  }
}

rmSync(countsDir, { recursive: true, force: true });
const total = (key) => results.reduce((sum, r) => sum + r[key], 0);
const passed = total('passed');
const failed = total('failed');
console.log('\n=== summary');
for (const r of results) {
  console.log(`  ${r.leg.padEnd(6)} ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped${r.note ? `  (${r.note})` : ''}`);
}
for (const message of notRun) console.log(`  NOT RUN ${message}`);
if (passed + failed === 0) console.log('  no test ran: that counts as a failure');
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
