// SQL for called batches: the numbers of one Upload call, kept whole for the .xlsx and for dispatch.
import type { CalledBatch } from '../../domain/types.js';
import type { SqlExecutor } from '../executor.js';

interface BatchRow {
  file_name: string; task_id: number; created_at: number; numbers: string[]; tts_head: string[]; tts_params: Record<string, string[]>;
}

/**
 * The keys of every number the task already has (for de-duplication across batches), and how many
 * numbers its batches hold as uploaded, duplicates included (what a task's uploads take up).
 */
export async function selectTaskKeys(db: SqlExecutor, taskId: number): Promise<{ keys: Set<string>; numbers: number }> {
  const rows = await db.query<{ new_keys: string[]; count: number }>(
    'select new_keys, cardinality(numbers) as count from called_batches where task_id = $1', [taskId]);
  const keys = new Set<string>();
  let numbers = 0;
  for (const r of rows) {
    for (const k of r.new_keys) keys.add(k);
    numbers += Number(r.count);
  }
  return { keys, numbers };
}

export async function insertBatch(
  db: SqlExecutor, b: CalledBatch, newKeys: string[], duplicates: string[],
): Promise<void> {
  await db.query(
    `insert into called_batches (file_name, task_id, seq, created_at, numbers, new_keys, duplicates, tts_head, tts_params)
     values ($1, $2, (select coalesce(max(seq), 0) + 1 from called_batches where task_id = $2), $3, $4, $5, $6, $7, $8)`,
    [b.fileName, b.taskId, b.createdAt, b.numbers, newKeys, duplicates, JSON.stringify(b.ttsHead), JSON.stringify(b.ttsParams)]);
}

export async function selectBatch(db: SqlExecutor, fileName: string): Promise<CalledBatch | null> {
  const [r] = await db.query<BatchRow>(
    'select file_name, task_id, created_at, numbers, tts_head, tts_params from called_batches where file_name = $1', [fileName]);
  return r ? { fileName: r.file_name, taskId: r.task_id, createdAt: r.created_at, numbers: r.numbers, ttsHead: r.tts_head, ttsParams: r.tts_params } : null;
}
