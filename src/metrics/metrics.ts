// The process's metrics (README "Metrics"): one prom-client Registry with every metric robotcall
// exports, made here and handed by the composition root (src/main.ts) to whoever records, each
// through a port of its own layer (api/rpc-metrics.ts, engine/engine-metrics.ts,
// receipts/receipt-metrics.ts).
import type { Logger } from 'pino';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { RpcMetrics } from '../api/rpc-metrics.js';
import type { EngineActivity, EngineMetrics } from '../engine/engine-metrics.js';
import { cachedReading } from './cached-reading.js';
import { engineMetrics } from './engine.js';
import type { ReceiptRecorder } from '../receipts/receipt-metrics.js';
import { receiptMetrics } from './receipts.js';
import { rpcMetrics } from './rpc.js';

export interface Scrape { contentType: string; body: string }

export interface Metrics {
  readonly registry: Registry;
  /** The RPC endpoint's port (serve). */
  rpc(): RpcMetrics;
  /** The engine's port; its gauges read `activity` at each scrape. */
  engine(activity: () => EngineActivity): EngineMetrics;
  /** What the store holds, read when scraped (at most every 5 s, cached-reading.ts): the pending callees due now. */
  store(dueCallees: () => Promise<number>): void;
  /** The receipt deliverer's recorder; the backlog is read when scraped, like the callees due. */
  receipts(backlog: () => Promise<number>): ReceiptRecorder;
  /** The text exposition format: this process's metrics, then Node's. */
  scrape(): Promise<Scrape>;
}

export interface MetricsOptions {
  command: 'serve' | 'worker';
  version: string;
  store: string;
  /** The wall clock, for how long a reading of the store is reused. */
  wallNow: () => number;
  log: Logger;
}

/**
 * A count of the store is reused for 5 s, or 20 times as long as it took to read: several scrapers
 * (an HA pair every 15 s) then read it at most once per 5 s, and the reads never take more than a
 * twentieth of an embedded store's one connection, shared with the engine and the API (at 100,000
 * callees due a read took 35-56 ms there: README "Metrics"). A store that has not answered in 2 s
 * gives NaN for that scrape.
 */
const STORE_READ = { minAgeMs: 5_000, ageFactor: 20, timeoutMs: 2_000 };

export function createMetrics(opts: MetricsOptions): Metrics {
  const registry = new Registry();
  new Gauge({
    name: 'robotcall_info', help: 'Always 1: the release, the command and the store of this process.',
    labelNames: ['version', 'command', 'store'], registers: [registry],
  }).set({ version: opts.version, command: opts.command, store: opts.store }, 1);
  // Started now, so the first scrape already has the event loop's delays since start.
  processRegistry();
  return {
    registry,
    rpc: () => rpcMetrics(registry),
    engine: (activity) => engineMetrics(registry, activity),
    store: (dueCallees) => {
      const due = cachedReading(dueCallees, {
        ...STORE_READ, now: opts.wallNow, onError: (err) => opts.log.warn({ err }, 'metrics: counting the callees due failed (NaN in this scrape)'),
      });
      new Gauge({
        name: 'robotcall_callees_due', help: "Pending callees of executing tasks due by the engine clock's now, in the whole store (every process reads the same).",
        registers: [registry],
        async collect() {
          this.set(await due());
        },
      });
    },
    receipts: (backlog) => receiptMetrics(registry, cachedReading(backlog, {
      ...STORE_READ, now: opts.wallNow, onError: (err) => opts.log.warn({ err }, 'metrics: counting the receipt backlog failed (NaN in this scrape)'),
    })),
    scrape: async () => ({ contentType: registry.contentType, body: `${await registry.metrics()}\n${await processRegistry().metrics()}` }),
  };
}

let nodeMetrics: Registry | null = null;

/**
 * prom-client's default metrics (process CPU, memory, event-loop delay, GC) describe the process, so
 * they are collected once per process, whatever number of servers a test process starts: each
 * collection starts an event-loop monitor and a GC observer that are never stopped.
 */
function processRegistry(): Registry {
  if (!nodeMetrics) {
    nodeMetrics = new Registry();
    collectDefaultMetrics({ register: nodeMetrics });
  }
  return nodeMetrics;
}
