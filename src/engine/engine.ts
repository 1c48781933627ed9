// The engine (DESIGN §5): runs the task steps, settlement and the dial loop in engine-time order up
// to the engine clock's now. A pass walks from one event to the next (a scheduled start, a call's
// end, a callee due, a calling-hours boundary, the pace), so a manual or scaled clock gives exactly
// the timeline a system clock would. Passes are serialised; catchUp() waits for one that has seen
// the clock's current time (what `POST /_robotcall/clock/advance` returns after).
import type { Logger } from 'pino';
import type { Carrier } from '../carrier/carrier.js';
import type { EngineClock } from '../clock.js';
import { nextBoundary, type CallingHours } from '../domain/calling-hours.js';
import type { Database } from '../store/executor.js';
import * as sql from '../store/sql/engine.js';
import type { Store } from '../store/store.js';
import { DialPlanner, type Limits } from './dial-planner.js';
import { dialWindow } from './dial-round.js';
import { settleEndedCalls } from './settle.js';
import { advanceTasks } from './task-steps.js';

export interface EngineOptions {
  db: Database;
  store: Store;
  clock: EngineClock;
  wallNow: () => number;
  carrier: Carrier;
  limits: Limits;
  callingHours: CallingHours | null;
  timezone: string;
  pricePerMinute: number;
  /** True when no other process can hold attempts of this database (embedded): recovery need not wait for leases. */
  soleProcess: boolean;
  log: Logger;
}

export interface Engine {
  start(): Promise<void>;
  /** Something changed (a task started, stopped, got numbers): run a pass soon. */
  wake(): void;
  /** Resolves once a pass has processed everything due up to the clock's current now. */
  catchUp(): Promise<void>;
  close(): Promise<void>;
}

/** Calls are planned at most this far ahead of the event being processed (engine time). */
const WINDOW_MS = 60_000;
/** Longest wall-clock sleep between passes: other processes' changes are seen this fast. */
const IDLE_POLL_MS = 1_000;
const MIN_SLEEP_MS = 5;

export function createEngine(opts: EngineOptions): Engine {
  const planner = new DialPlanner(opts.limits, opts.carrier.instant);
  let cursor = opts.clock.now();
  let chain: Promise<void> = Promise.resolve();
  let nextEventAt: number | null = null;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  let passQueued = false;

  async function pass(): Promise<void> {
    const to = opts.clock.now();
    let at = Math.min(cursor, to);
    for (;;) {
      const tasks = new Set<number>();
      const settled = await settleEndedCalls(opts.db, at);
      for (const id of settled.tasks) tasks.add(id);
      for (const id of await advanceTasks(opts, at)) tasks.add(id);
      // No call starts after the clock's now, nor across a calling-hours edge (its step comes first).
      const end = Math.min(at + WINDOW_MS, to + 1, opts.callingHours ? nextBoundary(opts.callingHours, at, opts.timezone) : Infinity);
      const dial = await dialWindow({ db: opts.db, carrier: opts.carrier, planner, wallNow: opts.wallNow, pricePerMinute: opts.pricePerMinute }, at, end);
      if (tasks.size > 0 || settled.accounts.length > 0) await opts.store.refresh({ tasks, accounts: settled.accounts });
      const next = await nextEvent(at, dial.paceWaitUntil);
      if (next === null || next > to) {
        nextEventAt = next;
        break;
      }
      at = next;
    }
    cursor = to;
  }

  async function nextEvent(at: number, paceWaitUntil: number | null): Promise<number | null> {
    const candidates = [await sql.selectNextEvent(opts.db, at), paceWaitUntil];
    if (opts.callingHours) candidates.push(nextBoundary(opts.callingHours, at, opts.timezone));
    const times = candidates.filter((t): t is number => t !== null && t > at);
    return times.length ? Math.min(...times) : null;
  }

  function runPass(): Promise<void> {
    const run = chain.then(pass);
    chain = run.catch((err: unknown) => opts.log.error({ err }, 'engine pass failed'));
    return run;
  }

  function schedule(): void {
    if (closed) return;
    if (timer) clearTimeout(timer);
    let sleep = IDLE_POLL_MS;
    const rate = opts.clock.anchor.rate;
    if (nextEventAt !== null && rate > 0) sleep = Math.min(IDLE_POLL_MS, Math.max(MIN_SLEEP_MS, (nextEventAt - opts.clock.now()) / rate));
    timer = setTimeout(tick, sleep);
  }

  function tick(): void {
    timer = null;
    passQueued = false;
    void runPass().catch(() => {}).finally(schedule);
  }

  return {
    async start() {
      const lost = await sql.resolveLostCalls(opts.db, opts.soleProcess ? Number.MAX_SAFE_INTEGER : opts.wallNow());
      if (lost > 0) opts.log.warn({ lost }, 'engine: attempts left without a carrier answer were recorded as call loss (200012)');
      await runPass();
      schedule();
    },
    wake() {
      if (closed || passQueued) return;
      passQueued = true;
      if (timer) clearTimeout(timer);
      timer = setTimeout(tick, 0);
    },
    async catchUp() {
      await runPass();
      schedule();
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await chain;
    },
  };
}
