// SQL for what the console charts: a task's outcomes (each callee's latest ended call) by state code
// and by label, its dials over time, and its status history (migration 10).
import type { CallStats } from '../../domain/calls.js';
import type { SqlExecutor } from '../executor.js';

/** About this many points at most on the chart; buckets are whole seconds, minutes, hours or days. */
const MAX_POINTS = 60;
const BUCKETS = [1, 5, 10, 30, 60, 300, 600, 1800, 3600, 10_800, 21_600, 86_400].map((s) => s * 1000);

export function selectCallStats(db: SqlExecutor, taskId: number, now: number): Promise<CallStats> {
  return db.transaction(async (tx) => {
    // Each callee's latest call is found by sorting the task's calls: at the default 4 MB of sort
    // memory, 100,000 of them went to disk (25 MB, most of a second on PGlite). Only for this read.
    await tx.query("set local work_mem = '64MB'");
    return readCallStats(tx, taskId, now);
  });
}

async function readCallStats(db: SqlExecutor, taskId: number, now: number): Promise<CallStats> {
  // Each callee's latest ended call, read once for both counts. Labels are only on answered calls,
  // so only those have their result parsed (the json column is parsed row by row).
  const rows = await db.query<{ kind: 'code' | 'label'; key: string; n: number }>(
    `with latest as materialized (
       select distinct on (callee_seq) code, answered_at, result from calls
       where task_id = $1 and code is not null and ended_at <= $2 order by callee_seq desc, attempt desc)
     select 'code' as kind, code as key, count(*)::int as n from latest group by code
     union all
     select 'label', l, count(*)::int from latest cross join lateral json_array_elements_text(latest.result->'l') l
     where latest.answered_at is not null group by l`, [taskId, now]);
  const codes = rows.filter((r) => r.kind === 'code').map((r) => ({ code: r.key, n: r.n }));
  const labels = rows.filter((r) => r.kind === 'label').map((r) => ({ label: r.key, n: r.n }));
  const [span] = await db.query<{ lo: number | null; hi: number | null }>(
    'select min(started_at) as lo, max(started_at) as hi from calls where task_id = $1 and code is not null and ended_at <= $2', [taskId, now]);
  let overTime: CallStats['overTime'] = { from: 0, bucketMs: BUCKETS[0]!, counts: [] };
  if (span?.lo != null && span.hi != null) {
    const lo = Number(span.lo);
    const bucketMs = BUCKETS.find((b) => (Number(span.hi) - lo) / b < MAX_POINTS) ?? BUCKETS.at(-1)!;
    const from = lo - (lo % bucketMs);
    const rows = await db.query<{ b: number; n: number }>(
      `select ((started_at - $3) / $4)::int as b, count(*)::int as n from calls
       where task_id = $1 and code is not null and ended_at <= $2 group by 1 order by 1`, [taskId, now, from, bucketMs]);
    const counts = new Array<number>(rows.length ? rows.at(-1)!.b + 1 : 0).fill(0);
    for (const r of rows) counts[r.b] = r.n;
    overTime = { from, bucketMs, counts };
  }
  return {
    byCode: Object.fromEntries(codes.map((r) => [r.code, r.n])),
    byLabel: Object.fromEntries(labels.map((r) => [r.label, r.n])),
    overTime,
  };
}

export async function selectStatusLog(db: SqlExecutor, taskId: number): Promise<Array<{ status: string; at: number }>> {
  const rows = await db.query<{ status: string; at: number }>('select status, at from task_status_log where task_id = $1 order by seq limit 1000', [taskId]);
  return rows.map((r) => ({ status: r.status, at: Number(r.at) }));
}
