/**
 * Processes for the benchmark: starting a pinned child, reading its CPU time and memory from
 * /proc (the kernel's own accounting, so nothing is added to the app), and running autocannon
 * as a separate pinned process.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';

const require = createRequire(import.meta.url);
const AUTOCANNON = require.resolve('autocannon/autocannon.js');

/** Clock ticks per second of /proc/<pid>/stat's utime and stime. */
export const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** User + system CPU seconds of a process (all its threads, also the ones that ended). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces; fields after it are fixed.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

/** CPU seconds of a process, or null when it has ended. */
export function cpuSecondsIfAlive(pid: number): number | null {
  try {
    return cpuSeconds(pid);
  } catch {
    return null;
  }
}

/**
 * Waits until the process is idle: under `idleShare` of a core over `windowMs`, or `maxMs` at
 * most. After a warm-up, a slow page leaves a queue behind (50 connections' requests still being
 * answered once autocannon stops); measuring before it drains would charge that work to the
 * measured run.
 */
export async function waitUntilIdle(pid: number, { windowMs = 250, idleShare = 0.05, maxMs = 30_000 } = {}): Promise<void> {
  const deadline = Date.now() + maxMs;
  while (Date.now() < deadline) {
    const before = cpuSeconds(pid);
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    if (cpuSeconds(pid) - before < (idleShare * windowMs) / 1000) return;
  }
}

/** Resident memory now and at its peak, in MB. */
export function memory(pid: number): { rssMb: number; peakRssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (pattern: RegExp) => Number(pattern.exec(status)?.[1] ?? NaN);
  return { rssMb: round(kb(/^VmRSS:\s+(\d+) kB/m) / 1024, 1), peakRssMb: round(kb(/^VmHWM:\s+(\d+) kB/m) / 1024, 1) };
}

export function round(value: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface Pinned {
  child: ChildProcess;
  pid: number;
  /** Everything the process wrote, for error messages. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `node <args>` pinned to `cpu` (taskset execs node, so the pid is node's own) and waits
 * until a line of its stdout matches `ready`.
 */
export async function startPinned(cpu: string, args: string[], options: { env: NodeJS.ProcessEnv; cwd: string; ready: RegExp; timeoutMs?: number }): Promise<Pinned & { match: RegExpExecArray }> {
  const child = spawn('taskset', ['-c', cpu, process.execPath, ...args], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready after ${options.timeoutMs ?? 120_000} ms:\n${output}`)), options.timeoutMs ?? 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const found = options.ready.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before it was ready:\n${output}`));
    });
  });
  if (!child.pid) throw new Error('no pid');
  return { child, pid: child.pid, match, output: () => output, stop };
}

/** The parts of autocannon's JSON result the benchmark reads. */
export interface LoadResult {
  requests: { total: number; average: number };
  latency: { p50: number; p99: number; average: number; max: number };
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
}

/** Runs autocannon in its own process pinned to `cpu`; resolves with its JSON result. */
export function autocannon(cpu: string, url: string, options: { seconds: number; connections: number; headers: string[] }): Promise<LoadResult> {
  const args = ['-c', cpu, process.execPath, AUTOCANNON, '-j', '-c', String(options.connections), '-d', String(options.seconds)];
  for (const header of options.headers) args.push('-H', header);
  args.push(url);
  return new Promise((resolve, reject) => {
    const child = spawn('taskset', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line) as LoadResult);
      } catch {
        reject(new Error(`autocannon exited with ${code}: ${stderr || stdout}`));
      }
    });
  });
}
