// Composition root: the only module that picks concrete adapters (store driver, nonce cache, clocks).
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import { ensureKey, ensureSomeKey, type IssuedKey } from './admin/key-service.js';
import { accessLog } from './api/access-log.js';
import { keyResolver } from './api/key-resolver.js';
import { listenError } from './api/listen-error.js';
import { memoryNonceCache, type NonceCache } from './api/nonce-cache.js';
import { TIMESTAMP_WINDOW_MS } from './api/authenticate.js';
import { sqlNonceCache } from './store/nonce-table.js';
import { DRAIN_MS, trackConnections, type HttpTimeouts } from './api/connections.js';
import { httpAccessLog } from './api/http-access-log.js';
import { startMetricsServer, type MetricsServer } from './api/metrics-server.js';
import { buildServer } from './api/server.js';
import { tokenBucket } from './api/throttle.js';
import { openCarrier } from './carrier/open-carrier.js';
import { recordingLinks, sweepRecordings } from './api/recording-links.js';
import { fileLedger, noLedger, type Ledger } from './carrier/ledger.js';
import { ScenarioBook, validateScenario } from './carrier/scenarios.js';
import { monotonicClock, systemClock, type Clock, type EngineClock } from './clock.js';
import { recordingsDirOf, type Config } from './config.js';
import { clockLeadNotice, openEngineClock } from './engine/clock-store.js';
import { createEngine, type Engine, type StopReport } from './engine/engine.js';
import { shareState, type SharedState } from './engine/shared-state.js';
import { connectionLostLog } from './logging/connection-lost.js';
import { createLogger } from './logging/logger.js';
import { createMetrics, type Metrics } from './metrics/metrics.js';
import { openStore } from './store/open-store.js';
import { sqlEngineStore } from './store/sql-engine-store.js';
import { sqlReceiptStore } from './store/sql/receipts.js';
import type { ReceiptStore } from './store/receipt-store.js';
import { startDeliverer, type Deliverer } from './receipts/deliverer.js';
import { databaseSignals } from './store/signals.js';
import type { Database } from './store/executor.js';
import type { Store } from './store/store.js';

// The store commands (src/cli/) reach stores through the composition root, which picks the adapters.
export { holdsRobotcallStore, openStore } from './store/open-store.js';
export { checkDataDir } from './store/data-dir-check.js';
export { readLockHolder, type LockHolder } from './store/data-dir-lock.js';

export { VERSION } from './version.js';
import { VERSION } from './version.js';

export interface RunningServer {
  url: string;
  port: number;
  store: Store;
  storeDescription: string;
  /** The key the ready line names (the configured one, else the first active key). */
  keyId: string | null;
  /** A key generated at this start because none existed; shown once. */
  generatedKey: IssuedKey | null;
  /** What start-up has to say about auth and the admin API. */
  notices: string[];
  /**
   * Stops accepting, drains connections (at most `drainMs`, then cuts them), then closes the
   * engine and the store and releases the lock, each even if an earlier step failed.
   */
  close(drainMs?: number): Promise<{ cut: number; engine: StopReport }>;
}

export interface StartOptions {
  log?: Logger;
  wallClock?: Clock;
  /** HTTP time limits (tests shorten them); defaults in api/connections.ts. */
  httpTimeouts?: Partial<HttpTimeouts>;
  /** any-key mode's bound on adopted AccessKeyIds (tests lower it); MAX_ADOPTED_KEYS by default. */
  maxAdoptedKeys?: number;
  /** The console's built page (browser tests build their own); dist/public/console/ by default. */
  consoleDir?: string;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;
const WILDCARD = /^(0\.0\.0\.0|::|\[::\])$/;

/** The log format in force: as configured, else pretty on a terminal and JSON otherwise. */
export function logFormatOf(config: Config): 'pretty' | 'json' {
  return config.logFormat ?? (process.stdout.isTTY ? 'pretty' : 'json');
}

export async function startRobotcall(config: Config, opts: StartOptions = {}): Promise<RunningServer> {
  const log = opts.log ?? createLogger(config.logLevel, logFormatOf(config), process.stdout.isTTY);
  const wall = opts.wallClock ?? systemClock;
  const ledger = config.engine === 'on' && config.carrierLedger ? fileLedger(config.carrierLedger) : noLedger;
  const opened = await openStore({
    databaseUrl: config.databaseUrl ?? undefined, dataDir: config.dataDir,
    onConnectionLost: connectionLostLog(log, 'database connection lost (the request using it failed; the next one connects again)', () => wall.now()),
  });
  const { store, db, lock } = opened;
  const receipts = sqlReceiptStore(db);
  const metrics = createMetrics({ command: 'serve', version: VERSION, store: db.kind, wallNow: () => wall.now(), log });
  let nonces: NonceCache | null = null;
  let parts: EngineParts | null = null;
  let sweeper: { stop(): void } | null = null;
  try {
    nonces = db.kind === 'postgres'
      ? sqlNonceCache(db, () => wall.now(), TIMESTAMP_WINDOW_MS)
      : memoryNonceCache({ maxEntries: config.maxNonces, journalDir: path.join(path.resolve(config.dataDir), 'nonces'), now: wall.now() });
    // serve sets the engine clock: the system clock unless told otherwise.
    parts = await assembleEngine(config, { store, db, receipts, log, wall, ledger, engineOn: config.engine === 'on', clock: config.clock ?? SYSTEM_CLOCK, metrics });
    const { clock, engine, scenarios, shared } = parts;
    const leadNotice = [clockLeadNotice(clock, wall, opened.lock ? `--data-dir ${path.resolve(config.dataDir)}` : '--database-url URL')].filter((n) => n !== null);
    if (config.accessKeyId && config.accessKeySecret) await ensureKey(store, config.accessKeyId, config.accessKeySecret, wall.now());

    const recordings = await recordingLinks(store, recordingsDirOf(config), () => wall.now());
    sweeper = sweepRecordings(recordings, config.recordingRetentionDays, (err) => log.error({ err }, 'removing old recordings failed'));
    const loopbackOnly = LOOPBACK.test(config.host);
    let fileBase = '';
    const app = buildServer({
      log,
      timeouts: opts.httpTimeouts,
      consoleDir: opts.consoleDir,
      gateway: {
        store,
        auth: {
          keys: keyResolver(store, config.auth, config.anyKeySecret, () => wall.now(), opts.maxAdoptedKeys),
          nonces,
          throttle: config.rateLimit ? tokenBucket(config.rateLimit) : null,
          wallNow: () => wall.now(),
        },
        engineNow: () => clock.now(),
        wakeEngine: () => {
          engine?.wake();
          shared.announce('wake');
        },
        callingHours: config.callingHours,
        timezone: config.timezone,
        fileBase: () => fileBase,
        recordings,
        log,
        accessLog: accessLog(log, monotonicClock, metrics.rpc()),
      },
      metrics: () => metrics.scrape(),
      httpLog: httpAccessLog(log, monotonicClock),
      admin: {
        storeKind: db.kind, adminToken: config.adminToken, loopbackOnly, publicUrl: config.publicUrl, wallNow: () => wall.now(), version: VERSION,
        clock, engine, scenarios, timezone: config.timezone, announce: (topic) => shared.announce(topic), carrier: config.carrier,
        receipts, wakeReceipts: () => parts?.deliverer?.wake(),
      },
    });
    const connections = trackConnections(app.server);
    await engine?.start();
    await app.listen({ port: config.port, host: config.host }).catch((err: unknown) => { throw listenError(err, config.host, config.port); });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    const wildcard = WILDCARD.test(config.host);
    // Links must not follow the request's Host (anyone can forge it); a wildcard address is no
    // address to link to, so the machine's host name stands in, and start-up says how to set it.
    fileBase = config.publicUrl ?? (wildcard ? `http://${os.hostname()}:${port}` : url);
    lock?.announce({ url, adminToken: config.adminToken });
    // Only now, so a start that fails (a port in use) leaves no key behind that nobody was shown.
    const generatedKey = config.accessKeyId ? null : await ensureSomeKey(store, wall.now());

    const keys = await store.listAccessKeys();
    const keyId = config.accessKeyId ?? keys.find((k) => k.active)?.id ?? null;
    return {
      url, port, store, storeDescription: opened.describe, keyId, generatedKey,
      notices: [...startupNotices(config, loopbackOnly, parts.carrierDescription), ...leadNotice,
        ...(wildcard && !config.publicUrl ? [`called-file links use ${fileBase} (this machine's host name); --public-url sets them`] : [])],
      close: async (drainMs = DRAIN_MS) => {
        sweeper?.stop();
        const closing = app.close();
        const cut = await connections.drain(drainMs);
        let engine: StopReport = { inTime: true, recorded: true };
        await closeAll([() => closing, async () => { if (parts) engine = await parts.close(config.grace * 1000); },
          () => nonces?.close(), () => store.close(), () => lock?.release()]);
        return { cut, engine };
      },
    };
  } catch (err) {
    sweeper?.stop();
    await closeAll([() => parts?.close(0), () => nonces?.close(), () => store.close(), () => lock?.release()]).catch(() => {});
    throw err;
  }
}

export interface RunningWorker {
  storeDescription: string;
  /** Where `--metrics-port` serves /metrics; null without it. */
  metricsUrl: string | null;
  /** What start-up has to say about the metrics port. */
  notices: string[];
  /** Stops claiming, lets calls in flight end within `--grace`, records them, releases leases, closes the store. */
  close(): Promise<StopReport>;
}

export class WorkerError extends Error {}

/** `robotcall worker`: the engine alone, beside serve processes on one PostgreSQL (docs/decisions.md D14). */
export async function startWorker(config: Config, opts: StartOptions = {}): Promise<RunningWorker> {
  if (config.databaseUrl === null) {
    throw new WorkerError('robotcall worker runs beside serve on PostgreSQL (--database-url / DATABASE_URL): the embedded '
      + "store's data dir is opened by one process, and its serve runs the engine itself");
  }
  const log = opts.log ?? createLogger(config.logLevel, logFormatOf(config), process.stdout.isTTY);
  const wall = opts.wallClock ?? systemClock;
  const ledger = config.carrierLedger ? fileLedger(config.carrierLedger) : noLedger;
  const opened = await openStore({
    databaseUrl: config.databaseUrl, dataDir: config.dataDir,
    onConnectionLost: connectionLostLog(log, 'database connection lost (the engine retries)', () => wall.now()),
  });
  let parts: EngineParts | null = null;
  let served: MetricsServer | null = null;
  const metrics = config.metricsPort === null ? null
    : createMetrics({ command: 'worker', version: VERSION, store: opened.db.kind, wallNow: () => wall.now(), log });
  const loopbackOnly = LOOPBACK.test(config.metricsHost);
  try {
    // Given no --clock, a worker follows the clock the store holds (serve set it).
    parts = await assembleEngine(config, {
      store: opened.store, db: opened.db, receipts: sqlReceiptStore(opened.db), log, wall, ledger, engineOn: true, clock: config.clock, metrics,
    });
    await parts.engine!.start();
    if (metrics) {
      served = await startMetricsServer({
        host: config.metricsHost, port: config.metricsPort!, loopbackOnly, adminToken: config.adminToken, wallNow: () => wall.now(),
        scrape: () => metrics.scrape(), health: { storeKind: opened.db.kind, version: VERSION, engine: parts.engine }, log,
        httpLog: httpAccessLog(log, monotonicClock),
      });
    }
  } catch (err) {
    await closeAll([() => parts?.close(0), () => opened.store.close()]).catch(() => {});
    throw err;
  }
  const running = parts;
  const metricsServer = served;
  return {
    storeDescription: opened.describe,
    metricsUrl: metricsServer?.url ?? null,
    notices: metricsServer && config.adminToken === null
      ? [loopbackOnly ? '/metrics is open without a token because --metrics-host is loopback'
        : '/metrics is disabled: --metrics-host is not loopback and there is no --admin-token']
      : [],
    close: async () => {
      let report: StopReport = { inTime: false, recorded: false };
      await closeAll([async () => metricsServer?.close(), async () => { report = await running.close(config.grace * 1000); }, () => opened.store.close()]);
      return report;
    },
  };
}

const SYSTEM_CLOCK = { mode: 'system', rate: 1 } as const;

interface EngineParts {
  clock: EngineClock;
  scenarios: ScenarioBook;
  engine: Engine | null;
  shared: SharedState;
  /** Pushes call receipts (docs/decisions.md D16); runs wherever the engine does. */
  deliverer: Deliverer | null;
  /** The carrier, as the startup notice names it (null with the engine off). */
  carrierDescription: string | null;
  /** Stops the engine (within `graceMs`) and the sharing. */
  close(graceMs: number): Promise<StopReport>;
}

/** The engine clock, the carrier's scenarios, the engine (when on) and what they share with other processes. */
async function assembleEngine(
  config: Config,
  deps: { store: Store; db: Database; receipts: ReceiptStore; log: Logger; wall: Clock; ledger: Ledger; engineOn: boolean; clock: Config['clock']; metrics: Metrics | null },
): Promise<EngineParts> {
  const { store, db, log, wall } = deps;
  const clock = await openEngineClock(store, deps.clock, wall);
  const engineStore = sqlEngineStore(db, (changed) => store.refresh(changed));
  deps.metrics?.store(() => engineStore.countDueCallees(clock.now()));
  const scenarios = new ScenarioBook((await store.listScenarios()).map(([n, s]) => [n, validateScenario(s)]));
  const opened = deps.engineOn
    ? await openCarrier(config, {
      scenarios, ledger: deps.ledger, wallNow: () => wall.now(),
      onError: (err) => log.warn({ err }, 'speech recognition failed (heard as no input)'), warn: (message) => log.warn(message),
    })
    : null;
  const engine: Engine | null = opened
    ? createEngine({
      store: engineStore, clock, wallNow: () => wall.now(), log,
      // Read at scrape time only, once the engine exists.
      metrics: deps.metrics?.engine(() => engine!.activity()),
      carrier: opened.carrier,
      limits: { taskConcurrency: config.taskConcurrency, accountConcurrency: config.accountConcurrency, callsPerSecond: config.callsPerSecond },
      callingHours: config.callingHours, timezone: config.timezone, pricePerMinute: config.pricePerMinute,
      soleProcess: db.kind === 'pglite', owner: processOwner(), leaseMs: config.engineLease * 1000, pollMs: config.enginePoll * 1000,
    })
    : null;
  const shared = await shareState({ signals: databaseSignals(db), store, clock, scenarios, onWake: () => engine?.wake(), pollMs: config.enginePoll * 1000, log });
  const deliverer = engine
    ? startDeliverer({
      store: deps.receipts, engineNow: () => clock.now(), wallNow: () => wall.now(), owner: processOwner(), timezone: config.timezone,
      policy: { maxBackoffMs: config.receiptMaxBackoff * 1000, windowMs: config.receiptRetryHours * 3_600_000 },
      pollMs: config.enginePoll * 1000, soleProcess: db.kind === 'pglite', log, onResult: deps.metrics?.receipts(() => deps.receipts.backlog()),
    })
    : null;
  return {
    clock, scenarios, engine, shared, deliverer,
    carrierDescription: opened?.describe ?? null,
    close: async (graceMs) => {
      await deliverer?.close();
      const report = (await engine?.close(graceMs)) ?? { inTime: true, recorded: true };
      await opened?.close();
      await shared.close();
      return report;
    },
  };
}

/** How this process's calls name their owner: unique across hosts and restarts. */
function processOwner(): string {
  return `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/** Runs every step, whatever the others do; throws the first failure once all have run. */
async function closeAll(steps: Array<() => unknown>): Promise<void> {
  const failures: unknown[] = [];
  for (const step of steps) {
    try {
      await step();
    } catch (err) {
      failures.push(err);
    }
  }
  if (failures.length > 0) throw failures[0];
}

function startupNotices(config: Config, loopbackOnly: boolean, carrier: string | null): string[] {
  const notices: string[] = [];
  if (config.auth === 'any-key') {
    notices.push(config.anyKeySecret
      ? 'auth any-key: every AccessKeyId is accepted (new ones get their own account); signatures are checked against --any-key-secret'
      : 'auth any-key: every AccessKeyId is accepted (new ones get their own account); only the form of signatures is checked');
  }
  if (config.adminToken === null) {
    notices.push(loopbackOnly
      ? 'admin API /_robotcall/ and /metrics are open without a token because the server is bound to loopback'
      : 'admin API /_robotcall/ and /metrics are disabled: not bound to loopback and no --admin-token');
  }
  const spec = config.clock ?? SYSTEM_CLOCK;
  const clock = spec.mode === 'scaled' ? `scaled:${spec.rate}` : spec.mode;
  if (config.engine === 'off') notices.push(`engine off: started tasks stay READY unless a worker runs the engine (engine clock ${clock})`);
  else {
    notices.push(`engine on: clock ${clock}, ${carrier ?? 'no carrier'}`
      + `${config.callingHours ? `, calling hours ${config.callingHours.text}` : ''}`
      + `, ${config.taskConcurrency} calls per task, ${config.accountConcurrency} per account, ${config.callsPerSecond} calls/s per account`);
  }
  return notices;
}
