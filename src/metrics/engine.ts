// The engine's metrics (README "Metrics"): calls recorded by outcome, passes and their duration, and,
// read when scraped, the calls in flight and how far the engine is behind its clock.
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { EngineActivity, EngineMetrics } from '../engine/engine-metrics.js';

/** Seconds. An idle pass takes a few ms; a round of 10,000 callees about half a second (README "Performance"). */
export const PASS_SECONDS_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

export function engineMetrics(registry: Registry, activity: () => EngineActivity): EngineMetrics {
  const dials = new Counter({
    name: 'robotcall_engine_dials_total', help: 'Calls this process recorded, by final state code (200012: call loss, also for attempts recovered from another process).',
    labelNames: ['code'], registers: [registry],
  });
  const passes = new Histogram({
    name: 'robotcall_engine_pass_duration_seconds', help: 'Wall-clock time of each engine pass, by result (ok or failed).',
    labelNames: ['result'], buckets: PASS_SECONDS_BUCKETS, registers: [registry],
  });
  new Gauge({
    name: 'robotcall_engine_calls_in_flight', help: 'Attempts this process placed with the carrier whose end has not come yet.', registers: [registry],
    collect() {
      this.set(activity().callsInFlight);
    },
  });
  new Gauge({
    name: 'robotcall_engine_lag_seconds', help: "Engine-clock seconds between the engine clock's now and what this process's engine has processed (0 when nothing is due).",
    registers: [registry],
    collect() {
      this.set(activity().lagMs / 1000);
    },
  });
  return {
    passStarted: () => {
      const end = passes.startTimer();
      return (ok) => { end({ result: ok ? 'ok' : 'failed' }); };
    },
    callsRecorded: (byCode) => {
      for (const [code, n] of byCode) dials.inc({ code }, n);
    },
  };
}
