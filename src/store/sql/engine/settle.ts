// SQL of settlement (docs/decisions.md D7): ended attempts move their callees on, their tasks' finish counts and
// their accounts' balances, in one transaction.
import type { SqlExecutor } from '../../executor.js';
import { addToTasks } from './task-counts.js';

const json = (rows: unknown) => JSON.stringify(rows);

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
     from callees c join calls k on k.id = c.attempt_id
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

/** A settled callee: final (due_at null) or due again. */
export interface CalleeUpdate { task_id: number; seq: number; attempt_id: number; due_at: number | null }

/**
 * Moves settled callees on: final, or due again. Only a callee still dialing that attempt is moved;
 * with `inFlight`, only while its attempt is unrecorded (its lease held): what recovery recorded as
 * lost meanwhile keeps that (outcomes.ts). Returns the attempt ids NOT applied (almost always none:
 * sending back every row applied cost a quarter of the statement).
 */
export async function moveCallees(tx: SqlExecutor, callees: CalleeUpdate[], inFlight: boolean): Promise<number[]> {
  const rows = await tx.query<{ i: number }>(
    // Short keys: the batch's text is much of the statement's cost. A callee due again is pending.
    `with x as materialized (select * from json_to_recordset($1::json) as x(t bigint, q int, i bigint, d bigint)),
     moved as (
       update callees c set state = case when x.d is null then 'done' else 'pending' end, due_at = x.d, lease_until = null
       from x where c.task_id = x.t and c.seq = x.q and c.state = 'dialing' and c.attempt_id = x.i
         ${inFlight ? 'and c.lease_until is not null' : ''}
       returning c.attempt_id)
     select x.i from x where not exists (select 1 from moved where moved.attempt_id = x.i)`,
    [json(callees.map((c) => ({ t: c.task_id, q: c.seq, i: c.attempt_id, d: c.due_at })))]);
  return rows.map((r) => r.i);
}

/** Adds settled callees to their tasks' finish counts and charges their accounts; the accounts charged. */
export async function applyTotals(
  tx: SqlExecutor, finished: ReadonlyMap<number, number>, charges: ReadonlyMap<number, number>,
): Promise<number[]> {
  await addToTasks(tx, 'finish_count', finished);
  if (charges.size === 0) return [];
  const rows = await tx.query<{ id: number }>(
    `update accounts a set balance_fen = a.balance_fen - x.fen from jsonb_to_recordset($1::jsonb) as x(id bigint, fen bigint)
     where a.id = x.id and a.balance_fen is not null returning a.id`,
    [json([...charges].map(([id, fen]) => ({ id, fen })))]);
  return rows.map((r) => r.id);
}
