// Upload throughput (docs/decisions.md D5: p99 < 1 s for 100,000 numbers): UploadRobotTaskCalledFile with
// 100,000 numbers through pop-core POST to a real server, beside the raw cost of storing the same
// batch (one INSERT of the numbers as a text[] into a PGlite copy) measured in the same run.
import { rmSync } from 'node:fs';
import { client } from '../test/support/clients.js';
import { robotcall } from '../test/support/process.js';
import { TEST_KEY, freshDataDir } from '../test/support/test-server.js';
import { openPglite } from '../src/store/pglite.js';

const NUMBERS = 100_000;
const CALLS = Number(process.env.BENCH_UPLOADS ?? 10);

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const batch = (call: number) => Array.from({ length: NUMBERS }, (_, i) => `13${String(call * NUMBERS + i).padStart(9, '0')}`);

export async function benchUpload(): Promise<void> {
  const serverDir = await freshDataDir();
  const server = robotcall(['serve', '--port', '0', '--data-dir', serverDir, '--engine', 'off'], {
    ROBOTCALL_ACCESS_KEY_ID: TEST_KEY.accessKeyId, ROBOTCALL_ACCESS_KEY_SECRET: TEST_KEY.accessKeySecret,
  });
  const port = Number(new URL(await server.ready()).port);
  const call = client('pop-post', { port, ...TEST_KEY });
  const ours: number[] = [];
  try {
    for (let i = 0; i < CALLS; i++) {
      const id = (await call('CreateRobotTask', { TaskName: `upload ${i}`, DialogId: 1000000075003, Caller: '057156860008', NumberStatusIdent: true, RetryType: 0 })).body.Data as string;
      const numbers = batch(i).join(',');
      const t0 = performance.now();
      const r = await call('UploadRobotTaskCalledFile', { Id: id, CalledNumber: numbers });
      ours.push(performance.now() - t0);
      if (r.body.Code !== 'OK') throw new Error(`upload failed: ${JSON.stringify(r.body)}`);
    }
  } finally {
    server.child.kill('SIGTERM');
    await server.exited();
    rmSync(serverDir, { recursive: true, force: true });
  }

  const rawDir = await freshDataDir();
  const db = await openPglite(`${rawDir}/pglite`);
  const raw: number[] = [];
  try {
    await db.query("insert into accounts (name, created_at) values ('bench', 0)");
    for (let i = 0; i < CALLS; i++) {
      const [task] = await db.query<{ id: number }>(
        `insert into tasks (account_id, name, robot_id, robot_name, corp_name, caller, number_status_ident, is_self_line, retry_type,
           recall_state_codes, recall_times, recall_interval, status, schedule_type, created_at)
         select id, 'raw', 1, 'r', '', '1', true, false, 0, '', 0, 0, 'INIT', 'SINGLE', 0 from accounts where name = 'bench' returning id`);
      const numbers = batch(i);
      const t0 = performance.now();
      await db.query(
        `insert into called_batches (file_name, task_id, seq, created_at, numbers, new_keys, duplicates, tts_head, tts_params)
         values ($1, $2, 1, 0, $3, $3, '{}', '[]', '{}')`, [`raw-${i}`, task!.id, numbers]);
      raw.push(performance.now() - t0);
    }
  } finally {
    await db.close();
    rmSync(rawDir, { recursive: true, force: true });
  }

  const row = (target: string, xs: number[]) => ({
    target, 'p50 ms': Math.round(quantile(xs, 0.5)), 'p99 ms': Math.round(quantile(xs, 0.99)), 'max ms': Math.round(Math.max(...xs)), calls: xs.length,
  });
  console.log(`\nUploadRobotTaskCalledFile, ${NUMBERS.toLocaleString('en')} numbers per call (pop-core POST, embedded store), ${CALLS} calls`);
  console.table([row('robotcall: signed call, validate, de-dup, store', ours), row('raw INSERT of the same numbers (PGlite)', raw)]);
  console.log(`ratio of p50s robotcall / raw insert: ${(quantile(ours, 0.5) / quantile(raw, 0.5)).toFixed(1)}x; target p99 < 1000 ms`);
}
