// How the store commands (`keys`, `robots put`, `callers`, `reset`) reach a store: through the admin
// API of a server named by address (--url), or of the server holding an embedded data dir (only the
// holder may open it, docs/decisions.md D10), else by opening the store themselves. Unlike `serve`
// they never create one: a mistyped or relative --data-dir used to get a fresh empty store that no
// server ever read.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import type { Store } from '../store/store.js';
import type { AdminApi } from './admin-client.js';
import { serverByAddress, serverHoldingDir, serverOptions, type TargetFlags } from './admin-target.js';

export { okJson, type AdminApi } from './admin-client.js';

export type StoreFlags = TargetFlags;

/** Where a store command goes: a server (--url), a data dir or a database. */
export function storeOptions(command: Command): Command {
  return serverOptions(command)
    .option('--data-dir <dir>', 'embedded data directory (default ./data)')
    .option('--database-url <url>', 'PostgreSQL connection string');
}

export type StoreTarget = { api: AdminApi; store?: undefined } | { store: Store; api?: undefined };

/** Runs `fn` on the store the flags name, saying on stderr which store and which server it used. */
export async function withStoreTarget<T>(flags: StoreFlags, fn: (target: StoreTarget) => Promise<T>): Promise<T> {
  const byAddress = serverByAddress(flags);
  if (byAddress) {
    console.error(`robotcall: ${byAddress.via}`);
    return fn({ api: byAddress });
  }
  const config = loadConfig(undefined, { dataDir: flags.dataDir, databaseUrl: flags.databaseUrl });
  if (config.databaseUrl) {
    await assertPostgresStore(config.databaseUrl);
  } else {
    const dir = path.resolve(config.dataDir);
    await assertDataDir(dir, config.dataDir);
    const holder = await serverHoldingDir(dir, flags.adminToken);
    if (holder) {
      console.error(`robotcall: ${holder.via}`);
      return fn({ api: holder });
    }
  }
  // The composition root picks the adapters; loaded only here, as a command against a server needs none.
  const { openStore } = await import('../main.js');
  const opened = await openStore({ databaseUrl: config.databaseUrl ?? undefined, dataDir: config.dataDir });
  try {
    console.error(`robotcall: ${opened.describe}${opened.lock ? ', opened directly (no server holds it)' : ''}`);
    return await fn({ store: opened.store });
  } finally {
    await opened.store.close();
    await opened.lock?.release();
  }
}

async function assertDataDir(dir: string, given: string): Promise<void> {
  const create = `start \`robotcall serve --data-dir ${given}\` once to create it`;
  if (!existsSync(dir)) {
    throw new Error(`no robotcall data dir at ${dir}${given === dir ? '' : ` (--data-dir ${given})`}: give the dir your server uses `
      + `(its ready line names it), or ${create}`);
  }
  // PGlite writes PG_VERSION when it creates a cluster: without it the dir is not a store (yet).
  if (!existsSync(path.join(dir, 'pglite', 'PG_VERSION'))) {
    // serve refuses a dir that holds files of someone else's: it is offered only what serve accepts.
    throw new Error(`${dir} holds no robotcall store: give the dir your server uses (its ready line names it)`
      + (await servable(dir) ? `, or ${create}` : ', or a new or empty dir for a new store'));
  }
}

/** Whether `serve` would make a store in `dir` (the same check it runs). */
async function servable(dir: string): Promise<boolean> {
  const { checkDataDir } = await import('../main.js');
  try {
    checkDataDir(dir);
    return true;
  } catch {
    return false;
  }
}

/** A database no robotcall has migrated is refused too, so a wrong URL is not filled with tables. */
async function assertPostgresStore(url: string): Promise<void> {
  const { holdsRobotcallStore } = await import('../main.js');
  if (!(await holdsRobotcallStore(url))) {
    throw new Error('the database holds no robotcall store: check --database-url, or start `robotcall serve --database-url URL` once to create it');
  }
}
