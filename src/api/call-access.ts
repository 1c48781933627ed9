// Loads the call record of one callee of a caller's task, shared by the call-detail actions.
import type { ActionContext } from './action.js';
import { MAX_NUMBER_FILTER } from './param-limits.js';
import { integer, required, text } from './param-schema.js';
import { loadTask } from './task-access.js';
import type { CallRecord } from '../domain/calls.js';
import { DomainError } from '../domain/errors.js';
import { LATEST_QUERY_TIME } from '../domain/time-range.js';
import { numberKey } from '../domain/phone-number.js';
import type { Task } from '../domain/types.js';

export async function findCall(ctx: ActionContext, taskId: number, callee: string): Promise<{ task: Task; call: CallRecord }> {
  const task = await loadTask(ctx, taskId);
  const key = numberKey(callee.trim());
  const call = key === null ? null : await ctx.store.findLatestCall(task.id, ctx.now(), key);
  if (!call) throw new DomainError('isv.CALL_RECORD_NOT_FOUND', `callee ${callee} in task ${taskId}`);
  return { task, call };
}

/** The parameters of both call-detail actions (QueryDate: validated, not matched on; D13). */
export const CALL_DETAIL_PARAMS = {
  TaskId: required(integer(1)),
  Callee: required(text(MAX_NUMBER_FILTER)),
  QueryDate: required(integer(0, LATEST_QUERY_TIME)),
};
