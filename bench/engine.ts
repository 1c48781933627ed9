// Engine throughput (issue 3: ≥ 5,000 callees finished per second; issue 8: on PostgreSQL with 1, 2
// and 4 processes): a 100,000-callee task run to FINISH by real processes (--carrier-timing zero,
// manual clock advanced a day, pace and concurrency limits out of the way), each beside the raw rate
// at which the same kind of database claims a batch with `for update skip locked` and marks it done
// (the set-based floor), measured in the same run, rounds interleaved so drifts of a shared machine
// fall on both alike:
// - embedded: one `serve` on a fresh data dir, beside raw PGlite (engine/embedded.ts, engine/raw.ts);
// - PostgreSQL (127.0.0.1:5432, user postgres, or TEST_POSTGRES_URL as for the tests; a fresh
//   database per run): one `serve` plus N-1 engine-only processes for N = 1, 2, 4, beside raw
//   PostgreSQL with N connections looping at once (engine/postgres.ts), with what the runs spent
//   their CPU and connections on (engine/observe.ts).
// BENCH_ENGINE_ROUNDS (default 3) sets the embedded rounds; BENCH_ENGINE_PG_ROUNDS (default 1, 0 to
// skip PostgreSQL) the PostgreSQL ones: one round of the three process counts takes about as long as
// the whole gateway bench (each run starts up to four processes on a fresh database), so the full
// `npm run bench` gets one; for figures with a spread, `BENCH_ONLY=engine BENCH_ENGINE_PG_ROUNDS=3
// npm run bench` (BENCH_ONLY runs only the named benches). BENCH_ENGINE_CLOCK replaces the manual
// clock (engine/task.ts). A PostgreSQL run whose task finishes nothing for 30 s is reported as
// stalled, and the bench goes on.
import { embeddedEngineRun } from './engine/embedded.js';
import { accumulate, emptyObservation } from './engine/observe.js';
import { postgresEngineRun } from './engine/postgres.js';
import { rawPgliteRun, rawPostgresRun } from './engine/raw.js';
import { printEngineTable, type EngineRows } from './engine/report.js';

const ROUNDS = Number(process.env.BENCH_ENGINE_ROUNDS ?? 3);
const PG_ROUNDS = Number(process.env.BENCH_ENGINE_PG_ROUNDS ?? 1);
const PROCESSES = [1, 2, 4];

export async function benchEngine(): Promise<void> {
  const rows: EngineRows = { embedded: { engine: [], raw: [] }, postgres: new Map() };
  if (PG_ROUNDS > 0) {
    for (const n of PROCESSES) rows.postgres.set(n, { engine: [], raw: [], dispatchS: [], observation: emptyObservation(), notes: [] });
  }
  for (let round = 0; round < Math.max(ROUNDS, PG_ROUNDS); round++) {
    if (round < ROUNDS) {
      rows.embedded.engine.push(await embeddedEngineRun());
      rows.embedded.raw.push(await rawPgliteRun());
    }
    if (round >= PG_ROUNDS) continue;
    for (const [n, r] of rows.postgres) {
      const run = await postgresEngineRun(n);
      r.engine.push(run.calleesPerSecond);
      if (run.calleesPerSecond !== null) {
        // A stalled run's time is mostly the stall: what it spent is not the throughput's cost.
        r.dispatchS.push(run.dispatchS!);
        accumulate(r.observation, run.observation);
      }
      r.notes.push(...run.notes);
      r.raw.push(await rawPostgresRun(n));
    }
  }
  printEngineTable(rows, { embedded: ROUNDS, postgres: PG_ROUNDS });
}
