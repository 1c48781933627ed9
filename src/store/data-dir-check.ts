// What --data-dir names, checked before robotcall writes anything there: missing or empty (a new
// store is made), or an existing robotcall store. Anything else is refused untouched: robotcall
// would otherwise fill a home or project directory with its files and make it mode 0700. Odd paths
// (a file, a path under a file, a dir that cannot be read) get one sentence, not an errno.
import { readdirSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';

// Everything robotcall makes in a data dir (integrity.ts, data-dir-lock.ts, lock-takeover.ts, the nonce journal).
const OURS = /^(pglite|nonces|robotcall\.state\.json|robotcall\.lock|robotcall\.lock\.takeover-\d+)$/;
// Either of these says the dir was made by robotcall, whatever else someone put beside them.
const STORE_MARKS = ['pglite', 'robotcall.state.json'];
const SHOWN = 5;

const CHOOSE = 'choose another --data-dir (a new or empty directory makes a new store)';

/** Throws a message a person can act on if `dir` (absolute) must not be used as a data dir. */
export function checkDataDir(dir: string): void {
  const found = statOf(dir);
  if (found === 'missing') {
    const blocker = firstNonDirAncestor(dir);
    if (blocker) throw new Error(`data dir ${dir} cannot be created: ${blocker} is a file, not a directory; ${CHOOSE}`);
    return;
  }
  if (!found.isDirectory()) throw new Error(`data dir ${dir} is a file, not a directory; ${CHOOSE}`);
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch (err) {
    throw new Error(`data dir ${dir} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}): `
      + `give the user running robotcall access to it or ${CHOOSE}`, { cause: err });
  }
  if (STORE_MARKS.some((m) => entries.includes(m))) return;
  const foreign = entries.filter((e) => !OURS.test(e)).sort();
  if (foreign.length === 0) return;
  const shown = foreign.slice(0, SHOWN).join(', ') + (foreign.length > SHOWN ? ` and ${foreign.length - SHOWN} more` : '');
  throw new Error(`data dir ${dir} is not empty and holds no robotcall store (found ${shown}); robotcall left it untouched: `
    + `give the data dir of an existing store, or a new or empty directory (e.g. --data-dir ${path.join(dir, 'robotcall-data')})`);
}

function statOf(p: string): Stats | 'missing' {
  try {
    return statSync(p);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'missing';
    if (code === 'ENOTDIR') return 'missing'; // a parent is a file: told by firstNonDirAncestor
    throw new Error(`data dir ${p} cannot be reached (${code ?? 'error'}): give the user running robotcall access to it or ${CHOOSE}`, { cause: err });
  }
}

/** The nearest existing ancestor of `dir` if it is not a directory (mkdir would fail with ENOTDIR). */
function firstNonDirAncestor(dir: string): string | null {
  for (let p = path.dirname(dir); ; p = path.dirname(p)) {
    const found = statOf(p);
    if (found !== 'missing') return found.isDirectory() ? null : p;
    if (path.dirname(p) === p) return null;
  }
}
