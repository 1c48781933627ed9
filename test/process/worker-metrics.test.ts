// `robotcall worker --metrics-port` (README "Metrics"): a worker's own /metrics, behind the admin
// token, counting the dials its engine made, with the health probes beside it and an access line
// for each request. DB=postgres only: a worker runs beside serve on one PostgreSQL.
import assert from 'node:assert/strict';
import net from 'node:net';
import { afterEach, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Cluster } from '../support/cluster.js';
import { scrape, value } from '../support/metrics.js';
import { runCli } from '../support/process.js';
import { usePostgres } from '../support/test-server.js';
import { VERSION } from '../../src/main.js';

const skip = !usePostgres && 'DB=postgres only (a worker runs beside serve on one PostgreSQL)';
const TOKEN = 'worker-metrics-token-01';

let cluster: Cluster | null = null;
afterEach(async () => { await cluster?.close(); cluster = null; });

test('a worker serves /metrics on its own port: guarded, counting its own dials, with health beside it', { skip }, async () => {
  cluster = await Cluster.create();
  // serve runs no engine: the worker makes every dial.
  await cluster.serve(['--engine', 'off', '--clock', 'manual']);
  const worker = await cluster.worker(['--carrier-timing', 'zero', '--metrics-port', '0', '--admin-token', TOKEN, '--log-format', 'json', '--log-level', 'info']);
  const base = /metrics on (http:\/\/127\.0\.0\.1:\d+)\/metrics/.exec(worker.stdout())?.[1];
  assert.ok(base, worker.stdout());
  const serveBase = `http://127.0.0.1:${cluster.port}`;

  assert.equal((await fetch(`${base}/metrics`)).status, 401);
  assert.equal((await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer nope' } })).status, 401);
  const health = await fetch(`${base}/_robotcall/health`);
  assert.deepEqual([health.status, ((await health.json()) as { engine: unknown }).engine], [200, { state: 'ok' }]);
  assert.equal((await fetch(`${base}/_robotcall/ready`)).status, 200);
  assert.equal((await fetch(`${base}/_robotcall/keys`, { headers: { authorization: `Bearer ${TOKEN}` } })).status, 404, 'a worker serves no admin API');

  const before = await scrape(base, TOKEN);
  assert.equal(value(before, 'robotcall_info', { version: VERSION, command: 'worker', store: 'postgres' }), 1);
  const id = await cluster.task(['13800200000', '13800200002', '13800200004']);
  await cluster.ok('StartRobotTask', { TaskId: id });
  assert.equal((await cluster.admin('POST', 'clock/advance', { ms: 3_600_000 })).status, 200);
  await cluster.finished(id, 20_000);
  const calls = (await cluster.admin('GET', `tasks/${id}/calls`)).json.calls as Array<{ code: string }>;
  assert.equal(calls.length, 3);
  // The worker records a call before the task can finish; its metrics are read after.
  const after = await scrape(base, TOKEN);
  for (const code of ['200000', '200002', '200004']) {
    assert.equal(value(after, 'robotcall_engine_dials_total', { code }) - value(before, 'robotcall_engine_dials_total', { code }),
      calls.filter((c) => c.code === code).length, code);
  }
  assert.equal(value(after, 'robotcall_engine_calls_in_flight'), 0);
  assert.ok(value(after, 'robotcall_engine_pass_duration_seconds_count', { result: 'ok' }) > 0);

  // serve, with its engine off, counts the requests and has no engine series.
  const served = await scrape(serveBase);
  assert.equal(value(served, 'robotcall_rpc_requests_total', { action: 'StartRobotTask', code: 'OK' }), 1);
  assert.ok(![...served.keys()].some((k) => k.startsWith('robotcall_engine_')), 'no engine series with --engine off');

  for (let i = 0; worker.stdout().split('\n').filter((l) => l.includes('"msg":"http"')).length < 7; i++) {
    assert.ok(i < 100, `the worker's access lines: ${worker.stdout()}`);
    await sleep(20);
  }
  const lines = worker.stdout().split('\n').filter((l) => l.includes('"msg":"http"')).map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(lines.map((l) => `${String(l.route ?? l.path)} ${String(l.status)}`).sort(), [
    '/_robotcall/health 200', '/_robotcall/keys 404', '/_robotcall/ready 200', '/metrics 200', '/metrics 200', '/metrics 401', '/metrics 401',
  ].sort());
  assert.ok(!worker.stdout().includes(TOKEN));
});

test('worker --metrics-port refuses a bad port, and a port in use, naming the flag', { skip }, async () => {
  cluster = await Cluster.create();
  const bad = await runCli(['worker', '--database-url', cluster.url, '--metrics-port', '70000']);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /^robotcall: invalid metrics port \(--metrics-port \/ ROBOTCALL_METRICS_PORT\): must be an integer from 0 to 65535\n$/);
  const busy = net.createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  try {
    const port = (busy.address() as net.AddressInfo).port;
    const inUse = await runCli(['worker', '--database-url', cluster.url, '--metrics-port', String(port)]);
    assert.equal(inUse.code, 1);
    assert.match(inUse.stderr, new RegExp(`^robotcall: port ${port} on 127\\.0\\.0\\.1 is in use \\(--metrics-port\\)`, 'm'));
  } finally {
    await new Promise<void>((resolve) => busy.close(() => resolve()));
  }
});
