// Starts a real robotcall server for a test: embedded on a copy of a migrated template data dir, or,
// with DB=postgres, on a fresh database of the local PostgreSQL. Nothing leaks: close() removes it.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { loadConfig, type ConfigFlags } from '../../src/config.js';
import { startRobotcall, type RunningServer, type StartOptions } from '../../src/main.js';
import type { Database } from '../../src/store/executor.js';
import { openStore } from '../../src/store/open-store.js';
import { openPglite } from '../../src/store/pglite.js';
import { openPostgres } from '../../src/store/postgres.js';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import type { Clock } from '../../src/clock.js';
import type { Credentials } from './clients.js';

export const TEST_KEY = { accessKeyId: 'LTAItestkey0000000001', accessKeySecret: 'testsecret-0000000000000000001' };
export const usePostgres = process.env.DB === 'postgres';
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestServer extends Credentials {
  server: RunningServer;
  dataDir: string | null;
  databaseUrl: string | null;
  close(): Promise<void>;
}

/**
 * A migrated, seeded PGlite dir made once per machine and schema; copying it takes ~0.3 s. Named by
 * a hash of the migrations' text, so two checkouts with different migrations never share one.
 */
export async function templateDir(): Promise<string> {
  const schema = createHash('sha256').update(JSON.stringify(MIGRATIONS)).digest('hex').slice(0, 12);
  const dir = path.join(os.tmpdir(), `robotcall-template-${schema}-${process.getuid?.() ?? 0}`);
  if (existsSync(dir)) return dir;
  const building = mkdtempSync(`${dir}-building-`);
  const opened = await openStore({ dataDir: building });
  await opened.store.close();
  await opened.lock?.release();
  rmSync(path.join(building, 'robotcall.lock'), { force: true });
  try {
    renameSync(building, dir);
  } catch {
    rmSync(building, { recursive: true, force: true }); // another test process won the race
  }
  return dir;
}

export async function freshDataDir(): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'robotcall-test-'));
  cpSync(await templateDir(), dir, { recursive: true });
  return dir;
}

export async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `rc_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/**
 * The store flags of a fresh store of the configured backend, for a `robotcall` child process:
 * `--database-url` of a fresh database (DB=postgres), else `--data-dir` of a fresh data dir; `cleanups`
 * removes it.
 */
export async function freshStoreArgs(cleanups: Array<() => Promise<void> | void>): Promise<string[]> {
  if (usePostgres) {
    const db = await freshDatabase();
    cleanups.push(() => db.drop());
    return ['--database-url', db.url];
  }
  const dir = await freshDataDir();
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return ['--data-dir', dir];
}

/**
 * A database of the configured backend, opened: PGlite on a fresh copy of the template data dir, or
 * a fresh PostgreSQL database. `remove` deletes it once it is closed.
 */
export async function openTestDatabase(): Promise<{ db: Database; remove(): Promise<void> }> {
  if (usePostgres) {
    const fresh = await freshDatabase();
    return { db: await openPostgres(fresh.url), remove: fresh.drop };
  }
  const dir = await freshDataDir();
  return { db: await openPglite(path.join(dir, 'pglite')), remove: async () => rmSync(dir, { recursive: true, force: true }) };
}

export interface TestServerOptions {
  flags?: ConfigFlags;
  /** Reuse a store target (restart tests). */
  dataDir?: string;
  databaseUrl?: string;
  keepStore?: boolean;
  /** The wall clock (signatures, nonces, throttling); the system clock by default. */
  wallClock?: Clock;
  /** Options of startRobotcall beyond the config (short HTTP timeouts). */
  start?: Omit<StartOptions, 'log'>;
}

export async function startTestServer(opts: TestServerOptions = {}): Promise<TestServer> {
  let dataDir: string | null = null;
  let databaseUrl: string | null = null;
  let drop: (() => Promise<void>) | null = null;
  if (opts.databaseUrl) databaseUrl = opts.databaseUrl;
  else if (opts.dataDir) dataDir = opts.dataDir;
  else if (usePostgres) ({ url: databaseUrl, drop } = await freshDatabase());
  else dataDir = await freshDataDir();

  const config = loadConfig({}, {
    port: 0, logLevel: 'silent', accessKeyId: TEST_KEY.accessKeyId, accessKeySecret: TEST_KEY.accessKeySecret,
    ...(databaseUrl ? { databaseUrl } : { dataDir: dataDir! }), ...opts.flags,
  });
  const server = await startRobotcall(config, { wallClock: opts.wallClock, ...opts.start, log: pino({ level: 'silent' }) });
  return {
    server, port: server.port, dataDir, databaseUrl, ...TEST_KEY,
    async close() {
      await server.close();
      if (opts.keepStore) return;
      if (drop) await drop();
      if (dataDir && !opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A store written by `prepare` through a direct connection before a server is started on it: for
 * stores an earlier release or a fault left behind. It starts unmigrated (an empty data dir, or a
 * fresh database with DB=postgres): `prepare` migrates it as far as it needs.
 */
export async function startOnPreparedStore(
  prepare: (db: Database) => Promise<void>, opts: Omit<TestServerOptions, 'dataDir' | 'databaseUrl' | 'keepStore'> = {},
): Promise<{ server: TestServer; openDb: () => Promise<Database>; stopServer: () => Promise<void>; close: () => Promise<void> }> {
  let target: { dataDir?: string; databaseUrl?: string };
  let cleanup: () => Promise<void>;
  if (usePostgres) {
    const fresh = await freshDatabase();
    target = { databaseUrl: fresh.url };
    cleanup = fresh.drop;
  } else {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'robotcall-prepared-'));
    target = { dataDir: dir };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  const openDb = (): Promise<Database> => (target.databaseUrl ? openPostgres(target.databaseUrl) : openPglite(path.join(target.dataDir!, 'pglite')));
  const db = await openDb();
  await prepare(db);
  await db.close();
  const server = await startTestServer({ ...opts, ...target, keepStore: true });
  let stopped = false;
  const stopServer = async () => {
    if (!stopped) await server.close();
    stopped = true;
  };
  return { server, openDb, stopServer, close: async () => { await stopServer(); await cleanup(); } };
}
