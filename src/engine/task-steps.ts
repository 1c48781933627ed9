// The task status moves the engine makes at an engine time (DESIGN §4, DECISIONS D4/D7): fire due
// starts, dispatch batches, skip cancelled callees, follow calling hours and arrears, finish.
import { isWithinHours, type CallingHours } from '../domain/calling-hours.js';
import type { Database } from '../store/executor.js';
import * as sql from '../store/sql/engine.js';
import { buildCallees } from './dispatch.js';

export interface StepContext {
  db: Database;
  callingHours: CallingHours | null;
  timezone: string;
}

/** Runs every status step at `at`; returns the ids of the tasks it changed. */
export async function advanceTasks(ctx: StepContext, at: number): Promise<Set<number>> {
  const changed = new Set<number>();
  const add = (ids: Iterable<number>) => { for (const id of ids) changed.add(id); };
  const { db } = ctx;

  add((await sql.fireReadyTasks(db, at)).map((t) => t.id));
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const batch = await sql.selectUndispatchedBatch(tx);
      if (!batch) return null;
      // A task's first numbers are due from its fire time (which a quantum may have passed already).
      await sql.insertCallees(tx, batch, buildCallees(batch), batch.status === 'DISPATCH' ? (batch.fire_time ?? at) : at);
      return batch.task_id;
    });
    if (done === null) break;
    changed.add(done);
  }
  add(await sql.startDispatchedTasks(db));
  add(await sql.skipCancelledCallees(db));
  if (ctx.callingHours) {
    add(isWithinHours(ctx.callingHours, at, ctx.timezone)
      ? await sql.moveTasks(db, 'SYSTEM_STOP', 'EXCUTING')
      : await sql.moveTasks(db, 'EXCUTING', 'SYSTEM_STOP'));
  }
  add(await sql.stopTasksInArrears(db));
  add(await sql.finishTasks(db, at));
  return changed;
}
