// Loads an account's task and applies status changes under compare-and-set.
import type { AppContext } from './app-context.js';
import { DomainError } from '../domain/errors.js';
import { formatTime } from '../domain/zoned-time.js';
import { logTaskMove } from '../logging/task-log.js';
import type { Task, TaskChange } from '../domain/types.js';

/** Another account's task answers exactly like a missing one (docs/architecture.md §3). */
export async function loadTask(ctx: AppContext, id: number): Promise<Task> {
  const task = await ctx.store.findTask(ctx.account.id, id);
  if (!task) throw new DomainError('isv.TASK_NOT_FOUND', String(id));
  return task;
}

/**
 * Plans a change from the task's current status and writes it only if the status is still the
 * one planned from; if something else moved the task meanwhile, plans again from the new status.
 */
export async function changeTask(ctx: AppContext, id: number, plan: (task: Task) => TaskChange): Promise<Task> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const task = await loadTask(ctx, id);
    const changed = await ctx.store.changeTask(ctx.account.id, id, task.status, { ...plan(task), statusAt: ctx.now() });
    if (changed) {
      logApiMove(ctx, task, changed);
      ctx.wakeEngine();
      return changed;
    }
  }
  throw new Error(`task ${id} kept changing status; gave up after 5 attempts`);
}

/** The lifecycle line of a status change the API or the console made (README "Logs"); none when the status stayed. */
export function logApiMove(ctx: AppContext, before: Task, after: Task): void {
  if (before.status === after.status || !ctx.log.isLevelEnabled('info')) return;
  logTaskMove(ctx.log, { taskId: after.id, accountId: after.accountId, from: before.status, to: after.status },
    { by: ctx.by, action: ctx.action }, formatTime(ctx.now(), ctx.timezone), { totalCount: after.totalCount, finishCount: after.finishCount });
}
