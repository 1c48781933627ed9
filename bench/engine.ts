// Engine throughput (issue 3: ≥ 5,000 callees finished per second): a 100,000-callee task run to
// FINISH by a real server (embedded store, --carrier-timing zero, manual clock advanced a day),
// beside the raw rate at which the same database claims and updates rows (the set-based floor:
// claim a batch with `for update skip locked`, then mark it done), measured in the same run.
import { rmSync } from 'node:fs';
import { admin } from '../test/support/admin.js';
import { client, data } from '../test/support/clients.js';
import { robotcall } from '../test/support/process.js';
import { TEST_KEY, freshDataDir } from '../test/support/test-server.js';
import { openPglite } from '../src/store/pglite.js';

const CALLEES = 100_000;
const ROUNDS = Number(process.env.BENCH_ENGINE_ROUNDS ?? 3);
const CLAIM = 5_000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const numbers = () => Array.from({ length: CALLEES }, (_, i) => `137${String(i).padStart(8, '0')}`);

async function engineRun(): Promise<number> {
  const dir = await freshDataDir();
  // Limits set high: the bench measures the engine's own cost, not the configured pace.
  const server = robotcall(['serve', '--port', '0', '--data-dir', dir, '--clock', 'manual', '--carrier-timing', 'zero',
    '--calls-per-second', '1000000', '--task-concurrency', '100000', '--account-concurrency', '100000', '--log-level', 'error'], {
    ROBOTCALL_ACCESS_KEY_ID: TEST_KEY.accessKeyId, ROBOTCALL_ACCESS_KEY_SECRET: TEST_KEY.accessKeySecret,
  });
  try {
    const port = Number(new URL(await server.ready()).port);
    const call = client('pop-post', { port, ...TEST_KEY });
    const id = Number((await call('CreateRobotTask', {
      TaskName: 'bench', DialogId: 1000000075003, Caller: '057156860006', CorpName: 'bench', NumberStatusIdent: false, RetryType: 0,
    })).body.Data);
    await call('UploadRobotTaskCalledFile', { Id: id, CalledNumber: numbers().join(',') });
    const t0 = performance.now();
    await call('StartRobotTask', { TaskId: id });
    await admin(port, 'POST', 'clock/advance', { ms: 86_400_000 });
    const detail = data<{ status: string }>(await call('QueryRobotTaskDetail', { Id: id }));
    const elapsed = performance.now() - t0;
    if (detail.status !== 'FINISH') throw new Error(`the bench task is ${detail.status}, not FINISH`);
    return CALLEES / (elapsed / 1000);
  } finally {
    server.child.kill('SIGTERM');
    await server.exited();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function rawRun(): Promise<number> {
  const dir = await freshDataDir();
  const db = await openPglite(`${dir}/pglite`);
  try {
    await db.query('create table raw_callees (task_id bigint, seq int, number text, state text, due_at bigint, primary key (task_id, seq))');
    await db.query("create index raw_open on raw_callees (task_id, due_at, seq) where state = 'pending'");
    await db.query(`insert into raw_callees select 1, g, '137' || lpad(g::text, 8, '0'), 'pending', 0 from generate_series(1, ${CALLEES}) g`);
    const t0 = performance.now();
    for (;;) {
      const claimed = await db.transaction(async (tx) => {
        const rows = await tx.query<{ seq: number }>(
          `update raw_callees set state = 'dialing' where (task_id, seq) in (
             select task_id, seq from raw_callees where task_id = 1 and state = 'pending' and due_at < 1
             order by due_at, seq limit ${CLAIM} for update skip locked) returning seq`);
        if (rows.length > 0) {
          await tx.query("update raw_callees set state = 'done' where task_id = 1 and seq = any($1::int[])", [rows.map((r) => String(r.seq))]);
        }
        return rows.length;
      });
      if (claimed === 0) break;
    }
    return CALLEES / ((performance.now() - t0) / 1000);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchEngine(): Promise<void> {
  const ours: number[] = [];
  const raw: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    ours.push(await engineRun());
    raw.push(await rawRun());
  }
  const row = (target: string, xs: number[]) => ({ target, 'median callees/s': Math.round(median(xs)), runs: xs.map((x) => Math.round(x)).join(', ') });
  console.log(`\nEngine throughput: a ${CALLEES.toLocaleString('en')}-callee task to FINISH (embedded, --carrier-timing zero), ${ROUNDS} rounds`);
  console.table([
    row('robotcall engine: dispatch, claim, commit attempts, ledger-free dial, record, settle, finish', ours),
    row(`raw PGlite: claim ${CLAIM} with for update skip locked, mark done`, raw),
  ]);
  console.log(`ratio of medians engine / raw claim+update: ${(median(ours) / median(raw)).toFixed(2)}; target ≥ 5,000 callees/s`);
}
