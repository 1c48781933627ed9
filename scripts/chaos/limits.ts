// Limits across every process together, from the call records (README "Engine": at most
// --task-concurrency calls in progress per task, --account-concurrency per account, starts of one
// account at least 1000 / --calls-per-second ms apart). A call is in progress over [startedAt, endedAt);
// an attempt recorded as call loss after a crash ends where it started, so it holds no line.
import type { CallRecord, Limits, TaskFacts } from './facts.js';
import { INVARIANTS, groupBy, type Findings } from './findings.js';

export interface Overlap {
  /** Most calls in progress at once. */
  most: number;
  /** When that was first reached (engine ms). */
  at: number;
  /** Call starts that took the count above `limit`. */
  over: number;
}

export function overlap(calls: readonly CallRecord[], limit = Infinity): Overlap {
  const edges: Array<[number, number]> = [];
  for (const c of calls) {
    if (c.endedAt > c.startedAt) edges.push([c.startedAt, 1], [c.endedAt, -1]);
  }
  // Ends before starts at the same instant: a line freed at t can be taken at t.
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  const result: Overlap = { most: 0, at: 0, over: 0 };
  for (const [t, d] of edges) {
    now += d;
    if (d > 0 && now > limit) result.over++;
    if (now > result.most) Object.assign(result, { most: now, at: t });
  }
  return result;
}

/** Starts of one account closer than the pace allows. Integer ms: 1000 / N is rounded down. */
export function paceBreaks(calls: readonly CallRecord[], callsPerSecond: number): Array<[number, number]> {
  const gap = Math.floor(1000 / callsPerSecond);
  const starts = calls.map((c) => c.startedAt).sort((a, b) => a - b);
  const breaks: Array<[number, number]> = [];
  for (let i = 1; i < starts.length; i++) if (starts[i]! - starts[i - 1]! < gap) breaks.push([starts[i - 1]!, starts[i]!]);
  return breaks;
}

export function checkLimits(f: Findings, tasks: readonly TaskFacts[], limits: Limits): void {
  for (const t of tasks) {
    const o = overlap(t.calls, limits.taskConcurrency);
    if (o.over > 0) f.add(INVARIANTS.taskConcurrency, `task ${t.taskId}: ${o.most} calls in progress at ${iso(o.at)} (limit ${limits.taskConcurrency}); ${o.over} starts over the limit`);
  }
  for (const [account, own] of groupBy(tasks, (t) => String(t.accountId))) {
    const calls = own.flatMap((t) => t.calls);
    const o = overlap(calls, limits.accountConcurrency);
    if (o.over > 0) f.add(INVARIANTS.accountConcurrency, `account ${account}: ${o.most} calls in progress at ${iso(o.at)} (limit ${limits.accountConcurrency}); ${o.over} starts over the limit`);
    const breaks = paceBreaks(calls, limits.callsPerSecond);
    if (breaks.length > 0) {
      const [a, b] = breaks[0]!;
      f.add(INVARIANTS.pace, `account ${account}: ${breaks.length} of ${calls.length} starts closer than ${Math.floor(1000 / limits.callsPerSecond)} ms, first ${iso(a)} then ${b - a} ms later`);
    }
  }
}

const iso = (ms: number) => new Date(ms).toISOString();
