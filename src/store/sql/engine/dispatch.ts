// SQL of dispatch (docs/architecture.md §5): an uploaded batch of a started task becomes callees.
import type { SqlExecutor } from '../../executor.js';

const json = (rows: unknown) => JSON.stringify(rows);

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
  if (db.copyRows) {
    await db.copyRows('callees', ['task_id', 'seq', 'number', 'dial_number', 'tts', 'state', 'due_at'],
      callees.map((c) => [taskId, c.seq, c.number, c.dial, c.tts === null ? null : JSON.stringify(c.tts), 'pending', due]));
    return;
  }
  await db.query(
    `insert into callees (task_id, seq, number, dial_number, tts, state, due_at)
     select $1, x.seq, x.number, x.dial, x.tts, 'pending', $2
     from json_to_recordset($3::json) as x(seq int, number text, dial text, tts jsonb)`,
    [taskId, due, json(callees)]);
}

export async function markBatchDispatched(db: SqlExecutor, fileName: string): Promise<void> {
  await db.query('update called_batches set dispatched = true where file_name = $1', [fileName]);
}
