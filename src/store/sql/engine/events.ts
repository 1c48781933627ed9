// SQL of the engine's next event: when something is next due to happen in engine time.
import type { SqlExecutor } from '../../executor.js';

/**
 * The earliest engine time after `at` at which a started task may run, a call ends or a callee is
 * due. Scheduled starts: selectNextFire.
 */
export async function selectNextEvent(db: SqlExecutor, at: number): Promise<number | null> {
  const [row] = await db.query<{ next: number | null }>(
    `select least(
       (select min(run_from) from tasks where status = 'READY' and schedule_type = 'SINGLE' and run_from > $1),
       (select min(run_from) from tasks where status = 'EXCUTING' and run_from > $1),
       -- A line frees (calls_holding, migration 8: a call that ended as it started held none)...
       (select min(ended_at) from calls where ended_at > $1 and ended_at > started_at),
       -- ...or a call not settled yet ends: its callee is still dialing.
       (select min(k.ended_at) from callees c join calls k on k.id = c.attempt_id where c.state = 'dialing' and k.ended_at > $1),
       (select min(m.due) from tasks t cross join lateral (
          select min(c.due_at) as due from callees c where c.task_id = t.id and c.state = 'pending' and c.due_at > $1) m
        where t.status = 'EXCUTING')
     )::bigint as next`, [at]);
  return row?.next ?? null;
}

/** The next scheduled start after `at`. */
export async function selectNextFire(db: SqlExecutor, at: number): Promise<number | null> {
  const [row] = await db.query<{ next: number | null }>(
    "select min(schedule_time) as next from tasks where status = 'READY' and schedule_type = 'ORDER' and schedule_time > $1", [at]);
  return row?.next ?? null;
}

/**
 * Pending callees of EXCUTING tasks due by `at`: per task, a range of the callees_open index
 * (task_id, due_at) counted, so the cost is the due callees' index entries, not the table.
 */
export async function countDueCallees(db: SqlExecutor, at: number): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `select coalesce(sum(m.n), 0)::bigint as n from tasks t cross join lateral (
       select count(*) as n from callees c where c.task_id = t.id and c.state = 'pending' and c.due_at <= $1) m
     where t.status = 'EXCUTING'`, [at]);
  return Number(row?.n ?? 0);
}
