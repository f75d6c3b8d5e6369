/**
 * Where a server's CPU went: reads a V8 `.cpuprofile` (from `BENCH_PROFILE=1 npm run bench`,
 * which runs the server with `node --cpu-prof`) and prints self time by package or source file
 * and the costliest functions, each with what it includes (total time). When the bench left a
 * `windows.json` beside the profile, each measured run is summarised on its own (start-up and
 * warm-up left out); otherwise the whole profile.
 * Usage: node --import tsx bench/profile-summary.ts <file.cpuprofile> [top=25]
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

interface Window {
  label: string;
  fromUs: number;
  toUs: number;
}

const [file, topArg] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [top]');
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const windowsFile = path.join(path.dirname(file), 'windows.json');
const windows: Window[] = existsSync(windowsFile)
  ? (JSON.parse(readFileSync(windowsFile, 'utf8')) as Window[])
  : [{ label: 'whole profile', fromUs: -Infinity, toUs: Infinity }];

/** Groups a script URL as the package or project file it belongs to. */
function owner(url: string): string {
  if (!url) return '(native / V8)';
  if (url.startsWith('node:')) return url;
  const clean = url.replace(/^file:\/\//, '');
  const modules = clean.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const parts = clean.slice(modules + 14).split('/');
    return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? clean);
  }
  return path.relative(root, clean.split('?')[0] ?? clean);
}

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const key = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'}  ${owner(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;

function summarise(window: Window): void {
  // Self time per node, from the samples whose timestamps fall in the window.
  const selfMs = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at >= window.fromUs && at <= window.toUs) selfMs.set(id, (selfMs.get(id) ?? 0) + delta / 1000);
  });
  let idleMs = 0;
  const selfByOwner = new Map<string, number>();
  const selfByFunction = new Map<string, number>();
  const totalByFunction = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const node = byId.get(id);
    if (!node) continue;
    if (node.callFrame.functionName === '(idle)') {
      idleMs += ms;
      continue;
    }
    const who = owner(node.callFrame.url);
    selfByOwner.set(who, (selfByOwner.get(who) ?? 0) + ms);
    selfByFunction.set(key(node), (selfByFunction.get(key(node)) ?? 0) + ms);
    // Total time: each function on the sample's stack once (recursion counted once).
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const k = key(byId.get(cur) as ProfileNode);
      if (seen.has(k)) continue;
      seen.add(k);
      totalByFunction.set(k, (totalByFunction.get(k) ?? 0) + ms);
    }
  }
  const busyMs = [...selfByOwner.values()].reduce((a, b) => a + b, 0);
  const pct = (ms: number) => `${((ms / busyMs) * 100).toFixed(1).padStart(5)}%`;
  const print = (title: string, entries: Map<string, number>) => {
    console.log(`\n  ${title}`);
    for (const [name, ms] of [...entries].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`    ${pct(ms)}  ${ms.toFixed(0).padStart(7)} ms  ${name}`);
  };
  console.log(`\n== ${window.label}: ${busyMs.toFixed(0)} ms busy, ${idleMs.toFixed(0)} ms idle (percentages of busy time)`);
  print('Self time by package / file', selfByOwner);
  print('Self time by function', selfByFunction);
  print('Total time by function (includes callees; async middleware shows only its synchronous part)', totalByFunction);
}

console.log(file);
for (const window of windows) summarise(window);
