// SQL of what becomes of committed attempts (docs/decisions.md D8, D14): the carrier's answers, call loss for
// attempts it never answered, and the leases their owners hold meanwhile. An attempt in flight lives
// on its callee's row (dial.ts markDialing); its call row is inserted once, when its outcome is known.
import type { CallRecord } from '../../../domain/calls.js';
import type { SqlExecutor, SqlValue } from '../../executor.js';
import { encodeResult } from '../call-result-codec.js';

const json = (rows: unknown) => JSON.stringify(rows);

export interface CallResultRow {
  id: number; task_id: number; account_id: number; callee_seq: number; attempt: number; caller: string; called: string;
  started_at: number; owner: string; code: string; early: string | null; answered_at: number | null; ended_at: number;
  duration_s: number; cost_fen: number; result: CallRecord['result'];
}

/**
 * Writes the call rows of recorded attempts. The caller has checked that each attempt was still in
 * flight (its callee held its lease), so none has a row yet: a plain insert, no conflict to look for.
 */
export async function insertCalls(db: SqlExecutor, results: readonly CallResultRow[]): Promise<void> {
  if (results.length === 0) return;
  if (db.copyRows) {
    await db.copyRows('calls', CALL_COLUMNS, results.map((r) => [
      r.id, r.task_id, r.account_id, r.callee_seq, r.attempt, r.caller, r.called, r.started_at, r.owner, r.code, r.early,
      r.answered_at, r.ended_at, r.duration_s, r.cost_fen, encodeResult(r.result),
    ]));
    return;
  }
  await db.query(
    // The result travels as a JSON string inside the batch: parsed once, as json, not as nested jsonb.
    `insert into calls (${CALL_COLUMNS.join(', ')})
     select x.id, x.task_id, x.account_id, x.callee_seq, x.attempt, x.caller, x.called, x.started_at, x.owner, x.code, x.early,
       x.answered_at, x.ended_at, x.duration_s, x.cost_fen, x.result::json
     from json_to_recordset($1::json) as x(id bigint, task_id bigint, account_id bigint, callee_seq int, attempt int,
       caller text, called text, started_at bigint, owner text, code text, early text, answered_at bigint, ended_at bigint,
       duration_s int, cost_fen bigint, result text)`,
    [json(results.map((r) => ({ ...r, result: encodeResult(r.result) })))]);
}

const CALL_COLUMNS = [
  'id', 'task_id', 'account_id', 'callee_seq', 'attempt', 'caller', 'called', 'started_at', 'owner', 'code', 'early_media_code',
  'answered_at', 'ended_at', 'duration_s', 'cost_fen', 'result',
];

/**
 * Attempts answered whose calls end later than settlement's time: their leases end (the call row
 * about to be written answers for them) unless recovery recorded them as lost meanwhile. The attempt
 * ids still in flight, whose rows the caller writes.
 */
export async function endLeases(db: SqlExecutor, calls: ReadonlyArray<{ task_id: number; callee_seq: number; id: number }>): Promise<number[]> {
  if (calls.length === 0) return [];
  const rows = await db.query<{ attempt_id: number }>(
    `update callees c set lease_until = null
     from json_to_recordset($1::json) as x(task_id bigint, callee_seq int, id bigint)
     where c.task_id = x.task_id and c.seq = x.callee_seq and c.attempt_id = x.id and c.state = 'dialing' and c.lease_until is not null
     returning c.attempt_id`,
    [json(calls.map((c) => ({ task_id: c.task_id, callee_seq: c.callee_seq, id: c.id })))]);
  return rows.map((r) => r.attempt_id);
}

/**
 * Call loss 200012 (D8) for the attempts in flight that `where` picks (alias c: callees, in flight):
 * their leases end and their call rows are written from the callees, unless an answer got there first.
 */
async function recordLost(db: SqlExecutor, where: string, values: SqlValue[]): Promise<number> {
  const rows = await db.query(
    `with lost as (
       update callees c set lease_until = null from tasks t
       where t.id = c.task_id and c.state = 'dialing' and c.lease_until is not null and ${where}
       returning c.attempt_id, c.task_id, t.account_id, c.seq, c.attempts, c.caller, c.dial_number, c.started_at, c.owner)
     -- No conflict to allow: an attempt holding its lease has no call row (recording ends the lease in
     -- its transaction). Were there one, this fails loudly rather than leave a callee without its call.
     insert into calls (id, task_id, account_id, callee_seq, attempt, caller, called, started_at, owner, code, ended_at, duration_s)
     select attempt_id, task_id, account_id, seq, attempts, caller, dial_number, started_at, owner, '200012', started_at, 0 from lost
     returning id`, values);
  return rows.length;
}

/**
 * Attempts committed but never answered by the carrier whose lease ran out (their owner died or lost
 * the database, docs/decisions.md D14): call loss, which the redial policy then decides on.
 */
// Runs every pass: the callees_dialing index holds only dialing callees (as many as calls in progress).
export async function resolveLostCalls(db: SqlExecutor, wallNow: number): Promise<number> {
  return recordLost(db, 'c.lease_until < $1', [wallNow]);
}

/** These attempts, if still unanswered, as call loss: their carrier failed before it answered (D8). */
export async function recordCallsLost(db: SqlExecutor, ids: number[]): Promise<number> {
  return recordLost(db, 'c.attempt_id = any($1::bigint[])', [ids.map(String)]);
}

/**
 * The owner still answers for these attempts (the carrier has not answered, or the answer waits to be
 * recorded): their leases run on. Only the ids it holds, so an attempt it lost track of runs out and
 * is recovered; rows being recorded meanwhile are skipped (their leases end there), since taking
 * them in another order than the recording does deadlocked the two on PostgreSQL.
 */
export async function renewLeases(db: SqlExecutor, owner: string, attemptIds: readonly number[], until: number): Promise<void> {
  if (attemptIds.length === 0) return;
  await db.query(
    `update callees set lease_until = $3 where (task_id, seq) in (
       select task_id, seq from callees
       where state = 'dialing' and lease_until is not null and owner = $1 and attempt_id = any($2::bigint[])
       for update skip locked)`, [owner, attemptIds.map(String), until]);
}

/** The owner stops without an answer for these attempts: any process recovers them at its next pass. */
export async function releaseLeases(db: SqlExecutor, owner: string): Promise<number> {
  return (await db.query(
    "update callees set lease_until = 0 where state = 'dialing' and lease_until is not null and owner = $1 returning seq", [owner])).length;
}
