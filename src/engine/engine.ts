// The engine (docs/architecture.md §5): runs the task steps, settlement and the dial loop in engine-time order up
// to the engine clock's now. A pass walks from one event to the next (a scheduled start, a call's
// end, a callee due, a calling-hours boundary, the pace), so a manual or scaled clock gives exactly
// the timeline a system clock would. Passes are serialised; catchUp() waits for one that has seen
// the clock's current time (what `POST /_robotcall/clock/advance` returns after).
import type { Logger } from 'pino';
import type { Carrier } from '../carrier/carrier.js';
import type { EngineClock } from '../clock.js';
import { nextBoundary, type CallingHours } from '../domain/calling-hours.js';
import type { EngineStore } from '../store/engine-store.js';
import { DialPlanner, type Limits } from './dial-planner.js';
import { AttemptTracker } from './attempt-tracker.js';
import { countLost, dialWindow, drainCalls, recordLeftovers, type DialContext } from './dial-round.js';
import { NO_ENGINE_METRICS, type EngineActivity, type EngineMetrics } from './engine-metrics.js';
import { PassHealth, type EngineHealth } from './pass-health.js';
import { PassTimer } from './pass-timer.js';
import { settleEndedCalls } from './settle.js';
import { advanceTasks } from './task-steps.js';

export interface EngineOptions {
  /** What the engine changes through it, the API sees at once (engine-store.ts). */
  store: EngineStore;
  clock: EngineClock;
  wallNow: () => number;
  carrier: Carrier;
  limits: Limits;
  callingHours: CallingHours | null;
  timezone: string;
  pricePerMinute: number;
  /** True when no other process can hold attempts of this database (embedded): recovery need not wait for leases. */
  soleProcess: boolean;
  /** This process, as its calls record it (docs/decisions.md D14). */
  owner: string;
  /** How long a committed attempt may wait for the carrier's answer; renewed while this process runs (wall ms). */
  leaseMs: number;
  /** Longest wall-clock sleep between passes when nothing wakes the engine (the fallback to NOTIFY). */
  pollMs: number;
  log: Logger;
  /** Told of each pass and each call recorded (README "Metrics"); none by default. */
  metrics?: EngineMetrics;
}

export interface StopReport {
  inTime: boolean;
  recorded: boolean;
}

export interface Engine {
  start(): Promise<void>;
  /** Whether passes succeed; `degraded` with the last failure's reason while they fail. */
  health(): EngineHealth;
  /** Calls in flight and how far behind the engine clock the engine is, now (README "Metrics"). */
  activity(): EngineActivity;
  /** Something changed (a task started, stopped, got numbers): run a pass soon. */
  wake(): void;
  /** Resolves once a pass has processed everything due up to the clock's current now. */
  catchUp(): Promise<void>;
  /**
   * Runs `change` with no pass in flight, then starts over from the clock's now: for a reset that
   * deletes every task and may move the clock back (docs/decisions.md D17), which leaves nothing the
   * engine kept in engine time (its cursor, the accounts' pace) meaningful.
   */
  rebase(change: () => Promise<void>): Promise<void>;
  /**
   * Stops claiming, lets the pass in flight (and the carrier's answers it waits for) end within
   * `graceMs`, records them, then releases the leases of attempts still unanswered so any process
   * recovers them. Says whether all ended in time, and whether what it had was recorded (not with
   * the database away: those attempts are recovered, as call loss, once their leases run out).
   */
  close(graceMs?: number): Promise<StopReport>;
}

/** Calls are planned at most this far ahead of the event being processed (engine time). */
const WINDOW_MS = 60_000;
/**
 * Settlement runs at most this often when ends are dense (engine time). Below the shortest
 * RecallInterval (2 min), so a redial is always decided before it is due.
 */
const QUANTUM_MS = 60_000;
const MIN_SLEEP_MS = 5;
/** A lease is renewed this many times over its length while its owner waits for the carrier. */
const RENEWALS_PER_LEASE = 3;

const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createEngine(opts: EngineOptions): Engine {
  const metrics = opts.metrics ?? NO_ENGINE_METRICS;
  let cursor = opts.clock.now();
  /** Calls are planned up to here (exclusive); the next window starts at it. */
  let plannedUntil = cursor;
  let closed = false;
  const dialContext: DialContext = {
    store: opts.store, carrier: opts.carrier, planner: new DialPlanner(opts.limits, opts.carrier.instant), wallNow: opts.wallNow, pricePerMinute: opts.pricePerMinute,
    owner: opts.owner, leaseMs: opts.leaseMs, stopping: () => closed, placing: false, now: () => opts.clock.now(), metrics,
    // A call that ends between passes (a carrier with latency) is recorded by a pass soon after.
    tracker: new AttemptTracker(opts.pricePerMinute, () => { if (!dialContext.placing) wakeSoon(); }),
  };
  let chain: Promise<void> = Promise.resolve();
  let nextEventAt: number | null = null;
  // How far behind the engine is (activity()): it has processed engine time up to `cursor`, and the
  // last pass found nothing due before `quietUntil` (its next event). Anything that wakes the engine
  // may have made work due sooner, so a pass only vouches for the quiet when no wake came during it.
  let quietUntil = -Infinity;
  let wakes = 0;
  const health = new PassHealth(opts.log, opts.wallNow);
  // While the carrier has not answered, the owner keeps the leases of the attempts it follows; a
  // process that dies stops renewing, and every other process recovers its attempts once the lease
  // runs out (and so does an attempt this process lost track of).
  const renewer = setInterval(() => {
    opts.store.renewLeases(opts.owner, dialContext.tracker.held(), opts.wallNow() + opts.leaseMs)
      .catch((err: unknown) => opts.log.debug({ err }, 'engine: renewing leases failed (they run out unless renewed in time)'));
  }, opts.leaseMs / RENEWALS_PER_LEASE);
  renewer.unref();

  async function pass(): Promise<void> {
    const wakesBefore = wakes;
    const to = opts.clock.now();
    let at = Math.min(cursor, to);
    // The instant of the last pass's now is planned again: a task started then may dial at it.
    let from = Math.min(plannedUntil, at);
    reportLost(await recordLeftovers(dialContext));
    for (let first = true; !closed; first = false) {
      await settleEndedCalls(opts.store, at);
      const moved = await advanceTasks(opts, at);
      // Calls may start in the quantum before `at` only while no task changed status: after a start,
      // stop, resume or calling-hours edge (here, or through the API since the last pass) they start at `at`.
      if (first || moved.size > 0) from = Math.max(from, at);
      const boundary = opts.callingHours ? nextBoundary(opts.callingHours, at, opts.timezone) : Infinity;
      const nextFire = (await opts.store.nextScheduledStart(at)) ?? Infinity;
      // No call starts after the clock's now, nor across a calling-hours edge or a scheduled start
      // (their steps come first).
      const end = Math.min(at + WINDOW_MS, to + 1, boundary, nextFire);
      let paceWaitUntil: number | null = null;
      let dialed = 0;
      if (end > from) {
        ({ paceWaitUntil, dialed } = await dialWindow(dialContext, from, end));
        from = end;
      }
      let next = await nextEvent(at, [paceWaitUntil, boundary, nextFire]);
      if (next === null || next > to) {
        // Calls settled as they were recorded (dial-round.ts) leave no event behind, yet their tasks
        // may be done: the steps run once more, at the clock's now (nothing else happens before it).
        // Windows end by the clock's now, so a round that dials nothing more comes, and this ends.
        if (dialed > 0) {
          at = to;
          continue;
        }
        nextEventAt = next;
        break;
      }
      // Without a price nothing an end brings needs the engine at that very instant (calls chain on
      // their lines, redials are due minutes later), so dense ends are settled a quantum at a time.
      // Scheduled starts and calling-hours edges are never skipped over.
      if (opts.pricePerMinute === 0) next = Math.min(Math.max(next, at + QUANTUM_MS), boundary, to, nextFire);
      at = next;
      // PGlite answers through microtasks only: without this a long pass would starve the HTTP server.
      await yieldToIo();
    }
    cursor = to;
    plannedUntil = from;
    quietUntil = wakes === wakesBefore && !closed ? nextEventAt ?? Infinity : -Infinity;
  }

  function lagMs(): number {
    const now = opts.clock.now();
    return Math.max(0, now - Math.max(cursor, Math.min(quietUntil, now)));
  }

  /** The earliest of the stored events and those the step already knows (pace, calling-hours edge, scheduled start). */
  async function nextEvent(at: number, known: ReadonlyArray<number | null>): Promise<number | null> {
    const times = [await opts.store.nextEvent(at), ...known].filter((t): t is number => t !== null && t > at && t < Infinity);
    return times.length ? Math.min(...times) : null;
  }

  function reportLost(lost: number): void {
    countLost(metrics, lost);
    if (lost > 0) opts.log.warn({ lost }, 'engine: attempts left without a carrier answer were recorded as call loss (200012)');
  }

  function runPass(): Promise<void> {
    const run = chain.then(async () => {
      const ended = metrics.passStarted();
      try {
        await pass();
        ended(true);
      } catch (err) {
        ended(false);
        quietUntil = -Infinity;
        throw err;
      }
    });
    // What the pass committed before it failed, the API sees already (the store reports every write).
    chain = run.then(() => health.succeeded(), (err: unknown) => health.failed(err));
    return run;
  }

  const timer = new PassTimer({
    run: runPass,
    restMs: () => {
      const backoff = health.backoffMs();
      if (backoff !== null) return backoff;
      const rate = opts.clock.anchor.rate;
      if (nextEventAt === null || rate <= 0) return opts.pollMs;
      return Math.min(opts.pollMs, Math.max(MIN_SLEEP_MS, (nextEventAt - opts.clock.now()) / rate));
    },
    // While failing, the backoff decides when to retry, not every request that wakes the engine.
    holdWakes: () => health.backoffMs() !== null,
  });

  function wakeSoon(): void {
    wakes++;
    quietUntil = -Infinity;
    if (!closed) timer.wake();
  }

  return {
    async start() {
      reportLost(await opts.store.recoverExpired(opts.soleProcess ? Number.MAX_SAFE_INTEGER : opts.wallNow()));
      await runPass();
      timer.rest();
    },
    health: () => health.view(),
    activity: () => ({ callsInFlight: dialContext.tracker.waiting, lagMs: lagMs() }),
    wake: wakeSoon,
    async catchUp() {
      await runPass();
      timer.rest();
    },
    async rebase(change) {
      const run = chain.then(async () => {
        await change();
        cursor = plannedUntil = opts.clock.now();
        nextEventAt = null;
        quietUntil = -Infinity;
      });
      chain = run.catch(() => {});
      await run;
      timer.rest();
    },
    async close(graceMs = Infinity) {
      closed = true;
      timer.stop();
      clearInterval(renewer);
      const deadline = opts.wallNow() + graceMs;
      let graceTimer: NodeJS.Timeout | undefined;
      const inTime = await Promise.race([
        chain.then(() => true),
        new Promise<boolean>((resolve) => { if (graceMs < Infinity) graceTimer = setTimeout(() => resolve(false), graceMs); }),
      ]);
      clearTimeout(graceTimer);
      // Calls placed before the stop end within what is left of the grace, and are recorded.
      const drained = await drainCalls(dialContext, deadline);
      let released: number | null = null;
      try {
        released = await opts.store.releaseLeases(opts.owner);
      } catch (err) {
        opts.log.error({ err }, 'engine: stopping, could not release the leases of unanswered attempts: any process recovers them when the leases run out');
      }
      if (released) opts.log.warn({ released }, 'engine: stopped with attempts the carrier had not answered; their leases are released for recovery');
      return { inTime: inTime && drained.ended, recorded: drained.recorded && released !== null };
    },
  };
}
