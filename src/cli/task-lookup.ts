// One task as the API shows it: its detail (name, status), and its counters, which only
// QueryRobotTaskList carries (docs/api/QueryRobotTaskList.md): found there by its name, then its id.
import { InvalidArgumentError } from 'commander';
import { callOk, dataOf } from './api-command.js';
import type { RpcCall } from './rpc-client.js';
import type { TaskRow } from './task-table.js';

export interface TaskDetail { id: number; taskName: string; status: string }

/** Final statuses: nothing changes a task's calls any more (docs/architecture.md §4). */
export const FINAL_STATUSES: ReadonlySet<string> = new Set(['FINISH', 'CANCEL', 'SYSTEM_CANCEL']);

/** A task id as the commands take it: the API's integers from 1 to 2^53−1. */
export function taskIdOption(value: string): number {
  const n = Number(value);
  if (!/^\d{1,16}$/.test(value) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('must be a task id (an integer from 1)');
  return n;
}

export async function taskDetail(call: RpcCall, id: number): Promise<TaskDetail> {
  return dataOf<TaskDetail>(await callOk(call, 'QueryRobotTaskDetail', { Id: id }));
}

/** The task's list row (totalCount, finishCount), or null if the list no longer shows it. */
export async function taskRow(call: RpcCall, task: TaskDetail): Promise<TaskRow | null> {
  for (let page = 1; page <= 1000; page++) {
    const rows = dataOf<TaskRow[]>(await callOk(call, 'QueryRobotTaskList', { TaskName: task.taskName, PageNo: page, PageSize: 100 }));
    const row = rows.find((r) => r.id === task.id);
    if (row) return row;
    if (rows.length < 100) return null;
  }
  return null;
}
