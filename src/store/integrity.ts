// Integrity of an embedded data dir at open. PGlite reads a table file cut short as fewer rows,
// without an error, so a damaged dir would start with data silently missing. A small state file
// beside the store records each table's row count at every clean close and says "open" while the
// store runs: after a clean close the counts must match; after a crash only readability is checked.
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { SqlExecutor } from './executor.js';

const STATE_FILE = 'robotcall.state.json';

type Counts = Record<string, number>;
type StoreState = { state: 'open' } | { state: 'closed'; counts: Counts };

export class DamagedDataDirError extends Error {
  constructor(readonly dataDir: string, what: string) {
    super(`data dir ${dataDir} is damaged: ${what}; ${whatToDo(dataDir)}`);
  }
}

export const whatToDo = (dataDir: string) =>
  `restore it from a backup, or move it aside (mv ${dataDir} ${dataDir}.damaged) to start afresh`;

/** Reads every table (and its TOAST table) through; throws DamagedDataDirError when a count differs from the last clean close. */
export async function checkIntegrity(db: SqlExecutor, dataDir: string): Promise<void> {
  const state = readState(dataDir);
  const counts = await countRows(db);
  if (state?.state !== 'closed') return;
  for (const [table, was] of Object.entries(state.counts)) {
    const now = counts[table];
    if (now === undefined) throw new DamagedDataDirError(dataDir, `table ${table} is missing`);
    if (now !== was) throw new DamagedDataDirError(dataDir, `table ${table} has ${now} rows, ${was} when it was last closed cleanly`);
  }
}

/** Row counts of every table of the schema, each read through in full (no index can stand in). */
export async function countRows(db: SqlExecutor): Promise<Counts> {
  return db.transaction(async (tx) => {
    // An index-only scan would count a heap cut short from its intact index.
    for (const setting of ['enable_indexscan', 'enable_indexonlyscan', 'enable_bitmapscan']) await tx.query(`set local ${setting} = off`);
    const tables = await tx.query<{ name: string; toast: string | null }>(
      `select c.relname as name, t.relname as toast from pg_class c join pg_namespace n on n.oid = c.relnamespace
       left join pg_class t on t.oid = c.reltoastrelid where c.relkind = 'r' and n.nspname = current_schema() order by 1`);
    const counts: Counts = {};
    for (const { name, toast } of tables) {
      counts[name] = (await tx.query<{ n: number }>(`select count(*)::int as n from "${name}"`))[0]!.n;
      if (toast) counts[`${name} (toast)`] = (await tx.query<{ n: number }>(`select count(*)::int as n from pg_toast."${toast}"`))[0]!.n;
    }
    return counts;
  });
}

export const markOpen = (dataDir: string) => writeState(dataDir, { state: 'open' });
export const markClosed = (dataDir: string, counts: Counts) => writeState(dataDir, { state: 'closed', counts });

function readState(dataDir: string): StoreState | null {
  let text: string;
  try {
    text = readFileSync(path.join(dataDir, STATE_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null; // a new dir, or one of an earlier version
    throw err;
  }
  try {
    const state = JSON.parse(text) as StoreState;
    if (state.state === 'open' || (state.state === 'closed' && typeof state.counts === 'object' && state.counts !== null)) return state;
  } catch { /* as below */ }
  // Unreadable, the file tells nothing: check as after a crash rather than refuse a good store.
  return null;
}

/** Written whole or not at all: a crash mid-write leaves the previous state. */
function writeState(dataDir: string, state: StoreState): void {
  const file = path.join(dataDir, STATE_FILE);
  const fd = openSync(`${file}.tmp`, 'w', 0o600);
  try {
    writeSync(fd, JSON.stringify(state));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(`${file}.tmp`, file);
}
