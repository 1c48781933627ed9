// SQL for called batches: the numbers of one Upload call, kept whole for the .xlsx and for dispatch.
import type { CalledBatch } from '../../domain/types.js';
import type { SqlExecutor } from '../executor.js';
import { ttsParamsJson, ttsParamsOf } from './tts-params.js';

interface BatchRow {
  file_name: string; task_id: number; created_at: number; numbers: string[]; tts_head: string[]; tts_params: Record<string, string[]>;
}

/**
 * Which of `keys` (a new batch's) the task already has, for de-duplication across batches, and how
 * many numbers its batches hold as uploaded, duplicates included (what a task's uploads take up).
 * Intersected in SQL: reading every key of the task into JavaScript for each batch cost 3-4 s of a
 * 300,000-number import in 15 batches (PGlite parses array results in JavaScript; README "Performance").
 */
export async function selectTaskKeys(db: SqlExecutor, taskId: number, keys: string[]): Promise<{ keys: Set<string>; numbers: number }> {
  const [row] = await db.query<{ known: string[] | null; count: number | string | null }>(
    `select (select array_agg(k) from (select unnest($2::text[]) as k intersect select unnest(new_keys) from called_batches where task_id = $1) known) as known,
            (select sum(cardinality(numbers)) from called_batches where task_id = $1) as count`, [taskId, keys]);
  return { keys: new Set(row?.known ?? []), numbers: Number(row?.count ?? 0) };
}

/** The file name of the task's latest batch, or null before its first. */
export async function selectLastBatchName(db: SqlExecutor, taskId: number): Promise<string | null> {
  const [row] = await db.query<{ file_name: string }>('select file_name from called_batches where task_id = $1 order by seq desc limit 1', [taskId]);
  return row?.file_name ?? null;
}

export async function insertBatch(
  db: SqlExecutor, b: CalledBatch, newKeys: string[], duplicates: string[],
): Promise<void> {
  const seqOf = '(select coalesce(max(seq), 0) + 1 from called_batches where task_id = $1)';
  if (db.copyRows) {
    // PGlite encodes a statement's parameters a character at a time in JavaScript: the TtsParam JSON of
    // a 20,000-row upload (~2.5 MB) cost ~170 ms that way, next to nothing by COPY (README "Performance").
    // The caller holds the task's row lock, so the seq read here is still free when the row goes in.
    const [next] = await db.query<{ seq: number }>(`select ${seqOf} as seq`, [b.taskId]);
    await db.copyRows('called_batches', ['file_name', 'task_id', 'seq', 'created_at', 'numbers', 'new_keys', 'duplicates', 'tts_head', 'tts_params'],
      [[b.fileName, b.taskId, next!.seq, b.createdAt, arrayLiteral(b.numbers), arrayLiteral(newKeys), arrayLiteral(duplicates),
        JSON.stringify(b.ttsHead), ttsParamsJson(b.ttsParams)]]);
    return;
  }
  await db.query(
    `insert into called_batches (file_name, task_id, seq, created_at, numbers, new_keys, duplicates, tts_head, tts_params)
     values ($1, $2, ${seqOf.replace('$1', '$2')}, $3, $4, $5, $6, $7, $8)`,
    [b.fileName, b.taskId, b.createdAt, b.numbers, newKeys, duplicates, JSON.stringify(b.ttsHead), ttsParamsJson(b.ttsParams).join('')]);
}

/**
 * A text[] literal, each element quoted: numbers are validated before they are stored, but quoting
 * costs little. Escaped element by element only when some element needs it (none of a batch's
 * numbers ever does, and a regex replace per element was a tenth of an upload's storing); looked for
 * element by element, not in a joined copy of the whole batch.
 */
function arrayLiteral(values: readonly string[]): string {
  if (!values.some(needsEscape)) return values.length === 0 ? '{}' : `{"${values.join('","')}"}`;
  return `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

const needsEscape = (value: string) => value.includes('"') || value.includes('\\');

export async function selectBatch(db: SqlExecutor, fileName: string): Promise<CalledBatch | null> {
  const [r] = await db.query<BatchRow>(
    'select file_name, task_id, created_at, numbers, tts_head, tts_params from called_batches where file_name = $1', [fileName]);
  return r ? { fileName: r.file_name, taskId: r.task_id, createdAt: r.created_at, numbers: r.numbers, ttsHead: r.tts_head, ttsParams: ttsParamsOf(r.tts_params) } : null;
}
