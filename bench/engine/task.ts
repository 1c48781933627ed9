// The bench task, the same for every engine run: 100,000 callees in one task, run to FINISH by real
// `robotcall` processes with the engine's own cost exposed (zero-latency carrier, limits out of the way).
import { admin } from '../../test/support/admin.js';
import { client, data, type Caller } from '../../test/support/clients.js';
import { TEST_KEY } from '../../test/support/test-server.js';

export const CALLEES = 100_000;

/**
 * Engine flags of every bench process. Limits set high: the bench measures the engine's own cost,
 * not the configured pace; the manual clock is advanced a day at once, so the calling hours and
 * the carrier's call durations take no wall time. BENCH_ENGINE_CLOCK swaps the clock (e.g.
 * scaled:100000, which keeps moving after the advance) to tell the engine's cost from a stall at
 * a manual clock's now.
 */
export const CLOCK = process.env.BENCH_ENGINE_CLOCK ?? 'manual';
export const ENGINE_FLAGS = [
  '--clock', CLOCK, '--carrier-timing', 'zero',
  '--calls-per-second', '1000000', '--task-concurrency', '100000', '--account-concurrency', '100000', '--log-level', 'error',
];

export const KEY_ENV = { ROBOTCALL_ACCESS_KEY_ID: TEST_KEY.accessKeyId, ROBOTCALL_ACCESS_KEY_SECRET: TEST_KEY.accessKeySecret };

export const DAY_MS = 86_400_000;

export interface BenchTask {
  call: Caller;
  id: number;
}

/** Creates the task and uploads its numbers (not timed: the bench starts at StartRobotTask). */
export async function createBenchTask(port: number): Promise<BenchTask> {
  const call = client('pop-post', { port, ...TEST_KEY });
  const id = Number((await call('CreateRobotTask', {
    TaskName: 'bench', DialogId: 1000000075003, Caller: '057156860006', CorpName: 'bench', NumberStatusIdent: false, RetryType: 0,
  })).body.Data);
  const numbers = Array.from({ length: CALLEES }, (_, i) => `137${String(i).padStart(8, '0')}`);
  const upload = await call('UploadRobotTaskCalledFile', { Id: id, CalledNumber: numbers.join(',') });
  if (upload.body.Code !== 'OK') throw new Error(`the bench upload failed: ${JSON.stringify(upload.body)}`);
  return { call, id };
}

export async function startTask(task: BenchTask): Promise<void> {
  const r = await task.call('StartRobotTask', { TaskId: task.id });
  if (r.body.Code !== 'OK') throw new Error(`StartRobotTask failed: ${JSON.stringify(r.body)}`);
}

export async function taskStatus(task: BenchTask): Promise<string> {
  return data<{ status: string }>(await task.call('QueryRobotTaskDetail', { Id: task.id })).status;
}

/** How many of the task's callees are final (QueryRobotTaskList has the count; the detail has not). */
export async function finishCount(task: BenchTask): Promise<number> {
  const rows = data<Array<{ id: number | string; finishCount: number }>>(await task.call('QueryRobotTaskList', { TaskName: 'bench', PageSize: 100 }));
  const row = rows.find((r) => Number(r.id) === task.id);
  if (!row) throw new Error(`QueryRobotTaskList does not list the bench task ${task.id}`);
  return row.finishCount;
}

/** The engine time a day from now on the process at `port`: read before the timed part starts. */
export async function dayAhead(port: number): Promise<number> {
  const r = await admin(port, 'GET', 'clock');
  return Number(r.json.now) + DAY_MS;
}

/** Moves the engine clock of the process at `port` to `to`; answers once that process's engine has caught up. */
export async function advanceClock(port: number, to: number): Promise<void> {
  const r = await admin(port, 'POST', 'clock/advance', { to });
  if (r.status !== 200) throw new Error(`clock advance on port ${port} answered ${r.status}: ${JSON.stringify(r.json)}`);
}
