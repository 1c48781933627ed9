// Opens the configured database, migrates it, and picks the store flavour for it.
import { chmodSync } from 'node:fs';
import path from 'node:path';
import type { Database } from './executor.js';
import { cachedStore } from './cached-store.js';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';
import { migrate } from './migrate.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';
import { sqlStore } from './sql-store.js';
import type { Store } from './store.js';

export interface StoreTarget {
  /** PostgreSQL connection string; when set, dataDir is ignored. */
  databaseUrl?: string;
  dataDir: string;
}

export interface OpenedStore {
  store: Store;
  db: Database;
  /** Present for the embedded store only. */
  lock: DataDirLock | null;
  describe: string;
}

export async function openStore(target: StoreTarget): Promise<OpenedStore> {
  if (target.databaseUrl) {
    const db = await openPostgres(target.databaseUrl);
    await migrate(db);
    return { store: sqlStore(db), db, lock: null, describe: `postgres ${redact(target.databaseUrl)}` };
  }
  const dir = path.resolve(target.dataDir);
  const lock = await lockDataDir(dir);
  try {
    chmodSync(dir, 0o700);
    const db = await openPglite(path.join(dir, 'pglite'));
    await migrate(db);
    const store = await cachedStore(db);
    return { store, db, lock, describe: `embedded PGlite at ${dir}` };
  } catch (err) {
    await lock.release();
    throw err;
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
