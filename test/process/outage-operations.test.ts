// What an operator sees around a PostgreSQL outage (docs/decisions.md D14, README "Scaling out"):
// readiness back within seconds of the database, a bounded number of log lines however long it is
// away, and a process stopped meanwhile says what it could not record. Found by a review; each
// failed before its fix. DB=postgres only.
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import pg from 'pg';
import { Cluster } from '../support/cluster.js';
import { POSTGRES_ADMIN_URL, usePostgres } from '../support/test-server.js';

const skip = !usePostgres && 'DB=postgres only (several processes share one PostgreSQL)';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let cluster: Cluster | null = null;
let superuser: pg.Client | null = null;
let dbName = '';
afterEach(async () => {
  await superuser?.query(`alter database ${dbName} with allow_connections true`).catch(() => {});
  await superuser?.end();
  superuser = null;
  await cluster?.close();
  cluster = null;
});

async function setUp(): Promise<Cluster> {
  cluster = await Cluster.create();
  dbName = new URL(cluster.url).pathname.slice(1);
  superuser = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await superuser.connect();
  return cluster;
}

/** New connections refused and every existing one cut, as a PostgreSQL restart does. */
async function cut(): Promise<void> {
  await superuser!.query(`alter database ${dbName} with allow_connections false`);
  await superuser!.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [dbName]);
}
async function restore(): Promise<void> {
  await superuser!.query(`alter database ${dbName} with allow_connections true`);
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const t0 = performance.now();
  while (!(await check().catch(() => false))) {
    assert.ok(performance.now() - t0 < timeoutMs, `timed out waiting for ${what} (${timeoutMs} ms)`);
    await sleep(50);
  }
  return performance.now() - t0;
}

// README "Admin API": /_robotcall/ready is "for a load balancer"; "Scaling out": "When the database
// is back, the next pass succeeds". The listening connection is redialed every second and the
// clock is re-read every poll, yet the engine waits out its backoff (0.5 s doubling to 30 s): after
// a 16 s outage every serve stays 503 (out of the load balancer, not dialing) for ~15 s more.
test('/_robotcall/ready is 200 again within a few seconds of the database coming back', { skip }, async () => {
  const c = await setUp();
  await c.serve(['--clock', 'scaled:60']);
  const ready = async () => (await fetch(`http://127.0.0.1:${c.port}/_robotcall/ready`)).status;
  assert.equal(await ready(), 200);
  await cut();
  await waitFor('ready to say 503', async () => (await ready()) === 503, 10_000);
  await sleep(16_000);
  await restore();
  const took = await waitFor('ready to say 200 again', async () => (await ready()) === 200, 40_000);
  assert.ok(took < 3_000, `ready answered 503 for ${Math.round(took)} ms after the database was back`);
});

// README "Logs"/"Scaling out": a failing pass "is logged once per distinct error" and the worker
// "keeps retrying while the database is away". Besides that one line, every process logs two
// warnings per --engine-poll (clock and scenario re-reads) and an error per listener redial, each
// with its stack: ~3 lines a second per process, ~10,000 lines per process in an hour's outage.
test('a worker logs a database outage a bounded number of times, not every second', { skip }, async () => {
  const c = await setUp();
  await c.serve(['--engine', 'off']);
  const w = await c.worker([]);
  await cut();
  await sleep(8_000);
  await restore();
  await sleep(2_000);
  const lines = w.stdout().trim().split('\n').flatMap((l) => { try { return [JSON.parse(l) as { level: number; msg: string }]; } catch { return []; } });
  const problems = lines.filter((l) => l.level >= 40);
  const perMessage = new Map<string, number>();
  for (const l of problems) perMessage.set(l.msg, (perMessage.get(l.msg) ?? 0) + 1);
  const repeated = [...perMessage].filter(([, n]) => n > 2);
  assert.deepEqual(repeated, [], `warn/error lines in an 8 s outage: ${problems.length}, repeated: ${JSON.stringify(repeated)}`);
});

// README "Configuration"/"Scaling out": on SIGTERM a worker "lets calls in flight end within --grace
// and records them, then releases the leases of any still unanswered". With the database away it
// can do neither, yet it prints "stopped" and exits 0 within the grace, saying nothing: its
// attempts stay `dialing` for the whole lease and are then recorded as call loss 200012, although
// the carrier answered them (busy) before the worker exited.
test('a worker stopped while the database is away says its calls were not recorded', { skip }, async () => {
  const c = await setUp();
  await c.serve(['--engine', 'off', '--clock', 'scaled:60']);
  const w = await c.worker(['--carrier-latency', '2000', '--grace', '5', '--engine-lease', '4']);
  const id = await c.task(['13800200002']); // busy on every attempt
  await c.ok('StartRobotTask', { TaskId: id });
  for (let i = 0; (await c.calls(id)).length === 0; i++) { assert.ok(i < 200, 'the worker dialed'); await sleep(25); }
  await cut();
  w.child.kill('SIGTERM');
  const code = await w.exited();
  await restore();
  await c.reconnect();
  // Another engine records the attempt once its lease runs out.
  await c.worker([]);
  await c.finished(id, 20_000);
  const [call] = await c.calls(id);
  const told = code !== 0 || /not recorded|could not|failed/i.test(w.stderr());
  assert.ok(told, `exit ${code}, stderr:\n${w.stderr()}\nthe attempt was then recorded as ${call?.code} (the carrier had answered 200002)`);
});
