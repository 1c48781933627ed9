// What every process on one PostgreSQL must see alike (docs/decisions.md D14): the engine clock's
// anchor, the simulated carrier's scenarios, and the news that there is work (a task started, a
// clock advanced). A change is announced with NOTIFY; every process also re-reads the clock and the
// scenarios each poll, so a missed notification (a listening connection lost) costs a poll's delay.
// On the embedded store the data dir has one process: nothing is shared, nothing polled.
import type { Logger } from 'pino';
import type { ScenarioBook } from '../carrier/scenarios.js';
import { validateScenario } from '../carrier/scenarios.js';
import type { ClockAnchor, EngineClock } from '../clock.js';
import type { Signals } from '../store/engine-store.js';
import type { Store } from '../store/store.js';
import { CLOCK_SETTING } from './clock-store.js';

export type Topic = 'wake' | 'clock' | 'scenarios';

export interface SharedState {
  /** Tells every process on the database (this one too) that `topic` changed. */
  announce(topic: Topic): void;
  close(): Promise<void>;
}

export interface ShareOptions {
  /** null: this process is alone on its store (embedded). */
  signals: Signals | null;
  store: Store;
  clock: EngineClock;
  scenarios: ScenarioBook;
  /** There may be work now: run an engine pass soon. */
  onWake: () => void;
  pollMs: number;
  log: Logger;
}

export async function shareState(opts: ShareOptions): Promise<SharedState> {
  const { signals } = opts;
  if (signals === null) return { announce: () => {}, close: async () => {} };
  const clock = clockFollower(opts);
  const scenarios = async () => {
    const stored = await opts.store.listScenarios();
    const next = stored.map(([n, s]) => [n, validateScenario(s)] as const);
    if (JSON.stringify(next) === JSON.stringify(opts.scenarios.entries())) return;
    opts.scenarios.clear();
    for (const [n, s] of next) opts.scenarios.set(n, s);
  };
  // Once per outage, not once per poll: a database away for an hour would otherwise fill the log.
  let failing = false;
  const failed = (err: unknown) => {
    if (!failing) opts.log.warn({ err }, 'shared state: re-reading the engine clock and scenarios failed (retried every poll; logged again once it works)');
    failing = true;
  };
  const refresh = () => {
    Promise.all([clock().then((moved) => { if (moved) opts.onWake(); }), scenarios()]).then(() => {
      if (failing) opts.log.info('shared state: re-reading the engine clock and scenarios works again');
      failing = false;
    }, failed);
  };
  const stop = await signals.listen((topic) => {
    if (topic === 'wake') opts.onWake();
    else refresh();
  });
  const poll = setInterval(refresh, opts.pollMs);
  poll.unref();
  return {
    announce(topic) {
      signals.send(topic)
        .catch((err: unknown) => opts.log.warn({ err, topic }, 'shared state: NOTIFY failed (other processes see the change at their next poll)'));
    },
    async close() {
      clearInterval(poll);
      await stop();
    },
  };
}

/**
 * Follows the stored anchor. A read may race this process's own write of a newer anchor, so an
 * anchor set earlier (by wall clock) than the one in force is taken only once it has been read
 * twice in a row: then it really is what the store holds (another process wrote last).
 */
function clockFollower(opts: ShareOptions): () => Promise<boolean> {
  let olderSeen: string | null = null;
  return async () => {
    const stored = await opts.store.readSetting<ClockAnchor>(CLOCK_SETTING);
    const current = opts.clock.anchor;
    if (!stored || JSON.stringify(stored) === JSON.stringify(current)) {
      olderSeen = null;
      return false;
    }
    if (stored.wallAt < current.wallAt && olderSeen !== JSON.stringify(stored)) {
      olderSeen = JSON.stringify(stored);
      return false;
    }
    olderSeen = null;
    opts.clock.follow(stored);
    return true;
  };
}
