// Several processes on one PostgreSQL run tasks as one would (docs/decisions.md D14): limits held
// across them (from call records, and reached), the clock and wake-ups shared, an attempt whose
// owner died recovered by a survivor within its lease. DB=postgres only: the embedded store's data
// dir has one process.
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, test } from 'node:test';
import { Cluster, maxOverlap } from '../support/cluster.js';
import { runCli } from '../support/process.js';
import { usePostgres } from '../support/test-server.js';

const skip = !usePostgres && 'DB=postgres only (several processes share one PostgreSQL)';
const numbers = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let cluster: Cluster | null = null;
afterEach(async () => { await cluster?.close(); cluster = null; });

test('per-task and per-account concurrency and the pace hold across a serve and two workers together', { skip }, async () => {
  cluster = await Cluster.create();
  const limits = ['--clock', 'scaled:300', '--task-concurrency', '3', '--account-concurrency', '5', '--calls-per-second', '2'];
  await cluster.serve(limits);
  await cluster.worker(limits);
  await cluster.worker(limits);
  const a = await cluster.task(numbers('1391111', 40));
  const b = await cluster.task(numbers('1392222', 40));
  await cluster.ok('StartRobotTask', { TaskId: a });
  await cluster.ok('StartRobotTask', { TaskId: b });
  await cluster.finished(a, 60_000);
  await cluster.finished(b, 60_000);
  const [ca, cb] = [await cluster.calls(a), await cluster.calls(b)];
  assert.equal(ca.length + cb.length, 80);
  assert.ok(maxOverlap(ca) <= 3 && maxOverlap(cb) <= 3, `per task: ${maxOverlap(ca)}, ${maxOverlap(cb)}`);
  assert.equal(Math.max(maxOverlap(ca), maxOverlap(cb)), 3, 'the task limit was reached, so the check means something');
  const all = [...ca, ...cb];
  assert.equal(maxOverlap(all), 5, 'account limit 5 reached and never exceeded');
  const starts = all.map((c) => c.started_at).sort((x, y) => x - y);
  for (let i = 1; i < starts.length; i++) assert.ok(starts[i]! - starts[i - 1]! >= 500, `2 calls/s: starts ${starts[i - 1]} and ${starts[i]}`);
  assert.ok(new Set(all.map((c) => c.owner)).size >= 2, `several processes dialed: ${[...new Set(all.map((c) => c.owner))].join(', ')}`);
});

test('a clock advanced through serve moves a worker\'s engine; a start through serve wakes the worker by NOTIFY', { skip }, async () => {
  cluster = await Cluster.create();
  // serve runs no engine: only the worker dials. It polls every 60 s, so within a few seconds only a
  // NOTIFY can wake it (1 s was missed once on a loaded machine).
  await cluster.serve(['--engine', 'off', '--clock', 'manual']);
  await cluster.worker(['--engine-poll', '60']);
  // One callee: on a manual clock the pace lets one call start at the current instant.
  const id = await cluster.task(['13800200000']);
  await cluster.ok('StartRobotTask', { TaskId: id });
  const t0 = performance.now();
  for (;;) {
    if ((await cluster.calls(id)).length === 1) break;
    assert.ok(performance.now() - t0 < 5_000, 'the worker dialed within 5 s of the start');
    await sleep(20);
  }
  // Calls last tens of seconds of engine time: on the manual clock nothing ends until it moves.
  await sleep(300);
  assert.equal(await cluster.status(id), 'EXCUTING');
  const advanced = await cluster.admin('POST', 'clock/advance', { ms: 3_600_000 });
  assert.equal(advanced.status, 200);
  const waited = await cluster.finished(id, 1_500);
  assert.ok(waited < 1_500, `the worker followed the clock in ${Math.round(waited)} ms`);
});

test('a manual clock advanced a day: a worker idle until then joins serve\'s walk instead of dialing at the new now', { skip }, async () => {
  cluster = await Cluster.create();
  // Pace and limits out of the way: starts 1 ms apart, 20,000 calls take 20 s of engine time.
  const flags = ['--clock', 'manual', '--carrier-timing', 'zero', '--calls-per-second', '1000000', '--task-concurrency', '100000',
    '--account-concurrency', '100000'];
  await cluster.serve(flags);
  await cluster.worker(flags);
  const id = await cluster.task(Array.from({ length: 20_000 }, (_, i) => `137${String(i).padStart(8, '0')}`));
  await cluster.ok('StartRobotTask', { TaskId: id });
  await cluster.admin('POST', 'clock/advance', { ms: 86_400_000 });
  // Before, the worker planned at the new now, the shared pace then left room for one start there,
  // and the manual clock never moved on: the task stayed EXCUTING with most callees pending.
  await cluster.finished(id, 30_000);
  const calls = await cluster.calls(id);
  assert.equal(calls.length, 20_000);
  const starts = calls.map((c) => c.started_at);
  assert.ok(Math.max(...starts) - Math.min(...starts) < 60_000, 'dialed in one stretch, as one process would, not a day apart');
});

test('an attempt whose owner was SIGKILLed is recovered by a survivor within its lease, then redialed', { skip }, async () => {
  cluster = await Cluster.create();
  const ledger = path.join(os.tmpdir(), `rc-ledger-${process.pid}-${Date.now()}.jsonl`);
  const lines = () => { try { return readFileSync(ledger, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)); } catch { return []; } };
  try {
    await cluster.serve(['--engine', 'off', '--clock', 'scaled:60']);
    // The carrier takes a minute to answer: the attempt stays unanswered while its owner waits.
    const doomed = await cluster.worker(['--carrier-latency', '60000', '--engine-lease', '3', '--carrier-ledger', ledger]);
    // 13800200000 is always answered (README "Simulated carrier"): only the recovery makes a 200012.
    const id = await cluster.task(['13800200000'], { RetryType: 1, RecallTimes: 1, RecallInterval: 2, RecallStateCodes: '200012' });
    await cluster.ok('StartRobotTask', { TaskId: id });
    for (let i = 0; lines().length === 0; i++) { assert.ok(i < 200, 'the first worker dialed'); await sleep(25); }
    doomed.child.kill('SIGKILL');
    await doomed.exited();
    const killedAt = performance.now();
    await cluster.worker(['--engine-lease', '3', '--carrier-ledger', ledger]);
    await cluster.finished(id, 15_000);
    const calls = await cluster.calls(id);
    assert.deepEqual(calls.map((c) => [c.attempt, c.code === '200012']), [[1, true], [2, false]], 'lost, then redialed');
    // The lease (3 s), a pass (1 s poll), the redial interval (2 min at 60x: 2 s), slack for the worker's start.
    assert.ok(performance.now() - killedAt < 3_000 + 1_000 + 2_000 + 3_000, 'recovered within its lease');
    const dialed = lines();
    assert.equal(dialed.length, 2);
    assert.equal(new Set(dialed.map((l) => l.attemptId)).size, 2, 'no attempt dialed twice');
  } finally {
    rmSync(ledger, { force: true });
  }
});

test('SIGTERM: a worker lets the call in flight end, records it, and exits 0; past --grace it releases the lease', { skip }, async () => {
  cluster = await Cluster.create();
  await cluster.serve(['--engine', 'off', '--clock', 'scaled:60']);
  const patient = await cluster.worker(['--carrier-latency', '1500', '--grace', '10']);
  const id = await cluster.task(['13800200002']); // busy on every attempt
  await cluster.ok('StartRobotTask', { TaskId: id });
  for (let i = 0; (await cluster.inFlight(id)) === 0; i++) { assert.ok(i < 200); await sleep(25); }
  patient.child.kill('SIGTERM');
  assert.equal(await patient.exited(), 0, patient.stderr());
  const [call] = await cluster.calls(id);
  assert.equal(call?.code, '200002', `the carrier's answer was recorded before the exit: ${JSON.stringify(call)}`);

  const hasty = await cluster.worker(['--carrier-latency', '60000', '--grace', '1']);
  const other = await cluster.task(['13800200000'], { RetryType: 1, RecallTimes: 1, RecallInterval: 2, RecallStateCodes: '200012' });
  await cluster.ok('StartRobotTask', { TaskId: other });
  for (let i = 0; (await cluster.inFlight(other)) === 0; i++) { assert.ok(i < 200); await sleep(25); }
  // The attempt the carrier has not answered has no call row yet; the carrier's stats count it all the same.
  const stats = (await cluster.admin('GET', 'carrier/stats')).json as { dials: number; inFlight: number };
  assert.deepEqual([stats.dials, stats.inFlight], [2, 1], 'one call recorded, one dial awaiting its answer');
  const t0 = performance.now();
  hasty.child.kill('SIGTERM');
  assert.equal(await hasty.exited(), 0, hasty.stderr());
  assert.ok(performance.now() - t0 < 5_000, 'the grace bounds the wait');
  assert.match(hasty.stderr(), /leases are released/);
  // Released, not left to run out: a worker with a long lease recovers it at its first pass.
  await cluster.worker(['--engine-lease', '3600']);
  await cluster.finished(other, 10_000);
  assert.deepEqual((await cluster.calls(other)).map((c) => c.code === '200012'), [true, false]);
});

test('robotcall worker refuses the embedded store with a clear message', async () => {
  const r = await runCli(['worker'], { DATABASE_URL: '', ROBOTCALL_DATABASE_URL: '' });
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /worker runs beside serve on PostgreSQL \(--database-url/);
});
