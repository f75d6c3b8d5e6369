/**
 * The lock on the embedded database's data directory.
 *
 * Why: PGlite takes no lock of its own, and two processes opening one data directory corrupt
 * it. A lock file holding the owner's pid makes the second process fail at once with a message
 * that says what to do instead.
 */
import { mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

export const LOCK_FILE = 'teixit.lock';

export interface DataDirLock {
  /** The lock file's path. */
  readonly path: string;
  /** Removes the lock file (only if it is still ours). Idempotent. */
  release(): void;
}

/** Directories this process holds, so a second open in the same process is refused too. */
const heldByThisProcess = new Set<string>();

/**
 * Takes the lock on `dir` (created if missing): writes `teixit.lock` exclusively with this
 * process's pid and host. If the file exists and its pid is alive, throws an Error saying which
 * process holds it; if that process is gone (a crash or `kill -9`), takes over the stale lock.
 * The lock is released by `release()` or, failing that, when the process exits.
 */
export function acquireDataDirLock(dir: string): DataDirLock {
  const absDir = path.resolve(dir);
  mkdirSync(absDir, { recursive: true });
  const lockPath = path.join(absDir, LOCK_FILE);
  const content = `${process.pid}\n${hostname()}\n`;

  if (heldByThisProcess.has(lockPath)) throw lockedError(absDir, process.pid, 'this process');

  // Three tries: each failed exclusive create is either a live owner (we throw) or a stale file
  // we remove; losing a race with another process taking over the same stale lock ends in its
  // pid being alive on the next turn.
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(lockPath, content, { flag: 'wx' });
      return holdLock(lockPath, content);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = readOwner(lockPath);
    if (owner === 'gone') continue; // released between our create and our read
    if (owner.state === 'alive') throw lockedError(absDir, owner.pid, owner.host);
    try {
      unlinkSync(lockPath); // stale: its process is dead
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  throw new Error(`Could not take the lock ${lockPath}: other processes keep racing for it.`);
}

function holdLock(lockPath: string, content: string): DataDirLock {
  heldByThisProcess.add(lockPath);
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    heldByThisProcess.delete(lockPath);
    process.removeListener('exit', release);
    try {
      // Never remove a lock that someone else took over in the meantime.
      if (readFileSync(lockPath, 'utf8') === content) unlinkSync(lockPath);
    } catch {
      // Already gone: nothing to release.
    }
  };
  // 'exit' covers normal ends and process.exit(); a kill leaves the file, which the next start
  // recognises as stale from its dead pid.
  process.on('exit', release);
  return { path: lockPath, release };
}

type Owner = 'gone' | { state: 'alive' | 'dead'; pid: number; host: string };

function readOwner(lockPath: string): Owner {
  let text: string;
  try {
    text = readFileSync(lockPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
  const [pidLine = '', host = ''] = text.split('\n');
  const pid = Number.parseInt(pidLine, 10);
  if (!Number.isInteger(pid) || pid <= 0) {
    // Empty or garbled: either a process is between its exclusive create and its write (a few
    // microseconds), or a crash left it so. Only an old file is taken as stale.
    return { state: isRecent(lockPath) ? 'alive' : 'dead', pid: 0, host };
  }
  // Another machine's pid cannot be checked from here (a shared volume): assume it is alive.
  if (host !== '' && host !== hostname()) return { state: 'alive', pid, host };
  // Our own pid in a file we do not hold: a previous run with the same pid (pid 1 in a
  // container restarted after a kill) left it.
  if (pid === process.pid) return { state: 'dead', pid, host };
  return { state: isAlive(pid) ? 'alive' : 'dead', pid, host };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0 only checks that the process exists
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isRecent(file: string): boolean {
  try {
    return Date.now() - statSync(file).mtimeMs < 10_000;
  } catch {
    return false;
  }
}

function lockedError(dir: string, pid: number, host: string): Error {
  const who =
    host === 'this process'
      ? `this process (pid ${pid}) already has it open`
      : `another Teixit process (pid ${pid || 'unknown'}${host && host !== hostname() ? ` on ${host}` : ''}) is using it`;
  return new Error(
    `The data directory ${dir} is locked: ${who}. Two processes on one embedded database would ` +
      `corrupt it. Stop the other process, or, to run several processes, use a PostgreSQL server ` +
      `(set DATABASE_URL). If no Teixit process is running, remove ${path.join(dir, LOCK_FILE)}.`,
  );
}
