// What the engine tells the metrics (README "Metrics"), in the engine's words: a port, so the engine
// knows no metrics library (src/metrics/ implements it; src/main.ts wires it).

export interface EngineMetrics {
  /** A pass begins; the function it returns is called once the pass ends, saying whether it succeeded. */
  passStarted(): (ok: boolean) => void;
  /** Calls this process recorded, by their final state code (a batch at a time). */
  callsRecorded(byCode: ReadonlyMap<string, number>): void;
}

/** For an engine nobody measures (tests, tools). */
export const NO_ENGINE_METRICS: EngineMetrics = { passStarted: () => () => {}, callsRecorded: () => {} };

/** What the engine is doing now, read when the metrics are scraped. */
export interface EngineActivity {
  /** Attempts placed with the carrier whose end has not come yet. */
  callsInFlight: number;
  /** Engine-clock ms between the clock's now and the engine time the engine has processed (0 when idle with nothing due). */
  lagMs: number;
}

/** Call loss (D8), what an attempt left without the carrier's answer is recorded as. */
export const CALL_LOSS = '200012';

export function countCodes(codes: Iterable<string>): Map<string, number> {
  const byCode = new Map<string, number>();
  for (const code of codes) byCode.set(code, (byCode.get(code) ?? 0) + 1);
  return byCode;
}
