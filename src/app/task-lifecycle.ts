// Starting, stopping, cancelling and deleting a task by the status rules of docs/decisions.md D4,
// for the API's task actions and the console's buttons alike.
import type { AppContext } from './app-context.js';
import { invalidField } from './input-error.js';
import { changeTask, loadTask } from './task-access.js';
import { assertScheduleTime } from './task-setup.js';
import { assertDeletable, planCancel, planCancelOrder, planStart, planStop } from '../domain/task-status.js';
import type { Task } from '../domain/types.js';
import { parseLocalTime } from '../domain/zoned-time.js';

/** Start now, at `scheduleText` (yyyy-MM-dd HH:mm:ss in the server's zone), or resume a stopped task. */
export async function startTask(ctx: AppContext, id: number, scheduleText: string | undefined): Promise<Task> {
  let scheduleTime: number | null = null;
  if (scheduleText !== undefined) {
    scheduleTime = parseLocalTime(scheduleText, ctx.timezone);
    if (scheduleTime === null) throw invalidField('ScheduleTime', `ScheduleTime must be yyyy-MM-dd HH:mm:ss in ${ctx.timezone}.`);
    assertScheduleTime(ctx, scheduleTime, `yyyy-MM-dd HH:mm:ss in ${ctx.timezone}`);
  }
  const balanceAllows = await hasBalance(ctx);
  const now = ctx.now();
  return changeTask(ctx, id, (task) => ({ ...planStart(task, { scheduleTime, balanceAllows }), runFrom: now }));
}

/** Pause (→ MANUAL_STOP, never auto-resumes). */
export function stopTask(ctx: AppContext, id: number): Promise<Task> {
  return changeTask(ctx, id, planStop);
}

/** Terminate any non-final task, INIT included (→ CANCEL). */
export function cancelTask(ctx: AppContext, id: number): Promise<Task> {
  return changeTask(ctx, id, (task) => planCancel(task, ctx.now()));
}

/** Drop a schedule that has not fired (READY ORDER → INIT SINGLE). */
export function cancelSchedule(ctx: AppContext, id: number): Promise<Task> {
  return changeTask(ctx, id, planCancelOrder);
}

/** Remove an INIT or final task with its batches, calls and recordings; its id is never reused. */
export async function deleteTask(ctx: AppContext, id: number): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const task = await loadTask(ctx, id);
    assertDeletable(task);
    if (await ctx.store.deleteTask(ctx.account.id, task.id, task.status)) {
      // The call records went with the task (migration 9); so do the recordings.
      await ctx.recordings.removeTask(task.id).catch((err: unknown) => ctx.log.error({ err, taskId: task.id }, 'could not remove the recordings of a deleted task'));
      return;
    }
  }
  throw new Error(`task ${id} kept changing status; gave up deleting it`);
}

/** False when the account's balance is set and at or below zero (D7). */
export async function hasBalance(ctx: AppContext): Promise<boolean> {
  const balance = (await ctx.store.findAccount(ctx.account.id))?.balanceFen ?? null;
  return balance === null || balance > 0;
}
