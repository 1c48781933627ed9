// Reading an account's tasks, call records and robots: what the query actions and the console show.
import type { AppContext } from './app-context.js';
import { loadTask } from './task-access.js';
import type { CallFilter, CallRecord } from '../domain/calls.js';
import { DomainError } from '../domain/errors.js';
import { numberKey } from '../domain/phone-number.js';
import type { Robot, Task } from '../domain/types.js';
import type { Page, TaskFilter } from '../store/store.js';

export { loadTask as findTask } from './task-access.js';

export function listTasks(ctx: AppContext, filter: TaskFilter, page: Page): Promise<{ tasks: Task[]; total: number }> {
  return ctx.store.listTasks(ctx.account.id, filter, page);
}

/**
 * One entry per callee with an ended call, its latest attempt, in order of first dial (D13).
 * `called` is a callee number as typed: one that is not a valid callee matches nothing.
 */
export async function listCalls(ctx: AppContext, taskId: number, filter: Omit<CallFilter, 'dialed'> & { called?: string }, page: Page): Promise<{ task: Task; calls: CallRecord[] }> {
  const task = await loadTask(ctx, taskId);
  const { called, ...rest } = filter;
  const dialed = called === undefined ? undefined : (numberKey(called.trim()) ?? `not a number: ${called}`);
  return { task, calls: await ctx.store.listLatestCalls(task.id, ctx.now(), { ...rest, dialed }, page) };
}

/** The latest ended call to one callee of a task (isv.CALL_RECORD_NOT_FOUND when there is none yet). */
export async function findCall(ctx: AppContext, taskId: number, callee: string): Promise<{ task: Task; call: CallRecord }> {
  const task = await loadTask(ctx, taskId);
  const key = numberKey(callee.trim());
  const call = key === null ? null : await ctx.store.findLatestCall(task.id, ctx.now(), key);
  if (!call) throw new DomainError('isv.CALL_RECORD_NOT_FOUND', `callee ${callee} in task ${taskId}`);
  return { task, call };
}

export function listRobots(ctx: AppContext): Promise<Robot[]> {
  return ctx.store.listRobots(ctx.account.id);
}
