// A task's chart data, computed at most once per task while it runs (every few seconds) and once
// for good when it is final: on the embedded store, reading 100,000 calls takes most of a second,
// and every open task page polls.
import type { CallStats } from '../domain/calls.js';
import { FINAL_STATUSES, type Task } from '../domain/types.js';
import type { Store } from '../store/store.js';

/** A running task's charts may be this old: the page polls faster than that. */
export const RUNNING_STATS_MS = 5_000;
/** Tasks whose charts are kept; a few KB each. */
const MAX_ENTRIES = 500;

interface Entry { key: string; at: number; stats: Promise<CallStats> }

export function statsCache(store: Store, wallNow: () => number) {
  const entries = new Map<number, Entry>();
  return (task: Task, engineNow: number): Promise<CallStats> => {
    // A final task's calls change only when one in flight at its cancel ends: its counts say so.
    const key = `${task.status}:${task.finishCount}:${task.totalCount}`;
    const at = wallNow();
    const hit = entries.get(task.id);
    entries.delete(task.id);
    if (hit && hit.key === key && (FINAL_STATUSES.has(task.status) || at - hit.at < RUNNING_STATS_MS)) {
      entries.set(task.id, hit);
      return hit.stats;
    }
    const stats = store.callStats(task.id, engineNow);
    // A failed read is not kept: the next request tries again.
    stats.catch(() => { if (entries.get(task.id)?.stats === stats) entries.delete(task.id); });
    entries.set(task.id, { key, at, stats });
    while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
    return stats;
  };
}
