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
  tx: SqlExecutor, callees: CalleeUpdate[], finished: ReadonlyMap<number, number>, charges: ReadonlyMap<number, number>,
): Promise<number[]> {
  await tx.query(
    `update callees c set state = x.state, due_at = x.due_at
     from jsonb_to_recordset($1::jsonb) as x(task_id bigint, seq int, state text, due_at bigint)
     where c.task_id = x.task_id and c.seq = x.seq`, [json(callees)]);
  await addToTasks(tx, 'finish_count', finished);
  if (charges.size === 0) return [];
  const rows = await tx.query<{ id: number }>(
    `update accounts a set balance_fen = a.balance_fen - x.fen from jsonb_to_recordset($1::jsonb) as x(id bigint, fen bigint)
     where a.id = x.id and a.balance_fen is not null returning a.id`,
    [json([...charges].map(([id, fen]) => ({ id, fen })))]);
  return rows.map((r) => r.id);
}
