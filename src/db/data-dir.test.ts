/** The data-directory lock: one process per embedded database, and crashes do not lock it out. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, LOCK_FILE } from './data-dir.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'teixit-lock-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The pid of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '0']);
  return child.pid;
}

describe('the data-directory lock', () => {
  it('creates the directory and a lock file holding our pid, removed on release', () => {
    const dir = path.join(tempDir(), 'nested', 'data');
    const lock = acquireDataDirLock(dir);
    expect(readFileSync(path.join(dir, LOCK_FILE), 'utf8').split('\n')[0]).toBe(String(process.pid));
    lock.release();
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    lock.release(); // twice is harmless
  });

  it('refuses a second open of the same directory in this process', () => {
    const dir = tempDir();
    const lock = acquireDataDirLock(dir);
    try {
      expect(() => acquireDataDirLock(dir)).toThrow(`this process (pid ${process.pid}) already has it open`);
      expect(() => acquireDataDirLock(dir)).toThrow(/would corrupt it.*DATABASE_URL/s);
    } finally {
      lock.release();
    }
    acquireDataDirLock(dir).release(); // free again after release
  });

  it('refuses while another live process holds it, saying which one and what to do', async () => {
    const dir = tempDir();
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    try {
      writeFileSync(path.join(dir, LOCK_FILE), `${other.pid}\n${os.hostname()}\n`);
      let message = '';
      try {
        acquireDataDirLock(dir);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toContain(`another Teixit process (pid ${other.pid}) is using it`);
      expect(message).toContain('Two processes on one embedded database would corrupt it');
      expect(message).toContain('DATABASE_URL');
      expect(readFileSync(path.join(dir, LOCK_FILE), 'utf8')).toContain(String(other.pid)); // untouched
    } finally {
      other.kill();
    }
  });

  it('takes over a stale lock whose process is dead (a crash or kill -9)', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, LOCK_FILE), `${deadPid()}\n${os.hostname()}\n`);
    const lock = acquireDataDirLock(dir);
    expect(readFileSync(path.join(dir, LOCK_FILE), 'utf8').split('\n')[0]).toBe(String(process.pid));
    lock.release();
  });

  it('takes over an old empty lock file, but not one being written right now', () => {
    const dir = tempDir();
    const file = path.join(dir, LOCK_FILE);
    writeFileSync(file, '');
    expect(() => acquireDataDirLock(dir)).toThrow(/is using it/);
    const old = new Date(Date.now() - 60_000);
    utimesSync(file, old, old);
    acquireDataDirLock(dir).release();
  });

  it('does not remove a lock that another process took over meanwhile', () => {
    const dir = tempDir();
    const lock = acquireDataDirLock(dir);
    writeFileSync(path.join(dir, LOCK_FILE), `${deadPid()}\n${os.hostname()}\n`);
    lock.release();
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(true);
  });

  it('is released when the process exits', () => {
    const dir = tempDir();
    const before = process.listenerCount('exit');
    const lock = acquireDataDirLock(dir);
    expect(process.listenerCount('exit')).toBe(before + 1);
    process.listeners('exit').at(-1)!.call(process, 0); // what happens at exit
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    expect(process.listenerCount('exit')).toBe(before);
    lock.release();
  });
});
