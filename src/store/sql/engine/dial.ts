// SQL of the dial loop (docs/decisions.md D7, D14): due tasks, a round's claim of due callees with `for update
// skip locked` (a cancel waits for the round rather than racing it), and the commit of its attempts
// before anything is dialed.
import type { SqlExecutor } from '../../executor.js';
import { addToTasks } from './task-counts.js';

const json = (rows: unknown) => JSON.stringify(rows);

export interface DialTask {
  id: number; account_id: number; caller: string; corp_name: string; dial_count: number; robot_id: number; run_from: number | null;
  first_due: number; dialog: unknown; seed_index: number | null;
}

/** EXCUTING tasks with a callee due before `before`, with what dialing them needs. */
export async function selectDueTasks(db: SqlExecutor, before: number): Promise<DialTask[]> {
  return db.query<DialTask>(
    `select t.id, t.account_id, t.caller, t.corp_name, t.dial_count, t.robot_id, t.run_from, r.dialog, r.seed_index,
       -- In due order through callees_open, stopping at the first pending one (min() made PostgreSQL
       -- read every callee of the task, once per window: a 100,000-callee task ran 2.4 times slower).
       (select c.due_at from callees c where c.task_id = t.id and c.state = 'pending' order by c.due_at limit 1) as first_due
     from tasks t left join robots r on r.id = t.robot_id
     where t.status = 'EXCUTING'
       and exists (select 1 from callees c where c.task_id = t.id and c.state = 'pending' and c.due_at < $1)
     order by t.id`, [before]);
}

export interface DueCallee {
  task_id: number; seq: number; number: string; dial_number: string; tts: Record<string, string> | null;
  attempts: number; due_at: number;
}

/** Locks up to `limit` due callees per task, most overdue first, in the caller's transaction. */
export async function selectDueCallees(
  tx: SqlExecutor, before: number, limits: ReadonlyArray<{ taskId: number; limit: number }>,
): Promise<DueCallee[]> {
  return tx.query<DueCallee>(
    `select c.task_id, c.seq, c.number, c.dial_number, c.tts, c.attempts, c.due_at
     from unnest($1::bigint[], $2::int[]) as q(task_id, lim)
     join tasks t on t.id = q.task_id and t.status = 'EXCUTING'
     cross join lateral (
       select * from callees c where c.task_id = q.task_id and c.state = 'pending' and c.due_at < $3
       order by c.due_at, c.seq limit q.lim for update skip locked) c
     order by c.due_at, c.task_id, c.seq`,
    [limits.map((l) => String(l.taskId)), limits.map((l) => String(l.limit)), before]);
}

export interface NewCall {
  task_id: number; account_id: number; callee_seq: number; attempt: number; caller: string; called: string;
  started_at: number; lease_until: number; owner: string;
}

/**
 * Commits the attempts of a round (before anything is dialed) and marks their callees dialing (the
 * round's read locked them). Two statements, each joining the batch on the callees' key: a single
 * statement with the guard in its join was planned as a nested loop over the batch on PostgreSQL
 * (4-8 s a 10,000-call round).
 */
export async function insertCalls(tx: SqlExecutor, calls: NewCall[]): Promise<Array<{ id: number; task_id: number; callee_seq: number }>> {
  const ids = await tx.query<{ id: number; task_id: number; callee_seq: number }>(
    `insert into calls (task_id, account_id, callee_seq, attempt, caller, called, started_at, lease_until, owner)
     select x.task_id, x.account_id, x.callee_seq, x.attempt, x.caller, x.called, x.started_at, x.lease_until, x.owner
     from jsonb_to_recordset($1::jsonb) as x(task_id bigint, account_id bigint, callee_seq int, attempt int,
       caller text, called text, started_at bigint, lease_until bigint, owner text)
     returning id, task_id, callee_seq`, [json(calls)]);
  await tx.query(
    `update callees c set state = 'dialing', attempts = x.attempt, first_dial_at = coalesce(c.first_dial_at, x.started_at)
     from jsonb_to_recordset($1::jsonb) as x(task_id bigint, callee_seq int, attempt int, started_at bigint)
     where c.task_id = x.task_id and c.seq = x.callee_seq`, [json(calls)]);
  const perTask = new Map<number, number>();
  for (const c of ids) perTask.set(c.task_id, (perTask.get(c.task_id) ?? 0) + 1);
  await addToTasks(tx, 'dial_count', perTask);
  return ids;
}
