// Taking over a stale data dir lock (docs/decisions.md D10) without two takers both winning. The
// stale socket file must be removed before a new one can be bound at its path, and "found it stale,
// removed it" is two steps: a taker that found it stale a moment ago could otherwise remove the
// socket another taker has just bound, and both would serve the dir. So the removal happens under a
// takeover mark, a file created with O_EXCL (one taker at a time), and only after checking again,
// under the mark, that the path still holds the very socket found stale and nobody answers on it.
// A taker killed while holding a mark leaves it behind; the next one takes the next number, once
// the mark's pid is gone, so a crash there never blocks the dir for good.
import { lstatSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { systemClock } from '../clock.js';

const MARK_PREFIX = 'robotcall.lock.takeover-';
// A mark is written right after it is created: one still empty after this long was left by a crash.
const EMPTY_MARK_GRACE_MS = 5_000;
const MAX_MARKS = 64;

/** The inode at `file` (to tell one socket file from a later one at the same path), or null. */
export function inodeOf(file: string): number | null {
  try {
    return lstatSync(file).ino;
  } catch {
    return null;
  }
}

/**
 * Removes the stale lock at `lockFile` if it is still the socket `seenInode` and `isStale()` still
 * says so, holding a takeover mark meanwhile. 'busy': another live taker holds a mark (try again
 * shortly). 'changed': the path no longer holds that stale socket (start over).
 */
export async function removeStaleLock(dataDir: string, lockFile: string, seenInode: number, isStale: () => Promise<boolean>):
  Promise<'removed' | 'busy' | 'changed'> {
  const mark = takeMark(dataDir);
  if (!mark) return 'busy';
  try {
    if (inodeOf(lockFile) !== seenInode || !(await isStale())) return 'changed';
    unlinkSync(lockFile);
    return 'removed';
  } finally {
    unlinkSync(mark);
  }
}

/** The path of the mark this process now holds, or null if a live taker holds one. */
function takeMark(dataDir: string): string | null {
  for (let n = 0; n < MAX_MARKS; n++) {
    const mark = path.join(dataDir, `${MARK_PREFIX}${n}`);
    try {
      writeFileSync(mark, String(process.pid), { flag: 'wx', mode: 0o600 });
      return mark;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    if (markIsLive(mark)) return null;
  }
  throw new Error(`data dir ${dataDir} holds ${MAX_MARKS} takeover marks (${MARK_PREFIX}*) of processes that died taking over its lock: `
    + 'stop every robotcall on it and remove those files');
}

function markIsLive(mark: string): boolean {
  let text: string;
  let age: number;
  try {
    text = readFileSync(mark, 'utf8');
    age = systemClock.now() - statSync(mark).mtimeMs; // file times are wall times
  } catch {
    return true; // gone meanwhile: its taker finished; look again from the start
  }
  const pid = Number(text);
  if (!Number.isInteger(pid) || pid <= 0) return age < EMPTY_MARK_GRACE_MS;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // alive, another user's
  }
}
