// PostgreSQL going away under a running campaign (docs/decisions.md D14): every connection cut and
// new ones refused for a while, as a restart does. The engine's passes fail, it says so on
// /_robotcall/health (degraded) and /_robotcall/ready (503), retries with backoff, recovers on its
// own when the database is back, and the campaign ends as if nothing happened: no callee left
// dialing, no attempt dialed twice, no callee dialed more than its policy allows.
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import pg from 'pg';
import { Cluster } from '../support/cluster.js';
import { POSTGRES_ADMIN_URL, usePostgres } from '../support/test-server.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const cleanups: Array<() => Promise<void> | void> = [];
after(async () => { for (const c of cleanups.reverse()) await c(); });

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const t0 = performance.now();
  while (!(await check().catch(() => false))) {
    assert.ok(performance.now() - t0 < timeoutMs, `timed out waiting for ${what}`);
    await sleep(50);
  }
}

test('a database outage mid-campaign: degraded, then recovered; nothing left dialing, nothing dialed twice', { skip: !usePostgres && 'DB=postgres only' }, async () => {
  const cluster = await Cluster.create();
  const ledger = path.join(os.tmpdir(), `rc-outage-${process.pid}-${Date.now()}.jsonl`);
  const superuser = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await superuser.connect();
  const dbName = new URL(cluster.url).pathname.slice(1);
  cleanups.push(async () => {
    await superuser.query(`alter database ${dbName} with allow_connections true`).catch(() => {});
    await superuser.end();
    await cluster.close();
    rmSync(ledger, { force: true });
  });
  await cluster.serve(['--clock', 'scaled:120', '--carrier-ledger', ledger, '--task-concurrency', '10']);
  const probe = async (route: string) => {
    const r = await fetch(`http://127.0.0.1:${cluster.port}/_robotcall/${route}`);
    return { status: r.status, json: await r.json() as { engine: { state: string; reason?: string } } };
  };
  const numbers = Array.from({ length: 150 }, (_, i) => `1370${String(i).padStart(7, '0')}`);
  const id = await cluster.task(numbers, { RetryType: 1, RecallTimes: 1, RecallInterval: 2, RecallStateCodes: '200002,200003,200012' });
  await cluster.ok('StartRobotTask', { TaskId: id });
  await waitFor('the campaign to be under way', async () => readFileSync(ledger, 'utf8').split('\n').length > 20);

  // The outage: new connections refused, every existing one cut (robotcall's LISTEN connection too).
  await superuser.query(`alter database ${dbName} with allow_connections false`);
  await superuser.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [dbName]);
  await waitFor('health to say degraded', async () => (await probe('health')).json.engine.state === 'degraded');
  const ready = await probe('ready');
  assert.equal(ready.status, 503);
  assert.ok(ready.json.engine.reason, 'with the reason');
  await sleep(3_000);
  await superuser.query(`alter database ${dbName} with allow_connections true`);

  await waitFor('health to recover', async () => (await probe('health')).json.engine.state === 'ok', 60_000);
  assert.equal((await probe('ready')).status, 200);
  await cluster.reconnect();
  await cluster.finished(id, 60_000);

  const dialing = await cluster.db.query("select count(*)::int as n from callees where task_id = $1 and state in ('pending', 'dialing')", [id]);
  assert.equal(dialing.rows[0].n, 0, 'no callee left open');
  const lines = readFileSync(ledger, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { attemptId: number; number: string });
  assert.equal(new Set(lines.map((l) => l.attemptId)).size, lines.length, 'no attempt dialed twice');
  const perNumber = new Map<string, number>();
  for (const l of lines) perNumber.set(l.number, (perNumber.get(l.number) ?? 0) + 1);
  assert.ok(Math.max(...perNumber.values()) <= 2, 'no callee dialed more than 1 + RecallTimes');
  const calls = await cluster.calls(id);
  assert.ok(calls.every((c) => c.code !== null), 'every attempt answered or recorded lost');
  assert.equal(new Set(calls.map((c) => c.callee_seq)).size, numbers.length, 'every callee dialed');
});
