// How the store commands (`keys`, `robots put`, `reset`) reach a store: through the admin API of the
// server holding an embedded data dir (only the holder may open it, docs/decisions.md D10), else by opening
// the store themselves. Unlike `serve` they never create one: a mistyped or relative --data-dir used
// to get a fresh empty store that no server ever read.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config.js';
import { checkDataDir, holdsRobotcallStore, openStore, readLockHolder, type LockHolder } from '../main.js';
import type { Store } from '../store/store.js';

export interface StoreFlags { dataDir?: string; databaseUrl?: string }

export interface AdminApi {
  /** The admin API's answer; a refusal (401/403) or an unreachable server throws. */
  call(method: string, route: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }>;
}

export type StoreTarget = { api: AdminApi; store?: undefined } | { store: Store; api?: undefined };

/** The body of a 2xx answer; any other answer is thrown as its `{"error"}` text. */
export function okJson(r: { status: number; json: Record<string, unknown> }): Record<string, unknown> {
  if (r.status >= 200 && r.status < 300) return r.json;
  throw new Error(typeof r.json.error === 'string' ? r.json.error : `admin API answered ${r.status}`);
}

/** Runs `fn` on the store the flags name, saying on stderr which store and which server it used. */
export async function withStoreTarget<T>(flags: StoreFlags, fn: (target: StoreTarget) => Promise<T>): Promise<T> {
  const config = loadConfig(undefined, { dataDir: flags.dataDir, databaseUrl: flags.databaseUrl });
  if (config.databaseUrl) {
    await assertPostgresStore(config.databaseUrl);
  } else {
    const dir = path.resolve(config.dataDir);
    assertDataDir(dir, config.dataDir);
    const holder = await readLockHolder(dir);
    if (holder && holder !== 'stale' && holder.url) {
      console.error(`robotcall: embedded PGlite at ${dir}, through the server at ${holder.url} (pid ${holder.pid})`);
      return fn({ api: adminApi(holder, dir) });
    }
  }
  const opened = await openStore({ databaseUrl: config.databaseUrl ?? undefined, dataDir: config.dataDir });
  try {
    console.error(`robotcall: ${opened.describe}${opened.lock ? ', opened directly (no server holds it)' : ''}`);
    return await fn({ store: opened.store });
  } finally {
    await opened.store.close();
    await opened.lock?.release();
  }
}

function assertDataDir(dir: string, given: string): void {
  const create = `start \`robotcall serve --data-dir ${given}\` once to create it`;
  if (!existsSync(dir)) {
    throw new Error(`no robotcall data dir at ${dir}${given === dir ? '' : ` (--data-dir ${given})`}: give the dir your server uses `
      + `(its ready line names it), or ${create}`);
  }
  // PGlite writes PG_VERSION when it creates a cluster: without it the dir is not a store (yet).
  if (!existsSync(path.join(dir, 'pglite', 'PG_VERSION'))) {
    // serve refuses a dir that holds files of someone else's: it is offered only what serve accepts.
    throw new Error(`${dir} holds no robotcall store: give the dir your server uses (its ready line names it)`
      + (servable(dir) ? `, or ${create}` : ', or a new or empty dir for a new store'));
  }
}

/** Whether `serve` would make a store in `dir` (the same check it runs). */
function servable(dir: string): boolean {
  try {
    checkDataDir(dir);
    return true;
  } catch {
    return false;
  }
}

/** A database no robotcall has migrated is refused too, so a wrong URL is not filled with tables. */
async function assertPostgresStore(url: string): Promise<void> {
  if (!(await holdsRobotcallStore(url))) {
    throw new Error('the database holds no robotcall store: check --database-url, or start `robotcall serve --database-url URL` once to create it');
  }
}

function adminApi(holder: LockHolder, dir: string): AdminApi {
  const server = `the server at ${holder.url} (pid ${holder.pid}) holds ${dir}`;
  return {
    async call(method, route, body) {
      let res: Response;
      try {
        res = await fetch(`${holder.url}/_robotcall/${route}`, {
          method,
          headers: { 'content-type': 'application/json', ...(holder.adminToken ? { authorization: `Bearer ${holder.adminToken}` } : {}) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      } catch (err) {
        throw new Error(`${server} but cannot be reached (${(err as Error).message})`, { cause: err });
      }
      const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
      if (res.status === 401 || res.status === 403) {
        throw new Error(`${server}, and its admin API refused the command (${res.status}: ${String(json.error ?? res.statusText)}); `
          + 'restart it with --admin-token TOKEN (commands find the token through the data dir), or stop it and run the command again');
      }
      return { status: res.status, json };
    },
  };
}
