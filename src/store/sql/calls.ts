// SQL read side of call records: the call APIs (D13) and the admin API's task internals. A call is
// visible once the engine clock has passed its end (a call in progress has no result yet).
import type { CallFilter, CallRecord, CalleeListing } from '../../domain/calls.js';
import type { SqlExecutor, SqlValue } from '../executor.js';
import { decodeResult } from './call-result-codec.js';
import type { Page } from '../store.js';

interface CallRow {
  id: number; task_id: number; callee_seq: number; attempt: number; caller: string; called: string; callee_number: string;
  started_at: number; answered_at: number | null; ended_at: number; code: string; early_media_code: string | null;
  duration_s: number; cost_fen: number; result: Parameters<typeof decodeResult>[0];
}

const toCall = (r: CallRow): CallRecord => ({
  id: r.id, taskId: r.task_id, calleeSeq: r.callee_seq, attempt: r.attempt, caller: r.caller, dialed: r.called,
  callee: r.callee_number, startedAt: r.started_at, answeredAt: r.answered_at, endedAt: r.ended_at, code: r.code,
  earlyMediaCode: r.early_media_code, durationS: r.duration_s, costFen: r.cost_fen, result: decodeResult(r.result),
});

// The latest ended attempt of each callee of a task.
const LATEST = `from callees c cross join lateral (
    select * from calls k where k.task_id = c.task_id and k.callee_seq = c.seq and k.code is not null and k.ended_at <= $2
    order by k.attempt desc limit 1) k
  where c.task_id = $1`;
const COLUMNS = 'k.*, c.number as callee_number';

export async function selectLatestCalls(db: SqlExecutor, taskId: number, now: number, f: CallFilter, page: Page): Promise<CallRecord[]> {
  const where: string[] = [];
  const values: SqlValue[] = [taskId, now];
  const add = (clause: (n: number) => string, value: SqlValue) => { values.push(value); where.push(clause(values.length)); };
  if (f.durationFrom !== undefined) add((n) => `k.duration_s >= $${n}`, f.durationFrom);
  if (f.durationTo !== undefined) add((n) => `k.duration_s <= $${n}`, f.durationTo);
  if (f.dialogCountFrom !== undefined) add((n) => `coalesce((k.result->>'n')::int, 0) >= $${n}`, f.dialogCountFrom);
  if (f.dialogCountTo !== undefined) add((n) => `coalesce((k.result->>'n')::int, 0) <= $${n}`, f.dialogCountTo);
  if (f.hangup !== undefined) add((n) => `k.result->>'h' = $${n}`, f.hangup);
  if (f.code !== undefined) add((n) => `k.code = $${n}`, f.code);
  if (f.dialed !== undefined) add((n) => `c.dial_number = $${n}`, f.dialed);
  values.push(page.limit, page.offset);
  const rows = await db.query<CallRow>(
    `select ${COLUMNS} ${LATEST}${where.map((w) => ` and ${w}`).join('')}
     order by ${f.order === 'upload' ? 'c.seq' : 'c.first_dial_at, c.seq'} limit $${values.length - 1} offset $${values.length}`, values);
  return rows.map(toCall);
}

export async function selectLatestCall(db: SqlExecutor, taskId: number, now: number, dialed: string): Promise<CallRecord | null> {
  const [row] = await db.query<CallRow>(`select ${COLUMNS} ${LATEST} and c.dial_number = $3`, [taskId, now, dialed]);
  return row ? toCall(row) : null;
}

/** Every ended attempt of a task, in dial order (admin API). */
export async function selectTaskCalls(db: SqlExecutor, taskId: number, now: number, page: Page): Promise<CallRecord[]> {
  const rows = await db.query<CallRow>(
    `select k.*, c.number as callee_number from calls k join callees c on c.task_id = k.task_id and c.seq = k.callee_seq
     where k.task_id = $1 and k.code is not null and k.ended_at <= $2 order by k.started_at, k.id limit $3 offset $4`,
    [taskId, now, page.limit, page.offset]);
  return rows.map(toCall);
}

export async function selectCallees(db: SqlExecutor, taskId: number, state: string | undefined, page: Page): Promise<CalleeListing[]> {
  const rows = await db.query<{ seq: number; number: string; dial_number: string; state: string; attempts: number; due_at: number | null; tts: Record<string, string> | null }>(
    `select seq, number, dial_number, state, attempts, due_at, tts from callees
     where task_id = $1 and ($2::text is null or state = $2) order by seq limit $3 offset $4`,
    [taskId, state ?? null, page.limit, page.offset]);
  return rows.map((r) => ({ seq: r.seq, number: r.number, dialed: r.dial_number, state: r.state, attempts: r.attempts, dueAt: r.due_at, tts: r.tts }));
}

export async function countCalleesByState(db: SqlExecutor, taskId: number): Promise<Record<string, number>> {
  const rows = await db.query<{ state: string; n: number }>('select state, count(*)::int as n from callees where task_id = $1 group by state', [taskId]);
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

export async function selectDuplicates(db: SqlExecutor, taskId: number): Promise<Array<{ fileName: string; numbers: string[] }>> {
  const rows = await db.query<{ file_name: string; duplicates: string[] }>(
    'select file_name, duplicates from called_batches where task_id = $1 order by seq', [taskId]);
  return rows.map((r) => ({ fileName: r.file_name, numbers: r.duplicates }));
}

export async function selectCarrierStats(db: SqlExecutor): Promise<{ dials: number; inFlight: number; byCode: Record<string, number> }> {
  const rows = await db.query<{ code: string | null; n: number }>('select code, count(*)::int as n from calls group by code');
  // An attempt the carrier has not answered yet has no call row: it is a dialing callee holding a lease.
  const [dialing] = await db.query<{ n: number; unrecorded: number }>(
    "select count(*)::int as n, (count(*) filter (where lease_until is not null))::int as unrecorded from callees where state = 'dialing'");
  const byCode: Record<string, number> = {};
  let dials = dialing?.unrecorded ?? 0;
  for (const r of rows) {
    dials += r.n;
    if (r.code !== null) byCode[r.code] = (byCode[r.code] ?? 0) + r.n;
  }
  return { dials, inFlight: dialing?.n ?? 0, byCode };
}
