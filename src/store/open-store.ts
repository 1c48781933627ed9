// Opens the configured database, migrates it, and picks the store flavour for it.
import { chmodSync } from 'node:fs';
import path from 'node:path';
import type { Database } from './executor.js';
import { cachedStore } from './cached-store.js';
import { checkDataDir } from './data-dir-check.js';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';
import { checkIntegrity, countRows, markClosed, markOpen } from './integrity.js';
import { migrate } from './migrate.js';
import { openFailure } from './open-failure.js';
import { openPglite } from './pglite.js';
import { openPostgres, type ConnectionLost } from './postgres.js';
import { sqlStore } from './sql-store.js';
import type { Store } from './store.js';

export interface StoreTarget {
  /** PostgreSQL connection string; when set, dataDir is ignored. */
  databaseUrl?: string;
  dataDir: string;
  /** PostgreSQL only: a connection was cut; the pool dials a new one for the next query. */
  onConnectionLost?: ConnectionLost;
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
    const db = await openPostgres(target.databaseUrl, undefined, target.onConnectionLost);
    try {
      await migrate(db);
    } catch (err) {
      await db.close().catch(() => {});
      throw migrationFailure(err, redact(target.databaseUrl));
    }
    return { store: sqlStore(db), db, lock: null, describe: `postgres ${redact(target.databaseUrl)}` };
  }
  const dir = path.resolve(target.dataDir);
  checkDataDir(dir);
  let lock: DataDirLock;
  try {
    lock = await lockDataDir(dir);
  } catch (err) {
    throw openFailure(err, dir, false);
  }
  let db: Database | null = null;
  try {
    chmodSync(dir, 0o700);
    db = await openPglite(path.join(dir, 'pglite'));
    await checkIntegrity(db, dir);
    await migrate(db);
    const store = await cachedStore(db);
    markOpen(dir);
    return { store: closingCleanly(store, db, dir), db, lock, describe: `embedded PGlite at ${dir}` };
  } catch (err) {
    await db?.close().catch(() => {});
    await lock.release();
    throw openFailure(err, dir, true);
  }
}

/** The store, with a close that records the row counts the next open checks (integrity.ts). */
function closingCleanly(store: Store, db: Database, dir: string): Store {
  return {
    ...store,
    close: async () => {
      // Counted before closing, marked closed after: a crash in between leaves the dir "open".
      const counts = await countRows(db);
      await store.close();
      markClosed(dir, counts);
    },
  };
}

/** 42P07: a table robotcall creates already exists, made by something else: the database is not ours. */
function migrationFailure(err: unknown, where: string): Error {
  const e = err as { code?: string; message?: string };
  if (e.code === '42P07') {
    return new Error(`the database ${where} already holds tables robotcall did not make (${e.message}): `
      + 'give robotcall a database of its own, e.g. `createdb robotcall` and --database-url postgres://…/robotcall', { cause: err });
  }
  return err instanceof Error ? err : new Error(String(err));
}

function redact(url: string): string {
  // libpq also takes the password as a query parameter (`?password=`), and `sslpassword` for a key.
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@').replace(/([?&](?:ssl)?password=)[^&#]*/gi, '$1***');
}

/** Whether the database already holds a robotcall store (the CLI must not fill a wrong one with tables). */
export async function holdsRobotcallStore(databaseUrl: string): Promise<boolean> {
  const db = await openPostgres(databaseUrl, 1);
  try {
    const [row] = await db.query<{ t: string | null }>("select to_regclass('robotcall_migrations')::text as t");
    return Boolean(row?.t);
  } finally {
    await db.close();
  }
}
