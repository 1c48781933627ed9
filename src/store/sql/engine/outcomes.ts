// SQL of what becomes of committed attempts (docs/decisions.md D8, D14): the carrier's answers, call loss for
// attempts it never answered, and the leases their owners hold meanwhile.
import type { CallRecord } from '../../../domain/calls.js';
import type { SqlExecutor } from '../../executor.js';
import { encodeResult } from '../call-result-codec.js';
import type { EndedCall } from './settle.js';

const json = (rows: unknown) => JSON.stringify(rows);

export interface CallResultRow {
  id: number; code: string; early: string | null; answered_at: number | null; ended_at: number;
  duration_s: number; cost_fen: number; result: CallRecord['result'];
}

/**
 * Records the carrier's answers. An attempt recovery already recorded as lost (its lease ran out
 * while this process waited) keeps that: its callee may have moved on. Returns the calls recorded,
 * as settlement reads them (settle.ts takeEndedCalls).
 */
export async function recordResults(db: SqlExecutor, results: readonly CallResultRow[]): Promise<EndedCall[]> {
  return db.query<EndedCall>(
    // The result travels as a JSON string inside the batch: parsed once, as json, not as nested jsonb.
    `update calls k set code = x.code, early_media_code = x.early, answered_at = x.answered_at, ended_at = x.ended_at,
       duration_s = x.duration_s, cost_fen = x.cost_fen, result = x.result::json
     from jsonb_to_recordset($1::jsonb) as x(id bigint, code text, early text, answered_at bigint, ended_at bigint,
       duration_s int, cost_fen bigint, result text)
     where k.id = x.id and k.code is null
     returning k.id, k.task_id, k.account_id, k.callee_seq, k.attempt, k.code, k.ended_at, k.cost_fen`,
    [json(results.map((r) => ({ ...r, result: encodeResult(r.result) })))]);
}

/**
 * Calls committed but never answered by the carrier whose lease ran out (their owner died or lost
 * the database, docs/decisions.md D14): call loss 200012 (D8), which the redial policy then decides on.
 */
// These run every pass over a table of every attempt ever made: `code is null` is the predicate of
// the calls_unanswered index (migration 7), which holds only the unanswered ones.
export async function resolveLostCalls(db: SqlExecutor, wallNow: number): Promise<number> {
  const rows = await db.query(
    `update calls set code = '200012', ended_at = started_at, duration_s = 0
     where code is null and lease_until < $1 returning id`, [wallNow]);
  return rows.length;
}

/** The owner is still waiting for the carrier's answer to these calls: their leases run on. */
export async function renewLeases(db: SqlExecutor, owner: string, until: number): Promise<void> {
  await db.query('update calls set lease_until = $2 where code is null and owner = $1', [owner, until]);
}

/** The owner stops without an answer for these calls: any process recovers them at its next pass. */
export async function releaseLeases(db: SqlExecutor, owner: string): Promise<number> {
  return (await db.query('update calls set lease_until = 0 where code is null and owner = $1 returning id', [owner])).length;
}

/** These calls, if still unanswered, as call loss 200012: their carrier failed before it answered (D8). */
export async function recordCallsLost(db: SqlExecutor, ids: number[]): Promise<number> {
  const rows = await db.query(
    `update calls set code = '200012', ended_at = started_at, duration_s = 0
     where id = any($1::bigint[]) and code is null returning id`, [ids.map(String)]);
  return rows.length;
}
