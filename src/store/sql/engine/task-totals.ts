// SQL for the engine's task lifecycle lines (README "Logs"): a moved task's account and totals, and
// for a task that reached a final status its ended calls counted by state code.
import type { SqlExecutor } from '../../executor.js';

export interface TaskSummaryRow {
  id: number;
  account_id: number;
  total_count: number;
  finish_count: number;
  /** null unless the task is final. */
  calls_by_code: Record<string, number> | null;
}

export async function selectTaskSummaries(db: SqlExecutor, ids: number[]): Promise<TaskSummaryRow[]> {
  return db.query<TaskSummaryRow>(
    `select t.id, t.account_id, t.total_count, t.finish_count,
       case when t.status in ('FINISH', 'CANCEL', 'SYSTEM_CANCEL') then coalesce(
         (select jsonb_object_agg(k.code, k.n) from
           (select code, count(*)::int as n from calls where task_id = t.id and code is not null group by code order by code) k),
         '{}'::jsonb) end as calls_by_code
     from tasks t where t.id = any($1::bigint[])`, [ids.map(String)]);
}
