// The action × status table of docs/decisions.md D4: which actions a task's status allows, and what each sets.
// Pure: the caller passes the time and facts; nothing here reads a clock or the store.
import { DomainError } from './errors.js';
import { FINAL_STATUSES, type Task, type TaskChange } from './types.js';

type TaskState = Pick<Task, 'id' | 'status' | 'scheduleType' | 'dispatched' | 'totalCount'>;

export interface StartFacts {
  /** Engine-clock ms of a validated ScheduleTime (already checked to be in the future), or null. */
  scheduleTime: number | null;
  /** False when the account's balance is set and at or below zero. */
  balanceAllows: boolean;
}

export function planStart(task: TaskState, facts: StartFacts): TaskChange {
  switch (task.status) {
    case 'INIT':
      if (task.totalCount === 0) throw new DomainError('isv.TASK_NO_CALLEE', String(task.id));
      return facts.scheduleTime === null
        ? { status: 'READY', scheduleType: 'SINGLE', scheduleTime: null, fireTime: null }
        : { status: 'READY', scheduleType: 'ORDER', scheduleTime: facts.scheduleTime, fireTime: facts.scheduleTime };
    case 'MANUAL_STOP':
      refuseSchedule(task, facts);
      return { status: task.dispatched ? 'EXCUTING' : 'READY' };
    case 'ARREARS_STOP':
      refuseSchedule(task, facts);
      if (!facts.balanceAllows) throw new DomainError('isv.AMOUNT_NOT_ENOUGH', String(task.id));
      return { status: 'EXCUTING' };
    default:
      throw notAllowed('StartRobotTask', task);
  }
}

export function planStop(task: TaskState): TaskChange {
  if (task.status === 'READY' && task.scheduleType === 'ORDER') {
    throw new DomainError('isv.TASK_STATUS_NOT_ALLOWED',
      `Task ${task.id} is scheduled (READY, ORDER) and has not started; use CancelOrderRobotTask to cancel the schedule.`);
  }
  if (['READY', 'DISPATCH', 'EXCUTING', 'SYSTEM_STOP', 'ARREARS_STOP'].includes(task.status)) return { status: 'MANUAL_STOP' };
  throw notAllowed('StopRobotTask', task);
}

export function planCancelOrder(task: TaskState): TaskChange {
  if (task.status === 'READY' && task.scheduleType === 'ORDER') {
    return { status: 'INIT', scheduleType: 'SINGLE', scheduleTime: null, fireTime: null };
  }
  throw notAllowed('CancelOrderRobotTask', task, 'it applies only to a scheduled task that has not started (READY, ORDER)');
}

export function planCancel(task: TaskState, now: number): TaskChange {
  if (FINAL_STATUSES.has(task.status)) throw notAllowed('CancelRobotTask', task);
  return { status: 'CANCEL', completeTime: now };
}

export function assertDeletable(task: TaskState): void {
  if (task.status !== 'INIT' && !FINAL_STATUSES.has(task.status)) {
    throw notAllowed('DeleteRobotTask', task, 'only INIT, FINISH, CANCEL and SYSTEM_CANCEL tasks can be deleted; cancel it first');
  }
}

export function assertUploadable(task: TaskState): void {
  if (FINAL_STATUSES.has(task.status)) throw notAllowed('UploadRobotTaskCalledFile', task);
}

function refuseSchedule(task: TaskState, facts: StartFacts): void {
  if (facts.scheduleTime !== null) {
    throw notAllowed('StartRobotTask with ScheduleTime', task, 'a schedule can only be set on a task in INIT');
  }
}

function notAllowed(action: string, task: TaskState, why = ''): DomainError {
  const shown = task.status === 'READY' ? `READY (${task.scheduleType})` : task.status;
  return new DomainError('isv.TASK_STATUS_NOT_ALLOWED',
    `${action} is not allowed for task ${task.id} in status ${shown}${why ? `: ${why}` : ''}.`);
}
