// How serve and worker stop on SIGTERM/SIGINT (docs/decisions.md D12, D14): once, saying what they
// wait for; exit 0 once stopped, 1 if stopping failed, and 1 as a last resort should it hang.
export interface Stopping {
  /** What the process waits for, said when the signal comes. */
  waiting: string;
  /** After this long (ms) the process exits 1 whatever it is waiting for. */
  limitMs: number;
  /** Stops; the lines to print once stopped, the last one saying so. */
  close: () => Promise<string[]>;
}

/** Why a stop fails when the engine could not record its calls in flight (docs/decisions.md D14). */
export const UNRECORDED_AT_STOP = 'the answers of calls in flight could not be recorded, nor their leases released (is the database away?): '
  + 'any process records those attempts as call loss (200012) once their leases run out';

export function stopOnSignals(stopping: Stopping): void {
  let stopped = false;
  const stop = async (signal: string) => {
    if (stopped) return;
    stopped = true;
    console.error(`robotcall: ${signal}, ${stopping.waiting}`);
    const stuck = setTimeout(() => {
      console.error(`robotcall: not stopped within ${stopping.limitMs / 1000} s of ${signal}; exiting`);
      process.exit(1);
    }, stopping.limitMs);
    stuck.unref();
    try {
      for (const line of await stopping.close()) console.error(`robotcall: ${line}`);
      process.exit(0);
    } catch (err) {
      console.error(`robotcall: stopping failed: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}
