// The distinct callee keys of the tasks this process is filling, so that de-duplicating an upload
// need not read every earlier batch's keys back from the database: that read grew with each batch and
// was a quarter of the server's work in a 300,000-row import (README "Performance"). An entry is
// used only while it ends with the task's last batch as read under the task's row lock, and is only
// ever extended from such a state, so another process's upload, a deletion, a rolled-back
// transaction or a restart can make it miss, never answer wrong. A key that is not a short digit
// string (none is, once numbers are validated) leaves its task uncached.
import { DigitKeySet } from './digit-key-set.js';

interface Entry { lastFile: string; keys: DigitKeySet; numbers: number }

/** What the task's batches hold: which of the asked keys, and how many numbers as uploaded. */
export interface StoredKeys { keys: Set<string>; numbers: number }

export class TaskKeyCache {
  private readonly entries = new Map<number, Entry>();
  private slots = 0;

  /**
   * `maxSlots` bounds memory, counted in the tables' slots (8 bytes each, 2-4 a key, at least 16 a task:
   * digit-key-set.ts), not in keys: 100,000 tasks of one key each would otherwise be kept whole. The
   * default, 16 MB, holds a task of 600,000 keys, or two of 300,000.
   */
  constructor(private readonly maxSlots = 2 ** 21) {}

  /** The task's keys among `keys` when the entry ends with `lastFile` (the task's last batch now); else null. */
  lookup(taskId: number, lastFile: string, keys: readonly string[]): StoredKeys | null {
    const entry = this.entries.get(taskId);
    if (entry === undefined || entry.lastFile !== lastFile) return null;
    const known = new Set<string>();
    for (const k of keys) if (entry.keys.has(k)) known.add(k);
    return { keys: known, numbers: entry.numbers };
  }

  /**
   * After a transaction that added batch `file` on top of `previous` (null: the task's first batch)
   * has committed: the entry that ended with `previous` now ends with `file`; any other is dropped.
   */
  committed(taskId: number, previous: string | null, file: string, newKeys: readonly string[], numbers: number): void {
    const entry = this.entries.get(taskId);
    this.drop(taskId);
    if (previous !== null && entry?.lastFile !== previous) return;
    const next = previous === null ? { lastFile: file, keys: new DigitKeySet(), numbers: 0 } : entry!;
    for (const k of newKeys) if (!next.keys.add(k)) return;
    next.lastFile = file;
    next.numbers += numbers;
    if (next.keys.slots > this.maxSlots) return;
    // Re-inserted last: the Map's order is then least recently filled first, which is what goes.
    this.entries.set(taskId, next);
    this.slots += next.keys.slots;
    for (const [id, e] of this.entries) {
      if (this.slots <= this.maxSlots) break;
      this.drop(id, e);
    }
  }

  private drop(taskId: number, entry = this.entries.get(taskId)): void {
    if (entry === undefined) return;
    this.entries.delete(taskId);
    this.slots -= entry.keys.slots;
  }
}
