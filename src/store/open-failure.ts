// Why an embedded data dir could not be opened, in words a person can act on: a full disk, a
// read-only or forbidden directory, or damage (with what to do about it). PGlite reports file
// errors as bare emscripten objects ({"name":"ErrnoError","errno":51}) or as "Aborted()".
import { statfsSync } from 'node:fs';
import { DataDirLockedError } from './data-dir-lock.js';
import { DamagedDataDirError, whatToDo } from './integrity.js';

// emscripten's errno numbers (its own table, not the host's) for the errors a person can fix.
const EMSCRIPTEN_ERRNO: Record<number, string> = { 2: 'EACCES', 51: 'ENOSPC', 63: 'EPERM', 69: 'EROFS' };

/**
 * The error to report for a failure opening `dataDir`. `storeStage`: the failure came from the
 * store itself (opening PGlite, the integrity check, migrations), so an unexplained one is damage;
 * before that (the lock) it is passed on as it is.
 */
export function openFailure(err: unknown, dataDir: string, storeStage: boolean): unknown {
  if (err instanceof DataDirLockedError || err instanceof DamagedDataDirError) return err;
  const code = errnoOf(err) ?? (isDiskFull(dataDir) ? 'ENOSPC' : undefined);
  const plain = code === 'ENOSPC' ? `data dir ${dataDir}: the disk is full (no space left on device); free some space and start again`
    : code === 'EROFS' ? `data dir ${dataDir} is on a read-only file system, and robotcall writes its store there: mount it read-write or choose another --data-dir`
      : code === 'EACCES' || code === 'EPERM' ? `no permission to write in data dir ${dataDir}: give the user running robotcall write access or choose another --data-dir`
        : null;
  if (plain) return new Error(plain, { cause: err });
  if (!storeStage) return err;
  return new Error(`data dir ${dataDir} cannot be read as a robotcall store (${reasonOf(err)}); ${whatToDo(dataDir)}`, { cause: err });
}

function errnoOf(err: unknown): string | undefined {
  const e = err as { code?: unknown; errno?: unknown; name?: unknown } | null;
  if (typeof e?.code === 'string' && /^E[A-Z]+$/.test(e.code)) return e.code;
  if (e?.name === 'ErrnoError' && typeof e.errno === 'number') return EMSCRIPTEN_ERRNO[e.errno] ?? `errno ${e.errno}`;
  return undefined;
}

/** PGlite may abort without saying why; a file system with no space left is the likely cause then. */
function isDiskFull(dataDir: string): boolean {
  try {
    return statfsSync(dataDir).bavail === 0;
  } catch {
    return false;
  }
}

function reasonOf(err: unknown): string {
  const message = err instanceof Error ? err.message : typeof err === 'object' && err !== null ? JSON.stringify(err) : String(err);
  return message.replace(/\s*Build with -sASSERTIONS for more info\.?/, '').replace(/\s*\n\s*/g, ' ') || 'no reason given';
}
