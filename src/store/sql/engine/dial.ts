// SQL of the dial loop (docs/decisions.md D7, D14): due tasks, a round's claim of due callees (locked on
// PostgreSQL: a cancel waits for the round rather than racing it), and the commit of its attempts
// on their callees before anything is dialed.
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

/** A due callee as the claim sends it: [task id, seq, dial number, TTS variables, attempts so far, due at]. */
export type DueCallee = [number, number, string, Record<string, string> | null, number, number];

/**
 * Up to `limit` due callees per task, most overdue first, locked for the caller's transaction with
 * `for update skip locked` where other processes claim too. The embedded store has one connection,
 * whose transactions run one at a time: there the locks would only cost a write of every row read.
 * The claim comes back as one JSON text, not a row per callee: reading 100,000 rows field by field
 * cost the driver 0.4 s of JavaScript (measured on PGlite), more than the database spent finding them.
 */
export async function selectDueCallees(
  tx: SqlExecutor, before: number, limits: ReadonlyArray<{ taskId: number; limit: number }>, lock: boolean,
): Promise<DueCallee[]> {
  const [row] = await tx.query<{ j: string }>(
    `select coalesce(json_agg(json_build_array(c.task_id, c.seq, c.dial_number, c.tts, c.attempts, c.due_at)
       order by c.due_at, c.task_id, c.seq), '[]')::text as j
     from unnest($1::bigint[], $2::int[]) as q(task_id, lim)
     join tasks t on t.id = q.task_id and t.status = 'EXCUTING'
     cross join lateral (
       select * from callees c where c.task_id = q.task_id and c.state = 'pending' and c.due_at < $3
       order by c.due_at, c.seq limit q.lim ${lock ? 'for update skip locked' : ''}) c`,
    [limits.map((l) => String(l.taskId)), limits.map((l) => String(l.limit)), before]);
  return JSON.parse(row!.j) as DueCallee[];
}

export interface NewCall { id: number; task_id: number; callee_seq: number; attempt: number; caller: string; started_at: number }

/** Ids for `count` new attempts, taken in blocks (migration 8): one row per block, not per id. */
export async function takeAttemptIds(tx: SqlExecutor, count: number): Promise<number[]> {
  const blocks = await tx.query<{ b: number }>(
    `select nextval('call_id_blocks') as b from generate_series(1, $1)`, [Math.ceil(count / CALL_ID_BLOCK)]);
  return Array.from({ length: count }, (_, i) => blocks[Math.floor(i / CALL_ID_BLOCK)]!.b + (i % CALL_ID_BLOCK));
}

/** Must equal the call_id_blocks sequence's increment. */
const CALL_ID_BLOCK = 1000;

/**
 * Commits the attempts of a round (before anything is dialed): their callees (which the round's read
 * locked) become dialing, each with its attempt's id, start and caller, and the round's lease and
 * owner. The call row is written once, with the outcome (outcomes.ts). One statement on the callees'
 * key; its batch's keys are short and it sends nothing back but a count, because both the batch's
 * text and returned rows cost about as much as the update itself (measured: a 10,000-row RETURNING
 * of three columns added a third).
 */
export async function markDialing(tx: SqlExecutor, calls: readonly NewCall[], leaseUntil: number, owner: string): Promise<void> {
  const [marked] = await tx.query<{ n: number }>(
    `with m as (
       update callees c set state = 'dialing', attempts = x.a, attempt_id = x.i, caller = x.c, started_at = x.s,
         lease_until = $2, owner = $3, first_dial_at = coalesce(c.first_dial_at, x.s)
       from json_to_recordset($1::json) as x(i bigint, t bigint, q int, a int, c text, s bigint)
       where c.task_id = x.t and c.seq = x.q
       returning 1)
     select count(*)::int as n from m`,
    [json(calls.map((k) => ({ i: k.id, t: k.task_id, q: k.callee_seq, a: k.attempt, c: k.caller, s: k.started_at }))), leaseUntil, owner]);
  // The round's read locked these callees in this transaction: each is there to mark.
  if (marked?.n !== calls.length) throw new Error(`committing a round marked ${marked?.n} of its ${calls.length} callees dialing`);
  const perTask = new Map<number, number>();
  for (const c of calls) perTask.set(c.task_id, (perTask.get(c.task_id) ?? 0) + 1);
  await addToTasks(tx, 'dial_count', perTask);
}
