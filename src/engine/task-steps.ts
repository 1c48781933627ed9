// The task status moves the engine makes at an engine time (docs/architecture.md §4, docs/decisions.md D4/D7): fire due
// starts, dispatch batches, skip cancelled callees, follow calling hours and arrears, finish.
import type { Logger } from 'pino';
import { isWithinHours, type CallingHours } from '../domain/calling-hours.js';
import { formatTime } from '../domain/zoned-time.js';
import { logTaskMove } from '../logging/task-log.js';
import type { TaskStatus } from '../domain/types.js';
import type { EngineStore } from '../store/engine-store.js';
import { buildCallees } from './dispatch.js';

export interface StepContext {
  store: EngineStore;
  callingHours: CallingHours | null;
  timezone: string;
  log: Logger;
}

interface Move { id: number; from: TaskStatus; to: TaskStatus }

/**
 * Callees inserted per statement. PGlite runs SQL on this thread and answers through microtasks
 * only, so a statement blocks the event loop for its whole run: 20,000 rows took 300-500 ms, and
 * a 300,000-number dispatch held every request for 6.7 s. 2,000 rows take ~40 ms, and the server
 * is let in between them.
 */
const DISPATCH_CHUNK = 2_000;
const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs every status step at `at`; returns the ids of the tasks it changed. */
export async function advanceTasks(ctx: StepContext, at: number): Promise<Set<number>> {
  const changed = new Set<number>();
  const add = (ids: Iterable<number>) => { for (const id of ids) changed.add(id); };
  // Each step moves tasks from one known status, so the lifecycle lines need no extra reads.
  const moves: Move[] = [];
  const moved = (ids: number[], from: TaskStatus, to: TaskStatus) => {
    for (const id of ids) moves.push({ id, from, to });
    add(ids);
  };
  const { store } = ctx;

  for (const t of await store.fireDueStarts(at)) moved([t.id], 'READY', t.status);
  for (;;) {
    const done = await store.dispatchNextBatch(async (batch, insert) => {
      // A task's first numbers are due from its fire time (which a quantum may have passed already).
      const due = batch.status === 'DISPATCH' ? (batch.fireTime ?? at) : at;
      const callees = buildCallees(batch);
      for (let i = 0; i < callees.length; i += DISPATCH_CHUNK) {
        await insert(callees.slice(i, i + DISPATCH_CHUNK), due);
        await yieldToIo();
      }
    });
    if (done === null) break;
    changed.add(done);
  }
  moved(await store.startDispatched(at), 'DISPATCH', 'EXCUTING');
  add(await store.skipCancelledCallees());
  if (ctx.callingHours) {
    if (isWithinHours(ctx.callingHours, at, ctx.timezone)) moved(await store.moveTasks('SYSTEM_STOP', 'EXCUTING', at), 'SYSTEM_STOP', 'EXCUTING');
    else moved(await store.moveTasks('EXCUTING', 'SYSTEM_STOP', at), 'EXCUTING', 'SYSTEM_STOP');
  }
  moved(await store.stopTasksInArrears(at), 'EXCUTING', 'ARREARS_STOP');
  moved(await store.finishTasks(at), 'EXCUTING', 'FINISH');
  if (moves.length > 0 && ctx.log.isLevelEnabled('info')) await logMoves(ctx, moves, at);
  return changed;
}

/** One lifecycle line per move, final ones with the task's totals (one read for the whole step). */
async function logMoves(ctx: StepContext, moves: Move[], at: number): Promise<void> {
  const totals = new Map((await ctx.store.taskTotals([...new Set(moves.map((m) => m.id))])).map((s) => [s.id, s]));
  const engineTime = formatTime(at, ctx.timezone);
  for (const m of moves) {
    const t = totals.get(m.id);
    if (!t) continue; // deleted meanwhile
    logTaskMove(ctx.log, { taskId: m.id, accountId: t.accountId, from: m.from, to: m.to }, { by: 'engine' }, engineTime,
      { totalCount: t.totalCount, finishCount: t.finishCount, callsByCode: t.callsByCode ?? undefined });
  }
}
