// Which of the task actions a task's status allows now, and why not: the console enables its buttons
// from this, so they follow the same rules (docs/decisions.md D4) the actions enforce.
import { DomainError } from '../domain/errors.js';
import { assertDeletable, assertUploadable, planCancel, planCancelOrder, planStart, planStop } from '../domain/task-status.js';
import type { Task } from '../domain/types.js';

/** `why`: the refusal's kind, for a page that words it in its own language; `reason`: the API's own words. */
export type Availability = { allowed: true } | { allowed: false; why: 'status' | 'no-callees' | 'balance'; reason: string };
export type TaskActionName = 'start' | 'stop' | 'cancel' | 'cancelOrder' | 'delete' | 'upload';

/** `balanceAllows`: the account's balance is unlimited or above zero (resuming ARREARS_STOP needs it). */
export function availableActions(task: Task, balanceAllows: boolean): Record<TaskActionName, Availability> {
  return {
    start: tryPlan(() => planStart(task, { scheduleTime: null, balanceAllows })),
    stop: tryPlan(() => planStop(task)),
    cancel: tryPlan(() => planCancel(task, 0)),
    cancelOrder: tryPlan(() => planCancelOrder(task)),
    delete: tryPlan(() => assertDeletable(task)),
    upload: tryPlan(() => assertUploadable(task)),
  };
}

function tryPlan(plan: () => unknown): Availability {
  try {
    plan();
    return { allowed: true };
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    const why = err.code === 'isv.TASK_NO_CALLEE' ? 'no-callees' : err.code === 'isv.AMOUNT_NOT_ENOUGH' ? 'balance' : 'status';
    return { allowed: false, why, reason: reasonOf(err) };
  }
}

/** The refusal's own words; a bare code (no callees, no balance) gets its sentence here. */
function reasonOf(err: DomainError): string {
  if (err.code === 'isv.TASK_NO_CALLEE') return 'The task has no callee numbers yet: upload numbers first.';
  if (err.code === 'isv.AMOUNT_NOT_ENOUGH') return 'The account balance is at or below zero: top it up first.';
  return err.detail;
}
