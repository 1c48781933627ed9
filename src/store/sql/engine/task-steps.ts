// SQL of the task status steps (docs/architecture.md §4, docs/decisions.md D4/D7): each moves every task in one status
// that meets a condition, in one statement, so several processes running it at once move each task once.
import type { SqlExecutor } from '../../executor.js';

/** READY tasks whose time has come: DISPATCH, or SYSTEM_CANCEL when their robot is no longer usable. */
export async function fireReadyTasks(db: SqlExecutor, at: number): Promise<Array<{ id: number; status: string }>> {
  return db.query(
    `with due as (
       select t.id, (r.id is null or r.audit_status <> 'AUDITPASS') as unusable
       from tasks t left join robots r on r.id = t.robot_id and r.account_id = t.account_id
       where t.status = 'READY'
         and ((t.schedule_type = 'SINGLE' and coalesce(t.run_from, $1) <= $1) or (t.schedule_type = 'ORDER' and t.schedule_time <= $1))
       for update of t skip locked)
     update tasks t set
       status = case when due.unusable then 'SYSTEM_CANCEL' else 'DISPATCH' end,
       -- A task started now fires at the Start request's engine time, which a pass may see later.
       fire_time = coalesce(t.fire_time, t.run_from, $1),
       status_at = coalesce(t.fire_time, t.run_from, $1),
       complete_time = case when due.unusable then $1 else t.complete_time end
     from due where t.id = due.id
     returning t.id, t.status`, [at]);
}

/** DISPATCH tasks all of whose batches have callees start executing. */
export async function startDispatchedTasks(db: SqlExecutor, at: number): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    `update tasks t set status = 'EXCUTING', dispatched = true, status_at = $1
     where t.status = 'DISPATCH' and not exists (select 1 from called_batches b where b.task_id = t.id and not b.dispatched)
     returning t.id`, [at]);
  return rows.map((r) => r.id);
}

/** Pending callees of cancelled tasks are skipped; those dialed before count as finished (D7). */
export async function skipCancelledCallees(db: SqlExecutor): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    `with skipped as (
       update callees c set state = 'skipped', due_at = null
       from tasks t where t.id = c.task_id and t.status in ('CANCEL', 'SYSTEM_CANCEL') and c.state = 'pending'
       returning c.task_id, c.attempts),
     counted as (select task_id, count(*) filter (where attempts > 0) as n from skipped group by task_id)
     update tasks t set finish_count = t.finish_count + counted.n from counted where t.id = counted.task_id
     returning t.id`);
  return rows.map((r) => r.id);
}

/**
 * Moves every task in `from` to `to` at engine time `at`. A task that starts executing again runs
 * from `at` (its run_from): nothing before it is dialed, by whichever process plans its calls.
 */
export async function moveTasks(db: SqlExecutor, from: string, to: string, at: number): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    `update tasks set status = $2, status_at = $3, run_from = case when $2 = 'EXCUTING' then $3 else run_from end where status = $1 returning id`,
    [from, to, at]);
  return rows.map((r) => r.id);
}

/** EXCUTING tasks of accounts whose set balance is at or below zero stop for arrears (D7). */
export async function stopTasksInArrears(db: SqlExecutor, at: number): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    `update tasks t set status = 'ARREARS_STOP', status_at = $1 from accounts a
     where a.id = t.account_id and t.status = 'EXCUTING' and a.balance_fen is not null and a.balance_fen <= 0
     returning t.id`, [at]);
  return rows.map((r) => r.id);
}

/** EXCUTING tasks with every callee final and every batch dispatched; completeTime = the last call's end. */
export async function finishTasks(db: SqlExecutor, at: number): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    `update tasks t set status = 'FINISH',
       complete_time = coalesce((select max(k.ended_at) from calls k where k.task_id = t.id), $1),
       status_at = coalesce((select max(k.ended_at) from calls k where k.task_id = t.id), $1)
     where t.status = 'EXCUTING'
       -- Two lookups, one per partial index (callees_open, callees_dialing).
       and not exists (select 1 from callees c where c.task_id = t.id and c.state = 'pending')
       and not exists (select 1 from callees c where c.task_id = t.id and c.state = 'dialing')
       and not exists (select 1 from called_batches b where b.task_id = t.id and not b.dispatched)
     returning t.id`, [at]);
  return rows.map((r) => r.id);
}
