// Task lifecycle lines at info (README "Logs"): every status change with from → to and who made it
// (an API call or the engine); a task reaching a final status carries its totals.
import type { Logger } from 'pino';
import { FINAL_STATUSES, type TaskStatus } from '../domain/types.js';

export interface TaskMove {
  taskId: number;
  accountId: number;
  from: string;
  to: string;
}

export interface TaskTotals {
  totalCount: number;
  finishCount: number;
  /** Ended calls by state code; known where the engine logs the end. */
  callsByCode?: Record<string, number>;
}

export type MovedBy = { by: 'api' | 'console'; action: string } | { by: 'engine' };

export function logTaskMove(log: Logger, move: TaskMove, who: MovedBy, engineTime: string, totals?: TaskTotals): void {
  const final = FINAL_STATUSES.has(move.to as TaskStatus);
  const msg = final ? 'task finished' : move.from === 'INIT' ? 'task started' : 'task status changed';
  const calls = totals?.callsByCode ? Object.values(totals.callsByCode).reduce((a, b) => a + b, 0) : undefined;
  log.info({
    taskId: move.taskId, accountId: move.accountId, from: move.from, to: move.to, ...who, engineTime,
    ...(final && totals ? { totalCount: totals.totalCount, finishCount: totals.finishCount } : {}),
    ...(final && totals?.callsByCode ? { calls, callsByCode: totals.callsByCode } : {}),
  }, msg);
}
