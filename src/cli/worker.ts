// `robotcall worker`: the engine alone on a PostgreSQL that serve processes share (docs/decisions.md
// D14), with /metrics on a port of its own when given --metrics-port. Prints one ready line; on
// SIGTERM/SIGINT stops claiming, lets calls in flight end within --grace, releases the leases of what
// is left, and exits 0.
import { loadConfig, type ConfigFlags } from '../config.js';
import { systemClock } from '../clock.js';
import { logFormatOf, startWorker, WorkerError } from '../main.js';
import { applyHeapGrowth } from './heap-growth.js';
import { stopOnSignals, UNRECORDED_AT_STOP } from './stop-signals.js';

/** Should closing the store hang after the grace, the process still ends this much later. */
const CLOSE_LIMIT_MS = 20_000;

export async function worker(flags: ConfigFlags): Promise<void> {
  const config = loadConfig(undefined, flags);
  applyHeapGrowth(config.heapGrowingPercent);
  const running = await startWorker(config).catch((err: unknown) => {
    if (err instanceof WorkerError) {
      console.error(`robotcall: ${err.message}`);
      process.exit(2);
    }
    throw err;
  });
  // Before the ready line: whoever waits for it may stop the process the moment it shows.
  stopOnSignals({
    waiting: `letting calls in flight end (at most ${config.grace} s)`,
    limitMs: config.grace * 1000 + CLOSE_LIMIT_MS,
    close: async () => {
      const { inTime, recorded } = await running.close();
      if (!recorded) {
        // Said, and exit 1: what this worker knew of its calls is lost with it (README "Scaling out").
        throw new Error(UNRECORDED_AT_STOP);
      }
      return [...(inTime ? [] : [`calls still in flight after ${config.grace} s; their leases are released for recovery`]), 'stopped'];
    },
  });
  for (const notice of running.notices) console.error(`robotcall: ${notice}`);
  const ready = `robotcall worker ready (engine on ${running.storeDescription}${running.metricsUrl ? `; metrics on ${running.metricsUrl}/metrics` : ''})`;
  if (logFormatOf(config) === 'json') console.log(JSON.stringify({ level: 30, time: systemClock.now(), pid: process.pid, msg: ready }));
  else console.log(ready);
}
