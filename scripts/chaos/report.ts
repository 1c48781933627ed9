// The chaos summary: one row per layout, then every violation with its count and first cases.
import type { RunResult } from './run.js';

export function printSummary(seed: number, results: RunResult[]): void {
  console.log(`\nChaos summary (seed ${seed})`);
  console.table(results.map((r) => ({
    mode: r.mode,
    processes: r.processes,
    callees: r.callees,
    kills: r.kills,
    restarts: r.restarts,
    'attempts (ledger)': r.attempts,
    'call records': r.calls,
    'lost mid-dial': r.lost,
    'most calls at once: task / account': `${r.maxTask} / ${r.maxAccount}`,
    'FINISH after (s)': r.finishS === null ? 'no' : r.finishS.toFixed(1),
    'elapsed (s)': r.elapsedS.toFixed(1),
    violations: r.violations.reduce((n, v) => n + v.count, 0),
  })));
  for (const r of results) {
    if (r.violations.length === 0) {
      console.log(`${r.mode}: every invariant held`);
      continue;
    }
    console.log(`${r.mode}: ${r.violations.length} invariants broken`);
    for (const v of r.violations) {
      console.log(`  ✗ ${v.invariant}: ${v.count}`);
      for (const e of v.examples) console.log(`      ${e}`);
    }
  }
}
