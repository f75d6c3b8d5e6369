/**
 * `npm run bench`: the home page as a visitor sees it and a signed-in page, and issue 3's pages
 * on a space of 5,000 organisations, 20,000 people and 50 bodies (the directory filtered, the
 * plenary's page, each as a visitor and signed in, and the steering group's follow-up page), on
 * PGlite and on PostgreSQL, against a bare node:http server answering the same bytes. The server runs pinned
 * to one core, autocannon (its own process) to another; CPU time per request comes from the
 * server's /proc accounting, so it stays meaningful on a busy machine where req/s does not.
 * Figures are printed as a Markdown table and written to bench/results/. See bench/README.md.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { backendPids, firstSignedInPage, loadScaleData, prepareDatabase, scratchDatabase, serverVersion, signIn, STEERING_ACCOUNT, type DatabaseKind } from './lib/app-setup.js';
import { autocannon, cpuSeconds, cpuSecondsIfAlive, freePort, memory, round, startPinned, waitUntilIdle, type Pinned } from './lib/proc.js';
import { markdownTable, type PageResult, type Measure } from './lib/report.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const resultsDir = path.join(root, 'bench/results');

const env = process.env;
const DATABASES = (env.BENCH_DATABASES ?? 'pglite,postgres').split(',').map((s) => s.trim()) as DatabaseKind[];
const PAGES = (env.BENCH_PAGES ?? 'visitor,signed-in,directory,directory-signed-in,body,body-signed-in,follow-up,meeting,meeting-signed-in,register,register-search').split(',').map((s) => s.trim());
const PG_URL = env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SECONDS = Number(env.BENCH_SECONDS ?? 10);
const WARMUP = Number(env.BENCH_WARMUP ?? 5);
const CONNECTIONS = Number(env.BENCH_CONNECTIONS ?? 50);
const SERVER_CPU = env.BENCH_SERVER_CPU ?? '0';
const LOAD_CPU = env.BENCH_LOAD_CPU ?? '1';
/** Signed-in pages to try, first that answers 200 wins. */
const SIGNED_IN_PATHS = (env.BENCH_SIGNED_IN_PATHS ?? '/ca/me,/ca/account,/ca').split(',');
const PROFILE = env.BENCH_PROFILE === '1';
/** Issue 3's pages, measured on the scale fixture (test/support/scale.ts) added to the demo space. */
const DIRECTORY_PATH = env.BENCH_DIRECTORY_PATH ?? '/ca/organisations?level=1&family=cooperative';
const BODY_PATH = env.BENCH_BODY_PATH ?? '/ca/bodies/ambit-participat';
const FOLLOW_UP_PATH = env.BENCH_FOLLOW_UP_PATH ?? '/ca/follow-up';
/** Issue 4's pages: the fixture's large meeting (its id is known once loaded) and the agreements register. */
const MEETING_PATH = '/ca/meetings/{meeting}';
const REGISTER_PATH = env.BENCH_REGISTER_PATH ?? '/ca/agreements';
const REGISTER_SEARCH_PATH = env.BENCH_REGISTER_SEARCH_PATH ?? '/ca/agreements?q=habitatge';
/**
 * Pages that need the scale fixture, and who asks: a visitor, the participant without a mandate,
 * or the member of the steering group. `{meeting}` is the fixture's large meeting.
 */
const SCALE_PAGES: Record<string, { path: string; as: 'visitor' | 'participant' | 'steering' }> = {
  meeting: { path: MEETING_PATH, as: 'visitor' },
  'meeting-signed-in': { path: MEETING_PATH, as: 'participant' },
  register: { path: REGISTER_PATH, as: 'visitor' },
  'register-search': { path: REGISTER_SEARCH_PATH, as: 'visitor' },
  directory: { path: DIRECTORY_PATH, as: 'visitor' },
  'directory-signed-in': { path: DIRECTORY_PATH, as: 'participant' },
  body: { path: BODY_PATH, as: 'visitor' },
  'body-signed-in': { path: BODY_PATH, as: 'participant' },
  'follow-up': { path: FOLLOW_UP_PATH, as: 'steering' },
};

/** Headers a bare server must not copy: node sets them itself. */
const HOP_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'set-cookie']);

/** One page's answer, kept to replay from the bare server. */
async function capture(url: string, cookie: string | null, file: string): Promise<{ bytes: number; cache: string | null }> {
  const headers: Record<string, string> = cookie ? { cookie } : {};
  const first = await fetch(url, { redirect: 'manual', headers });
  await first.arrayBuffer();
  const response = await fetch(url, { redirect: 'manual', headers });
  const body = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  const copied: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (!HOP_HEADERS.has(name)) copied[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) copied['set-cookie'] = cookies;
  writeFileSync(file, JSON.stringify({ status: response.status, headers: copied, body: body.toString('base64') }));
  return { bytes: body.length, cache: response.headers.get('x-render-cache') };
}

/** CPU seconds of each PostgreSQL backend of the scratch database. */
async function backendCpu(name: string): Promise<Map<number, number>> {
  const result = new Map<number, number>();
  for (const pid of await backendPids(PG_URL, name)) {
    const seconds = cpuSecondsIfAlive(pid);
    if (seconds !== null) result.set(pid, seconds);
  }
  return result;
}

/**
 * The monotonic clock in µs: the same clock V8 stamps its CPU profiles with, so a profile's
 * samples can be cut to the measured window (see profile-summary.ts).
 */
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);
let lastWindowUs: [number, number] = [0, 0];

/** Warms up, then loads `url` for SECONDS and reads the server's CPU time around it. */
async function measure(pid: number, url: string, headers: string[], pgName: string | null): Promise<Measure> {
  await autocannon(LOAD_CPU, url, { seconds: WARMUP, connections: CONNECTIONS, headers });
  await waitUntilIdle(pid);
  const dbBefore = pgName ? await backendCpu(pgName) : null;
  const before = cpuSeconds(pid);
  const startedUs = monotonicUs();
  const load = await autocannon(LOAD_CPU, url, { seconds: SECONDS, connections: CONNECTIONS, headers });
  lastWindowUs = [startedUs, monotonicUs()];
  const cpu = cpuSeconds(pid) - before;
  let dbCpu: number | null = null;
  if (pgName && dbBefore) {
    const dbAfter = await backendCpu(pgName);
    dbCpu = 0;
    for (const pidSeen of new Set([...dbBefore.keys(), ...dbAfter.keys()])) {
      dbCpu += (dbAfter.get(pidSeen) ?? dbBefore.get(pidSeen) ?? 0) - (dbBefore.get(pidSeen) ?? 0);
    }
  }
  const requests = load.requests.total;
  if (load.non2xx || load.errors || load.timeouts) {
    console.warn(`  ! ${load.non2xx} non-2xx, ${load.errors} errors, ${load.timeouts} timeouts`);
  }
  return {
    requests,
    reqPerSec: round(requests / load.duration),
    p50Ms: load.latency.p50,
    p99Ms: load.latency.p99,
    cpuUsPerReq: round((cpu * 1e6) / requests, 1),
    dbCpuUsPerReq: dbCpu === null ? null : round((dbCpu * 1e6) / requests, 1),
    failures: load.non2xx + load.errors + load.timeouts,
    loadAverage: round(os.loadavg()[0] ?? 0, 1),
  };
}

/** The bare server answering `fixture`'s bytes, measured the same way. */
async function measureBare(fixture: string, requestPath: string): Promise<Measure> {
  const bare = await startPinned(SERVER_CPU, [path.join(root, 'bench/bare-server.js'), fixture], { cwd: root, env, ready: /listening (\d+)/ });
  try {
    return await measure(bare.pid, `http://127.0.0.1:${bare.match[1]}${requestPath}`, [], null);
  } finally {
    await bare.stop();
  }
}

async function startTeixit(dbEnv: Record<string, string>, kind: DatabaseKind): Promise<Pinned & { base: string; profileDir: string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const serverEnv: NodeJS.ProcessEnv = {
    ...env, ...dbEnv, PORT: String(port), HOST: '127.0.0.1', TEIXIT_PUBLIC_URL: base, LOG_LEVEL: 'warn', TEIXIT_DEMO: 'off',
  };
  if (kind === 'pglite') delete serverEnv.DATABASE_URL;
  // One profile per thread (the main thread's is the one with thread id 0 in its name).
  const profileDir = path.join(resultsDir, 'profiles', `${kind}-${Date.now()}`);
  const flags = PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const server = await startPinned(SERVER_CPU, [...flags, path.join(root, 'bin/teixit.js'), 'serve'], { cwd: root, env: serverEnv, ready: /Teixit is running at/ });
  return { ...server, base, profileDir };
}

async function benchDatabase(kind: DatabaseKind): Promise<{ pages: PageResult[]; demo: boolean }> {
  console.log(`\n== ${kind}`);
  const db = await scratchDatabase(kind, PG_URL);
  const pages: PageResult[] = [];
  const windows: Array<{ label: string; fromUs: number; toUs: number }> = [];
  try {
    const setupEnv: NodeJS.ProcessEnv = { ...env, ...db.env, LOG_LEVEL: 'warn', TEIXIT_DEMO: 'off' };
    if (kind === 'pglite') delete setupEnv.DATABASE_URL;
    const { account, demo } = prepareDatabase(root, setupEnv);
    let meetingId = 0;
    if (PAGES.some((page) => page in SCALE_PAGES)) {
      const started = Date.now();
      const scale = await loadScaleData(root, setupEnv);
      meetingId = scale.sample.meetingId;
      console.log(`-- scale fixture: ${scale.organisations} organisations, ${scale.people} people, ${scale.workingGroups + 2} bodies, ${scale.mandates} mandates (${round((Date.now() - started) / 1000, 1)} s)`);
    }
    const server = await startTeixit(db.env, kind);
    try {
      const cookie = await signIn(server.base, account);
      const plan: Array<{ page: PageResult['page']; path: string; cookie: string | null }> = [];
      if (PAGES.includes('visitor')) plan.push({ page: 'visitor', path: '/ca', cookie: null });
      if (PAGES.includes('signed-in')) plan.push({ page: 'signed-in', path: await firstSignedInPage(server.base, cookie, SIGNED_IN_PATHS), cookie });
      const scalePages = PAGES.flatMap((page) => (SCALE_PAGES[page] ? [{ page, ...SCALE_PAGES[page] }] : []));
      const steeringCookie = scalePages.some((p) => p.as === 'steering') ? await signIn(server.base, STEERING_ACCOUNT) : null;
      for (const { page, path: pagePath, as } of scalePages) {
        plan.push({ page, path: pagePath.replace('{meeting}', String(meetingId)), cookie: as === 'visitor' ? null : as === 'steering' ? steeringCookie : cookie });
      }
      for (const item of plan) {
        const fixture = path.join(resultsDir, `fixture-${kind}-${item.page}.json`);
        const { bytes, cache } = await capture(`${server.base}${item.path}`, item.cookie, fixture);
        console.log(`-- ${item.page} ${item.path} (${bytes} bytes${cache ? `, render cache: ${cache}` : ''})`);
        const ours = await measure(server.pid, `${server.base}${item.path}`, item.cookie ? [`cookie=${item.cookie}`] : [], db.pgName);
        windows.push({ label: `${kind} ${item.page} ${item.path}`, fromUs: lastWindowUs[0], toUs: lastWindowUs[1] });
        console.log(`   teixit: ${ours.cpuUsPerReq} µs/req, ${ours.reqPerSec} req/s, p99 ${ours.p99Ms} ms${ours.dbCpuUsPerReq !== null ? `, PostgreSQL ${ours.dbCpuUsPerReq} µs/req` : ''}`);
        const bare = await measureBare(fixture, item.path);
        console.log(`   bare:   ${bare.cpuUsPerReq} µs/req, ${bare.reqPerSec} req/s, p99 ${bare.p99Ms} ms`);
        pages.push({ page: item.page, path: item.path, database: kind, bytes, renderCache: cache, ours, bare, rssMb: 0, peakRssMb: 0 });
      }
      if (PROFILE) mkdirSync(server.profileDir, { recursive: true });
      if (PROFILE) writeFileSync(path.join(server.profileDir, 'windows.json'), `${JSON.stringify(windows, null, 2)}\n`);
      const mem = memory(server.pid);
      console.log(`-- memory after the benchmark: RSS ${mem.rssMb} MB (peak ${mem.peakRssMb} MB)`);
      for (const page of pages) Object.assign(page, mem);
    } finally {
      await server.stop();
    }
    return { pages, demo };
  } finally {
    await db.drop();
  }
}

function packageVersion(name: string): string {
  const file = path.join(root, 'node_modules', name, 'package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  mkdirSync(resultsDir, { recursive: true });
  const started = new Date();
  const machine = {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGb: round(os.totalmem() / 2 ** 30, 1),
    loadAverageAtStart: os.loadavg().map((l) => round(l, 2)),
    kernel: os.release(),
  };
  const versions = {
    node: process.version,
    postgres: DATABASES.includes('postgres') ? await serverVersion(PG_URL) : null,
    pglite: packageVersion('@electric-sql/pglite'),
    autocannon: packageVersion('autocannon'),
    commit: git(['rev-parse', '--short', 'HEAD']),
  };
  console.log(`Teixit bench: ${SECONDS} s per run after ${WARMUP} s warm-up, ${CONNECTIONS} connections; server on CPU ${SERVER_CPU}, autocannon on CPU ${LOAD_CPU}`);
  const pages: PageResult[] = [];
  const demo: Record<string, boolean> = {};
  for (const kind of DATABASES) {
    const result = await benchDatabase(kind);
    pages.push(...result.pages);
    demo[kind] = result.demo;
  }
  const report = {
    date: started.toISOString(),
    seconds: SECONDS,
    warmup: WARMUP,
    connections: CONNECTIONS,
    machine,
    versions,
    demo,
    pages,
  };
  const stamp = started.toISOString().replace(/[:.]/g, '-');
  writeFileSync(path.join(resultsDir, `${stamp}.json`), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(path.join(resultsDir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\n${markdownTable(pages)}\n`);
  console.log(`Machine: ${machine.cpu}, ${machine.cores} cores, load average at start ${machine.loadAverageAtStart.join(' ')}; Node ${versions.node}, PostgreSQL ${versions.postgres ?? '-'}, PGlite ${versions.pglite}, autocannon ${versions.autocannon}, commit ${versions.commit}.`);
  console.log(`Written to bench/results/${stamp}.json (and latest.json) in ${round((Date.now() - started.getTime()) / 1000)} s.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack ?? error.message : error);
  process.exitCode = 1;
});
