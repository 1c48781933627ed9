// The names of the chaos invariants and how their breaks are collected: one Violation per invariant
// with a count and the first few cases, so a run with thousands of breaks still reads in a screen.
import type { Violation } from './facts.js';

/** Collects cases per invariant; keeps the first few in words. */
export class Findings {
  private readonly byName = new Map<string, Violation>();

  add(invariant: string, example: string): void {
    const v = this.byName.get(invariant) ?? { invariant, count: 0, examples: [] };
    v.count++;
    if (v.examples.length < 5) v.examples.push(example);
    this.byName.set(invariant, v);
  }

  list(): Violation[] {
    return [...this.byName.values()];
  }
}

export const INVARIANTS = {
  attemptTwice: 'no attempt id dialed twice',
  overPolicy: 'no callee dialed more than 1 + RecallTimes',
  sameAttempt: 'no attempt number of a callee dialed twice',
  unrecorded: 'every dial in the ledger has its call record',
  finalOnce: 'every callee final exactly once',
  finishCount: 'finishCount = final callees',
  callList: 'QueryRobotTaskCallList shows each callee once, at its latest attempt',
  stuck: 'no task stuck',
  taskConcurrency: 'task concurrency limit never exceeded',
  accountConcurrency: 'account concurrency limit never exceeded',
  pace: 'account pace (calls per second) never exceeded',
  ledgerLine: 'every ledger line is one whole dial',
  details: 'the call detail APIs show the latest attempt',
  processes: 'no process fails on its own, every restart comes up',
  killsInRun: 'every planned kill happened while the tasks ran',
} as const;

export function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = map.get(k);
    if (list) list.push(x);
    else map.set(k, [x]);
  }
  return map;
}

