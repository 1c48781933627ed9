// SQL of the engine's steps (docs/architecture.md §5, docs/decisions.md D7). Every statement works on a set (a batch of
// callees or calls, or every task in a status), never on one row per statement.
import type { CallRecord } from '../../domain/calls.js';
import type { SqlExecutor } from '../executor.js';
import { encodeResult } from './call-result-codec.js';

const json = (rows: unknown) => JSON.stringify(rows);

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
       complete_time = case when due.unusable then $1 else t.complete_time end
     from due where t.id = due.id
     returning t.id, t.status`, [at]);
}

export interface PendingBatch {
  file_name: string; task_id: number; status: string; fire_time: number | null; numbers: string[]; new_keys: string[];
  tts_head: string[]; tts_params: Record<string, string[]>; next_seq: number;
}

/** The oldest batch of a dispatched or dispatching task that has no callees yet. */
export async function selectUndispatchedBatch(db: SqlExecutor): Promise<PendingBatch | null> {
  const [row] = await db.query<PendingBatch>(
    `select b.file_name, b.task_id, t.status, t.fire_time, b.numbers, b.new_keys, b.tts_head, b.tts_params,
       coalesce((select max(c.seq) from callees c where c.task_id = b.task_id), 0) + 1 as next_seq
     from called_batches b join tasks t on t.id = b.task_id
     where not b.dispatched and t.status not in ('INIT', 'READY', 'CANCEL', 'SYSTEM_CANCEL', 'FINISH')
     order by b.task_id, b.seq limit 1
     -- The task's row too: two processes dispatching two batches of one task would number their
     -- callees from the same next_seq.
     for update of b, t skip locked`);
  return row ?? null;
}

export interface NewCallee { seq: number; number: string; dial: string; tts: Record<string, string> | null }

/** Makes some of a batch's callees, due at `due`; the caller sizes the set (task-steps.ts). */
export async function insertCallees(db: SqlExecutor, taskId: number, callees: NewCallee[], due: number): Promise<void> {
  await db.query(
    `insert into callees (task_id, seq, number, dial_number, tts, state, due_at)
     select $1, x.seq, x.number, x.dial, x.tts, 'pending', $2
     from jsonb_to_recordset($3::jsonb) as x(seq int, number text, dial text, tts jsonb)`,
    [taskId, due, json(callees)]);
}

export async function markBatchDispatched(db: SqlExecutor, fileName: string): Promise<void> {
  await db.query('update called_batches set dispatched = true where file_name = $1', [fileName]);
}

/** DISPATCH tasks all of whose batches have callees start executing. */
export async function startDispatchedTasks(db: SqlExecutor): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    `update tasks t set status = 'EXCUTING', dispatched = true
     where t.status = 'DISPATCH' and not exists (select 1 from called_batches b where b.task_id = t.id and not b.dispatched)
     returning t.id`);
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

export async function moveTasks(db: SqlExecutor, from: string, to: string): Promise<number[]> {
  const rows = await db.query<{ id: number }>('update tasks set status = $2 where status = $1 returning id', [from, to]);
  return rows.map((r) => r.id);
}

/** EXCUTING tasks of accounts whose set balance is at or below zero stop for arrears (D7). */
export async function stopTasksInArrears(db: SqlExecutor): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    `update tasks t set status = 'ARREARS_STOP' from accounts a
     where a.id = t.account_id and t.status = 'EXCUTING' and a.balance_fen is not null and a.balance_fen <= 0
     returning t.id`);
  return rows.map((r) => r.id);
}

/** EXCUTING tasks with every callee final and every batch dispatched; completeTime = the last call's end. */
export async function finishTasks(db: SqlExecutor, at: number): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    `update tasks t set status = 'FINISH',
       complete_time = coalesce((select max(k.ended_at) from calls k where k.task_id = t.id), $1)
     where t.status = 'EXCUTING'
       and not exists (select 1 from callees c where c.task_id = t.id and c.state in ('pending', 'dialing'))
       and not exists (select 1 from called_batches b where b.task_id = t.id and not b.dispatched)
     returning t.id`, [at]);
  return rows.map((r) => r.id);
}

export interface DialTask {
  id: number; account_id: number; caller: string; corp_name: string; dial_count: number; robot_id: number; run_from: number | null;
  dialog: unknown; seed_index: number | null;
}

/** EXCUTING tasks with a callee due before `before`, with what dialing them needs. */
export async function selectDueTasks(db: SqlExecutor, before: number): Promise<DialTask[]> {
  return db.query<DialTask>(
    `select t.id, t.account_id, t.caller, t.corp_name, t.dial_count, t.robot_id, t.run_from, r.dialog, r.seed_index
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
export async function claimDueCallees(
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

/** Commits the attempts of a round (before anything is dialed) and marks their callees dialing. */
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
  for (const c of calls) perTask.set(c.task_id, (perTask.get(c.task_id) ?? 0) + 1);
  await tx.query(
    `update tasks t set dial_count = t.dial_count + x.n from jsonb_to_recordset($1::jsonb) as x(id bigint, n int) where t.id = x.id`,
    [json([...perTask].map(([id, n]) => ({ id, n })))]);
  return ids;
}

export interface CallResultRow {
  id: number; code: string; early: string | null; answered_at: number | null; ended_at: number;
  duration_s: number; cost_fen: number; result: CallRecord['result'];
}

/**
 * Records the carrier's answers. An attempt recovery already recorded as lost (its lease ran out
 * while this process waited) keeps that: its callee may have moved on. Returns the ids recorded.
 */
export async function recordResults(db: SqlExecutor, results: CallResultRow[]): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    // The result travels as a JSON string inside the batch: parsed once, as json, not as nested jsonb.
    `update calls k set code = x.code, early_media_code = x.early, answered_at = x.answered_at, ended_at = x.ended_at,
       duration_s = x.duration_s, cost_fen = x.cost_fen, result = x.result::json
     from jsonb_to_recordset($1::jsonb) as x(id bigint, code text, early text, answered_at bigint, ended_at bigint,
       duration_s int, cost_fen bigint, result text)
     where k.id = x.id and k.code is null
     returning k.id`, [json(results.map((r) => ({ ...r, result: encodeResult(r.result) })))]);
  return rows.map((r) => r.id);
}

/**
 * Calls committed but never answered by the carrier whose lease ran out (their owner died or lost
 * the database, docs/decisions.md D14): call loss 200012 (D8), which the redial policy then decides on.
 */
export async function resolveLostCalls(db: SqlExecutor, wallNow: number): Promise<number> {
  const rows = await db.query(
    `update calls set code = '200012', ended_at = started_at, duration_s = 0
     where code is null and lease_until < $1 returning id`, [wallNow]);
  return rows.length;
}

/** The owner is still waiting for the carrier's answer to these calls: their leases run on. */
export async function renewLeases(db: SqlExecutor, owner: string, until: number): Promise<void> {
  await db.query('update calls set lease_until = $2 where owner = $1 and code is null', [owner, until]);
}

/** The owner stops without an answer for these calls: any process recovers them at its next pass. */
export async function releaseLeases(db: SqlExecutor, owner: string): Promise<number> {
  return (await db.query('update calls set lease_until = 0 where owner = $1 and code is null returning id', [owner])).length;
}

/** These calls, if still unanswered, as call loss 200012: their carrier failed before it answered (D8). */
export async function recordCallsLost(db: SqlExecutor, ids: number[]): Promise<number> {
  const rows = await db.query(
    `update calls set code = '200012', ended_at = started_at, duration_s = 0
     where id = any($1::bigint[]) and code is null returning id`, [ids.map(String)]);
  return rows.length;
}

export interface EndedCall {
  id: number; task_id: number; account_id: number; callee_seq: number; attempt: number; code: string;
  ended_at: number; cost_fen: number;
}

/**
 * The latest calls of dialing callees that ended by `at`, their callees locked for the caller's
 * transaction, which settles them (moves the callees on).
 */
export async function takeEndedCalls(tx: SqlExecutor, at: number): Promise<EndedCall[]> {
  return tx.query<EndedCall>(
    `select k.id, k.task_id, k.account_id, k.callee_seq, k.attempt, k.code, k.ended_at, k.cost_fen
     from callees c join calls k on k.task_id = c.task_id and k.callee_seq = c.seq and k.attempt = c.attempts
     where c.state = 'dialing' and k.ended_at <= $1
     for update of c skip locked`, [at]);
}

export interface RedialTermsRow {
  id: number; status: string; retry_type: number; recall_state_codes: string; recall_times: number; recall_interval: number;
}

export async function selectRedialTerms(db: SqlExecutor, taskIds: number[]): Promise<RedialTermsRow[]> {
  return db.query<RedialTermsRow>(
    'select id, status, retry_type, recall_state_codes, recall_times, recall_interval from tasks where id = any($1::bigint[])',
    [taskIds.map(String)]);
}

export interface CalleeUpdate { task_id: number; seq: number; state: 'pending' | 'done'; due_at: number | null }

/** Applies settled calls: callee states and redial times, finish counts, and charges (one transaction). */
export async function applySettlement(
  tx: SqlExecutor, callees: CalleeUpdate[], finished: Map<number, number>, charges: Map<number, number>,
): Promise<number[]> {
  await tx.query(
    `update callees c set state = x.state, due_at = x.due_at
     from jsonb_to_recordset($1::jsonb) as x(task_id bigint, seq int, state text, due_at bigint)
     where c.task_id = x.task_id and c.seq = x.seq`, [json(callees)]);
  if (finished.size > 0) {
    await tx.query(
      `update tasks t set finish_count = t.finish_count + x.n from jsonb_to_recordset($1::jsonb) as x(id bigint, n int) where t.id = x.id`,
      [json([...finished].map(([id, n]) => ({ id, n })))]);
  }
  if (charges.size === 0) return [];
  const rows = await tx.query<{ id: number }>(
    `update accounts a set balance_fen = a.balance_fen - x.fen from jsonb_to_recordset($1::jsonb) as x(id bigint, fen bigint)
     where a.id = x.id and a.balance_fen is not null returning a.id`,
    [json([...charges].map(([id, fen]) => ({ id, fen })))]);
  return rows.map((r) => r.id);
}

/**
 * The earliest engine time after `at` at which a started task may run, a call ends or a callee is
 * due. Scheduled starts: selectNextFire.
 */
export async function selectNextEvent(db: SqlExecutor, at: number): Promise<number | null> {
  const [row] = await db.query<{ next: number | null }>(
    `select least(
       (select min(run_from) from tasks where status = 'READY' and schedule_type = 'SINGLE' and run_from > $1),
       (select min(run_from) from tasks where status = 'EXCUTING' and run_from > $1),
       (select min(ended_at) from calls where ended_at > $1),
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
